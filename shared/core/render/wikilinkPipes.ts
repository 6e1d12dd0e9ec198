/**
 * A GFM table splits its rows at every `|`, so `[[Title|Page]]` in a cell would become two
 * cells. Before parsing, the bar inside `[[…]]` is swapped for a private-use character the table
 * ignores; the wikilink reads it as the bar, and anything else shows it as `|` again.
 */
export const WIKILINK_PIPE = '\uE000';

const WIKILINK_WITH_PIPE = /\[\[([^\]\n|]*)\|([^\]\n]*)\]\]/g;
const PLACEHOLDER = new RegExp(WIKILINK_PIPE, 'g');

export function protectWikilinkPipes(markdown: string): string {
  if (!markdown.includes('[[')) return markdown;
  return markdown
    .replace(PLACEHOLDER, '')
    .replace(WIKILINK_WITH_PIPE, (_m, left: string, right: string) => `[[${left}${WIKILINK_PIPE}${right}]]`);
}

/** Turns placeholders that ended up outside a wikilink (code, plain text) back into `|`. */
export function restoreWikilinkPipes(html: string): string {
  return html.includes(WIKILINK_PIPE) ? html.replace(PLACEHOLDER, '|') : html;
}
