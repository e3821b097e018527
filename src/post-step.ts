/**
 * The post step (runs at the end of the job, even after a cancel). When the main step finished,
 * there is nothing to do. When it was cancelled or killed, the evidence it appended as it went
 * is completed here: audit.json (verdict `cancelled` unless one was reached), the seal, the upload.
 */
import * as core from '@actions/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuditRecord } from './evidence/audit-file.js';
import type { AuditRecord } from './evidence/audit-schema.js';
import { completeRecord } from './evidence/complete-record.js';
import { evidenceFiles, sealFleet, sealRecord, upload } from './evidence/finish-evidence.js';
import { releaseStaleLock } from './evidence/folder-lock.js';
import { EVIDENCE_FILES } from './evidence/layout.js';
import { readNdjson } from './evidence/ndjson-log.js';
import { Redactor } from './secrets/redact.js';
import { planRun, type RunPlan } from './service/plan-run.js';
import { closeDeployment } from './github/service-deployment.js';
import { runSecrets } from './secrets/collect-secrets.js';
import { readState } from './state.js';
import { describeFailure, writeFailures } from './evidence/write-failures.js';
import { logLine } from './summary/outside-text.js';

/** The main step's plan again (the post step gets the same inputs and environment), if it reads. */
async function replan(env: NodeJS.ProcessEnv): Promise<RunPlan | undefined> {
  try {
    return await planRun(env, { claim: false });
  } catch {
    // The inputs were valid in the main step (it saved state only after reading them).
    return undefined;
  }
}

/** The same secrets the main step masked. */
function redactorFor(plan: RunPlan | undefined, env: NodeJS.ProcessEnv): Redactor {
  const redactor = new Redactor();
  const secrets = plan ? runSecrets(plan.services, env) : runSecrets([{ secrets: [] }], env);
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
      logLine(
        'deploy-gate post: the main step started no gate (invalid inputs, or it did not run); nothing to complete.',
      ),
    );
    return;
  }
  if (state.finished) {
    core.info(
      logLine(`deploy-gate post: the main step finished its evidence in ${state.auditDir}.`),
    );
    return;
  }
  core.warning(
    'deploy-gate: the main step was cancelled or killed before it finished; completing its audit evidence from what it recorded.',
  );
  const root = state.auditDir;
  const plan = await replan(env);
  const redactor = redactorFor(plan, env);
  for (const sub of state.serviceDirs) {
    const dir = join(root, sub);
    if (existsSync(join(dir, EVIDENCE_FILES.manifest))) continue; // this service finished and sealed its record
    try {
      const record = await completedRecord(dir, redactor);
      if (!record) continue;
      await sealRecord({ dir, record, redactor, now: Date.now() });
      core.info(
        logLine(
          `deploy-gate post: ${sub || 'audit.json'} completed with verdict ${record.verdict}: ${record.reason}`,
        ),
      );
      await closeKilledDeployment(plan, sub, state.deployments[sub], record, env, redactor);
    } catch (error) {
      // One unreadable record must not keep the other services' evidence from being sealed and uploaded.
      core.warning(
        `deploy-gate post: could not complete ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (state.serviceDirs.some((sub) => sub !== '')) await sealFleet(root, Date.now());
  const uploaded = await upload({
    dir: root,
    redactor,
    artifactName: state.artifactName ?? 'deploy-gate-audit',
    ...(state.retentionDays ? { retentionDays: state.retentionDays } : {}),
  });
  if (!uploaded.uploaded) core.warning(uploaded.warning);
  else
    core.info(logLine(`deploy-gate post: uploaded artifact ${uploaded.name} (id ${uploaded.id})`));
  for (const f of writeFailures.list)
    core.warning(redactor.redactText(`deploy-gate post: could not write ${describeFailure(f)}`));
  // The killed main step could not release its lock; its process is gone, so the lock is stale.
  releaseStaleLock(root);
}

/** The record a killed main step left in `dir`, completed from what it appended; undefined when there is none. */
async function completedRecord(dir: string, redactor: Redactor) {
  const auditPath = join(dir, EVIDENCE_FILES.audit);
  if (!existsSync(auditPath)) {
    core.warning(`deploy-gate post: ${auditPath} is missing; there is no record to complete.`);
    return undefined;
  }
  const partial = parseAuditRecord(JSON.parse(readFileSync(auditPath, 'utf8')), redactor);
  // No probes.ndjson: the step was stopped before its first probe (during initial-delay or the
  // Fly preflight); that is zero attempts, not a reason to give up.
  const probesPath = join(dir, EVIDENCE_FILES.probes);
  const probes = existsSync(probesPath) ? readNdjson(probesPath) : { records: [], problems: [] };
  const metricsPath = join(dir, EVIDENCE_FILES.metrics);
  const metrics = existsSync(metricsPath) ? readNdjson(metricsPath).records : [];
  return completeRecord(
    partial,
    probes.records,
    probes.problems,
    Date.now(),
    await evidenceFiles(dir),
    metrics,
  );
}

/** Posts the completed verdict to the GitHub deployment the killed step left `in_progress`. */
async function closeKilledDeployment(
  plan: RunPlan | undefined,
  sub: string,
  deploymentId: number | undefined,
  record: AuditRecord,
  env: NodeJS.ProcessEnv,
  redactor: Redactor,
): Promise<void> {
  if (deploymentId === undefined) return;
  const service = plan?.services.find((s) => (s.name ?? '') === sub) ?? plan?.services[0];
  const deployments = service?.deployments;
  if (!deployments) {
    core.warning(
      `deploy-gate post: GitHub deployment ${deploymentId} is left in_progress: the inputs that name its environment could not be read again.`,
    );
    return;
  }
  await closeDeployment({
    deployments,
    deploymentId,
    verdict: record.verdict,
    reason: record.reason,
    neverServed: record.rules.some((r) => r.rule === 'expected-version' && r.outcome === 'fail'),
    env,
    redactor,
    warn: (message) => core.warning(redactor.redactText(message)),
  });
  core.info(
    logLine(
      `deploy-gate post: GitHub deployment ${deploymentId} marked with verdict ${record.verdict}.`,
    ),
  );
}
