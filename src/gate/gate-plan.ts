/** What a gate run is given: the URLs with their policies and probers, and its dependencies. */
import type { Clock } from './clock.js';
import type { InFlightLimit } from './pacing.js';
import type { assess } from './policy.js';
import type { Attempt, GateRunKind, Policy, ProbeResult } from './types.js';

export type Prober = (
  url: string,
  options: { timeoutMs: number; signal: AbortSignal },
) => Promise<ProbeResult>;

/** One URL and how it is judged: each URL of a gate may have its own policy and expectations. */
export interface GateTarget {
  url: string;
  method: string;
  policy: Policy;
  expectedVersion?: string;
  probe: Prober;
}

export interface GatePlan {
  targets: readonly GateTarget[];
  run: GateRunKind;
}

/** Targets that share one method, policy, expectation and prober (a single `url` input). */
export function uniformTargets(
  urls: readonly string[],
  shared: Omit<GateTarget, 'url'>,
): GateTarget[] {
  return urls.map((url) => ({ ...shared, url }));
}

export interface GateDeps {
  clock: Clock;
  /** Uniform in [0, 1): jitter. Injected so simulated runs are reproducible. */
  random?: () => number;
  /** Called as each attempt completes, before the policy looks at it (evidence is written as it happens). */
  onAttempt?: (attempt: Attempt) => void;
  /** Numbering continues across gate runs of one step (the release, then the rollback). */
  nextSeq?: () => number;
  /** Called once per URL when its success streak is reached and observe begins. */
  onObserveStart?: (url: string, at: number) => void;
  /** Aborting cancels the gate: the verdict is then `cancelled`. */
  signal?: AbortSignal;
  /**
   * The policy; bench/ passes other rules here to compare them on the same probe traces. The
   * shipped rule is followed one probe at a time (rule-tracker.ts); another is asked after each.
   */
  judge?: typeof assess;
  /** Bounds the requests in flight; one is shared by every gate of a step (pacing.ts). */
  inFlight?: InFlightLimit;
}
