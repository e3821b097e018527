/**
 * Pacing, pure: how the probes of many URLs share one runner. Fired together, 1,000 URLs make a
 * burst the runner serves late (and the late ones look like slow releases) and hold 1,000
 * responses in memory at once. So each URL's first probe is offset within the interval, the
 * requests in flight are bounded, and a schedule that fell behind skips ahead instead of
 * catching up in a burst.
 */

/**
 * At most this many requests in flight per step, all URLs and services together. A probe
 * waiting for a slot starts late (its lateness is recorded as `scheduled_at` to `time`); its
 * latency and timeout count from when it is sent. 100 in flight serve 1,000 URLs every 5 s
 * with responses up to 500 ms.
 */
export const MAX_IN_FLIGHT = 100;

/**
 * Where in the interval the first probe of URL `index` of `count` fires: evenly spread, so
 * 300 URLs at 250 ms send about one request every 0.8 ms rather than 300 at once. A single URL
 * starts at once (a one-URL verdict is never delayed).
 */
export function staggerOffsetMs(index: number, count: number, intervalMs: number): number {
  return count <= 1 ? 0 : Math.floor((index * intervalMs) / count);
}

/**
 * The next observe slot to fire at `now`, given the one that is due (slot k fires at
 * `start + k × interval`): `due` itself while it is at most one interval late, else the latest
 * slot not after `now`. A stall then costs the probes it skipped, never a burst of catch-up
 * probes, and no probe fires more than one interval behind its schedule.
 */
export function nextObserveSlot(
  due: number,
  start: number,
  intervalMs: number,
  now: number,
): { slot: number; skipped: number } {
  if (now - (start + due * intervalMs) <= intervalMs) return { slot: due, skipped: 0 };
  const slot = Math.max(due, Math.floor((now - start) / intervalMs));
  return { slot, skipped: slot - due };
}

/** A first-come, first-served bound on the requests in flight. */
export class InFlightLimit {
  readonly max: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(max: number = MAX_IN_FLIGHT) {
    if (!(max >= 1)) throw new RangeError(`in-flight limit must be at least 1, got ${max}`);
    this.max = max;
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.active;
  }

  /** Probes waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves with `release` once a slot is free (call it exactly once when the request is
   * done); rejects with the signal's reason if aborted while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve(this.releaser());
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

/** Runs tasks with at most `limit` at once, keeping their order in the result. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
