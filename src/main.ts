/**
 * The main step: decide what to gate (plan-run.ts), mask every secret, gate each service
 * (run-service.ts, concurrently for a fleet), then report: outputs, job summary, annotations,
 * the sealed evidence and its upload. Decisions live in gate/ and pipeline/; this file only
 * connects the runner (@actions/core) to them.
 */
import * as core from '@actions/core';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsError } from './settings/problems.js';
import { artifactName } from './evidence/artifact-upload.js';
import { setAsidePrevious } from './evidence/evidence-folder.js';
import { sealFleet, upload } from './evidence/finish-evidence.js';
import { EVIDENCE_FILES } from './evidence/layout.js';
import { Redactor } from './secrets/redact.js';
import type { Outcome } from './service/run-pipeline.js';
import { recordInputError } from './service/input-error-run.js';
import { graceAfter } from './service/paperwork.js';
import { planRun, type RunPlan } from './service/plan-run.js';
import { evidenceFooter } from './summary/evidence-footer.js';
import { inputErrorSummary } from './summary/input-error-summary.js';
import { boundSummary } from './summary/summary-bounds.js';
import { errorSentence, logLine, outputValue } from './summary/outside-text.js';
import { fleetReason, fleetSummary, worstVerdict } from './summary/fleet.js';
import { fleetOutputs, stepOutputs, stepPasses } from './summary/outputs.js';
import {
  failOnEvidenceFailures,
  redactOutput,
  safeWrite,
  safeWriteAsync,
} from './summary/runner-files.js';
import { runService, type ServicePlan, type ServiceResult } from './service/run-service.js';
import { parseMode, type Mode } from './settings/run-options.js';
import { readInputs } from './settings/read-inputs.js';
import { runSecrets } from './secrets/collect-secrets.js';
import { saveDeployment, saveFinished, saveStarted } from './state.js';
import { mapLimit } from './gate/pacing.js';

/**
 * The runner cancels with SIGINT, then SIGTERM: both end the gate with what it recorded. The
 * entry (dist/index.js) takes the signals before the bundle loads and hands its controller over
 * as `deployGateCancel`, so a cancel in the first moments is not lost; run in-process (tests),
 * the signals are taken here.
 */
function cancellationSignal(): AbortSignal {
  const early = (globalThis as { deployGateCancel?: AbortController }).deployGateCancel;
  if (early) return early.signal;
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => controller.abort(new Error(`received ${name}`)));
  }
  return controller.signal;
}

export function defaultArtifactName(env: NodeJS.ProcessEnv, service?: string): string {
  return artifactName({
    runId: env.GITHUB_RUN_ID ?? 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    // GITHUB_ACTION names the step: two deploy-gate steps in one job must not collide.
    job: [env.GITHUB_JOB ?? 'gate', env.GITHUB_ACTION].filter(Boolean).join('-'),
    ...(service ? { service } : {}),
  });
}

