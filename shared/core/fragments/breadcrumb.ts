import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';
import { titleFromFileName } from '../title';

/**
 * Home › Folder › Page for the page at `segments` (as requested, decoded). Parent folders show
 * their title-cased names, the page itself its title. Empty on the home page. Tiny: the assembler
 * renders it per request.
 */
export function renderBreadcrumb(basePath: string, segments: readonly string[], title: string): string {
  if (segments.length === 0) return '';
  const crumbs = [`<li><a href="${escapeHtml(basePath)}/">Home</a></li>`];
  segments.slice(0, -1).forEach((segment, index) => {
    const href = pageHref(basePath, segments.slice(0, index + 1).join('/'));
    crumbs.push(`<li><a href="${escapeHtml(href)}">${escapeHtml(titleFromFileName(segment))}</a></li>`);
  });
  crumbs.push(`<li aria-current="page">${escapeHtml(title)}</li>`);
  return `<nav class="wb-breadcrumb" aria-label="Breadcrumb"><ol>${crumbs.join('')}</ol></nav>\n`;
}
