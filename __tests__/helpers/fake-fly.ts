/**
 * Test helpers around the fake flyctl (fakes/flyctl): a temp state with apps and realistic
 * releases, the env that puts the fake first on PATH, and readers for its state and log.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFlyApp } from '../../fakes/fly-app/fly-app.mjs';
import {
  addRelease,
  currentRelease,
  makeApp,
  makeRelease,
  makeState,
  readState,
  sortedReleases,
  updateState,
  writeState,
  type DeployBehaviour,
  type DeployEffect,
  type FakeHook,
  type FakeRelease,
  type FakeState,
  type NewRelease,
} from '../../fakes/flyctl/fake-state.mjs';

export type { FakeRelease, FakeState, FakeHook } from '../../fakes/flyctl/fake-state.mjs';

/** The folder holding the fake `flyctl` executable: put it first on PATH. */
export const FAKE_FLYCTL_DIR = fileURLToPath(new URL('../../fakes/flyctl', import.meta.url));

/** A sentinel token: tests look for exactly this value in the fake's log. */
export const FAKE_TOKEN = 'FlyV1 fm2_sentinel-token-7c1e';

export interface FakeAppSpec {
  name: string;
  /** Number of releases, v1..vN (default 3). */
  releases?: number;
  /** Status per version, e.g. { 42: 'failed' }; others are complete. */
  statuses?: Record<number, string>;
  /** Image per version, to model redeploys of an older image. */
  images?: Record<number, string>;
  machines?: number;
  orgSlug?: string;
  deploy?: DeployBehaviour;
  deployDelayMs?: number;
  /** What Fly does while flyctl deploy exits 0 (default: the machines move). */
  deployEffect?: DeployEffect;
  /** A deploy leaves a setsid()ed helper holding its stdout for this long. */
  deployLeavesChildMs?: number;
}

export interface FakeLogEntry {
  argv: string[];
  tokenSource: 'FLY_ACCESS_TOKEN' | 'FLY_API_TOKEN' | '--access-token' | null;
  token: string | null;
  /** null: a hanging deploy, logged when it started. */
  exitCode: number | null;
  at: string;
  /** The names of the variables the fake was started with. */
  env: string[];
}

export interface FakeFly {
  dir: string;
  statePath: string;
  logPath: string;
  /** An empty folder: a PATH with only it finds no flyctl. */
  emptyBinDir: string;
  /** An env for running the fake: its folder first on PATH, no Fly token of the host's. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  state(): FakeState;
  /** Changes the state under the fake's own lock. */
  update<T>(change: (state: FakeState) => T): T;
  log(): FakeLogEntry[];
  releases(app: string): FakeRelease[];
  currentRelease(app: string): FakeRelease;
  /** Someone else's deploy lands: a new release (version max + 1), machines moved to it. */
  addRelease(app: string, release?: NewRelease): FakeRelease;
  setDeploy(app: string, behaviour: DeployBehaviour, delayMs?: number): void;
  cleanup(): void;
}

/** A release as `flyctl releases --json` prints it, for pure unit tests. */
export function release(
  version: number,
  options: { status?: string; imageRef?: string; app?: string } = {},
): FakeRelease {
  return makeRelease({
    app: options.app ?? 'shop',
    version,
    status: options.status,
    imageRef: options.imageRef,
  });
}

export function createFakeFly(options: {
  apps: FakeAppSpec[];
  tokens?: string[];
  hooks?: FakeHook[];
}): FakeFly {
  const dir = mkdtempSync(join(tmpdir(), 'fake-fly-'));
  const statePath = join(dir, 'state.json');
  const logPath = join(dir, 'flyctl.log');
  const emptyBinDir = join(dir, 'empty-bin');
  mkdirSync(emptyBinDir);
  const apps = options.apps.map((spec) => {
    const app = makeApp(spec);
    if (spec.deploy) app.deploy = spec.deploy;
    if (spec.deployDelayMs !== undefined) app.deployDelayMs = spec.deployDelayMs;
    if (spec.deployEffect) app.deployEffect = spec.deployEffect;
    if (spec.deployLeavesChildMs) app.deployLeavesChildMs = spec.deployLeavesChildMs;
    return app;
  });
  const state = makeState({ tokens: options.tokens ?? [FAKE_TOKEN], apps, hooks: options.hooks });
  writeState(statePath, state);

  const appOf = (s: FakeState, name: string) => {
    const app = s.apps[name];
    if (!app) throw new Error(`fake state has no app "${name}"`);
    return app;
  };
  return {
    dir,
    statePath,
    logPath,
    emptyBinDir,
    env(extra = {}) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${FAKE_FLYCTL_DIR}${delimiter}${process.env.PATH ?? ''}`,
        // FLY_* like flyctl's own settings, so they pass the minimal env deploy-gate builds.
        FLY_FAKE_STATE: statePath,
        FLY_FAKE_LOG: logPath,
      };
      for (const name of [
        'FLY_ACCESS_TOKEN',
        'FLY_API_TOKEN',
        'FLY_APP',
        'FLY_EMIT_RELEASE_JSON',
      ]) {
        delete env[name];
      }
      return { ...env, ...extra };
    },
    state: () => readState(statePath),
    update: (change) => updateState(statePath, change),
    log: () =>
      existsSync(logPath)
        ? readFileSync(logPath, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as FakeLogEntry)
        : [],
    releases: (app) => sortedReleases(appOf(readState(statePath), app)),
    currentRelease: (app) => {
      const current = currentRelease(appOf(readState(statePath), app));
      if (!current) throw new Error(`app "${app}" has no release`);
      return current;
    },
    addRelease: (app, newRelease) =>
      updateState(statePath, (s) => addRelease(appOf(s, app), newRelease)),
    setDeploy: (app, behaviour, delayMs) =>
      updateState(statePath, (s) => {
        const target = appOf(s, app);
        target.deploy = behaviour;
        if (delayMs !== undefined) target.deployDelayMs = delayMs;
      }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A Fly app whose newest release (the one under test) serves errors while the older ones are
 * healthy: the fake flyctl and the app it routes to, both added to `cleanups`.
 */
export async function flyAppWithBrokenRelease(
  cleanups: Array<() => unknown>,
  spec: FakeAppSpec & { releases: number },
  options: { tokens?: string[] } = {},
): Promise<{
  fly: FakeFly;
  app: Awaited<ReturnType<typeof startFlyApp>>;
  /** Image reference by release version. */
  images: Record<number, string>;
}> {
  const fly = createFakeFly({ apps: [spec], ...options });
  cleanups.push(() => fly.cleanup());
  const images = Object.fromEntries(fly.releases(spec.name).map((r) => [r.Version, r.ImageRef]));
  const app = await startFlyApp({
    statePath: fly.statePath,
    app: spec.name,
    behaviours: { [images[spec.releases] as string]: 'broken' },
  });
  cleanups.push(() => app.close());
  return { fly, app, images };
}
