/** The pure policy: attempts in, status and reasons out. */
import { assess } from '../../src/gate/policy.js';
import type { Attempt } from '../../src/gate/types.js';
import type { Policy } from '../../src/gate/types.js';

const policy: Policy = {
  initialDelayMs: 0,
  intervalMs: 1000,
  timeoutMs: 500,
  startupTimeoutMs: 60_000,
  successThreshold: 3,
  failureThreshold: 4,
  maxLatencyMs: 5000,
  latencySlo: [{ percentile: 95, limitMs: 500, text: 'p95<500ms' }],
  maxErrorRate: 0.05,
  minSamples: 10,
  alpha: 0.05,
  observeForMs: 60_000,
};

let seq = 0;
function attempt(phase: 'startup' | 'observe', ok: boolean, extra: Partial<Attempt> = {}): Attempt {
  seq++;
  return {
    seq,
    url: 'http://svc/healthz',
    method: 'GET',
    phase,
    run: 'release',
    scheduledAt: seq,
    startedAt: seq,
    ok,
    latencyMs: 20,
    ...(ok ? { status: 200 } : { failure: { class: 'refused', message: 'connection refused' } }),
    ...extra,
  };
}
const many = (n: number, phase: 'startup' | 'observe', ok: boolean, extra: Partial<Attempt> = {}) =>
  Array.from({ length: n }, () => attempt(phase, ok, extra));
const streak = () => many(3, 'startup', true);
const running = { startupExpired: false, observeEnded: false };
const ended = { startupExpired: false, observeEnded: true };

describe('startup', () => {
  it('is starting until the success streak, and startup failures never count later', () => {
    const warmUp = [...many(5, 'startup', false), ...many(2, 'startup', true)];
    expect(assess(policy, warmUp, running).status).toBe('starting');
    const healthy = assess(policy, [...warmUp, attempt('startup', true)], ended);
    expect(healthy.status).toBe('healthy');
    expect(healthy.window).toHaveLength(3);
    expect(healthy.rules.find((r) => r.rule === 'startup')?.message).toBe(
      '3 consecutive successes after 8 attempts',
    );
  });

  it('fails when the budget is spent, with the counts and the last failure', () => {
    const a = assess(
      policy,
      [...many(4, 'startup', false), ...many(2, 'startup', true), attempt('startup', false)],
      { ...running, startupExpired: true },
    );
    expect(a.status).toBe('unhealthy');
    expect(a.decidedBy?.message).toBe(
      'no 3 consecutive successes within 1m: 2 of 7 attempts succeeded (longest streak 2); last: connection refused',
    );
  });
});

describe('expected-version', () => {
  const wrong = (v: string) =>
    attempt('startup', false, {
      status: 200,
      versionSeen: v,
      failure: { class: 'version', message: `serving version ${v}, expected v2` },
    });
  it('is its own reason when the new version never served', () => {
    const a = assess(policy, [wrong('v1'), wrong('v1'), wrong('v0')], {
      ...running,
      startupExpired: true,
      expectedVersion: 'v2',
    });
    expect(a.decidedBy).toMatchObject({
      rule: 'expected-version',
      outcome: 'fail',
      observed: 'v0',
    });
    expect(a.decidedBy?.message).toBe(
      'expected version v2 never served within 1m (saw v1 in 2, v0 in 1 of 3 responses): the new release is not what is serving',
    );
  });

  it('is not blamed when nothing answered at all', () => {
    const a = assess(policy, many(3, 'startup', false), {
      ...running,
      startupExpired: true,
      expectedVersion: 'v2',
    });
    expect(a.decidedBy?.rule).toBe('startup');
    expect(a.rules[0]).toMatchObject({ rule: 'expected-version', outcome: 'not-judged' });
  });
});

