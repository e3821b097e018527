// Real traffic judged the way the Prometheus judge sees it: every round, the error ratio and the
// request count since the gate started (40 requests a second, each failing independently), and
// the pure judge's verdict after each round (metricsVerdict, the same call metrics-watch makes).
import { metricsVerdict } from '../../src/metrics/judge-metrics.ts';
import { parseMetricsPolicy } from '../../src/metrics/metrics-policy.ts';
import { prng } from './sim-clock.mjs';

const RPS = 40;
const value = (v) => ({
  kind: 'value',
  value: v,
  resultType: 'vector',
  seriesCount: 1,
  raw: '{}',
  httpStatus: 200,
  durationMs: 1,
});

/** One gate: rounds every `intervalMs` over `observeMs`; returns the round that failed, if one did. */
function gate(rate, seed, { intervalMs, observeMs, minRequests }) {
  const random = prng(seed);
  const policy = parseMetricsPolicy({ maxErrorRate: 0.05, minRequests, persistMs: 2 * intervalMs });
  const rounds = [];
  let requests = 0;
  let failed = 0;
  let reached;
  for (let at = intervalMs; at <= observeMs; at += intervalMs) {
    for (let i = 0; i < (RPS * intervalMs) / 1000; i++) {
      requests += 1;
      if (random() < rate) failed += 1;
    }
    rounds.push({
      at,
      measurements: [
        { at, name: 'error-rate', query: 'ratio', outcome: value(failed / requests) },
        { at, name: 'request-count', query: 'count', outcome: value(requests) },
      ],
    });
    if (reached === undefined && requests >= minRequests) reached = rounds.length - 1;
    if (metricsVerdict(policy, rounds).status === 'fail')
      return { failedAt: rounds.length - 1, reached };
  }
  return { reached };
}

/** Rows for the results table: how often each traffic is rolled back, and how soon. */
export function metricsRows(trials) {
  // A round every second for 2 minutes: 120 looks at the same growing counts.
  const setup = { intervalMs: 1000, observeMs: 120_000, minRequests: 20 };
  return [0.03, 0.05, 0.3].map((rate) => {
    let failed = 0;
    let withinTwo = 0;
    for (let i = 0; i < trials; i++) {
      const r = gate(rate, 7919 * i + Math.round(rate * 1000), setup);
      if (r.failedAt === undefined) continue;
      failed += 1;
      if (r.failedAt - r.reached <= 1) withinTwo += 1;
    }
    return { rate, trials, failed, withinTwo };
  });
}
