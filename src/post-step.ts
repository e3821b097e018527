/**
 * The post step (runs at the end of the job, even after a cancel). When the main step finished,
 * there is nothing to do. When it was cancelled or killed, the evidence it appended as it went
 * is completed here: audit.json (verdict `cancelled` unless one was reached), the seal, the upload.
 */
import * as core from '@actions/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuditRecord } from './evidence/audit-file.js';
import { completeRecord } from './evidence/complete-record.js';
import { evidenceFiles, finishEvidence } from './evidence/finish-evidence.js';
import { EVIDENCE_FILES } from './evidence/layout.js';
import { readNdjson } from './evidence/ndjson-log.js';
import { Redactor } from './evidence/redact.js';
import { parseInputs, readInputs } from './settings/parse-inputs.js';
import { collectSecrets } from './settings/secrets.js';
import { readState } from './state.js';

function redactorFor(env: NodeJS.ProcessEnv): Redactor {
  const redactor = new Redactor();
  let secrets: string[];
  try {
    secrets = collectSecrets(parseInputs(readInputs(env)), env);
  } catch {
    // The inputs were valid in the main step (it saved state only after parsing them).
    secrets = collectSecrets({ secrets: [] }, env);
  }
  for (const secret of secrets) {
    core.setSecret(secret);
    redactor.addSecret(secret);
  }
  return redactor;
}

export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const state = readState();
  if (!state.auditDir) {
    core.info(
      'deploy-gate post: the main step started no gate (invalid inputs, or it did not run); nothing to complete.',
    );
    return;
  }
  if (state.finished) {
    core.info(`deploy-gate post: the main step finished its evidence in ${state.auditDir}.`);
    return;
  }
  core.warning(
    'deploy-gate: the main step was cancelled or killed before it finished; completing its audit evidence from what it recorded.',
  );
  const dir = state.auditDir;
  const redactor = redactorFor(env);
  const auditPath = join(dir, EVIDENCE_FILES.audit);
  if (!existsSync(auditPath)) {
    core.warning(`deploy-gate post: ${auditPath} is missing; there is no record to complete.`);
    return;
  }
  const partial = parseAuditRecord(JSON.parse(readFileSync(auditPath, 'utf8')), redactor);
  // No probes.ndjson: the step was stopped before its first probe (during initial-delay or the
  // Fly preflight); that is zero attempts, not a reason to give up.
  const probesPath = join(dir, EVIDENCE_FILES.probes);
  const probes = existsSync(probesPath) ? readNdjson(probesPath) : { records: [], problems: [] };
  const metricsPath = join(dir, EVIDENCE_FILES.metrics);
  const metrics = existsSync(metricsPath) ? readNdjson(metricsPath).records : [];
  const record = completeRecord(
    partial,
    probes.records,
    probes.problems,
    Date.now(),
    await evidenceFiles(dir),
    metrics,
  );
  const finished = await finishEvidence({
    dir,
    record,
    redactor,
    artifactName: state.artifactName ?? 'deploy-gate-audit',
    now: Date.now(),
    ...(state.retentionDays ? { retentionDays: state.retentionDays } : {}),
  });
  if (!finished.upload.uploaded) core.warning(finished.upload.warning);
  else
    core.info(
      `deploy-gate post: uploaded artifact ${finished.upload.name} (id ${finished.upload.id})`,
    );
  core.info(
    `deploy-gate post: audit.json completed with verdict ${record.verdict}: ${record.reason}`,
  );
}
