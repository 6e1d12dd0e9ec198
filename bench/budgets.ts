import type { CheckResult } from './bundleChecks';
import type { ColdLoadResult } from './coldLoad';
import type { ReadResult } from './read';

/** The budgets. Timings are reported as met or missed; they never fail the run. */
export const BUDGETS = {
  /** assemble bundle, fresh process, median wall clock ≤ this × `node -e 0`. */
  assembleColdLoadRatio: 2.5,
  /** Issue 4: the write bundle's fresh-process load against `node -e 0`. */
  writeColdLoadRatio: 3,
  /** Page GET through the local gateway with its cache off, median, milliseconds. */
  pageGetMedianMs: 5,
} as const;

export interface BudgetRow {
  readonly budget: string;
  readonly limit: string;
  readonly measured: string;
  readonly met: boolean;
  /** A timing within CLOSE_MARGIN of its limit: on a noisy machine it may flip between runs. */
  readonly close: boolean;
}

export const CLOSE_MARGIN = 0.15;
const isClose = (value: number, limit: number) => Math.abs(value / limit - 1) < CLOSE_MARGIN;

export function evaluateBudgets(read: ReadResult, cold: ColdLoadResult, checks: readonly CheckResult[]): BudgetRow[] {
  const assemble = cold.bundles.find((b) => b.name === 'assemble');
  if (!assemble) throw new Error('No cold-load figure for the assemble bundle.');
  const write = cold.bundles.find((b) => b.name === 'write');
  if (!write) throw new Error('No cold-load figure for the write bundle.');
  const lazyChecks = checks.filter((c) => c.bundle === 'write');
  return [
    {
      budget: 'assemble bundle load in a fresh process (median wall clock vs `node -e 0`)',
      limit: `≤ ${BUDGETS.assembleColdLoadRatio.toFixed(1)}×`,
      measured: `${assemble.ratio.toFixed(2)}× (${assemble.wall.median.toFixed(1)} ms vs ${cold.baseline.wall.median.toFixed(1)} ms)`,
      met: assemble.ratio <= BUDGETS.assembleColdLoadRatio,
      close: isClose(assemble.ratio, BUDGETS.assembleColdLoadRatio),
    },
    {
      budget: 'page GET, local gateway, cache off (median)',
      limit: `≤ ${BUDGETS.pageGetMedianMs} ms`,
      measured: `${read.page.median.toFixed(2)} ms`,
      met: read.page.median <= BUDGETS.pageGetMedianMs,
      close: isClose(read.page.median, BUDGETS.pageGetMedianMs),
    },
    {
      budget: 'write bundle load in a fresh process (median wall clock vs `node -e 0`)',
      limit: `≤ ${BUDGETS.writeColdLoadRatio.toFixed(1)}×`,
      measured: `${write.ratio.toFixed(2)}× (${write.wall.median.toFixed(1)} ms vs ${cold.baseline.wall.median.toFixed(1)} ms)`,
      met: write.ratio <= BUDGETS.writeColdLoadRatio,
      close: isClose(write.ratio, BUDGETS.writeColdLoadRatio),
    },
    {
      budget: 'write bundle loads no sql.js / isomorphic-git at module load',
      limit: 'dynamic import() only',
      measured: lazyChecks.every((c) => c.ok) ? 'both behind import() (metafile)' : 'static import found (metafile)',
      met: lazyChecks.every((c) => c.ok),
      close: false,
    },
  ];
}
