/**
 * The metrics pipeline against a REAL Prometheus (Debian package) scraping local exporters:
 * exporter traffic -> scrape -> PromQL over HTTP -> judge. One Prometheus for the whole file;
 * each scenario is its own exporter, told apart by the `job` label (or the `app` label for the
 * Fly edge shapes).
 */
import { realClock } from '../../src/gate/clock.js';
import { collectRound, type MetricQueries } from '../../src/metrics/collect-round.js';
import { flyEdgeQueries } from '../../src/metrics/fly-edge.js';
import { metricsVerdict } from '../../src/metrics/judge-metrics.js';
import { parseMetricsPolicy } from '../../src/metrics/metrics-policy.js';
import { expandWindow, promDuration } from '../../src/metrics/prom-duration.js';
import { queryInstant, type QueryOutcome } from '../../src/metrics/prometheus-client.js';
import { startExporter, type Exporter, type TrafficMix } from '../helpers/exporter.js';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus.js';

const SCENARIOS: Record<string, TrafficMix> = {
  bad: { rps: 200, errorRatio: 0.2, latencySeconds: 0.05 },
  // 30 % 4xx: client errors are not server errors and must not count.
  good: { rps: 200, errorRatio: 0.001, clientErrorRatio: 0.3, latencySeconds: 0.05 },
  idle: { rps: 0, errorRatio: 0, latencySeconds: 0 },
  slow: { rps: 200, errorRatio: 0, latencySeconds: 0.8 },
};

const FLY_APPS = {
  code: { app: 'edge-code', statusStyle: 'code' as const, errorRatio: 0.2 },
  class: { app: 'edge-class', statusStyle: 'class' as const, errorRatio: 0.2 },
  // No 5xx ever, so no 5xx series exists: the error rate must still read 0, not "empty".
  clean: { app: 'edge-clean', statusStyle: 'code' as const, errorRatio: 0 },
  // Proves the PromQL string escaping round-trips through Prometheus' own parser.
  weird: { app: 'we"ird\\app\nname', statusStyle: 'code' as const, errorRatio: 0.2 },
};

let prometheus: RunningPrometheus;
const exporters: Exporter[] = [];
let trafficSince: number;

function classicQueries(job: string): Required<MetricQueries> {
  const all = `http_requests_total{job="${job}"}`;
  return {
    errorRate: `sum(increase(http_requests_total{job="${job}",code=~"5.."}[$window])) / sum(increase(${all}[$window]))`,
    latency: `histogram_quantile(0.95, sum by (le) (increase(http_request_duration_seconds_bucket{job="${job}"}[$window])))`,
    requestCount: `sum(increase(${all}[$window]))`,
  };
}

function round(queries: MetricQueries) {
  return collectRound({
    baseUrl: prometheus.url,
    queries,
    since: trafficSince,
    clock: realClock,
    timeoutMs: 5000,
  });
}

function query(promql: string, method: 'POST' | 'GET' = 'POST'): Promise<QueryOutcome> {
  return queryInstant({ baseUrl: prometheus.url, query: promql, timeoutMs: 5000, method });
}

