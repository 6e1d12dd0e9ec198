import { escapeHtml } from '../html';

/** A match in a text: [start, end) in UTF-16 code units. */
export type Range = readonly [number, number];

export interface SnippetOptions {
  /** Snippets per page. */
  readonly max?: number;
  /** Characters of context a snippet may hold. */
  readonly width?: number;
}

/** Sorts ranges and merges overlapping or touching ones; empty ranges are dropped. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** `text` escaped for HTML with every range wrapped in <mark>. */
export function markRanges(text: string, ranges: readonly Range[], offset = 0): string {
  let html = '';
  let at = 0;
  for (const [s0, e0] of mergeRanges(ranges)) {
    const s = Math.max(s0 - offset, at);
    const e = Math.min(e0 - offset, text.length);
    if (e <= s) continue;
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(text.slice(at));
}

/**
 * Snippets of `text` around `ranges` (the matches, in the order of preference): each is the
 * line a match is on, cut to `width` characters around it at word boundaries with `…` where cut,
 * escaped, with every match in it marked. Shown in text order; as Otter Wiki shows matching lines.
 */
export function buildSnippets(text: string, ranges: readonly Range[], options: SnippetOptions = {}): string[] {
  const max = options.max ?? 3;
  const width = options.width ?? 180;
  const windows: [number, number][] = [];
  for (const [s, e] of ranges) {
    if (windows.length >= max) break;
    if (e <= s || windows.some(([ws, we]) => s >= ws && e <= we)) continue;
    const lineStart = text.lastIndexOf('\n', s - 1) + 1;
    let lineEnd = text.indexOf('\n', e);
    if (lineEnd < 0) lineEnd = text.length;
    let ws = lineStart;
    let we = lineEnd;
    if (we - ws > width) {
      const room = Math.max(0, width - (e - s));
      ws = Math.max(lineStart, s - Math.floor(room / 3));
      we = Math.min(lineEnd, Math.max(e, ws + width));
      ws = Math.max(lineStart, Math.min(ws, we - width));
      if (ws > lineStart) ws = wordStart(text, ws, s);
      if (we < lineEnd) we = wordEnd(text, we, e);
    }
    // Overlapping windows (two matches on one long line) merge.
    const overlap = windows.find(([a, b]) => ws <= b && we >= a);
    if (overlap) {
      overlap[0] = Math.min(overlap[0], ws);
      overlap[1] = Math.max(overlap[1], we);
    } else windows.push([ws, we]);
  }
  return windows
    .sort((a, b) => a[0] - b[0])
    .map(([ws, we]) => {
      const lineStart = text.lastIndexOf('\n', ws - 1) + 1;
      let lineEnd = text.indexOf('\n', we);
      if (lineEnd < 0) lineEnd = text.length;
      const inside = ranges.filter(([s, e]) => e > ws && s < we).map(([s, e]) => [Math.max(s, ws), Math.min(e, we)] as const);
      const body = text.slice(ws, we);
      // Trim surrounding whitespace without moving the ranges.
      const lead = body.length - body.trimStart().length;
      const trimmed = body.trim();
      return `${ws > lineStart ? '…' : ''}${markRanges(trimmed, inside, ws + lead)}${we < lineEnd ? '…' : ''}`;
    });
}

/** A cut point at or after `at` that starts a word, not past `limit` (the match). */
function wordStart(text: string, at: number, limit: number): number {
  for (let i = at; i < limit && i < at + 20; i++) if (/\s/.test(text[i - 1] ?? ' ')) return i;
  return at;
}

/** A cut point at or before `at` that ends a word, not before `limit` (the match's end). */
function wordEnd(text: string, at: number, limit: number): number {
  for (let i = at; i > limit && i > at - 20; i--) if (/\s/.test(text[i] ?? ' ')) return i;
  return at;
}
