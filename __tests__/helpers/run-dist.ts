/**
 * Runs a bundled entry (dist/index.js or dist/post.js) the way the runner does: a child process of
 * Node 24 with INPUT_* variables (action.yml's defaults filled in, as the runner does) and the
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { inputEnvName } from '../../src/settings/read-inputs.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface DistRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the main step saved for the post step (GITHUB_STATE), as name -> value. */
  state: Record<string, string>;
  workDir: string;
  cleanup(): void;
}

/** Parses the runner's file-command format: `name<<DELIM\nvalue\nDELIM` (and plain `name=value`). */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i] as string);
      values[name] = body.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

/**
 * The environment the runner gives a post step for the state the main step saved: each
 * `name` written to GITHUB_STATE becomes `STATE_<name>`, which core.getState reads.
 */
export function stateEnv(state: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
}

export interface RunOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  entry?: 'index.js' | 'post.js';
  /** Reuse a work dir (the post step runs where the main step ran). */
  workDir?: string;
  /** Called with the child once it started (e.g. to send SIGTERM mid-gate). */
  onSpawn?: (child: ReturnType<typeof spawn>, stdout: () => string) => void;
  timeoutMs?: number;
  /**
   * Like the runner, set INPUT_<NAME> to action.yml's `default:` for every input the workflow
   * does not set (default true). `false` only for tests of code run outside the runner.
   */
  runnerDefaults?: boolean;
}

/** Every input of action.yml that has a default, as the runner fills them in. */
export function actionDefaults(): Record<string, string> {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: unknown }>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs))
    if (spec.default !== undefined) defaults[name] = String(spec.default);
  return defaults;
}

export async function runDist(options: RunOptions): Promise<DistRun> {
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'dg-dist-'));
  const files = {
    output: join(workDir, 'github_output'),
    summary: join(workDir, 'step_summary.md'),
    state: join(workDir, 'github_state'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '', { flag: 'a' });
  if (!options.workDir) for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? workDir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: workDir,
    ...options.env,
  };
  const inputs = {
    ...(options.runnerDefaults === false ? {} : actionDefaults()),
    ...options.inputs,
  };
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value;
  const entry = join(ROOT, 'dist', options.entry ?? 'index.js');
  // One message for every dist test: the bundle is built, not checked in half-way.
  if (!existsSync(entry))
    throw new Error(`${relative(ROOT, entry)} is missing: run \`npm run build\``);
  const child = spawn(process.execPath, [entry], {
    cwd: workDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  options.onSpawn?.(child, () => stdout);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (code, sig) => done([code, sig])),
  );
  clearTimeout(killer);
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    workDir,
    cleanup: () => rmSync(workDir, { recursive: true, force: true }),
  };
}

/** Inputs that end a healthy gate at its success streak (no observe phase), in well under 1 s. */
export const FAST_GATE = {
  'initial-delay': '0',
  interval: '50ms',
  timeout: '1s',
  'startup-timeout': '1s',
  'observe-for': '0',
};

/**
 * A test file's clean-ups, run after its last test, the latest first (servers close before the
 * folders they write to go). `track` adds a dist run's own clean-up and returns the run.
 */
export function cleanupsAfterAll(): {
  cleanups: Array<() => unknown>;
  track: (run: DistRun) => DistRun;
} {
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  return { cleanups, track: (run) => (cleanups.push(() => run.cleanup()), run) };
}
