/**
 * Before the first probe: check that flyctl can do its job, snapshot the app (releases, status,
 * machines), and name the release under test and the rollback target. Any problem here fails
 * fast with a message that says what to do.
 */
import { selectRollbackTarget, type TargetSelection } from '../rollback/select-target.js';
import { Flyctl, FlyctlError, SETUP_FLYCTL_STEP, type FlySnapshot } from '../rollback/flyctl.js';
import { pickFlyToken } from '../rollback/fly-token.js';
import type { FlyRelease } from '../rollback/fly-schemas.js';
import type { FlySettings, RollbackSettings } from '../settings/settings.js';
import type { Recorder } from '../evidence/recorder.js';

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
      return 'No Fly.io token is available. Set the FLY_API_TOKEN secret (`env: FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}`) or the `fly-api-token` input.';
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
  try {
    await flyctl.preflight();
    before = await flyctl.snapshot();
  } catch (error) {
    if (error instanceof FlyctlError) throw new PreflightError(advice(error, fly.app));
    throw error;
  }
  recorder.flySnapshot(fly.app, 'before', before);
  const version = before.status.data.Version;
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
