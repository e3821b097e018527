/**
 * The main step: read and validate the inputs, mask secrets, run the pipeline, then report:
 * outputs, job summary, annotations, audit evidence (sealed and uploaded). Decisions live in
 * gate/ and pipeline/; this file only connects the runner (@actions/core) to them.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactName } from './evidence/artifact-upload.js';
import { EvidenceFolder, setAsidePrevious, SUMMARY_FILE } from './evidence/evidence-folder.js';
import { evidenceFiles, finishEvidence } from './evidence/finish-evidence.js';
import { Redactor } from './evidence/redact.js';
import { writeAuditRecord } from './evidence/audit-file.js';
import { EVIDENCE_FILES } from './evidence/layout.js';
import { evidenceFooter } from './report/evidence-footer.js';
import { realClock } from './gate/clock.js';
import { runPipeline, type Outcome } from './pipeline/run-pipeline.js';
import { probeUrl } from './probe/http-probe.js';
import { auditRecord } from './report/audit-record.js';
import { outcomeSummary } from './report/outcome-summary.js';
import { stepOutputs, stepPasses } from './report/outputs.js';
import { InputError, parseInputs, readInputs } from './settings/parse-inputs.js';
import { collectSecrets } from './settings/secrets.js';
import type { Settings } from './settings/settings.js';
import { saveFinished, saveStarted } from './state.js';

/** The runner cancels with SIGINT, then SIGTERM: both end the gate with what it recorded. */
function cancellationSignal(): AbortSignal {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => controller.abort(new Error(`received ${name}`)));
  }
  return controller.signal;
}

export function defaultArtifactName(env: NodeJS.ProcessEnv): string {
  return artifactName({
    runId: env.GITHUB_RUN_ID ?? 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    job: env.GITHUB_JOB ?? 'gate',
  });
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now();
  let settings: Settings;
  try {
    settings = parseInputs(readInputs(env));
  } catch (error) {
    const message =
      error instanceof InputError ? error.message : `Could not read the inputs: ${String(error)}`;
    for (const [name, value] of Object.entries(
      stepOutputs({ verdict: 'error', reason: message, startedAt, endedAt: Date.now() }),
    ))
      core.setOutput(name, value);
    core.setFailed(message);
    return;
  }

  const redactor = new Redactor();
  for (const secret of collectSecrets(settings, env)) {
    core.setSecret(secret);
    redactor.addSecret(secret);
  }
  const aside = setAsidePrevious(settings.evidence.dir, startedAt);
  if (aside) {
    core.warning(
      `audit-dir ${settings.evidence.dir} held an earlier run's evidence; it was moved to ${aside} so that this run's record stays its own.`,
    );
  }
  const evidence = new EvidenceFolder(
    settings.evidence.dir,
    redactor,
    settings.expect.version?.header,
  );
  const name = settings.evidence.artifactName ?? defaultArtifactName(env);
  saveStarted({
    auditDir: evidence.dir,
    artifactName: name,
    ...(settings.evidence.retentionDays ? { retentionDays: settings.evidence.retentionDays } : {}),
  });
  // A valid record from the start: if this step is killed, the post step completes it.
  const pending: Outcome = {
    verdict: 'cancelled',
    reason: 'the main step ended before a verdict',
    startedAt,
    endedAt: startedAt,
  };
  writeAuditRecord(evidence.dir, auditRecord(pending, settings, env, []), redactor);

  let outcome: Outcome;
  try {
    outcome = await runPipeline(settings, {
      clock: realClock,
      env,
      recorder: evidence,
      signal: cancellationSignal(),
      log: (line) => core.info(redactor.redactText(line)),
      prober:
        (expect) =>
        (url, { timeoutMs, signal }) =>
          probeUrl(url, {
            request: settings.request,
            expect,
            maxLatencyMs: settings.policy.maxLatencyMs,
            timeoutMs,
            signal,
          }),
    });
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    outcome = {
      verdict: 'error',
      reason: `deploy-gate stopped on an internal error before a verdict: ${detail}`,
      startedAt,
      endedAt: Date.now(),
    };
  }
  await report(outcome, settings, evidence, redactor, name, env);
}

async function report(
  outcome: Outcome,
  settings: Settings,
  evidence: EvidenceFolder,
  redactor: Redactor,
  name: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  evidence.flushRollbackOutput();
  const summary = redactor.redactText(outcomeSummary(outcome, settings));
  evidence.write(SUMMARY_FILE, summary);
  const finished = await finishEvidence({
    dir: evidence.dir,
    record: auditRecord(outcome, settings, env, await evidenceFiles(evidence.dir)),
    redactor,
    artifactName: name,
    now: Date.now(),
    ...(settings.evidence.retentionDays ? { retentionDays: settings.evidence.retentionDays } : {}),
  });
  for (const problem of finished.problems) core.warning(`audit.json: ${problem}`);
  const upload = finished.upload;
  if (!upload.uploaded) core.warning(upload.warning);
  saveFinished();

  const outputs = stepOutputs(outcome, {
    auditDir: evidence.dir,
    ...(upload.uploaded ? { id: upload.id, digest: upload.digest } : {}),
  });
  for (const [key, value] of Object.entries(outputs))
    core.setOutput(key, redactor.redactText(value));
  const footer = evidenceFooter({
    auditDir: evidence.dir,
    artifact: upload,
    ...sealDigest(evidence.dir),
  });
  await core.summary.addRaw(summary).addRaw(redactor.redactText(footer)).write();
  annotate(outcome, redactor);
  if (!stepPasses(outcome.verdict, settings.rollback.failOnRollback)) {
    core.setFailed(redactor.redactText(`deploy-gate: ${outcome.verdict}: ${outcome.reason}`));
  }
}

/** The digest of SHA256SUMS as the seal recorded it in manifest.json. */
function sealDigest(dir: string): { sha256sumsDigest?: string } {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, EVIDENCE_FILES.manifest), 'utf8')) as {
      sha256sums_sha256?: unknown;
    };
    return typeof manifest.sha256sums_sha256 === 'string'
      ? { sha256sumsDigest: manifest.sha256sums_sha256 }
      : {};
  } catch {
    return {};
  }
}

/** Error annotations for each failing URL; a loud one when a human must act. */
function annotate(outcome: Outcome, redactor: Redactor): void {
  const failing = outcome.release?.urls.filter((u) => u.assessment.status === 'unhealthy') ?? [];
  for (const u of failing.slice(0, 8)) {
    core.error(redactor.redactText(u.assessment.decidedBy?.message ?? 'unhealthy'), {
      title: redactor.redactText(`deploy-gate: ${u.url} is unhealthy`),
    });
  }
  if (outcome.verdict === 'rollback-failed') {
    core.error(redactor.redactText(`${outcome.nextStep ?? ''} ${outcome.reason}`.trim()), {
      title: 'deploy-gate: rollback failed, a human must act now',
    });
  } else if (outcome.verdict === 'rolled-back') {
    core.warning(redactor.redactText(outcome.reason), {
      title: 'deploy-gate: the release was rolled back',
    });
  }
}
