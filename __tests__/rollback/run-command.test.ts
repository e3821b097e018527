import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/rollback/run-command.js';

const node = process.execPath;
const env = { PATH: process.env.PATH ?? '' };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-command-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** True while the process exists and is not a zombie (an exited child nobody reaped yet). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Starts a grandchild (printing its pid and, once it ignores SIGTERM, `ready`), then hangs. */
const STUBBORN_TREE = `
  const { spawn } = require('node:child_process');
  const grandchild = spawn(process.execPath, ['-e',
    "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('ready')"],
    { stdio: ['ignore', 'inherit', 'inherit'] });
  console.log('grandchild ' + grandchild.pid);
  process.on('SIGTERM', () => {});
  setInterval(() => {}, 1000);
`;

/**
 * Whether `pid` is gone within `withinMs`. A killed process closes its pipes a moment before
 * it is fully dead, so the check polls instead of looking once.
 */
async function diesWithin(pid: number, withinMs = 5000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

function pidFrom(stdout: string): number {
  const match = /grandchild (\d+)/.exec(stdout);
  if (!match) throw new Error(`no grandchild pid in ${JSON.stringify(stdout)}`);
  return Number(match[1]);
}

describe('runCommand', () => {
  it('captures stdout, stderr and the exit code, and streams the output live', async () => {
    const chunks: string[] = [];
    const result = await runCommand(
      node,
      ['-e', 'console.log("to out"); console.error("to err"); process.exit(3)'],
      { env, timeoutMs: 10_000, onOutput: (stream, chunk) => chunks.push(`${stream}:${chunk}`) },
    );
    expect(result).toMatchObject({
      exitCode: 3,
      signal: null,
      stdout: 'to out\n',
      stderr: 'to err\n',
      timedOut: false,
      cancelled: false,
      stdoutTruncated: false,
    });
    expect(result.spawnError).toBeUndefined();
    expect(chunks).toEqual(expect.arrayContaining(['stdout:to out\n', 'stderr:to err\n']));
    expect(Date.parse(result.endedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt));
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes arguments as they are, with no shell to interpret them', async () => {
    const tricky = ['$(touch pwned)', '; echo hi', "it's", '*'];
    const result = await runCommand(
      node,
      ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...tricky],
      { env, timeoutMs: 10_000, cwd: dir },
    );
    expect(JSON.parse(result.stdout)).toEqual(tricky);
  });

  it('gives the child exactly the environment it was handed', async () => {
    const result = await runCommand(
      node,
      ['-e', 'console.log(JSON.stringify([process.env.ONLY_THIS, process.env.HOME]))'],
      { env: { ONLY_THIS: 'yes' }, timeoutMs: 10_000 },
    );
    expect(JSON.parse(result.stdout)).toEqual(['yes', null]);
  });

  it('decodes a character split across two writes', async () => {
    const chunks: string[] = [];
    const result = await runCommand(
      node,
      [
        '-e',
        'process.stdout.write(Buffer.from([0xc3])); setTimeout(() => process.stdout.write(Buffer.from([0xa9, 0x0a])), 50)',
      ],
      { env, timeoutMs: 10_000, onOutput: (_stream, chunk) => chunks.push(chunk) },
    );
    expect(result.stdout).toBe('é\n');
    expect(chunks.join('')).toBe('é\n');
  });

  it('reports a missing binary as spawnError ENOENT instead of throwing', async () => {
    const result = await runCommand('no-such-binary-deploy-gate', ['x'], {
      env: { PATH: dir },
      timeoutMs: 10_000,
    });
    expect(result.spawnError?.code).toBe('ENOENT');
    expect(result.exitCode).toBeNull();
    expect(result.timedOut).toBe(false);
  });

  it('reports arguments that cannot be passed (a NUL byte) as spawnError', async () => {
    const result = await runCommand(node, ['-e', 'bad\0arg'], { env, timeoutMs: 10_000 });
    expect(result.spawnError?.code).toBe('ERR_INVALID_ARG_VALUE');
  });

  it('keeps running when the output listener throws', async () => {
    const result = await runCommand(node, ['-e', 'console.log("still here")'], {
      env,
      timeoutMs: 10_000,
      onOutput: () => {
        throw new Error('listener broke');
      },
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'still here\n' });
  });

  it('reports a file that is not executable as spawnError EACCES', async () => {
    const script = join(dir, 'not-executable.sh');
    writeFileSync(script, '#!/bin/sh\necho hi\n');
    chmodSync(script, 0o644);
    const result = await runCommand(script, [], { env, timeoutMs: 10_000 });
    expect(result.spawnError?.code).toBe('EACCES');
  });

  it('ends a cooperative process with SIGTERM at the timeout', async () => {
    const result = await runCommand(node, ['-e', 'setInterval(() => {}, 1000)'], {
      env,
      timeoutMs: 200,
    });
    expect(result).toMatchObject({ timedOut: true, cancelled: false, exitCode: null });
    expect(result.signal).toBe('SIGTERM');
  });

  it('kills the whole process group, grandchild included, when SIGTERM is ignored', async () => {
    // sh starts in a millisecond, so both processes ignore SIGTERM long before the timeout;
    // an ignored signal stays ignored in the child `sleep`.
    const result = await runCommand(
      '/bin/sh',
      ['-c', "trap '' TERM; sleep 300 & echo grandchild $!; wait"],
      { env, timeoutMs: 300, killGraceMs: 100 },
    );
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(await diesWithin(pidFrom(result.stdout))).toBe(true);
  });

  it('kills the process group when the abort signal fires', async () => {
    const controller = new AbortController();
    const pending = runCommand(node, ['-e', STUBBORN_TREE], {
      env,
      timeoutMs: 60_000,
      killGraceMs: 100,
      signal: controller.signal,
      onOutput: (_stream, chunk) => {
        if (chunk.includes('ready')) controller.abort();
      },
    });
    const result = await pending;
    expect(result).toMatchObject({ cancelled: true, timedOut: false, signal: 'SIGKILL' });
    expect(await diesWithin(pidFrom(result.stdout))).toBe(true);
  });

  it('does not start anything when the signal is already aborted', async () => {
    const marker = join(dir, 'started-anyway');
    const result = await runCommand(
      node,
      ['-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')`],
      { env, timeoutMs: 10_000, signal: AbortSignal.abort() },
    );
    expect(result.cancelled).toBe(true);
    expect(() => readFileSync(marker)).toThrow();
  });

  it('returns after the main process exits even when a leftover child holds the output open', async () => {
    const script = `
      const { spawn } = require('node:child_process');
      const leftover = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'],
        { stdio: ['ignore', 'inherit', 'inherit'] });
      console.log('grandchild ' + leftover.pid);
      process.exit(0);
    `;
    const result = await runCommand(node, ['-e', script], {
      env,
      timeoutMs: 60_000,
      drainMs: 100,
    });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, cancelled: false });
    expect(await diesWithin(pidFrom(result.stdout))).toBe(true);
  });

  it('keeps only the tail of a huge output', async () => {
    const result = await runCommand(
      node,
      ['-e', 'process.stdout.write("x".repeat(200000) + "THE END")'],
      { env, timeoutMs: 10_000, maxCaptureBytes: 1000 },
    );
    expect(result.stdout).toHaveLength(1000);
    expect(result.stdout.endsWith('THE END')).toBe(true);
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stderrTruncated).toBe(false);
  });
});
