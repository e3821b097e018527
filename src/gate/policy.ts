/**
 * The rollback policy, pure: one URL's attempts in, its status and every rule's outcome out.
 * Nothing is stored between calls; every number is derived from the attempts (as Argo Rollouts
 * derives a metric's phase from its measurements), so the same attempts give the same verdict.
 */
import { formatDuration } from './duration.js';
import { countedProbes } from './lateness.js';
import { errorRateRule, judgedProbes, latencyRules } from './rate-rules.js';
import { latencySummary } from './stats.js';
import type { Attempt, Policy } from './types.js';

export type RuleName =
  'startup' | 'expected-version' | 'consecutive-failures' | 'error-rate' | `latency-${string}`;
export type RuleOutcome = 'pass' | 'fail' | 'pending' | 'not-judged';

export interface RuleResult {
  rule: RuleName;
  /** What was measured, in the unit of `limit` (a count, a fraction, milliseconds, a version). */
  observed: number | string | null;
  limit: number | string;
  outcome: RuleOutcome;
  /** The sentence a reviewer reads, with the numbers that decided it. */
  message: string;
  /** Sequential rules (error rate, latency): the evidence against the limit; fails at 1/alpha. */
  evidence?: number;
  alpha?: number;
}

export type UrlStatus = 'starting' | 'observing' | 'healthy' | 'unhealthy';

export interface Progress {
  /** The startup budget is spent. */
  startupExpired: boolean;
  /** The bake time after the success streak is over. */
  observeEnded: boolean;
  /** The expected version, when one is configured. */
  expectedVersion?: string;
}

export interface Assessment {
  status: UrlStatus;
  /** The first failing rule, in the order below: the one a reviewer reads first. */
  decidedBy?: RuleResult;
  rules: RuleResult[];
  /** The attempts error rate and latency are judged over: every probe from the first success on. */
  window: Attempt[];
  summary: {
    attempts: number;
    successes: number;
    failures: number;
    /** Probes not counted: our own event loop was stalled (runner-overloaded). */
    notCounted?: number;
    errorRate: number | null;
    p50?: number;
    p95?: number;
    p99?: number;
  };
}

