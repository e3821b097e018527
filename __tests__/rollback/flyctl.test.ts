import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Flyctl, type FlyctlOptions } from '../../src/rollback/flyctl.js';
import { FlyctlError } from '../../src/rollback/flyctl-results.js';
import { createFakeFly, FAKE_TOKEN, type FakeFly } from '../helpers/fake-fly.js';

const IMAGE = 'registry.fly.io/shop:deployment-01JROLLBACKTARGET0000000000';
let fly: FakeFly;

function driver(options: Partial<FlyctlOptions> = {}): Flyctl {
  return new Flyctl({
    app: 'shop',
    token: FAKE_TOKEN,
    baseEnv: fly.env(),
    timeoutMs: 10_000,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<FlyctlError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FlyctlError) return error;
    throw error;
  }
  throw new Error('expected a FlyctlError');
}

afterEach(() => fly?.cleanup());

describe('Flyctl queries', () => {
  beforeEach(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 6, statuses: { 6: 'failed' } }] });
  });

  it('takes a snapshot: parsed data plus the exact JSON text for evidence', async () => {
    const snapshot = await driver().snapshot();
    expect(snapshot.releases.data.map((r) => r.Version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(snapshot.releases.command).toEqual(['releases', '--json', '--app', 'shop']);
    expect(JSON.parse(snapshot.releases.raw)[0].ImageRef).toBe(snapshot.releases.data[0]?.ImageRef);
    expect(snapshot.status.data).toMatchObject({ Version: 5, Organization: { Slug: 'acme' } });
    expect(snapshot.status.raw).toBe(snapshot.status.result.stdout);
    expect(snapshot.machines.data).toHaveLength(2);
    expect(snapshot.machines.command).toEqual(['machines', 'list', '--json', '--app', 'shop']);
    expect(fly.log().map((e) => e.argv[0])).toEqual(['releases', 'status', 'machines']);
  });

  it('reads the current version, and sees a newer deploy that landed meanwhile', async () => {
    const flyctl = driver();
    expect(await flyctl.currentVersion()).toBe(5);
    fly.addRelease('shop', { user: 'colleague@example.com' });
    expect(await flyctl.currentVersion()).toBe(7);
  });

  it('hands flyctl exactly the chosen token, whatever the base env holds', async () => {
    await driver({
      baseEnv: fly.env({ FLY_ACCESS_TOKEN: '', FLY_API_TOKEN: 'fm2_other' }),
    }).status();
    expect(fly.log()).toEqual([
      expect.objectContaining({ tokenSource: 'FLY_ACCESS_TOKEN', token: FAKE_TOKEN, exitCode: 0 }),
    ]);
  });

  it('reports output of an unexpected shape as bad-output, naming the field', async () => {
    const bin = join(fly.dir, 'odd-flyctl');
    writeFileSync(
      bin,
      '#!/bin/sh\necho \'[{"ID":"r1","Version":"41","Status":"complete","ImageRef":"x","CreatedAt":"2026-10-01T10:00:00Z"}]\'\n',
    );
    chmodSync(bin, 0o755);
    const error = await failure(driver({ bin }).releases());
    expect(error.kind).toBe('bad-output');
    expect(error.message).toContain('[0].Version: expected a number, got "41" (string)');
    expect(error.result?.exitCode).toBe(0);
  });
});

describe('exit 127', () => {
  beforeEach(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 3 }] });
  });

  it('is not reported as "cancelled" when we did not cancel it: both readings are said', async () => {
    // A wrapper (asdf/mise shim, a shell script) whose real flyctl is gone exits 127.
    const bin = join(fly.dir, 'shim-flyctl');
    writeFileSync(bin, '#!/bin/sh\necho "shim-flyctl: flyctl: not found" >&2\nexit 127\n');
    chmodSync(bin, 0o755);
    const error = await failure(driver({ bin }).releases());
    expect(error.kind).toBe('failed');
    expect(error.message).toBe(
      `flyctl releases --json --app shop exited with 127: "shim-flyctl: flyctl: not found": flyctl uses 127 for "cancelled", and a wrapper or shell for "command not found"; deploy-gate did not cancel it`,
    );
  });

  it('says "not installed" for a binary that is not there (spawn ENOENT)', async () => {
    const error = await failure(driver({ bin: join(fly.emptyBinDir, 'flyctl') }).releases());
    expect(error.kind).toBe('missing-binary');
    expect(error.message).toContain('was not found on PATH');
  });
});

describe('Flyctl.preflight', () => {
  beforeEach(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 3 }] });
  });

  it('passes with the flyctl version and the app status', async () => {
    const result = await driver().preflight();
    expect(result.flyctlVersion).toMatch(/^flyctl v/);
    expect(result.status.data.Name).toBe('shop');
  });

  it('says to add setup-flyctl when the binary is missing', async () => {
    const error = await failure(driver({ baseEnv: { PATH: fly.emptyBinDir } }).preflight());
    expect(error.kind).toBe('missing-binary');
    expect(error.message).toBe(
      'flyctl was not found on PATH; add the step `uses: superfly/flyctl-actions/setup-flyctl@master` before deploy-gate',
    );
  });

  it('says how to provide a token when there is none, without asking flyctl', async () => {
    const error = await failure(driver({ token: null }).preflight());
    expect(error.kind).toBe('no-token');
    expect(error.message).toContain('set the FLY_API_TOKEN secret');
    expect(error.message).toContain('fly-api-token input');
    expect(fly.log().map((e) => e.argv)).toEqual([['version']]);
  });

  it('names an app that does not exist', async () => {
    const error = await failure(driver({ app: 'shopp' }).preflight());
    expect(error.kind).toBe('unknown-app');
    expect(error.message).toBe(
      'Fly app "shopp" was not found, or the token cannot see it: "Error: Could not find App "shopp""',
    );
  });

  it('reports a refused token as auth, quoting flyctl', async () => {
    const error = await failure(driver({ token: 'fm2_revoked' }).preflight());
    expect(error.kind).toBe('auth');
    expect(error.message).toContain(
      'the Fly token was refused for app "shop": "Error: failed to get app',
    );
  });

  it('rejects arguments that could be read as flags before running anything', () => {
    expect(() => driver({ app: '--region' })).toThrow(
      'app: "--region" is not accepted: expected a Fly app name: lowercase letters, digits and dashes, like "my-app"',
    );
    expect(() => driver({ configPath: '-c' })).toThrow('config path: "-c" is not accepted');
  });
});

