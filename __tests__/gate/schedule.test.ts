/** When the next startup probe fires: after a success on the interval's grid, after a failure backed off. */
import { uniformTargets } from '../../src/gate/gate-plan.js';
import { runGate } from '../../src/gate/run-gate.js';
import { afterSuccessAt, MIN_WAIT_MS, startupBackoffMs } from '../../src/gate/schedule.js';
import { GATE_POLICY } from '../helpers/gate-policy.js';
import { ok, scriptedProber } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const policy = GATE_POLICY;

/** A runner whose event loop wakes every timer `lateMs` late. */
class LateClock extends VirtualClock {
  constructor(private readonly lateMs: number) {
    super();
  }
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return super.sleep(ms + this.lateMs, signal);
  }
}

describe('afterSuccessAt', () => {
  it('is one interval after the previous probe was due, not after it left', () => {
    expect(afterSuccessAt({ scheduledAt: 1000, startedAt: 1000 }, 15_000)).toBe(16_000);
    expect(afterSuccessAt({ scheduledAt: 1000, startedAt: 4000 }, 15_000)).toBe(16_000);
  });

  it('is never sooner than half an interval after the previous probe left', () => {
    expect(afterSuccessAt({ scheduledAt: 1000, startedAt: 12_000 }, 15_000)).toBe(19_500);
  });
});

describe('startupBackoffMs', () => {
  it('starts at interval/8, doubles, stops at interval, jitters down by at most 20 %', () => {
    const none = () => 0;
    const most = () => 1;
    expect([1, 2, 3, 4, 5].map((n) => startupBackoffMs(policy, n, none))).toEqual([
      1875, 3750, 7500, 15_000, 15_000,
    ]);
    expect(startupBackoffMs(policy, 1, most)).toBe(1500);
    expect(startupBackoffMs({ ...policy, intervalMs: 40 }, 1, most)).toBe(MIN_WAIT_MS);
  });
});

describe('a success streak on a late runner', () => {
  it('keeps the interval grid: a late timer delays one probe, not every probe after it', async () => {
    const clock = new LateClock(3000);
    const t0 = clock.now();
    const { probe, calls } = scriptedProber(clock, () => ok(20));
    const result = await clock.run(
      runGate(
        {
          targets: uniformTargets(['http://a.test/healthz'], { method: 'GET', policy, probe }),
          run: 'release',
        },
        { clock },
      ),
    );
    expect(result.verdict).toBe('healthy');
    // Due at 33 s, 48 s, 63 s (each timer fires 3 s late): gaps of 18 s and 15 s, not 18 s twice.
    expect(result.attempts.map((a) => a.scheduledAt - t0)).toEqual([33_000, 48_000, 63_000]);
    expect(calls.map((c) => c.at - t0)).toEqual([33_000, 51_000, 66_000]);
  });
});
