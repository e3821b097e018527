/**
 * The last three steps of every run's evidence, in the only safe order: audit.json, then the
 * seal (SHA256SUMS and manifest.json cover everything before them), then the upload. Shared by
 * the main step and, when the main step was killed, the post step.
 */
import { AUDIT_SCHEMA_VERSION, type AuditRecord } from './audit-schema.js';
import { writeAuditRecord } from './audit-file.js';
import { EVIDENCE_FILES } from './layout.js';
import { listFiles } from './list-files.js';
import type { Redactor } from './redact.js';
import { sealEvidence } from './seal.js';
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

export interface FinishedEvidence {
  problems: string[];
  upload: UploadOutcome;
}

export async function finishEvidence(options: {
  dir: string;
  record: AuditRecord;
  redactor: Redactor;
  artifactName: string;
  retentionDays?: number;
  now: number;
  client?: ArtifactUploader;
}): Promise<FinishedEvidence> {
  const written = writeAuditRecord(options.dir, options.record, options.redactor);
  await sealEvidence(options.dir, { schemaVersion: AUDIT_SCHEMA_VERSION, now: options.now });
  const upload = await uploadEvidence({
    dir: options.dir,
    name: options.artifactName,
    redactor: options.redactor,
    ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
  return { problems: written.problems, upload };
}
