/**
 * After the gate failed: decide on a rollback (re-reading Fly first), run it, confirm from Fly
 * that it took effect, verify the rolled-back release with the same gate, and judge the end.
 */
import type { Clock } from '../gate/clock.js';
import type { GateResult } from '../gate/run-gate.js';
import type { Recorder } from '../evidence/recorder.js';
import type { Settings } from '../settings/settings.js';
import { serviceUrls, type ServiceSettings } from '../settings/service-settings.js';
import type { FlyContext } from '../service/fly-context.js';
import type { FlySnapshot } from './flyctl-results.js';
import type { Confirmation } from './confirm-rollback.js';
import { checkAfterRollback } from './after-rollback.js';
import { rollbackDeployOptions } from './deploy-options.js';
import {
  decideRollback,
  decisionTarget,
  executeRollback,
  judgeRollback,
  rollbackCommandEnv,
  type RollbackDecision,
  type RollbackRun,
} from './decide-and-roll-back.js';

export interface RollbackReport {
  decision: RollbackDecision;
  /** Set when a rollback ran (not in dry-run). */
  run?: RollbackRun;
  startedAt?: number;
  endedAt?: number;
  /** The gate run against the rolled-back release. */
  verification?: GateResult;
  after?: FlySnapshot;
  /** Why the after-rollback snapshot could not be read. */
  afterError?: string;
  /** What Fly showed after the rollback (Fly rollbacks only). */
  confirmation?: Confirmation;
  /** The rollback ran and took effect (Fly confirmed it, or the command exited 0). */
  tookEffect?: boolean;
}

/** How a failed gate ends once the rollback is decided (and, when it ran, judged). */
export interface RollbackEnd {
  verdict: 'unhealthy' | 'rolled-back' | 'rollback-failed';
  reason: string;
  nextStep?: string;
  rollback: RollbackReport;
}

export interface RollbackAndVerifyOptions {
  settings: Pick<ServiceSettings, 'groups' | 'rollback' | 'evidence'>;
  fly: FlyContext | undefined;
  /** The failing rule of the probes or the metrics. */
  failure: { reason: string; rule?: string };
  deps: {
    clock: Clock;
    env: NodeJS.ProcessEnv;
    recorder: Recorder;
    log: (line: string) => void;
    signal?: AbortSignal;
    /** The folder this service's evidence goes to (handed to a rollback-command). */
    auditDir?: string;
  };
  /** Called with the end as it stands just before the rollback starts (for the record on disk). */
  onStart: (interim: RollbackEnd) => Promise<void>;
  /** Runs the gate against the rolled-back release. */
  verify: () => Promise<GateResult>;
}

