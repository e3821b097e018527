import { metricsVerdict } from '../../src/metrics/judge-metrics.js';
import { judgeMeasurement, judgeRound } from '../../src/metrics/judge-round.js';
import type { Measurement, MetricName, MetricsRound } from '../../src/metrics/judgement-types.js';
import { formatMs, formatPercent, formatPercentLimit } from '../../src/metrics/metrics-format.js';
import { parseMetricsPolicy, type MetricsPolicy } from '../../src/metrics/metrics-policy.js';
import type { QueryErrorClass, QueryOutcome } from '../../src/metrics/query-outcome.js';

const QUERIES: Record<MetricName, string> = {
  'error-rate': 'sum(increase(err[95s])) / sum(increase(all[95s]))',
  latency: 'histogram_quantile(0.95, sum by (le) (increase(lat_bucket[95s])))',
  'request-count': 'sum(increase(all[95s]))',
};

const value = (v: number): QueryOutcome => ({
  kind: 'value',
  value: v,
  resultType: 'vector',
  seriesCount: 1,
  raw: '{}',
  httpStatus: 200,
  durationMs: 3,
});

const failed = (errorClass: QueryErrorClass, message = `${errorClass} happened`): QueryOutcome => ({
  kind: 'error',
  errorClass,
  message,
  durationMs: 3,
});

const m = (name: MetricName, outcome: QueryOutcome, at = 0): Measurement => ({
  at,
  name,
  query: QUERIES[name],
  outcome,
});

/** A round from the metrics given; absent metrics were not configured. */
function round(at: number, parts: Partial<Record<MetricName, QueryOutcome>>): MetricsRound {
  const measurements = (Object.entries(parts) as Array<[MetricName, QueryOutcome]>).map(
    ([name, outcome]) => m(name, outcome, at),
  );
  return { at, measurements };
}

const policy = (over: Partial<MetricsPolicy> = {}): MetricsPolicy =>
  parseMetricsPolicy({ maxErrorRate: 0.05, maxLatencyMs: 500, minRequests: 20, ...over });

const healthy = (at: number) =>
  round(at, { 'error-rate': value(0.001), latency: value(0.12), 'request-count': value(500) });
const broken = (at: number, cls: QueryErrorClass = 'unreachable') =>
  round(at, { 'error-rate': failed(cls), latency: failed(cls), 'request-count': failed(cls) });
const idle = (at: number) =>
  round(at, { 'error-rate': failed('nan'), latency: failed('nan'), 'request-count': value(0) });

describe('formatting', () => {
  it.each([
    [0.2, '20.0%'],
    [0.001, '0.1%'],
    [0, '0.0%'],
    [1, '100.0%'],
    [0.0004, '0.04%'],
    [0.000123, '0.012%'],
  ])('formatPercent(%p) = %s', (ratio, text) => expect(formatPercent(ratio)).toBe(text));

  it.each([
    [0.05, '5%'],
    [0.005, '0.5%'],
    [0.0001, '0.01%'],
    [0.125, '12.5%'],
  ])('formatPercentLimit(%p) = %s', (ratio, text) => expect(formatPercentLimit(ratio)).toBe(text));

  it.each([
    [975, '975 ms'],
    [48.75, '48.8 ms'],
    [500.09999999999997, '500.1 ms'],
    [2.345, '2.3 ms'],
    [0, '0 ms'],
  ])('formatMs(%p) = %s', (ms, text) => expect(formatMs(ms)).toBe(text));
});

