/** Issue 10 §7: 10 MB of rollback output must not become 10 MB on disk or in the step log. */
import { executeRollback } from '../../src/rollback/decide-and-roll-back.js';
import {
  OutputCap,
  DEFAULT_HEAD_BYTES,
  DEFAULT_TAIL_BYTES,
} from '../../src/rollback/output-cap.js';
import type { Recorder } from '../../src/evidence/recorder.js';
import type { RollbackSettings } from '../../src/rollback/rollback-settings.js';

describe('OutputCap', () => {
  it('passes the head, keeps the tail, and says how much it cut in between', () => {
    const out: string[] = [];
    const cap = new OutputCap((t) => out.push(t), 10, 5);
    cap.push('0123456789ABC');
    cap.push('DEFGHIJ');
    cap.end();
    expect(out.join('')).toBe(
      '0123456789\n[deploy-gate: 5 characters of output cut here; the first 10 and the last 5 are kept]\nFGHIJ',
    );
  });

  it('changes nothing for output under the cap', () => {
    const out: string[] = [];
    const cap = new OutputCap((t) => out.push(t), 10, 5);
    cap.push('short\n');
    cap.end();
    expect(out.join('')).toBe('short\n');
  });
});

describe('a rollback-command printing 10 MB', () => {
  it('writes at most the head and the tail to rollback.log and the step log', async () => {
    let logged = 0;
    let logLines = 0;
    const recorder: Recorder = {
      attempt: () => undefined,
      metricsRound: () => undefined,
      flySnapshot: () => undefined,
      rollbackOutput: (text) => (logged += text.length),
    };
    const script =
      'const line = "x".repeat(1023) + "\\n"; for (let i = 0; i < 10240; i++) process.stdout.write(line); console.log("THE END");';
    const run = await executeRollback({
      settings: {
        mode: 'auto',
        command: [process.execPath, '-e', script],
        timeoutMs: 60_000,
        dryRun: false,
        failOnRollback: true,
      } as unknown as RollbackSettings,
      env: { PATH: process.env.PATH ?? '' },
      commandEnv: {},
      recorder,
      log: () => (logLines += 1),
    });
    expect(run.ok).toBe(true);
    expect(logged).toBeLessThanOrEqual(DEFAULT_HEAD_BYTES + DEFAULT_TAIL_BYTES + 200);
    expect(logged).toBeGreaterThan(DEFAULT_HEAD_BYTES);
    expect(logLines).toBeLessThan((DEFAULT_HEAD_BYTES + DEFAULT_TAIL_BYTES) / 1024 + 10);
  }, 60_000);
});
