/**
 * watchMetrics in simulated time: the rounds' schedule, `$window`, when the metrics stop the gate
 * (onFail) and when they only become inconclusive, the closing round, and cancellation. The
 * query function is injected and replays answers recorded from a real Prometheus
 * (__tests__/metrics/fixtures/), so every outcome went through the same interpretation as in
 * production; transport failures are built as queryInstant builds them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  MetricsRound,
  MetricsVerdict,
  RoundJudgement,
} from '../../src/metrics/judgement-types.js';
import type { InstantQueryOptions, QueryOutcome } from '../../src/metrics/prometheus-client.js';
import { interpretQueryResponse } from '../../src/metrics/prometheus-response.js';
import { nullRecorder, type Recorder } from '../../src/evidence/recorder.js';
import {
  QUERY_TIMEOUT_MS,
  watchMetrics,
  type MetricsWatch,
} from '../../src/metrics/metrics-watch.js';
import type { MetricsSettings } from '../../src/metrics/metrics-policy.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const FIXTURES = join(import.meta.dirname, '..', 'metrics', 'fixtures');
const BASE_URL = 'http://127.0.0.1:9090';

/** The classic shapes, as a user would write them. */
const QUERIES = {
  errorRate:
    'sum(rate(http_requests_total{code=~"5.."}[$window])) / sum(rate(http_requests_total[$window]))',
  latency:
    'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[$window])))',
  requestCount: 'sum(increase(http_requests_total[$window]))',
};

type Name = 'error-rate' | 'latency' | 'request-count';

function nameOf(query: string): Name {
  if (query.includes('code=~')) return 'error-rate';
  if (query.startsWith('histogram_quantile')) return 'latency';
  return 'request-count';
}

/** A recorded answer as queryInstant would return it; `value` replaces the one sample's value. */
function recorded(file: string, httpStatus = 200, value?: number): QueryOutcome {
  const body = readFileSync(join(FIXTURES, file), 'utf8').trim();
  const text = value === undefined ? body : body.replace('"0.41550000000000004"', `"${value}"`);
  return { ...interpretQueryResponse(httpStatus, text), raw: text, durationMs: 4 };
}

const value = (v: number) => recorded('vector-one.json', 200, v);
const EMPTY = recorded('vector-empty.json');
const NAN = recorded('vector-nan.json');

/** The failures that have no body to record, shaped as queryInstant shapes them. */
const UNREACHABLE: QueryOutcome = {
  kind: 'error',
  errorClass: 'unreachable',
  code: 'ECONNREFUSED',
  message: 'Prometheus unreachable at http://127.0.0.1:9090 (ECONNREFUSED)',
  durationMs: 1,
};
const TIMEOUT: QueryOutcome = {
  kind: 'error',
  errorClass: 'timeout',
  code: 'UND_ERR_HEADERS_TIMEOUT',
  message: 'no complete answer within 10000 ms (UND_ERR_HEADERS_TIMEOUT)',
  durationMs: 10_000,
};
const HTTP_503: QueryOutcome = {
  ...interpretQueryResponse(503, '<html><body>upstream unavailable</body></html>'),
  raw: '<html><body>upstream unavailable</body></html>',
  durationMs: 2,
};

/** Healthy traffic: 0.1 % errors, p95 120 ms, 500 requests. */
const HEALTHY: Record<Name, QueryOutcome> = {
  'error-rate': value(0.001),
  latency: value(0.12),
  'request-count': value(500),
};
const all = (outcome: QueryOutcome): Record<Name, QueryOutcome> => ({
  'error-rate': outcome,
  latency: outcome,
  'request-count': outcome,
});

interface Call {
  name: Name;
  /** Milliseconds since the gate started (`since`). */
  at: number;
  query: string;
  options: InstantQueryOptions;
}

interface Scenario {
  /** Answers for round `round` (0-based count of that query's calls). */
  answers: (round: number) => Record<Name, QueryOutcome>;
  settings?: Partial<MetricsSettings>;
  /** Virtual time each query takes (aborted by the query's signal, as a real request is). */
  queryMs?: number;
  token?: string;
  recorder?: Recorder;
}

