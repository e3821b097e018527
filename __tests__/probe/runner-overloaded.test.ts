/**
 * Our own lateness, for real: the event loop is starved on purpose (a busy loop in this very
 * process) while probes with a 500 ms timeout are in flight against a fast server on 127.0.0.1.
 * Those probes must be `runner-overloaded`, never `timeout-*`, and the gate never `unhealthy`.
 */
import { realClock } from '../../src/gate/clock.js';
import { uniformTargets } from '../../src/gate/gate-plan.js';
import { runGate } from '../../src/gate/run-gate.js';
import { probeUrl, type ProbeOptions } from '../../src/probe/http-probe.js';
import { inputEnvName } from '../../src/settings/read-inputs.js';
import { parseInputs } from '../../src/settings/parse-inputs.js';
import type { Policy } from '../../src/gate/types.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';

const STARVE_MS = 1500;
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // starving the event loop on purpose
  }
};

function optionsFor(): ProbeOptions {
  const env = { [inputEnvName('url')]: 'http://127.0.0.1/', [inputEnvName('timeout')]: '500ms' };
  const s = parseInputs(env);
  return { request: s.request, expect: s.expect, maxLatencyMs: s.policy.maxLatencyMs };
}

let server: TestServer;
/** Requests to /starve-once: the n-th one blocks the whole process before it answers. */
let starveAt = new Set<number>();
let starveCount = 0;

beforeAll(async () => {
  server = await startServer({
    '/healthz': json({ status: 'ok' }),
    '/starve-once': (_q, res) => {
      if (starveAt.has(++starveCount)) busy(STARVE_MS);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    },
  });
});
afterAll(() => server.close());

describe('a starved event loop (real timers, real sockets)', () => {
  it('control: the same probes, not starved, succeed and are not charged a stall', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => probeUrl(server.url('/healthz'), optionsFor())),
    );
    for (const r of results) {
      expect(r.ok).toBe(true);
      // Far from the starved case's 900 ms and more: a busy test machine may still stall a
      // process for a scheduler slice or two, which says nothing about this control.
      expect(r.runnerDelayMs ?? 0).toBeLessThan(STARVE_MS / 2);
    }
  });

  it('probes in flight while we busy-loop 1.5 s are runner-overloaded, not timeout-*', async () => {
    const pending = [1, 2, 3, 4, 5].map(() => probeUrl(server.url('/healthz'), optionsFor()));
    busy(STARVE_MS);
    const results = await Promise.all(pending);
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.failure?.class).toBe('runner-overloaded');
      // The stage the deadline (or the late response) would have failed it at.
      expect(['timeout-connect', 'timeout-headers', 'timeout-body', 'too-slow']).toContain(
        r.failure?.code,
      );
      expect(r.failure?.message).toMatch(/^not counted: our event loop was stalled 1\.\d s/);
      expect(r.runnerDelayMs).toBeGreaterThanOrEqual(900);
    }
  });

  it('a gate starved twice mid-observe never ends unhealthy', async () => {
    const policy: Policy = {
      initialDelayMs: 0,
      intervalMs: 100,
      timeoutMs: 500,
      startupTimeoutMs: 5000,
      successThreshold: 2,
      failureThreshold: 3,
      maxLatencyMs: 500,
      latencySlo: [{ percentile: 99, limitMs: 400, text: 'p99<400ms' }],
      maxErrorRate: 0.05,
      minSamples: 5,
      alpha: 0.05,
      observeForMs: 6000,
    };
    starveCount = 0;
    starveAt = new Set([12, 40]);
    const urls = [1, 2, 3, 4].map((n) => `${server.url('/starve-once')}?u=${n}`);
    const options = optionsFor();
    const result = await runGate(
      {
        targets: uniformTargets(urls, {
          method: 'GET',
          policy,
          probe: (url, { timeoutMs, signal }) => probeUrl(url, { ...options, timeoutMs, signal }),
        }),
        run: 'release',
      },
      { clock: realClock },
    );
    const classes = result.attempts.map((a) => a.failure?.class).filter(Boolean);
    expect(classes.filter((c) => c?.startsWith('timeout-'))).toEqual([]);
    // The probe that hit the stall and every other one in flight with it.
    expect(classes.filter((c) => c === 'runner-overloaded').length).toBeGreaterThanOrEqual(2);
    expect(result.totals.notCounted).toBeGreaterThanOrEqual(2);
    expect(result.totals.runnerMaxDelayMs).toBeGreaterThanOrEqual(900);
    expect(result.verdict).not.toBe('unhealthy');
    expect(['healthy', 'error']).toContain(result.verdict);
  }, 30_000);
});