describe('judgeMeasurement', () => {
  const p = policy();

  it.each([
    ['error-rate', 0.06, 'bad', 0.06, 0.05, 'error rate 6.0% > 5%'],
    ['error-rate', 0.05, 'good', 0.05, 0.05, 'error rate 5.0% <= 5%'],
    ['error-rate', 0, 'good', 0, 0.05, 'error rate 0.0% <= 5%'],
    ['latency', 0.6, 'bad', 600, 500, 'latency 600 ms > 500 ms'],
    ['latency', 0.5, 'good', 500, 500, 'latency 500 ms <= 500 ms'],
    ['request-count', 19.9, 'no-data', 19.9, 20, 'no data: 19.9 requests < min 20'],
    ['request-count', 20, 'good', 20, 20, '20 requests >= min 20'],
  ] as const)('%s = %p is %s', (name, v, status, observed, limit, message) => {
    const finding = judgeMeasurement(p, m(name, value(v)));
    expect(finding).toMatchObject({ name, status, observed, limit, query: QUERIES[name] });
    expect(finding.message).toBe(`${message} (query: ${QUERIES[name]})`);
  });

  it.each([
    ['empty', 'no-data'],
    ['nan', 'no-data'],
    ['inf', 'provider-error'],
    ['unreachable', 'provider-error'],
    ['timeout', 'provider-error'],
    ['http', 'provider-error'],
    ['api-error', 'provider-error'],
    ['bad-response', 'provider-error'],
    ['multiple-series', 'provider-error'],
  ] as const)('an outcome of class %s is %s', (cls, status) => {
    const finding = judgeMeasurement(p, m('error-rate', failed(cls)));
    expect(finding).toMatchObject({ status, errorClass: cls });
    expect(finding.observed).toBeUndefined();
  });

  it('names the failing query and the provider message', () => {
    const finding = judgeMeasurement(
      p,
      m('latency', failed('api-error', 'Prometheus error (bad_data): parse error')),
    );
    expect(finding.message).toBe(
      `latency query failed (api-error): Prometheus error (bad_data): parse error (query: ${QUERIES.latency})`,
    );
  });

  it.each([1.5, 12.5, -0.1])('an error rate of %p is not a ratio: provider error', (v) => {
    const finding = judgeMeasurement(p, m('error-rate', value(v)));
    expect(finding).toMatchObject({ status: 'provider-error', errorClass: 'bad-response' });
    expect(finding.message).toMatch(/not a ratio between 0 and 1/);
  });

  it('shows a latency just over the limit with the decimal that makes it so', () => {
    const finding = judgeMeasurement(p, m('latency', value(0.5001)));
    expect(finding.status).toBe('bad');
    expect(finding.message).toMatch(/^latency 500\.1 ms > 500 ms/);
  });

  it('tolerates float noise just above 1', () => {
    expect(judgeMeasurement(p, m('error-rate', value(1 + 1e-12))).status).toBe('bad');
  });

  it('a negative latency is a provider error', () => {
    expect(judgeMeasurement(p, m('latency', value(-1))).status).toBe('provider-error');
  });

  it('without limits, numbers are informational (good)', () => {
    const open = parseMetricsPolicy({});
    expect(judgeMeasurement(open, m('error-rate', value(0.9))).status).toBe('good');
    expect(judgeMeasurement(open, m('latency', value(30))).status).toBe('good');
    // With no minRequests, zero requests is still no data: a ratio over nothing means nothing.
    expect(judgeMeasurement(open, m('request-count', value(0))).status).toBe('no-data');
    expect(judgeMeasurement(open, m('request-count', value(1))).status).toBe('good');
  });

  it('shortens a very long query in messages', () => {
    const long: Measurement = { ...m('error-rate', value(0.5)), query: `sum(${'x'.repeat(1000)})` };
    const finding = judgeMeasurement(p, long);
    expect(finding.message.length).toBeLessThan(400);
    expect(finding.message).toMatch(/\.\.\.\)$/);
    expect(finding.query).toBe(long.query); // the finding keeps it whole
  });
});

