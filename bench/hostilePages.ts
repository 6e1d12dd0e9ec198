import { performance } from 'node:perf_hooks';
import { PageTooComplexError, RENDER_LIMITS } from '../shared/core/render/renderBudget';
import { renderPage } from '../shared/core/render/renderPage';
import { DEFAULT_LIMITS } from '../functions/write/config';
import { mixedDialectPage } from './render';

/**
 * The cost bound of a page (issue 11, docs/rendering.md): every page up to the size limit renders
 * in ≤ 2 s or is refused before any work. Measured here, never asserted in tests: the issue's
 * hostile pages (refused: how long the refusal takes) and, for each render limit, a page filled
 * to the size limit with the most costly shape that still passes it. The baseline, measured in
 * the same run, is an ordinary mixed-dialect page of the same size; ratios compare against it.
 */
export const HOSTILE_BUDGET_MS = 2000;

export interface HostileCase {
  readonly name: string;
  readonly bytes: number;
  /** CPU milliseconds (user + system) of renderPage, the best of the runs. */
  readonly cpuMs: number;
  readonly wallMs: number;
  /** What renderPage did: rendered, or refused naming a limit. */
  readonly outcome: string;
  /** cpuMs over the baseline's. */
  readonly ratio: number;
}

export interface HostileBenchResult {
  readonly bytes: number;
  readonly baseline: HostileCase;
  readonly cases: HostileCase[];
  readonly budgetMs: number;
  readonly met: boolean;
}

const fill = (bytes: number, unit: (n: number) => string, separator = '') => {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const part = unit(n) + separator;
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, bytes);
};
const table = (rows: number, cols: number) => `|${' x |'.repeat(cols)}\n|${' --- |'.repeat(cols)}\n${`|${' x |'.repeat(cols)}\n`.repeat(rows)}`;
const depth = RENDER_LIMITS.nesting - 1;

/** The issue's pages, refused. */
const REFUSED: [string, () => string][] = [
  ["'::: info\\n' × 3000", () => '::: info\n'.repeat(3000)],
  ["'>' × 30000", () => '>'.repeat(30000)],
  ['a 300 × 100 table', () => table(300, 100)],
  ['a 3000-column table', () => table(3, 3000)],
  ["'*a' × 30000", () => '*a'.repeat(30000)],
  ["'- item\\n\\n' × 30000", () => '- item\n\n'.repeat(30000)],
];

