/**
 * One monitor run's sampling: every URL of every service is probed once per interval for
 * `observe-for`, whatever it answers (a monitor measures, it never stops at a verdict). URLs start
 * spread over the first interval so a fleet's probes do not fire together, a bounded number are in
 * flight, and a URL whose probe overran its slot skips the slots it missed instead of bursting.
 * The prober classifies probes spoiled by our own stalls (`runner-overloaded`); they are kept in
 * the record and left out of the counts.
 */
import type { Clock } from '../gate/clock.js';
import type { Prober } from '../gate/run-gate.js';
import type { Attempt, ProbeResult } from '../gate/types.js';

export interface SampleTarget {
  service: string;
  url: string;
  method: string;
  intervalMs: number;
  timeoutMs: number;
  probe: Prober;
}

export interface SampleOptions {
  clock: Clock;
  observeForMs: number;
  /** At most this many probes in flight across all URLs. */
  maxInFlight?: number;
  signal?: AbortSignal;
  onAttempt?: (attempt: Attempt) => void;
}

export const DEFAULT_MAX_IN_FLIGHT = 64;

/** A tiny counting semaphore: probes wait their turn rather than pile up sockets. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** Every attempt of the run, in the order they completed. */
export async function sampleServices(
  targets: readonly SampleTarget[],
  options: SampleOptions,
): Promise<Attempt[]> {
  const { clock, signal } = options;
  const startedAt = clock.now();
  const endsAt = startedAt + options.observeForMs;
  const run = limiter(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const attempts: Attempt[] = [];
  let seq = 0;
  const sampleOne = async (target: SampleTarget, index: number) => {
    const offset = Math.floor((index / Math.max(1, targets.length)) * target.intervalMs);
    let slot = startedAt + offset;
    while (slot < endsAt && !signal?.aborted) {
      const wait = slot - clock.now();
      if (wait > 0) await clock.sleep(wait, signal).catch(() => undefined);
      if (signal?.aborted) break;
      const firedAt = clock.now();
      const result = await run(() =>
        target
          .probe(target.url, {
            timeoutMs: target.timeoutMs,
            signal: signal ?? new AbortController().signal,
          })
          .catch((error: unknown): ProbeResult => ({
            ok: false,
            latencyMs: clock.now() - firedAt,
            failure: { class: 'network', message: String(error) },
          })),
      );
      if (signal?.aborted) break;
      const attempt: Attempt = {
        ...result,
        seq: ++seq,
        url: target.url,
        method: target.method,
        phase: 'observe',
        run: 'release',
        scheduledAt: slot,
        startedAt: firedAt,
      };
      attempts.push(attempt);
      options.onAttempt?.(attempt);
      // The next slot on the grid that is still ahead: a late probe skips, never bursts.
      const now = clock.now();
      slot += target.intervalMs;
      if (slot < now) slot += Math.ceil((now - slot) / target.intervalMs) * target.intervalMs;
    }
  };
  await Promise.all(targets.map((target, index) => sampleOne(target, index)));
  return attempts;
}
