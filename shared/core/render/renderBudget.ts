import { WikibotError } from '../errors';

/**
 * The cost bound of a page (docs/rendering.md). micromark's time grows faster than the page for a
 * few shapes: deep nesting (each line re-checks every open container, a `:::` block re-parses its
 * whole content once per level), many emphasis or link brackets in one paragraph (delimiter
 * matching looks back over the open ones), very wide tables. This check refuses such a page
 * before anything is committed or rendered, in one linear pass, naming the limit it hit.
 * Counts are conservative (an upper bound of what micromark will see): code is skipped, but a
 * `>` or list marker always counts.
 */
export const RENDER_LIMITS = {
  /** Containers open on one line: block quotes, spoilers, folds, alerts, list items, `:::` blocks. */
  nesting: 16,
  /** `:::` blocks open inside one another (each level parses its content again). */
  blockNesting: 4,
  /** Columns of one table row. */
  tableColumns: 100,
  /** Table cells on the page. */
  tableCells: 10_000,
  /** `*`, `_`, `[` and `]` in one paragraph (or one table row). */
  inlineMarkers: 1_000,
  /** Containers opened on the page: list items, block quotes (spoilers, folds, alerts), `:::` blocks. */
  containers: 2_000,
  /** `*`, `_`, `[` and `]` on the whole page. */
  pageMarkers: 20_000,
} as const;

export type RenderLimit = keyof typeof RENDER_LIMITS;

const LIMIT_NAMES: Record<RenderLimit, string> = {
  nesting: 'nesting depth (quotes, lists, spoilers, folds, alerts and ::: blocks inside one another)',
  blockNesting: '::: blocks inside one another',
  tableColumns: 'columns in a table row',
  tableCells: 'table cells on a page',
  inlineMarkers: 'emphasis and link markers (*, _, [, ]) in one paragraph',
  containers: 'list items, quotes and ::: blocks on a page (each costs a parser of its own)',
  pageMarkers: 'emphasis and link markers (*, _, [, ]) on a page',
};

/** 422: the page is within the size limit but would cost too much to render. */
export class PageTooComplexError extends WikibotError {
  constructor(readonly limit: RenderLimit, readonly value: number, line: number) {
    super('page_too_complex',
      `This page exceeds the limit of ${RENDER_LIMITS[limit]} ${LIMIT_NAMES[limit]} (it has ${value}, on line ${line}). ` +
      'Split the page or simplify that part; nothing was saved.',
      { limit, max: RENDER_LIMITS[limit], value, line });
  }
}