describe('observe', () => {
  it('fails on failure-threshold consecutive failures, naming the last one', () => {
    const a = assess(
      policy,
      [...streak(), ...many(2, 'observe', true), ...many(4, 'observe', false)],
      running,
    );
    expect(a.decidedBy).toMatchObject({ rule: 'consecutive-failures', observed: 4, limit: 4 });
    expect(a.decidedBy?.message).toBe('4 consecutive failures (limit 4); last: connection refused');
  });

  it('one failure among the first handful proves nothing (1 in 11 at 5%)', () => {
    const a = assess(
      policy,
      [
        ...streak(),
        ...many(4, 'observe', true),
        attempt('observe', false),
        ...many(3, 'observe', true),
      ],
      ended,
    );
    expect(a.window).toHaveLength(11);
    expect(a.status).toBe('healthy');
    expect(a.rules.find((r) => r.rule === 'error-rate')).toMatchObject({
      outcome: 'pass',
      alpha: 0.05,
      message:
        'error rate 9.1% (1 of 11 probes failed), not shown above 5% (evidence against the 5% limit: none (0.28), short of 1 in 20 needed)',
    });
  });

  it('fails at the first probe where the evidence reaches 1/alpha: 3 failures in 10, one in every 3', () => {
    const observe: Attempt[] = [];
    for (let i = 0; i < 27; i++) observe.push(attempt('observe', i % 3 !== 0));
    const attempts = [...streak(), ...observe];
    const firstFail = attempts.findIndex(
      (_, i) => assess(policy, attempts.slice(0, i + 1), running).status === 'unhealthy',
    );
    expect(firstFail + 1).toBe(10);
    const a = assess(policy, attempts.slice(0, 10), running);
    expect(a.decidedBy).toMatchObject({ rule: 'error-rate', outcome: 'fail', alpha: 0.05 });
    expect(a.decidedBy?.evidence).toBeCloseTo(21.87, 2);
    expect(a.decidedBy?.message).toBe(
      'error rate 30% (3 of 10 probes failed; evidence against the 5% limit: 1 in 22, at least 1 in 20 needed) exceeds 5%',
    );
    expect(assess(policy, attempts, running).decidedBy?.message).toBe(
      'error rate 30% (9 of 30 probes failed; evidence against the 5% limit: 1 in 13,067, at least 1 in 20 needed) exceeds 5%',
    );
  });

  it('fails before min-samples on strong evidence, but claims a pass only after min-samples', () => {
    const bad = assess(policy, [...streak(), ...many(3, 'observe', false)], running);
    expect(bad.status).toBe('unhealthy');
    expect(bad.decidedBy?.message).toBe(
      'error rate 50% (3 of 6 probes failed; evidence against the 5% limit: 1 in 92, at least 1 in 20 needed) exceeds 5%',
    );
    const early = assess(policy, [...streak(), ...many(3, 'observe', true)], running);
    expect(early.rules.find((r) => r.rule === 'error-rate')).toMatchObject({
      outcome: 'not-judged',
      message:
        'error rate not judged: 6 of 10 samples needed (0 of 6 probes failed; evidence against the 5% limit: none (0.16), short of 1 in 20 needed)',
    });
    expect(early.status).toBe('observing');
    const later = assess(policy, [...streak(), ...many(7, 'observe', true)], running);
    expect(later.rules.find((r) => r.rule === 'error-rate')?.outcome).toBe('pass');
  });

  it('is monotone: 3 failures of 20 and of 21 are judged alike, and one more failure never passes', () => {
    const judged = (n: number, failedAt: number[]) => {
      const list = [...streak(), ...many(n - 3, 'observe', true)];
      for (const i of failedAt) list[i] = attempt('observe', false);
      return assess(policy, list, ended).status;
    };
    // Wilson after min-samples 20 failed 3 of 20 yet passed 3 of 21 to 30.
    expect(judged(20, [5, 11, 19])).toBe('healthy');
    expect(judged(21, [5, 11, 20])).toBe('healthy');
    expect(judged(20, [5, 8, 11, 15, 19])).toBe('unhealthy');
    expect(judged(21, [5, 8, 11, 15, 20])).toBe('unhealthy');
    // Adding a failure anywhere never turns a failing window into a passing one.
    for (const extra of [4, 9, 13, 17]) {
      expect(judged(21, [5, 8, 11, 15, 20, extra])).toBe('unhealthy');
    }
  });

  it('counts startup evidence from the first success on; failures before it are the warm-up', () => {
    const warmUp = many(5, 'startup', false);
    const a = assess(
      policy,
      [...warmUp, attempt('startup', true), attempt('startup', false), attempt('startup', true)],
      running,
    );
    expect(a.status).toBe('starting');
    expect(a.window).toHaveLength(3);
    expect(a.rules.find((r) => r.rule === 'error-rate')?.message).toBe(
      'error rate not judged: 3 of 10 samples needed (1 of 3 probes failed; evidence against the 5% limit: 1 in 3.1, short of 1 in 20 needed)',
    );
    const b = assess(
      policy,
      [...warmUp, attempt('startup', true), attempt('startup', false), attempt('startup', false)],
      running,
    );
    expect(b.status).toBe('unhealthy');
    expect(b.decidedBy?.message).toBe(
      'error rate 66.7% (2 of 3 probes failed; evidence against the 5% limit: 1 in 30, at least 1 in 20 needed) exceeds 5%',
    );
  });

  it('judges percentile objectives sequentially: 1 slow in 20 passes p95<500ms, 5 in 20 fail', () => {
    const slow = (n: number) => many(n, 'observe', true, { latencyMs: 900 });
    const fine = assess(policy, [...streak(), ...many(16, 'observe', true), ...slow(1)], ended);
    expect(fine.status).toBe('healthy');
    expect(fine.rules.find((r) => r.rule === 'latency-p95')?.message).toBe(
      'p95 20 ms: 1 of 20 responses slower than 500 ms (5%; allowed 5%; evidence against the 5% limit: none (0.046), short of 1 in 20 needed), not exceeded',
    );
    const bad = assess(policy, [...streak(), ...many(12, 'observe', true), ...slow(5)], ended);
    expect(bad.decidedBy?.rule).toBe('latency-p95');
    expect(bad.decidedBy?.message).toBe(
      'p95 900 ms: 5 of 20 responses slower than 500 ms (25%; allowed 5%; evidence against the 5% limit: 1 in 65, at least 1 in 20 needed): p95<500ms not met',
    );
  });

  it('counts a timed-out probe as slower than every objective, and says so', () => {
    const p99 = {
      ...policy,
      timeoutMs: 2000,
      latencySlo: [{ percentile: 99, limitMs: 1000, text: 'p99<1s' }],
    };
    const fast = (n: number) => many(n, 'observe', true, { latencyMs: 200 });
    const hang = () =>
      attempt('observe', false, {
        latencyMs: 2000,
        failure: { class: 'timeout-headers', message: 'no response headers within 2000 ms' },
      });
    const two = [...streak(), ...fast(10), hang(), ...fast(9), hang()];
    const a = assess(p99, two, ended);
    // Before: the two hung probes vanished and p99<1s passed on "p99 200 ms".
    expect(a.rules.find((r) => r.rule === 'latency-p99')).toMatchObject({
      observed: 2000,
      outcome: 'pass',
      message:
        'p99 over 2000 ms: 2 of 24 responses slower than 1000 ms, 2 timed out and counted as slower (8.3%; allowed 1%; evidence against the 1% limit: 1 in 11, short of 1 in 20 needed), not exceeded',
    });
    const b = assess(p99, [...two, hang()], running);
    expect(b.decidedBy?.message).toBe(
      'p99 over 2000 ms: 3 of 25 responses slower than 1000 ms, 3 timed out and counted as slower (12%; allowed 1%; evidence against the 1% limit: 1 in 92, at least 1 in 20 needed): p99<1s not met',
    );
  });

  it('summarises the judged window', () => {
    const a = assess(
      policy,
      [...streak(), ...many(9, 'observe', true, { latencyMs: 100 }), attempt('observe', false)],
      ended,
    );
    expect(a.summary).toMatchObject({
      attempts: 13,
      successes: 12,
      failures: 1,
      errorRate: 1 / 13,
      p50: 100,
      p95: 100,
    });
  });
});
