/** Order statistics for latency samples (milliseconds). */

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new Error('No samples to summarise.');
  return [...samples].sort((a, b) => a - b);
}

/**
 * The `p`-th percentile (0–100) with linear interpolation between the closest ranks
 * (the "type 7" estimator of R and NumPy's default).
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new Error(`Percentile must be within 0..100, not ${p}.`);
  return percentileOfSorted(sorted(samples), p);
}

function percentileOfSorted(values: readonly number[], p: number): number {
  const rank = (p / 100) * (values.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = values[lower]!;
  return low + (values[upper]! - low) * (rank - lower);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
  const values = sorted(samples);
  return {
    n: values.length,
    median: percentileOfSorted(values, 50),
    p90: percentileOfSorted(values, 90),
    p99: percentileOfSorted(values, 99),
    min: values[0]!,
    max: values[values.length - 1]!,
    mean: values.reduce((sum, v) => sum + v, 0) / values.length,
  };
}

/** `a / b`, for ratios of medians. */
export function ratio(a: number, b: number): number {
  return b === 0 ? Number.POSITIVE_INFINITY : a / b;
}
