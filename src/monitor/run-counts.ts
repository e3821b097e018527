/**
 * A monitor run's probes of one service, as SLO events. Every counted probe is an event (no
 * warm-up is excused: between deploys a service is expected to serve); a probe the runner's own
 * stall spoiled is no event at all. For a latency objective a response slower than its limit is a
 * bad event, and so is a timed-out probe (it answered later than any limit).
 */
import { notCounted } from '../gate/lateness.js';
import { timedOut } from '../gate/rate-rules.js';
import type { Attempt } from '../gate/types.js';
import type { LatencyObjective } from '../gate/types.js';
import type { RunCounts } from './slo-ledger.js';

export function countRun(options: {
  service: string;
  attempts: readonly Attempt[];
  objectives: readonly LatencyObjective[];
  startedAt: number;
  endedAt: number;
}): RunCounts {
  const counted = options.attempts.filter((a) => !notCounted(a));
  const slow: Record<string, number> = {};
  for (const objective of options.objectives) {
    slow[objective.text] = counted.filter(
      (a) => timedOut(a) || a.latencyMs > objective.limitMs,
    ).length;
  }
  return {
    service: options.service,
    startedAt: options.startedAt,
    endedAt: options.endedAt,
    total: counted.length,
    failed: counted.filter((a) => !a.ok).length,
    slow,
  };
}

/** The few failing probes a person reads first: the latest of each distinct message. */
export function failingEvidence(attempts: readonly Attempt[], max = 5): string[] {
  const latest = new Map<string, Attempt>();
  for (const a of attempts) {
    if (a.ok || notCounted(a) || !a.failure) continue;
    latest.set(`${a.url} ${a.failure.message}`, a);
  }
  return [...latest.values()]
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, max)
    .map(
      (a) => `${new Date(a.startedAt).toISOString()} ${a.method} ${a.url}: ${a.failure?.message}`,
    );
}
