/** Pacing in simulated time: offsets spread, the in-flight bound held, no burst after a stall. */
import {
  InFlightLimit,
  mapLimit,
  nextObserveSlot,
  staggerOffsetMs,
} from '../../src/gate/pacing.js';
import { uniformTargets, type Prober } from '../../src/gate/gate-plan.js';
import { runGate } from '../../src/gate/run-gate.js';
import type { Policy } from '../../src/gate/types.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const policy: Policy = {
  initialDelayMs: 0,
  intervalMs: 1000,
  timeoutMs: 10_000,
  startupTimeoutMs: 60_000,
  successThreshold: 2,
  failureThreshold: 8,
  maxLatencyMs: 20_000,
  latencySlo: [],
  maxErrorRate: 0.05,
  minSamples: 3,
  alpha: 0.05,
  observeForMs: 10_000,
};

const urls = (n: number) => Array.from({ length: n }, (_, i) => `http://svc${i}.test/healthz`);

/** A prober on the virtual clock that answers 200 after `latency(url, call)` ms and counts what is in flight. */
function countingProber(clock: VirtualClock, latency: (url: string, call: number) => number) {
  const calls: { url: string; at: number }[] = [];
  const counts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const probe: Prober = async (url, { signal }) => {
    const call = (counts.get(url) ?? 0) + 1;
    counts.set(url, call);
    calls.push({ url, at: clock.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const ms = latency(url, call);
      await clock.sleep(ms, signal);
      return { ok: true, status: 200, latencyMs: ms };
    } finally {
      inFlight--;
    }
  };
  return { probe, calls, maxInFlight: () => maxInFlight };
}

async function gate(
  n: number,
  latency: (url: string, call: number) => number,
  options: { inFlight?: InFlightLimit; policy?: Partial<Policy> } = {},
) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const prober = countingProber(clock, latency);
  const result = await clock.run(
    runGate(
      {
        targets: uniformTargets(urls(n), {
          method: 'GET',
          policy: { ...policy, ...options.policy },
          probe: prober.probe,
        }),
        run: 'release',
      },
      { clock, random: () => 0.5, ...(options.inFlight ? { inFlight: options.inFlight } : {}) },
    ),
  );
  return { result, t0, ...prober };
}

describe('staggerOffsetMs', () => {
  it('spreads URLs evenly over one interval; one URL starts at once', () => {
    expect([0, 1, 2, 3].map((i) => staggerOffsetMs(i, 4, 1000))).toEqual([0, 250, 500, 750]);
    expect(staggerOffsetMs(0, 1, 5000)).toBe(0);
    expect(staggerOffsetMs(2999, 3000, 5000)).toBeLessThan(5000);
  });
});

describe('the first probes of many URLs', () => {
  it('are spread over the interval instead of fired together', async () => {
    const { result, calls, t0 } = await gate(8, () => 5);
    expect(result.verdict).toBe('healthy');
    const firsts = urls(8).map((u) => (calls.find((c) => c.url === u)?.at ?? NaN) - t0);
    expect(firsts).toEqual([0, 125, 250, 375, 500, 625, 750, 875]);
    // Each URL keeps its own offset: its probes stay one interval apart.
    for (const u of urls(8)) {
      const times = calls.filter((c) => c.url === u).map((c) => c.at);
      for (let i = 1; i < times.length; i++)
        expect((times[i] as number) - (times[i - 1] as number)).toBe(1000);
    }
  });
});

describe('the in-flight bound', () => {
  it('is never exceeded, and a probe waiting for a slot records when it was due', async () => {
    const limit = new InFlightLimit(3);
    const { result, maxInFlight } = await gate(20, () => 400, { inFlight: limit });
    expect(result.verdict).toBe('healthy');
    expect(maxInFlight()).toBe(3);
    expect(limit.inFlight).toBe(0);
    const waited = result.attempts.filter((a) => a.startedAt > a.scheduledAt);
    expect(waited.length).toBeGreaterThan(0);
  });

  it('serves waiters first come, first served, and lets an aborted waiter go', async () => {
    const limit = new InFlightLimit(1);
    const order: string[] = [];
    const first = await limit.acquire();
    const cancel = new AbortController();
    const b = limit.acquire().then((release) => (order.push('b'), release));
    const gone = limit.acquire(cancel.signal).then(
      () => order.push('cancelled one'),
      () => order.push('aborted'),
    );
    const c = limit.acquire().then((release) => (order.push('c'), release));
    cancel.abort(new Error('stop'));
    await gone;
    first();
    (await b)();
    (await c)();
    expect(order).toEqual(['aborted', 'b', 'c']);
    expect(limit.inFlight).toBe(0);
    expect(limit.queued).toBe(0);
  });
});

describe('a schedule that fell behind', () => {
  it('skips to the latest slot instead of a burst, never more than one interval late', async () => {
    // The 4th probe (the 2nd observe probe) takes 3.5 intervals: slots 2 to 4 pass meanwhile.
    const { result, calls, t0 } = await gate(1, (_u, call) => (call === 4 ? 3500 : 10));
    expect(result.verdict).toBe('healthy');
    const observe = result.attempts.filter((a) => a.phase === 'observe');
    for (const a of observe) expect(a.startedAt - a.scheduledAt).toBeLessThanOrEqual(1000);
    const times = calls.map((c) => c.at - t0);
    // Startup at 0 and 1000; observe slots 2000, 3000 (slow: ends at 6500); the slots at 4000
    // and 5000 are skipped; 6000 fires at 6500, half an interval late; 7000 on schedule.
    expect(times).toEqual([0, 1000, 2000, 3000, 6500, 7000, 8000, 9000, 10_000, 11_000]);
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(500);
    expect(result.totals.skipped).toBe(2);
    expect(result.reason).toContain(
      '2 scheduled probes skipped: the runner fell more than one interval behind',
    );
  });

  it('picks the due slot while it is at most one interval late, else the latest one', () => {
    expect(nextObserveSlot(3, 0, 1000, 3500)).toEqual({ slot: 3, skipped: 0 });
    expect(nextObserveSlot(3, 0, 1000, 4000)).toEqual({ slot: 3, skipped: 0 });
    expect(nextObserveSlot(3, 0, 1000, 4001)).toEqual({ slot: 4, skipped: 1 });
    expect(nextObserveSlot(3, 0, 1000, 9300)).toEqual({ slot: 9, skipped: 6 });
  });
});

describe('mapLimit', () => {
  it('runs at most `limit` tasks at once and keeps the order of the items', async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    let running = 0;
    let most = 0;
    const result = await clock.run(
      mapLimit([50, 10, 40, 20, 30], 2, async (ms) => {
        running += 1;
        most = Math.max(most, running);
        await clock.sleep(ms);
        running -= 1;
        return ms * 2;
      }),
    );
    expect(result).toEqual([100, 20, 80, 40, 60]);
    expect(most).toBe(2);
    // Two lanes: 50 then 20, and 10, 40 then 30: done at 80 ms, not after the 150 ms sum.
    expect(clock.now() - start).toBe(80);
  });
});
