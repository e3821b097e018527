/** The step's outputs, as strings, derived from the outcome. */
import { decisionTarget } from '../pipeline/rollback.js';
import type { Outcome, Verdict } from '../pipeline/run-pipeline.js';

export interface ArtifactFacts {
  auditDir: string;
  id?: number | null;
  digest?: string | null;
}

const round = (v: number | undefined) => (v === undefined ? '' : String(Math.round(v)));

export function stepOutputs(
  outcome: Pick<
    Outcome,
    'verdict' | 'reason' | 'release' | 'fly' | 'rollback' | 'startedAt' | 'endedAt'
  >,
  artifact?: ArtifactFacts,
): Record<string, string> {
  const t = outcome.release?.totals;
  const rb = outcome.rollback;
  const target = rb ? decisionTarget(rb.decision) : undefined;
  const createdVersion = rb?.run?.created?.version;
  return {
    verdict: outcome.verdict,
    reason: outcome.reason,
    attempts: String(t?.attempts ?? 0),
    'error-rate':
      t?.errorRate === null || t?.errorRate === undefined
        ? ''
        : String(Number((t.errorRate * 100).toFixed(2))),
    'latency-p50-ms': round(t?.p50),
    'latency-p95-ms': round(t?.p95),
    'latency-p99-ms': round(t?.p99),
    'duration-ms': String(Math.round(outcome.endedAt - outcome.startedAt)),
    'rolled-back': String(rb?.run !== undefined),
    'release-under-test': outcome.fly ? String(outcome.fly.underTest.version) : '',
    'rollback-version':
      createdVersion !== undefined
        ? String(createdVersion)
        : target?.Version !== undefined
          ? String(target.Version)
          : '',
    'rollback-image': target?.ImageRef ?? '',
    'audit-dir': artifact?.auditDir ?? '',
    'artifact-id': artifact?.id === undefined || artifact.id === null ? '' : String(artifact.id),
    'artifact-digest': artifact?.digest ?? '',
    services: '',
  };
}

/** Whether the step passes: only a healthy release, or a verified rollback when fail-on-rollback is off. */
export function stepPasses(verdict: Verdict, failOnRollback: boolean): boolean {
  return verdict === 'healthy' || (verdict === 'rolled-back' && !failOnRollback);
}

/** A fleet's outputs: the worst verdict, sums over services, the slowest service's percentiles. */
export function fleetOutputs(
  entries: readonly { name: string; outcome: Outcome }[],
  overall: { verdict: Verdict; reason: string; startedAt: number; endedAt: number },
  artifact?: ArtifactFacts,
): Record<string, string> {
  const totals = entries.map((e) => e.outcome.release?.totals).filter((t) => t !== undefined);
  const samples = totals.reduce((n, t) => n + t.windowSamples, 0);
  const failures = totals.reduce((n, t) => n + t.windowFailures, 0);
  const highest = (pick: (t: (typeof totals)[number]) => number | undefined) => {
    const values = totals.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? Math.max(...values) : undefined;
  };
  return {
    ...stepOutputs(
      {
        verdict: overall.verdict,
        reason: overall.reason,
        startedAt: overall.startedAt,
        endedAt: overall.endedAt,
      },
      artifact,
    ),
    attempts: String(totals.reduce((n, t) => n + t.attempts, 0)),
    'error-rate': samples ? String(Number(((failures / samples) * 100).toFixed(2))) : '',
    'latency-p50-ms': round(highest((t) => t.p50)),
    'latency-p95-ms': round(highest((t) => t.p95)),
    'latency-p99-ms': round(highest((t) => t.p99)),
    'rolled-back': String(entries.some((e) => e.outcome.rollback?.run !== undefined)),
    services: JSON.stringify(
      entries.map((e) => ({
        service: e.name,
        verdict: e.outcome.verdict,
        reason: e.outcome.reason,
        'rolled-back': e.outcome.rollback?.run !== undefined,
      })),
    ),
  };
}
