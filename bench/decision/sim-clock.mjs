// A lean virtual clock for the Monte Carlo: one gate run at a time, so after a sleeper wakes the
// engine reaches its next sleep through promise jobs alone; time then jumps to the next sleeper.
// (__tests__/helpers/virtual-clock.ts settles with setImmediate rounds: exact, but too slow for 10^5 runs.)
export class SimClock {
  constructor(start = 0) {
    this.time = start;
    this.sleepers = [];
    this.order = 0;
  }
  now() {
    return this.time;
  }
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const s = { at: this.time + Math.max(0, ms), order: this.order++, resolve, reject, signal };
      s.onAbort = () => {
        this.sleepers = this.sleepers.filter((x) => x !== s);
        reject(signal.reason);
      };
      signal?.addEventListener('abort', s.onAbort, { once: true });
      this.sleepers.push(s);
    });
  }
  async run(work) {
    let done = false;
    let value;
    let error;
    work.then(
      (v) => ((done = true), (value = v)),
      (e) => ((done = true), (error = e ?? new Error('rejected'))),
    );
    for (;;) {
      for (let i = 0; i < 200 && !done && this.sleepers.length === 0; i++) await null;
      if (!done && this.sleepers.length === 0) await new Promise((r) => setImmediate(r));
      if (done) {
        if (error) throw error;
        return value;
      }
      if (this.sleepers.length === 0) continue;
      let k = 0;
      for (let i = 1; i < this.sleepers.length; i++) {
        const a = this.sleepers[i];
        const b = this.sleepers[k];
        if (a.at < b.at || (a.at === b.at && a.order < b.order)) k = i;
      }
      const [next] = this.sleepers.splice(k, 1);
      this.time = Math.max(this.time, next.at);
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
    }
  }
}

/** sfc32: a small, seedable PRNG, so every trial (and every table) can be reproduced. */
export function prng(seed) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 + seed * 7919;
  let c = 0xb7e15162 ^ (seed >>> 3);
  let d = seed | 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}
