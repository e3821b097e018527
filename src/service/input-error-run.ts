/**
 * A run whose inputs were refused is still a run: it gets a sealed record (verdict `error`, the
 * problems as its reason), a webhook message and a GitHub deployment status, each when the inputs
 * it needs were readable on their own. Best effort throughout: nothing here changes the step's
 * result, and every failure is a warning.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkAuditDir } from '../evidence/audit-dir.js';
import { AUDIT_SCHEMA_VERSION, type AuditRecord } from '../evidence/audit-schema.js';
import { setAsidePrevious, SUMMARY_FILE } from '../evidence/evidence-folder.js';
import { sealRecord, upload } from '../evidence/finish-evidence.js';
import { lockFolder } from '../evidence/folder-lock.js';
import { Redactor } from '../secrets/redact.js';
import { artifactNameInput, type UploadOutcome } from '../evidence/artifact-upload.js';
import { githubRunFromEnv, runUrl } from '../github/github-run.js';
import { shouldNotify, NOTIFY_ON, type NotifyOn } from '../notify/notify-on.js';
import { buildSlackMessage } from '../notify/slack-message.js';
import { graceAfter } from './paperwork.js';
import { deploymentFromEnv } from '../evidence/audit-record.js';
import { inputErrorSummary } from '../summary/input-error-summary.js';
import { openDeployment } from '../github/service-deployment.js';
import { readInputs, type RawInputs } from '../settings/read-inputs.js';
import { MIN_SECRET_LENGTH } from '../secrets/collect-secrets.js';
import { TOOL } from '../evidence/tool-version.js';

export interface InputErrorRun {
  env: NodeJS.ProcessEnv;
  /** Every problem, one per line, as the step fails with it. */
  message: string;
  startedAt: number;
  /** The name the artifact gets when `artifact-name` is not usable. */
  defaultArtifactName: (service?: string) => string;
  signal?: AbortSignal;
  warn: (message: string) => void;
  log: (line: string) => void;
  /** Masks a secret in the runner's log. */
  mask: (secret: string) => void;
}

export interface InputErrorEvidence {
  auditDir?: string;
  artifactName?: string;
  uploaded?: UploadOutcome;
  /** The job summary of the refused run, redacted (undefined when the inputs were unreadable). */
  summary?: string;
}

const SECRET_INPUTS = ['fly-api-token', 'prometheus-token', 'github-token', 'webhook-url'];

/** The secrets among the raw inputs, masked even though they were never validated. */
function redactorFor(raw: RawInputs, mask: (secret: string) => void): Redactor {
  const redactor = new Redactor();
  for (const name of SECRET_INPUTS) {
    const value = raw[name]?.trim() ?? '';
    if (value.length < MIN_SECRET_LENGTH) continue;
    mask(value);
    redactor.addSecret(value);
  }
  return redactor;
}

function errorRecord(run: InputErrorRun, raw: RawInputs, endedAt: number): AuditRecord {
  return {
    schema_version: AUDIT_SCHEMA_VERSION,
    started_at: new Date(run.startedAt).toISOString(),
    ended_at: new Date(endedAt).toISOString(),
    deployment: deploymentFromEnv(run.env, run.startedAt),
    service: { name: raw['service']?.trim() || TOOL.name, app: null, urls: [] },
    release_under_test: { version: null, image: null },
    verdict: 'error',
    reason: run.message,
    health_checks: {
      attempts: 0,
      success_count: 0,
      failure_count: 0,
      duration_ms: 0,
      error_rate: null,
      latency_ms: { p50: null, p95: null, p99: null },
    },
    policy: {},
    rules: [],
    rollback: null,
    files: [SUMMARY_FILE],
    tool: { name: TOOL.name, version: TOOL.version },
  };
}

/** The folder, when the `audit-dir` input names one this run may use; else undefined. */
function usableAuditDir(raw: RawInputs, env: NodeJS.ProcessEnv): string | undefined {
  const dir = raw['audit-dir']?.trim();
  if (!dir || checkAuditDir(dir, env).length > 0) return undefined;
  const lock = lockFolder(resolve(dir));
  return lock.kind === 'locked' ? resolve(dir) : undefined;
}

