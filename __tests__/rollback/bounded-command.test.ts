/**
 * Issue 17, case 1: a command that exits (or hangs) while a helper it started in its own
 * session (setsid) holds our stdout. The process group misses that helper; the run must still
 * end within its bounds, and the helper must be killed.
 */
import { readFileSync } from 'node:fs';
import { runCommand } from '../../src/rollback/run-command.js';

const node = process.execPath;
const env = { PATH: process.env.PATH ?? '' };
// Generous bounds: the drain/grace are 200 ms, the helper lives 10 minutes.
const BOUND_MS = 15_000;
const HELPER_LIFE_MS = 600_000;

/** Starts a helper in a new session (detached: setsid) that inherits stdout, then does `then`. */
const withHelper = (then: string) => `
  const { spawn } = require('node:child_process');
  const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, ${HELPER_LIFE_MS})'],
    { detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  helper.unref();
  console.log('helper ' + helper.pid);
  ${then}
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

async function diesWithin(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

function helperPid(stdout: string): number {
  const match = /helper (\d+)/.exec(stdout);
  if (!match) throw new Error(`no helper pid in ${JSON.stringify(stdout)}`);
  return Number(match[1]);
}

/** The helper really left our process group and session (else this test proves nothing). */
function leftGroup(pid: number, leader: number | undefined): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[2]) !== leader && Number(fields[3]) !== leader;
}

describe('runCommand with a helper that left the process group', () => {
  it('returns soon after the main process exits 0, and kills the helper', async () => {
    let helper: number | undefined;
    const started = Date.now();
    const result = await runCommand(node, ['-e', withHelper('process.exit(0)')], {
      env,
      timeoutMs: 60_000,
      drainMs: 200,
      killGraceMs: 200,
      onOutput: (_s, chunk) => {
        const match = /helper (\d+)/.exec(chunk);
        if (match) helper = Number(match[1]);
      },
    });
    const took = Date.now() - started;
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, cancelled: false });
    expect(helper).toBe(helperPid(result.stdout));
    expect(took).toBeLessThan(BOUND_MS);
    expect(await diesWithin(helperPid(result.stdout), 5000)).toBe(true);
  }, 30_000);

  it('ends at the timeout when the main process hangs, and kills both', async () => {
    const started = Date.now();
    let leader: number | undefined;
    let helperLeft = false;
    const result = await runCommand(
      node,
      ['-e', withHelper("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)")],
      {
        env,
        timeoutMs: 1500,
        killGraceMs: 200,
        onOutput: (_s, chunk) => {
          const match = /helper (\d+)/.exec(chunk);
          if (!match) return;
          try {
            // Our own pid's group is the child's: read the child's pid from the helper's parent.
            const stat = readFileSync(`/proc/${match[1]}/stat`, 'utf8');
            leader = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            helperLeft = leftGroup(Number(match[1]), leader);
          } catch {
            // read below through the result
          }
        },
      },
    );
    expect(helperLeft).toBe(true);
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
    expect(await diesWithin(helperPid(result.stdout), 5000)).toBe(true);
    if (leader !== undefined) expect(await diesWithin(leader, 5000)).toBe(true);
  }, 30_000);
});
