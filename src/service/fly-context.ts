/**
 * Before the first probe: check that flyctl can do its job, snapshot the app (releases, status,
 * machines), and name the release under test and the rollback target. Any problem here fails
 * fast with a message that says what to do.
 */
import { selectRollbackTarget, type TargetSelection } from '../rollback/select-target.js';
import { Flyctl, SETUP_FLYCTL_STEP } from '../rollback/flyctl.js';
import { FlyctlError, type FlySnapshot } from '../rollback/flyctl-results.js';
import { pickFlyToken } from '../rollback/fly-token.js';
import type { FlyRelease } from '../rollback/fly-schemas.js';
import type { FlySettings, RollbackSettings } from '../rollback/rollback-settings.js';
import type { Recorder } from '../evidence/recorder.js';
import type { Clock } from '../gate/clock.js';
import { releaseUnderTest } from '../rollback/release-under-test.js';

export interface ReleaseRef {
  version: number;
  image?: string;
}

export interface FlyContext {
  flyctl: Flyctl;
  app: string;
  orgSlug: string;
  hostname: string;
  underTest: ReleaseRef;
  target: TargetSelection;
  before: FlySnapshot;
}

/** flyctl's own default --wait-timeout: a deploy still rolling out after it has failed to. */
const ROLLOUT_WAIT_MS = 5 * 60_000;
const ROLLOUT_POLL_MS = 5_000;

export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}

/** What to do about each way flyctl can fail before the gate, in the reader's words. */
function advice(error: FlyctlError, app: string): string {
  switch (error.kind) {
    case 'missing-binary':
      return `flyctl is not installed on this runner. Add a step \`uses: ${SETUP_FLYCTL_STEP}\` before deploy-gate.`;
    case 'no-token':
      // No `NAME: value` shape in the advice: the redactor would cut it there (`…FLY_API_TOKEN: ***`).
      return 'No Fly.io token is available. Set the FLY_API_TOKEN secret and hand it to this step in its `env` (FLY_API_TOKEN set to `${{ secrets.FLY_API_TOKEN }}`), or set the `fly-api-token` input.';
    case 'auth':
      return `Fly.io refused the token (${error.message}). Create a deploy token with \`fly tokens create deploy -a ${app}\` and store it as the FLY_API_TOKEN secret.`;
    case 'unknown-app':
      return `Fly.io has no app "${app}" that this token can see (${error.message}). Check the \`fly-app\` input.`;
    default:
      return `flyctl failed before the gate: ${error.message}`;
  }
}

export function releaseImage(releases: readonly FlyRelease[], version: number): string | undefined {
  return releases.find((r) => r.Version === version)?.ImageRef || undefined;
}

export async function prepareFly(options: {
  fly: FlySettings;
  rollback: RollbackSettings;
  env: NodeJS.ProcessEnv;
  recorder: Recorder;
  signal?: AbortSignal;
  bin?: string;
  knownBad?: ReadonlyMap<number, string>;
  /** Waits while the workflow's deploy is still rolling out (tests inject a virtual one). */
  clock?: Clock;
  log?: (line: string) => void;
  /** How long to wait for a rollout to finish (default: flyctl's own 5 min). */
  rolloutWaitMs?: number;
}): Promise<FlyContext> {
  const { fly, env, recorder } = options;
  const token = pickFlyToken(fly.tokenInput, env);
  if (!token) {
    throw new PreflightError(advice(new FlyctlError('no-token', 'no token'), fly.app));
  }
  const flyctl = new Flyctl({
    app: fly.app,
    token: token.token,
    baseEnv: env,
    ...(fly.config ? { configPath: fly.config } : {}),
    ...(options.bin ? { bin: options.bin } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let before: FlySnapshot;
  let version: number;
  try {
    await flyctl.preflight();
    before = await flyctl.snapshot();
    // The release under test is the deploy the workflow just made: wait while it rolls out.
    const waitedFrom = options.clock?.now() ?? 0;
    for (;;) {
      const decided = releaseUnderTest(
        before.releases.data,
        before.machines.data,
        before.status.data.Version,
      );
      if (decided.kind === 'settled') {
        version = decided.version;
        break;
      }
      const waited = (options.clock?.now() ?? 0) - waitedFrom;
      if (!options.clock || waited >= (options.rolloutWaitMs ?? ROLLOUT_WAIT_MS)) {
        throw new PreflightError(
          `${decided.text}, still after ${Math.round(waited / 1000)} s: deploy-gate judges a finished deploy; run it after \`flyctl deploy\` has returned`,
        );
      }
      options.log?.(`${decided.text}: waiting for it to finish before judging it`);
      await options.clock.sleep(ROLLOUT_POLL_MS, options.signal);
      before = await flyctl.snapshot();
    }
  } catch (error) {
    if (error instanceof FlyctlError) throw new PreflightError(advice(error, fly.app));
    if (options.signal?.aborted && !(error instanceof PreflightError))
      throw new PreflightError('cancelled while waiting for the deploy to finish rolling out');
    throw error;
  }
  recorder.flySnapshot(fly.app, 'before', before);
  const image = releaseImage(before.releases.data, version);
  const target = selectRollbackTarget(before.releases.data, {
    underTest: version,
    ...(options.rollback.to ? { rollbackTo: options.rollback.to } : {}),
    ...(options.knownBad ? { knownBad: options.knownBad } : {}),
  });
  return {
    flyctl,
    app: fly.app,
    orgSlug: before.status.data.Organization.Slug,
    hostname: before.status.data.Hostname,
    underTest: { version, ...(image ? { image } : {}) },
    target,
    before,
  };
}
