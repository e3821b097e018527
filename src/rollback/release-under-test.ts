/**
 * Which release the gate judges: the deploy the workflow just made, i.e. the newest release.
 * `flyctl status` names the current *complete* release, which during a rolling deploy is the
 * previous one: judging it would blame (and mark bad) a release that is being replaced.
 */
import type { FlyMachine, FlyRelease } from './fly-schemas.js';

export type UnderTest =
  | { kind: 'settled'; version: number }
  /** The newest release is still rolling out; `text` says how far it got. */
  | { kind: 'rolling-out'; version: number; text: string };

export function releaseUnderTest(
  releases: readonly FlyRelease[],
  machines: readonly FlyMachine[],
  statusVersion: number,
): UnderTest {
  const newest = [...releases].sort((a, b) => b.Version - a.Version)[0];
  if (!newest || newest.Version <= statusVersion)
    return { kind: 'settled', version: statusVersion };
  if (newest.Status === 'running' || newest.Status === 'pending' || newest.InProgress === true) {
    const on = machines.filter(
      (m) => m.config?.metadata?.fly_release_version === String(newest.Version),
    ).length;
    return {
      kind: 'rolling-out',
      version: newest.Version,
      text: `v${newest.Version} is still rolling out (status "${newest.Status}", ${on} of ${machines.length} machines on it; flyctl status still shows v${statusVersion})`,
    };
  }
  return { kind: 'settled', version: newest.Version };
}