describe('Flyctl.deploy', () => {
  it('redeploys the image as a new, higher release and reads the release line', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 4 }] });
    const output: string[] = [];
    const outcome = await driver().deploy(IMAGE, {
      timeoutMs: 10_000,
      strategy: 'immediate',
      onOutput: (_stream, chunk) => output.push(chunk),
    });
    expect(outcome.release).toEqual({ id: expect.any(String), version: 5, image_ref: IMAGE });
    expect(outcome.result.exitCode).toBe(0);
    expect(output.join('')).toContain('Visit your newly deployed app');
    expect(fly.currentRelease('shop')).toMatchObject({
      Version: 5,
      ImageRef: IMAGE,
      Status: 'complete',
    });
    expect(fly.log().at(-1)?.argv).toEqual([
      'deploy',
      '--image',
      IMAGE,
      '--app',
      'shop',
      '--yes',
      '--deploy-retries',
      '0',
      '--strategy',
      'immediate',
    ]);
  });

  it('runs the deploy without --deploy-retries on a flyctl too old to know it', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 4 }] });
    const outcome = await driver({
      baseEnv: { ...fly.env(), FLY_FAKE_UNKNOWN_FLAGS: 'deploy-retries' },
    }).deploy(IMAGE, { timeoutMs: 10_000 });
    expect(outcome.release?.version).toBe(5);
    expect(outcome.command).toEqual(['deploy', '--image', IMAGE, '--app', 'shop', '--yes']);
    // The first call was refused before it did anything; only the second deployed.
    expect(
      fly
        .log()
        .slice(-2)
        .map((l) => l.argv.includes('--deploy-retries')),
    ).toEqual([true, false]);
    expect(fly.releases('shop').length).toBe(5);
  });

  it('passes the config file and the wait timeout, and never --detach', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    const config = join(fly.dir, 'fly.toml');
    writeFileSync(config, 'app = "shop"\n');
    await driver({ configPath: config }).deploy(IMAGE, {
      timeoutMs: 10_000,
      waitTimeoutSeconds: 120,
    });
    const argv = fly.log().at(-1)?.argv ?? [];
    expect(argv).toEqual([
      'deploy',
      '--image',
      IMAGE,
      '--app',
      'shop',
      '--yes',
      '--deploy-retries',
      '0',
      '--config',
      config,
      '--wait-timeout',
      '120s',
    ]);
    expect(argv).not.toContain('--detach');
  });

  it('throws a failed FlyctlError carrying the result when the deploy fails', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deploy: 'fail' }] });
    const error = await failure(driver().deploy(IMAGE, { timeoutMs: 10_000 }));
    expect(error.kind).toBe('failed');
    expect(error.message).toMatch(
      /^flyctl deploy --image \S+ --app shop --yes --deploy-retries 0 failed \(exit 1\): "Error: timeout reached waiting for health checks/,
    );
    expect(error.result?.exitCode).toBe(1);
    expect(error.command?.[0]).toBe('deploy');
    expect(fly.releases('shop')[0]).toMatchObject({ Version: 3, Status: 'failed' });
  });

  it('kills a hanging deploy at its timeout', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deploy: 'hang' }] });
    const error = await failure(driver({ killGraceMs: 200 }).deploy(IMAGE, { timeoutMs: 300 }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('did not finish within 300 ms and was killed');
    expect(error.result?.timedOut).toBe(true);
    expect(error.result?.exitCode).not.toBe(0);
  });

  it('stops when cancelled', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deploy: 'hang' }] });
    const controller = new AbortController();
    const error = await failure(
      driver().deploy(IMAGE, {
        timeoutMs: 60_000,
        signal: controller.signal,
        onOutput: (_stream, chunk) => {
          if (chunk.includes('to become healthy')) controller.abort();
        },
      }),
    );
    expect(error.kind).toBe('cancelled');
    expect(error.result?.cancelled).toBe(true);
  });

  it('refuses an image that is not an image reference without running flyctl', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    const error = await failure(driver().deploy('--detach', { timeoutMs: 10_000 }));
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toBe(
      'image: "--detach" is not accepted: expected an image reference ' +
        '[registry/]name[:tag][@sha256:digest], like registry.fly.io/my-app:deployment-01J9Z3K7QF8W2V4N6B1M5C0X7R',
    );
    expect(fly.log()).toEqual([]);
  });

  it('refuses a strategy flyctl does not have', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    const strategy = 'yolo' as unknown as 'rolling';
    const error = await failure(driver().deploy(IMAGE, { timeoutMs: 10_000, strategy }));
    expect(error.message).toBe(
      'strategy: "yolo" is not accepted: expected one of canary, rolling, bluegreen, immediate',
    );
    expect(fly.log()).toEqual([]);
  });

  it('throws no-token for a deploy without a token', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    const error = await failure(driver({ token: null }).deploy(IMAGE, { timeoutMs: 10_000 }));
    expect(error.kind).toBe('no-token');
    expect(fly.log()).toEqual([]);
  });
});
