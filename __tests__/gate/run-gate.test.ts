/** The gate engine in simulated time: exact schedules, no wall clock. */
import { uniformTargets } from '../../src/gate/gate-plan.js';
import { runGate } from '../../src/gate/run-gate.js';
import type { Attempt } from '../../src/gate/types.js';
import type { GateDeps } from '../../src/gate/gate-plan.js';
import type { Policy } from '../../src/gate/types.js';
import { GATE_POLICY } from '../helpers/gate-policy.js';
import { failing, ok, scriptedProber, type Script } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const defaults = GATE_POLICY;

const URL_A = 'http://a.test/healthz';
const URL_B = 'http://b.test/healthz';

async function gate(
  script: Script,
  policy: Partial<Policy> = {},
  urls: string[] = [URL_A],
  extra: Pick<GateDeps, 'signal' | 'onAttempt'> = {},
) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const { probe, calls } = scriptedProber(clock, script);
  let r = 0;
  const random = () => (r = (r * 7 + 3) % 10) / 10;
  const result = await clock.run(
    runGate(
      {
        targets: uniformTargets(urls, { method: 'GET', policy: { ...defaults, ...policy }, probe }),
        run: 'release',
      },
      { clock, random, ...extra },
    ),
  );
  return { result, calls, t0, rel: (t: number) => t - t0 };
}

describe('healthy release', () => {
  it('waits the grace, then reaches the streak at exactly (threshold-1) x interval', async () => {
    const { result, calls, rel } = await gate(() => ok(20));
    expect(result.verdict).toBe('healthy');
    expect(calls.map((c) => rel(c.at))).toEqual([30_000, 45_000, 60_000]);
    expect(rel(result.endedAt)).toBe(60_020);
    expect(result.reason).toBe(
      'healthy: every judged rule passed over 3 probes (0 failed, p95 20 ms); not judged: consecutive failures (no observe probes); error rate: 3 of 20 samples needed',
    );
  });

  it('bakes for observe-for at a fixed interval, then judges the whole window', async () => {
    const { result, calls, rel } = await gate(() => ok(20), { observeForMs: 300_000 });
    expect(result.verdict).toBe('healthy');
    expect(calls).toHaveLength(3 + 20);
    expect(rel(calls.at(-1)!.at)).toBe(60_000 + 300_000);
    expect(result.totals).toMatchObject({ windowSamples: 23, windowFailures: 0, errorRate: 0 });
    expect(result.reason).toBe(
      'healthy: every rule passed over 23 judged probes (0 failed, p95 20 ms)',
    );
  });

  it('slow warm-up is not a failure: startup failures never count toward the threshold', async () => {
    const { result, calls } = await gate(
      (_u, _n, now) => (now - Date.UTC(2026, 10, 23, 12) < 70_000 ? failing('refused') : ok()),
      {
        failureThreshold: 2,
      },
    );
    expect(result.verdict).toBe('healthy');
    expect(calls.filter((c) => c.at - Date.UTC(2026, 10, 23, 12) < 70_000).length).toBeGreaterThan(
      2,
    );
  });
});

describe('dead release', () => {
  it('ends exactly at the startup budget, backing off from interval/8 up to interval, never tighter', async () => {
    const { result, calls, rel } = await gate(() => failing('refused'));
    expect(result.verdict).toBe('unhealthy');
    expect(rel(result.endedAt)).toBe(30_000 + 90_000);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual((15_000 / 8) * 0.8 - 1);
    expect(gaps.slice(0, 4).every((g, i) => i === 0 || g > gaps[i - 1]!)).toBe(true);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15_000);
    expect(result.reason).toMatch(
      /^no 3 consecutive successes within 90s: 0 of \d+ attempts succeeded \(longest streak 0\); last: connection refused$/,
    );
  });

  it('starts probes only inside the budget, each with its full timeout: the end is budget + one timeout at most', async () => {
    const { result, calls, rel } = await gate(() => ({ latencyMs: 60_000 }), {
      timeoutMs: 20_000,
      initialDelayMs: 0,
      startupTimeoutMs: 50_000,
    });
    expect(calls.map((c) => c.timeoutMs)).toEqual([20_000, 20_000, 20_000]);
    expect(calls.every((c) => rel(c.at) < 50_000)).toBe(true);
    expect(rel(result.endedAt)).toBeGreaterThan(50_000);
    expect(rel(result.endedAt)).toBeLessThanOrEqual(50_000 + 20_000);
    expect(result.reason).toBe(
      'no 3 consecutive successes within 50s: 0 of 3 attempts succeeded (longest streak 0); last: response headers not complete within 20000 ms',
    );
  });
});