describe('judgeRound', () => {
  const p = policy();

  it('is good when every measurement is', () => {
    const j = judgeRound(p, healthy(1000));
    expect(j).toMatchObject({ at: 1000, status: 'good', reasons: [] });
    expect(j.findings.map((f) => f.status)).toEqual(['good', 'good', 'good']);
  });

  it('is bad when the error rate is, with enough requests', () => {
    const j = judgeRound(
      p,
      round(1, { 'error-rate': value(0.2), latency: value(0.1), 'request-count': value(500) }),
    );
    expect(j.status).toBe('bad');
    expect(j.reasons).toEqual([
      `error rate 20.0% > 5% (100 of 500 requests failed; evidence against the 5% limit: more than 1 in 1,000,000, at least 1 in 20 needed) (query: ${QUERIES['error-rate']})`,
    ]);
  });

  it('lists every bad measurement', () => {
    const j = judgeRound(
      p,
      round(1, { 'error-rate': value(0.2), latency: value(0.9), 'request-count': value(500) }),
    );
    expect(j.reasons).toEqual([
      `error rate 20.0% > 5% (100 of 500 requests failed; evidence against the 5% limit: more than 1 in 1,000,000, at least 1 in 20 needed) (query: ${QUERIES['error-rate']})`,
      `latency 900 ms > 500 ms (query: ${QUERIES.latency})`,
    ]);
  });

  it('does not judge error rate or latency below minRequests', () => {
    const j = judgeRound(
      p,
      round(1, { 'error-rate': value(0.5), latency: value(3), 'request-count': value(4) }),
    );
    expect(j.status).toBe('no-data');
    expect(j.findings.map((f) => f.status)).toEqual(['no-data', 'no-data', 'no-data']);
    expect(j.findings[0]?.message).toMatch(
      /^not judged \(4 requests < min 20\): error rate 50\.0% > 5%/,
    );
    expect(j.findings[0]?.observed).toBe(0.5); // the number stays for the record
  });

  it('judges without a request-count query (nothing to gate on)', () => {
    expect(judgeRound(p, round(1, { 'error-rate': value(0.5) })).status).toBe('bad');
  });

  it('does not fail on a bad ratio when the request count could not be queried', () => {
    const j = judgeRound(
      p,
      round(1, { 'error-rate': value(0.5), 'request-count': failed('timeout') }),
    );
    expect(j.status).toBe('provider-error');
    expect(j.reasons).toEqual([
      expect.stringMatching(/^not confirmed, request count unknown: error rate 50\.0% > 5%/),
      expect.stringMatching(/^request count query failed \(timeout\)/),
    ]);
  });

  it('reads an empty error ratio as 0 when requests were counted', () => {
    const j = judgeRound(
      p,
      round(1, { 'error-rate': failed('empty'), 'request-count': value(300) }),
    );
    expect(j.status).toBe('good');
    expect(j.findings[0]).toMatchObject({ status: 'good', observed: 0 });
    expect(j.findings[0]?.message).toMatch(
      /error rate 0\.0% <= 5% .*; no error series with 300 requests, read as 0$/,
    );
  });

  it('keeps an empty error ratio as no data when requests are too few or not counted', () => {
    expect(
      judgeRound(p, round(1, { 'error-rate': failed('empty'), 'request-count': value(3) })).status,
    ).toBe('no-data');
    expect(judgeRound(p, round(1, { 'error-rate': failed('empty') })).status).toBe('no-data');
  });

  it('does not read an empty latency as anything', () => {
    const j = judgeRound(p, round(1, { latency: failed('empty'), 'request-count': value(300) }));
    expect(j.status).toBe('no-data');
  });

  it('ranks bad > provider-error > no-data > good', () => {
    expect(
      judgeRound(p, round(1, { 'error-rate': value(0.9), latency: failed('http') })).status,
    ).toBe('bad');
    expect(
      judgeRound(p, round(1, { 'error-rate': failed('nan'), latency: failed('http') })).status,
    ).toBe('provider-error');
    expect(
      judgeRound(p, round(1, { 'error-rate': value(0.01), latency: failed('nan') })).status,
    ).toBe('no-data');
  });

  it('reports a broken query even when there is no traffic', () => {
    const j = judgeRound(
      p,
      round(1, { 'error-rate': failed('api-error'), 'request-count': value(0) }),
    );
    expect(j.status).toBe('provider-error');
  });

  it('is no data for a round with no measurements at all', () => {
    expect(judgeRound(p, { at: 5, measurements: [] })).toEqual({
      at: 5,
      status: 'no-data',
      findings: [],
      reasons: ['no metric query was run'],
    });
  });
});

