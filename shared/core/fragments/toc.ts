import { escapeHtml } from '../html';
import type { TocEntry } from '../render/headings';

/** The "On this page" list for the TOC column; empty when a page has fewer than two headings. */
export function renderToc(toc: readonly TocEntry[]): string {
  if (toc.length < 2) return '';
  const items = toc
    .map((e) => `<li style="margin-left:${(e.level - 1) * 0.75}rem"><a href="#${escapeHtml(e.anchor)}">${escapeHtml(e.text)}</a></li>`)
    .join('');
  return `<nav aria-label="On this page"><strong>On this page</strong><ul>${items}</ul></nav>`;
}
