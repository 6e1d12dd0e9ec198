import { diffArrays, diffWordsWithSpace } from 'diff';
import { escapeHtml } from '../html';

/**
 * Line diffs with the changed words highlighted, for the diff view (side by side or unified) and
 * the conflict screen. Built on the `diff` package: lines are compared with diffArrays (Myers),
 * and each removed line paired with an added line is compared word by word. Both steps are
 * bounded, so a huge or wildly different page degrades to "everything changed" instead of
 * keeping the function busy.
 */

export type DiffMode = 'unified' | 'split';

export interface DiffOptions {
  /** Unchanged lines shown around each change (default 3); the rest collapse into a gap row. */
  readonly context?: number;
  /** Time budget of the line diff in milliseconds (default 1,000); past it, every line counts as changed. */
  readonly timeoutMs?: number;
}

interface NumberedLine {
  readonly no: number;
  readonly html: string;
}

type Block =
  | { readonly type: 'same'; readonly lines: readonly { oldNo: number; newNo: number; html: string }[] }
  | { readonly type: 'change'; readonly del: readonly NumberedLine[]; readonly add: readonly NumberedLine[] };

export interface LineDiff {
  readonly blocks: readonly Block[];
  readonly added: number;
  readonly removed: number;
  /** True when the line diff ran out of time and shows a whole replacement. */
  readonly approximate: boolean;
}

// Word-level marks only for lines of sensible length; longer ones are marked as a whole.
const MAX_WORD_DIFF_CHARS = 2000;
const MAX_WORD_DIFF_PAIRS = 500;

/** A text's lines, without the empty string after a final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `old` and `new` as blocks of unchanged lines and changes, with word marks on paired lines. */
export function diffLines(oldText: string, newText: string, options: DiffOptions = {}): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const changes = diffArrays(a, b, { timeout: options.timeoutMs ?? 1000 });
  const blocks: Block[] = [];
  let oldNo = 1;
  let newNo = 1;
  let pairs = 0;
  let pendingDel: string[] = [];
  let pendingAdd: string[] = [];
  const flush = (wordMarks: boolean) => {
    if (pendingDel.length === 0 && pendingAdd.length === 0) return;
    const del: NumberedLine[] = pendingDel.map((text, i) => ({ no: oldNo + i, html: escapeHtml(text) }));
    const add: NumberedLine[] = pendingAdd.map((text, i) => ({ no: newNo + i, html: escapeHtml(text) }));
    // The i-th removed line is shown against the i-th added one, with the changed words marked.
    const n = wordMarks ? Math.min(del.length, add.length) : 0;
    for (let i = 0; i < n && pairs < MAX_WORD_DIFF_PAIRS; i++, pairs++) {
      const marked = markWords(pendingDel[i]!, pendingAdd[i]!);
      del[i] = { no: del[i]!.no, html: marked.old };
      add[i] = { no: add[i]!.no, html: marked.new };
    }
    blocks.push({ type: 'change', del, add });
    oldNo += del.length;
    newNo += add.length;
    pendingDel = [];
    pendingAdd = [];
  };
  if (!changes) {
    pendingDel = a;
    pendingAdd = b;
    flush(false);
    return { blocks, added: b.length, removed: a.length, approximate: true };
  }
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    if (change.removed) {
      removed += change.value.length;
      pendingDel.push(...change.value);
    } else if (change.added) {
      added += change.value.length;
      pendingAdd.push(...change.value);
    } else {
      flush(true);
      blocks.push({ type: 'same', lines: change.value.map((text) => ({ oldNo: oldNo++, newNo: newNo++, html: escapeHtml(text) })) });
    }
  }
  flush(true);
  return { blocks, added, removed, approximate: false };
}

/** Two versions of a line with the words only one of them has wrapped in `<del>` / `<ins>`. */
export function markWords(before: string, after: string): { old: string; new: string } {
  if (before.length + after.length > MAX_WORD_DIFF_CHARS) return { old: escapeHtml(before), new: escapeHtml(after) };
  const parts = diffWordsWithSpace(before, after, { timeout: 50 });
  if (!parts) return { old: escapeHtml(before), new: escapeHtml(after) };
  // Nothing in common: the line-level colour says it all.
  if (!parts.some((p) => !p.added && !p.removed && p.value.trim() !== '')) return { old: escapeHtml(before), new: escapeHtml(after) };
  let oldHtml = '';
  let newHtml = '';
  for (const part of parts) {
    const text = escapeHtml(part.value);
    if (part.removed) oldHtml += `<del>${text}</del>`;
    else if (part.added) newHtml += `<ins>${text}</ins>`;
    else {
      oldHtml += text;
      newHtml += text;
    }
  }
  return { old: oldHtml, new: newHtml };
}

