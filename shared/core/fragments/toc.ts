import { escapeHtml } from '../html';
import type { TocEntry } from '../render/headings';

/** The "On this page" list for the TOC column; empty when a page has fewer than two headings. */
export function renderToc(toc: readonly TocEntry[]): string {
  if (toc.length < 2) return '';
  const top = Math.min(...toc.map((e) => e.level));
  const items = toc
    .map((e) => `<li class="wb-toc-${Math.min(e.level - top + 1, 4)}"><a href="#${escapeHtml(e.anchor)}">${escapeHtml(e.text)}</a></li>`)
    .join('');
  return `<nav class="wb-toc-nav" aria-labelledby="wb-toc-title"><p class="wb-toc-title" id="wb-toc-title">On this page</p><ul>${items}</ul></nav>`;
}
