/** collectRound: which queries run, with which window, and how outcomes become measurements. */
import type { Clock } from '../../src/gate/clock.js';
import { collectRound } from '../../src/metrics/collect-round.js';
import type { InstantQueryOptions, QueryOutcome } from '../../src/metrics/prometheus-client.js';

function fixedClock(at: number): Clock {
  return { now: () => at, sleep: () => Promise.resolve() };
}

describe('collectRound', () => {
  it('runs each configured query with $window = time since the start, rounded up', async () => {
    const calls: InstantQueryOptions[] = [];
    const query = async (options: InstantQueryOptions): Promise<QueryOutcome> => {
      calls.push(options);
      return {
        kind: 'value',
        value: calls.length,
        resultType: 'scalar',
        seriesCount: 0,
        raw: '',
        httpStatus: 200,
        durationMs: 1,
      };
    };
    const controller = new AbortController();
    const round = await collectRound({
      baseUrl: 'http://127.0.0.1:9',
      token: 'tok',
      queries: { errorRate: 'a[$window]', latency: 'b[$window]', requestCount: 'c[5m]' },
      since: 1_000_000,
      clock: fixedClock(1_000_000 + 94_100),
      timeoutMs: 4000,
      signal: controller.signal,
      query,
    });
    expect(round.at).toBe(1_094_100);
    expect(round.measurements.map((m) => [m.name, m.query, m.at])).toEqual([
      ['error-rate', 'a[1m35s]', 1_094_100],
      ['latency', 'b[1m35s]', 1_094_100],
      ['request-count', 'c[5m]', 1_094_100],
    ]);
    expect(calls.map((c) => [c.baseUrl, c.token, c.timeoutMs, c.signal])).toEqual(
      Array(3).fill(['http://127.0.0.1:9', 'tok', 4000, controller.signal]),
    );
  });

  it('skips queries that are not configured and keeps error outcomes', async () => {
    const outcome: QueryOutcome = {
      kind: 'error',
      errorClass: 'timeout',
      message: 'slow',
      durationMs: 9,
    };
    const round = await collectRound({
      baseUrl: 'http://127.0.0.1:9',
      queries: { latency: 'x' },
      since: 0,
      clock: fixedClock(500),
      timeoutMs: 100,
      query: async (options) => {
        expect(options.token).toBeUndefined();
        return outcome;
      },
    });
    expect(round.measurements).toEqual([{ at: 500, name: 'latency', query: 'x', outcome }]);
  });
});
