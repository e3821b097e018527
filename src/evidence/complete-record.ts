/**
 * When the main step was cancelled or killed, the post step completes the audit record it left:
 * the health checks are recomputed from probes.ndjson (appended as each probe finished), the
 * metrics from metrics.ndjson (each query's last judgement), and the verdict becomes `cancelled`
 * unless the main step had already reached one. Pure.
 */
import { latencySummary } from '../gate/stats.js';
import type { AuditRecord } from './audit-schema.js';
import type { NdjsonProblem } from './ndjson-log.js';

interface ProbeLineFacts {
  ok?: unknown;
  latency_ms?: unknown;
  status?: unknown;
  time?: unknown;
  run?: unknown;
  error?: { message?: unknown } | null;
}

interface MetricsLineFacts {
  name?: unknown;
  query?: unknown;
  judgement?: { status?: unknown; observed?: unknown; limit?: unknown; message?: unknown } | null;
}

const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

/** Each query's last judgement in metrics.ndjson, as audit.json states metrics (same mapping). */
function recordedMetrics(lines: readonly unknown[]): AuditRecord['metrics'] | undefined {
  const last = new Map<string, MetricsLineFacts>();
  for (const line of lines) {
    const facts = line as MetricsLineFacts;
    if (typeof line !== 'object' || line === null || typeof facts.name !== 'string') continue;
    if (!facts.judgement || typeof facts.judgement !== 'object') continue;
    last.delete(facts.name);
    last.set(facts.name, facts);
  }
  if (last.size === 0) return undefined;
  return {
    // The endpoint is not in metrics.ndjson; unknown rather than guessed.
    endpoint: null,
    queries: [...last].map(([name, facts]) => {
      const j = facts.judgement ?? {};
      return {
        name,
        query: typeof facts.query === 'string' ? facts.query : '',
        observed: numberOrNull(j.observed),
        limit: numberOrNull(j.limit),
        outcome: j.status === 'good' ? 'pass' : j.status === 'bad' ? 'fail' : 'not-judged',
        message: typeof j.message === 'string' ? j.message : '',
      };
    }),
  };
}

export function completeRecord(
  record: AuditRecord,
  lines: readonly unknown[],
  problems: readonly NdjsonProblem[],
  now: number,
  files: string[],
  metricsLines: readonly unknown[] = [],
): AuditRecord {
  const metrics = record.metrics ?? recordedMetrics(metricsLines);
  const probes = lines.filter(
    (l): l is ProbeLineFacts =>
      typeof l === 'object' && l !== null && (l as ProbeLineFacts).run === 'release',
  );
  const successes = probes.filter((p) => p.ok === true).length;
  const latencies = probes
    .filter((p) => typeof p.status === 'number')
    .map((p) => Number(p.latency_ms));
  const summary = latencySummary(latencies);
  const last = probes.at(-1);
  const lastText = last
    ? `; last probe at ${String(last.time)}: ${last.ok ? `ok ${String(last.status)}` : String(last.error?.message ?? 'failed')}`
    : '';
  const torn = problems.length
    ? `; ${problems.length} unreadable line(s) in probes.ndjson (${problems.map((p) => `line ${p.line}: ${p.kind}`).join(', ')})`
    : '';
  const reachedVerdict = record.verdict !== 'cancelled';
  const startedMs = Date.parse(record.started_at);
  return {
    ...record,
    ended_at: new Date(Math.max(now, startedMs)).toISOString(),
    ...(reachedVerdict
      ? {}
      : {
          reason: `the main step was cancelled or killed before a verdict, after ${probes.length} probe(s)${lastText}${torn}`,
        }),
    health_checks: reachedVerdict
      ? record.health_checks
      : {
          attempts: probes.length,
          success_count: successes,
          failure_count: probes.length - successes,
          duration_ms: Math.max(0, now - startedMs),
          error_rate: probes.length ? (probes.length - successes) / probes.length : null,
          latency_ms: {
            p50: summary.p50 ?? null,
            p95: summary.p95 ?? null,
            p99: summary.p99 ?? null,
          },
        },
    ...(metrics ? { metrics } : {}),
    files,
  };
}
