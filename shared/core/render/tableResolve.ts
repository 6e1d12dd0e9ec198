import type { Construct, Event, Extension, Point, Resolver, Token, TokenizeContext } from 'micromark-util-types';
import { gfmTable } from 'micromark-extension-gfm-table';

declare module 'micromark-util-types' {
  interface Token {
    /** Column alignment of a `table` token, as micromark-extension-gfm-table's HTML reads it. */
    _align?: Array<'left' | 'center' | 'right' | 'none'>;
  }
}

/**
 * GFM tables with upstream's tokenizer and our own resolver. Upstream's resolver records its edits
 * in a list it scans on every edit (four or so per cell), so a page's table cost grows with the
 * square of its cells: a 300 × 100 table took 11–14 s, 200 KB of small tables 46 s (issue 11).
 * This resolver builds the same events with edits looked up by index, in time linear in the
 * events; test/shared/core/render/tableResolve.test.ts checks it against upstream's output.
 */
export function linearGfmTable(): Extension {
  const upstream = gfmTable();
  const table = upstream.flow?.null as Construct;
  return { flow: { null: { name: table.name, tokenize: table.tokenize, resolveAll: resolveTable } } };
}

type Edit = [at: number, remove: number, add: Event[]];

/** Splices to apply at the end, each found by its index in O(1). */
class EditMap {
  private readonly edits: Edit[] = [];
  private readonly byIndex = new Map<number, Edit>();

  add(at: number, remove: number, add: Event[]): void {
    if (remove === 0 && add.length === 0) return;
    const existing = this.byIndex.get(at);
    if (existing) {
      existing[1] += remove;
      for (const event of add) existing[2].push(event);
      return;
    }
    const edit: Edit = [at, remove, add];
    this.byIndex.set(at, edit);
    this.edits.push(edit);
  }

  /** Applies every edit to `events` in place (one pass). */
  consume(events: Event[]): void {
    if (this.edits.length === 0) return;
    this.edits.sort((a, b) => a[0] - b[0]);
    const out: Event[] = [];
    let position = 0;
    for (const [at, remove, add] of this.edits) {
      for (let i = position; i < at; i++) out.push(events[i]!);
      for (const event of add) out.push(event);
      position = Math.max(position, at + remove);
    }
    for (let i = position; i < events.length; i++) out.push(events[i]!);
    events.length = 0;
    for (const event of out) events.push(event);
  }
}

// Which row a cell is in: none, the head, the delimiter row, the body.
const enum RowKind { None, Head, Delimiter, Body }
// A cell's event indices: [end of the previous cell, its divider, first data, last data].
type Range = [number, number, number, number];

const isCellData = (type: string) => type === 'data' || type === 'tableDelimiterMarker' || type === 'tableDelimiterFiller';

const resolveTable: Resolver = (events, context) => {
  let rowKind = RowKind.None;
  let inFirstCellAwaitingPipe = true;
  let lastCell: Range = [0, 0, 0, 0];
  let cell: Range = [0, 0, 0, 0];
  let afterHeadAwaitingFirstBodyRow = false;
  let lastTableEnd = 0;
  let currentTable: Token | undefined;
  let currentBody: Token | undefined;
  let currentCell: Token | undefined;
  const map = new EditMap();

  for (let index = 0; index < events.length; index++) {
    const [kind, token] = events[index]!;
    if (kind === 'enter') {
      if (token.type === 'tableHead') {
        afterHeadAwaitingFirstBodyRow = false;
        if (lastTableEnd !== 0) {
          flushTableEnd(map, context, lastTableEnd, currentTable!, currentBody);
          currentBody = undefined;
          lastTableEnd = 0;
        }
        currentTable = { type: 'table', start: { ...token.start }, end: { ...token.end } };
        map.add(index, 0, [['enter', currentTable, context]]);
      } else if (token.type === 'tableRow' || token.type === 'tableDelimiterRow') {
        inFirstCellAwaitingPipe = true;
        currentCell = undefined;
        lastCell = [0, 0, 0, 0];
        cell = [0, index + 1, 0, 0];
        if (afterHeadAwaitingFirstBodyRow) {
          afterHeadAwaitingFirstBodyRow = false;
          currentBody = { type: 'tableBody', start: { ...token.start }, end: { ...token.end } };
          map.add(index, 0, [['enter', currentBody, context]]);
        }
        rowKind = token.type === 'tableDelimiterRow' ? RowKind.Delimiter : currentBody ? RowKind.Body : RowKind.Head;
      } else if (rowKind !== RowKind.None && isCellData(token.type)) {
        inFirstCellAwaitingPipe = false;
        if (cell[2] === 0) {
          if (lastCell[1] !== 0) {
            cell[0] = cell[1];
            currentCell = flushCell(map, context, lastCell, rowKind, undefined, currentCell);
            lastCell = [0, 0, 0, 0];
          }
          cell[2] = index;
        }
      } else if (token.type === 'tableCellDivider') {
        if (inFirstCellAwaitingPipe) {
          inFirstCellAwaitingPipe = false;
        } else {
          if (lastCell[1] !== 0) {
            cell[0] = cell[1];
            currentCell = flushCell(map, context, lastCell, rowKind, undefined, currentCell);
          }
          lastCell = cell;
          cell = [lastCell[1], index, 0, 0];
        }
      }
    } else if (token.type === 'tableHead') {
      afterHeadAwaitingFirstBodyRow = true;
      lastTableEnd = index;
    } else if (token.type === 'tableRow' || token.type === 'tableDelimiterRow') {
      lastTableEnd = index;
      if (lastCell[1] !== 0) {
        cell[0] = cell[1];
        currentCell = flushCell(map, context, lastCell, rowKind, index, currentCell);
      } else if (cell[1] !== 0) {
        currentCell = flushCell(map, context, cell, rowKind, index, currentCell);
      }
      rowKind = RowKind.None;
    } else if (rowKind !== RowKind.None && isCellData(token.type)) {
      cell[3] = index;
    }
  }
  if (lastTableEnd !== 0) flushTableEnd(map, context, lastTableEnd, currentTable!, currentBody);
  map.consume(context.events);

  for (let index = 0; index < context.events.length; index++) {
    const [kind, token] = context.events[index]!;
    if (kind === 'enter' && token.type === 'table') token._align = alignOf(context.events, index);
  }
  return events;
};

