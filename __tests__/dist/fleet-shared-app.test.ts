/**
 * Two services of one config file on one Fly app would each roll it back: refused by the plan
 * (plan-only) and by every fan-out leg (`service:`), not only when one step gates both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';

let server: TestServer;
let dir: string;
const runs: DistRun[] = [];
beforeAll(async () => {
  server = await startServer({});
  dir = mkdtempSync(join(tmpdir(), 'dg-shared-app-'));
  writeFileSync(
    join(dir, 'deploy-gate.yml'),
    `services:
  - name: api
    fly: { app: shop }
    base_url: ${server.origin}
    health_endpoint: /healthz
  - name: worker
    base_url: ${server.origin}
    health_endpoint: /ready
    fly: { config: ${join(dir, 'fly.toml')} }
`,
  );
  writeFileSync(join(dir, 'fly.toml'), 'app = "shop"\n');
});
afterAll(async () => {
  await server.close();
  for (const r of runs) r.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('one Fly app under two services', () => {
  it.each([
    ['the plan (plan-only)', { 'plan-only': 'true' }],
    ['the leg for api alone', { service: 'api' }],
    ['the leg for worker alone', { service: 'worker' }],
  ])('is refused by %s, before any request', async (_, inputs) => {
    const r = await runDist({ inputs: { config: join(dir, 'deploy-gate.yml'), ...inputs } });
    runs.push(r);
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.outputs.reason).toContain(
      'services "api" and "worker" both gate Fly app "shop": give each app one service',
    );
    expect(server.requests).toHaveLength(0);
  });
});
