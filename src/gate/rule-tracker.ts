/**
 * The policy's status, kept up to date one probe at a time, pure. `assess` (policy.ts) derives
 * every rule from all of a URL's attempts, so asking it after every probe costs O(n) (and a sort
 * for the latency rules): over an hour's bake at 5 s, 720 probes, that is quadratic. The engine
 * asks this tracker after each probe instead (O(1) per probe) and calls `assess` only when the
 * status moves on or the URL is done, for the full result with its messages. It counts exactly
 * what `assess` counts; __tests__/gate/rule-tracker.test.ts checks that they agree on every prefix of
 * random probe sequences.
 */
import { exceeds } from './evidence.js';
import { notCounted, runnerWasLate } from './lateness.js';
import type { Progress, UrlStatus } from './policy.js';
import { timedOut } from './rate-rules.js';
import type { Attempt, LatencyObjective, Policy } from './types.js';

interface LatencyCount {
  objective: LatencyObjective;
  /** Responses judged (arrived, or timed out and counted as slower). */
  n: number;
  slower: number;
}

export class RuleTracker {
  private readonly policy: Policy;
  private readonly expectedVersion: string | undefined;
  /** Trailing successes among the counted startup probes. */
  private startupRun = 0;
  /** Trailing failures among the counted observe probes. */
  private observeFailRun = 0;
  private versionServed = false;
  private versionFailureSeen = false;
  /** The judged window: counted probes from the first success on. */
  private windowOpen = false;
  private windowN = 0;
  private windowFailures = 0;
  private readonly latency: LatencyCount[];

  constructor(policy: Policy, expectedVersion?: string) {
    this.policy = policy;
    this.expectedVersion = expectedVersion;
    this.latency = policy.latencySlo.map((objective) => ({ objective, n: 0, slower: 0 }));
  }

  add(a: Attempt): void {
    if (notCounted(a)) return;
    if (a.phase === 'observe') this.observeFailRun = a.ok ? 0 : this.observeFailRun + 1;
    else this.startupRun = a.ok ? this.startupRun + 1 : 0;
    if (a.versionSeen !== undefined && a.versionSeen === this.expectedVersion)
      this.versionServed = true;
    if (a.failure?.class === 'version') this.versionFailureSeen = true;
    if (!this.windowOpen && !a.ok) return;
    this.windowOpen = true;
    this.windowN++;
    if (!a.ok) this.windowFailures++;
    // As latencyRule: a response our own stall delayed is left out; a timeout is slower than any.
    if (a.ok && runnerWasLate(a.runnerDelayMs, this.policy.timeoutMs)) return;
    const censored = timedOut(a);
    if (!censored && a.status === undefined) return;
    for (const count of this.latency) {
      count.n++;
      if (censored || a.latencyMs > count.objective.limitMs) count.slower++;
    }
  }

  private get startupPassed(): boolean {
    return this.startupRun >= this.policy.successThreshold;
  }

  /** Whether some rule fails now: the status `assess` would give is then `unhealthy`. */
  private failing(progress: Progress): boolean {
    const { policy } = this;
    const passed = this.startupPassed;
    if (
      this.expectedVersion !== undefined &&
      !this.versionServed &&
      !passed &&
      this.versionFailureSeen &&
      progress.startupExpired
    )
      return true;
    if (!passed && progress.startupExpired) return true;
    if (passed && this.observeFailRun >= policy.failureThreshold) return true;
    if (
      this.windowN > 0 &&
      exceeds(this.windowFailures, this.windowN, policy.maxErrorRate, policy.alpha)
    )
      return true;
    return this.latency.some(
      (c) => c.n > 0 && exceeds(c.slower, c.n, 1 - c.objective.percentile / 100, policy.alpha),
    );
  }

  /** The status `assess(policy, attempts, progress).status` gives for the attempts added so far. */
  status(progress: Progress): UrlStatus {
    if (this.failing(progress)) return 'unhealthy';
    if (!this.startupPassed) return 'starting';
    return progress.observeEnded ? 'healthy' : 'observing';
  }
}