/** A refused run: its record, message and deployment status (input-error-run.ts), then the outputs. */
async function fail(message: string, startedAt: number, env: NodeJS.ProcessEnv): Promise<void> {
  const evidence = await recordInputError({
    env,
    message,
    startedAt,
    defaultArtifactName: (service) => defaultArtifactName(env, service),
    signal: cancellationSignal(),
    warn: (text) => core.warning(text),
    log: (line) => core.info(logLine(line)),
    mask: (secret) => core.setSecret(secret),
  });
  const uploaded = evidence.uploaded?.uploaded ? evidence.uploaded : undefined;
  const outputs = stepOutputs(
    { verdict: 'error', reason: message, startedAt, endedAt: Date.now() },
    evidence.auditDir
      ? {
          auditDir: evidence.auditDir,
          ...(evidence.artifactName ? { name: evidence.artifactName } : {}),
          ...(uploaded ? { id: uploaded.id, digest: uploaded.digest } : {}),
        }
      : undefined,
  );
  safeWrite('GITHUB_OUTPUT', () => {
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, outputValue(value));
  });
  // The page says it too, every problem listed: an annotation alone is easy to miss.
  const footer =
    evidence.auditDir && evidence.uploaded
      ? evidenceFooter({ auditDir: evidence.auditDir, artifact: evidence.uploaded, env })
      : '';
  await safeWriteAsync('GITHUB_STEP_SUMMARY', () =>
    core.summary
      .addRaw(boundSummary((evidence.summary ?? inputErrorSummary(message)) + footer))
      .write(),
  );
  core.setFailed(message);
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now();
  let mode: Mode;
  try {
    mode = parseMode(readInputs(env));
  } catch (error) {
    return fail((error as Error).message, startedAt, env);
  }
  if (mode === 'report') {
    const { reportStep } = await import('./report/report-step.js'); // loaded only to report
    return reportStep(env);
  }
  if (mode === 'monitor') {
    const { monitorStep } = await import('./monitor/monitor-step.js'); // loaded only to monitor
    return monitorStep(env, {
      fail: (message) => fail(message, startedAt, env),
      planRun,
      signal: cancellationSignal(),
    });
  }
  let plan: RunPlan;
  try {
    plan = await planRun(env);
  } catch (error) {
    if (error instanceof SettingsError) return fail(error.message, startedAt, env);
    if (error instanceof Error && error.stack) core.debug(error.stack);
    return fail(`Could not read the inputs: ${errorSentence(error)}`, startedAt, env);
  }
  if (plan.matrix) {
    safeWrite('GITHUB_OUTPUT', () => core.setOutput('matrix', plan.matrix?.json));
    for (const problem of plan.matrix.problems) core.warning(problem);
  }
  if (plan.options.planOnly) {
    core.info(logLine(`deploy-gate: plan only; matrix ${plan.matrix?.json ?? '{}'}`));
    return;
  }

  const redactor = new Redactor();
  for (const secret of runSecrets(plan.services, env)) {
    core.setSecret(secret);
    redactor.addSecret(secret);
  }
  const fleet = plan.options.config !== undefined;
  const aside = setAsidePrevious(plan.auditDir, startedAt);
  if (aside)
    core.warning(
      `audit-dir ${plan.auditDir} held an earlier run's evidence; it was moved to ${aside} so that this run's record stays its own.`,
    );
  const name = plan.artifactName ?? defaultArtifactName(env, plan.options.service);
  const dirOf = (service: ServicePlan) =>
    fleet ? join(plan.auditDir, service.name as string) : plan.auditDir;
  saveStarted({
    auditDir: plan.auditDir,
    artifactName: name,
    serviceDirs: fleet ? plan.services.map((s) => s.name as string) : [''],
    ...(plan.retentionDays ? { retentionDays: plan.retentionDays } : {}),
  });

  const signal = cancellationSignal();
  const results = await mapLimit(plan.services, plan.options.maxParallel, (service) =>
    runService(service, {
      env,
      redactor,
      dir: dirOf(service),
      signal,
      log: (line) => core.info(logLine(line)),
      debug: (text) => core.debug(text),
      warn: (message) => core.warning(message),
      onDeploymentCreated: (id) => saveDeployment(fleet ? (service.name as string) : '', id),
    }),
  );
  await report(plan, results, redactor, name, startedAt, signal, env);
}

