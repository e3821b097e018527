/**
 * Issue 17 through dist/index.js: a rollback is bounded, confirmed from what Fly runs, and the
 * record never claims more than was proved. The fake flyctl reproduces each case (a helper
 * holding stdout, a bluegreen deploy that never cuts over, a release that ends failed, machines
 * that kept their image, a colleague's deploy, a half-rolled-out release, a config-only release).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFlyApp, type Behaviour } from '../../fakes/fly-app/fly-app.mjs';
import {
  createFakeFly,
  FAKE_TOKEN,
  type FakeAppSpec,
  type FakeFly,
  type FakeHook,
} from '../helpers/fake-fly.js';
import {
  cleanupsAfterAll,
  FAST_GATE,
  runDist,
  type DistRun,
  type RunOptions,
} from '../helpers/run-dist.js';

const APP = 'shop';
const fast = { ...FAST_GATE, 'fly-app': APP };
const { cleanups } = cleanupsAfterAll();

interface Scenario {
  spec?: Partial<FakeAppSpec>;
  behaviours?: Record<number, Behaviour>;
  inputs?: Record<string, string>;
  hooks?: FakeHook[];
  /** Changes the fake's state before the step starts (e.g. a deploy still rolling out). */
  before?: (fly: FakeFly) => void;
  onSpawn?: RunOptions['onSpawn'];
  runTimeoutMs?: number;
}

interface Audit {
  verdict: string;
  reason: string;
  rollback: {
    triggered: boolean;
    verified: boolean;
    took_effect?: boolean;
    created?: { version: number; image: string; status: string | null } | null;
    overwritten?: string[];
  } | null;
}

async function scenario(s: Scenario) {
  const fly = createFakeFly({
    apps: [{ name: APP, releases: 4, ...s.spec }],
    ...(s.hooks ? { hooks: s.hooks } : {}),
  });
  cleanups.push(() => fly.cleanup());
  s.before?.(fly);
  const images = Object.fromEntries(fly.releases(APP).map((r) => [r.Version, r.ImageRef]));
  const behaviours = Object.fromEntries(
    Object.entries(s.behaviours ?? {}).map(([v, b]) => [images[Number(v)], b]),
  );
  const app = await startFlyApp({ statePath: fly.statePath, app: APP, behaviours });
  cleanups.push(() => app.close());
  const env = fly.env({ FLY_API_TOKEN: FAKE_TOKEN }) as Record<string, string>;
  const started = Date.now();
  const run: DistRun = await runDist({
    inputs: { ...fast, url: app.url, ...s.inputs },
    env,
    ...(s.onSpawn ? { onSpawn: s.onSpawn } : {}),
    timeoutMs: s.runTimeoutMs ?? 60_000,
  });
  const tookMs = Date.now() - started;
  cleanups.push(() => run.cleanup());
  cleanups.push(() => killProcessesWithEnv(`FLY_FAKE_STATE=${fly.statePath}`));
  const deploys = fly.log().filter((e) => e.argv[0] === 'deploy');
  const dir = run.outputs['audit-dir'] as string;
  const audit = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as Audit;
  return { run, fly, images, deploys, audit, dir, tookMs };
}

