/**
 * One audit folder to the few facts the report needs. Each file is read once: hashed against
 * SHA256SUMS (verify-folder.ts), and the very bytes verified of audit.json and probes.ndjson are
 * parsed (audit.json with the schema of its version, probes.ndjson scanned for the time of the
 * first failed probe; no line is kept). A folder that fails is returned as such, never thrown.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  auditRecordSchema,
  AUDIT_SCHEMA_VERSIONS,
  readsAuditVersion,
  type AuditRecord,
  type Verdict,
} from '../evidence/audit-schema.js';
import { errorText } from '../evidence/error-text.js';
import { EVIDENCE_FILES } from '../evidence/layout.js';
import { readMonitorRecord, type MonitorFact } from './read-monitor.js';
import { verifyFolder } from './verify-folder.js';
import type { z } from 'zod';

/** What one gate proved, as the report counts it. Times are epoch ms. */
export interface GateFact {
  /** The folder, relative to the records root ('.' for the root itself). */
  path: string;
  service: string;
  verdict: Verdict;
  startedAt: number;
  endedAt: number;
  /** The first failed probe of the release under test; null when no probe failed. */
  firstFailureAt: number | null;
  dryRun: boolean;
  rollbackTriggered: boolean;
  rollbackVerified: boolean;
  attempts: number;
  successes: number;
  p95Ms: number | null;
  /** The percentiles the gate measured (its probes of the release), for latency targets. */
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  /** Why a failed gate failed (empty for the others): see failureReasons. */
  reasons: FailureReason[];
  runUrl: string | null;
  /** The artifact's page, when read from GitHub (github/github-records.ts builds it from ids). */
  artifactUrl?: string | null;
  deploymentId: string;
}

/** One reason a gate failed: a rule or metric name, and that rule's own words. */
export interface FailureReason {
  reason: string;
  example: string;
}

const FAILED_VERDICTS: ReadonlySet<Verdict> = new Set([
  'unhealthy',
  'rolled-back',
  'rollback-failed',
]);
/** Record text is outside text: a reason is kept short, whatever a record holds. */
export const MAX_REASON_CHARS = 120;
const MAX_EXAMPLE_CHARS = 200;
const MAX_REASONS_PER_GATE = 8;
const cap = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * The failed rules (`consecutive-failures`, `latency-p95`, …) and failed metric queries
 * (`metric <name>`), each once; a failed gate with neither is counted under its reason text.
 */
export function failureReasons(record: AuditRecord): FailureReason[] {
  if (!FAILED_VERDICTS.has(record.verdict)) return [];
  const found = new Map<string, string>();
  for (const rule of record.rules)
    if (rule.outcome === 'fail' && !found.has(rule.rule)) found.set(rule.rule, rule.message);
  for (const query of record.metrics?.queries ?? [])
    if (query.outcome === 'fail' && !found.has(`metric ${query.name}`))
      found.set(`metric ${query.name}`, query.message);
  if (found.size === 0) found.set(record.reason, record.reason);
  return [...found].slice(0, MAX_REASONS_PER_GATE).map(([reason, example]) => ({
    reason: cap(reason.replace(/\s+/g, ' ').trim(), MAX_REASON_CHARS),
    example: cap(example.replace(/\s+/g, ' ').trim(), MAX_EXAMPLE_CHARS),
  }));
}

export type RecordRead =
  | { kind: 'fact'; fact: GateFact }
  | { kind: 'monitor'; fact: MonitorFact }
  | { kind: 'failed-checksum'; path: string; detail: string }
  | { kind: 'skipped'; path: string; reason: string };

/** Reads a gate's folder, or with `kind: 'monitor'` a monitor run's (read-monitor.ts). */
export async function readRecord(
  root: string,
  relative: string,
  kind: 'gate' | 'monitor' = 'gate',
): Promise<RecordRead> {
  const path = relative === '' ? '.' : relative;
  const dir = relative === '' ? root : join(root, ...relative.split('/'));
  const verified = await verifyFolder(dir);
  if (!verified.ok) return { kind: 'failed-checksum', path, detail: verified.detail };
  if (kind === 'monitor') return readMonitorRecord(path, verified.text);
  let json: unknown;
  try {
    json = JSON.parse((await verified.text(EVIDENCE_FILES.audit)) ?? '');
  } catch (error) {
    return { kind: 'skipped', path, reason: `audit.json is not JSON: ${errorText(error)}` };
  }
  const version =
    typeof json === 'object' && json !== null && 'schema_version' in json
      ? String((json as { schema_version: unknown }).schema_version)
      : 'none';
  if (!readsAuditVersion(version)) {
    return {
      kind: 'skipped',
      path,
      reason: `schema version ${version} (this report reads ${AUDIT_SCHEMA_VERSIONS.join(', ')})`,
    };
  }
  const parsed = auditRecordSchema.safeParse(json);
  if (!parsed.success)
    return { kind: 'skipped', path, reason: schemaMismatch('audit.json', version, parsed.error) };
  const record = parsed.data;
  return {
    kind: 'fact',
    fact: {
      path,
      service: record.service.name,
      verdict: record.verdict,
      startedAt: Date.parse(record.started_at),
      endedAt: Date.parse(record.ended_at),
      firstFailureAt: await firstFailedProbe(verified.contents.get(EVIDENCE_FILES.probes), dir),
      dryRun: record.dry_run === true,
      rollbackTriggered: record.rollback?.triggered === true,
      rollbackVerified: record.rollback?.verified === true,
      attempts: record.health_checks.attempts,
      successes: record.health_checks.success_count,
      p95Ms: record.health_checks.latency_ms.p95,
      latencyMs: { ...record.health_checks.latency_ms },
      reasons: failureReasons(record),
      runUrl: record.deployment.run_url,
      deploymentId: record.deployment.id,
    },
  };
}

/** The probe line's time when it is a failed probe of the release under test, else null. */
function failedReleaseProbe(line: string): number | null {
  if (!line.includes('"ok":false')) return null;
  try {
    const probe = JSON.parse(line) as { ok?: unknown; run?: unknown; time?: unknown };
    if (probe.ok !== false || probe.run !== 'release' || typeof probe.time !== 'string')
      return null;
    const at = Date.parse(probe.time);
    return Number.isFinite(at) ? at : null;
  } catch {
    return null; // A line that is not JSON is not evidence of a failure.
  }
}

/**
 * The earliest `time` of a failed probe of the release under test: from the verified bytes, or
 * (a file too large to hold, see verify-folder.ts) streamed line by line from the folder.
 */
async function firstFailedProbe(bytes: Buffer | undefined, dir: string): Promise<number | null> {
  let first: number | null = null;
  const take = (line: string) => {
    const at = failedReleaseProbe(line);
    if (at !== null && (first === null || at < first)) first = at;
  };
  if (bytes) {
    const text = bytes.toString('utf8');
    if (!text.includes('"ok":false')) return null;
    for (const line of text.split('\n')) take(line);
    return first;
  }
  try {
    const input = createReadStream(join(dir, EVIDENCE_FILES.probes));
    for await (const line of createInterface({ input, crlfDelay: Infinity })) take(line);
  } catch {
    return null; // No probes.ndjson (a metrics-only failure, or none written).
  }
  return first;
}

/** Why a record file was skipped: the first place it breaks its schema. */
export function schemaMismatch(file: string, version: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${file} does not match schema ${version}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim();
}