describe('metricsVerdict', () => {
  const p = policy();

  it('is pending before any round, and inconclusive if the end comes first', () => {
    expect(metricsVerdict(p, [])).toMatchObject({
      status: 'pending',
      reasons: ['waiting for the first metrics round'],
    });
    expect(metricsVerdict(p, [], { final: true })).toMatchObject({
      status: 'inconclusive',
      reasons: ['no metrics round completed'],
    });
  });

  it('stays pending while rounds are good, and passes only at the end', () => {
    const rounds = [healthy(1), healthy(2), healthy(3)];
    expect(metricsVerdict(p, rounds).status).toBe('pending');
    const final = metricsVerdict(p, rounds, { final: true });
    expect(final.status).toBe('pass');
    expect(final.decidingRound).toBe(2);
    expect(final.reasons[0]).toMatch(
      /^metrics within limits: error rate 0\.1% <= 5% .*; latency 120 ms <= 500 ms .*; 500 requests >= min 20/,
    );
    expect(final.counts).toEqual({ rounds: 3, good: 3, bad: 0, noData: 0, providerError: 0 });
  });

  it('fails on the first round whose request counts carry enough evidence, with the rules that decided', () => {
    const bad = round(2, {
      'error-rate': value(0.2),
      latency: value(0.1),
      'request-count': value(800),
    });
    const v = metricsVerdict(p, [healthy(1), bad, healthy(3)]);
    expect(v.status).toBe('fail');
    expect(v.decidingRound).toBe(1);
    expect(v.reasons).toEqual([
      `error rate 20.0% > 5% (160 of 800 requests failed; evidence against the 5% limit: more than 1 in 1,000,000, at least 1 in 20 needed) (query: ${QUERIES['error-rate']})`,
    ]);
    expect(v.rules).toEqual([
      {
        rule: 'max-error-rate',
        observed: 0.2,
        limit: 0.05,
        unit: 'ratio',
        outcome: 'fail',
        evidence: 1e12,
        alpha: 0.05,
      },
      { rule: 'max-latency', observed: 100, limit: 500, unit: 'ms', outcome: 'pass' },
      { rule: 'min-requests', observed: 800, limit: 20, unit: 'requests', outcome: 'pass' },
      { rule: 'max-consecutive-errors', observed: 0, limit: 3, unit: 'rounds', outcome: 'pass' },
    ]);
    // final changes nothing once failed
    expect(metricsVerdict(p, [healthy(1), bad, healthy(3)], { final: true }).status).toBe('fail');
  });

  it('fails on latency alone once it stays beyond the limit for persistMs (60 s)', () => {
    const slow = (at: number) => round(at, { latency: value(0.975), 'request-count': value(100) });
    expect(metricsVerdict(p, [slow(0)]).status).toBe('pending');
    expect(metricsVerdict(p, [slow(0), slow(30_000)]).status).toBe('pending');
    const v = metricsVerdict(p, [slow(0), slow(30_000), slow(60_000)]);
    expect(v.status).toBe('fail');
    expect(v.decidingRound).toBe(2);
    expect(v.reasons).toEqual([
      `latency 975 ms > 500 ms (query: ${QUERIES.latency}); beyond the limit in every round for 60s (fails after 60s)`,
    ]);
  });

  it('restarts the persistence clock when a round is back within the limit', () => {
    const slow = (at: number) => round(at, { latency: value(0.975), 'request-count': value(100) });
    const fine = (at: number) => round(at, { latency: value(0.2), 'request-count': value(100) });
    const rounds = [slow(0), slow(30_000), fine(45_000), slow(60_000), slow(90_000)];
    expect(metricsVerdict(p, rounds).status).toBe('pending');
    expect(metricsVerdict(p, [...rounds, slow(120_000)]).status).toBe('fail');
  });

  it('ends inconclusive, not failed, when the last rounds were beyond the limit for less than persistMs', () => {
    const slow = (at: number) => round(at, { latency: value(0.975), 'request-count': value(100) });
    const v = metricsVerdict(p, [healthy(0), slow(30_000)], { final: true });
    expect(v.status).toBe('inconclusive');
    expect(v.reasons).toEqual([
      `latency 975 ms > 500 ms (query: ${QUERIES.latency}) (beyond the limit at the end, for less than 60s)`,
    ]);
  });

  it('never counts a round whose request count failed toward the persistence time', () => {
    const slow = (at: number) => round(at, { latency: value(0.975), 'request-count': value(100) });
    const unknown = (at: number) =>
      round(at, { latency: value(0.975), 'request-count': failed('timeout') });
    expect(metricsVerdict(p, [slow(0), unknown(30_000), slow(60_000)]).status).toBe('pending');
    expect(metricsVerdict(p, [unknown(0), unknown(30_000), slow(60_000)]).status).toBe('pending');
  });

  it('judges the error rate without a request count by persistence too', () => {
    const np = policy({ minRequests: undefined });
    const high = (at: number) => round(at, { 'error-rate': value(0.3) });
    expect(metricsVerdict(np, [high(0), high(30_000)]).status).toBe('pending');
    const v = metricsVerdict(np, [high(0), high(30_000), high(60_000)]);
    expect(v.status).toBe('fail');
    expect(v.rules[0]).toEqual({
      rule: 'max-error-rate',
      observed: 0.3,
      limit: 0.05,
      unit: 'ratio',
      outcome: 'fail',
    });
  });

  it('does not roll back an early noisy round: 2 of 20 requests failing is no evidence against 5%', () => {
    const noisy = round(7_000, { 'error-rate': value(0.1), 'request-count': value(20) });
    const j = judgeRound(p, noisy);
    expect(j.status).toBe('good');
    expect(j.findings[0]).toMatchObject({
      status: 'good',
      message: `error rate 10.0% > 5% (2 of 20 requests failed; evidence against the 5% limit: none (0.18), short of 1 in 20 needed) (query: ${QUERIES['error-rate']})`,
    });
    expect(metricsVerdict(p, [noisy]).status).toBe('pending');
    // 30% of 40 requests: 12 failed, decided in that round.
    const bad = round(14_000, { 'error-rate': value(0.3), 'request-count': value(40) });
    expect(metricsVerdict(p, [noisy, bad]).status).toBe('fail');
  });

  it('judges the cumulative counts with the confidence given', () => {
    // 8 of 40 requests failed: evidence 1 in 82, enough at 95% confidence, not at 99%.
    const r = round(1, { 'error-rate': value(0.2), 'request-count': value(40) });
    expect(metricsVerdict(policy({ alpha: 0.05 }), [r]).status).toBe('fail');
    expect(metricsVerdict(policy({ alpha: 0.01 }), [r]).status).toBe('pending');
  });

  it('never fails on provider errors: inconclusive after maxConsecutiveErrors in a row', () => {
    expect(metricsVerdict(p, [broken(1), broken(2)]).status).toBe('pending');
    const v = metricsVerdict(p, [broken(1), broken(2), broken(3)]);
    expect(v.status).toBe('inconclusive');
    expect(v.reasons).toEqual([
      expect.stringMatching(
        /^3 metrics rounds in a row could not be judged \(limit 3\); last: error rate query failed \(unreachable\)/,
      ),
    ]);
    expect(v.rules).toContainEqual({
      rule: 'max-consecutive-errors',
      observed: 3,
      limit: 3,
      unit: 'rounds',
      outcome: 'inconclusive',
    });
  });

  it('resets the error run on any judged round (good or no data)', () => {
    const rounds = [
      broken(1),
      broken(2),
      healthy(3),
      broken(4),
      broken(5),
      idle(6),
      broken(7),
      broken(8),
    ];
    expect(metricsVerdict(p, rounds).status).toBe('pending');
  });

  it('honours a custom maxConsecutiveErrors', () => {
    expect(metricsVerdict(policy({ maxConsecutiveErrors: 1 }), [broken(1)]).status).toBe(
      'inconclusive',
    );
    expect(
      metricsVerdict(
        policy({ maxConsecutiveErrors: 5 }),
        [1, 2, 3, 4].map((i) => broken(i)),
      ).status,
    ).toBe('pending');
  });

  it('counts rounds by status', () => {
    const v = metricsVerdict(p, [healthy(1), broken(2), idle(3), healthy(4)]);
    expect(v.counts).toEqual({ rounds: 4, good: 2, bad: 0, noData: 1, providerError: 1 });
  });

  it('lets the first decisive round win: errors first, then a bad round', () => {
    const bad = round(4, { 'error-rate': value(0.5), 'request-count': value(100) });
    const v = metricsVerdict(p, [broken(1), broken(2), broken(3), bad]);
    expect(v).toMatchObject({ status: 'inconclusive', decidingRound: 2 });
  });

  it.each([
    ['inconclusive', 'inconclusive'],
    ['pass', 'pass'],
    ['fail', 'fail'],
  ] as const)('follows onNoData=%s when no traffic came', (onNoData, status) => {
    const v = metricsVerdict(policy({ onNoData }), [idle(1), idle(2)], { final: true });
    expect(v.status).toBe(status);
    expect(v.reasons).toContainEqual(
      expect.stringMatching(
        new RegExp(`^no data: 0 requests < min 20 .*\\(on-no-data: ${onNoData}\\)$`),
      ),
    );
    expect(v.rules).toContainEqual({
      rule: 'min-requests',
      observed: 0,
      limit: 20,
      unit: 'requests',
      outcome: 'no-data',
    });
  });

  it('keeps no data pending until the end', () => {
    expect(metricsVerdict(policy({ onNoData: 'fail' }), [idle(1)]).status).toBe('pending');
  });

  it('judges the end from the latest judged round, noting errors after it', () => {
    const v = metricsVerdict(p, [idle(1), healthy(2), broken(3)], { final: true });
    expect(v.status).toBe('pass');
    expect(v.decidingRound).toBe(1);
    expect(v.reasons[1]).toMatch(/^the last 1 round\(s\) could not be judged; last: /);
  });

  it('uses the latest judged round: traffic that arrived late turns no data into pass', () => {
    expect(
      metricsVerdict(policy({ onNoData: 'fail' }), [idle(1), healthy(2)], { final: true }).status,
    ).toBe('pass');
  });

  it('is inconclusive at the end when no round could be judged', () => {
    const v = metricsVerdict(p, [broken(1), broken(2)], { final: true });
    expect(v.status).toBe('inconclusive');
    expect(v.reasons[0]).toBe('no metrics round could be judged (2 with provider errors)');
  });

  it('treats +Inf as a provider error, not as a bad latency', () => {
    const v = metricsVerdict(p, [
      round(1, { latency: failed('inf'), 'request-count': value(100) }),
    ]);
    expect(v.status).toBe('pending');
    expect(v.counts.providerError).toBe(1);
  });

  it('gives the same verdict for the same rounds', () => {
    const rounds = [healthy(1), idle(2), broken(3), healthy(4)];
    expect(metricsVerdict(p, rounds, { final: true })).toEqual(
      metricsVerdict(p, rounds, { final: true }),
    );
  });

  it('reports rules only for what was measured and limited', () => {
    const v = metricsVerdict(parseMetricsPolicy({ maxErrorRate: 0.01 }), [
      round(1, { 'error-rate': value(0) }),
    ]);
    expect(v.rules.map((r) => r.rule)).toEqual(['max-error-rate', 'max-consecutive-errors']);
  });
});

