import type { CheckResult } from './bundleChecks';
import type { ColdLoadResult } from './coldLoad';
import type { ReadResult } from './read';
import { FUNCTION_ENTRIES } from '../esbuild.config';

/** The budgets. Timings are reported as met or missed; they never fail the run. */
export const BUDGETS = {
  /** Issue 14: every function bundle, fresh process, median wall clock ≤ this × `node -e 0`. */
  coldLoadRatio: 2,
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
  const lazyChecks = checks.filter((c) => ['write', 'backfill', 'edgeSync'].includes(c.bundle));
  // The function bundles (FUNCTION_ENTRIES), not the reference bundle of the S3 client alone.
  const functions = cold.bundles.filter((b) => b.name in FUNCTION_ENTRIES);
  if (functions.length !== Object.keys(FUNCTION_ENTRIES).length) throw new Error('A function bundle has no cold-load figure.');
  return [
    ...functions.map((b) => ({
      budget: `${b.name} bundle load in a fresh process (median wall clock vs \`node -e 0\`)`,
      limit: `≤ ${BUDGETS.coldLoadRatio.toFixed(1)}×`,
      measured: `${b.ratio.toFixed(2)}× (${b.wall.median.toFixed(1)} ms vs ${cold.baseline.wall.median.toFixed(1)} ms)`,
      met: b.ratio <= BUDGETS.coldLoadRatio,
      close: isClose(b.ratio, BUDGETS.coldLoadRatio),
    })),
    {
      budget: 'page GET, local gateway, cache off (median)',
      limit: `≤ ${BUDGETS.pageGetMedianMs} ms`,
      measured: `${read.page.median.toFixed(2)} ms`,
      met: read.page.median <= BUDGETS.pageGetMedianMs,
      close: isClose(read.page.median, BUDGETS.pageGetMedianMs),
    },
    {
      budget: 'write, backfill and edge-sync bundles evaluate none of their heavy modules at load',
      limit: 'behind import() only',
      measured: lazyChecks.every((c) => c.ok) ? 'all behind import() (metafile)' : 'a heavy module at load (metafile)',
      met: lazyChecks.every((c) => c.ok),
      close: false,
    },
  ];
}