/** Cell enter/exit and its content token around the cell's data; `rowEnd` closes the row's last cell. */
function flushCell(map: EditMap, context: TokenizeContext, range: Range, rowKind: RowKind, rowEnd: number | undefined, previous: Token | undefined): Token | undefined {
  const type = rowKind === RowKind.Head ? 'tableHeader' : rowKind === RowKind.Delimiter ? 'tableDelimiter' : 'tableData';
  if (range[0] !== 0) {
    previous!.end = { ...pointAt(context.events, range[0]) };
    map.add(range[0], 0, [['exit', previous!, context]]);
  }
  const now = pointAt(context.events, range[1]);
  let cellToken: Token | undefined = { type, start: { ...now }, end: { ...now } };
  map.add(range[1], 0, [['enter', cellToken, context]]);
  if (range[2] !== 0) {
    const content: Token = { type: 'tableContent', start: { ...pointAt(context.events, range[2]) }, end: { ...pointAt(context.events, range[3]) } };
    map.add(range[2], 0, [['enter', content, context]]);
    if (rowKind !== RowKind.Delimiter) {
      // The cell's data becomes one text chunk, parsed as inline content later.
      const start = context.events[range[2]]!;
      const end = context.events[range[3]]!;
      start[1].end = { ...end[1].end };
      start[1].type = 'chunkText';
      start[1].contentType = 'text';
      if (range[3] > range[2] + 1) map.add(range[2] + 1, range[3] - range[2] - 1, []);
    }
    map.add(range[3] + 1, 0, [['exit', content, context]]);
  }
  if (rowEnd !== undefined) {
    cellToken.end = { ...pointAt(context.events, rowEnd) };
    map.add(rowEnd, 0, [['exit', cellToken, context]]);
    cellToken = undefined;
  }
  return cellToken;
}

function flushTableEnd(map: EditMap, context: TokenizeContext, index: number, table: Token, body: Token | undefined): void {
  const exits: Event[] = [];
  const at = pointAt(context.events, index);
  if (body) {
    body.end = { ...at };
    exits.push(['exit', body, context]);
  }
  table.end = { ...at };
  exits.push(['exit', table, context]);
  map.add(index + 1, 0, exits);
}

function pointAt(events: Event[], index: number): Point {
  const [kind, token] = events[index]!;
  return kind === 'enter' ? token.start : token.end;
}

/** Alignment per column, from the delimiter row's colons (`:--` left, `:-:` center, `--:` right). */
function alignOf(events: Event[], index: number): NonNullable<Token['_align']> {
  let inDelimiterRow = false;
  const align: NonNullable<Token['_align']> = [];
  for (; index < events.length; index++) {
    const [kind, token] = events[index]!;
    if (!inDelimiterRow) {
      if (kind === 'enter' && token.type === 'tableDelimiterRow') inDelimiterRow = true;
    } else if (kind === 'enter' && token.type === 'tableContent') {
      align.push(events[index + 1]![1].type === 'tableDelimiterMarker' ? 'left' : 'none');
    } else if (kind === 'exit' && token.type === 'tableContent') {
      if (events[index - 1]![1].type === 'tableDelimiterMarker') {
        const last = align.length - 1;
        align[last] = align[last] === 'left' ? 'center' : 'right';
      }
    } else if (kind === 'exit' && token.type === 'tableDelimiterRow') {
      break;
    }
  }
  return align;
}
