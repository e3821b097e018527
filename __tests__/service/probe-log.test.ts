/** What the step log shows of the probes: every one for a few URLs, failures and progress for a fleet. */
import {
  FAILURES_PER_WINDOW,
  FULL_LOG_URLS,
  PROGRESS_EVERY_MS,
  probeLogger,
} from '../../src/service/probe-log.js';
import type { Attempt } from '../../src/gate/types.js';
import type { Clock } from '../../src/gate/clock.js';

/** Time that moves only when the test sets it. */
class SetClock implements Clock {
  time = Date.UTC(2026, 11, 2, 12, 0, 0);
  now = () => this.time;
  sleep = () => Promise.resolve();
}

let seq = 0;
function attempt(
  url: string,
  outcome: 'ok' | 'status' | 'runner-overloaded',
  at: number,
  run: Attempt['run'] = 'release',
): Attempt {
  seq += 1;
  return {
    seq,
    url,
    method: 'GET',
    phase: 'observe',
    run,
    scheduledAt: at,
    startedAt: at,
    latencyMs: 3.4,
    ok: outcome === 'ok',
    ...(outcome === 'ok'
      ? { status: 200 }
      : outcome === 'status'
        ? { status: 503, failure: { class: 'status', message: 'status 503, expected 200-299' } }
        : { failure: { class: 'runner-overloaded', message: 'our event loop stalled 900 ms' } }),
  } as Attempt;
}

describe('probeLogger', () => {
  it("logs every probe of a gate with a few URLs, a rollback's probes as its verification", () => {
    const clock = new SetClock();
    const lines: string[] = [];
    const log = probeLogger(FULL_LOG_URLS, clock, (l) => lines.push(l));
    log(attempt('http://127.0.0.1/a', 'ok', clock.now(), 'rollback'));
    log(attempt('http://127.0.0.1/b', 'status', clock.now(), 'rollback'));
    expect(lines).toEqual([
      expect.stringMatching(/^#\d+ verify http:\/\/127\.0\.0\.1\/a -> ok 200 in 3 ms$/),
      expect.stringMatching(
        /^#\d+ verify http:\/\/127\.0\.0\.1\/b -> status: status 503, expected 200-299 in 3 ms$/,
      ),
    ]);
  });

  it('for a fleet, logs failures (bounded a window) and one progress line a window', () => {
    const clock = new SetClock();
    const start = clock.now();
    const lines: string[] = [];
    const log = probeLogger(300, clock, (l) => lines.push(l));
    expect(lines).toEqual([
      '300 URLs: the log shows failed probes and progress every 10 s; every probe is in probes.ndjson',
    ]);
    // One window: 300 healthy probes, 30 failures, 2 not counted; then the first probe after it.
    for (let i = 0; i < 300; i++) log(attempt(`http://h/svc/${i}`, 'ok', start));
    for (let i = 0; i < 30; i++) log(attempt(`http://h/svc/${i}`, 'status', start + 1));
    log(attempt('http://h/svc/0', 'runner-overloaded', start + 2));
    log(attempt('http://h/svc/1', 'runner-overloaded', start + 2));
    expect(lines).toHaveLength(1 + FAILURES_PER_WINDOW);
    expect(lines.slice(1).every((l) => / -> status: status 503/.test(l))).toBe(true);
    clock.time = start + PROGRESS_EVERY_MS;
    log(attempt('http://h/svc/2', 'ok', clock.now()));
    expect(lines.at(-1)).toBe(
      'progress: 333 probes in the last 10 s, 30 failed, 10 of them not shown (in probes.ndjson), 2 not counted (runner overloaded); 333 probes so far',
    );
    // The next window starts empty: its failures are logged again.
    log(attempt('http://h/svc/3', 'status', clock.now()));
    expect(lines.at(-1)).toMatch(/svc\/3 -> status: status 503/);
    expect(lines).toHaveLength(1 + FAILURES_PER_WINDOW + 2);
  });
});
