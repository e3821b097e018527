/**
 * Issue 17, case 5: with the workflow's v3 still rolling out (one machine on v3, one on v2),
 * `flyctl status` still says v2. The gate must judge v3 (waiting for it to finish), or refuse;
 * never judge (and so mark bad) v2.
 */
import { prepareFly, PreflightError } from '../../src/service/fly-context.js';
import { nullRecorder } from '../../src/evidence/recorder.js';
import type { Clock } from '../../src/gate/clock.js';
import type { RollbackSettings } from '../../src/rollback/rollback-settings.js';
import { createFakeFly, FAKE_TOKEN, type FakeFly, type FakeHook } from '../helpers/fake-fly.js';

let fly: FakeFly;
afterEach(() => fly?.cleanup());

/** Sleeps return at once but advance time: the wait's schedule is exact, and instant. */
class SkippingClock implements Clock {
  time = Date.UTC(2026, 11, 1, 12);
  sleeps: number[] = [];
  now = () => this.time;
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.time += ms;
  };
}

const rollback = {
  mode: 'auto',
  timeoutMs: 60_000,
  failOnRollback: true,
  dryRun: false,
} as RollbackSettings;

function halfRolledOut(hooks: FakeHook[] = []) {
  fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, machines: 2 }], hooks });
  // The workflow's deploy of v3: one machine moved, still running.
  fly.addRelease('shop', { status: 'running', machines: 1 });
  return fly;
}

function prepare(clock: Clock, lines: string[] = [], rolloutWaitMs?: number) {
  return prepareFly({
    fly: { app: 'shop' },
    rollback,
    env: fly.env({ FLY_API_TOKEN: FAKE_TOKEN }),
    recorder: nullRecorder,
    clock,
    log: (line) => lines.push(line),
    ...(rolloutWaitMs ? { rolloutWaitMs } : {}),
  });
}

describe('the release under test while a deploy still rolls out', () => {
  it('waits for the workflow deploy to finish, then judges it (v3), not the previous one', async () => {
    // The releases list is read once, then after each wait: the rollout ends before the 3rd read.
    halfRolledOut([{ command: 'releases', call: 3, app: 'shop', settle: 'complete' }]);
    const clock = new SkippingClock();
    const lines: string[] = [];
    const context = await prepare(clock, lines);
    expect(context.underTest.version).toBe(3);
    expect(context.target).toMatchObject({ ok: true, release: { Version: 2 } });
    expect(clock.sleeps).toEqual([5000, 5000]);
    expect(lines[0]).toBe(
      'v3 is still rolling out (status "running", 1 of 2 machines on it; flyctl status still shows v2): waiting for it to finish before judging it',
    );
  });

  it('refuses to judge a deploy that is still rolling out when the wait is over', async () => {
    halfRolledOut();
    const clock = new SkippingClock();
    const error = await prepare(clock, [], 20_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as Error).message).toMatch(
      /^v3 is still rolling out \(status "running", 1 of 2 machines on it; flyctl status still shows v2\), still after 20 s: deploy-gate judges a finished deploy/,
    );
    expect(clock.sleeps).toEqual([5000, 5000, 5000, 5000]);
  });

  it('judges the newest release once it ended, even when it failed (never the one before it)', async () => {
    halfRolledOut([{ command: 'releases', call: 2, app: 'shop', settle: 'failed' }]);
    const context = await prepare(new SkippingClock());
    expect(context.underTest.version).toBe(3);
  });
});
