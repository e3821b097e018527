/** When the next probe of one URL fires. Pure: the engine supplies the clock and the randomness. */
import type { Policy } from './types.js';

/** The first retry after a failed startup probe waits interval/8, then 2x each time, up to interval. */
const BACKOFF_START_DIVISOR = 8;
/** Jitter keeps many URLs (or many runners) from probing in lockstep: each wait is 80-100% of its step. */
const JITTER_SPREAD = 0.2;
/** Never a tight loop, whatever the interval. */
export const MIN_WAIT_MS = 10;

/**
 * When the next startup probe is due after a success: one interval after the previous one was
 * due, on the same grid, so our own lateness (a busy runner) does not stretch the schedule as it
 * would counted from when the probe actually left. Never sooner than half an interval after it
 * left: a stall must not collapse a success streak into a burst of probes.
 */
export function afterSuccessAt(
  previous: { scheduledAt: number; startedAt: number },
  intervalMs: number,
): number {
  return Math.max(previous.scheduledAt + intervalMs, previous.startedAt + intervalMs / 2);
}

/** Wait after the n-th consecutive failure during startup (n >= 1). */
export function startupBackoffMs(
  policy: Policy,
  consecutiveFailures: number,
  random: () => number,
): number {
  const step =
    (policy.intervalMs / BACKOFF_START_DIVISOR) * 2 ** Math.max(0, consecutiveFailures - 1);
  const capped = Math.min(policy.intervalMs, step);
  return Math.max(MIN_WAIT_MS, capped * (1 - JITTER_SPREAD * random()));
}
