/**
 * One monitor run's sampling: every URL of every service is probed once per interval for
 * `observe-for`, whatever it answers (a monitor measures, it never stops at a verdict). URLs start
 * spread over the first interval so a fleet's probes do not fire together, a bounded number are in
 * flight, and a URL whose probe overran its slot skips the slots it missed instead of bursting.
 * The prober classifies probes spoiled by our own stalls (`runner-overloaded`); they are kept in
 * the record and left out of the counts.
 */
import type { Clock } from '../gate/clock.js';
import { InFlightLimit, staggerOffsetMs } from '../gate/pacing.js';
import type { Prober } from '../gate/gate-plan.js';
import { keptForJudging, type Attempt, type ProbeResult } from '../gate/types.js';

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
  /** At most this many probes in flight across all URLs (default: the gate's step-wide bound). */
  maxInFlight?: number;
  signal?: AbortSignal;
  onAttempt?: (attempt: Attempt) => void;
}

/** Every attempt of the run, in the order they completed. */
export async function sampleServices(
  targets: readonly SampleTarget[],
  options: SampleOptions,
): Promise<Attempt[]> {
  const { clock, signal } = options;
  const startedAt = clock.now();
  const endsAt = startedAt + options.observeForMs;
  const inFlight = new InFlightLimit(options.maxInFlight);
  const attempts: Attempt[] = [];
  let seq = 0;
  const sampleOne = async (target: SampleTarget, index: number) => {
    let slot = startedAt + staggerOffsetMs(index, targets.length, target.intervalMs);
    while (slot < endsAt && !signal?.aborted) {
      const wait = slot - clock.now();
      if (wait > 0) await clock.sleep(wait, signal).catch(() => undefined);
      if (signal?.aborted) break;
      // A wait for a free slot shows as lateness (scheduledAt to startedAt), as in the gate.
      const release = await inFlight.acquire(signal).catch(() => undefined);
      if (!release) break;
      const firedAt = clock.now();
      const result = await target
        .probe(target.url, {
          timeoutMs: target.timeoutMs,
          signal: signal ?? new AbortController().signal,
        })
        .catch((error: unknown): ProbeResult => ({
          ok: false,
          latencyMs: clock.now() - firedAt,
          failure: { class: 'network', message: String(error) },
        }))
        .finally(release);
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
      options.onAttempt?.(attempt);
      attempts.push(keptForJudging(attempt));
      // The next slot on the grid that is still ahead: a late probe skips, never bursts.
      const now = clock.now();
      slot += target.intervalMs;
      if (slot < now) slot += Math.ceil((now - slot) / target.intervalMs) * target.intervalMs;
    }
  };
  await Promise.all(targets.map((target, index) => sampleOne(target, index)));
  return attempts;
}
