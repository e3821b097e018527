/**
 * Judges one metrics round: each measurement against its limit, then the round as a whole.
 * PURE, like the verdict over rounds (judge-metrics.ts, where the vocabulary is).
 *
 * Semantics of a round:
 * - When a request-count query runs, a round with fewer than `minRequests` (default 1)
 *   requests is no-data: its error rate and latency are not judged. When the request count
 *   itself could not be queried, the round cannot be judged (provider-error), even if the
 *   error rate looks bad: a bad ratio over an unknown number of requests does not fail a deploy.
 * - With a request count, the error rate is judged on failed / total requests with the probes'
 *   sequential evidence (metrics-evidence.ts).
 * - An empty result or NaN is no-data (that is what `sum(...)` of nothing and 0/0 give when
 *   there is no traffic). One exception: an empty error rate while the request count shows
 *   enough traffic reads as 0 %, because `sum(5xx) / sum(all)` is empty when no 5xx series was
 *   ever created. +/-Inf and every transport or API error are provider errors; so is an error
 *   rate outside 0-1 (a query in percent) and a negative latency.
 * - A round that ran no query at all is no-data, never evidence of health.
 */
import type { MetricsPolicy } from './metrics-policy.js';
import type { QueryErrorClass } from './query-outcome.js';
import { countedEvidence } from './metrics-evidence.js';
import { formatMs, formatPercent, formatPercentLimit, shownQuery } from './metrics-format.js';
import type {
  Finding,
  FindingStatus,
  Measurement,
  MetricName,
  MetricsRound,
  RoundJudgement,
} from './judgement-types.js';

const RATIO_TOLERANCE = 1e-9;

const LABEL: Record<MetricName, string> = {
  'error-rate': 'error rate',
  latency: 'latency',
  'request-count': 'request count',
};

/** Empty results and NaN are what queries over no traffic give: no data, not a fault. */
const NO_DATA_CLASSES: ReadonlySet<QueryErrorClass> = new Set(['empty', 'nan']);

export function effectiveMinRequests(policy: MetricsPolicy): number {
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
