import { htmlToText } from '../html';
import { createSlugger } from './slugify';

export interface TocEntry {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
}

// micromark writes headings without attributes and escapes raw HTML, so this matches only its own.
const HEADING = /<h([1-6])>([\s\S]*?)<\/h\1>/g;

/** Gives every heading an Otter Wiki style id and returns the table of contents. */
export function addHeadingIds(html: string): { html: string; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  const slug = createSlugger();
  const out = html.replace(HEADING, (_match, level: string, inner: string) => {
    const text = htmlToText(inner).trim();
    const anchor = slug(text);
    toc.push({ level: Number(level), text, anchor });
    return `<h${level} id="${anchor}">${inner}</h${level}>`;
  });
  return { html: out, toc };
}
