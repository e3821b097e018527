/**
 * The audit folder never touches what is not ours, through dist/index.js as the runner runs it:
 * a wrong audit-dir (the workspace, the sources, a parent, the runner's temp folder, the root, a
 * kernel path) or a special config file is refused before the first request, naming the input;
 * two runs at once on one folder cannot mix their records (a lock, stale when its process died).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';

const fast = {
  'initial-delay': '0',
  interval: '50ms',
  timeout: '1s',
  'startup-timeout': '2s',
  'observe-for': '0',
};
let server: TestServer;
const cleanups: (() => void)[] = [];
const track = (r: DistRun) => (cleanups.push(() => r.cleanup()), r);

beforeAll(async () => {
  server = await startServer({ '/healthz': json({ status: 'ok' }) });
});
afterAll(async () => {
  await server.close();
  for (const c of cleanups) c();
});

/** A workspace with sources in it, as a checkout leaves it; the step runs there. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dg-ws-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'main.ts'), 'export {};\n');
  writeFileSync(join(dir, 'package.json'), '{}\n');
  return dir;
}

const refusal = /::error::Input "audit-dir": "[^"]*" (is|contains|holds) /;

describe('audit-dir is refused when it is not ours', () => {
  const cases: Array<[string, (ws: string) => string, RegExp]> = [
    ['. (the workspace)', () => '.', /is the workspace \(GITHUB_WORKSPACE\)/],
    ['src (the sources)', () => 'src', /holds "main\.ts", which is not deploy-gate evidence/],
    ['.. (a parent of the workspace)', () => '..', /contains the workspace \(GITHUB_WORKSPACE\)/],
    ['the runner temp folder', (ws) => join(ws, '_temp'), /is the runner's temp folder/],
    ['/ (the filesystem root)', () => '/', /is the filesystem root/],
    ['/proc/1/x (a kernel path)', () => '/proc/1/x', /is on a kernel pseudo filesystem/],
    ['a file', () => 'package.json', /is a file, not a folder/],
  ];
  it.each(cases)('%s: an input error before any request, nothing moved', async (_, dir, why) => {
    const ws = workspace();
    mkdirSync(join(ws, '_temp'));
    const before = server.requests.length;
    const r = track(
      await runDist({
        inputs: { ...fast, url: server.url('/healthz'), 'audit-dir': dir(ws) },
        env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: join(ws, '_temp') },
        workDir: ws,
        timeoutMs: 20_000,
      }),
    );
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.stdout).toMatch(refusal);
    expect(r.stdout).toMatch(why);
    expect(server.requests.length).toBe(before);
    // Nothing was moved or created: the sources are where they were, no "-previous-" folder.
    expect(readFileSync(join(ws, 'src', 'main.ts'), 'utf8')).toBe('export {};\n');
    expect(readdirSync(ws).filter((f) => f.includes('-previous-'))).toEqual([]);
    expect(readdirSync(join(ws, 'src'))).toEqual(['main.ts']);
  });
});

describe('special config files', () => {
  it.each([
    ['a FIFO', (ws: string) => (execFileSync('mkfifo', [join(ws, 'fifo')]), join(ws, 'fifo'))],
    ['/dev/zero', () => '/dev/zero'],
  ])('config pointing at %s is refused at once, not read', async (_, path) => {
    const ws = workspace();
    const r = track(
      await runDist({ inputs: { config: path(ws) }, workDir: ws, timeoutMs: 20_000 }),
    );
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.stdout).toMatch(
      /::error::\S+: is a (FIFO \(named pipe\)|device); accepted: a regular file/,
    );
  });
});

describe('a special fly-config', () => {
  it('a FIFO as fly-config is refused at once, not read', async () => {
    const ws = workspace();
    execFileSync('mkfifo', [join(ws, 'fly.toml')]);
    const r = track(
      await runDist({
        inputs: { 'fly-config': join(ws, 'fly.toml') },
        workDir: ws,
        timeoutMs: 20_000,
      }),
    );
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.stdout).toMatch(/fly\.toml: is a FIFO \(named pipe\); accepted: a regular file/);
  });
});

describe('one run per audit folder at a time', () => {
  const lockOf = (dir: string) => join(dir, '.deploy-gate.lock');
  /** The lock a live process holds (this test's own process, which outlives every run). */
  const liveLock = () =>
    JSON.stringify({ pid: process.pid, host: hostname(), start: null, since: 'now' });

  it('refuses a second run while the first holds the folder, and the first is unaffected', async () => {
    const ws = workspace();
    // Long enough that the second run, spawned after the first probe, always finds the lock held
    // even on a loaded machine (the second is refused before its first request).
    const slow = { ...fast, 'observe-for': '6s', 'min-samples': '3' };
    let firstProbed!: () => void;
    const probed = new Promise<void>((resolve) => (firstProbed = resolve));
    const firstRun = runDist({
      inputs: { ...slow, url: server.url('/healthz'), 'audit-dir': 'audit' },
      workDir: ws,
      onSpawn: (child) =>
        child.stdout?.on('data', (d: Buffer) => /#1 /.test(String(d)) && firstProbed()),
    });
    await probed;
    // The first run holds the lock from before its first probe until it exits.
    expect(existsSync(lockOf(join(ws, 'audit')))).toBe(true);
    const second = await runDist({
      inputs: { ...fast, url: server.url('/healthz'), 'audit-dir': 'audit' },
      workDir: ws,
      env: { GITHUB_OUTPUT: join(ws, 'second_output') },
    });
    const first = track(await firstRun);
    expect(second.exitCode).toBe(1);
    expect(second.stdout).toMatch(
      /::error::Input "audit-dir": "\S+\/audit" is in use by deploy-gate process \d+ on /,
    );
    expect(second.stdout).not.toContain('held an earlier run');
    expect(first.exitCode).toBe(0);
    expect(first.outputs.verdict).toBe('healthy');
    const dir = first.outputs['audit-dir'] as string;
    const probes = readFileSync(join(dir, 'probes.ndjson'), 'utf8').trim().split('\n');
    expect(probes).toHaveLength(Number(first.outputs.attempts));
    // Released on exit; never part of the seal.
    expect(existsSync(lockOf(dir))).toBe(false);
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).not.toContain('.deploy-gate.lock');
  });

  it('refuses a folder whose lock a live process holds', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'audit'));
    writeFileSync(lockOf(join(ws, 'audit')), liveLock());
    const before = server.requests.length;
    const r = track(
      await runDist({
        inputs: { ...fast, url: server.url('/healthz'), 'audit-dir': 'audit' },
        workDir: ws,
      }),
    );
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`is in use by deploy-gate process ${process.pid} on ${hostname()}`);
    expect(server.requests.length).toBe(before);
    expect(readFileSync(lockOf(join(ws, 'audit')), 'utf8')).toBe(liveLock());
  });

  it('takes over a stale lock (its process is gone) and leaves it out of the seal', async () => {
    const ws = workspace();
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) =>
      dead.on('exit', () => resolve(dead.pid as number)),
    );
    mkdirSync(join(ws, 'audit'));
    writeFileSync(
      lockOf(join(ws, 'audit')),
      JSON.stringify({ pid: deadPid, host: hostname(), start: null, since: 'earlier' }),
    );
    const r = track(
      await runDist({
        inputs: { ...fast, url: server.url('/healthz'), 'audit-dir': 'audit' },
        workDir: ws,
      }),
    );
    expect(r.exitCode).toBe(0);
    expect(r.outputs.verdict).toBe('healthy');
    expect(existsSync(lockOf(join(ws, 'audit')))).toBe(false);
    execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: join(ws, 'audit') });
  });
});
