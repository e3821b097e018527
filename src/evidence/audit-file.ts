/** Writes audit.json: redacted, validated against the schema, replaced atomically. */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditConsistencyProblems, auditRecordSchema, type AuditRecord } from './audit-schema.js';
import { formatIssues } from './format-issues.js';
import { EVIDENCE_FILES } from './layout.js';
import { makeDir } from './make-dir.js';
import type { Redactor } from '../secrets/redact.js';
import { KEEP, redactShaped, type Shape } from '../secrets/redact-shape.js';

/** A policy name (`max-error-rate`) is ours; a fleet key `<its URLs>: <name>` has URLs to redact. */
function policyKey(key: string, redactor: Redactor): string {
  const name = /^[a-z][a-z0-9-]*$/;
  if (name.test(key)) return key;
  const cut = key.lastIndexOf(': ');
  const suffix = key.slice(cut + 2);
  if (cut > 0 && name.test(suffix)) return `${redactor.redactText(key.slice(0, cut))}: ${suffix}`;
  return redactor.redactText(key);
}

/**
 * The structural fields of audit.json (schema/audit.schema.json): enums, versions, timestamps,
 * numbers, the runner's identifiers and deploy-gate's own names. Everything else is free text.
 */
export const AUDIT_RECORD_SHAPE: Shape = {
  fields: {
    schema_version: KEEP,
    started_at: KEEP,
    ended_at: KEEP,
    deployment: {
      fields: {
        id: KEEP,
        run_id: KEEP,
        run_attempt: KEEP,
        repository: KEEP,
        sha: KEEP,
        run_url: KEEP,
      },
    },
    service: { fields: {} },
    release_under_test: { fields: {} },
    verdict: KEEP,
    dry_run: KEEP,
    health_checks: KEEP,
    policy: { keys: policyKey },
    rules: { each: { fields: { rule: KEEP, outcome: KEEP } } },
    rollback: {
      fields: {
        triggered: KEEP,
        exit_code: KEEP,
        started_at: KEEP,
        ended_at: KEEP,
        verified: KEEP,
        verification_verdict: KEEP,
      },
    },
    metrics: { fields: { queries: { each: { fields: { name: KEEP, outcome: KEEP } } } } },
    files: KEEP,
    tool: KEEP,
  },
};

export class AuditRecordError extends Error {
  readonly issues: string[];

  constructor(issues: string[]) {
    super(`audit record does not match schema:\n  ${issues.join('\n  ')}`);
    this.issues = issues;
    this.name = 'AuditRecordError';
  }
}

/**
 * Redacts first, so neither the file nor an error message can carry a secret; structural fields
 * are kept, so a short secret cannot make a valid record invalid.
 */
export function parseAuditRecord(record: unknown, redactor: Redactor): AuditRecord {
  const redacted = redactShaped(record, AUDIT_RECORD_SHAPE, redactor);
  const parsed = auditRecordSchema.safeParse(redacted);
  if (!parsed.success) throw new AuditRecordError(formatIssues(parsed.error.issues, redacted));
  return parsed.data;
}

export interface WrittenAuditRecord {
  path: string;
  record: AuditRecord;
  /** Cross-field inconsistencies (reported, the file is written anyway). */
  problems: string[];
}

/**
 * Throws AuditRecordError when the record does not match the schema (a wiring bug the tests must
 * catch). A crash mid-write leaves the previous audit.json whole: write to a temp name, rename.
 */
export function writeAuditRecord(
  dir: string,
  record: AuditRecord,
  redactor: Redactor,
): WrittenAuditRecord {
  const checked = parseAuditRecord(record, redactor);
  makeDir(dir);
  const path = join(dir, EVIDENCE_FILES.audit);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(temporary, path);
  return { path, record: checked, problems: auditConsistencyProblems(checked) };
}
