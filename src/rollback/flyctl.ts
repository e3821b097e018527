/**
 * A small driver for the flyctl CLI: the four commands deploy-gate needs, each returning the
 * parsed data and the raw text (for evidence), and typed errors the pipeline maps to verdicts.
 *
 * Rules it keeps: flyctl gets exactly one token (see fly-token.ts); arguments are arrays,
 * validated so no value can be read as a flag; a rollback deploy never uses `--detach`
 * (it would return before the health checks and so prove nothing).
 */
import { z } from 'zod';
import {
  findReleaseLine,
  flyMachinesSchema,
  flyReleasesSchema,
  flyStatusSchema,
  parseFlyJson,
  type FlyMachine,
  type FlyRelease,
  type FlyStatus,
} from './fly-schemas.js';
import { childEnv } from './child-env.js';
import { imageRefSchema } from './image-ref.js';
import { runCommand, type CommandResult, type OutputStream } from './run-command.js';
import {
  FlyctlError,
  type DeployOutcome,
  type FlyctlErrorKind,
  type FlyOutput,
  type FlySnapshot,
} from './flyctl-results.js';

export const DEPLOY_STRATEGIES = ['canary', 'rolling', 'bluegreen', 'immediate'] as const;
export type DeployStrategy = (typeof DEPLOY_STRATEGIES)[number];
const strategySchema = z.enum(DEPLOY_STRATEGIES, {
  error: `expected one of ${DEPLOY_STRATEGIES.join(', ')}`,
});

export const SETUP_FLYCTL_STEP = 'superfly/flyctl-actions/setup-flyctl@master';
export const DEFAULT_FLYCTL_TIMEOUT_MS = 60_000;

const appNameSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'expected a Fly app name: lowercase letters, digits and dashes, like "my-app"',
  );
const pathSchema = z
  .string()
  .min(1, 'expected a path')
  .refine((value) => !value.startsWith('-'), 'a path must not start with "-" (write ./name)');

function check<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues[0]?.message ?? 'invalid';
  throw new FlyctlError(
    'invalid-argument',
    `${field}: ${JSON.stringify(value)} is not accepted: ${reason}`,
  );
}

export interface FlyctlOptions {
  app: string;
  /** The one token flyctl gets (pickFlyToken); null makes every call fail with 'no-token'. */
  token: string | null;
  /** Binary name or path; looked up on the PATH of `baseEnv`. */
  bin?: string;
  /** A fly.toml to deploy with (`--config`). */
  configPath?: string;
  /**
   * Environment the child's is taken from (default: this process's): only what flyctl needs
   * passes (PATH, HOME, locale, temp, proxies, FLY_* settings), and the one token.
   */
  baseEnv?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Limit for each query (releases, status, machines, version). */
  timeoutMs?: number;
  killGraceMs?: number;
  /** Cancels any running call. */
  signal?: AbortSignal;
}

export interface DeployOptions {
  strategy?: DeployStrategy;
  /** Our hard limit: the process group is killed when it passes. */
  timeoutMs: number;
  /** flyctl's own health-check wait (`--wait-timeout`), in seconds; flyctl's default is 5 min. */
  waitTimeoutSeconds?: number;
  signal?: AbortSignal;
  onOutput?: (stream: OutputStream, chunk: string) => void;
}