const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const FENCE = /^(`{3,}|~{3,})/;
const BLOCK_FENCE = /^:{3,}[ \t]*(\S?)/;
// `* * *`, `- - -`, `___`: a rule, not list items.
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

interface Prefix {
  /** Container markers (`>`, list bullets and numbers) plus indentation levels. */
  readonly depth: number;
  /** `>` markers and list markers alone. */
  readonly quotes: number;
  readonly items: number;
  /** Where the line's content starts. */
  readonly start: number;
}

/** Throws PageTooComplexError when the page would exceed a render limit; linear in its length. */
export function checkRenderBudget(markdown: string): void {
  const lines = markdown.split(/\r\n?|\n/);
  let fence: string | undefined;
  let blocks = 0;
  let inTable = false;
  let tableCells = 0;
  let markers = 0;
  let containers = 0;
  let quotes = 0;
  let pageMarkers = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const prefix = containerPrefix(line, fence === undefined);
    const rest = line.slice(prefix.start);
    const at = n + 1;
    if (prefix.depth + blocks > RENDER_LIMITS.nesting) throw new PageTooComplexError('nesting', prefix.depth + blocks, at);
    // Every list item opens a container; a quote, where a line has more `>` than the one before.
    if (fence === undefined) containers += prefix.items + Math.max(0, prefix.quotes - quotes);
    quotes = prefix.quotes;
    if (containers > RENDER_LIMITS.containers) throw new PageTooComplexError('containers', containers, at);
    const fenceMatch = FENCE.exec(rest);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && rest.slice(fenceMatch[1]!.length).trim() === '') fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      markers = 0;
      continue;
    }
    if (rest.trim() === '') {
      inTable = false;
      markers = 0;
      continue;
    }
    const block = BLOCK_FENCE.exec(rest);
    if (block) {
      // `::: family` opens; a bare `:::` closes the innermost block, or opens a plain one.
      const opens = Boolean(block[1]) || blocks === 0;
      blocks += opens ? 1 : -1;
      if (opens && ++containers > RENDER_LIMITS.containers) throw new PageTooComplexError('containers', containers, at);
      if (blocks > RENDER_LIMITS.blockNesting) throw new PageTooComplexError('blockNesting', blocks, at);
      markers = 0;
      continue;
    }
    if (!inTable && rest.includes('-') && DELIMITER_ROW.test(rest.trim()) && (rest.includes('|') || (lines[n - 1] ?? '').includes('|'))) {
      inTable = true;
      const columns = cellsOf(rest);
      if (columns > RENDER_LIMITS.tableColumns) throw new PageTooComplexError('tableColumns', columns, at);
      // The head row above was counted as paragraph text; count it as cells now.
      tableCells += columns + cellsOf(lines[n - 1] ?? '');
      if (tableCells > RENDER_LIMITS.tableCells) throw new PageTooComplexError('tableCells', tableCells, at);
      continue;
    }
    if (inTable) {
      const cells = cellsOf(rest);
      if (cells > RENDER_LIMITS.tableColumns) throw new PageTooComplexError('tableColumns', cells, at);
      tableCells += cells;
      if (tableCells > RENDER_LIMITS.tableCells) throw new PageTooComplexError('tableCells', tableCells, at);
      markers = 0; // each cell is inline content of its own
    }
    const found = inlineMarkersOf(rest);
    markers += found;
    pageMarkers += found;
    if (markers > RENDER_LIMITS.inlineMarkers) throw new PageTooComplexError('inlineMarkers', markers, at);
    if (pageMarkers > RENDER_LIMITS.pageMarkers) throw new PageTooComplexError('pageMarkers', pageMarkers, at);
  }
}

/** Container markers at the start of a line, and the indentation (two columns a level) of a list item's line. */
function containerPrefix(line: string, countIndent: boolean): Prefix {
  if (THEMATIC_BREAK.test(line)) return { depth: 0, start: 0, quotes: 0, items: 0 };
  let depth = 0;
  let quotes = 0;
  let indent = 0;
  let i = 0;
  for (;;) {
    let spaces = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
      spaces += line[i] === '\t' ? 4 : 1;
      i++;
    }
    // One space after a marker belongs to the marker.
    indent += depth > 0 ? Math.max(0, spaces - 1) : spaces;
    const c = line[i];
    if (c === '>') {
      depth++;
      quotes++;
      i++;
      if (line[i] === '!' || line[i] === '|') i++;
      continue;
    }
    const bullet = c === '-' || c === '*' || c === '+';
    const digits = /^\d{1,9}[.)]/.exec(line.slice(i, i + 11));
    const size = bullet ? 1 : digits ? digits[0].length : 0;
    const after = line[i + size];
    if (size > 0 && (after === undefined || after === ' ' || after === '\t')) {
      depth++;
      i += size;
      continue;
    }
    break;
  }
  const items = depth - quotes;
  // Indentation nests only list items (two columns a level); elsewhere it is code or continuation,
  // whose containers were opened, and counted, on an item's line.
  return { depth: depth + (countIndent && items > 0 ? Math.floor(indent / 2) : 0), start: i, quotes, items };
}

/** Cells of a table row: its unescaped pipes, less an outer pipe at either end. */
function cellsOf(row: string): number {
  const text = row.trim();
  let pipes = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|') {
      pipes++;
      last = i;
    }
  }
  const outer = (text.startsWith('|') ? 1 : 0) + (last === text.length - 1 && text.length > 1 ? 1 : 0);
  return Math.max(1, pipes + 1 - outer);
}

function inlineMarkersOf(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95 || c === 91 || c === 93) count++; // * _ [ ]
  }
  return count;
}