async function report(
  plan: RunPlan,
  results: ServiceResult[],
  redactor: Redactor,
  name: string,
  startedAt: number,
  signal: AbortSignal,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const fleet = plan.options.config !== undefined;
  for (const r of results) for (const problem of r.problems) core.warning(`audit.json: ${problem}`);
  if (fleet) await sealFleet(plan.auditDir, Date.now());
  const uploaded = await upload({
    dir: plan.auditDir,
    redactor,
    artifactName: name,
    ...(plan.retentionDays ? { retentionDays: plan.retentionDays } : {}),
    signal: graceAfter(signal),
  });
  if (!uploaded.uploaded) core.warning(uploaded.warning);
  // An upload a cancel cut short is left to the post step, which uploads the sealed folder.
  if (uploaded.uploaded || !uploaded.cancelled) saveFinished();

  const entries = results.map((r) => ({
    name: r.plan.name ?? '',
    outcome: r.outcome,
    summary: r.summary,
    settings: r.plan,
  }));
  const artifact = {
    auditDir: results[0]?.dir ? (fleet ? plan.auditDir : results[0].dir) : plan.auditDir,
    name,
    ...(uploaded.uploaded ? { id: uploaded.id, digest: uploaded.digest } : {}),
  };
  const single = results[0] as ServiceResult;
  const verdict = fleet
    ? worstVerdict(results.map((r) => r.outcome.verdict))
    : single.outcome.verdict;
  const reason = fleet ? fleetReason(entries) : single.outcome.reason;
  const outputs = fleet
    ? fleetOutputs(entries, { verdict, reason, startedAt, endedAt: Date.now() }, artifact)
    : stepOutputs(single.outcome, artifact);
  // A full or read-only runner file costs its own content, never the verdict (runner-files.ts).
  safeWrite('GITHUB_OUTPUT', () => {
    for (const [key, value] of Object.entries(outputs))
      core.setOutput(key, outputValue(redactOutput(key, value, redactor)));
  });

  const body = fleet ? redactor.redactText(fleetSummary(entries)) : single.summary;
  const footer = evidenceFooter({
    auditDir: artifact.auditDir,
    artifact: uploaded,
    env,
    ...sealDigest(artifact.auditDir),
  });
  await safeWriteAsync('GITHUB_STEP_SUMMARY', () =>
    core.summary.addRaw(boundSummary(body, redactor.redactText(footer))).write(),
  );
  for (const r of results) annotate(r.outcome, r.plan, redactor);
  const failOnRollback = results.some((r) => r.plan.rollback.failOnRollback);
  if (!stepPasses(verdict, failOnRollback))
    core.setFailed(redactor.redactText(`deploy-gate: ${verdict}: ${reason}`));
  failOnEvidenceFailures(verdict, redactor);
}

/**
 * The digest of SHA256SUMS as the seal recorded it in manifest.json, and manifest.json's own
 * (SHA256SUMS cannot list the file that records its digest, so the summary anchors both).
 */
function sealDigest(dir: string): { sha256sumsDigest?: string; manifestDigest?: string } {
  try {
    const bytes = readFileSync(join(dir, EVIDENCE_FILES.manifest));
    const manifest = JSON.parse(bytes.toString('utf8')) as { sha256sums_sha256?: unknown };
    return {
      manifestDigest: createHash('sha256').update(bytes).digest('hex'),
      ...(typeof manifest.sha256sums_sha256 === 'string'
        ? { sha256sumsDigest: manifest.sha256sums_sha256 }
        : {}),
    };
  } catch {
    return {};
  }
}

/** Error annotations for each failing URL; a loud one when a human must act; the runbook on each. */
function annotate(outcome: Outcome, service: ServicePlan, redactor: Redactor): void {
  const runbook = service.runbookUrl ? ` Runbook: ${service.runbookUrl}` : '';
  const who = service.name ? `${service.name}: ` : '';
  const failing = outcome.release?.urls.filter((u) => u.assessment.status === 'unhealthy') ?? [];
  for (const u of failing.slice(0, 8)) {
    core.error(redactor.redactText(`${u.assessment.decidedBy?.message ?? 'unhealthy'}${runbook}`), {
      title: redactor.redactText(`deploy-gate: ${who}${u.url} is unhealthy`),
    });
  }
  if (outcome.verdict === 'rollback-failed') {
    core.error(
      redactor.redactText(`${outcome.nextStep ?? ''} ${outcome.reason}${runbook}`.trim()),
      {
        title: `deploy-gate: ${who}rollback failed, a human must act now`,
      },
    );
  } else if (outcome.verdict === 'rolled-back') {
    core.warning(redactor.redactText(`${outcome.reason}${runbook}`), {
      title: `deploy-gate: ${who}the release was rolled back`,
    });
  } else if (outcome.verdict === 'error' && service.name) {
    core.error(redactor.redactText(`${outcome.reason}${runbook}`), {
      title: `deploy-gate: ${who}could not be gated`,
    });
  }
}
