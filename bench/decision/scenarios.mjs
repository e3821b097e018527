// Services as probe traces. Each trial draws from its own seeded PRNG in probe order, so every
// rule sees the same trace (until its decision ends the run).
const MIN = 60_000;

const ok = (latencyMs) => ({ ok: true, status: 200, latencyMs });
const failed = (latencyMs) => ({
  ok: false,
  status: 503,
  latencyMs,
  failure: { class: 'status', message: 'status 503 not in 200-299' },
});
const refused = () => ({
  ok: false,
  latencyMs: 1,
  failure: { class: 'refused', message: 'connection refused', code: 'ECONNREFUSED' },
});

/** Lognormal latency with the given median and p95 (z95 = 1.645). */
function lognormal(random, median, p95) {
  const sigma = Math.log(p95 / median) / 1.6448536269514722;
  const u1 = Math.max(random(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * z);
}

/** Each maker takes the trial's PRNG and returns (ms since the first probe) => probe result. */
/** Errors at `rate`, every response 20-60 ms. */
const errors = (rate) => (random) => () => {
  const latency = 20 + 40 * random();
  return random() < rate ? failed(latency) : ok(latency);
};

/** Refused for the first 40 s (warm-up), then healthy but for one failed probe among the first 4 after the success streak. */
const warmUpAndBlip = (random) => {
  const blipAt = 4 + Math.floor(random() * 4);
  let served = 0;
  return (sinceFirst) => {
    if (sinceFirst < 40_000) return refused();
    served += 1;
    return served === blipAt ? failed(30) : ok(20 + 40 * random());
  };
};

const latency = (median, p95) => (random) => () => ok(lognormal(random, median, p95));

// kind: what the cell measures. "healthy" cells count false rollbacks; "bad" cells detection.
export const SCENARIOS = [
  {
    id: 'ok2',
    label: 'healthy, 2 % errors',
    kind: 'healthy',
    make: errors(0.02),
    bakes: [5 * MIN, 60 * MIN],
  },
  {
    id: 'ok4',
    label: 'healthy, 4 % errors',
    kind: 'healthy',
    make: errors(0.04),
    bakes: [5 * MIN, 15 * MIN, 60 * MIN],
  },
  {
    id: 'lim5',
    label: 'at the limit, 5 % errors',
    kind: 'healthy',
    make: errors(0.05),
    bakes: [5 * MIN, 15 * MIN, 60 * MIN],
  },
  {
    id: 'blip',
    label: '40 s warm-up (refused) + one early failure, else 0 %',
    kind: 'healthy',
    make: warmUpAndBlip,
    bakes: [5 * MIN],
  },
  {
    id: 'lat-ok',
    label: 'healthy latency, p95 450 ms under `p95<500ms`',
    kind: 'healthy',
    make: latency(200, 450),
    bakes: [5 * MIN],
    slo: true,
  },
  { id: 'bad20', label: '20 % errors', kind: 'bad', make: errors(0.2), bakes: [5 * MIN] },
  { id: 'bad30', label: '30 % errors', kind: 'bad', make: errors(0.3), bakes: [5 * MIN] },
  { id: 'bad50', label: '50 % errors', kind: 'bad', make: errors(0.5), bakes: [5 * MIN] },
  {
    id: 'dead',
    label: 'dead from the start (refused)',
    kind: 'bad',
    make: () => refused,
    bakes: [5 * MIN],
  },
  {
    id: 'p95x2',
    label: 'every latency doubles: p95 450 → 900 ms over `p95<500ms`',
    kind: 'bad',
    make: latency(400, 900),
    bakes: [5 * MIN],
    slo: true,
  },
];

/** A prober for one trial: the trace in probe order, each latency spent on the clock. */
export function traceProber(scenario, random, clock) {
  const trace = scenario.make(random);
  let first;
  return async (_url, { timeoutMs, signal }) => {
    first ??= clock.now();
    const result = trace(clock.now() - first);
    await clock.sleep(Math.min(result.latencyMs, timeoutMs), signal);
    return result;
  };
}
