/** dist/index.js as the runner starts it: the Node it needs, and a cancel in its first moments. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT, runDist, type DistRun } from '../helpers/run-dist.js';

/** A Node older than 24 on this machine (the image ships one), if any. */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', '/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(version.slice(1).split('.')[0]) < 24) return candidate;
  }
  return undefined;
}

let server: TestServer;
const runs: DistRun[] = [];
beforeAll(async () => {
  server = await startServer({ '/healthz': json({ status: 'ok' }) });
});
afterAll(async () => {
  await server.close();
  for (const r of runs) r.cleanup();
});

describe('dist/index.js, the entry', () => {
  const node = olderNode();
  (node ? it : it.skip)(
    `on Node < 24 fails with one clear line (${node ?? 'none here'})`,
    async () => {
      for (const entry of ['index.js', 'post.js']) {
        const result = await promisify(execFile)(node as string, [join(ROOT, 'dist', entry)], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', INPUT_URL: server.url('/healthz') },
          timeout: 30_000,
        }).then(
          (ok) => ({ ...ok, status: 0 }),
          (failed: { code?: number; stdout: string; stderr: string }) => ({
            ...failed,
            status: failed.code,
          }),
        );
        expect(result.status).toBe(1);
        expect(result.stderr).toBe('');
        const lines = result.stdout.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          /^::error title=deploy-gate needs Node 24::deploy-gate needs Node 24 \(action.yml runs.using: node24\); found v\d+\./,
        );
      }
    },
  );

  it('a SIGTERM at once still ends with a recorded, cancelled verdict', async () => {
    const r = await runDist({
      inputs: {
        url: server.url('/healthz'),
        'initial-delay': '0',
        interval: '50ms',
        'observe-for': '30s',
      },
      // The moment the entry says it has taken the signal, before the bundle has loaded (a
      // signal before Node runs any script at all ends any program).
      onSpawn: (child) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('cancellation handled from here on')) child.kill('SIGTERM');
        });
      },
    });
    runs.push(r);
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('cancelled');
  });
});
