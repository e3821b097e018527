/** The step's outputs, as strings, derived from the outcome. */
import { decisionTarget } from '../rollback/decide-and-roll-back.js';
import type { Outcome, Verdict } from '../service/run-pipeline.js';
import { capText } from './outside-text.js';

/** The `reason` output's bound: one sentence with its numbers, not a log. */
export const REASON_OUTPUT_MAX = 1000;
/** Each service's reason inside the `services` JSON. */
const SERVICE_REASON_MAX = 200;
/** Past this the `services` JSON drops its reasons (each service's verdict stays). */
const SERVICES_OUTPUT_MAX = 128 * 1024;

export interface ArtifactFacts {
  auditDir: string;
  /** The artifact's name, also when the upload did not happen (it is decided before). */
  name?: string;
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
    reason: capText(outcome.reason, REASON_OUTPUT_MAX),
    attempts: String(t?.attempts ?? 0),
    // The rolled-back release's own gate: counted apart so `attempts` stays the release's.
    'verification-attempts': String(rb?.verification?.totals.attempts ?? 0),
    'error-rate':
      t?.errorRate === null || t?.errorRate === undefined
        ? ''
        : String(Number((t.errorRate * 100).toFixed(2))),
    'latency-p50-ms': round(t?.p50),
    'latency-p95-ms': round(t?.p95),
    'latency-p99-ms': round(t?.p99),
    'duration-ms': String(Math.round(outcome.endedAt - outcome.startedAt)),
    // Only a rollback that ran and took effect (Fly confirmed it), not one that was tried.
    'rolled-back': String(rb?.tookEffect === true),
    'release-under-test': outcome.fly ? String(outcome.fly.underTest.version) : '',
    // The release the rollback created, as flyctl or Fly reported it; never the target's.
    'rollback-version': createdVersion !== undefined ? String(createdVersion) : '',
    'rollback-image': target?.ImageRef ?? '',
    'audit-dir': artifact?.auditDir ?? '',
    'artifact-id': artifact?.id === undefined || artifact.id === null ? '' : String(artifact.id),
    'artifact-digest': artifact?.digest ?? '',
    'artifact-name': artifact?.name ?? '',
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
    'verification-attempts': String(
      entries.reduce((n, e) => n + (e.outcome.rollback?.verification?.totals.attempts ?? 0), 0),
    ),
    'error-rate': samples ? String(Number(((failures / samples) * 100).toFixed(2))) : '',
    'latency-p50-ms': round(highest((t) => t.p50)),
    'latency-p95-ms': round(highest((t) => t.p95)),
    'latency-p99-ms': round(highest((t) => t.p99)),
    'rolled-back': String(entries.some((e) => e.outcome.rollback?.tookEffect === true)),
    services: servicesJson(entries),
  };
}

/** One object per service; reasons are capped, and left out when a large fleet would not fit. */
function servicesJson(entries: readonly { name: string; outcome: Outcome }[]): string {
  const rows = entries.map((e) => ({
    service: e.name,
    verdict: e.outcome.verdict,
    reason: capText(e.outcome.reason, SERVICE_REASON_MAX),
    'rolled-back': e.outcome.rollback?.tookEffect === true,
  }));
  const full = JSON.stringify(rows);
  if (full.length <= SERVICES_OUTPUT_MAX) return full;
  return JSON.stringify(rows.map(({ reason: _reason, ...row }) => row));
}
