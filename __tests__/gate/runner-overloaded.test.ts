/** Our own lateness in simulated time: probes spoiled by a stalled runner are no evidence. */
import { assess } from '../../src/gate/policy.js';
import { uniformTargets } from '../../src/gate/gate-plan.js';
import { runGate } from '../../src/gate/run-gate.js';
import type { Attempt } from '../../src/gate/types.js';
import type { Policy } from '../../src/gate/types.js';
import { failing, ok, scriptedProber, type Script } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const policy: Policy = {
  initialDelayMs: 0,
  intervalMs: 1000,
  timeoutMs: 500,
  startupTimeoutMs: 10_000,
  successThreshold: 2,
  failureThreshold: 3,
  maxLatencyMs: 500,
  latencySlo: [],
  maxErrorRate: 0.05,
  minSamples: 5,
  alpha: 0.05,
  observeForMs: 20_000,
};

const URL_A = 'http://a.test/healthz';
/** What the prober returns for a timeout it fired 1.2 s late because our event loop was busy. */
const overloaded = () => failing('runner-overloaded', 500, { runnerDelayMs: 1200 });

async function gate(script: Script, overrides: Partial<Policy> = {}) {
  const clock = new VirtualClock();
  const { probe, calls } = scriptedProber(clock, script);
  const result = await clock.run(
    runGate(
      {
        targets: uniformTargets([URL_A], {
          method: 'GET',
          policy: { ...policy, ...overrides },
          probe,
        }),
        run: 'release',
      },
      { clock, random: () => 0.5 },
    ),
  );
  return { result, calls };
}

describe('probes spoiled by our own stall (runner-overloaded)', () => {
  it('are neither successes nor failures: a streak of 3 failures is not extended by them', async () => {
    // startup: ok ok; observe: 2 real failures, 5 overloaded, 1 real failure, then ok.
    const { result } = await gate(
      (_u, call) =>
        call <= 2
          ? ok()
          : call <= 4
            ? failing('status')
            : call <= 9
              ? overloaded()
              : call === 10
                ? failing('status')
                : ok(),
      { maxErrorRate: 0.5 },
    );
    // 2 + 1 = 3 real failures in a row (the 5 overloaded ones in between neither count nor break
    // the streak): consecutive-failures decides on the evidence, which is the release's.
    expect(result.verdict).toBe('unhealthy');
    expect(result.decidedBy?.rule.rule).toBe('consecutive-failures');
    expect(result.decidedBy?.rule.message).toMatch(/^3 consecutive failures \(limit 3\)/);
    expect(result.totals.notCounted).toBe(5);
    expect(result.totals.runnerMaxDelayMs).toBe(1200);
  });

  it('never fail a release on their own, and a few of them leave a healthy verdict standing', async () => {
    const { result } = await gate((_u, call) => (call % 5 === 0 ? overloaded() : ok()));
    expect(result.verdict).toBe('healthy');
    expect(result.reason).toMatch(
      /; 4 probes not counted: the runner was overloaded \(event loop up to 1\.2 s late\)$/,
    );
    expect(result.totals.notCounted).toBe(4);
    expect(result.totals.windowFailures).toBe(0);
    const observe = result.urls[0]?.assessment.rules.find((r) => r.rule === 'consecutive-failures');
    expect(observe?.outcome).toBe('pass');
    const errorRate = result.urls[0]?.assessment.rules.find((r) => r.rule === 'error-rate');
    expect(errorRate?.message).toMatch(/^error rate 0% \(0 of 18 probes failed\)/);
  });

  it('end the gate with error (inconclusive), not unhealthy, when more than half the evidence is lost', async () => {
    const { result } = await gate((_u, call) => (call <= 2 ? ok() : overloaded()));
    expect(result.verdict).toBe('error');
    expect(result.reason).toBe(
      'inconclusive: the runner was overloaded: 20 of 22 probes of http://a.test/healthz not counted (event loop up to 1.2 s late); more than half of the evidence is lost, so the release is not judged',
    );
    expect(result.decidedBy).toBeUndefined();
  });

  it('end it inconclusive when no probe at all was counted during startup', async () => {
    const { result } = await gate(() => overloaded());
    expect(result.verdict).toBe('error');
    expect(result.reason).toMatch(/^inconclusive: the runner was overloaded: \d+ of \d+ probes/);
  });

  it('make a failing rule inconclusive when they are most of what it rests on', async () => {
    // A real failure among mostly-spoiled probes: we cannot say the release did it.
    const { result } = await gate((_u, call) =>
      call <= 2 ? ok() : call % 5 === 0 ? failing('refused') : overloaded(),
    );
    // ok ok, then 2 refused among 8 spoiled: error-rate would fail on 2 of 4 counted probes,
    // but 6 of the 10 it rests on were lost.
    expect(result.verdict).toBe('error');
    expect(result.reason).toMatch(/: 6 of 10 probes of http:\/\/a.test\/healthz not counted/);
  });

  it('leave latency objectives alone for a success that arrived while we were stalled', () => {
    const at = (seq: number, extra: Partial<Attempt>): Attempt => ({
      ok: true,
      status: 200,
      latencyMs: 20,
      seq,
      url: URL_A,
      method: 'GET',
      phase: 'observe',
      run: 'release',
      scheduledAt: seq * 1000,
      startedAt: seq * 1000,
      ...extra,
    });
    const attempts = [
      ...[1, 2, 3, 4, 5, 6].map((n) => at(n, {})),
      at(7, { latencyMs: 1400, runnerDelayMs: 1390 }),
      at(8, { latencyMs: 1400, runnerDelayMs: 1390 }),
    ];
    const slo = { ...policy, latencySlo: [{ percentile: 50, limitMs: 100, text: 'p50<100ms' }] };
    const a = assess(slo, attempts, { startupExpired: false, observeEnded: true });
    const rule = a.rules.find((r) => r.rule === 'latency-p50');
    expect(rule?.message).toMatch(/0 of 6 responses slower than 100 ms/);
    expect(a.summary.successes).toBe(8);
  });
});
