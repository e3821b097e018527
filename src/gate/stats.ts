/** Small, exact statistics for the policy. */

/** Nearest-rank percentile of ascending-sorted values; undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** z for a two-sided 95% interval: each bound alone is wrong at most 2.5% of the time. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion `hits / n`: the fixed-sample rule the gate used before
 * its sequential one (evidence.ts), kept as the baseline bench/decision-quality.mjs compares with.
 * 1 of 11 gives [1.6%, 37.7%], 9 of 30 gives [16.7%, 47.9%]. Re-tested after every probe, its
 * false-alarm rate grows with the number of looks.
 */
export function wilsonInterval(
  hits: number,
  n: number,
  z = Z_95,
): { lower: number; upper: number } {
  if (n === 0) return { lower: 0, upper: 1 };
  const p = hits / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return {
    lower: Math.max(0, (centre - spread) / denominator),
    upper: Math.min(1, (centre + spread) / denominator),
  };
}

export function sortedAscending(values: Iterable<number>): number[] {
  return [...values].sort((a, b) => a - b);
}

export interface LatencySummary {
  p50?: number;
  p95?: number;
  p99?: number;
}

export function latencySummary(latencies: Iterable<number>): LatencySummary {
  const sorted = sortedAscending(latencies);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}
