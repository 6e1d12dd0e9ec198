import { htmlToText } from '../html';
import { createSlugger } from '../render/slugify';

export interface PageHeading {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
}

export interface HeadingOptions {
  /** WIKILINK_STYLE=LINKTITLE: `[[Page|Title]]` shows its second part. */
  readonly linkTitle?: boolean;
  /** At most this many headings (a page of thousands of headings keeps the first ones). */
  readonly max?: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
// Lines that start a block other than a paragraph: they never become setext heading text.
const OTHER_BLOCK = /^ {0,3}(?:[>|<]|[-*+][ \t]|\d{1,9}[.)][ \t]|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$|:::)/;

/**
 * A page's markdown headings with Otter Wiki style anchors, read without rendering (a save must
 * not render twice): ATX and setext headings outside code fences and front matter. The text is
 * the heading's inline markdown reduced to what a reader sees (links → their text, emphasis and
 * code marks dropped), slugged by the renderer's own slugger, so the anchors match the rendered
 * page for ordinary headings. Headings inside blockquotes, lists or raw HTML are not listed.
 */
export function markdownHeadings(markdown: string, options: HeadingOptions = {}): PageHeading[] {
  const max = options.max ?? 200;
  const lines = markdown.split(/\r?\n/);
  const slug = createSlugger();
  const out: PageHeading[] = [];
  let fence: { char: string; length: number } | undefined;
  let paragraph: string[] = [];
  let start = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
    if (close > 0) start = close + 1;
  }
  const push = (level: number, raw: string) => {
    const text = inlineText(raw, options.linkTitle ?? false);
    const anchor = slug(text);
    if (out.length < max) out.push({ level, text, anchor });
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && line.trim() === close[1]) fence = undefined;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      paragraph = [];
      continue;
    }
    if (line.trim() === '') {
      paragraph = [];
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      push(atx[1]!.length, atx[2] ?? '');
      paragraph = [];
      continue;
    }
    const underline = SETEXT.exec(line);
    if (underline && paragraph.length > 0) {
      push(underline[1]![0] === '=' ? 1 : 2, paragraph.join(' '));
      paragraph = [];
      continue;
    }
    if (/^(?: {4}|\t)/.test(line) && paragraph.length === 0) continue; // indented code
    if (OTHER_BLOCK.test(line)) {
      paragraph = [];
      continue;
    }
    paragraph.push(line.trim());
  }
  return out;
}

/** Inline markdown → the text a reader sees (approximately what the renderer's heading holds). */
export function inlineText(raw: string, linkTitle: boolean): string {
  // Code spans and escaped punctuation are set aside first, so nothing below touches them.
  const kept: string[] = [];
  const keep = (value: string) => `\uE000${kept.push(value) - 1}\uE001`;
  const text = raw
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks, code: string) => keep(code.trim()))
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => keep(c))
    // [[Page]], [[Title|Page]] (LINKTITLE: [[Page|Title]])
    .replace(/\[\[([^\]|]*)(?:\|([^\]]*))?\]\]/g, (_m, a: string, b: string | undefined) => (b === undefined ? a : linkTitle ? b : a))
    // ![alt](src), [text](url), [text][ref]
    .replace(/!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])/g, '$1')
    // <https://autolinks>
    .replace(/<((?:https?|mailto):[^>\s]*)>/gi, '$1');
  return htmlToText(text.replace(/<\/?[A-Za-z][^>]*>/g, ''))
    .replace(/(\*\*|__|~~|==)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/\uE000(\d+)\uE001/g, (_m, i: string) => kept[Number(i)] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
