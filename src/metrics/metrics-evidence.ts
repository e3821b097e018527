/**
 * How a metrics value above its limit becomes a failure, so that noise never rolls back:
 * - with a request count, ratio × count gives failed and total requests, judged with the same
 *   sequential evidence as the probes (src/gate/evidence.ts): a release whose true error rate is
 *   at or below the limit fails in at most alpha of gates, however many rounds are looked at;
 * - without one (and always for latency, a quantile with no counts behind it), the value must be
 *   beyond its limit in every round for `persistMs`, as a Prometheus alert's `for:`.
 */
import { evidenceAgainst, exceeds, formatAlpha, formatEvidence } from '../gate/evidence.js';
import type { MetricsPolicy } from './metrics-policy.js';
import type { Finding, MetricName, RoundJudgement } from './judgement-types.js';

export interface CountedEvidence {
  failed: number;
  requests: number;
  evidence: number;
  bad: boolean;
  /** "2 of 20 requests failed; evidence against the 5% limit: none (0.15), short of 1 in 20 needed" */
  text: string;
}

/** Increases are extrapolated, so counts are rounded to whole requests. */
export function countedEvidence(
  policy: MetricsPolicy,
  ratio: number,
  count: number,
  limit: number,
  limitText: string,
): CountedEvidence {
  const requests = Math.round(count);
  const failed = Math.min(requests, Math.round(ratio * count));
  const evidence = evidenceAgainst(failed, requests, limit);
  const bad = requests > 0 && exceeds(failed, requests, limit, policy.alpha);
  const text = `${failed} of ${requests} requests failed; evidence against the ${limitText} limit: ${formatEvidence(evidence)}, ${bad ? 'at least' : 'short of'} ${formatAlpha(policy.alpha)} needed`;
  return { failed, requests, evidence, bad, text };
}

export interface Persistence {
  /** The finding that decided, when one did. */
  finding?: Finding;
  /** Why it decided: immediate (counted evidence) or how long it persisted. */
  reason?: string;
  /** Per metric, since when (round time) it has been beyond its limit, for the final call. */
  badSince: Map<MetricName, number>;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)}s`;

/**
 * Feeds one round's judgement into the streaks and says whether it decides a failure. A round in
 * which a metric is not beyond its limit (good, no data, provider error) ends that metric's streak.
 */
export function persistence(
  policy: MetricsPolicy,
  badSince: Map<MetricName, number>,
  judgement: RoundJudgement,
): Persistence {
  // A round that is not bad as a whole (no data, or a provider error such as an unknown request
  // count) restarts every clock: it is no evidence either way.
  if (judgement.status !== 'bad') {
    badSince.clear();
    return { badSince };
  }
  for (const name of [...badSince.keys()]) {
    if (!judgement.findings.some((f) => f.name === name && f.status === 'bad'))
      badSince.delete(name);
  }
  for (const f of judgement.findings) {
    if (f.status !== 'bad') continue;
    // Counted evidence is already valid at every look: it decides at once.
    if (f.evidence !== undefined) return { finding: f, reason: f.message, badSince };
    const since = badSince.get(f.name) ?? judgement.at;
    badSince.set(f.name, since);
    const lasted = judgement.at - since;
    if (lasted >= policy.persistMs) {
      const reason = `${f.message}; beyond the limit in every round for ${seconds(lasted)} (fails after ${seconds(policy.persistMs)})`;
      return { finding: f, reason, badSince };
    }
  }
  return { badSince };
}
