/**
 * Simulated time: sleeps wait in a queue and time jumps straight to the next one once everything
 * else has settled, so an hour of probing runs in milliseconds and every schedule is exact.
 */
import type { Clock } from '../../src/gate/clock.js';

interface Sleeper {
  at: number;
  order: number;
  resolve: () => void;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

export class VirtualClock implements Clock {
  private time: number;
  private order = 0;
  private sleepers: Sleeper[] = [];

  constructor(start = Date.UTC(2026, 10, 23, 12, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = { at: this.time + Math.max(0, ms), order: this.order++, resolve };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      sleeper.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Runs `work` to completion, advancing time whenever nothing else can happen. */
  async run<T>(work: Promise<T>, limitMs = 365 * 24 * 3_600_000): Promise<T> {
    let done = false;
    const finished = work.finally(() => (done = true));
    const end = this.time + limitMs;
    for (;;) {
      await settle();
      if (done) return finished;
      this.sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.sleepers.shift();
      if (!next) throw new Error('virtual clock: work is stuck with nothing scheduled');
      if (next.at > end) throw new Error('virtual clock: time limit reached');
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}
