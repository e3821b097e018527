/** The step's outputs, as strings, derived from the outcome. */
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
  const target = rb && 'target' in rb.decision ? rb.decision.target : undefined;
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
  };
}

/** Whether the step passes: only a healthy release, or a verified rollback when fail-on-rollback is off. */
export function stepPasses(verdict: Verdict, failOnRollback: boolean): boolean {
  return verdict === 'healthy' || (verdict === 'rolled-back' && !failOnRollback);
}
