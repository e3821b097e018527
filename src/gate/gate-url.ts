/**
 * One URL through its phases: the initial delay, startup (probing until the success streak, with
 * backoff after failures) and observe (one probe per interval), judged after every probe.
 */
import { inconclusiveReason } from './lateness.js';
import { nextObserveSlot, type InFlightLimit } from './pacing.js';
import { assess, type Assessment, type Progress, type UrlStatus } from './policy.js';
import type { GateDeps, GateTarget } from './gate-plan.js';
import type { UrlResult } from './gate-result.js';
import { RuleTracker } from './rule-tracker.js';
import { afterSuccessAt, startupBackoffMs } from './schedule.js';
import type { Attempt, GatePhase, GateRunKind } from './types.js';

export async function gateUrl(
  target: GateTarget,
  run: GateRunKind,
  deps: GateDeps & {
    nextSeq: () => number;
    signal: AbortSignal;
    inFlight: InFlightLimit;
    /** Where in the interval this URL's first probe fires (pacing.ts). */
    offsetMs: number;
  },
  /** Hands the attempt to the evidence; returns what the gate keeps of it. */
  record: (a: Attempt) => Attempt,
): Promise<UrlResult> {
  const { url, policy } = target;
  const { clock, inFlight } = deps;
  // The URL's own signal, linked once to the gate's: its sleeps and probes listen here, so the
  // gate's signal holds one listener per URL rather than one per sleep and probe in flight (an
  // EventTarget checks every listener on each add: quadratic at thousands of URLs).
  const own = new AbortController();
  const onStop = () => own.abort(deps.signal.reason);
  if (deps.signal.aborted) onStop();
  else deps.signal.addEventListener('abort', onStop, { once: true });
  const signal = own.signal;
  const random = deps.random ?? Math.random;
  const mine: Attempt[] = [];
  const progress: Progress = {
    startupExpired: false,
    observeEnded: false,
    ...(target.expectedVersion ? { expectedVersion: target.expectedVersion } : {}),
  };
  const judge = () => (deps.judge ?? assess)(policy, mine, progress);
  const tracker = deps.judge ? undefined : new RuleTracker(policy, target.expectedVersion);
  /** After each probe: the status, followed incrementally; the full assessment only when needed. */
  const statusNow = (): { status: UrlStatus; assessment?: Assessment } => {
    if (tracker) return { status: tracker.status(progress) };
    const assessment = judge();
    return { status: assessment.status, assessment };
  };
  let skipped = 0;
  /** A decision (unhealthy, or healthy at the end) stands only if enough probes were counted. */
  const decided = (assessment: Assessment): UrlResult => {
    const inconclusive = inconclusiveReason(url, mine, assessment.decidedBy?.rule);
    return {
      url,
      assessment,
      stopped: false,
      ...(inconclusive ? { inconclusive } : {}),
      ...(skipped ? { skipped } : {}),
    };
  };
  const sleepUntil = (at: number) => clock.sleep(Math.max(0, at - clock.now()), signal);

  const fire = async (
    scheduledAt: number,
    phase: GatePhase,
    timeoutMs: number,
  ): Promise<Attempt> => {
    // Waiting for a slot delays the start, never the timeout: it counts from the request.
    const release = await inFlight.acquire(signal);
    let attempt: Attempt;
    try {
      const seq = deps.nextSeq();
      const startedAt = clock.now();
      const result = await target.probe(url, { timeoutMs, signal });
      attempt = {
        ...result,
        seq,
        url,
        method: target.method,
        phase,
        run,
        scheduledAt,
        startedAt,
      };
    } finally {
      release();
    }
    const kept = record(attempt);
    mine.push(kept);
    tracker?.add(kept);
    return kept;
  };

  try {
    const waitMs = policy.initialDelayMs + deps.offsetMs;
    await clock.sleep(waitMs, signal);
    const firstAt = clock.now();
    const deadline = firstAt + policy.startupTimeoutMs;
    let next = firstAt;
    let failuresInRow = 0;
    for (;;) {
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        progress.startupExpired = true;
        return decided(judge());
      }
      // Every attempt gets its full timeout: one cut to the few ms left of the budget would
      // report a timeout the release never had.
      const last = await fire(next, 'startup', policy.timeoutMs);
      const now = statusNow();
      if (now.status === 'unhealthy') return decided(now.assessment ?? judge());
      if (now.status !== 'starting') break;
      failuresInRow = last.ok ? 0 : failuresInRow + 1;
      next = last.ok
        ? afterSuccessAt(last, policy.intervalMs)
        : last.startedAt + startupBackoffMs(policy, failuresInRow, random);
      await sleepUntil(Math.min(next, deadline));
    }

    const streakEnd = mine[mine.length - 1]?.startedAt ?? clock.now();
    deps.onObserveStart?.(url, clock.now());
    const slots = Math.floor(policy.observeForMs / policy.intervalMs);
    for (let k = 1; k <= slots; k++) {
      await sleepUntil(streakEnd + k * policy.intervalMs);
      // Fallen more than one interval behind (a stall, a full in-flight bound): skip, no burst.
      const due = nextObserveSlot(k, streakEnd, policy.intervalMs, clock.now());
      if (due.slot > slots) {
        skipped += slots - k + 1;
        break;
      }
      skipped += due.skipped;
      k = due.slot;
      await fire(streakEnd + k * policy.intervalMs, 'observe', policy.timeoutMs);
      const now = statusNow();
      if (now.status === 'unhealthy') return decided(now.assessment ?? judge());
    }
    progress.observeEnded = true;
    return decided(judge());
  } catch (error) {
    if (!signal.aborted) throw error;
    return { url, assessment: judge(), stopped: true, ...(skipped ? { skipped } : {}) };
  } finally {
    deps.signal.removeEventListener('abort', onStop);
  }
}
