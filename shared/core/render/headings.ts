import type { CompileContext, HtmlExtension, Token } from 'micromark-util-types';
import { htmlToText } from '../html';
import { createSlugger } from './slugify';

export interface TocEntry {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
}

// Marks the headings micromark writes, so raw HTML headings (kept as the author wrote them) are
// told apart. Raw HTML cannot carry this attribute: it is not on the allow-list.
const MARK = 'data-wb-h';
const MARKED_HEADING = /<h([1-6]) data-wb-h>([\s\S]*?)<\/h\1>/g;

/**
 * micromark HTML extension: writes `<hN data-wb-h>` instead of `<hN>` for markdown headings.
 * Replaces micromark's own ATX and setext heading handlers with the same logic plus the mark.
 */
export const headingHtml: HtmlExtension = {
  exit: {
    atxHeadingSequence(this: CompileContext, token: Token) {
      if (this.getData('headingRank')) return; // a closing sequence
      const rank = this.sliceSerialize(token).length;
      this.setData('headingRank', rank);
      this.lineEndingIfNeeded();
      this.tag(`<h${rank} ${MARK}>`);
    },
    setextHeading(this: CompileContext) {
      const value = this.resume();
      const rank = this.getData('headingRank') ?? 1;
      this.lineEndingIfNeeded();
      this.tag(`<h${rank} ${MARK}>`);
      this.raw(value);
      this.tag(`</h${rank}>`);
      this.setData('slurpAllLineEndings');
      this.setData('headingRank');
    },
  },
};

/** Gives every marked heading an Otter Wiki style id and returns the table of contents. */
export function addHeadingIds(html: string): { html: string; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  const slug = createSlugger();
  const out = html.replace(MARKED_HEADING, (_match, level: string, inner: string) => {
    const text = htmlToText(inner).replace(/\s+/g, ' ').trim();
    const anchor = slug(text);
    toc.push({ level: Number(level), text, anchor });
    return `<h${level} id="${anchor}">${inner}</h${level}>`;
  });
  return { html: out, toc };
}

/**
 * Splits a leading markdown heading off a container's rendered content: folds and `:::` blocks
 * show it as their summary or title instead (and it stays out of the TOC).
 */
export function takeLeadingHeading(html: string): { heading: string | undefined; rest: string } {
  const match = /^\s*<h([1-6]) data-wb-h>([\s\S]*?)<\/h\1>\s*/.exec(html);
  if (!match) return { heading: undefined, rest: html };
  return { heading: match[2], rest: html.slice(match[0].length) };
}
