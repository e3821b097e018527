/**
 * The incremental status (rule-tracker.ts) against the full policy (policy.ts): on every prefix
 * of random probe sequences, under random policies and every kind of progress, they agree.
 */
import { assess, type Progress } from '../../src/gate/policy.js';
import { RuleTracker } from '../../src/gate/rule-tracker.js';
import type { Attempt, FailureClass, GatePhase } from '../../src/gate/types.js';
import type { Policy } from '../../src/gate/types.js';
import { Prng } from '../helpers/prng.js';

/** Seeded (mulberry32), so every case replays exactly from its seed. */
const prng = (seed: number): (() => number) => {
  const prng = new Prng(seed);
  return () => prng.next();
};

const CLASSES: FailureClass[] = [
  'refused',
  'status',
  'timeout-headers',
  'timeout-body',
  'too-slow',
  'version',
  'runner-overloaded',
];

function randomPolicy(r: () => number): Policy {
  const objectives = Math.floor(r() * 3);
  return {
    initialDelayMs: 0,
    intervalMs: 1000,
    timeoutMs: [500, 2000, 10_000][Math.floor(r() * 3)] as number,
    startupTimeoutMs: 60_000,
    successThreshold: 1 + Math.floor(r() * 4),
    failureThreshold: 1 + Math.floor(r() * 6),
    maxLatencyMs: 5000,
    latencySlo: Array.from({ length: objectives }, (_, i) => {
      const percentile = [50, 90, 95, 99][Math.floor(r() * 4)] as number;
      const limitMs = 50 + Math.floor(r() * 400) + i;
      return { percentile, limitMs, text: `p${percentile}<${limitMs}ms` };
    }),
    maxErrorRate: [0, 0.01, 0.05, 0.2, 0.5][Math.floor(r() * 5)] as number,
    minSamples: 1 + Math.floor(r() * 20),
    alpha: [0.01, 0.05, 0.2][Math.floor(r() * 3)] as number,
    observeForMs: 60_000,
  };
}

function randomAttempt(r: () => number, seq: number, failRate: number): Attempt {
  const phase: GatePhase = r() < 0.5 ? 'startup' : 'observe';
  const base = {
    seq,
    url: 'http://a.test/healthz',
    method: 'GET',
    phase,
    run: 'release' as const,
    scheduledAt: seq * 1000,
    startedAt: seq * 1000,
    latencyMs: Math.floor(r() * 600),
    ...(r() < 0.3 ? { runnerDelayMs: Math.floor(r() * 2000) } : {}),
    ...(r() < 0.3 ? { versionSeen: r() < 0.5 ? 'v2' : 'v1' } : {}),
  };
  if (r() >= failRate) return { ...base, ok: true, status: 200 };
  const cls = CLASSES[Math.floor(r() * CLASSES.length)] as FailureClass;
  const answered = cls === 'status' || cls === 'too-slow' || cls === 'version';
  return {
    ...base,
    ok: false,
    failure: { class: cls, message: `${cls} failure` },
    ...(answered || (cls === 'timeout-body' && r() < 0.5) ? { status: 503 } : {}),
  };
}

const PROGRESSES: Progress[] = [
  { startupExpired: false, observeEnded: false },
  { startupExpired: true, observeEnded: false },
  { startupExpired: false, observeEnded: true },
  { startupExpired: true, observeEnded: true },
];

describe('RuleTracker', () => {
  it('gives the status assess gives, on every prefix of 400 random sequences', () => {
    let compared = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      const r = prng(seed);
      const policy = randomPolicy(r);
      const expected = r() < 0.4 ? 'v2' : undefined;
      const failRate = [0, 0.05, 0.3, 0.7][Math.floor(r() * 4)] as number;
      const tracker = new RuleTracker(policy, expected);
      const attempts: Attempt[] = [];
      const length = 1 + Math.floor(r() * 60);
      for (let i = 1; i <= length; i++) {
        const attempt = randomAttempt(r, i, failRate);
        attempts.push(attempt);
        tracker.add(attempt);
        for (const base of PROGRESSES) {
          const progress = expected ? { ...base, expectedVersion: expected } : base;
          const full = assess(policy, attempts, progress).status;
          const quick = tracker.status(progress);
          if (quick !== full)
            throw new Error(
              `seed ${seed}, probe ${i}, ${JSON.stringify(progress)}: ${quick} vs ${full}`,
            );
          seen.add(full);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30_000);
    // The sequences reach every status, so every rule's path was compared.
    expect([...seen].sort()).toEqual(['healthy', 'observing', 'starting', 'unhealthy']);
  });

  it('leaves probes our own stall spoiled out, as assess does', () => {
    const policy = randomPolicy(prng(7));
    const tracker = new RuleTracker({ ...policy, successThreshold: 2, latencySlo: [] });
    const ok = randomAttempt(() => 0.9, 1, 0);
    const spoiled: Attempt = {
      ...ok,
      seq: 2,
      ok: false,
      failure: { class: 'runner-overloaded', message: 'not counted' },
    };
    tracker.add({ ...ok, phase: 'startup' });
    tracker.add({ ...spoiled, phase: 'startup' });
    expect(tracker.status({ startupExpired: false, observeEnded: false })).toBe('starting');
    tracker.add({ ...ok, seq: 3, phase: 'startup' });
    // The spoiled probe neither broke the streak nor counted toward it.
    expect(tracker.status({ startupExpired: false, observeEnded: false })).toBe('observing');
  });
});
