/**
 * One gated service, end to end: its evidence folder, GitHub deployment, the pipeline, its
 * summary, its sealed audit record, and its webhook message. Main runs one of these for a plain
 * `url` gate, and one per service (concurrently) for a config file.
 */
import { EvidenceFolder, SUMMARY_FILE } from './evidence/evidence-folder.js';
import { writeAuditRecord } from './evidence/audit-file.js';
import { evidenceFiles, sealRecord } from './evidence/finish-evidence.js';
import type { Redactor } from './evidence/redact.js';
import { realClock } from './gate/clock.js';
import { runPipeline, type Outcome } from './pipeline/run-pipeline.js';
import { probeUrl } from './probe/http-probe.js';
import { auditRecord } from './report/audit-record.js';
import { outcomeSummary } from './report/outcome-summary.js';
import { openDeployment } from './service-deployment.js';
import { notifyOutcome } from './service-notify.js';
import type { Settings } from './settings/settings.js';

export interface ServicePlan {
  /** Set for the services of a config file; a plain `url` gate has none. */
  name?: string;
  /** Endpoint groups, each with its own request, expectations and policy (see runPipeline). */
  runs: Settings[];
}

export interface ServiceResult {
  plan: ServicePlan;
  outcome: Outcome;
  /** The service's job summary section, redacted. */
  summary: string;
  dir: string;
  problems: string[];
}

export interface ServiceContext {
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  dir: string;
  signal: AbortSignal;
  log: (line: string) => void;
  warn: (message: string) => void;
  /** Told the GitHub deployment's id once created (saved for the post step). */
  onDeploymentCreated?: (id: number) => void;
}

function displayName(plan: ServicePlan): string {
  const settings = plan.runs[0] as Settings;
  return plan.name ?? settings.fly?.app ?? new URL(settings.urls[0] as string).host;
}

/**
 * Never throws: whatever goes wrong (a full disk, an unreadable record) becomes this service's
 * `error` verdict, so one service cannot end a fleet's other gates (or orphan their rollbacks).
 */
export async function runService(plan: ServicePlan, ctx: ServiceContext): Promise<ServiceResult> {
  const startedAt = Date.now();
  if (ctx.signal.aborted) {
    // Cancelled before this service's turn: no deployment, no probe, no message.
    return failedService(plan, ctx, {
      verdict: 'cancelled',
      reason: 'cancelled before this service was gated',
      startedAt,
      endedAt: startedAt,
    });
  }
  try {
    return await gateService(plan, ctx);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return failedService(plan, ctx, {
      verdict: 'error',
      reason: `deploy-gate failed on this service: ${detail}`,
      startedAt,
      endedAt: Date.now(),
    });
  }
}

function failedService(plan: ServicePlan, ctx: ServiceContext, outcome: Outcome): ServiceResult {
  const settings = plan.runs[0] as Settings;
  const summary = ctx.redactor.redactText(outcomeSummary(outcome, settings, plan.name));
  return { plan, outcome, summary, dir: ctx.dir, problems: [] };
}

async function gateService(plan: ServicePlan, ctx: ServiceContext): Promise<ServiceResult> {
  const settings = plan.runs[0] as Settings;
  const { redactor, env } = ctx;
  const startedAt = Date.now();
  const prefix = plan.name ? `[${plan.name}] ` : '';
  const log = (line: string) => ctx.log(redactor.redactText(`${prefix}${line}`));
  const warn = (message: string) => ctx.warn(redactor.redactText(`${prefix}${message}`));
  const evidence = new EvidenceFolder(ctx.dir, redactor, settings.expect.version?.header);
  // A valid record from the start: if the step is killed, the post step completes it.
  const pending: Outcome = {
    verdict: 'cancelled',
    reason: 'the main step ended before a verdict',
    startedAt,
    endedAt: startedAt,
  };
  writeAuditRecord(evidence.dir, auditRecord(pending, plan.runs, env, [], plan.name), redactor);

  const deployment = settings.deployments
    ? await openDeployment({
        deployments: settings.deployments,
        ...(plan.name ? { service: plan.name } : {}),
        ...(settings.fly ? { flyApp: settings.fly.app } : {}),
        env,
        redactor,
        warn,
        ...(ctx.onDeploymentCreated ? { onCreated: ctx.onDeploymentCreated } : {}),
      })
    : undefined;
  if (deployment && !settings.fly) await deployment.start();

  let outcome: Outcome;
  try {
    outcome = await runPipeline(plan.runs, {
      clock: realClock,
      env,
      recorder: evidence,
      signal: ctx.signal,
      auditDir: evidence.dir,
      onRollbackStart: (interim) => {
        writeAuditRecord(
          evidence.dir,
          auditRecord(interim, plan.runs, env, [], plan.name),
          redactor,
        );
      },
      log,
      prober:
        (run, expect) =>
        (url, { timeoutMs, signal }) =>
          probeUrl(url, {
            request: run.request,
            expect,
            maxLatencyMs: run.policy.maxLatencyMs,
            timeoutMs,
            signal,
          }),
      ...(deployment
        ? { knownBad: deployment.knownBad, onPreflight: (fly) => deployment.start(fly) }
        : {}),
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

  evidence.flushRollbackOutput();
  const summary = redactor.redactText(outcomeSummary(outcome, settings, plan.name));
  evidence.write(SUMMARY_FILE, summary);
  const problems = await sealRecord({
    dir: evidence.dir,
    record: auditRecord(outcome, plan.runs, env, await evidenceFiles(evidence.dir), plan.name),
    redactor,
    now: Date.now(),
  });
  await deployment?.finish(outcome);
  await notifyOutcome({ outcome, settings, service: displayName(plan), env, redactor, warn, log });
  return { plan, outcome, summary, dir: evidence.dir, problems };
}