function firstErrorLine(stderr: string): string | undefined {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim());
  return lines.find((line) => /^Error\b/.test(line)) ?? lines.filter(Boolean).at(-1);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export class Flyctl {
  readonly app: string;
  private readonly bin: string;
  private readonly configPath: string | undefined;

  constructor(private readonly options: FlyctlOptions) {
    this.app = check(appNameSchema, options.app, 'app');
    this.bin = check(pathSchema, options.bin ?? 'flyctl', 'flyctl binary');
    this.configPath =
      options.configPath === undefined
        ? undefined
        : check(pathSchema, options.configPath, 'config path');
  }

  /**
   * Fails fast, before anything is judged, when flyctl cannot do its job: the binary is
   * missing, there is no token, the token is refused, or the app does not exist.
   */
  async preflight(): Promise<{ flyctlVersion: string; status: FlyOutput<FlyStatus> }> {
    const command = ['version'];
    const result = await this.run(command, { needsToken: false });
    if (result.exitCode !== 0) throw this.failure(command, result);
    const flyctlVersion = result.stdout.trim().split(/\r?\n/)[0] ?? '';
    const status = await this.status();
    return { flyctlVersion, status };
  }

  /** `timeoutMs` overrides the per-query limit (a query inside a rollback shares its budget). */
  releases(timeoutMs?: number): Promise<FlyOutput<FlyRelease[]>> {
    return this.query(['releases', '--json', '--app', this.app], flyReleasesSchema, timeoutMs);
  }

  status(timeoutMs?: number): Promise<FlyOutput<FlyStatus>> {
    return this.query(['status', '--json', '--app', this.app], flyStatusSchema, timeoutMs);
  }

  machines(timeoutMs?: number): Promise<FlyOutput<FlyMachine[]>> {
    return this.query(
      ['machines', 'list', '--json', '--app', this.app],
      flyMachinesSchema,
      timeoutMs,
    );
  }

  /** All three views, one after the other (so the evidence shows one consistent order). */
  async snapshot(timeoutMs?: number): Promise<FlySnapshot> {
    const releases = await this.releases(timeoutMs);
    const status = await this.status(timeoutMs);
    const machines = await this.machines(timeoutMs);
    return { releases, status, machines };
  }

  /** The app's current release version, as `flyctl status` reports it. */
  async currentVersion(): Promise<number> {
    return (await this.status()).data.Version;
  }

  /** The arguments of the rollback deploy: what `deploy` runs, and what the record plans. */
  deployCommand(
    imageRef: string,
    options: Omit<DeployOptions, 'timeoutMs' | 'signal' | 'onOutput'>,
    /** False for a flyctl too old to know --deploy-retries. */
    retriesFlag = true,
  ): string[] {
    const image = check(imageRefSchema, imageRef, 'image');
    // flyctl's default retry count is decided by a remote flag: a rollback is retried only by a
    // person who read why it failed, so flyctl is told not to retry on its own.
    const command = ['deploy', '--image', image, '--app', this.app, '--yes'];
    if (retriesFlag) command.push('--deploy-retries', '0');
    if (this.configPath !== undefined) command.push('--config', this.configPath);
    if (options.strategy !== undefined) {
      command.push('--strategy', check(strategySchema, options.strategy, 'strategy'));
    }
    if (options.waitTimeoutSeconds !== undefined) {
      const wait = check(z.int().positive(), options.waitTimeoutSeconds, 'wait timeout seconds');
      command.push('--wait-timeout', `${wait}s`);
    }
    return command;
  }

  /**
   * Redeploys `imageRef` (Fly's way to roll back: it creates a new, higher release). Waits for
   * flyctl's health checks; a non-zero exit, a timeout or a cancel throws a FlyctlError that
   * carries the command's result.
   */
  async deploy(imageRef: string, options: DeployOptions): Promise<DeployOutcome> {
    const started = performance.now();
    const run = (command: string[], timeoutMs: number) =>
      this.run(command, {
        needsToken: true,
        timeoutMs,
        signal: options.signal,
        onOutput: options.onOutput,
        extraEnv: { FLY_EMIT_RELEASE_JSON: '1' },
      });
    let command = this.deployCommand(imageRef, options);
    let result = await run(command, options.timeoutMs);
    // A flyctl older than --deploy-retries refuses the flag before doing anything: run the same
    // deploy without it, in what is left of the budget (it then retries as that flyctl does).
    if (result.exitCode !== 0 && /unknown flag: --deploy-retries/.test(result.stderr)) {
      command = this.deployCommand(imageRef, options, false);
      const left = Math.max(1_000, options.timeoutMs - (performance.now() - started));
      result = await run(command, left);
    }
    if (result.exitCode !== 0) throw this.failure(command, result, options.timeoutMs);
    const line = findReleaseLine(result.stdout);
    if (line === null) return { command, result, release: null };
    if (!line.ok) return { command, result, release: null, releaseLineProblem: line.message };
    return { command, result, release: line.data };
  }

  private async query<S extends z.ZodType>(
    command: string[],
    schema: S,
    timeoutMs?: number,
  ): Promise<FlyOutput<z.output<S>>> {
    const result = await this.run(command, {
      needsToken: true,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    if (result.exitCode !== 0) throw this.failure(command, result, timeoutMs);
    const parsed = parseFlyJson(schema, result.stdout, `flyctl ${command.join(' ')}`);
    if (!parsed.ok) throw new FlyctlError('bad-output', parsed.message, command, result);
    return { data: parsed.data, raw: result.stdout, command, result };
  }

  private async run(
    command: string[],
    call: {
      needsToken: boolean;
      timeoutMs?: number;
      signal?: AbortSignal;
      onOutput?: DeployOptions['onOutput'];
      extraEnv?: NodeJS.ProcessEnv;
    },
  ): Promise<CommandResult> {
    const token = this.options.token;
    if (call.needsToken && !token) {
      throw new FlyctlError(
        'no-token',
        `no Fly token: set the FLY_API_TOKEN secret in the workflow's env (make one with ` +
          `\`fly tokens create deploy -a ${this.app}\`) or pass the fly-api-token input`,
        command,
      );
    }
    const env = childEnv(this.options.baseEnv ?? process.env, {
      prefixes: ['FLY_'],
      extra: {
        ...(call.extraEnv as Record<string, string>),
        ...(token ? { FLY_ACCESS_TOKEN: token } : {}),
      },
    });
    const signals = [this.options.signal, call.signal].filter((s): s is AbortSignal => !!s);
    return runCommand(this.bin, command, {
      env,
      cwd: this.options.cwd,
      timeoutMs: call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_FLYCTL_TIMEOUT_MS,
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
      onOutput: call.onOutput,
      killGraceMs: this.options.killGraceMs,
    });
  }

  /** Turns a failed run into the error a person can act on. */
  private failure(command: string[], result: CommandResult, timeoutMs?: number): FlyctlError {
    const shown = `flyctl ${command.join(' ')}`;
    const fail = (kind: FlyctlErrorKind, message: string) =>
      new FlyctlError(kind, message, command, result);
    if (result.spawnError) {
      if (result.spawnError.code === 'ENOENT') {
        return fail(
          'missing-binary',
          `${this.bin} was not found on PATH; add the step \`uses: ${SETUP_FLYCTL_STEP}\` before deploy-gate`,
        );
      }
      return fail(
        'missing-binary',
        `${this.bin} could not be started (${result.spawnError.code}: ${result.spawnError.message})`,
      );
    }
    const limit = timeoutMs ?? this.options.timeoutMs ?? DEFAULT_FLYCTL_TIMEOUT_MS;
    if (result.cancelled) return fail('cancelled', `${shown} was cancelled`);
    if (result.timedOut) {
      return fail('timeout', `${shown} did not finish within ${seconds(limit)} and was killed`);
    }
    const errorLine = firstErrorLine(result.stderr);
    const quoted = errorLine ? `: "${errorLine}"` : ' and printed nothing on stderr';
    const exit = result.exitCode === null ? `signal ${result.signal}` : `exit ${result.exitCode}`;
    if (result.exitCode === 126)
      return fail('timeout', `${shown} hit flyctl's own deadline${quoted}`);
    if (result.exitCode === 127) {
      // flyctl's own "cancelled" code, but also what an exec wrapper or shell exits with
      // when the program is missing: we did not cancel it, so both readings are said.
      return fail(
        'failed',
        `${shown} exited with 127${quoted}: flyctl uses 127 for "cancelled", and a wrapper or shell for "command not found"; deploy-gate did not cancel it`,
      );
    }
    const stderr = result.stderr;
    if (/no access token available/i.test(stderr)) {
      return fail(
        'no-token',
        `flyctl found no token${quoted}; set the FLY_API_TOKEN secret or the fly-api-token input`,
      );
    }
    if (/Could not find App/i.test(stderr)) {
      return fail(
        'unknown-app',
        `Fly app "${this.app}" was not found, or the token cannot see it${quoted}`,
      );
    }
    if (/must be authenticated|unauthori[sz]ed|not authorized|\b401\b/i.test(stderr)) {
      return fail(
        'auth',
        `the Fly token was refused for app "${this.app}"${quoted}; check that the FLY_API_TOKEN ` +
          `secret holds a valid token (\`fly tokens create deploy -a ${this.app}\`)`,
      );
    }
    return fail('failed', `${shown} failed (${exit})${quoted}`);
  }
}
