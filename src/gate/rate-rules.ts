/**
 * The error-rate and latency rules: sequential, so they may decide after any probe and still
 * roll back a release that meets its limit in at most α of gates, however long the bake.
 * Each rule counts "bad" probes (failed, or slower than the objective) among the judged ones and
 * fails once the evidence against its limit (evidence.ts) reaches 1/α.
 */
import { runnerWasLate } from './lateness.js';
import { evidenceAgainst, exceeds, formatAlpha, formatEvidence } from './evidence.js';
import { percentile } from './stats.js';
import type { Attempt, LatencyObjective, Policy } from './types.js';

export interface RateRuleResult {
  rule: 'error-rate' | `latency-${string}`;
  observed: number | null;
  limit: number;
  outcome: 'pass' | 'fail' | 'not-judged';
  message: string;
  /** The mixture likelihood ratio against the limit (1 = no evidence; fails at 1/alpha). */
  evidence: number;
  alpha: number;
}

export const pct = (fraction: number) => `${(fraction * 100).toFixed(1).replace(/\.0$/, '')}%`;
const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * The probes error rate and latency are judged on: every probe from the first success on,
 * startup included. Probes before the first success are the warm-up, excused: a release that
 * is still booting is not yet serving anyone, and a dead one is caught by the startup rule.
 */
export function judgedProbes(attempts: readonly Attempt[]): Attempt[] {
  const first = attempts.findIndex((a) => a.ok);
  return first < 0 ? [] : attempts.slice(first);
}

/** A probe that ran out of time answered later than its timeout: slower than any objective. */
export const timedOut = (a: Attempt) => a.failure?.class.startsWith('timeout') === true;

function sequential(
  policy: Policy,
  bad: number,
  n: number,
  limit: number,
): { evidence: number; failed: boolean; tail: string } {
  const evidence = evidenceAgainst(bad, n, limit);
  const failed = n > 0 && exceeds(bad, n, limit, policy.alpha);
  const tail = `evidence against the ${pct(limit)} limit: ${formatEvidence(evidence)}, ${failed ? 'at least' : 'short of'} ${formatAlpha(policy.alpha)} needed`;
  return { evidence, failed, tail };
}

/** Failing needs only evidence; a pass is claimed only after `min-samples` judged probes. */
function outcomeOf(policy: Policy, failed: boolean, n: number): RateRuleResult['outcome'] {
  return failed ? 'fail' : n >= policy.minSamples ? 'pass' : 'not-judged';
}

export function errorRateRule(policy: Policy, judged: readonly Attempt[]): RateRuleResult {
  const n = judged.length;
  const failures = judged.filter((a) => !a.ok).length;
  const limit = policy.maxErrorRate;
  const { evidence, failed, tail } = sequential(policy, failures, n, limit);
  const outcome = outcomeOf(policy, failed, n);
  const rate = n ? failures / n : null;
  const counted = `${failures} of ${n} probes failed`;
  const message =
    outcome === 'fail'
      ? `error rate ${pct(rate ?? 0)} (${counted}; ${tail}) exceeds ${pct(limit)}`
      : outcome === 'pass'
        ? `error rate ${pct(rate ?? 0)} (${counted}), not shown above ${pct(limit)} (${tail})`
        : `error rate not judged: ${n} of ${policy.minSamples} samples needed (${counted}; ${tail})`;
  return {
    rule: 'error-rate',
    observed: rate,
    limit,
    outcome,
    message,
    evidence,
    alpha: policy.alpha,
  };
}

function latencyRule(
  policy: Policy,
  objective: LatencyObjective,
  all: readonly Attempt[],
): RateRuleResult {
  const rule = `latency-p${objective.percentile}` as const;
  // A response that arrived while our event loop was stalled counts for the error rate, but its
  // latency is partly ours: it is left out of the latency objectives.
  const judged = all.filter((a) => !(a.ok && runnerWasLate(a.runnerDelayMs, policy.timeoutMs)));
  // Timed-out probes are censored: slower than the timeout, so slower than every objective.
  const censored = judged.filter(timedOut).length;
  const arrived = judged
    .filter((a) => a.status !== undefined && !timedOut(a))
    .map((a) => a.latencyMs);
  const values = [...arrived.sort((a, b) => a - b), ...Array<number>(censored).fill(Infinity)];
  const n = values.length;
  const slower = values.filter((l) => l > objective.limitMs).length;
  const allowed = 1 - objective.percentile / 100;
  const { evidence, failed, tail } = sequential(policy, slower, n, allowed);
  const outcome = outcomeOf(policy, failed, n);
  const value = percentile(values, objective.percentile);
  const observed = value === undefined ? null : Number.isFinite(value) ? value : policy.timeoutMs;
  const shownP =
    value === undefined
      ? 'none'
      : Number.isFinite(value)
        ? ms(value)
        : `over ${ms(policy.timeoutMs)}`;
  const cens = censored ? `, ${censored} timed out and counted as slower` : '';
  const shown = `p${objective.percentile} ${shownP}: ${slower} of ${n} responses slower than ${ms(objective.limitMs)}${cens} (${pct(n ? slower / n : 0)}; allowed ${pct(allowed)}; ${tail})`;
  const message =
    outcome === 'fail'
      ? `${shown}: ${objective.text} not met`
      : outcome === 'pass'
        ? `${shown}, not exceeded`
        : `${objective.text} not judged: ${n} of ${policy.minSamples} responses needed (${shown})`;
  return {
    rule,
    observed,
    limit: objective.limitMs,
    outcome,
    message,
    evidence,
    alpha: policy.alpha,
  };
}

export function latencyRules(policy: Policy, judged: readonly Attempt[]): RateRuleResult[] {
  return policy.latencySlo.map((objective) => latencyRule(policy, objective, judged));
}
