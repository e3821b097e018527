// The rules deploy-gate is compared with, as judges for the real engine (runGate's `judge`).
// Each keeps the shipped startup, expected-version and consecutive-failures rules and replaces
// only the error-rate and latency rules, so the four differ in that one decision.
import { assess } from '../../src/gate/policy.ts';
import { wilsonInterval } from '../../src/gate/stats.ts';

const isRate = (r) => r.rule === 'error-rate' || r.rule.startsWith('latency-');

/** Before the sequential rule: judged on the success streak plus observe. */
function oldWindow(policy, attempts) {
  const startup = attempts.filter((a) => a.phase !== 'observe');
  const observe = attempts.filter((a) => a.phase === 'observe');
  const k = policy.successThreshold;
  const streak = startup.slice(-k);
  if (streak.length < k || !streak.every((a) => a.ok)) return undefined;
  return { window: [...streak, ...observe], observe };
}

/** Per rule: the "bad" probes and how many were judged (errors, or responses slower than T). */
function counts(policy, probes) {
  const out = [
    {
      rule: 'error-rate',
      bad: probes.filter((a) => !a.ok).length,
      n: probes.length,
      allowed: policy.maxErrorRate,
    },
  ];
  const arrived = probes.filter((a) => a.status !== undefined);
  for (const o of policy.latencySlo) {
    out.push({
      rule: `latency-p${o.percentile}`,
      bad: arrived.filter((a) => a.latencyMs > o.limitMs).length,
      n: arrived.length,
      allowed: 1 - o.percentile / 100,
    });
  }
  return out;
}

function withRates(policy, attempts, progress, decide) {
  const base = assess(policy, attempts, progress);
  const rules = base.rules.filter((r) => !isRate(r));
  const old = oldWindow(policy, attempts);
  if (old) {
    for (const c of counts(policy, decide.observeOnly ? old.observe : old.window)) {
      rules.push({
        rule: c.rule,
        observed: c.n ? c.bad / c.n : null,
        limit: c.allowed,
        outcome: decide(policy, c) ? 'fail' : 'pass',
        message: `${c.bad} of ${c.n}`,
      });
    }
  }
  const decidedBy = rules.find((r) => r.outcome === 'fail');
  const status = decidedBy
    ? 'unhealthy'
    : !old
      ? 'starting'
      : progress.observeEnded
        ? 'healthy'
        : 'observing';
  return { ...base, rules, status, ...(decidedBy ? { decidedBy } : { decidedBy: undefined }) };
}

/** Today's rule: Wilson lower bound (z = 1.96) above the limit, once min-samples are in. */
const wilson = (policy, c) =>
  c.n >= policy.minSamples && wilsonInterval(c.bad, c.n).lower > c.allowed;
/** Argo Rollouts' failureLimit: 1: the analysis fails when more than 1 measurement failed. */
const argo = Object.assign((_p, c) => c.bad > 1, { observeOnly: true });
/** Flagger's threshold: 5: rolled back once 5 checks failed. */
const flagger = Object.assign((_p, c) => c.bad >= 5, { observeOnly: true });

export const JUDGES = {
  sequential: assess,
  wilson: (p, a, g) => withRates(p, a, g, wilson),
  argo: (p, a, g) => withRates(p, a, g, argo),
  flagger: (p, a, g) => withRates(p, a, g, flagger),
};