describe('observe phase', () => {
  it('rolls back on failure-threshold consecutive failures, at the 8th failure', async () => {
    // After 60 good probes, 8 failures are too few for the error-rate evidence (12 of 68 needed).
    const { result, calls, rel } = await gate((_u, n) => (n <= 60 ? ok() : failing('refused')), {
      observeForMs: 1_200_000,
    });
    expect(result.verdict).toBe('unhealthy');
    expect(result.reason).toBe('8 consecutive failures (limit 8); last: connection refused');
    expect(calls).toHaveLength(60 + 8);
    expect(rel(result.endedAt)).toBe(60_000 + 65 * 15_000 + 1);
  });

  it('judges startup from the first success on: two quick failures after it end the gate', async () => {
    const { result, calls } = await gate((_u, n) => (n === 1 ? ok() : failing('status')));
    expect(result.verdict).toBe('unhealthy');
    expect(calls).toHaveLength(3);
    expect(result.attempts.map((a) => a.phase)).toEqual(['startup', 'startup', 'startup']);
    expect(result.decidedBy?.rule).toMatchObject({ rule: 'error-rate', alpha: 0.05 });
    expect(result.reason).toMatch(/^error rate 66\.7% \(2 of 3 probes failed; evidence against/);
  });

  it('fails on a confident error rate without consecutive failures', async () => {
    const { result } = await gate((_u, n) => (n > 3 && n % 3 === 0 ? failing('status') : ok()), {
      observeForMs: 600_000,
    });
    expect(result.verdict).toBe('unhealthy');
    expect(result.decidedBy?.rule.rule).toBe('error-rate');
  });

  it('fails on a latency objective', async () => {
    const { result } = await gate((_u, n) => (n % 4 === 0 ? ok(900) : ok(50)), {
      observeForMs: 600_000,
      latencySlo: [{ percentile: 95, limitMs: 500, text: 'p95<500ms' }],
    });
    expect(result.decidedBy?.rule.rule).toBe('latency-p95');
  });
});

describe('many URLs', () => {
  it('judges each URL on its own and stops the others once one fails', async () => {
    const { result } = await gate(
      (url) => (url === URL_B ? failing('status') : ok()),
      { observeForMs: 600_000 },
      [URL_A, URL_B],
    );
    expect(result.verdict).toBe('unhealthy');
    expect(result.reason).toMatch(
      /^http:\/\/b\.test\/healthz: no 3 consecutive successes within 90s/,
    );
    expect(result.urls.find((u) => u.url === URL_A)).toMatchObject({
      stopped: true,
      assessment: { status: 'observing' },
    });
  });

  it('numbers attempts in the order they were made, across URLs', async () => {
    const { result } = await gate(() => ok(), {}, [URL_A, URL_B]);
    expect(result.attempts.map((a) => a.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('cancellation', () => {
  it('ends with verdict cancelled and keeps what was recorded', async () => {
    const clock = new VirtualClock();
    const cancel = new AbortController();
    const { probe } = scriptedProber(clock, (_u, n) => {
      if (n === 4) cancel.abort(new Error('SIGTERM'));
      return ok();
    });
    const result = await clock.run(
      runGate(
        {
          targets: uniformTargets([URL_A], {
            method: 'GET',
            policy: { ...defaults, observeForMs: 600_000 },
            probe,
          }),
          run: 'release',
        },
        { clock, signal: cancel.signal },
      ),
    );
    expect(result.verdict).toBe('cancelled');
    expect(result.attempts).toHaveLength(3);
  });
});

describe('targets with their own policies', () => {
  it('judges each URL by its own policy: a search endpoint may be slower than the health check', async () => {
    const clock = new VirtualClock();
    const search = 'http://a.test/search';
    const { probe } = scriptedProber(clock, (url) => (url === search ? ok(3000) : ok(20)));
    const slo = (ms: number) => [{ percentile: 90, limitMs: ms, text: `p90<${ms}ms` }];
    const base = { ...defaults, initialDelayMs: 0, observeForMs: 300_000, minSamples: 10 };
    const run = (searchLimit: number) =>
      clock.run(
        runGate(
          {
            targets: [
              { url: URL_A, method: 'GET', policy: { ...base, latencySlo: slo(500) }, probe },
              {
                url: search,
                method: 'HEAD',
                policy: {
                  ...base,
                  latencySlo: slo(searchLimit),
                  maxLatencyMs: 10_000,
                  timeoutMs: 5000,
                },
                probe,
              },
            ],
            run: 'release',
          },
          { clock },
        ),
      );
    const lenient = await run(5000);
    expect(lenient.verdict).toBe('healthy');
    expect(lenient.attempts.filter((a) => a.url === search).every((a) => a.method === 'HEAD')).toBe(
      true,
    );
    const strict = await run(1000);
    expect(strict.verdict).toBe('unhealthy');
    expect(strict.decidedBy).toMatchObject({ url: search, rule: { rule: 'latency-p90' } });
  });
});

describe('what the gate keeps', () => {
  it('hands every field to the evidence and keeps only what it judges', async () => {
    const evidence = {
      headers: { server: 'nginx' },
      bodyExcerpt: '{"status":"ok"}',
      bodySha256: 'ab'.repeat(32),
      bodyBytesRead: 15,
      bodyTruncated: false,
      redirects: ['http://a.test/old'],
    };
    const seen: Attempt[] = [];
    const { result } = await gate(() => ok(20, { versionSeen: 'v1', ...evidence }), {}, [URL_A], {
      onAttempt: (a) => seen.push(a),
    });
    expect(seen).toHaveLength(3);
    expect(result.attempts).toHaveLength(3);
    for (const a of seen) expect(a).toMatchObject(evidence);
    for (const a of result.attempts) {
      expect(a).toMatchObject({ ok: true, status: 200, latencyMs: 20, versionSeen: 'v1' });
      for (const field of Object.keys(evidence)) expect(a).not.toHaveProperty(field);
    }
  });
});
