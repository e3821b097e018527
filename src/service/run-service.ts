/**
 * One gated service, end to end: its evidence folder, GitHub deployment, the pipeline, its
 * summary, its sealed audit record, and its webhook message. Main runs one of these for a plain
 * `url` gate, and one per service (concurrently) for a config file.
 */
import { EvidenceFolder, SUMMARY_FILE } from '../evidence/evidence-folder.js';
import { writeAuditRecord } from '../evidence/audit-file.js';
import { evidenceFiles, sealRecord } from '../evidence/finish-evidence.js';
import { EVIDENCE_FILES } from '../evidence/layout.js';
import type { Redactor } from '../secrets/redact.js';
import { describeFailure, type WriteFailure } from '../evidence/write-failures.js';
import { realClock } from '../gate/clock.js';
import { runPipeline, type Outcome } from './run-pipeline.js';
import { probeUrl } from '../probe/http-probe.js';
import { auditRecord } from '../evidence/audit-record.js';
import { code } from '../summary/escape.js';
import { outcomeSummary } from '../summary/outcome-summary.js';
import { errorSentence } from '../summary/outside-text.js';
import { openDeployment } from '../github/service-deployment.js';
import { notifyOutcome } from '../notify/service-notify.js';
import { serviceDisplayName, type ServiceSettings } from '../settings/service-settings.js';

/** One service to gate: its service-wide settings and endpoint groups. */
export type ServicePlan = ServiceSettings;

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
  /** The debug log (stack traces of internal errors): never the user's reason. */
  debug?: (text: string) => void;
  /** Told the GitHub deployment's id once created (saved for the post step). */
  onDeploymentCreated?: (id: number) => void;
}

/**
 * Never throws: evidence that cannot be written (a full disk, an unwritable folder) is noted and
 * the gate goes on; anything else unexpected becomes this service's `error` verdict, so one
 * service cannot end a fleet's other gates (or orphan their rollbacks).
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
    if (error instanceof Error && error.stack) ctx.debug?.(error.stack);
    const detail = errorSentence(error);
    return failedService(plan, ctx, {
      verdict: 'error',
      reason: `deploy-gate failed on this service: ${detail}`,
      startedAt,
      endedAt: Date.now(),
    });
  }
}

function failedService(plan: ServicePlan, ctx: ServiceContext, outcome: Outcome): ServiceResult {
  const summary = ctx.redactor.redactText(outcomeSummary(outcome, plan, plan.name));
  return { plan, outcome, summary, dir: ctx.dir, problems: [] };
}

async function gateService(plan: ServicePlan, ctx: ServiceContext): Promise<ServiceResult> {
  const settings = plan;
  const { redactor, env } = ctx;
  const startedAt = Date.now();
  const prefix = plan.name ? `[${plan.name}] ` : '';
  const log = (line: string) => ctx.log(redactor.redactText(`${prefix}${line}`));
  const warn = (message: string) => ctx.warn(redactor.redactText(`${prefix}${message}`));
  const evidence = new EvidenceFolder(
    ctx.dir,
    redactor,
    plan.groups.find((g) => g.expect.version?.header)?.expect.version?.header,
  );
  // A valid record from the start: if the step is killed, the post step completes it. Evidence
  // that cannot be written never stops the gate (evidence-folder.ts): it is reported at the end.
  const pending: Outcome = {
    verdict: 'cancelled',
    reason: 'the main step ended before a verdict',
    startedAt,
    endedAt: startedAt,
  };
  evidence.guard(EVIDENCE_FILES.audit, () =>
    writeAuditRecord(evidence.dir, auditRecord(pending, plan, env, []), redactor),
  );

  const deployment = settings.deployments
    ? await openDeployment({
        deployments: settings.deployments,
        ...(plan.name ? { service: plan.name } : {}),
        ...(settings.fly ? { flyApp: settings.fly.app } : {}),
        env,
        redactor,
        warn,
        signal: ctx.signal,
        ...(ctx.onDeploymentCreated ? { onCreated: ctx.onDeploymentCreated } : {}),
      })
    : undefined;
  if (deployment && !settings.fly) await deployment.start();

  let outcome: Outcome;
  try {
    outcome = await runPipeline(plan, {
      clock: realClock,
      env,
      recorder: evidence,
      signal: ctx.signal,
      auditDir: evidence.dir,
      // Paperwork after the decision: a record that cannot be written never holds the rollback.
      onRollbackStart: (interim) => {
        evidence.guard(EVIDENCE_FILES.audit, () =>
          writeAuditRecord(evidence.dir, auditRecord(interim, plan, env, []), redactor),
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
    if (error instanceof Error && error.stack) ctx.debug?.(error.stack);
    const detail = errorSentence(error);
    outcome = {
      verdict: 'error',
      reason: `deploy-gate stopped on an internal error before a verdict: ${detail}`,
      startedAt,
      endedAt: Date.now(),
    };
  }

  evidence.flushRollbackOutput();
  const gated = redactor.redactText(outcomeSummary(outcome, plan, plan.name));
  const failedSoFar = failuresIn(evidence.dir, evidence.failures.list);
  evidence.write(SUMMARY_FILE, gated + evidenceSection(failedSoFar, redactor));
  const files = (await evidence.guardAsync('', () => evidenceFiles(evidence.dir))) ?? [];
  const problems =
    (await evidence.guardAsync(EVIDENCE_FILES.audit, () =>
      sealRecord({
        dir: evidence.dir,
        record: auditRecord(outcome, plan, env, files),
        redactor,
        now: Date.now(),
      }),
    )) ?? [];
  const summary =
    gated + evidenceSection(failuresIn(evidence.dir, evidence.failures.list), redactor);
  await deployment?.finish(outcome);
  await notifyOutcome({
    outcome,
    settings,
    service: serviceDisplayName(plan),
    env,
    redactor,
    warn,
    log,
    signal: ctx.signal,
  });
  return { plan, outcome, summary, dir: evidence.dir, problems };
}

/** The write failures of one service's folder (a fleet's services share one collector). */
function failuresIn(dir: string, failures: WriteFailure[]): WriteFailure[] {
  return failures.filter((f) => f.file === dir || f.file.startsWith(`${dir}/`));
}

/** Said in the summary too: a reviewer must know the record is incomplete, and why. */
function evidenceSection(failures: WriteFailure[], redactor: Redactor): string {
  if (failures.length === 0) return '';
  const lines = failures.map((f) => `- ${code(redactor.redactText(describeFailure(f)))}`);
  return `\n\n**Audit evidence incomplete**: the verdict above stands, but these files could not be written:\n\n${lines.join('\n')}\n`;
}
