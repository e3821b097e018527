/**
 * The gate engine: probes every URL through its phases (initial delay, startup, observe) on the
 * injected clock, asks the pure policy after every probe, and stops as soon as the verdict is
 * known. URLs run concurrently, each judged on its own; the first unhealthy URL ends the gate.
 */
import { InFlightLimit, staggerOffsetMs } from './pacing.js';
import type { GateDeps, GatePlan } from './gate-plan.js';
import { conclude, type GateResult } from './gate-result.js';
import { gateUrl } from './gate-url.js';
import { keptForJudging, type Attempt } from './types.js';

// service/, summary/ and evidence/ import these from here.
export { uniformTargets, type GatePlan, type Prober } from './gate-plan.js';
export type { GateResult, UrlResult } from './gate-result.js';

class Stopped extends Error {}

export async function runGate(plan: GatePlan, deps: GateDeps): Promise<GateResult> {
  const { clock } = deps;
  const startedAt = clock.now();
  const stop = new AbortController();
  const onCancel = () => stop.abort(new Stopped('cancelled'));
  deps.signal?.addEventListener('abort', onCancel, { once: true });
  if (deps.signal?.aborted) onCancel();
  let seq = 0;
  const nextSeq = deps.nextSeq ?? (() => ++seq);
  const attempts: Attempt[] = [];
  /** The evidence gets every field of an attempt; the gate keeps what it judges. */
  const record = (attempt: Attempt): Attempt => {
    deps.onAttempt?.(attempt);
    const kept = keptForJudging(attempt);
    attempts.push(kept);
    return kept;
  };
  const inFlight = deps.inFlight ?? new InFlightLimit();
  const count = plan.targets.length;
  try {
    const urls = await Promise.all(
      plan.targets.map(async (target, index) => {
        const result = await gateUrl(
          target,
          plan.run,
          {
            ...deps,
            nextSeq,
            signal: stop.signal,
            inFlight,
            offsetMs: staggerOffsetMs(index, count, target.policy.intervalMs),
          },
          record,
        );
        if (result.assessment.status === 'unhealthy' || result.inconclusive)
          stop.abort(new Stopped('decided'));
        return result;
      }),
    );
    return conclude(plan, urls, attempts, startedAt, clock.now(), deps.signal?.aborted === true);
  } finally {
    // Whatever ended the gate (a verdict, a cancel, a throw), no URL keeps probing after it.
    stop.abort(new Stopped('ended'));
    deps.signal?.removeEventListener('abort', onCancel);
  }
}
