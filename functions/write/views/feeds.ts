import { renderAtom, renderRss } from '../../../shared/core/views/feeds';
import { changelog } from '../commands/changelog';
import { openFrame, type ViewHandler } from './frame';
import { siteOrigin } from './origin';
import { textResponse } from './respond';

const FEED_ENTRIES = 30;

async function feed(view: Parameters<ViewHandler>[0], kind: 'rss' | 'atom') {
  const frame = await openFrame(view, 'read');
  const { entries } = await changelog(frame.ctx, frame.id, { limit: FEED_ENTRIES });
  const options = {
    origin: siteOrigin(view.request),
    basePath: frame.base,
    siteName: frame.prefs.SITE_NAME || frame.scope.record.title,
    entries,
    now: frame.ctx.deps.clock.now(),
  };
  return kind === 'rss'
    ? textResponse(200, renderRss(options), 'application/rss+xml; charset=utf-8')
    : textResponse(200, renderAtom(options), 'application/atom+xml; charset=utf-8');
}

/** GET /{user}/{wiki}/-/changelog/feed.rss: the latest 30 commits as RSS 2.0. */
export const rssFeedView: ViewHandler = (view) => feed(view, 'rss');
/** GET /{user}/{wiki}/-/changelog/feed.atom: the same as Atom 1.0. */
export const atomFeedView: ViewHandler = (view) => feed(view, 'atom');
