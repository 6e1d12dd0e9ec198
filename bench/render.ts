import { performance } from 'node:perf_hooks';
import { renderPage } from '../shared/core/render/renderPage';
import { renderBaseline } from './renderBaseline';
import { summarize, type Summary } from './stats';

/** The issue's budget: a 20 KB page of mixed dialect renders in ≤ 30 ms (warm median). */
export const RENDER_BUDGET_MS = 30;
/** Issue 13's budget: at most 1.2× micromark + GFM alone on the same page, in the same run. */
export const RENDER_BASELINE_RATIO = 1.2;

export interface RenderBenchResult {
  /** Size of the page rendered, in bytes of markdown. */
  readonly bytes: number;
  readonly html: number;
  readonly runs: number;
  /** Wall clock per render, milliseconds. */
  readonly timing: Summary;
  /** CPU time per render (user + system), milliseconds: steadier than wall clock on a busy machine. */
  readonly cpu: Summary;
  readonly budgetMs: number;
  readonly met: boolean;
  /** micromark + GFM alone on the same page, CPU per render, runs interleaved with ours. */
  readonly baselineCpu: Summary;
  /** Median of our CPU time over the baseline's, render by render. */
  readonly ratio: number;
  readonly ratioBudget: number;
  readonly ratioMet: boolean;
}

// Most of a wiki page is prose; the inline constructs turn up in it now and then.
const INLINE = [
  (n: number) => `**part ${n}**`, (n: number) => `==note ${n}==`, (n: number) => `$a_${n}^2 + b^2$`,
  (n: number) => `~~old ${n}~~`, (n: number) => `\`value_${n}\``, (n: number) => `the API${n % 2 ? '' : '[^f' + n + ']'}`,
  (n: number) => `https://example.com/${n}`, (n: number) => `[a link](https://example.com/${n})`,
];

const PROSE = (n: number) => `Section ${n} explains one part of the system in ordinary sentences, the bulk of any
wiki page. It points to [[Topic ${n}]] for background and mentions ${INLINE[n % INLINE.length]!(n)} along the way,
then carries on describing how the pieces fit together and what a reader should try next.

A second paragraph keeps going for a while, as documentation does, with _a little emphasis_ and
${INLINE[(n + 3) % INLINE.length]!(n)} before it ends, leaving the details to [[the index|Index]].
`;

// The block constructs of the dialect, one per section in turn, between paragraphs of prose.
const CONSTRUCTS: ((n: number) => string)[] = [
  (n) => `| Item | Value | Link |\n|:-----|------:|------|\n| alpha | ${n} | [[Alpha ${n}|Docs/Alpha]] |\n| beta | ${n * 2} | ==b== |\n`,
  (n) => `- [x] done ${n}\n- [ ] still open\n  - nested *item*\n- plain item\n`,
  (n) => `> [!TIP]\n> Remember ${n}: alerts hold **markdown**.\n`,
  (n) => `\`\`\`python\ndef section_${n}(x: int) -> int:\n    """Doubles x."""\n    return x * ${n}  # comment\n\`\`\`\n`,
  (n) => `::: info\n# Block ${n}\nFancy blocks too.\n:::\n\n>! Spoiler ${n}\n`,
  (n) => `$$\n\\sum_{i=0}^{${n}} i = \\frac{${n}(${n}+1)}{2}\n$$\n\n>| # Fold ${n}\n>| Folded text.\n`,
  (n) => `<details><summary>Raw HTML ${n}</summary>\n\nAllowed *HTML* with markdown inside.\n\n</details>\n`,
  (n) => `1. First step ${n}\n2. Second step\n3. Third step\n\n> A quote to close section ${n}.\n`,
];

const SECTION = (n: number) =>
  `\n## Section ${n}\n\n${PROSE(n)}\n${CONSTRUCTS[n % CONSTRUCTS.length]!(n)}${n % 2 ? '' : `\n[^f${n}]: Footnote ${n}.\n`}`;

/** A page of about `bytes` of markdown: prose with every construct of the dialect in turn. */
export function mixedDialectPage(bytes = 20 * 1024): string {
  let page = '---\ntitle: Benchmark\n---\n\n# Benchmark page\n\n*[API]: Application Programming Interface\n';
  for (let n = 1; page.length < bytes; n++) page += SECTION(n);
  page += '\n```mermaid\ngraph TD; A-->B\n```\n';
  return page;
}

/**
 * Renders the mixed page `runs` times after `warmup` untimed runs (so KaTeX, highlight.js and
 * the JIT are warm, as in a write function that has saved a page before) and reports the timings.
 */
export function benchRender(options: { runs?: number; warmup?: number; bytes?: number } = {}): RenderBenchResult {
  const { runs = 50, warmup = 20, bytes = 20 * 1024 } = options;
  const markdown = mixedDialectPage(bytes);
  const render = () => renderPage(markdown, { basePath: '/bench/wiki' });
  const baseline = () => renderBaseline(markdown);
  let html = 0;
  for (let i = 0; i < warmup; i++) {
    html = render().html.length;
    baseline();
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  const baseCpu: number[] = [];
  const ratios: number[] = [];
  // Interleaved, so both see the same machine load; CPU time, steadier than wall clock.
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    render();
    const ours = cpuSince(used);
    wall.push(performance.now() - start);
    const baseUsed = process.cpuUsage();
    baseline();
    const theirs = cpuSince(baseUsed);
    cpu.push(ours);
    baseCpu.push(theirs);
    ratios.push(ours / Math.max(theirs, 0.001));
  }
  const timing = summarize(wall);
  const ratio = summarize(ratios).median;
  return {
    bytes: Buffer.byteLength(markdown), html, runs, timing, cpu: summarize(cpu),
    budgetMs: RENDER_BUDGET_MS, met: timing.median <= RENDER_BUDGET_MS,
    baselineCpu: summarize(baseCpu), ratio, ratioBudget: RENDER_BASELINE_RATIO, ratioMet: ratio <= RENDER_BASELINE_RATIO,
  };
}

function cpuSince(used: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(used);
  return (user + system) / 1000;
}

if (require.main === module) {
  const result = benchRender();
  console.log(JSON.stringify(result, null, 2));
}