function setUp(scenario: Scenario) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const calls: Call[] = [];
  const fails: { at: number; verdict: MetricsVerdict }[] = [];
  const recordedRounds: { round: MetricsRound; judgement: RoundJudgement }[] = [];
  const cancel = new AbortController();
  const settings: MetricsSettings = {
    source: { kind: 'url', baseUrl: BASE_URL },
    queries: QUERIES,
    maxErrorRate: 0.05,
    alpha: 0.05,
    maxLatencyMs: 500,
    minRequests: 10,
    onNoData: 'inconclusive',
    intervalMs: 30_000,
    ...scenario.settings,
  };
  const watch: MetricsWatch = watchMetrics({
    settings,
    baseUrl: BASE_URL,
    queries: settings.queries,
    ...(scenario.token ? { token: scenario.token } : {}),
    since: t0,
    clock,
    recorder: scenario.recorder ?? {
      ...nullRecorder,
      metricsRound: (round, judgement) => recordedRounds.push({ round, judgement }),
    },
    onFail: (verdict) => fails.push({ at: clock.now() - t0, verdict }),
    signal: cancel.signal,
    query: async (options) => {
      const name = nameOf(options.query);
      const round = calls.filter((c) => c.name === name).length;
      calls.push({ name, at: clock.now() - t0, query: options.query, options });
      if (scenario.queryMs) await clock.sleep(scenario.queryMs, options.signal);
      const answer = scenario.answers(round)[name];
      if (!answer) throw new Error(`no answer for ${name} in round ${round}`);
      return answer;
    },
  });
  const callsOf = (name: Name) => calls.filter((c) => c.name === name);
  const rel = (at: number) => at - t0;
  /** Sleeps `ms` of virtual time in the test's own flow. */
  const wait = (ms: number) => clock.sleep(ms);
  return { clock, t0, rel, wait, watch, calls, callsOf, fails, recordedRounds, cancel };
}

describe('the schedule', () => {
  it('runs a round at start() and every interval after it on a fixed grid, then a closing round', async () => {
    // Each query takes 2 s: the grid must not drift to 37 s, 69 s...
    const s = setUp({ answers: () => HEALTHY, queryMs: 2000 });
    const outcome = await s.clock.run(
      (async () => {
        await s.wait(5000);
        s.watch.start();
        await s.wait(100_000);
        return s.watch.finish();
      })(),
    );
    for (const name of ['error-rate', 'latency', 'request-count'] as const) {
      expect(s.callsOf(name).map((c) => c.at)).toEqual([5000, 35_000, 65_000, 95_000, 105_000]);
    }
    // $window is the time since the gate started (`since`), rounded up to whole seconds.
    expect(s.callsOf('request-count').map((c) => c.query)).toEqual(
      ['5s', '35s', '1m5s', '1m35s', '1m45s'].map(
        (w) => `sum(increase(http_requests_total[${w}]))`,
      ),
    );
    expect(s.callsOf('error-rate')[4]?.query).toBe(
      'sum(rate(http_requests_total{code=~"5.."}[1m45s])) / sum(rate(http_requests_total[1m45s]))',
    );
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([5000, 35_000, 65_000, 95_000, 105_000]);
    expect(outcome.verdict).toMatchObject({ status: 'pass', decidingRound: 4 });
    expect(outcome.verdict.reasons[0]).toMatch(
      /^metrics within limits: error rate 0\.1% <= 5% \(1 of 500 requests failed; evidence against the 5% limit: none, short of 1 in 20 needed\) \(query: /,
    );
    expect(s.fails).toEqual([]);
    // Every round went to the evidence with its judgement, one measurement per query.
    expect(s.recordedRounds.map((r) => [r.round.measurements.length, r.judgement.status])).toEqual(
      Array(5).fill([3, 'good']),
    );
  });

  it('skips the slots a slow round overran instead of firing late rounds back to back', async () => {
    const s = setUp({ answers: () => HEALTHY, queryMs: 25_000, settings: { intervalMs: 10_000 } });
    const outcome = await s.clock.run(
      (async () => {
        await s.wait(5000);
        s.watch.start();
        await s.wait(50_000);
        return s.watch.finish();
      })(),
    );
    // 5 s -> 30 s; the slots at 15 s and 25 s are gone, the next is 35 s; the round in flight at
    // the end (35 s -> 60 s) is abandoned for the closing round at 55 s.
    expect(s.callsOf('latency').map((c) => c.at)).toEqual([5000, 35_000, 55_000]);
    expect(s.callsOf('latency')[1]?.options.signal?.aborted).toBe(true);
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([5000, 55_000]);
  });

  it.each([
    [30_000, QUERY_TIMEOUT_MS],
    [4000, 4000],
  ])(
    'gives each query min(10 s, interval) (interval %d ms -> %d ms) and the token',
    async (intervalMs, timeoutMs) => {
      const s = setUp({ answers: () => HEALTHY, settings: { intervalMs }, token: 'FlyV1 fm2_tok' });
      await s.clock.run(s.watch.finish());
      expect(s.calls).toHaveLength(3);
      for (const c of s.calls) {
        expect(c.options).toMatchObject({ baseUrl: BASE_URL, token: 'FlyV1 fm2_tok', timeoutMs });
      }
    },
  );

  it('start() is idempotent: the second URL to reach observe does not start a second loop', async () => {
    const s = setUp({ answers: () => HEALTHY });
    await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(10_000);
        s.watch.start();
        await s.wait(50_000);
        return s.watch.finish();
      })(),
    );
    expect(s.callsOf('error-rate').map((c) => c.at)).toEqual([0, 30_000, 60_000]);
  });
});

