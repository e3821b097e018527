/**
 * The gate engine: probes every URL through its phases (initial delay, startup, observe) on the
 * injected clock, asks the pure policy after every probe, and stops as soon as the verdict is
 * known. URLs run concurrently, each judged on its own; the first unhealthy URL ends the gate.
 */
import type { Clock } from './clock.js';
import { inconclusiveReason, maxRunnerDelayMs, notCounted, notCountedLine } from './lateness.js';
import { InFlightLimit, nextObserveSlot, staggerOffsetMs } from './pacing.js';
import {
  assess,
  type Assessment,
  type Progress,
  type RuleResult,
  type UrlStatus,
} from './policy.js';
import { RuleTracker } from './rule-tracker.js';
import { startupBackoffMs } from './schedule.js';
import { latencySummary } from './stats.js';
import type { Attempt, GatePhase, GateRunKind, Policy, ProbeResult } from './types.js';

export type Prober = (
  url: string,
  options: { timeoutMs: number; signal: AbortSignal },
) => Promise<ProbeResult>;

/** One URL and how it is judged: each URL of a gate may have its own policy and expectations. */
export interface GateTarget {
  url: string;
  method: string;
  policy: Policy;
  expectedVersion?: string;
  probe: Prober;
}

export interface GatePlan {
  targets: readonly GateTarget[];
  run: GateRunKind;
}

/** Targets that share one method, policy, expectation and prober (a single `url` input). */
export function uniformTargets(
  urls: readonly string[],
  shared: Omit<GateTarget, 'url'>,
): GateTarget[] {
  return urls.map((url) => ({ ...shared, url }));
}

export interface GateDeps {
  clock: Clock;
  /** Uniform in [0, 1): jitter. Injected so simulated runs are reproducible. */
  random?: () => number;
  /** Called as each attempt completes, before the policy looks at it (evidence is written as it happens). */
  onAttempt?: (attempt: Attempt) => void;
  /** Numbering continues across gate runs of one step (the release, then the rollback). */
  nextSeq?: () => number;
  /** Called once per URL when its success streak is reached and observe begins. */
  onObserveStart?: (url: string, at: number) => void;
  /** Aborting cancels the gate: the verdict is then `cancelled`. */
  signal?: AbortSignal;
  /**
   * The policy; bench/ passes other rules here to compare them on the same probe traces. The
   * shipped rule is followed one probe at a time (rule-tracker.ts); another is asked after each.
   */
  judge?: typeof assess;
  /** Bounds the requests in flight; one is shared by every gate of a step (pacing.ts). */
  inFlight?: InFlightLimit;
}

export interface UrlResult {
  url: string;
  assessment: Assessment;
  /** The gate ended (another URL decided, or the run was cancelled) before this URL was done. */
  stopped: boolean;
  /** Too many of this URL's probes were spoiled by our own stall to judge it (see lateness.ts). */
  inconclusive?: string;
  /** Observe slots skipped because the runner fell more than one interval behind (pacing.ts). */
  skipped?: number;
}

/** `error`: the gate could not judge (the runner was overloaded); never a verdict on the release. */
export type GateVerdict = 'healthy' | 'unhealthy' | 'cancelled' | 'error';