describe('case 1: a rollback that leaves a helper holding stdout', () => {
  it('ends within rollback-timeout plus grace, kills the helper, and streams the output', async () => {
    const { run, fly, tookMs } = await scenario({
      spec: { deployLeavesChildMs: 600_000 },
      behaviours: { 4: 'broken' },
      inputs: { 'rollback-timeout': '5s' },
      runTimeoutMs: 90_000,
    });
    expect(run.signal).toBeNull();
    expect(run.outputs.verdict).toBe('rolled-back');
    // Before: the step waited for the helper (40 s for a 40 s helper; forever for 10 min).
    expect(tookMs).toBeLessThan(45_000);
    expect(processesWithEnv(`FLY_FAKE_STATE=${fly.statePath}`)).toEqual([]);
    // The step log is not silent through the rollback and its verification.
    expect(run.stdout).toMatch(/ {2}rollback \| Updating existing machines in 'shop'/);
    expect(run.stdout).toMatch(/#\d+ verify http:\/\/127\.0\.0\.1:\d+\/healthz -> ok 200/);
  }, 120_000);
});

describe('case 2: flyctl deploy exits 0 but Fly did not move the app', () => {
  it.each([
    ['the new release ends failed', 'release-failed', /release v5 is "failed", not complete/],
    [
      'a bluegreen deploy never cut over',
      'no-cutover',
      /2 of 2 started machines do not run .* at v5/,
    ],
    [
      'the machines kept the old image',
      'machines-kept',
      /2 of 2 started machines do not run .* at v5/,
    ],
  ] as const)(
    '%s: rollback-failed, never "rolled back"',
    async (_name, effect, problem) => {
      const { run, audit, deploys } = await scenario({
        spec: { deployEffect: effect },
        behaviours: { 4: 'broken' },
        inputs: { 'fail-on-rollback': 'false' },
      });
      expect(deploys).toHaveLength(1);
      expect(deploys[0]?.exitCode).toBe(0);
      expect(run.outputs.verdict).toBe('rollback-failed');
      expect(run.outputs.reason).toMatch(problem);
      expect(run.outputs.reason).toContain('but it did not take effect');
      expect(run.outputs['rolled-back']).toBe('false');
      expect(run.exitCode).toBe(1);
      expect(audit.rollback).toMatchObject({
        triggered: true,
        verified: false,
        took_effect: false,
      });
      expect(run.stdout).toContain('The failed release is probably still serving');
    },
    60_000,
  );

  it('records the created release in audit.json when the rollback took effect', async () => {
    const { run, audit, images } = await scenario({ behaviours: { 4: 'broken' } });
    expect(run.outputs.verdict).toBe('rolled-back');
    expect(audit.rollback?.created).toEqual({ version: 5, image: images[3], status: 'complete' });
    expect(audit.rollback?.took_effect).toBe(true);
  }, 60_000);
});

describe('case 3: a colleague deploys between our re-read and our rollback', () => {
  it('names the overwritten release and asks a human to look', async () => {
    const colleague = 'registry.fly.io/shop:deployment-01JCOLLEAGUE000000000000000';
    const { run, audit } = await scenario({
      behaviours: { 4: 'broken' },
      hooks: [
        {
          command: 'deploy',
          call: 1,
          app: APP,
          addRelease: { imageRef: colleague, user: 'colleague@example.com' },
        },
      ],
    });
    expect(run.outputs.verdict).toBe('rollback-failed');
    expect(run.outputs.reason).toContain(
      `overwriting v5 (${colleague}, complete, by colleague@example.com)`,
    );
    expect(run.outputs['rollback-version']).toBe('6');
    expect(audit.rollback?.overwritten).toEqual([`v5 ${colleague} (complete)`]);
    expect(run.stdout).toContain('::error title=deploy-gate%3A rollback failed');
  }, 60_000);
});

describe('case 5: the workflow deploy is still rolling out when the gate starts', () => {
  it('judges the new release (v5), not the one flyctl status still shows (v4)', async () => {
    const { run, images, deploys } = await scenario({
      behaviours: { 5: 'broken' },
      before: (fly) => fly.addRelease(APP, { status: 'running', machines: 1 }),
      // The rollout finishes before the second look.
      hooks: [{ command: 'releases', call: 2, app: APP, settle: 'complete' }],
    });
    expect(run.outputs['release-under-test']).toBe('5');
    expect(run.outputs.verdict).toBe('rolled-back');
    expect(deploys.map((d) => d.argv[2])).toEqual([images[4]]);
    expect(run.stdout).toContain(
      'v5 is still rolling out (status "running", 1 of 2 machines on it',
    );
  }, 60_000);
});

describe('case 6: a config- or secrets-only release', () => {
  it('is not "rolled back" to older code: rollback-failed with the reason, nothing deployed', async () => {
    const same = 'registry.fly.io/shop:deployment-01JSAMEIMAGE000000000000000';
    const { run, deploys } = await scenario({
      spec: { images: { 3: same, 4: same } },
      behaviours: { 4: 'broken' },
    });
    expect(deploys).toEqual([]);
    expect(run.outputs.verdict).toBe('rollback-failed');
    expect(run.outputs.reason).toContain('v4 runs the same image as v3');
    expect(run.outputs.reason).toContain('changed only config, secrets or env');
  }, 60_000);
});

describe('case 7: SIGTERM while the rolled-back release is verified', () => {
  it('says the target was never judged, not that both releases share a cause', async () => {
    const { run } = await scenario({
      behaviours: { 3: 'broken', 4: 'broken' },
      inputs: { 'startup-timeout': '4s' },
      onSpawn: (child, stdout) => {
        const poll = setInterval(() => {
          if (stdout().includes('verifying the rolled-back release')) {
            clearInterval(poll);
            child.kill('SIGTERM');
          }
        }, 20);
      },
    });
    expect(run.outputs.verdict).toBe('rollback-failed');
    expect(run.outputs.reason).toContain('cancelled before the rolled-back release was judged');
    expect(run.stdout).not.toContain('shared');
  }, 90_000);
});

function processesWithEnv(marker: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))) continue;
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker))
        found.push(Number(pid));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

function killProcessesWithEnv(marker: string): void {
  for (const pid of processesWithEnv(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