const plural = (n: number, word: string) =>
  `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;

function lastFailureText(attempts: readonly Attempt[]): string {
  const last = [...attempts].reverse().find((a) => !a.ok);
  return last?.failure ? `; last: ${last.failure.message}` : '';
}

/** Length of the run of failures at the end of the list. */
function trailingFailures(attempts: readonly Attempt[]): number {
  let run = 0;
  for (let i = attempts.length - 1; i >= 0 && !attempts[i]?.ok; i--) run++;
  return run;
}

function startupRule(policy: Policy, startup: readonly Attempt[], progress: Progress): RuleResult {
  const k = policy.successThreshold;
  const streak = startup.slice(-k);
  const reached = streak.length === k && streak.every((a) => a.ok);
  const limit = `${k} consecutive successes within ${formatDuration(policy.startupTimeoutMs)}`;
  if (reached) {
    return {
      rule: 'startup',
      observed: k,
      limit,
      outcome: 'pass',
      message: `${plural(k, 'consecutive success')} after ${plural(startup.length, 'attempt')}`,
    };
  }
  const successes = startup.filter((a) => a.ok).length;
  const best = longestRun(startup, true);
  const message = `no ${plural(k, 'consecutive success')} within ${formatDuration(policy.startupTimeoutMs)}: ${successes} of ${plural(startup.length, 'attempt')} succeeded (longest streak ${best})${lastFailureText(startup)}`;
  return {
    rule: 'startup',
    observed: best,
    limit,
    outcome: progress.startupExpired ? 'fail' : 'pending',
    message,
  };
}

function longestRun(attempts: readonly Attempt[], ok: boolean): number {
  let best = 0;
  let run = 0;
  for (const a of attempts) {
    run = a.ok === ok ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

function versionRule(
  policy: Policy,
  attempts: readonly Attempt[],
  expected: string,
  startupPassed: boolean,
  progress: Progress,
): RuleResult {
  const served = attempts.some((a) => a.versionSeen === expected);
  const seen = new Map<string, number>();
  for (const a of attempts)
    if (a.versionSeen !== undefined) seen.set(a.versionSeen, (seen.get(a.versionSeen) ?? 0) + 1);
  const others = [...seen]
    .filter(([v]) => v !== expected)
    .map(([v, n]) => `${v} in ${n}`)
    .join(', ');
  if (served || startupPassed) {
    return {
      rule: 'expected-version',
      observed: expected,
      limit: expected,
      outcome: 'pass',
      message: `version ${expected} served`,
    };
  }
  // Only a response that showed another (or no) version proves the wrong release is serving.
  if (!attempts.some((a) => a.failure?.class === 'version')) {
    return {
      rule: 'expected-version',
      observed: null,
      limit: expected,
      outcome: progress.startupExpired ? 'not-judged' : 'pending',
      message: `version ${expected} not seen yet: no response passed far enough to show a version`,
    };
  }
  const message = `expected version ${expected} never served within ${formatDuration(policy.startupTimeoutMs)}${others ? ` (saw ${others} of ${plural(attempts.length, 'response')})` : ''}: the new release is not what is serving`;
  const observed = [...seen.keys()].at(-1) ?? null;
  return {
    rule: 'expected-version',
    observed,
    limit: expected,
    outcome: progress.startupExpired ? 'fail' : 'pending',
    message,
  };
}

function consecutiveFailuresRule(policy: Policy, observe: readonly Attempt[]): RuleResult {
  const run = trailingFailures(observe);
  const limit = policy.failureThreshold;
  const failed = run >= limit;
  const message = failed
    ? `${plural(run, 'consecutive failure')} (limit ${limit})${lastFailureText(observe)}`
    : `${run} consecutive failures now, longest ${longestRun(observe, false)} (limit ${limit})`;
  return {
    rule: 'consecutive-failures',
    observed: run,
    limit,
    outcome: failed ? 'fail' : observe.length ? 'pass' : 'not-judged',
    message,
  };
}

export function assess(policy: Policy, all: readonly Attempt[], progress: Progress): Assessment {
  // Probes our own stall spoiled (runner-overloaded) are no evidence either way: every rule
  // below sees only the others, so they neither break nor extend a streak.
  const attempts = countedProbes(all);
  const startup = attempts.filter((a) => a.phase !== 'observe');
  const observe = attempts.filter((a) => a.phase === 'observe');
  const startupResult = startupRule(policy, startup, progress);
  const startupPassed = startupResult.outcome === 'pass';
  const window = judgedProbes(attempts);
  const rules: RuleResult[] = [];
  if (progress.expectedVersion !== undefined) {
    rules.push(versionRule(policy, attempts, progress.expectedVersion, startupPassed, progress));
  }
  rules.push(startupResult);
  if (startupPassed) rules.push(consecutiveFailuresRule(policy, observe));
  // Judged from the first success on, startup included: a clearly bad release fails at once.
  if (window.length) rules.push(errorRateRule(policy, window), ...latencyRules(policy, window));

  const decidedBy = rules.find((r) => r.outcome === 'fail');
  const status: UrlStatus = decidedBy
    ? 'unhealthy'
    : !startupPassed
      ? 'starting'
      : progress.observeEnded
        ? 'healthy'
        : 'observing';
  const measured = window.length ? window : attempts;
  const failures = measured.filter((a) => !a.ok).length;
  return {
    status,
    ...(decidedBy ? { decidedBy } : {}),
    rules,
    window,
    summary: {
      attempts: all.length,
      successes: attempts.filter((a) => a.ok).length,
      failures: attempts.length - attempts.filter((a) => a.ok).length,
      notCounted: all.length - attempts.length,
      errorRate: measured.length ? failures / measured.length : null,
      ...latencySummary(measured.filter((a) => a.status !== undefined).map((a) => a.latencyMs)),
    },
  };
}