export interface GateResult {
  verdict: GateVerdict;
  reason: string;
  decidedBy?: { url: string; rule: RuleResult };
  urls: UrlResult[];
  attempts: Attempt[];
  startedAt: number;
  endedAt: number;
  totals: {
    attempts: number;
    windowSamples: number;
    windowFailures: number;
    errorRate: number | null;
    p50?: number;
    p95?: number;
    p99?: number;
    /** Probes not counted because our own event loop was stalled (runner-overloaded). */
    notCounted?: number;
    /** The longest such stall (ms), when any. */
    runnerMaxDelayMs?: number;
    /** Observe slots skipped: the runner fell more than one interval behind (pacing.ts). */
    skipped?: number;
  };
}

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
  const record = (attempt: Attempt) => {
    attempts.push(attempt);
    deps.onAttempt?.(attempt);
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

async function gateUrl(
  target: GateTarget,
  run: GateRunKind,
  deps: GateDeps & {
    nextSeq: () => number;
    signal: AbortSignal;
    inFlight: InFlightLimit;
    /** Where in the interval this URL's first probe fires (pacing.ts). */
    offsetMs: number;
  },
  record: (a: Attempt) => void,
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
    mine.push(attempt);
    tracker?.add(attempt);
    record(attempt);
    return attempt;
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
      next =
        last.startedAt +
        (last.ok ? policy.intervalMs : startupBackoffMs(policy, failuresInRow, random));
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

function conclude(
  plan: GatePlan,
  urls: UrlResult[],
  attempts: Attempt[],
  startedAt: number,
  endedAt: number,
  cancelled: boolean,
): GateResult {
  const window = urls.flatMap((u) =>
    u.assessment.window.length
      ? u.assessment.window
      : attempts.filter((a) => a.url === u.url && !notCounted(a)),
  );
  const windowFailures = window.filter((a) => !a.ok && !notCounted(a)).length;
  const lost = attempts.filter(notCounted).length;
  const runnerMaxDelayMs = maxRunnerDelayMs(attempts);
  const skipped = urls.reduce((n, u) => n + (u.skipped ?? 0), 0);
  const totals = {
    attempts: attempts.length,
    windowSamples: window.length,
    windowFailures,
    errorRate: window.length ? windowFailures / window.length : null,
    ...latencySummary(window.filter((a) => a.status !== undefined).map((a) => a.latencyMs)),
    notCounted: lost,
    ...(runnerMaxDelayMs !== undefined ? { runnerMaxDelayMs } : {}),
    ...(skipped ? { skipped } : {}),
  };
  const base = { urls, attempts, startedAt, endedAt, totals };
  const failed = urls.find((u) => u.assessment.status === 'unhealthy' && !u.inconclusive);
  const prefix = (url: string) => (plan.targets.length > 1 ? `${url}: ` : '');
  if (failed?.assessment.decidedBy) {
    const rule = failed.assessment.decidedBy;
    return {
      ...base,
      verdict: 'unhealthy',
      reason: `${prefix(failed.url)}${rule.message}`,
      decidedBy: { url: failed.url, rule },
    };
  }
  const inconclusive = urls.find((u) => u.inconclusive);
  if (inconclusive?.inconclusive && !cancelled) {
    return {
      ...base,
      verdict: 'error',
      reason: `${prefix(inconclusive.url)}${inconclusive.inconclusive}`,
    };
  }
  if (cancelled || urls.some((u) => u.assessment.status !== 'healthy')) {
    return {
      ...base,
      verdict: 'cancelled',
      reason: `cancelled after ${attempts.length} attempts, before a verdict`,
    };
  }
  const p95 = totals.p95 === undefined ? '' : `, p95 ${Math.round(totals.p95)} ms`;
  const what = plan.targets.length === 1 ? 'healthy' : `all ${plan.targets.length} URLs healthy`;
  const unjudged = unjudgedRules(urls);
  const verdictText = unjudged.length
    ? `every judged rule passed over ${window.length} probes (${windowFailures} failed${p95}); not judged: ${unjudged.join('; ')}`
    : `every rule passed over ${window.length} judged probes (${windowFailures} failed${p95})`;
  const lostLine = notCountedLine(totals);
  const skippedText = skipped
    ? `; ${skipped} scheduled probe${skipped === 1 ? '' : 's'} skipped: the runner fell more than one interval behind`
    : '';
  const lostText = (lostLine ? `; ${lostLine}` : '') + skippedText;
  return { ...base, verdict: 'healthy', reason: `${what}: ${verdictText}${lostText}` };
}

/** Rules a healthy verdict did not cover (too few samples, no bake), so the reason never overclaims. */
function unjudgedRules(urls: readonly UrlResult[]): string[] {
  const seen = new Map<string, string>();
  for (const rule of urls.flatMap((u) => u.assessment.rules)) {
    if (rule.outcome !== 'not-judged' || seen.has(rule.rule)) continue;
    seen.set(
      rule.rule,
      rule.rule === 'consecutive-failures'
        ? 'consecutive failures (no observe probes)'
        : // The count only: the evidence in brackets is in the rule's own row.
          rule.message.replace(' not judged:', ':').replace(/ \(.*$/, ''),
    );
  }
  return [...seen.values()];
}
