/**
 * The post step in-process: `runPost(env)` after `run(env)`, as dist/post.js runs it at the end
 * of the job. The runner hands the post step what the main step wrote to GITHUB_STATE as STATE_*
 * variables; a main step killed mid-gate is imitated by keeping its audit folder and state as they
 * were at that moment (the gate writes synchronously, so a synchronous copy is such a moment).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../src/main.js';
import { runPost } from '../src/post-step.js';
import { json } from './helpers/http-server.js';
import { parseFileCommands, stateEnv } from './helpers/run-dist.js';
import { FAST_POLICY as fast, runnerFiles, stepBench } from './helpers/run-in-process.js';

const bench = stepBench('post', { '/healthz': json({ status: 'ok', version: 'v2' }) });
const { auditDir, step } = bench;

const lines = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];

async function untilProbes(dir: string, count: number, ended: () => boolean): Promise<void> {
  while (lines(join(dir, 'probes.ndjson')).length < count) {
    if (ended()) throw new Error(`the main step ended before ${count} probes`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('runPost(env) in-process', () => {
  it('after a main step that finished: reads GITHUB_STATE and leaves the sealed evidence as it is', async () => {
    const dir = auditDir();
    const inputs = { ...fast, url: bench.server.url('/healthz'), 'audit-dir': dir };
    const main = await step(run, inputs);
    expect(main.outputs.verdict).toBe('healthy');
    expect(main.state).toMatchObject({ 'audit-dir': dir, finished: 'true' });
    const sealed = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');

    const post = await step(runPost, inputs, { env: stateEnv(main.state) });
    expect(post.exitCode).toBeFalsy();
    expect(post.stdout).toContain(
      `deploy-gate post: the main step finished its evidence in ${dir}`,
    );
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).toBe(sealed);
  });

  it('after a main step killed mid-gate: completes audit.json as cancelled, seals the folder', async () => {
    const dir = auditDir();
    const aside = `${dir}-at-kill`;
    const inputs = {
      ...fast,
      url: bench.server.url('/healthz'),
      'observe-for': '10m',
      'audit-dir': dir,
    };
    let stateAtKill = '';
    await step(run, inputs, {
      during: async (ended) => {
        await untilProbes(dir, 5, ended);
        // What a SIGKILL would leave: the folder and the state exactly as they are now.
        cpSync(dir, aside, { recursive: true });
        stateAtKill = readFileSync(runnerFiles(bench.work).GITHUB_STATE, 'utf8');
      },
    });
    rmSync(dir, { recursive: true, force: true });
    renameSync(aside, dir);
    const state = parseFileCommands(stateAtKill);
    expect(state['audit-dir']).toBe(dir);
    expect(state.finished).toBeUndefined();
    expect(existsSync(join(dir, 'SHA256SUMS'))).toBe(false);
    const probes = lines(join(dir, 'probes.ndjson')).length;

    const post = await step(runPost, inputs, { env: stateEnv(state) });
    expect(post.exitCode).toBeFalsy();
    expect(post.stdout).toContain(
      '::warning::deploy-gate: the main step was cancelled or killed before it finished',
    );
    expect(post.stdout).toContain('deploy-gate post: audit.json completed with verdict cancelled');
    const audit = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as {
      verdict: string;
      reason: string;
      health_checks: { attempts: number };
      files: string[];
    };
    expect(audit.verdict).toBe('cancelled');
    expect(audit.reason).toMatch(
      new RegExp(`^the main step was cancelled or killed before a verdict, after ${probes} probe`),
    );
    expect(audit.health_checks.attempts).toBe(probes);
    expect(audit.files).toContain('probes.ndjson');
    // Sealed in coreutils' format: an auditor checks it with nothing else.
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: dir });
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  });

  it('when the main step never saved state (invalid inputs): nothing to complete', async () => {
    const dir = auditDir();
    const inputs = { url: bench.server.url('/healthz'), interval: 'soon', 'audit-dir': dir };
    const main = await step(run, inputs);
    expect(main.outputs.verdict).toBe('error');
    expect(main.state).toEqual({});
    const record = readFileSync(join(dir, 'audit.json'), 'utf8');

    const post = await step(runPost, inputs, { env: stateEnv(main.state) });
    expect(post.exitCode).toBeFalsy();
    expect(post.stdout).toContain(
      'deploy-gate post: the main step started no gate (invalid inputs, or it did not run); nothing to complete.',
    );
    expect(post.stdout).not.toContain('::warning::');
    expect(readFileSync(join(dir, 'audit.json'), 'utf8')).toBe(record);
  });
});
