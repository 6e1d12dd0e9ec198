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
const FOOTNOTE_LABEL_ID = 'footnote-label';
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
  // GFM's footnote section heading has this id on any page with footnotes; a heading of the same
  // name gets the next one, on every page, so its anchor does not change when footnotes come.
  const slug = createSlugger([FOOTNOTE_LABEL_ID]);
  const out = html.replace(MARKED_HEADING, (_match, level: string, inner: string) => {
    const text = htmlToText(mathAsTex(inner)).replace(/\s+/g, ' ').trim();
    const anchor = slug(text);
    toc.push({ level: Number(level), text, anchor });
    return `<h${level} id="${anchor}">${inner}</h${level}>`;
  });
  return { html: out, toc };
}

// KaTeX writes each formula twice, as MathML (with the TeX as an annotation) and as HTML for the
// eye; MathJax fallbacks carry the TeX between `\(…\)` or `\[…\]`.
const KATEX_HTML = '<span class="katex-html" aria-hidden="true">';
const MATHML = /<math\b[\s\S]*?<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>[\s\S]*?<\/math>/g;
const FALLBACK = /<span class="wb-math-fallback[^"]*">\\[([]([\s\S]*?)\\[)\]]<\/span>/g;

/** A heading's formulas as their TeX source, so its text and anchor read `E=mc^2` once. */
export function mathAsTex(html: string): string {
  if (!html.includes('katex') && !html.includes('wb-math-fallback')) return html;
  return withoutKatexHtml(html).replace(MATHML, '$1').replace(FALLBACK, '$1');
}

function withoutKatexHtml(html: string): string {
  let out = '';
  let from = 0;
  for (let at = html.indexOf(KATEX_HTML); at >= 0; at = html.indexOf(KATEX_HTML, from)) {
    out += html.slice(from, at);
    const spans = /<(\/?)span\b[^>]*>/g;
    spans.lastIndex = at;
    let depth = 0;
    for (let m = spans.exec(html); m; m = spans.exec(html)) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) {
        from = m.index + m[0].length;
        break;
      }
    }
    if (depth !== 0) return out;
  }
  return out + html.slice(from);
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