describe('a failing verdict fails the gate at once', () => {
  it.each([
    [
      'error rate (request counts: evidence decides in one round)',
      (round: number) => ({ ...HEALTHY, 'error-rate': value(round === 2 ? 0.2 : 0.001) }),
      'error rate 20.0% > 5% (100 of 500 requests failed; evidence against the 5% limit: more than 1 in 1,000,000, at least 1 in 20 needed) (query: sum(rate(http_requests_total{code=~"5.."}[1m5s])) / sum(rate(http_requests_total[1m5s])))',
      2,
    ],
    [
      'latency (no counts: beyond the limit for 60 s)',
      (round: number) => ({ ...HEALTHY, latency: value(round >= 2 ? 0.975 : 0.12) }),
      'latency 975 ms > 500 ms (query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[2m5s])))); beyond the limit in every round for 60s (fails after 60s)',
      4,
    ],
  ])(
    'on %s: onFail at that round, no round after it, the reason quotes query, value and limit',
    async (_name, answers, reason, deciding) => {
      const s = setUp({ answers });
      const outcome = await s.clock.run(
        (async () => {
          await s.wait(5000);
          s.watch.start();
          await s.wait(300_000);
          return s.watch.finish();
        })(),
      );
      const at = (round: number) => 5000 + round * 30_000;
      expect(s.fails.map((f) => f.at)).toEqual([at(deciding)]);
      expect(s.fails[0]?.verdict.reasons).toEqual([reason]);
      // Nothing ran after the deciding round, not even a closing round.
      expect(s.calls.map((c) => c.at)).toEqual(
        Array.from({ length: deciding + 1 }, (_, r) => Array(3).fill(at(r))).flat(),
      );
      expect(outcome.verdict).toEqual(s.fails[0]?.verdict);
      expect(outcome.verdict).toMatchObject({ status: 'fail', decidingRound: deciding });
      expect(s.recordedRounds.map((r) => r.judgement.status)).toEqual(
        Array.from({ length: deciding + 1 }, (_, r) => (r < 2 ? 'good' : 'bad')),
      );
    },
  );

  it('fails on the closing round too: the traffic of the last partial interval is judged', async () => {
    const s = setUp({
      answers: (round) => ({ ...HEALTHY, 'error-rate': value(round === 3 ? 0.09 : 0.001) }),
    });
    const outcome = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(75_000);
        return s.watch.finish();
      })(),
    );
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([0, 30_000, 60_000, 75_000]);
    expect(outcome.verdict).toMatchObject({ status: 'fail', decidingRound: 3 });
    expect(s.fails.map((f) => f.at)).toEqual([75_000]);
  });
});

