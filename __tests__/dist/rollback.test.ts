/**
 * Rollback end to end through dist/index.js: the fake flyctl (fakes/flyctl) on PATH, a sample
 * app on 127.0.0.1 that serves whatever release the fake says is current.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlyApp, type Behaviour } from '../../fakes/fly-app/fly-app.mjs';
import {
  createFakeFly,
  FAKE_TOKEN,
  flyAppWithBrokenRelease,
  type FakeAppSpec,
  type FakeFly,
} from '../helpers/fake-fly.js';
import { startServer } from '../helpers/http-server.js';
import {
  cleanupsAfterAll,
  FAST_GATE,
  runDist,
  stateEnv,
  type DistRun,
} from '../helpers/run-dist.js';

const APP = 'shop';
const fast = { ...FAST_GATE, 'fly-app': APP };
const fastPlain = FAST_GATE;
const { cleanups, track } = cleanupsAfterAll();

interface Scenario {
  spec?: Partial<FakeAppSpec>;
  /** Behaviour per release version; others are healthy. */
  behaviours?: Record<number, Behaviour>;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  hooks?: Parameters<typeof createFakeFly>[0]['hooks'];
}

async function scenario(
  s: Scenario,
): Promise<{ run: DistRun; fly: FakeFly; images: Record<number, string>; deploys: string[][] }> {
  const fly = createFakeFly({
    apps: [{ name: APP, releases: 4, ...s.spec }],
    ...(s.hooks ? { hooks: s.hooks } : {}),
  });
  cleanups.push(() => fly.cleanup());
  const images = Object.fromEntries(fly.releases(APP).map((r) => [r.Version, r.ImageRef]));
  const behaviours = Object.fromEntries(
    Object.entries(s.behaviours ?? {}).map(([v, b]) => [images[Number(v)], b]),
  );
  const app = await startFlyApp({ statePath: fly.statePath, app: APP, behaviours });
  cleanups.push(() => app.close());
  const env = fly.env({ FLY_API_TOKEN: FAKE_TOKEN, ...s.env }) as Record<string, string>;
  const run = await runDist({ inputs: { ...fast, url: app.url, ...s.inputs }, env });
  cleanups.push(() => run.cleanup());
  const deploys = fly
    .log()
    .filter((e) => e.argv[0] === 'deploy')
    .map((e) => e.argv);
  return { run, fly, images, deploys };
}