/** The costliest page each limit lets through, filled to `bytes`. */
const AT_LIMIT: [string, (bytes: number) => string][] = [
  [`quotes ${depth} deep on every line`, (b) => fill(b, () => `${'> '.repeat(depth)}text\n`)],
  [`${RENDER_LIMITS.containers} list items in one list, then prose`, (b) => {
    const head = '- item\n'.repeat(RENDER_LIMITS.containers);
    return head + fill(b - head.length, (n) => `Paragraph ${n} of plain text.\n\n`);
  }],
  [`lists ${depth} deep, up to ${RENDER_LIMITS.containers} items, then prose`, (b) => {
    const lists = Math.floor((RENDER_LIMITS.containers - 1) / depth);
    const list = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item`).join('\n');
    const head = `${list}\n\n`.repeat(lists);
    return head + fill(b - head.length, (n) => `Paragraph ${n} of plain text.\n\n`);
  }],
  [`${RENDER_LIMITS.containers} one-line quotes, then prose`, (b) => {
    const head = '> quote\n\n'.repeat(RENDER_LIMITS.containers);
    return head + fill(b - head.length, (n) => `Paragraph ${n} of plain text.\n\n`);
  }],
  [`::: blocks ${RENDER_LIMITS.blockNesting} deep around all the text`, (b) => `${'::: info\n'.repeat(RENDER_LIMITS.blockNesting)}${fill(b - 200, (n) => `Paragraph ${n} of plain text inside.\n\n`)}`],
  [`${RENDER_LIMITS.tableCells - 10} table cells (999 × 10), then prose`, (b) => table(997, 10) + fill(b - 60_000, (n) => `Paragraph ${n} of plain text.\n\n`)],
  [`a ${RENDER_LIMITS.tableColumns}-column table of 98 rows, then prose`, (b) => table(97, RENDER_LIMITS.tableColumns) + fill(b - 42_000, (n) => `Paragraph ${n} of plain text.\n\n`)],
  [`'*a' paragraphs of ${RENDER_LIMITS.inlineMarkers}, to the page limit, then prose`, (b) => markersThenProse(b, '*a', 1)],
  [`'[' paragraphs of ${RENDER_LIMITS.inlineMarkers}, to the page limit, then prose`, (b) => markersThenProse(b, '[', 1)],
  ['footnote references, to the page limit, then prose', (b) => markersThenProse(b, '[^a]', 2)],
  ['links, to the page limit, then prose', (b) => markersThenProse(b, '[a](b) ', 2)],
  ['raw HTML inline tags', (b) => fill(b, (n) => `<b>x${n}</b> <span class="c">y</span>\n`)],
];

/** Paragraphs as full of `unit` (holding `markers` markers) as the limits allow, then ordinary prose. */
function markersThenProse(bytes: number, unit: string, markers: number): string {
  const paragraph = `${unit.repeat(RENDER_LIMITS.inlineMarkers / markers)}\n\n`;
  const head = paragraph.repeat(RENDER_LIMITS.pageMarkers / RENDER_LIMITS.inlineMarkers);
  return head + fill(bytes - head.length, (n) => `Paragraph ${n} of plain text.\n\n`);
}

function measure(name: string, markdown: string, runs: number): Omit<HostileCase, 'ratio'> {
  let cpuMs = Infinity;
  let wallMs = Infinity;
  let outcome = 'rendered';
  for (let i = 0; i < runs; i++) {
    const used = process.cpuUsage();
    const start = performance.now();
    try {
      renderPage(markdown, { basePath: '/bench/wiki' });
    } catch (error) {
      if (!(error instanceof PageTooComplexError)) throw error;
      outcome = `refused (${error.limit})`;
    }
    wallMs = Math.min(wallMs, performance.now() - start);
    const { user, system } = process.cpuUsage(used);
    cpuMs = Math.min(cpuMs, (user + system) / 1000);
  }
  return { name, bytes: markdown.length, cpuMs, wallMs, outcome };
}

export function benchHostilePages(options: { bytes?: number; runs?: number } = {}): HostileBenchResult {
  const { bytes = DEFAULT_LIMITS.maxPageBytes, runs = 2 } = options;
  renderPage(mixedDialectPage(4096), { basePath: '/bench/wiki' }); // warm: KaTeX, highlight.js, the JIT
  const base = measure(`baseline: mixed dialect, ${Math.round(bytes / 1024)} KB`, mixedDialectPage(bytes), runs);
  const baseline = { ...base, ratio: 1 };
  const cases = [
    ...REFUSED.map(([name, page]) => measure(name, page(), runs)),
    ...AT_LIMIT.map(([name, page]) => measure(name, page(bytes), runs)),
  ].map((c) => ({ ...c, ratio: c.cpuMs / baseline.cpuMs }));
  const met = [baseline, ...cases].every((c) => c.cpuMs <= HOSTILE_BUDGET_MS);
  return { bytes, baseline, cases, budgetMs: HOSTILE_BUDGET_MS, met };
}

/** The markdown section for docs/benchmarks.md. */
export function hostileMarkdown(r: HostileBenchResult): string {
  const row = (c: HostileCase) => `| ${c.name} | ${(c.bytes / 1024).toFixed(0)} KB | ${c.outcome} | ${c.cpuMs.toFixed(0)} | ${c.ratio.toFixed(2)}× |`;
  return [
    '## Cost of hostile pages (issue 11)',
    '',
    `Each page goes through renderPage (best of the runs, CPU ms); refused pages stop at the linear pre-check. ` +
      `Budget: every page ≤ ${r.budgetMs} ms: ${r.met ? 'met' : 'MISSED'}.`,
    '',
    '| page | size | outcome | CPU ms | vs baseline |',
    '|---|---|---|---|---|',
    row(r.baseline),
    ...r.cases.map(row),
    '',
  ].join('\n');
}
