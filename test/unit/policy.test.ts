/** The pure policy: attempts in, status and reasons out. */
import { assess } from '../../src/gate/policy.js';
import type { Attempt } from '../../src/gate/types.js';
import type { Policy } from '../../src/settings/settings.js';

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
    expect(a.rules.find((r) => r.rule === 'error-rate')?.message).toBe(
      'error rate 9.1% (1 of 11 probes failed), not shown above 5% at 95% confidence (lower bound 1.6%)',
    );
  });

  it('9 failures in 30 fail the error-rate rule even when never consecutive', () => {
    const observe: Attempt[] = [];
    for (let i = 0; i < 27; i++) observe.push(attempt('observe', i % 3 !== 0));
    const a = assess(policy, [...streak(), ...observe], running);
    expect(a.window.filter((x) => !x.ok)).toHaveLength(9);
    expect(a.decidedBy?.message).toBe(
      'error rate 30% (9 of 30 probes failed; at least 16.7% at 95% confidence) exceeds 5%',
    );
  });

  it('does not judge error rate or latency before min-samples', () => {
    const a = assess(policy, [...streak(), ...many(3, 'observe', false, {})], running);
    const rate = a.rules.find((r) => r.rule === 'error-rate');
    expect(rate).toMatchObject({
      outcome: 'not-judged',
      message: 'error rate not judged: 6 of 10 samples needed',
    });
    expect(a.status).toBe('observing');
  });

  it('judges percentile objectives on evidence: 20% slow fails p95<500ms, 1 slow in 20 does not', () => {
    const slow = (n: number) => many(n, 'observe', true, { latencyMs: 900 });
    const bad = assess(policy, [...streak(), ...many(13, 'observe', true), ...slow(4)], ended);
    expect(bad.decidedBy?.rule).toBe('latency-p95');
    expect(bad.decidedBy?.message).toBe(
      'p95 900 ms: 4 of 20 responses slower than 500 ms (20%, at least 8.1% at 95% confidence; allowed 5%)',
    );
    const fine = assess(policy, [...streak(), ...many(16, 'observe', true), ...slow(1)], ended);
    expect(fine.status).toBe('healthy');
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
