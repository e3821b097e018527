// Runs trials of one cell (scenario × bake × rule) through the real engine on simulated time.
import { INPUTS } from '../../src/settings/input-spec.ts';
import { parseDuration } from '../../src/gate/duration.ts';
import { runGate } from '../../src/gate/run-gate.ts';
import { JUDGES } from './baselines.mjs';
import { SCENARIOS, traceProber } from './scenarios.mjs';
import { SimClock, prng } from './sim-clock.mjs';

const URL = 'http://svc.internal/healthz';

const spec = (name) => INPUTS.find((i) => i.name === name).default;
const ms = (name) => parseDuration(spec(name));

/** The shipped defaults, from the action's own input spec (only observe-for and latency-slo set). */
export function policyFor(scenario, bakeMs) {
  return {
    initialDelayMs: ms('initial-delay'),
    intervalMs: ms('interval'),
    timeoutMs: ms('timeout'),
    startupTimeoutMs: ms('startup-timeout'),
    successThreshold: Number(spec('success-threshold')),
    failureThreshold: Number(spec('failure-threshold')),
    maxLatencyMs: ms('timeout'),
    latencySlo: scenario.slo ? [{ percentile: 95, limitMs: 500, text: 'p95<500ms' }] : [],
    maxErrorRate: Number(spec('max-error-rate')) / 100,
    minSamples: Number(spec('min-samples')),
    alpha: 1 - Number(spec('confidence')) / 100,
    observeForMs: bakeMs,
  };
}

const seedOf = (text, trial) => {
  let h = 2166136261;
  for (const ch of `${text}#${trial}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
};

/** One trial: did the gate fail the release, when (ms from the first request), and on what rule. */
export async function trial(scenario, bakeMs, rule, index) {
  const clock = new SimClock(0);
  const traceRandom = prng(seedOf(scenario.id, index));
  const jitter = prng(seedOf(`${scenario.id}/jitter`, index));
  const probe = traceProber(scenario, traceRandom, clock);
  const policy = policyFor(scenario, bakeMs);
  const result = await clock.run(
    runGate(
      { targets: [{ url: URL, method: 'GET', policy, probe }], run: 'release' },
      { clock, random: jitter, judge: JUDGES[rule] },
    ),
  );
  const first = result.attempts[0]?.startedAt ?? result.startedAt;
  return {
    failed: result.verdict === 'unhealthy',
    ms: result.endedAt - first,
    rule: result.decidedBy?.rule.rule,
  };
}

export async function runCell({ id, bakeMs, rule, trials }) {
  const scenario = SCENARIOS.find((s) => s.id === id);
  const out = { id, bakeMs, rule, trials, failed: 0, times: [], byRule: {} };
  for (let i = 0; i < trials; i++) {
    const t = await trial(scenario, bakeMs, rule, i);
    if (!t.failed) continue;
    out.failed += 1;
    out.times.push(t.ms);
    out.byRule[t.rule] = (out.byRule[t.rule] ?? 0) + 1;
  }
  return out;
}