describe('provider errors never fail the gate', () => {
  it.each([
    ['unreachable', UNREACHABLE],
    ['timeout', TIMEOUT],
    ['HTTP 503', HTTP_503],
    ['status:error (execution, HTTP 422)', recorded('error-execution.json', 422)],
    ['status:error (bad_data, HTTP 400)', recorded('error-bad-data.json', 400)],
    ['+Inf', recorded('vector-plus-inf.json')],
    ['-Inf', recorded('vector-minus-inf.json')],
    ['more than one series', recorded('vector-several.json')],
    ['a range vector', recorded('matrix.json')],
  ])('%s in 3 rounds in a row: inconclusive, no onFail, no more rounds', async (_label, error) => {
    const s = setUp({ answers: () => all(error) });
    const outcome = await s.clock.run(
      (async () => {
        await s.wait(5000);
        s.watch.start();
        await s.wait(300_000);
        return s.watch.finish();
      })(),
    );
    expect(s.fails).toEqual([]);
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([5000, 35_000, 65_000]);
    expect(s.calls).toHaveLength(9);
    expect(outcome.verdict).toMatchObject({
      status: 'inconclusive',
      decidingRound: 2,
      counts: { rounds: 3, providerError: 3, bad: 0 },
    });
    expect(outcome.verdict.reasons[0]).toMatch(
      /^3 metrics rounds in a row could not be judged \(limit 3\); last: /,
    );
  });

  it('counts errors in a row only: a judged round resets the count; a bad ratio over an unknown count is not bad', async () => {
    const script: Record<Name, QueryOutcome>[] = [
      all(UNREACHABLE),
      all(UNREACHABLE),
      HEALTHY,
      // 50 % errors, but how many requests? Not confirmed, so a provider error.
      { ...HEALTHY, 'error-rate': value(0.5), 'request-count': TIMEOUT },
      all(HTTP_503),
      all(UNREACHABLE),
    ];
    const s = setUp({ answers: (round) => script[round] ?? HEALTHY });
    const outcome = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(600_000);
        return s.watch.finish();
      })(),
    );
    expect(s.fails).toEqual([]);
    expect(s.recordedRounds.map((r) => r.judgement.status)).toEqual([
      'provider-error',
      'provider-error',
      'good',
      'provider-error',
      'provider-error',
      'provider-error',
    ]);
    expect(outcome.verdict).toMatchObject({ status: 'inconclusive', decidingRound: 5 });
    expect(s.recordedRounds[3]?.judgement.reasons).toContainEqual(
      expect.stringMatching(/^not confirmed, request count unknown: error rate 50\.0% > 5%/),
    );
  });

  it('stays pending through fewer errors in a row and passes on the closing round', async () => {
    const s = setUp({ answers: (round) => (round < 2 ? all(TIMEOUT) : HEALTHY) });
    const outcome = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(45_000);
        return s.watch.finish();
      })(),
    );
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([0, 30_000, 45_000]);
    expect(outcome.verdict).toMatchObject({ status: 'pass', decidingRound: 2 });
  });
});

describe('no traffic: empty results and NaN are no data, judged by on-no-data at the end', () => {
  it.each(['inconclusive', 'pass', 'fail'] as const)('on-no-data: %s', async (onNoData) => {
    // What a real Prometheus answers with no traffic: no counter series yet, a 0/0 histogram.
    const s = setUp({
      answers: () => ({ 'error-rate': EMPTY, latency: NAN, 'request-count': EMPTY }),
      settings: { onNoData },
    });
    const outcome = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(300_000);
        return s.watch.finish();
      })(),
    );
    // Never "3 errors in a row": every round ran, plus the closing one.
    expect(outcome.rounds).toHaveLength(11);
    expect(outcome.verdict.status).toBe(onNoData);
    expect(outcome.verdict.counts).toMatchObject({ noData: 11, providerError: 0 });
    expect(outcome.verdict.reasons.join('\n')).toContain(`(on-no-data: ${onNoData})`);
    // The gate has already ended when this verdict is made: it is final, not a stop signal.
    expect(s.fails).toEqual([]);
  });
});

