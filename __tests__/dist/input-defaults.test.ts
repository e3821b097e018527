/**
 * The runner sets every input that has a default, so an input whose value is its action.yml
 * default cannot outrank a lower layer (fly.toml's checks): only a value that differs does.
 * Through dist/index.js with INPUT_* for every default, as on a real runner.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_TOKEN } from '../helpers/fake-fly.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';

const cleanups: (() => unknown)[] = [];
afterAll(() => {
  for (const c of cleanups) c();
});

const FLY_TOML = [
  'app = "shop-api"',
  '[http_service]',
  '  internal_port = 8080',
  '  [[http_service.checks]]',
  '    grace_period = "0s"',
  '    interval = "50ms"',
  '    timeout = "1s"',
  '    path = "/healthz"',
  '',
].join('\n');

/** The policy the run recorded; flyctl is absent, so it stops at the preflight (no network). */
async function policyWith(inputs: Record<string, string>): Promise<Record<string, unknown>> {
  const first = await runDist({ inputs: { 'plan-only': 'true', config: 'unused.yml' } });
  cleanups.push(() => first.cleanup());
  const toml = join(first.workDir, 'fly.toml');
  writeFileSync(toml, FLY_TOML);
  const run: DistRun = await runDist({
    inputs: { 'fly-config': toml, rollback: 'none', ...inputs },
    workDir: first.workDir,
    env: { FLY_API_TOKEN: FAKE_TOKEN, PATH: '/nonexistent' },
  });
  const audit = JSON.parse(
    readFileSync(join(run.workDir, 'deploy-gate-audit', 'audit.json'), 'utf8'),
  ) as { policy: Record<string, unknown> };
  return audit.policy;
}

describe('inputs at their default do not outrank fly.toml', () => {
  it('the runner-set defaults (interval 5s, timeout 2s, initial-delay 30s) leave fly.toml in force', async () => {
    expect(await policyWith({})).toMatchObject({
      'interval-ms': 50,
      'timeout-ms': 1000,
      'initial-delay-ms': 0,
    });
  }, 60_000);

  it('an input written as its default changes nothing either: set the default in fly.toml', async () => {
    expect(await policyWith({ interval: '5s' })).toMatchObject({ 'interval-ms': 50 });
  }, 60_000);

  it('an input that differs from its default wins', async () => {
    expect(await policyWith({ interval: '70ms', timeout: '900ms' })).toMatchObject({
      'interval-ms': 70,
      'timeout-ms': 900,
    });
  }, 60_000);
});
