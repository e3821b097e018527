/** Writes audit.json: redacted, validated against the schema, replaced atomically. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditConsistencyProblems, auditRecordSchema, type AuditRecord } from './audit-schema.js';
import { formatIssues } from './format-issues.js';
import { EVIDENCE_FILES } from './layout.js';
import type { Redactor } from './redact.js';

export class AuditRecordError extends Error {
  readonly issues: string[];

  constructor(issues: string[]) {
    super(`audit record does not match schema:\n  ${issues.join('\n  ')}`);
    this.issues = issues;
    this.name = 'AuditRecordError';
  }
}

/** Redacts first, so neither the file nor an error message can carry a secret. */
export function parseAuditRecord(record: unknown, redactor: Redactor): AuditRecord {
  const redacted = redactor.redact(record);
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
  mkdirSync(dir, { recursive: true });
  const path = join(dir, EVIDENCE_FILES.audit);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(temporary, path);
  return { path, record: checked, problems: auditConsistencyProblems(checked) };
}