async function writeEvidence(
  run: InputErrorRun,
  raw: RawInputs,
  redactor: Redactor,
): Promise<InputErrorEvidence> {
  const dir = usableAuditDir(raw, run.env);
  if (!dir) return {};
  setAsidePrevious(dir, run.startedAt);
  const summary = inputErrorSummary(run.message);
  try {
    writeFileSync(join(dir, SUMMARY_FILE), redactor.redactText(summary));
    await sealRecord({ dir, record: errorRecord(run, raw, Date.now()), redactor, now: Date.now() });
  } catch (error) {
    run.warn(`deploy-gate: the record of this refused run could not be written: ${String(error)}`);
    return { auditDir: dir };
  }
  const given = raw['artifact-name']?.trim() ?? '';
  const service = raw['service']?.trim() || undefined;
  const artifactName =
    given && artifactNameInput().safeParse(given).success
      ? given
      : run.defaultArtifactName(service);
  const uploaded = await upload({
    dir,
    redactor,
    artifactName,
    ...(run.signal ? { signal: graceAfter(run.signal) } : {}),
  });
  if (!uploaded.uploaded) run.warn(uploaded.warning);
  return { auditDir: dir, artifactName, uploaded };
}

function webhookUrl(raw: RawInputs): string | undefined {
  const text = raw['webhook-url']?.trim() ?? '';
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? text : undefined;
  } catch {
    return undefined;
  }
}

async function notify(run: InputErrorRun, raw: RawInputs, redactor: Redactor): Promise<void> {
  const url = webhookUrl(raw);
  const on = raw['notify-on']?.trim() as NotifyOn;
  if (!url || !NOTIFY_ON.includes(on) || !shouldNotify(on, 'error')) return;
  const found = githubRunFromEnv(run.env);
  const message = buildSlackMessage(
    {
      service: raw['service']?.trim() || raw['fly-app']?.trim() || TOOL.name,
      verdict: 'error',
      reason: run.message,
      nextStep: 'fix the inputs named in the reason and run the workflow again',
      ...(raw['environment']?.trim() ? { environment: raw['environment'].trim() } : {}),
      ...(found.ok
        ? { repository: `${found.run.owner}/${found.run.repo}`, sha: found.run.sha }
        : {}),
      links: found.ok ? { run: runUrl(found.run) } : {},
    },
    redactor,
  );
  const { sendWebhook } = await import('../notify/webhook.js');
  const sent = await sendWebhook(url, message, { redactor, signal: graceAfter(run.signal) });
  if (sent.ok) run.log(`webhook notified (error, HTTP ${sent.status})`);
  else run.warn(sent.warning);
}

async function deploymentStatus(
  run: InputErrorRun,
  raw: RawInputs,
  redactor: Redactor,
): Promise<void> {
  const token = raw['github-token']?.trim();
  const environment = raw['environment']?.trim();
  if (!token || !environment) return;
  const environmentUrl = raw['environment-url']?.trim();
  const deployment = await openDeployment({
    deployments: { token, environment, ...(environmentUrl ? { environmentUrl } : {}) },
    env: run.env,
    redactor,
    warn: (message) => run.warn(redactor.redactText(message)),
    ...(run.signal ? { signal: run.signal } : {}),
  });
  if (!deployment) return;
  await deployment.start();
  const now = Date.now();
  await deployment.finish({
    verdict: 'error',
    reason: run.message,
    startedAt: run.startedAt,
    endedAt: now,
  });
}

/** Leaves the refused run's record, message and deployment status; never throws. */
export async function recordInputError(run: InputErrorRun): Promise<InputErrorEvidence> {
  let raw: RawInputs;
  try {
    raw = readInputs(run.env);
  } catch {
    return {};
  }
  // A planning job gates nothing: it has no deployment and no evidence to leave.
  if (raw['plan-only']?.trim() === 'true') return {};
  const redactor = redactorFor(raw, run.mask);
  const evidence = await writeEvidence(run, raw, redactor).catch((error: unknown) => {
    run.warn(`deploy-gate: the record of this refused run could not be written: ${String(error)}`);
    return {};
  });
  await notify(run, raw, redactor).catch(() => undefined);
  await deploymentStatus(run, raw, redactor).catch(() => undefined);
  return { ...evidence, summary: redactor.redactText(inputErrorSummary(run.message)) };
}