function valueOf(outcome: QueryOutcome | undefined): number {
  if (outcome?.kind !== 'value')
    throw new Error(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

beforeAll(async () => {
  trafficSince = realClock.now();
  const targets = [];
  for (const [job, mix] of Object.entries(SCENARIOS)) {
    const exporter = await startExporter({ mix });
    exporters.push(exporter);
    targets.push({ job, address: exporter.address });
  }
  for (const [job, fly] of Object.entries(FLY_APPS)) {
    const exporter = await startExporter({
      mix: { rps: 100, errorRatio: fly.errorRatio, latencySeconds: 0.3 },
      flyEdge: { app: fly.app, statusStyle: fly.statusStyle, noisyNeighbour: 'noisy-neighbour' },
    });
    exporters.push(exporter);
    targets.push({ job: `fly-${job}`, address: exporter.address });
  }
  prometheus = await startPrometheus({ targets });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(exporters.map((e) => e.stop()));
});

describe('judging real traffic', () => {
  const policy = parseMetricsPolicy({ maxErrorRate: 0.05, maxLatencyMs: 500, minRequests: 10 });

  it('fails on 20 % 5xx, quoting the query, the value and the limit', async () => {
    const r = await round(classicQueries('bad'));
    const errorRate = r.measurements.find((m) => m.name === 'error-rate');
    expect(valueOf(errorRate?.outcome)).toBeCloseTo(0.2, 6);
    expect(errorRate?.query).toMatch(/\[\d+s\]/); // $window expanded
    const verdict = metricsVerdict(policy, [r]);
    expect(verdict.status).toBe('fail');
    expect(verdict.reasons).toEqual([
      expect.stringMatching(
        /^error rate 20\.0% > 5% \(\d+ of \d+ requests failed; evidence against the 5% limit: more than 1 in 1,000,000, at least 1 in 20 needed\) \(query: sum\(increase\(http_requests_total\{job="bad",code=~"5\.\."\}\[\d+s\]\)\) \/ /,
      ),
    ]);
    expect(verdict.rules).toContainEqual(
      expect.objectContaining({ rule: 'max-error-rate', limit: 0.05, outcome: 'fail' }),
    );
  });

  it('passes 0.1 % 5xx (with 30 % 4xx) at the end of observation, pending before', async () => {
    const r = await round(classicQueries('good'));
    expect(valueOf(r.measurements.find((m) => m.name === 'error-rate')?.outcome)).toBeCloseTo(
      0.001,
      6,
    );
    expect(
      valueOf(r.measurements.find((m) => m.name === 'request-count')?.outcome),
    ).toBeGreaterThan(10);
    expect(metricsVerdict(policy, [r]).status).toBe('pending');
    const final = metricsVerdict(policy, [r], { final: true });
    expect(final.status).toBe('pass');
    expect(final.reasons[0]).toMatch(/error rate 0\.1% <= 5%/);
  });

  it.each([
    ['inconclusive', 'inconclusive'],
    ['pass', 'pass'],
    ['fail', 'fail'],
  ] as const)('follows on-no-data=%s when there is no traffic', async (onNoData, expected) => {
    const r = await round(classicQueries('idle'));
    const outcomes = Object.fromEntries(r.measurements.map((m) => [m.name, m.outcome]));
    // No request has been counted yet: the counter has no series, the histogram is all zeros.
    expect(outcomes['request-count']).toMatchObject({ kind: 'error', errorClass: 'empty' });
    expect(outcomes['latency']).toMatchObject({ kind: 'error', errorClass: 'nan' });
    const p = parseMetricsPolicy({ maxErrorRate: 0.05, minRequests: 10, onNoData });
    const verdict = metricsVerdict(p, [r], { final: true });
    expect(verdict.status).toBe(expected);
    expect(verdict.reasons.join('\n')).toMatch(`on-no-data: ${onNoData}`);
  });

  it('fails a p95 latency above the limit and passes one below it', async () => {
    const slow = await round(classicQueries('slow'));
    // Every request takes 0.8 s: all land in the (0.5, 1] bucket, p95 interpolates to 0.975 s.
    expect(valueOf(slow.measurements.find((m) => m.name === 'latency')?.outcome)).toBeCloseTo(
      0.975,
      6,
    );
    // A quantile has no counts behind it: it fails once beyond the limit for 60 s (`for:`).
    const tightPolicy = parseMetricsPolicy({ maxLatencyMs: 500 });
    expect(metricsVerdict(tightPolicy, [slow]).status).toBe('pending');
    const tight = metricsVerdict(tightPolicy, [slow, { ...slow, at: slow.at + 60_000 }]);
    expect(tight.status).toBe('fail');
    expect(tight.reasons[0]).toMatch(/^latency 975 ms > 500 ms \(query: histogram_quantile/);
    // This service never answered 5xx, so no 5xx series exists and the ratio query is empty;
    // with requests counted, the judge reads that as 0 % instead of "no data".
    expect(slow.measurements.find((m) => m.name === 'error-rate')?.outcome).toMatchObject({
      kind: 'error',
      errorClass: 'empty',
    });
    const loose = metricsVerdict(
      parseMetricsPolicy({ maxLatencyMs: 2000, maxErrorRate: 0.01 }),
      [slow],
      {
        final: true,
      },
    );
    expect(loose.status).toBe('pass');
    expect(loose.reasons[0]).toMatch(
      /error rate 0\.0% <= 1% .*no error series with \d+(\.\d)? requests, read as 0/,
    );

    const fast = await round(classicQueries('good'));
    // 0.05 s sits in the (0.025, 0.05] bucket: 0.025 + 0.95 x 0.025.
    expect(valueOf(fast.measurements.find((m) => m.name === 'latency')?.outcome)).toBeCloseTo(
      0.04875,
      6,
    );
    expect(
      metricsVerdict(parseMetricsPolicy({ maxLatencyMs: 500 }), [fast], { final: true }).status,
    ).toBe('pass');
  });
});

describe('Fly edge queries on a real Prometheus', () => {
  it.each([
    ['numeric status ("500")', FLY_APPS.code.app],
    ['class status ("5xx")', FLY_APPS.class.app],
    ['name that needs escaping', FLY_APPS.weird.app],
  ])('measure the app alone with a %s', async (_label, app) => {
    const r = await round(flyEdgeQueries(app));
    const byName = Object.fromEntries(r.measurements.map((m) => [m.name, m.outcome]));
    // The noisy neighbour (100 % 5xx, 9 s) must not leak into the app's numbers.
    expect(valueOf(byName['error-rate'])).toBeCloseTo(0.2, 6);
    expect(valueOf(byName['latency'])).toBeCloseTo(0.25 + 0.95 * 0.25, 6);
    expect(valueOf(byName['request-count'])).toBeGreaterThan(0);
  });

  it('reads an error rate of 0, not "empty", when the app never answered 5xx', async () => {
    const r = await round(flyEdgeQueries(FLY_APPS.clean.app));
    expect(valueOf(r.measurements.find((m) => m.name === 'error-rate')?.outcome)).toBe(0);
  });

  it.each([['no-such-app'], ['we"ird\\app']])(
    'parse, and return "empty" for an app without metrics (%j)',
    async (app) => {
      const r = await round(flyEdgeQueries(app));
      expect(r.measurements).toHaveLength(3);
      for (const m of r.measurements) {
        expect(m.outcome).toMatchObject({ kind: 'error', errorClass: 'empty' });
      }
    },
  );
});

describe('the HTTP client against a real Prometheus', () => {
  it('gets the same value by POST and by GET', async () => {
    const promql = 'sum(up{job="bad"})';
    const [post, get] = await Promise.all([query(promql, 'POST'), query(promql, 'GET')]);
    expect(post).toMatchObject({ kind: 'value', value: 1, resultType: 'vector', httpStatus: 200 });
    expect(get).toMatchObject({ kind: 'value', value: 1, resultType: 'vector', httpStatus: 200 });
  });

  it('reports a query Prometheus cannot parse as api-error (bad_data, HTTP 400)', async () => {
    const outcome = await query('sum(rate(http_requests_total[1m]');
    expect(outcome).toMatchObject({
      kind: 'error',
      errorClass: 'api-error',
      errorType: 'bad_data',
      httpStatus: 400,
    });
  });

  it('reports a range vector as bad-response', async () => {
    expect(await query('up{job="bad"}[5s]')).toMatchObject({
      kind: 'error',
      errorClass: 'bad-response',
    });
  });

  it('reports one series per job as multiple-series', async () => {
    expect(await query('up')).toMatchObject({ kind: 'error', errorClass: 'multiple-series' });
  });

  it.each([1, 999, 95_000, 120_000, 3_605_000, 3_900_000, 26 * 3_600_000])(
    'accepts the window promDuration(%d) gives',
    async (ms) => {
      const outcome = await query(expandWindow('count_over_time(up{job="bad"}[$window])', ms));
      expect(outcome.kind).toBe('value');
      expect(promDuration(ms)).toMatch(/^(\d+h)?(\d+m)?(\d+s)?$/);
    },
  );
});
