import { renderSitemap } from '../../../shared/core/views/sitemap';
import { openFrame, type ViewHandler } from './frame';
import { siteOrigin } from './origin';
import { listIndexedPages } from '../commands/search';
import { textResponse } from './respond';

/** GET /{user}/{wiki}/-/sitemap.xml: every page's URL with its last change, from the page index. */
export const sitemapView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const pages = await listIndexedPages(frame.ctx, frame.id);
  const home = frame.prefs.HOME_PAGE?.trim() || 'home';
  return textResponse(200, renderSitemap(siteOrigin(view.request), frame.base, pages, home), 'application/xml; charset=utf-8');
};
