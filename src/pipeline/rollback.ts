/**
 * After an unhealthy verdict: decide whether a rollback may run, run it (flyctl deploy of the
 * target image, or the user's rollback-command) under a hard timeout, and read what it did.
 * Verification by the same gate happens in the pipeline; this module only changes things.
 */
import { FlyctlError, type DeployOutcome } from '../rollback/flyctl.js';
import { runCommand, type CommandResult } from '../rollback/run-command.js';
import type { TargetRelease } from '../rollback/select-target.js';
import type { RollbackSettings } from '../settings/settings.js';
import type { FlyContext, ReleaseRef } from './fly-context.js';
import type { Recorder } from '../evidence/recorder.js';

/** Why no rollback ran, or how it went. `blocked` reasons keep the verdict `unhealthy`. */
export type RollbackDecision =
  | { action: 'skip'; reason: string }
  | { action: 'fail'; reason: string }
  | { action: 'dry-run'; reason: string; target?: TargetRelease }
  | { action: 'run'; reason: string; target?: TargetRelease };

export interface RollbackRun {
  ok: boolean;
  /** What went wrong, in a sentence, when not ok. */
  problem?: string;
  command: string[];
  result?: CommandResult;
  /** The release the rollback created (Fly), when flyctl reported it. */
  created?: ReleaseRef;
}

/** The release a decision rolls back to, when one was chosen (Fly) or given (`rollback-to`). */
export function decisionTarget(decision: RollbackDecision): TargetRelease | undefined {
  return 'target' in decision ? decision.target : undefined;
}

export function describeTarget(target: TargetRelease | undefined): string {
  if (!target) return 'the previous release';
  return target.Version !== undefined ? `v${target.Version} (${target.ImageRef})` : target.ImageRef;
}

/** Decides, from facts only, whether and how to roll back an unhealthy release. */
export function decideRollback(options: {
  settings: RollbackSettings;
  fly?: FlyContext;
  /** The rule that failed the gate. */
  decidedBy?: string;
  /** The newest release, re-read just before rolling back (Fly only), or why it could not be read. */
  latest?: { version?: number; error?: string };
}): RollbackDecision {
  const { settings, fly } = options;
  if (settings.mode === 'none')
    return { action: 'skip', reason: 'rollback is off (`rollback: none`)' };
  if (!fly && !settings.command) {
    return {
      action: 'skip',
      reason: 'no way to roll back is configured (set `fly-app` or `rollback-command`)',
    };
  }
  if (options.decidedBy === 'expected-version') {
    return { action: 'skip', reason: 'the new release never served, so there is nothing to undo' };
  }
  if (fly && options.latest?.error !== undefined) {
    return {
      action: 'fail',
      reason: `could not confirm that v${fly.underTest.version} is still the newest release (${options.latest.error}): not rolling back blind`,
    };
  }
  if (
    fly &&
    options.latest?.version !== undefined &&
    options.latest.version > fly.underTest.version
  ) {
    return {
      action: 'skip',
      reason: `a newer deploy took over (v${options.latest.version} came after v${fly.underTest.version}, the release the gate judged): not rolling back over it`,
    };
  }
  const target = fly?.target;
  if (fly && target && !target.ok && !settings.command)
    return { action: 'fail', reason: `no release to roll back to: ${target.reason}` };
  const chosen = target?.ok ? target.release : undefined;
  const what = settings.command
    ? `rollback-command \`${settings.command[0]}\``
    : `flyctl deploy of ${describeTarget(chosen)}`;
  const why = target?.ok ? `; ${target.why}` : '';
  if (settings.dryRun)
    return {
      action: 'dry-run',
      reason: `dry-run: would roll back with ${what}${why}`,
      ...(chosen ? { target: chosen } : {}),
    };
  return {
    action: 'run',
    reason: `rolling back with ${what}${why}`,
    ...(chosen ? { target: chosen } : {}),
  };
}

/** The context a rollback-command gets, as DEPLOY_GATE_* variables. */
export function rollbackCommandEnv(context: {
  reason: string;
  urls: readonly string[];
  fly?: FlyContext;
  target?: TargetRelease;
  auditDir: string;
}): Record<string, string> {
  const env: Record<string, string> = {
    DEPLOY_GATE_VERDICT: 'unhealthy',
    DEPLOY_GATE_REASON: context.reason,
    DEPLOY_GATE_URLS: context.urls.join('\n'),
    DEPLOY_GATE_AUDIT_DIR: context.auditDir,
  };
  if (context.fly) {
    env.DEPLOY_GATE_FLY_APP = context.fly.app;
    env.DEPLOY_GATE_RELEASE_UNDER_TEST = String(context.fly.underTest.version);
    if (context.fly.underTest.image) env.DEPLOY_GATE_RELEASE_IMAGE = context.fly.underTest.image;
  }
  if (context.target?.Version !== undefined)
    env.DEPLOY_GATE_ROLLBACK_VERSION = String(context.target.Version);
  if (context.target) env.DEPLOY_GATE_ROLLBACK_IMAGE = context.target.ImageRef;
  return env;
}

function failureText(result: CommandResult, timeoutMs: number): string {
  if (result.spawnError) return `could not start: ${result.spawnError.message}`;
  if (result.timedOut)
    return `killed after the rollback-timeout of ${Math.round(timeoutMs / 1000)} s`;
  if (result.cancelled) return 'cancelled';
  const last = result.stderr.trim().split(/\r?\n/).filter(Boolean).at(-1);
  return `exited with ${result.exitCode ?? result.signal}${last ? `: ${last}` : ''}`;
}

/** Runs the rollback command under the settings' timeout, streaming its output to the evidence. */
export async function executeRollback(options: {
  settings: RollbackSettings;
  fly?: FlyContext;
  target?: TargetRelease;
  env: NodeJS.ProcessEnv;
  commandEnv: Record<string, string>;
  recorder: Recorder;
  signal?: AbortSignal;
}): Promise<RollbackRun> {
  const { settings, recorder } = options;
  const onOutput = (_stream: string, chunk: string) => recorder.rollbackOutput(chunk);
  if (settings.command) {
    const [file, ...args] = settings.command as [string, ...string[]];
    const result = await runCommand(file, args, {
      env: { ...options.env, ...options.commandEnv },
      timeoutMs: settings.timeoutMs,
      onOutput,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const ok = result.exitCode === 0 && !result.timedOut && !result.cancelled;
    return {
      ok,
      command: settings.command,
      result,
      ...(ok ? {} : { problem: `rollback-command ${failureText(result, settings.timeoutMs)}` }),
    };
  }
  const fly = options.fly as FlyContext;
  const target = options.target as TargetRelease;
  try {
    const outcome: DeployOutcome = await fly.flyctl.deploy(target.ImageRef, {
      timeoutMs: settings.timeoutMs,
      onOutput,
      ...(settings.strategy ? { strategy: settings.strategy } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const created = outcome.release
      ? { version: outcome.release.version, image: outcome.release.image_ref }
      : undefined;
    return {
      ok: true,
      command: ['flyctl', ...outcome.command],
      result: outcome.result,
      ...(created ? { created } : {}),
    };
  } catch (error) {
    if (!(error instanceof FlyctlError)) throw error;
    return {
      ok: false,
      problem: `flyctl deploy ${error.result ? failureText(error.result, settings.timeoutMs) : error.message}`,
      command: ['flyctl', ...(error.command ?? ['deploy', '--image', target.ImageRef])],
      ...(error.result ? { result: error.result } : {}),
    };
  }
}