describe('parseMetricsPolicy', () => {
  it('fills the defaults', () => {
    expect(parseMetricsPolicy({})).toEqual({
      onNoData: 'inconclusive',
      maxConsecutiveErrors: 3,
      alpha: 0.05,
      persistMs: 60_000,
    });
  });

  it.each([
    [
      { maxErrorRate: 5 },
      /maxErrorRate must be a fraction between 0 and 1 \(max-error-rate 5 means 0\.05\), got 5/,
    ],
    [{ maxErrorRate: -0.1 }, /maxErrorRate must be a fraction between 0 and 1, got -0\.1/],
    [{ maxErrorRate: '5%' }, /maxErrorRate must be a number, got "5%"/],
    [{ maxLatencyMs: 0 }, /maxLatencyMs must be greater than 0, got 0/],
    [{ minRequests: 2.5 }, /minRequests must be a whole number >= 0, got 2\.5/],
    [{ onNoData: 'ignore' }, /onNoData must be one of inconclusive, pass, fail, got "ignore"/],
    [{ maxConsecutiveErrors: 0 }, /maxConsecutiveErrors must be a whole number >= 1, got 0/],
  ])('rejects %j naming the field, the value and what is accepted', (input, message) => {
    expect(() => parseMetricsPolicy(input)).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => parseMetricsPolicy({ maxErrorRate: 2, maxLatencyMs: -1 })).toThrow(
      /maxErrorRate.*; maxLatencyMs/,
    );
  });
});
