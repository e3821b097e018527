/**
 * Runs a step's entry (run, runPost, reportStep) in this process, as dist/index.js and dist/post.js
 * call it under the runner: INPUT_* variables (over action.yml's defaults) and the GITHUB_OUTPUT /
 * GITHUB_STEP_SUMMARY / GITHUB_STATE files. run-dist.ts does the same for the bundle in a child
 * process; in-process runs are visible to coverage.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { inputEnvName } from '../../src/settings/read-inputs.js';
import { startServer, type Handler, type TestServer } from './http-server.js';
import { actionDefaults, FAST_GATE, parseFileCommands } from './run-dist.js';

/** A policy that ends a healthy gate in well under a second. */
export const FAST_POLICY = { ...FAST_GATE, 'observe-for': '300ms', 'min-samples': '5' };

type Entry = (env: NodeJS.ProcessEnv) => Promise<void>;

export interface StepRun {
  outputs: Record<string, string>;
  summary: string;
  /** What the step saved for the post step (GITHUB_STATE), as name -> value. */
  state: Record<string, string>;
  stdout: string;
  exitCode: typeof process.exitCode;
}

export interface StepOptions {
  /** Holds the runner's files; also HOME and RUNNER_TEMP. */
  workDir: string;
  inputs: Record<string, string>;
  /** More variables for the step, e.g. stateEnv(...) for a post step. */
  env?: Record<string, string>;
  /** Runs while the step does; the step is then cancelled as the runner cancels it. */
  during?: (ended: () => boolean) => Promise<void>;
}

/** The runner's file-command files in `workDir`, by the variable that names each. */
export function runnerFiles(workDir: string) {
  return {
    GITHUB_OUTPUT: join(workDir, 'github_output'),
    GITHUB_STEP_SUMMARY: join(workDir, 'step_summary.md'),
    GITHUB_STATE: join(workDir, 'github_state'),
  };
}

/**
 * One step: the runner's files emptied, the inputs and `env` in both the env parameter and
 * process.env (@actions/core reads the latter), stdout captured, the cancel controller handed
 * over as the entry does; process.env and process.exitCode restored after.
 */
export async function runInProcess(entry: Entry, options: StepOptions): Promise<StepRun> {
  const { workDir, during } = options;
  const files = runnerFiles(workDir);
  for (const path of Object.values(files)) writeFileSync(path, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: workDir,
    RUNNER_TEMP: workDir,
    ...files,
    ...options.env,
  };
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...options.inputs }))
    env[inputEnvName(name)] = value;

  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const global = globalThis as { deployGateCancel?: AbortController };
  let stdout = '';
  const writes = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  // No upload: the runtime token and results URL stay unset whatever the host has.
  for (const key of Object.keys(process.env))
    if (/^(INPUT_|STATE_|GITHUB_|ACTIONS_|RUNNER_)/.test(key)) delete process.env[key];
  Object.assign(process.env, env);
  const cancel = new AbortController();
  global.deployGateCancel = cancel;
  let exitCode: typeof process.exitCode;
  try {
    let ended = false;
    const running = entry(env).finally(() => (ended = true));
    try {
      await during?.(() => ended);
    } finally {
      // The runner's cancel: the step ends with what it recorded.
      if (during) cancel.abort(new Error('received SIGTERM'));
      await running;
    }
  } finally {
    exitCode = process.exitCode;
    delete global.deployGateCancel;
    writes.mockRestore();
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    process.exitCode = savedExitCode;
  }
  return {
    outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')),
    stdout,
    exitCode,
  };
}

/**
 * A test file's bench for gate steps: a work folder and a server on 127.0.0.1 with `routes`, made
 * before its tests and removed after them (call at the top of the file, read fields in tests).
 */
export function stepBench(label: string, routes: Record<string, Handler>) {
  let work = '';
  let server: TestServer | undefined;
  let fresh = 0;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), `dg-${label}-`));
    server = await startServer(routes);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });
  return {
    get work() {
      return work;
    },
    get server(): TestServer {
      if (!server) throw new Error('stepBench: the server starts in beforeAll');
      return server;
    },
    /** A new audit folder per run: this process holds each folder's lock until it exits. */
    auditDir: () => join(work, `audit-${++fresh}`),
    /** One step in the work folder (see runInProcess). */
    step: (
      entry: Entry,
      inputs: Record<string, string>,
      more: Omit<StepOptions, 'workDir' | 'inputs'> = {},
    ) => runInProcess(entry, { workDir: work, inputs, ...more }),
  };
}