type Row =
  | { readonly type: 'gap'; readonly count: number }
  | { readonly type: 'same'; readonly oldNo: number; readonly newNo: number; readonly html: string }
  | { readonly type: 'change'; readonly del: readonly NumberedLine[]; readonly add: readonly NumberedLine[] };

/** Blocks → rows, unchanged runs cut to `context` lines around changes. */
function withContext(diff: LineDiff, context: number): Row[] {
  const rows: Row[] = [];
  diff.blocks.forEach((block, index) => {
    if (block.type === 'change') {
      rows.push(block);
      return;
    }
    const first = index === 0;
    const last = index === diff.blocks.length - 1;
    const lines = block.lines;
    const head = first ? 0 : context;
    const tail = last ? 0 : context;
    if (lines.length <= head + tail + 1) {
      for (const line of lines) rows.push({ type: 'same', ...line });
      return;
    }
    for (const line of lines.slice(0, head)) rows.push({ type: 'same', ...line });
    rows.push({ type: 'gap', count: lines.length - head - tail });
    for (const line of lines.slice(lines.length - tail)) rows.push({ type: 'same', ...line });
  });
  return rows;
}

const gapRow = (count: number, columns: number) =>
  `<tr class="wb-diff-gap"><td colspan="${columns}">⋯ ${count} unchanged line${count === 1 ? '' : 's'}</td></tr>`;
const cell = (html: string) => `<td class="wb-diff-code">${html}</td>`;

/** The diff as an HTML table: unified (old and new line numbers, one column of text) or split. */
export function renderLineDiff(diff: LineDiff, mode: DiffMode, options: DiffOptions = {}): string {
  if (diff.added === 0 && diff.removed === 0) return '<p class="wb-diff-empty">No changes.</p>';
  const rows = withContext(diff, options.context ?? 3);
  const out: string[] = [];
  if (mode === 'unified') {
    for (const row of rows) {
      if (row.type === 'gap') out.push(gapRow(row.count, 3));
      else if (row.type === 'same') out.push(`<tr class="wb-diff-same"><td class="wb-ln">${row.oldNo}</td><td class="wb-ln">${row.newNo}</td>${cell(row.html)}</tr>`);
      else {
        for (const line of row.del) out.push(`<tr class="wb-diff-del"><td class="wb-ln">${line.no}</td><td class="wb-ln"></td>${cell(line.html)}</tr>`);
        for (const line of row.add) out.push(`<tr class="wb-diff-add"><td class="wb-ln"></td><td class="wb-ln">${line.no}</td>${cell(line.html)}</tr>`);
      }
    }
    return `<div class="wb-diff-scroll"><table class="wb-diff wb-diff-unified"><tbody>${out.join('')}</tbody></table></div>`;
  }
  for (const row of rows) {
    if (row.type === 'gap') out.push(gapRow(row.count, 4));
    else if (row.type === 'same') {
      out.push(`<tr class="wb-diff-same"><td class="wb-ln">${row.oldNo}</td>${cell(row.html)}<td class="wb-ln">${row.newNo}</td>${cell(row.html)}</tr>`);
    } else {
      const n = Math.max(row.del.length, row.add.length);
      for (let i = 0; i < n; i++) {
        const left = row.del[i];
        const right = row.add[i];
        const l = left ? `<td class="wb-ln">${left.no}</td><td class="wb-diff-code wb-diff-del">${left.html}</td>` : '<td class="wb-ln"></td><td class="wb-diff-none"></td>';
        const r = right ? `<td class="wb-ln">${right.no}</td><td class="wb-diff-code wb-diff-add">${right.html}</td>` : '<td class="wb-ln"></td><td class="wb-diff-none"></td>';
        out.push(`<tr class="wb-diff-change">${l}${r}</tr>`);
      }
    }
  }
  return `<div class="wb-diff-scroll"><table class="wb-diff wb-diff-split"><colgroup><col class="wb-ln-col"><col><col class="wb-ln-col"><col></colgroup><tbody>${out.join('')}</tbody></table></div>`;
}