export async function rollBackAndVerify(options: RollbackAndVerifyOptions): Promise<RollbackEnd> {
  const { settings, fly, failure, deps } = options;
  const groups = settings.groups;
  // Just before changing anything, look again: a newer deploy (even one still running) may
  // have taken over. Read-only, so dry-run looks too.
  const decisionStarted = deps.clock.now();
  const latest =
    fly && settings.rollback.mode === 'auto' && failure.rule !== 'expected-version'
      ? await newestRelease(fly, settings.rollback.timeoutMs)
      : undefined;
  const decision = decideRollback({
    settings: settings.rollback,
    ...(fly ? { fly } : {}),
    ...(failure.rule ? { decidedBy: failure.rule } : {}),
    ...(latest ? { latest } : {}),
  });
  deps.log(`Gate failed: ${failure.reason}. Rollback: ${decision.reason}`);
  if (decision.action === 'skip' || decision.action === 'dry-run') {
    // Say why no rollback ran only where one was asked for; the summary always says it.
    const asked =
      settings.rollback.mode === 'auto' &&
      (fly !== undefined || settings.rollback.command !== undefined);
    return {
      verdict: 'unhealthy',
      reason: asked ? `${failure.reason} (not rolled back: ${decision.reason})` : failure.reason,
      rollback: { decision },
    };
  }
  if (decision.action === 'fail') {
    return {
      verdict: 'rollback-failed',
      reason: `${failure.reason}; rollback impossible: ${decision.reason}`,
      nextStep: `Roll back by hand now: ${decision.reason}.`,
      rollback: { decision },
    };
  }

  const rollbackStarted = deps.clock.now();
  // The re-read before the rollback spent part of its budget.
  const timeoutMs = Math.max(
    1000,
    settings.rollback.timeoutMs - (rollbackStarted - decisionStarted),
  );
  // If the step dies while the rollback runs, the record on disk must already say so.
  await options.onStart({
    verdict: 'rollback-failed',
    reason: `${failure.reason}; a rollback was started (${decision.reason}) and the step ended before it finished: outcome unknown`,
    nextStep: fly
      ? `Check what serves now: \`flyctl releases --app ${fly.app}\` (did a release newer than v${fly.underTest.version} complete?) and \`flyctl machines list --app ${fly.app}\` (which image each machine runs).`
      : 'Check what serves now: the rollback-command may or may not have finished.',
    rollback: {
      decision,
      startedAt: rollbackStarted,
      run: {
        ok: false,
        problem: 'did not finish',
        command: plannedCommand(settings, fly, decision, timeoutMs),
      },
    },
  });
  const run = await executeRollback({
    settings: settings.rollback,
    ...(fly ? { fly } : {}),
    ...(decision.target ? { target: decision.target } : {}),
    env: deps.env,
    commandEnv: rollbackCommandEnv({
      reason: failure.reason,
      urls: serviceUrls(settings),
      ...(fly ? { fly } : {}),
      ...(decision.target ? { target: decision.target } : {}),
      auditDir: deps.auditDir ?? settings.evidence.dir,
    }),
    recorder: deps.recorder,
    log: deps.log,
    timeoutMs,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const report: RollbackReport = {
    decision,
    run,
    startedAt: rollbackStarted,
    endedAt: deps.clock.now(),
  };
  if (fly && (settings.rollback.command || !run.ok)) {
    // Evidence only: what Fly shows after a failed deploy, or after the user's own command.
    const checked = await checkAfterRollback({
      flyctl: fly.flyctl,
      recorder: deps.recorder,
      clock: deps.clock,
      targetImage: decision.target?.ImageRef ?? '',
      newestBefore: latest?.version ?? fly.underTest.version,
      poll: false,
    });
    if (checked.after) report.after = checked.after;
    if (checked.afterError !== undefined) report.afterError = checked.afterError;
  }
  if (!run.ok) {
    return {
      verdict: 'rollback-failed',
      reason: `${failure.reason}; the rollback failed: ${run.problem}`,
      nextStep: `The bad release may still be serving. Roll back by hand now (${run.problem}).`,
      rollback: report,
    };
  }

  if (fly && !settings.rollback.command) {
    // flyctl exiting 0 is not proof: confirm from Fly that the machines moved.
    deps.log('Rollback deploy returned; reading Fly to confirm it took effect');
    const checked = await checkAfterRollback({
      flyctl: fly.flyctl,
      recorder: deps.recorder,
      clock: deps.clock,
      targetImage: decision.target?.ImageRef ?? '',
      ...(run.created ? { createdVersion: run.created.version } : {}),
      newestBefore: latest?.version ?? fly.underTest.version,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (checked.after) report.after = checked.after;
    if (checked.afterError !== undefined) report.afterError = checked.afterError;
    if (checked.confirmation) report.confirmation = checked.confirmation;
    report.tookEffect = checked.confirmation?.tookEffect === true;
    const found = checked.confirmation?.created;
    // No release line printed: the release Fly lists for our image is the one we created.
    if (!run.created && found && report.tookEffect)
      run.created = { version: found.version, image: found.image };
    if (!report.tookEffect) {
      report.endedAt = deps.clock.now();
      const final = judgeRollback({
        failureReason: failure.reason,
        to: describeRollbackTarget(decision, run),
        ...(checked.confirmation ? { confirmation: checked.confirmation } : {}),
        ...(checked.afterError !== undefined ? { afterError: checked.afterError } : {}),
        cancelled: deps.signal?.aborted === true,
        oldVersionStillServes: false,
      });
      return { ...final, rollback: report };
    }
  } else {
    report.tookEffect = true;
  }

  deps.log('Rollback done; verifying the rolled-back release with the same gate');
  const verification = await options.verify();
  report.verification = verification;
  report.endedAt = deps.clock.now();
  // The failed release's version, seen again during verification: it still serves.
  const badVersions = new Set(groups.flatMap((r) => r.expect.version?.expected ?? []));
  const final = judgeRollback({
    failureReason: failure.reason,
    to: describeRollbackTarget(decision, run),
    ...(report.confirmation ? { confirmation: report.confirmation } : {}),
    verification,
    cancelled: deps.signal?.aborted === true,
    oldVersionStillServes: verification.attempts.some(
      (a) => a.versionSeen !== undefined && badVersions.has(a.versionSeen),
    ),
  });
  return { ...final, rollback: report };
}

/** The command a rollback is about to run, for the record written before it starts. */
function plannedCommand(
  settings: Pick<Settings, 'rollback'>,
  fly: FlyContext | undefined,
  decision: RollbackDecision,
  timeoutMs: number,
): string[] {
  if (settings.rollback.command) return settings.rollback.command;
  const image = decisionTarget(decision)?.ImageRef;
  // decideRollback runs a Fly rollback only with an app and a target image.
  if (!fly || !image)
    throw new Error('a Fly rollback was decided without an app or a target image');
  return [
    'flyctl',
    ...fly.flyctl.deployCommand(image, rollbackDeployOptions(settings.rollback, timeoutMs)),
  ];
}

/** The newest release flyctl lists now, or why it could not be read. Shares the rollback's budget. */
async function newestRelease(
  fly: FlyContext,
  budgetMs: number,
): Promise<{ version?: number; error?: string; listsUnderTest?: boolean }> {
  try {
    const { data } = await fly.flyctl.releases(Math.min(budgetMs, 60_000));
    return {
      version: Math.max(0, ...data.map((r) => r.Version)),
      listsUnderTest: data.some((r) => r.Version === fly.underTest.version),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function describeRollbackTarget(decision: RollbackDecision, run: RollbackRun): string {
  const target = decisionTarget(decision);
  const created = run.created ? `, now release v${run.created.version}` : '';
  if (target?.Version !== undefined) return `v${target.Version}${created}`;
  if (target) return `${target.ImageRef}${created}`;
  return `the previous release (via \`${run.command.join(' ')}\`)`;
}
