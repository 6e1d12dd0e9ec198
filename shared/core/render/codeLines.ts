const PIECE = /(<span[^>]*>)|(<\/span>)|(\n)|([^<\n]+|<)/g;

/**
 * Splits highlighted HTML into one well-formed chunk per line: spans open at a line end (a
 * multi-line string or comment) are closed there and opened again on the next line.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  for (const [, openTag, closeTag, newline, text] of html.matchAll(PIECE)) {
    if (openTag) {
      open.push(openTag);
      line += openTag;
    } else if (closeTag) {
      open.pop();
      line += closeTag;
    } else if (newline) {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else {
      line += text;
    }
  }
  lines.push(line + '</span>'.repeat(open.length));
  return lines;
}

/** Wraps each line so the stylesheet can number it (the numbers are not part of copied text). */
export function numberLines(html: string): string {
  return splitHighlightedLines(html).map((line) => `<span class="wb-line">${line}</span>`).join('\n');
}
