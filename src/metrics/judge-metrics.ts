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
 * - When a request-count query runs, a round with fewer than `minRequests` (default 1)
 *   requests is no-data: its error rate and latency are not judged. When the request count
 *   itself could not be queried, the round cannot be judged (provider-error), even if the
 *   error rate looks bad: a bad ratio over an unknown number of requests does not fail a deploy.
 * - An empty result or NaN is no-data (that is what `sum(...)` of nothing and 0/0 give when
 *   there is no traffic). One exception: an empty error rate while the request count shows
 *   enough traffic reads as 0 %, because `sum(5xx) / sum(all)` is empty when no 5xx series was
 *   ever created. +/-Inf and every transport or API error are provider errors; so is an error
 *   rate outside 0-1 (a query in percent) and a negative latency.
 * - A round that ran no query at all is no-data, never evidence of health.
 * - Provider errors never fail the verdict on their own: `maxConsecutiveErrors` rounds in a row
 *   make it inconclusive. Any judged round (good or no-data) resets that count.
 * - The first decisive round wins (fail, or inconclusive by errors); later rounds do not undo it.
 * - "pending" never becomes "pass" by itself. Only the call made at the end of observation
 *   (`final: true`) resolves it, from the latest round that could be judged: good -> pass,
 *   no-data -> `onNoData`, none at all -> inconclusive.
 */
import type { MetricsPolicy } from './metrics-policy.js';
import type { QueryErrorClass, QueryOutcome } from './query-outcome.js';
import { countedEvidence, persistence } from './metrics-evidence.js';

export type { MetricsPolicy, OnNoData } from './metrics-policy.js';

export type MetricName = 'error-rate' | 'latency' | 'request-count';

export interface Measurement {
  /** Epoch ms (from the injected clock) when the query was sent. */
  at: number;
  name: MetricName;
  /** The query as sent, `$window` already expanded. */
  query: string;
  outcome: QueryOutcome;
}

export interface MetricsRound {
  /** Epoch ms when the round started. */
  at: number;
  measurements: Measurement[];
}

export type FindingStatus = 'good' | 'bad' | 'no-data' | 'provider-error';

export interface Finding {
  name: MetricName;
  query: string;
  status: FindingStatus;
  /** In the policy's units: ratio for error-rate, ms for latency, requests for request-count. */
  observed?: number;
  limit?: number;
  errorClass?: QueryErrorClass;
  /** One line with the numbers that decided it. */
  message: string;
  /** Error rate judged on request counts: the evidence against the limit (fails at 1/alpha). */
  evidence?: number;
  alpha?: number;
}

export interface RoundJudgement {
  at: number;
  status: FindingStatus;
  findings: Finding[];
  /** Why the round is not good, one line per finding that made it so. */
  reasons: string[];
}

export type MetricsStatus = 'pending' | 'pass' | 'fail' | 'inconclusive';

export type RuleName = 'max-error-rate' | 'max-latency' | 'min-requests' | 'max-consecutive-errors';

export interface RuleResult {
  rule: RuleName;
  /** null when the round gave no number for it (no data, provider error). */
  observed: number | null;
  limit: number;
  unit: 'ratio' | 'ms' | 'requests' | 'rounds';
  outcome: 'pass' | 'fail' | 'no-data' | 'error' | 'inconclusive';
  evidence?: number;
  alpha?: number;
}

export interface MetricsVerdict {
  status: MetricsStatus;
  reasons: string[];
  /** The limits as they stood in the round that decided (or the latest round). */
  rules: RuleResult[];
  counts: { rounds: number; good: number; bad: number; noData: number; providerError: number };
  /** Index in `rounds` of the round the verdict rests on, when there is one. */
  decidingRound?: number;
}

const RATIO_TOLERANCE = 1e-9;
const QUERY_SHOWN_CHARS = 300;