describe('rollback through dist/index.js with the fake flyctl', () => {
  it('rolls a bad release back to the previous good one, verifies it, and records it all', async () => {
    const { run, fly, images, deploys } = await scenario({ behaviours: { 4: 'broken' } });
    expect(run.outputs.verdict).toBe('rolled-back');
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      'rolled-back': 'true',
      'release-under-test': '4',
      'rollback-version': '5',
      'rollback-image': images[3],
    });
    expect(deploys).toEqual([
      ['deploy', '--image', images[3], '--app', APP, '--yes', '--deploy-retries', '0'],
    ]);
    expect(fly.currentRelease(APP)).toMatchObject({ Version: 5, ImageRef: images[3] });
    expect(run.outputs.reason).toMatch(
      /^no 3 consecutive successes within 1s: .*; rolled back to v3, now release v5, which passed the gate$/,
    );
    const dir = run.outputs['audit-dir'] as string;
    for (const f of ['releases', 'status', 'machines']) {
      expect(existsSync(join(dir, 'fly', `${APP}-${f}.json`))).toBe(true);
      expect(existsSync(join(dir, 'fly', `${APP}-${f}-after.json`))).toBe(true);
    }
    expect(readFileSync(join(dir, 'rollback.log'), 'utf8')).toContain('"version":5');
    expect(run.summary).toMatch(
      /^## ❌ shop v4 failed its gate — rolled back to v3 \(now v5, verified ✅\)\n/,
    );
    expect(run.summary).toMatch(/- \*\*Verification:\*\* ✅ healthy — \d+ probes/);
    expect(run.summary).toMatch(/`\+[\d.]+ (ms|s)` rollback started → v3/);
    expect(run.stdout).toContain('::warning title=deploy-gate%3A the release was rolled back::');
  });

  it('passes the step after a verified rollback when fail-on-rollback is false', async () => {
    const { run } = await scenario({
      behaviours: { 4: 'broken' },
      inputs: { 'fail-on-rollback': 'false' },
    });
    expect(run.outputs.verdict).toBe('rolled-back');
    expect(run.exitCode).toBe(0);
  });

  it('skips a failed release in between', async () => {
    const { run, images, deploys } = await scenario({
      spec: { releases: 5, statuses: { 4: 'failed' } },
      behaviours: { 5: 'broken' },
    });
    expect(run.outputs.verdict).toBe('rolled-back');
    expect(deploys[0]?.[2]).toBe(images[3]);
    expect(run.summary).toMatch(/skipped v4 (\(|&#40;)failed/);
  });

  it('says rollback-failed when the target is bad too, and a human must act', async () => {
    const { run, deploys } = await scenario({ behaviours: { 3: 'broken', 4: 'broken' } });
    expect(deploys).toHaveLength(1);
    expect(run.outputs.verdict).toBe('rollback-failed');
    expect(run.outputs.reason).toContain('but it is unhealthy too');
    // Fly confirmed the rollback image on every machine, so the advice is about a shared cause.
    expect(run.stdout).toContain(
      '::error title=deploy-gate%3A rollback failed%2C a human must act now::Fly shows the rollback image on every machine and it fails the gate too',
    );
    expect(run.summary).toContain('> [!CAUTION]\n> **Act now:** ');
  });

  it('says rollback-failed when flyctl deploy exits 1', async () => {
    const { run } = await scenario({ spec: { deploy: 'fail' }, behaviours: { 4: 'broken' } });
    expect(run.outputs.verdict).toBe('rollback-failed');
    expect(run.outputs.reason).toMatch(/the rollback failed: flyctl deploy exited with 1: Error: /);
    // Tried is not done: nothing was rolled back, and no release was created by it.
    expect(run.outputs['rolled-back']).toBe('false');
    expect(run.outputs['rollback-version']).toBe('');
  });

  it('kills a hanging flyctl deploy at rollback-timeout and ends the step', async () => {
    const { run } = await scenario({
      spec: { deploy: 'hang' },
      behaviours: { 4: 'broken' },
      inputs: { 'rollback-timeout': '500ms' },
    });
    expect(run.outputs.verdict).toBe('rollback-failed');
    expect(run.outputs.reason).toContain('flyctl deploy killed after the rollback-timeout');
    expect(run.exitCode).toBe(1);
  });

  it('does not roll back over a newer deploy that landed while the gate ran', async () => {
    const { run, deploys } = await scenario({
      behaviours: { 4: 'broken' },
      hooks: [
        {
          command: 'releases',
          call: 2,
          app: APP,
          addRelease: {
            imageRef: 'registry.fly.io/shop:deployment-01JNEWERDEPLOYXXXXXXXXXXXXX',
            status: 'complete',
          },
        },
      ],
    });
    expect(deploys).toEqual([]);
    expect(run.outputs.verdict).toBe('unhealthy');
    expect(run.outputs.reason).toContain(
      'not rolled back: a newer deploy took over (v5 came after v4, the release the gate judged)',
    );
  });

  it.each([
    ['dry-run', { 'dry-run': 'true' }, 'dry-run: would roll back with flyctl deploy of v3'],
    ['rollback: none', { rollback: 'none' }, undefined],
  ])('%s never calls flyctl deploy', async (_name, inputs, reason) => {
    const { run, deploys } = await scenario({ behaviours: { 4: 'broken' }, inputs });
    expect(deploys).toEqual([]);
    expect(run.outputs.verdict).toBe('unhealthy');
    expect(run.outputs['rolled-back']).toBe('false');
    if (reason) expect(run.outputs.reason).toContain(reason);
  });

  it('does not roll back a release that never served (expected-version mismatch)', async () => {
    const { run, deploys } = await scenario({
      inputs: { 'expected-version': 'deployment-NEVER-SERVED' },
    });
    expect(deploys).toEqual([]);
    expect(run.outputs.verdict).toBe('unhealthy');
    expect(run.outputs.reason).toMatch(
      /^expected version deployment-NEVER-SERVED never served within 1s .*not rolled back: the new release never served, so there is nothing to undo\)$/,
    );
  });

  it('fails early with a clear message when no token is available, before any probe', async () => {
    const { run, fly } = await scenario({
      env: { FLY_API_TOKEN: '' },
      behaviours: { 4: 'broken' },
    });
    expect(run.outputs.verdict).toBe('error');
    expect(run.outputs.attempts).toBe('0');
    expect(run.stdout).toContain('No Fly.io token is available. Set the FLY_API_TOKEN secret');
    expect(fly.log().filter((e) => e.argv[0] === 'deploy')).toEqual([]);
  });

  it('points at setup-flyctl when flyctl is missing', async () => {
    const fly = createFakeFly({ apps: [{ name: APP }] });
    cleanups.push(() => fly.cleanup());
    const run = await runDist({
      inputs: { ...fast, url: 'http://127.0.0.1:9/' },
      env: {
        PATH: `${fly.emptyBinDir}:${process.env.PATH?.split(':')
          .filter((p) => !p.includes('fakes'))
          .join(':')}`,
        FLY_API_TOKEN: FAKE_TOKEN,
      },
    });
    cleanups.push(() => run.cleanup());
    expect(run.outputs.verdict).toBe('error');
    expect(run.stdout).toContain(
      'flyctl is not installed on this runner. Add a step `uses: superfly/flyctl-actions/setup-flyctl@master`',
    );
  });

  it('works with an empty FLY_ACCESS_TOKEN beside a valid FLY_API_TOKEN (flyctl gets exactly one token)', async () => {
    const { run, fly } = await scenario({
      env: { FLY_ACCESS_TOKEN: '' },
      behaviours: { 4: 'broken' },
    });
    expect(run.outputs.verdict).toBe('rolled-back');
    const deploy = fly.log().find((e) => e.argv[0] === 'deploy');
    expect(deploy).toMatchObject({
      tokenSource: 'FLY_ACCESS_TOKEN',
      token: FAKE_TOKEN,
      exitCode: 0,
    });
  });
});

