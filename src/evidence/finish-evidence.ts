/**
 * The last steps of every run's evidence, in the only safe order: audit.json, then the seal
 * (SHA256SUMS and manifest.json cover everything before them), then the upload. Shared by the
 * main step and, when the main step was killed, the post step. A fleet seals each service's
 * folder, then the whole folder once more, and uploads it once.
 */
import { join } from 'node:path';
import { AUDIT_SCHEMA_VERSION, type AuditRecord } from './audit-schema.js';
import { writeAuditRecord } from './audit-file.js';
import { EVIDENCE_FILES } from './layout.js';
import { listFiles } from './list-files.js';
import type { Redactor } from '../secrets/redact.js';
import { sealEvidence } from './seal.js';
import { writeFailures, type WriteFailures } from './write-failures.js';
import { uploadEvidence, type ArtifactUploader, type UploadOutcome } from './artifact-upload.js';

const WRITTEN_LAST: ReadonlySet<string> = new Set([
  EVIDENCE_FILES.audit,
  EVIDENCE_FILES.checksums,
  EVIDENCE_FILES.manifest,
]);

/** The evidence files audit.json lists: everything in the folder but itself and the seal. */
export async function evidenceFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).files.filter((f) => !WRITTEN_LAST.has(f));
}

/** Writes audit.json and seals the folder; returns the record's consistency problems. */
export async function sealRecord(options: {
  dir: string;
  record: AuditRecord;
  redactor: Redactor;
  now: number;
}): Promise<string[]> {
  const written = writeAuditRecord(options.dir, options.record, options.redactor);
  await sealEvidence(options.dir, { schemaVersion: AUDIT_SCHEMA_VERSION, now: options.now });
  return written.problems;
}

export interface UploadRequest {
  dir: string;
  redactor: Redactor;
  artifactName: string;
  retentionDays?: number;
  client?: ArtifactUploader;
  /** Abandons the upload: a cancelled step's grace ran out (../paperwork.ts). */
  signal?: AbortSignal;
}

export function upload(options: UploadRequest): Promise<UploadOutcome> {
  return uploadEvidence({
    dir: options.dir,
    name: options.artifactName,
    redactor: options.redactor,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
}

/**
 * A fleet's whole folder: every service folder is sealed already; this seal covers them all. A
 * folder that cannot be sealed is noted in WriteFailures (the step reports it), never thrown.
 */
export async function sealFleet(
  dir: string,
  now: number,
  failures: WriteFailures = writeFailures,
): Promise<void> {
  await failures.guardAsync(join(dir, EVIDENCE_FILES.checksums), () =>
    sealEvidence(dir, { schemaVersion: AUDIT_SCHEMA_VERSION, now }),
  );
}
