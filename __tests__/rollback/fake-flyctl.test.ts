/**
 * The fake flyctl must behave like the real CLI where deploy-gate touches it: if it drifts,
 * the driver's tests prove nothing. These tests pin the contract the fake reproduces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type CommandResult } from '../../src/rollback/run-command.js';
import { createFakeFly, FAKE_TOKEN, type FakeFly } from '../helpers/fake-fly.js';

let fly: FakeFly;
afterEach(() => fly?.cleanup());

function flyctl(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCommand('flyctl', args, {
    env: fly.env({ FLY_ACCESS_TOKEN: FAKE_TOKEN, ...env }),
    timeoutMs: 10_000,
  });
}

function json(result: CommandResult): unknown {
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
  return JSON.parse(result.stdout);
}

const RELEASE_KEYS = [
  'ID',
  'Version',
  'Stable',
  'InProgress',
  'Reason',
  'Description',
  'Status',
  'DeploymentStrategy',
  'Metadata',
  'User',
  'EvaluationID',
  'CreatedAt',
  'ImageRef',
];
const MACHINE_KEYS = [
  'id',
  'name',
  'state',
  'region',
  'image_ref',
  'instance_id',
  'private_ip',
  'created_at',
  'updated_at',
  'config',
  'events',
  'checks',
  'host_status',
];

describe('read commands', () => {
  beforeEach(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 30, statuses: { 30: 'failed' } }] });
  });

  it('lists the latest 25 releases, newest first, PascalCase keys in flyctl order', async () => {
    const releases = json(await flyctl(['releases', '--json', '--app', 'shop'])) as Record<
      string,
      unknown
    >[];
    expect(releases).toHaveLength(25);
    expect(releases.map((r) => r.Version)).toEqual(Array.from({ length: 25 }, (_, i) => 30 - i));
    expect(Object.keys(releases[0] ?? {})).toEqual(RELEASE_KEYS);
    expect(Object.keys(releases[0]?.User as object)).toEqual(['ID', 'Name', 'Email']);
    expect(releases[1]?.ImageRef).toMatch(
      /^registry\.fly\.io\/shop:deployment-01[0-9A-HJKMNP-TV-Z]{24}$/,
    );
  });

  it('answers `apps releases`, `-a`, `--app=` and `-j` the same way', async () => {
    const reference = (await flyctl(['releases', '--json', '--app', 'shop'])).stdout;
    for (const args of [
      ['apps', 'releases', '--json', '--app', 'shop'],
      ['releases', '-j', '-a', 'shop'],
      ['releases', '--json', '--app=shop'],
      ['--app', 'shop', 'releases', '--json'],
    ]) {
      expect((await flyctl(args)).stdout).toBe(reference);
    }
  });

  it('prints status keys alphabetically, with the current release as Version', async () => {
    const status = json(await flyctl(['status', '--json', '--app', 'shop'])) as Record<
      string,
      unknown
    >;
    expect(Object.keys(status)).toEqual([
      'AppURL',
      'Deployed',
      'Hostname',
      'ID',
      'Machines',
      'Name',
      'Organization',
      'PlatformVersion',
      'Status',
      'Version',
    ]);
    expect(Object.keys(status.Organization as object)).toEqual(['ID', 'Slug', 'Name', 'PaidPlan']);
    // v30 failed: the current release is the newest complete one.
    expect(status).toMatchObject({ Version: 29, Name: 'shop', Hostname: 'shop.fly.dev' });
  });

  it('lists machines as a bare snake_case array running the current release', async () => {
    const machines = json(await flyctl(['machines', 'list', '--json', '--app', 'shop'])) as {
      config: { image: string; metadata: Record<string, string> };
      image_ref: { tag: string };
    }[];
    expect(machines).toHaveLength(2);
    expect(Object.keys(machines[0] ?? {})).toEqual(MACHINE_KEYS);
    const current = fly.currentRelease('shop');
    for (const machine of machines) {
      expect(machine.config.metadata.fly_release_version).toBe('29');
      expect(machine.config.image).toBe(current.ImageRef);
      expect(current.ImageRef.endsWith(`:${machine.image_ref.tag}`)).toBe(true);
    }
  });

  it('prints a version line without needing a token', async () => {
    const result = await runCommand('flyctl', ['version'], { env: fly.env(), timeoutMs: 10_000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^flyctl v\d+\.\d+\.\d+ /);
  });
});

describe('errors like the real CLI', () => {
  beforeEach(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 3 }] });
  });

  it.each([
    [
      ['releases', 'rollback', '--app', 'shop'],
      'Error: unknown command "rollback" for "flyctl releases"',
    ],
    [
      ['apps', 'releases', 'rollback', '-a', 'shop'],
      'Error: unknown command "rollback" for "flyctl apps releases"',
    ],
    [['rollback', '--app', 'shop'], 'Error: unknown command "rollback" for "flyctl"'],
    [
      ['deploy', '--image', 'nginx:1', '--app', 'shop', '--region', 'iad'],
      'Error: unknown flag: --region',
    ],
    [['releases', '--json', '--app'], 'Error: flag needs an argument: --app'],
    [['status', '--json', '-x'], "Error: unknown shorthand flag: 'x' in -x"],
    [['status', '--json', '--app', 'nope'], 'Error: Could not find App "nope"'],
  ])('%j fails with exit 1', async (args, message) => {
    const result = await flyctl(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stdout).toBe('');
  });

  it('accepts --regions, which does exist', async () => {
    const result = await flyctl([
      'deploy',
      '--image',
      'nginx:1.27',
      '--app',
      'shop',
      '--yes',
      '--regions',
      'iad',
    ]);
    expect(result.exitCode).toBe(0);
  });

  it('wants an app name from somewhere', async () => {
    const result = await flyctl(['releases', '--json']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('missing an app name');
  });

  it('reads the app name from the config file', async () => {
    const config = join(fly.dir, 'fly.toml');
    writeFileSync(config, 'app = "shop"\nprimary_region = "iad"\n');
    expect(json(await flyctl(['status', '--json', '--config', config]))).toMatchObject({
      Name: 'shop',
    });
  });

  it('fails a deploy whose config file does not exist', async () => {
    const missing = join(fly.dir, 'nope.toml');
    const result = await flyctl([
      'deploy',
      '--image',
      'nginx:1.27',
      '--app',
      'shop',
      '--yes',
      '-c',
      missing,
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`Error: failed loading app config from ${missing}`);
  });
});

describe('auth', () => {
  beforeEach(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
  });
  const status = (env: NodeJS.ProcessEnv, extra: string[] = []) =>
    runCommand('flyctl', ['status', '--json', '--app', 'shop', ...extra], {
      env: fly.env(env),
      timeoutMs: 10_000,
    });

  it('takes FLY_ACCESS_TOKEN, then FLY_API_TOKEN, then --access-token', async () => {
    await status({ FLY_ACCESS_TOKEN: FAKE_TOKEN, FLY_API_TOKEN: 'other' });
    await status({ FLY_API_TOKEN: FAKE_TOKEN });
    await status({}, ['--access-token', FAKE_TOKEN]);
    expect(fly.log().map((e) => [e.tokenSource, e.token, e.exitCode])).toEqual([
      ['FLY_ACCESS_TOKEN', FAKE_TOKEN, 0],
      ['FLY_API_TOKEN', FAKE_TOKEN, 0],
      ['--access-token', FAKE_TOKEN, 0],
    ]);
  });

  it('lets a set-but-empty FLY_ACCESS_TOKEN hide FLY_API_TOKEN', async () => {
    const result = await status({ FLY_ACCESS_TOKEN: '', FLY_API_TOKEN: FAKE_TOKEN });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      "Error: no access token available. Please login with 'flyctl auth login'\n",
    );
  });

  it('refuses an unknown token', async () => {
    const result = await status({ FLY_ACCESS_TOKEN: 'fm2_wrong' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('You must be authenticated');
  });

  it('accepts the token with or without its FlyV1 scheme', async () => {
    const bare = FAKE_TOKEN.replace('FlyV1 ', '');
    expect((await status({ FLY_ACCESS_TOKEN: bare })).exitCode).toBe(0);
  });
});

describe('deploy', () => {
  const IMAGE = 'registry.fly.io/shop:deployment-01JROLLBACK0000000000000000';
  const deployArgs = (...extra: string[]) => [
    'deploy',
    '--image',
    IMAGE,
    '--app',
    'shop',
    '--yes',
    ...extra,
  ];

  it('creates a new, higher release running the image and moves the machines', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 5 }] });
    const result = await flyctl(deployArgs(), { FLY_EMIT_RELEASE_JSON: '1' });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    const emitted = JSON.parse(lines.at(-1) ?? '');
    const current = fly.currentRelease('shop');
    expect(emitted).toEqual({ id: current.ID, version: 6, image_ref: IMAGE });
    expect(current).toMatchObject({
      Version: 6,
      ImageRef: IMAGE,
      Status: 'complete',
      Stable: true,
    });
    for (const machine of fly.state().apps.shop?.machines ?? []) {
      expect(machine.config.metadata.fly_release_version).toBe('6');
    }
  });

  it('prints no release JSON without FLY_EMIT_RELEASE_JSON=1', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    const result = await flyctl(deployArgs());
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('"version"');
  });

  it('fails a deploy whose health checks fail: exit 1, release failed', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deploy: 'fail' }] });
    const result = await flyctl(deployArgs(), { FLY_EMIT_RELEASE_JSON: '1' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: timeout reached waiting for health checks to pass for machine /,
    );
    expect(fly.releases('shop')[0]).toMatchObject({ Version: 3, Status: 'failed', Stable: false });
    expect(fly.currentRelease('shop').Version).toBe(2);
  });

  it('leaves the machines alone when a bluegreen deploy fails', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deploy: 'fail' }] });
    await flyctl(deployArgs('--strategy', 'bluegreen'));
    const machines = fly.state().apps.shop?.machines ?? [];
    expect(machines.map((m) => m.config.metadata.fly_release_version)).toEqual(['2', '2']);
    expect(fly.releases('shop')[0]?.DeploymentStrategy).toBe('BLUEGREEN');
  });

  it('fails when the health checks outlast --wait-timeout', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deployDelayMs: 60_000 }] });
    const result = await flyctl(deployArgs('--wait-timeout', '50ms'));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('context deadline exceeded');
  });

  it('takes --deploy-retries as a count or auto, and refuses anything else as flyctl does', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    expect((await flyctl(deployArgs('--deploy-retries', '0'))).exitCode).toBe(0);
    expect((await flyctl(deployArgs('--deploy-retries', 'auto'))).exitCode).toBe(0);
    const bad = await flyctl(deployArgs('--deploy-retries', 'twice'));
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('invalid argument "twice" for "--deploy-retries" flag');
  });

  it('exits 0 with --detach even though the deploy fails: why a rollback must never detach', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deploy: 'fail' }] });
    const result = await flyctl(deployArgs('--detach'));
    expect(result.exitCode).toBe(0);
    expect(fly.releases('shop')[0]?.Status).toBe('failed');
  });

  it('hangs until killed, logging the call up front and leaving the release running', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2, deploy: 'hang' }] });
    const controller = new AbortController();
    const result = await runCommand('flyctl', deployArgs(), {
      env: fly.env({ FLY_ACCESS_TOKEN: FAKE_TOKEN }),
      timeoutMs: 60_000,
      signal: controller.signal,
      onOutput: (_stream, chunk) => {
        if (chunk.includes('to become healthy')) controller.abort();
      },
    });
    // Cancelled like the real CLI: SIGTERM, `Error: context canceled`, exit 127.
    expect(result).toMatchObject({ cancelled: true, exitCode: 127 });
    expect(result.stderr).toBe('Error: context canceled\n');
    expect(fly.log()).toEqual([expect.objectContaining({ argv: deployArgs(), exitCode: null })]);
    expect(fly.releases('shop')[0]).toMatchObject({
      Version: 3,
      Status: 'running',
      InProgress: true,
    });
  });

  it('rejects a strategy flyctl does not know', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    const result = await flyctl(deployArgs('--strategy', 'yolo'));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("unsupported deployment strategy 'yolo'");
  });
});

describe('hooks and the log', () => {
  it('lands a newer release right before the Nth call of a command', async () => {
    fly = createFakeFly({
      apps: [{ name: 'shop', releases: 3 }],
      hooks: [{ command: 'releases', call: 2, addRelease: { user: 'colleague@example.com' } }],
    });
    const first = json(await flyctl(['releases', '--json', '--app', 'shop'])) as {
      Version: number;
    }[];
    const second = json(await flyctl(['releases', '--json', '--app', 'shop'])) as {
      Version: number;
      User: { Email: string };
    }[];
    expect(first[0]?.Version).toBe(3);
    expect(second[0]).toMatchObject({ Version: 4, User: { Email: 'colleague@example.com' } });
    expect(fly.state().hooks[0]?.fired).toBe(true);
    expect(fly.state().calls).toEqual({ 'shop releases': 2 });
  });

  it('logs argv, token source, token and exit code for every call', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    await flyctl(['status', '--json', '--app', 'shop']);
    await flyctl(['rollback']);
    const log = fly.log();
    expect(log).toEqual([
      {
        argv: ['status', '--json', '--app', 'shop'],
        tokenSource: 'FLY_ACCESS_TOKEN',
        token: FAKE_TOKEN,
        exitCode: 0,
        at: expect.any(String),
        env: expect.arrayContaining(['FLY_ACCESS_TOKEN', 'FLY_FAKE_STATE']),
      },
      {
        argv: ['rollback'],
        tokenSource: 'FLY_ACCESS_TOKEN',
        token: FAKE_TOKEN,
        exitCode: 1,
        at: expect.any(String),
        env: expect.any(Array),
      },
    ]);
  });

  it('keeps every update when calls run at the same time', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => flyctl(['status', '--json', '--app', 'shop'])),
    );
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(fly.state().calls).toEqual({ 'shop status': 6 });
  });
});
