/**
 * Our own lateness, pure. A probe whose deadline fired while our event loop was stalled (or whose
 * latency was mostly that stall) says nothing about the release: the prober classifies it
 * `runner-overloaded`, and the rules neither count it as a success nor as a failure. When too
 * much evidence is lost this way, the gate is inconclusive rather than judged.
 */
import type { Attempt } from './types.js';

/** A stall shorter than this is timer jitter or a GC pause, not an overloaded runner. */
export const LATE_FLOOR_MS = 100;
/** ...and so is one under this share of the timeout: the release still had 90% of its time. */
export const LATE_SHARE = 0.1;

/** Our delay, in a probe with this timeout, from which the probe is not the release's evidence. */
export function lateThresholdMs(timeoutMs: number): number {
  return Math.max(LATE_FLOOR_MS, LATE_SHARE * timeoutMs);
}

/** Whether our own delay during a probe reached the threshold for its timeout. */
export const runnerWasLate = (runnerDelayMs: number | undefined, timeoutMs: number): boolean =>
  runnerDelayMs !== undefined && runnerDelayMs >= lateThresholdMs(timeoutMs);

/** Excluded from every rule: neither a success nor a failure, and no streak is broken or extended. */
export const notCounted = (a: Attempt): boolean => a.failure?.class === 'runner-overloaded';

export const countedProbes = (attempts: readonly Attempt[]): Attempt[] =>
  attempts.filter((a) => !notCounted(a));

/** Largest stall among the probes not counted (ms), for "event loop up to 1.8 s late". */
export function maxRunnerDelayMs(attempts: readonly Attempt[]): number | undefined {
  let max: number | undefined;
  for (const a of attempts) {
    if (notCounted(a) && a.runnerDelayMs !== undefined) max = Math.max(max ?? 0, a.runnerDelayMs);
  }
  return max;
}

export function formatLate(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s` : `${Math.round(ms)} ms`;
}

/** "12 probes not counted: the runner was overloaded (event loop up to 1.8 s late)", or undefined. */
export function notCountedLine(totals: {
  notCounted?: number;
  runnerMaxDelayMs?: number;
}): string | undefined {
  const n = totals.notCounted ?? 0;
  if (n === 0) return undefined;
  const late = totals.runnerMaxDelayMs;
  const upTo = late === undefined ? '' : ` (event loop up to ${formatLate(late)} late)`;
  return `${n} probe${n === 1 ? '' : 's'} not counted: the runner was overloaded${upTo}`;
}

/**
 * The probes a decision rests on: the startup probes for `startup` and `expected-version`, the
 * span from the first counted success on for the rest (probes not counted included, so the
 * share lost can be seen). Undefined when the decision needs no probes.
 */
function span(attempts: readonly Attempt[], rule: string | undefined): readonly Attempt[] {
  if (rule === 'startup' || rule === 'expected-version')
    return attempts.filter((a) => a.phase !== 'observe');
  const first = attempts.findIndex((a) => a.ok);
  return first < 0 ? attempts : attempts.slice(first);
}

/**
 * Why a decision about one URL cannot be trusted, or undefined when it can: more than half of
 * the probes it rests on were not counted, or none was counted at all. Never a verdict against
 * the release: the gate ends with `error`.
 */
export function inconclusiveReason(
  url: string,
  attempts: readonly Attempt[],
  rule: string | undefined,
): string | undefined {
  const probes = span(attempts, rule);
  const lost = probes.filter(notCounted).length;
  if (lost === 0 || lost * 2 <= probes.length) return undefined;
  const late = maxRunnerDelayMs(probes);
  const upTo = late === undefined ? '' : ` (event loop up to ${formatLate(late)} late)`;
  return `inconclusive: the runner was overloaded: ${lost} of ${probes.length} probes of ${url} not counted${upTo}; more than half of the evidence is lost, so the release is not judged`;
}