describe('rollback-command (platforms other than Fly)', () => {
  it('runs the command without a shell, with the context in DEPLOY_GATE_* variables, then verifies', async () => {
    let healthy = false;
    const svc = await startServer({
      '/healthz': (_q, res) =>
        res.writeHead(healthy ? 200 : 503).end(healthy ? '{"version":"old"}' : '{"version":"new"}'),
    });
    const flip = await startServer({
      '/flip': (_q, res) => ((healthy = true), res.end('flipped')),
    });
    cleanups.push(
      () => svc.close(),
      () => flip.close(),
    );
    const script = join(tmpdir(), `dg-rollback-${process.pid}.mjs`);
    writeFileSync(
      script,
      [
        "import { writeFileSync } from 'node:fs';",
        "const vars = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DEPLOY_GATE_')));",
        'writeFileSync(process.argv[2], JSON.stringify({ argv: process.argv.slice(3), vars }));',
        'await fetch(process.argv[3]);',
        "console.log('rolled back; token=' + process.argv[4]);",
      ].join('\n'),
    );
    const record = join(tmpdir(), `dg-rollback-${process.pid}.json`);
    cleanups.push(
      () => rmSync(script, { force: true }),
      () => rmSync(record, { force: true }),
    );
    const run = track(
      await runDist({
        inputs: {
          ...fastPlain,
          url: svc.url('/healthz'),
          headers: 'Authorization: Bearer cmd-secret-123',
          'rollback-command': `${process.execPath} ${script} ${record} ${flip.url('/flip')} "Bearer cmd-secret-123" '$HOME;|x'`,
        },
      }),
    );
    expect(run.outputs.verdict).toBe('rolled-back');
    const seen = JSON.parse(readFileSync(record, 'utf8')) as {
      argv: string[];
      vars: Record<string, string>;
    };
    expect(seen.argv.slice(1)).toEqual(['Bearer cmd-secret-123', '$HOME;|x']);
    expect(seen.vars).toMatchObject({
      DEPLOY_GATE_VERDICT: 'unhealthy',
      DEPLOY_GATE_URLS: svc.url('/healthz'),
    });
    expect(seen.vars.DEPLOY_GATE_REASON).toMatch(/^no 3 consecutive successes/);
    const log = readFileSync(join(run.outputs['audit-dir'] as string, 'rollback.log'), 'utf8');
    expect(log).toContain('rolled back; token=***');
    expect(log).not.toContain('cmd-secret-123');
  });

  it('kills a rollback-command past rollback-timeout: rollback-failed', async () => {
    const svc = await startServer({ '/healthz': (_q, res) => res.writeHead(503).end() });
    cleanups.push(() => svc.close());
    const run = track(
      await runDist({
        inputs: {
          ...fastPlain,
          url: svc.url('/healthz'),
          'rollback-command': `${process.execPath} -e "setInterval(() => {}, 1000)"`,
          'rollback-timeout': '300ms',
        },
      }),
    );
    expect(run.outputs.verdict).toBe('rollback-failed');
    expect(run.outputs.reason).toContain('rollback-command killed after the rollback-timeout');
  });
});

