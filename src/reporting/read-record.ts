/**
 * One audit folder to the few facts the report needs: verified against its SHA256SUMS first,
 * audit.json read with the schema of its version, probes.ndjson streamed for the time of the
 * first failed probe (no line is kept). A folder that fails is returned as such, never thrown.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { auditRecordSchema, AUDIT_SCHEMA_VERSION, type Verdict } from '../evidence/audit-schema.js';
import { errorText } from '../evidence/error-text.js';
import { EVIDENCE_FILES } from '../evidence/layout.js';
import { verifyEvidence } from '../evidence/seal.js';

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
  runUrl: string | null;
  deploymentId: string;
}

export type RecordRead =
  | { kind: 'fact'; fact: GateFact }
  | { kind: 'failed-checksum'; path: string; detail: string }
  | { kind: 'skipped'; path: string; reason: string };

export async function readRecord(root: string, relative: string): Promise<RecordRead> {
  const path = relative === '' ? '.' : relative;
  const dir = relative === '' ? root : join(root, ...relative.split('/'));
  const verification = await verifyEvidence(dir);
  if (!verification.ok) {
    const first = verification.mismatches[0];
    const more = verification.mismatches.length - 1;
    const detail = first
      ? `${first.kind} ${first.path}${more > 0 ? ` (and ${more} more)` : ''}`
      : 'unverified';
    return { kind: 'failed-checksum', path, detail };
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, EVIDENCE_FILES.audit), 'utf8'));
  } catch (error) {
    return { kind: 'skipped', path, reason: `audit.json is not JSON: ${errorText(error)}` };
  }
  const version =
    typeof json === 'object' && json !== null && 'schema_version' in json
      ? String((json as { schema_version: unknown }).schema_version)
      : 'none';
  if (version !== AUDIT_SCHEMA_VERSION) {
    return {
      kind: 'skipped',
      path,
      reason: `schema version ${version} (this report reads ${AUDIT_SCHEMA_VERSION})`,
    };
  }
  const parsed = auditRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'skipped',
      path,
      reason:
        `audit.json does not match schema ${version}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
    };
  }
  const record = parsed.data;
  return {
    kind: 'fact',
    fact: {
      path,
      service: record.service.name,
      verdict: record.verdict,
      startedAt: Date.parse(record.started_at),
      endedAt: Date.parse(record.ended_at),
      firstFailureAt: await firstFailedProbe(join(dir, EVIDENCE_FILES.probes)),
      dryRun: record.dry_run === true,
      rollbackTriggered: record.rollback?.triggered === true,
      rollbackVerified: record.rollback?.verified === true,
      attempts: record.health_checks.attempts,
      successes: record.health_checks.success_count,
      p95Ms: record.health_checks.latency_ms.p95,
      runUrl: record.deployment.run_url,
      deploymentId: record.deployment.id,
    },
  };
}

/** The earliest `time` of a failed probe of the release under test, reading line by line. */
async function firstFailedProbe(file: string): Promise<number | null> {
  let first: number | null = null;
  try {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.includes('"ok":false')) continue;
      try {
        const probe = JSON.parse(line) as { ok?: unknown; run?: unknown; time?: unknown };
        if (probe.ok !== false || probe.run !== 'release' || typeof probe.time !== 'string')
          continue;
        const at = Date.parse(probe.time);
        if (Number.isFinite(at) && (first === null || at < first)) first = at;
      } catch {
        // A line that is not JSON is not evidence of a failure.
      }
    }
  } catch {
    return null; // No probes.ndjson (a metrics-only failure, or none written).
  }
  return first;
}
