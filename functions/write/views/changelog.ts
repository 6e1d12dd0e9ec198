import { renderChangelog } from '../../../shared/core/views/changelog';
import { escapeHtml } from '../../../shared/core/html';
import { viewHref } from '../../../shared/core/views/format';
import { changelog } from '../commands/changelog';
import { openFrame, type ViewHandler } from './frame';
import { param } from './pageInfo';

/** GET /{user}/{wiki}/-/changelog[?cursor=]: the wiki's commits, newest first, 50 a page, with feed links. */
export const changelogView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const cursor = param(frame, 'cursor');
  const result = await changelog(frame.ctx, frame.id, { cursor, limit: 50 });
  const feeds = `<link rel="alternate" type="application/rss+xml" title="Changelog (RSS)" href="${escapeHtml(viewHref(frame.base, 'changelog/feed.rss'))}">
<link rel="alternate" type="application/atom+xml" title="Changelog (Atom)" href="${escapeHtml(viewHref(frame.base, 'changelog/feed.atom'))}">`;
  return frame.respond(200, {
    title: 'Changelog',
    label: 'Changelog',
    current: 'changelog',
    head: feeds,
    noindex: cursor !== undefined,
    wide: true,
    content: renderChangelog({
      basePath: frame.base, entries: result.entries, nextCursor: result.nextCursor ?? undefined, paged: cursor !== undefined, canEdit: frame.canEdit,
    }),
  });
};
