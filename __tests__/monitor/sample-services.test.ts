import { describe, expect, it } from '@jest/globals';
import { sampleServices, type SampleTarget } from '../../src/monitor/sample-services.js';
import { countRun } from '../../src/monitor/run-counts.js';
import { failing, ok, scriptedProber, type Script } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

function targets(clock: VirtualClock, script: Script, urls: string[], intervalMs = 10_000) {
  const prober = scriptedProber(clock, script);
  const list: SampleTarget[] = urls.map((url) => ({
    service: 'api',
    url,
    method: 'GET',
    intervalMs,
    timeoutMs: 2_000,
    probe: prober.probe,
  }));
  return { list, calls: prober.calls };
}

describe('sampleServices', () => {
  it('probes every URL once per interval for observe-for, starts spread over the first interval', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const { list, calls } = targets(clock, () => ok(5), [
      'http://a/',
      'http://b/',
      'http://c/',
      'http://d/',
    ]);
    const attempts = await clock.run(sampleServices(list, { clock, observeForMs: 60_000 }));
    expect(attempts).toHaveLength(24);
    const firsts = ['http://a/', 'http://b/', 'http://c/', 'http://d/'].map(
      (url) => (calls.find((c) => c.url === url)?.at ?? 0) - t0,
    );
    expect(firsts).toEqual([0, 2_500, 5_000, 7_500]);
    const a = calls.filter((c) => c.url === 'http://a/').map((c) => c.at - t0);
    expect(a).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
  });

  it('hands every field to the evidence and keeps only what the counts read', async () => {
    const clock = new VirtualClock();
    const evidence = { headers: { server: 'nginx' }, bodyExcerpt: '{"status":"ok"}' };
    const { list } = targets(clock, () => ok(5, evidence), ['http://a/']);
    const seen: unknown[] = [];
    const attempts = await clock.run(
      sampleServices(list, { clock, observeForMs: 20_000, onAttempt: (a) => seen.push(a) }),
    );
    expect(seen).toEqual([expect.objectContaining(evidence), expect.objectContaining(evidence)]);
    expect(attempts.map((a) => [a.ok, a.latencyMs, 'headers' in a, 'bodyExcerpt' in a])).toEqual([
      [true, 5, false, false],
      [true, 5, false, false],
    ]);
  });

  it('keeps probing a failing service to the end: a monitor measures, it does not stop at a verdict', async () => {
    const clock = new VirtualClock();
    const { list } = targets(clock, () => failing('refused'), ['http://down/']);
    const attempts = await clock.run(sampleServices(list, { clock, observeForMs: 60_000 }));
    expect(attempts).toHaveLength(6);
    expect(attempts.every((a) => !a.ok)).toBe(true);
  });

  it('skips the slots a slow probe overran instead of bursting to catch up', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    // The first answer takes 25 s (a 30 s timeout): slots at 10 s and 20 s are gone.
    const prober = scriptedProber(clock, (_url, call) => ok(call === 1 ? 25_000 : 5));
    const list: SampleTarget[] = [
      {
        service: 'api',
        url: 'http://slow/',
        method: 'GET',
        intervalMs: 10_000,
        timeoutMs: 30_000,
        probe: prober.probe,
      },
    ];
    await clock.run(sampleServices(list, { clock, observeForMs: 60_000 }));
    expect(prober.calls.map((c) => c.at - t0)).toEqual([0, 30_000, 40_000, 50_000]);
  });

  it('never has more probes in flight than the bound', async () => {
    const clock = new VirtualClock();
    let inFlight = 0;
    let most = 0;
    const probe: SampleTarget['probe'] = async (_url, { signal }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await clock.sleep(3_000, signal);
      inFlight -= 1;
      return { ok: true, latencyMs: 3_000, status: 200 };
    };
    const list = Array.from({ length: 40 }, (_, i) => ({
      service: 'api',
      url: `http://u${i}/`,
      method: 'GET',
      intervalMs: 1_000,
      timeoutMs: 5_000,
      probe,
    }));
    await clock.run(sampleServices(list, { clock, observeForMs: 10_000, maxInFlight: 8 }));
    expect(most).toBe(8);
  });

  it('counts events: failures, responses over each latency limit, timeouts as slow, stalls not at all', async () => {
    const clock = new VirtualClock();
    const script: Script = (_url, call) =>
      call === 1
        ? failing('status', 10)
        : call === 2
          ? ok(700)
          : call === 3
            ? failing('timeout-headers', 2_000)
            : call === 4
              ? failing('runner-overloaded', 2_000)
              : ok(50);
    const { list } = targets(clock, script, ['http://a/']);
    const attempts = await clock.run(sampleServices(list, { clock, observeForMs: 60_000 }));
    const counts = countRun({
      service: 'api',
      attempts,
      objectives: [
        { percentile: 95, limitMs: 500, text: 'p95<500ms' },
        { percentile: 99, limitMs: 1_000, text: 'p99<1s' },
      ],
      startedAt: 0,
      endedAt: 60_000,
    });
    expect(counts).toEqual({
      service: 'api',
      startedAt: 0,
      endedAt: 60_000,
      total: 5,
      failed: 2,
      slow: { 'p95<500ms': 2, 'p99<1s': 1 },
    });
  });
});