export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0 || Math.abs(percent) >= 0.1) return `${percent.toFixed(1)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

/** Limits are shown as given: 5%, 0.5%, 0.01%. */
export function formatPercentLimit(ratio: number): string {
  return `${Number((ratio * 100).toFixed(4))}%`;
}

/** Milliseconds with at most one decimal, so 500.1 ms never prints as 500 ms. */
export function formatMs(ms: number): string {
  return `${Number(ms.toFixed(1))} ms`;
}

function shownQuery(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > QUERY_SHOWN_CHARS ? `${oneLine.slice(0, QUERY_SHOWN_CHARS)}...` : oneLine;
}

const LABEL: Record<MetricName, string> = {
  'error-rate': 'error rate',
  latency: 'latency',
  'request-count': 'request count',
};

/** Empty results and NaN are what queries over no traffic give: no data, not a fault. */
const NO_DATA_CLASSES: ReadonlySet<QueryErrorClass> = new Set(['empty', 'nan']);

function effectiveMinRequests(policy: MetricsPolicy): number {
  return policy.minRequests ?? 1;
}

/** Judges one measurement on its own (request-count gating is applied per round). */
export function judgeMeasurement(policy: MetricsPolicy, m: Measurement): Finding {
  const { outcome } = m;
  if (outcome.kind === 'value') return judgeValue(policy, m, outcome.value);

  const label = LABEL[m.name];
  const q = `(query: ${shownQuery(m.query)})`;
  const status = NO_DATA_CLASSES.has(outcome.errorClass) ? 'no-data' : 'provider-error';
  const message =
    status === 'no-data'
      ? `${label}: no data, ${outcome.message} ${q}`
      : `${label} query failed (${outcome.errorClass}): ${outcome.message} ${q}`;
  return { name: m.name, query: m.query, status, errorClass: outcome.errorClass, message };
}

/** Judges a number against the limit for its metric. */
function judgeValue(
  policy: MetricsPolicy,
  m: Pick<Measurement, 'name' | 'query'>,
  value: number,
): Finding {
  const base = { name: m.name, query: m.query };
  const q = `(query: ${shownQuery(m.query)})`;
  switch (m.name) {
    case 'request-count': {
      const limit = effectiveMinRequests(policy);
      const shown = Number(value.toFixed(1));
      return value < limit
        ? {
            ...base,
            status: 'no-data',
            observed: value,
            limit,
            message: `no data: ${shown} requests < min ${limit} ${q}`,
          }
        : {
            ...base,
            status: 'good',
            observed: value,
            limit,
            message: `${shown} requests >= min ${limit} ${q}`,
          };
    }
    case 'error-rate': {
      if (value < 0 || value > 1 + RATIO_TOLERANCE) {
        return {
          ...base,
          status: 'provider-error',
          observed: value,
          errorClass: 'bad-response',
          message: `error rate query returned ${value}, not a ratio between 0 and 1 (drop any * 100) ${q}`,
        };
      }
      const limit = policy.maxErrorRate;
      if (limit === undefined) {
        return {
          ...base,
          status: 'good',
          observed: value,
          message: `error rate ${formatPercent(value)} (no limit) ${q}`,
        };
      }
      const bad = value > limit;
      return {
        ...base,
        status: bad ? 'bad' : 'good',
        observed: value,
        limit,
        message: `error rate ${formatPercent(value)} ${bad ? '>' : '<='} ${formatPercentLimit(limit)} ${q}`,
      };
    }
    case 'latency': {
      if (value < 0) {
        return {
          ...base,
          status: 'provider-error',
          errorClass: 'bad-response',
          message: `latency query returned ${value} s, a negative duration ${q}`,
        };
      }
      const ms = value * 1000;
      const limit = policy.maxLatencyMs;
      if (limit === undefined) {
        return {
          ...base,
          status: 'good',
          observed: ms,
          message: `latency ${formatMs(ms)} (no limit) ${q}`,
        };
      }
      const bad = ms > limit;
      return {
        ...base,
        status: bad ? 'bad' : 'good',
        observed: ms,
        limit,
        message: `latency ${formatMs(ms)} ${bad ? '>' : '<='} ${formatMs(limit)} ${q}`,
      };
    }
  }
}

/** Judges one round: every measurement, then the round as a whole (bad > provider-error > no-data > good). */
export function judgeRound(policy: MetricsPolicy, round: MetricsRound): RoundJudgement {
  // A round that measured nothing is no evidence of health.
  if (round.measurements.length === 0) {
    return { at: round.at, status: 'no-data', findings: [], reasons: ['no metric query was run'] };
  }
  let findings = round.measurements.map((m) => judgeMeasurement(policy, m));
  const traffic = findings.find((f) => f.name === 'request-count');

  // Enough requests but no error series at all: the usual `sum(5xx) / sum(all)` is empty when
  // no 5xx was ever counted (client libraries create a series on its first increment), so
  // with traffic confirmed this reads as a 0 % error rate rather than "no data".
  if (traffic?.status === 'good' && traffic.observed !== undefined) {
    const requests = Number(traffic.observed.toFixed(1));
    findings = findings.map((f) => {
      if (f.name !== 'error-rate' || f.errorClass !== 'empty') return f;
      const judged = judgeValue(policy, f, 0);
      return {
        ...judged,
        message: `${judged.message}; no error series with ${requests} requests, read as 0`,
      };
    });
  }

  // Counts known: the error rate is judged on failed / total requests, sequentially.
  if (traffic?.status === 'good' && traffic.observed !== undefined) {
    const requests = traffic.observed;
    findings = findings.map((f) => {
      if (f.name !== 'error-rate' || f.observed === undefined || f.limit === undefined) return f;
      if (f.status !== 'good' && f.status !== 'bad') return f;
      const limitText = formatPercentLimit(f.limit);
      const counted = countedEvidence(policy, f.observed, requests, f.limit, limitText);
      const above = f.observed > f.limit ? '>' : '<=';
      const shown = `error rate ${formatPercent(f.observed)} ${above} ${limitText} (${counted.text})`;
      return {
        ...f,
        status: counted.bad ? 'bad' : 'good',
        message: f.message.replace(/^error rate \S+ \S+ \S+/, shown),
        evidence: counted.evidence,
        alpha: policy.alpha,
      };
    });
  }

  // Too little traffic: the ratio and the percentile are not judged, whatever they say.
  if (traffic?.status === 'no-data') {
    const why =
      traffic.observed === undefined
        ? 'no request count'
        : `${Number(traffic.observed.toFixed(1))} requests < min ${traffic.limit}`;
    findings = findings.map((f) =>
      f.name !== 'request-count' && (f.status === 'good' || f.status === 'bad')
        ? { ...f, status: 'no-data', message: `not judged (${why}): ${f.message}` }
        : f,
    );
  }
  const trafficUnknown = traffic?.status === 'provider-error';

  const has = (status: FindingStatus) => findings.some((f) => f.status === status);
  let status: FindingStatus;
  if (has('bad') && !trafficUnknown) status = 'bad';
  else if (has('provider-error')) status = 'provider-error';
  else if (has('no-data')) status = 'no-data';
  else status = 'good';

  const reasons =
    status === 'good'
      ? []
      : findings
          .filter((f) => f.status === status || (status === 'provider-error' && f.status === 'bad'))
          .map((f) =>
            f.status !== status ? `not confirmed, request count unknown: ${f.message}` : f.message,
          );

  return { at: round.at, status, findings, reasons };
}

function rulesFor(
  policy: MetricsPolicy,
  judgement: RoundJudgement | undefined,
  errorRun: number,
): RuleResult[] {
  const rules: RuleResult[] = [];
  const outcomeOf = (f: Finding): RuleResult['outcome'] =>
    f.status === 'good'
      ? 'pass'
      : f.status === 'bad'
        ? 'fail'
        : f.status === 'no-data'
          ? 'no-data'
          : 'error';
  const find = (name: MetricName) => judgement?.findings.find((f) => f.name === name);

  const errorRate = find('error-rate');
  if (errorRate && policy.maxErrorRate !== undefined) {
    rules.push({
      rule: 'max-error-rate',
      observed: errorRate.observed ?? null,
      limit: policy.maxErrorRate,
      unit: 'ratio',
      outcome: outcomeOf(errorRate),
      ...(errorRate.evidence !== undefined
        ? { evidence: errorRate.evidence, alpha: errorRate.alpha ?? policy.alpha }
        : {}),
    });
  }
  const latency = find('latency');
  if (latency && policy.maxLatencyMs !== undefined) {
    rules.push({
      rule: 'max-latency',
      observed: latency.observed ?? null,
      limit: policy.maxLatencyMs,
      unit: 'ms',
      outcome: outcomeOf(latency),
    });
  }
  const requests = find('request-count');
  if (requests) {
    rules.push({
      rule: 'min-requests',
      observed: requests.observed ?? null,
      limit: effectiveMinRequests(policy),
      unit: 'requests',
      outcome: outcomeOf(requests),
    });
  }
  rules.push({
    rule: 'max-consecutive-errors',
    observed: errorRun,
    limit: policy.maxConsecutiveErrors,
    unit: 'rounds',
    outcome: errorRun >= policy.maxConsecutiveErrors ? 'inconclusive' : 'pass',
  });
  return rules;
}

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
