import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';

export interface SitemapPage {
  readonly path: string;
  /** ISO date of the last change. */
  readonly updated: string;
}

/**
 * The wiki's pages as a sitemaps.org `urlset`: absolute URLs (the caller passes the origin), the
 * home page as the wiki's root, `lastmod` as the date of the last commit that changed the page.
 */
export function renderSitemap(origin: string, basePath: string, pages: readonly SitemapPage[], homePage = 'home'): string {
  const urls = pages.map((page) => {
    const home = page.path.toLowerCase() === homePage.toLowerCase();
    const loc = `${origin}${home ? `${basePath}/` : pageHref(basePath, page.path)}`;
    const date = new Date(page.updated);
    const lastmod = Number.isNaN(date.getTime()) ? '' : `<lastmod>${date.toISOString().slice(0, 10)}</lastmod>`;
    return `<url><loc>${escapeHtml(loc)}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}