describe('finish()', () => {
  it('runs one round when none ran (the gate ended before observe), covering the time since the start', async () => {
    const s = setUp({ answers: () => HEALTHY });
    const outcome = await s.clock.run(
      (async () => {
        await s.wait(42_000);
        return s.watch.finish();
      })(),
    );
    expect(s.calls.map((c) => [c.at, c.query])).toEqual([
      [42_000, QUERIES.errorRate.replaceAll('$window', '42s')],
      [42_000, QUERIES.latency.replace('$window', '42s')],
      [42_000, QUERIES.requestCount.replace('$window', '42s')],
    ]);
    expect(outcome.verdict).toMatchObject({ status: 'pass', decidingRound: 0 });
  });

  it('judges the whole observation when observe-for is shorter than metrics-interval', async () => {
    // At observe start only 4 requests were counted (no data); 10 s later there is traffic.
    const s = setUp({
      answers: (round) => (round === 0 ? { ...HEALTHY, 'request-count': value(4) } : HEALTHY),
    });
    const outcome = await s.clock.run(
      (async () => {
        await s.wait(5000);
        s.watch.start();
        await s.wait(10_000);
        return s.watch.finish();
      })(),
    );
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([5000, 15_000]);
    expect(s.recordedRounds.map((r) => r.judgement.status)).toEqual(['no-data', 'good']);
    expect(outcome.verdict).toMatchObject({ status: 'pass', decidingRound: 1 });
  });

  it('after a cancellation mid-query: no further round, the query aborted, the verdict not final', async () => {
    const s = setUp({ answers: () => HEALTHY, queryMs: 2000 });
    const outcome = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(31_000); // the round of 30 s is in flight until 32 s
        s.cancel.abort(new Error('received SIGTERM'));
        return s.watch.finish();
      })(),
    );
    expect(s.calls.map((c) => c.at)).toEqual([...Array(3).fill(0), ...Array(3).fill(30_000)]);
    expect(s.calls.slice(3).every((c) => c.options.signal?.aborted)).toBe(true);
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([0]);
    expect(outcome.verdict.status).toBe('pending');
    expect(s.fails).toEqual([]);
  });

  it('after a cancellation during the closing round: resolves with the rounds it has', async () => {
    const s = setUp({ answers: () => HEALTHY, queryMs: 2000 });
    const outcome = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(20_000);
        const finishing = s.watch.finish();
        await s.wait(1000);
        s.cancel.abort(new Error('received SIGINT'));
        return finishing;
      })(),
    );
    expect(s.calls.map((c) => c.at)).toEqual([...Array(3).fill(0), ...Array(3).fill(20_000)]);
    expect(outcome.rounds.map((r) => s.rel(r.at))).toEqual([0]);
    expect(outcome.verdict.status).toBe('pending');
  });

  it('after a cancellation before anything ran: no query at all, pending', async () => {
    const s = setUp({ answers: () => HEALTHY });
    s.cancel.abort(new Error('received SIGTERM'));
    const outcome = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(60_000);
        return s.watch.finish();
      })(),
    );
    expect(s.calls).toEqual([]);
    expect(outcome.rounds).toEqual([]);
    expect(outcome.verdict).toMatchObject({
      status: 'pending',
      reasons: ['waiting for the first metrics round'],
    });
  });

  it('rejects with an error that is not a query outcome (here: the evidence write), after stopping the rounds', async () => {
    let writes = 0;
    const s = setUp({
      answers: () => HEALTHY,
      recorder: {
        ...nullRecorder,
        metricsRound: () => {
          writes += 1;
          if (writes === 2) throw new Error('ENOSPC: no space left on device');
        },
      },
    });
    // (caught inside the work: the virtual clock's run() wants work that resolves)
    const error = await s.clock.run(
      (async () => {
        s.watch.start();
        await s.wait(120_000);
        return s.watch.finish().then(
          () => undefined,
          (e: unknown) => e,
        );
      })(),
    );
    expect(error).toEqual(new Error('ENOSPC: no space left on device'));
    // The loop stopped at the failing round: no round at 60 s or 90 s, no closing round.
    expect(s.calls.map((c) => c.at)).toEqual([...Array(3).fill(0), ...Array(3).fill(30_000)]);
  });
});
