/**
 * After an unhealthy verdict: decide whether a rollback may run, run it (flyctl deploy of the
 * target image, or the user's rollback-command) under a hard timeout, and read what it did.
 * Verification by the same gate happens in the pipeline; this module only changes things.
 */
import { FlyctlError, type DeployOutcome } from './flyctl-results.js';
import { runCommand, type CommandResult } from './run-command.js';
import { childEnv } from './child-env.js';
import { describeRelease, type Confirmation } from './confirm-rollback.js';
import { lineSplitter, OutputCap } from './output-cap.js';
import type { TargetRelease } from './select-target.js';
import type { RollbackSettings } from './rollback-settings.js';
import { rollbackDeployOptions } from './deploy-options.js';
import type { FlyContext, ReleaseRef } from '../service/fly-context.js';
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
  latest?: { version?: number; error?: string; listsUnderTest?: boolean };
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
  // A re-read that does not list the release under test proves nothing about it.
  if (fly && options.latest && options.latest.listsUnderTest === false) {
    return {
      action: 'fail',
      reason: `flyctl releases, read again, does not list v${fly.underTest.version} (the newest it shows is ${options.latest.version ? `v${options.latest.version}` : 'nothing'}): not rolling back blind`,
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

function failureText(result: CommandResult, timeoutMs: number, flyctl: boolean): string {
  if (result.spawnError) {
    return result.spawnError.code === 'ENOENT'
      ? `could not start: not installed or not on PATH (${result.spawnError.message})`
      : `could not start: ${result.spawnError.message}`;
  }
  if (result.timedOut)
    return `killed after the rollback-timeout of ${Math.round(timeoutMs / 1000)} s`;
  if (result.cancelled) return 'cancelled';
  const last = result.stderr.trim().split(/\r?\n/).filter(Boolean).at(-1);
  // 127 is a shell's "command not found", and flyctl's own "cancelled": we did not cancel it.
  const meaning =
    result.exitCode !== 127
      ? ''
      : flyctl
        ? ' (flyctl\'s "cancelled" code, or "command not found" from a wrapper; deploy-gate did not cancel it)'
        : ' ("command not found" from a shell or exec wrapper, unless the command uses 127 itself)';
  return `exited with ${result.exitCode ?? result.signal}${meaning}${last ? `: ${last}` : ''}`;
}

/**
 * Where a rollback's output goes: rollback.log and the step log, both through one cap, so a
 * flood of output costs at most the cap in either. `end` writes the kept tail.
 */
function rollbackOutput(recorder: Recorder, log?: (line: string) => void) {
  const lines = lineSplitter((line) => log?.(`  rollback | ${line}`));
  const cap = new OutputCap((text) => {
    recorder.rollbackOutput(text);
    lines.push(text);
  });
  return {
    onOutput: (_stream: string, chunk: string) => cap.push(chunk),
    end: () => {
      cap.end();
      lines.end();
    },
  };
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
  /** The step log: the rollback's output is streamed there too (redacted by the caller). */
  log?: (line: string) => void;
  /** The time the rollback may take from now (the re-read before it already spent some). */
  timeoutMs?: number;
}): Promise<RollbackRun> {
  const output = rollbackOutput(options.recorder, options.log);
  try {
    return await runRollback(options, output.onOutput);
  } finally {
    output.end();
  }
}

async function runRollback(
  options: Parameters<typeof executeRollback>[0],
  onOutput: (stream: string, chunk: string) => void,
): Promise<RollbackRun> {
  const { settings } = options;
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  if (settings.command) {
    const [file, ...args] = settings.command as [string, ...string[]];
    const result = await runCommand(file, args, {
      // Only what a command needs, never our inputs or the runner's tokens (see child-env.ts).
      env: childEnv(options.env, { extra: options.commandEnv, usePassList: true }),
      timeoutMs,
      onOutput,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const ok = result.exitCode === 0 && !result.timedOut && !result.cancelled;
    return {
      ok,
      command: settings.command,
      result,
      ...(ok
        ? {}
        : { problem: `rollback-command ${failureText(result, settings.timeoutMs, false)}` }),
    };
  }
  const fly = options.fly as FlyContext;
  const target = options.target as TargetRelease;
  try {
    const outcome: DeployOutcome = await fly.flyctl.deploy(target.ImageRef, {
      timeoutMs,
      ...rollbackDeployOptions(settings, timeoutMs),
      onOutput,
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
      problem: `flyctl deploy ${error.result ? failureText(error.result, settings.timeoutMs, true) : error.message}`,
      command: ['flyctl', ...(error.command ?? ['deploy', '--image', target.ImageRef])],
      ...(error.result ? { result: error.result } : {}),
    };
  }
}

/** What the rollback's checks found, for the verdict and the advice. */
export interface RollbackFindings {
  failureReason: string;
  /** "v3, now release v5", or the command. */
  to: string;
  /** Fly confirmation (Fly rollbacks only). */
  confirmation?: Confirmation;
  /** The after-rollback snapshot could not be read (Fly rollbacks only). */
  afterError?: string;
  verification?: { verdict: string; reason: string };
  /** The run was cancelled before verification reached a verdict. */
  cancelled: boolean;
  /** Versions the failed release served that the verification saw again. */
  oldVersionStillServes: boolean;
}

type Final = { verdict: 'rolled-back' | 'rollback-failed'; reason: string; nextStep?: string };

/**
 * The verdict after a rollback ran, and advice derived from what was observed (never a canned
 * sentence): each way it can end says what is known and what a person should check.
 */
export function judgeRollback(f: RollbackFindings): Final {
  const base = `${f.failureReason}; rolled back to ${f.to}`;
  const overwritten = f.confirmation?.overwritten ?? [];
  const later = f.confirmation?.later ?? [];
  if (f.afterError !== undefined) {
    return {
      verdict: 'rollback-failed',
      reason: `${base}, but Fly could not be read afterwards to confirm it took effect (${f.afterError})`,
      nextStep: `Check with \`flyctl releases\` and \`flyctl machines list\` that every machine runs the rollback image; the probes were not trusted without that.`,
    };
  }
  if (f.confirmation && !f.confirmation.tookEffect) {
    return {
      verdict: 'rollback-failed',
      reason: `${base}, but it did not take effect: ${f.confirmation.problems.join('; ')}`,
      nextStep: `The failed release is probably still serving: Fly did not move the machines (${f.confirmation.problems[0]}). Roll back by hand (\`fly machine update --image\` per machine, or \`flyctl deploy --image\` again) and check \`flyctl machines list\`.`,
    };
  }
  if (overwritten.length > 0) {
    const names = overwritten.map(describeRelease).join(', ');
    return {
      verdict: 'rollback-failed',
      reason: `${base}, overwriting ${names}, which someone deployed between our last check and the rollback`,
      nextStep: `The rollback replaced a newer deploy it did not judge: ${names}. Decide which release should serve and redeploy it.`,
    };
  }
  if (later.length > 0) {
    const names = later.map(describeRelease).join(', ');
    return {
      verdict: 'rollback-failed',
      reason: `${base}, but a newer deploy came after it: ${names}`,
      nextStep: `What serves now is ${names}, not the rollback: check it.`,
    };
  }
  if (f.cancelled || !f.verification || f.verification.verdict === 'cancelled') {
    return {
      verdict: 'rollback-failed',
      reason: `${base}; the run was cancelled before the rolled-back release was judged`,
      nextStep: `The rollback ran${f.confirmation?.tookEffect ? ' and Fly shows its image on every started machine' : ''}, but the gate never judged it: check that it serves correctly.`,
    };
  }
  if (f.verification.verdict === 'healthy') {
    return { verdict: 'rolled-back', reason: `${base}, which passed the gate` };
  }
  if (f.oldVersionStillServes) {
    return {
      verdict: 'rollback-failed',
      reason: `${base}, but the failed release still answers: ${f.verification.reason}`,
      nextStep: `Responses still show the failed release's version: find what still serves it (another region, a cache, a second app) and roll it back.`,
    };
  }
  if (f.verification.verdict === 'error') {
    return {
      verdict: 'rollback-failed',
      reason: `${base}, but its verification could not judge it: ${f.verification.reason}`,
      nextStep:
        'The rollback ran but was not verified: check the rolled-back release by hand (its health endpoint, flyctl status), then re-run the gate on a less loaded runner.',
    };
  }
  return {
    verdict: 'rollback-failed',
    reason: `${base}, but it is unhealthy too: ${f.verification.reason}`,
    nextStep: f.confirmation?.tookEffect
      ? 'Fly shows the rollback image on every machine and it fails the gate too: look for a cause both releases share (config, secrets, a dependency) now.'
      : 'The rolled-back release fails the gate too: check what it depends on (config, secrets, a dependency) now.',
  };
}