describe('a step killed while its rollback runs', () => {
  it('leaves a record that says a rollback was started and not finished; the post step seals it', async () => {
    const { fly, app, images } = await flyAppWithBrokenRelease(cleanups, {
      name: APP,
      releases: 4,
      deploy: 'hang',
    });
    // The hanging flyctl runs in its own process group, which a SIGKILLed step cannot clean up.
    cleanups.push(() => killProcessesWithEnv(`FLY_FAKE_STATE=${fly.statePath}`));
    const env = fly.env({ FLY_API_TOKEN: FAKE_TOKEN }) as Record<string, string>;
    const inputs = { ...fast, url: app.url, 'rollback-timeout': '5m' };
    const main = track(
      await runDist({
        inputs,
        env,
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (fly.log().some((e) => e.argv[0] === 'deploy' && e.exitCode === null)) {
              clearInterval(poll);
              child.kill('SIGKILL');
            }
          }, 50);
        },
      }),
    );
    expect(main.signal).toBe('SIGKILL');
    const post = await runDist({
      entry: 'post.js',
      inputs,
      env: { ...env, ...stateEnv(main.state) },
      workDir: main.workDir,
    });
    const dir = main.state['audit-dir'] as string;
    const audit = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as {
      verdict: string;
      reason: string;
      rollback: {
        triggered: boolean;
        to: string;
        image: string;
        command: string[];
        verified: boolean;
      };
    };
    expect(post.exitCode).toBe(0);
    // Not "unhealthy, no rollback ran": a rollback started and nobody knows how it ended.
    expect(audit.verdict).toBe('rollback-failed');
    expect(audit.reason).toContain('a rollback was started');
    expect(audit.reason).toContain('outcome unknown');
    expect(audit.rollback).toMatchObject({
      triggered: true,
      to: 'v3',
      image: images[3],
      verified: false,
    });
    expect(audit.rollback.command).toEqual([
      'flyctl',
      'deploy',
      '--image',
      images[3],
      '--app',
      APP,
      '--yes',
      '--deploy-retries',
      '0',
      // The planned command asks flyctl to give up on health checks before rollback-timeout.
      '--wait-timeout',
      expect.stringMatching(/^\d+s$/),
    ]);
    expect(existsSync(join(dir, 'SHA256SUMS'))).toBe(true);
  });
});

/** Kills the processes whose environment holds `marker` (Linux /proc). */
function killProcessesWithEnv(marker: string): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker))
        process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already, or not ours to read
    }
  }
}
