/**
 * Issue 10 §7: children (flyctl, rollback-command) get a minimal environment, never our
 * INPUT_* values or the runner's tokens. Checked by what the child itself sees.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv } from '../../src/rollback/child-env.js';
import { Flyctl } from '../../src/rollback/flyctl.js';
import { executeRollback } from '../../src/rollback/decide-and-roll-back.js';
import { nullRecorder } from '../../src/evidence/recorder.js';
import type { RollbackSettings } from '../../src/rollback/rollback-settings.js';
import { createFakeFly, FAKE_TOKEN, type FakeFly } from '../helpers/fake-fly.js';

/** What the runner hands our process: inputs (secrets among them), its own tokens, and the usual. */
const RUNNER_ENV = {
  INPUT_HEADERS: 'Authorization: Bearer input-secret-4242',
  'INPUT_FLY-API-TOKEN': 'FlyV1 fm2_input_token',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-secret',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
  GITHUB_TOKEN: 'ghs_secret',
  FLY_API_TOKEN: 'FlyV1 fm2_env_token',
  SOME_OTHER_SECRET: 'other-secret',
  HOME: '/home/runner',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  TMPDIR: '/tmp',
  HTTPS_PROXY: 'http://proxy.internal:3128',
  no_proxy: 'localhost,127.0.0.1',
  KUBECONFIG: '/home/runner/.kube/prod',
  DEPLOY_GATE_PASS_ENV: 'KUBECONFIG, INPUT_HEADERS ACTIONS_RUNTIME_TOKEN',
};
const SECRETS = [
  'input-secret-4242',
  'fm2_input_token',
  'runtime-token-secret',
  'oidc-secret',
  'ghs_secret',
  'fm2_env_token',
  'other-secret',
];

describe('childEnv', () => {
  it('keeps lookup, home, locale, temp and proxies, and drops inputs and runner tokens', () => {
    const env = childEnv({ ...RUNNER_ENV, PATH: '/usr/bin' }, { usePassList: true });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TMPDIR: '/tmp',
      HTTPS_PROXY: 'http://proxy.internal:3128',
      no_proxy: 'localhost,127.0.0.1',
      // Named in DEPLOY_GATE_PASS_ENV; INPUT_HEADERS and ACTIONS_RUNTIME_TOKEN never pass.
      KUBECONFIG: '/home/runner/.kube/prod',
    });
  });
});

describe('what a child really sees', () => {
  let fly: FakeFly;
  let dir: string;
  beforeEach(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 3 }] });
    dir = mkdtempSync(join(tmpdir(), 'child-env-'));
  });
  afterEach(() => {
    fly.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('flyctl gets its token, proxies and FLY_* settings, and none of the runner secrets', async () => {
    const flyctl = new Flyctl({
      app: 'shop',
      token: FAKE_TOKEN,
      baseEnv: fly.env(RUNNER_ENV),
      timeoutMs: 10_000,
    });
    await flyctl.status();
    const image = fly.releases('shop')[1]?.ImageRef as string;
    await flyctl.deploy(image, { timeoutMs: 10_000 });
    for (const entry of fly.log()) {
      expect(entry.token).toBe(FAKE_TOKEN);
      expect(entry.env).toEqual(
        expect.arrayContaining(['PATH', 'HOME', 'HTTPS_PROXY', 'no_proxy', 'FLY_ACCESS_TOKEN']),
      );
      const leaked = entry.env.filter((name) =>
        /^(INPUT_|ACTIONS_)|^(GITHUB_TOKEN|FLY_API_TOKEN|SOME_OTHER_SECRET|KUBECONFIG)$/.test(name),
      );
      expect(leaked).toEqual([]);
    }
    expect(fly.log().find((e) => e.argv[0] === 'deploy')?.env).toContain('FLY_EMIT_RELEASE_JSON');
  });

  it('a rollback-command gets DEPLOY_GATE_* context and the pass-list, and no secret value', async () => {
    const dump = join(dir, 'env.json');
    const script = join(dir, 'dump.mjs');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(dump)}, JSON.stringify(process.env));`,
    );
    const settings = {
      mode: 'auto',
      command: [process.execPath, script],
      timeoutMs: 10_000,
      dryRun: false,
      failOnRollback: true,
    } as unknown as RollbackSettings;
    const run = await executeRollback({
      settings,
      env: { ...RUNNER_ENV, PATH: process.env.PATH ?? '' },
      commandEnv: { DEPLOY_GATE_VERDICT: 'unhealthy', DEPLOY_GATE_REASON: 'bad' },
      recorder: nullRecorder,
    });
    expect(run.ok).toBe(true);
    const seen = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>;
    expect(seen).toMatchObject({
      DEPLOY_GATE_VERDICT: 'unhealthy',
      DEPLOY_GATE_REASON: 'bad',
      HOME: '/home/runner',
      HTTPS_PROXY: 'http://proxy.internal:3128',
      KUBECONFIG: '/home/runner/.kube/prod',
    });
    const text = JSON.stringify(seen);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(Object.keys(seen).filter((k) => /^(INPUT_|ACTIONS_|FLY_)/.test(k))).toEqual([]);
  });
});
