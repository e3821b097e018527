/**
 * Judges Prometheus measurements against the metrics policy. PURE: measurements in, verdict
 * out, no clock and no I/O, so the same rounds always give the same verdict.
 *
 * Vocabulary:
 * - a *measurement* is one query's outcome; a *round* is the set of queries run together;
 * - each measurement is good, bad (beyond a limit), no-data (no traffic to judge) or a
 *   provider-error (Prometheus could not answer, or answered something unusable).
 *
 * Semantics (decided here, documented for the gate and for reviewers):
 * - Queries cover the traffic since the gate started (`$window`), so each round judges all of
 *   the new release's traffic so far. A value beyond its limit in one round is not yet a failure
 *   (metrics-evidence.ts): with a request count, the error rate is judged on failed / total
 *   requests with the probes' sequential evidence and fails once it reaches 1/alpha; without
 *   one, and for latency, a metric must stay beyond its limit for `persistMs` (Prometheus' `for:`).
 * - How a single round is judged (request counts, no data, provider errors) is in judge-round.ts.
 * - Provider errors never fail the verdict on their own: `maxConsecutiveErrors` rounds in a row
 *   make it inconclusive. Any judged round (good or no-data) resets that count.
 * - The first decisive round wins (fail, or inconclusive by errors); later rounds do not undo it.
 * - "pending" never becomes "pass" by itself. Only the call made at the end of observation
 *   (`final: true`) resolves it, from the latest round that could be judged: good -> pass,
 *   no-data -> `onNoData`, none at all -> inconclusive.
 */
import type { MetricsPolicy } from './metrics-policy.js';
import { persistence } from './metrics-evidence.js';
import { judgeRound } from './judge-round.js';
import type { MetricName, MetricsRound, MetricsVerdict } from './judgement-types.js';
import { rulesFor } from './verdict-rules.js';

/**
 * The verdict over every round so far. Call it after each round with `final: false` (pending
 * until something decides), and once at the end of observation with `final: true`.
 */
export function metricsVerdict(
  policy: MetricsPolicy,
  rounds: readonly MetricsRound[],
  options: { final?: boolean } = {},
): MetricsVerdict {
  const judgements = rounds.map((round) => judgeRound(policy, round));
  const counts = { rounds: judgements.length, good: 0, bad: 0, noData: 0, providerError: 0 };
  for (const j of judgements) {
    if (j.status === 'good') counts.good += 1;
    else if (j.status === 'bad') counts.bad += 1;
    else if (j.status === 'no-data') counts.noData += 1;
    else counts.providerError += 1;
  }

  let errorRun = 0;
  let lastJudged: number | undefined;
  const badSince = new Map<MetricName, number>();
  for (const [index, j] of judgements.entries()) {
    const decided = persistence(policy, badSince, j);
    if (decided.reason) {
      return {
        status: 'fail',
        reasons: [decided.reason],
        rules: rulesFor(policy, j, errorRun),
        counts,
        decidingRound: index,
      };
    }
    if (j.status === 'bad') {
      // Beyond a limit, not for long enough yet: judged, but not a failure.
      errorRun = 0;
      lastJudged = index;
      continue;
    }
    if (j.status === 'provider-error') {
      errorRun += 1;
      if (errorRun >= policy.maxConsecutiveErrors) {
        const last = j.reasons[0] ?? 'unknown error';
        return {
          status: 'inconclusive',
          reasons: [
            `${errorRun} metrics rounds in a row could not be judged (limit ${policy.maxConsecutiveErrors}); last: ${last}`,
          ],
          rules: rulesFor(policy, j, errorRun),
          counts,
          decidingRound: index,
        };
      }
    } else {
      errorRun = 0;
      lastJudged = index;
    }
  }

  const latestIndex = judgements.length - 1;
  const latest = judgements[latestIndex];
  const trailingErrors =
    errorRun > 0
      ? [`the last ${errorRun} round(s) could not be judged; last: ${latest?.reasons[0] ?? ''}`]
      : [];

  if (!options.final) {
    const reasons =
      latest === undefined
        ? ['waiting for the first metrics round']
        : [`${judgements.length} round(s) so far, latest ${latest.status}`, ...latest.reasons];
    return {
      status: 'pending',
      reasons,
      rules: rulesFor(policy, latest, errorRun),
      counts,
      ...(latest ? { decidingRound: latestIndex } : {}),
    };
  }

  if (latest === undefined) {
    return {
      status: 'inconclusive',
      reasons: ['no metrics round completed'],
      rules: rulesFor(policy, undefined, 0),
      counts,
    };
  }
  const judged = lastJudged === undefined ? undefined : judgements[lastJudged];
  if (lastJudged === undefined || judged === undefined) {
    return {
      status: 'inconclusive',
      reasons: [
        `no metrics round could be judged (${judgements.length} with provider errors)`,
        ...trailingErrors,
      ],
      rules: rulesFor(policy, latest, errorRun),
      counts,
      decidingRound: latestIndex,
    };
  }
  const rules = rulesFor(policy, judged, errorRun);
  if (judged.status === 'good') {
    const summary = judged.findings.map((f) => f.message).join('; ');
    return {
      status: 'pass',
      reasons: [`metrics within limits: ${summary}`, ...trailingErrors],
      rules,
      counts,
      decidingRound: lastJudged,
    };
  }
  if (judged.status === 'bad') {
    return {
      status: 'inconclusive',
      reasons: [
        ...judged.reasons.map(
          (r) => `${r} (beyond the limit at the end, for less than ${policy.persistMs / 1000}s)`,
        ),
        ...trailingErrors,
      ],
      rules,
      counts,
      decidingRound: lastJudged,
    };
  }
  // judged.status is 'no-data': provider-error rounds never become lastJudged.
  return {
    status: policy.onNoData,
    reasons: [
      ...judged.reasons.map((r) => `${r} (on-no-data: ${policy.onNoData})`),
      ...trailingErrors,
    ],
    rules,
    counts,
    decidingRound: lastJudged,
  };
}
