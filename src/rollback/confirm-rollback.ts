/**
 * Did the rollback take effect? Read from Fly itself after `flyctl deploy` returned: a zero
 * exit only says flyctl stopped waiting. Pure: the after-rollback snapshot in, a finding out.
 *
 * Taken effect means: the release the deploy created is `complete`, and every started machine
 * runs the target image at that release. Releases that appeared between our last read and our
 * deploy were someone else's deploy, which ours overwrote: a person must know.
 */
import type { FlyMachine, FlyRelease } from './fly-schemas.js';

export interface ConfirmInput {
  releases: readonly FlyRelease[];
  machines: readonly FlyMachine[];
  /** The image the rollback deployed. */
  targetImage: string;
  /** The version flyctl printed (FLY_EMIT_RELEASE_JSON), when it printed one. */
  createdVersion?: number;
  /** The newest version we saw just before deploying. */
  newestBefore: number;
}

export interface Confirmation {
  /** Fly shows the target image on every started machine, at a complete release. */
  tookEffect: boolean;
  /** The release the rollback created, as Fly lists it. */
  created?: { version: number; image: string; status: string };
  /** Why it did not take effect, each with the facts. */
  problems: string[];
  /** Releases someone else made between our last read and our deploy (ours overwrote them). */
  overwritten: FlyRelease[];
  /** Releases made after ours (what serves may not be ours any more). */
  later: FlyRelease[];
  /** Still in progress: reading again later may confirm it. */
  pending: boolean;
}

/** Whether a machine runs `image` (by reference, or by digest when the ref pins one). */
export function machineRunsImage(machine: FlyMachine, image: string): boolean {
  if (machine.config?.image === image) return true;
  const ref = machine.image_ref;
  const named = ref.registry && ref.repository ? `${ref.registry}/${ref.repository}` : undefined;
  if (named && ref.tag && `${named}:${ref.tag}` === image) return true;
  const at = image.indexOf('@');
  return at >= 0 && !!ref.digest && image.slice(at + 1) === ref.digest;
}

function machineText(machine: FlyMachine): string {
  const version = machine.config?.metadata?.fly_release_version;
  const image = machine.config?.image ?? machine.image_ref.tag ?? '?';
  return `${machine.id}${version ? ` (v${version}, ${image})` : ` (${image})`}`;
}

function findCreated(input: ConfirmInput): FlyRelease | undefined {
  if (input.createdVersion !== undefined)
    return input.releases.find((r) => r.Version === input.createdVersion);
  // No release line: the newest release after our read that deploys our image.
  return [...input.releases]
    .filter((r) => r.Version > input.newestBefore && r.ImageRef === input.targetImage)
    .sort((a, b) => b.Version - a.Version)[0];
}

export function confirmRollback(input: ConfirmInput): Confirmation {
  const problems: string[] = [];
  const created = findCreated(input);
  const createdVersion = created?.Version ?? input.createdVersion;
  const others = input.releases.filter(
    (r) => r.Version > input.newestBefore && r.Version !== createdVersion,
  );
  const overwritten = others.filter(
    (r) => createdVersion === undefined || r.Version < createdVersion,
  );
  const later = others.filter((r) => createdVersion !== undefined && r.Version > createdVersion);
  let pending = false;

  if (!created) {
    problems.push(
      input.createdVersion !== undefined
        ? `flyctl reported release v${input.createdVersion}, which flyctl releases does not list`
        : `flyctl printed no release line and Fly lists no release after v${input.newestBefore} with image ${input.targetImage}`,
    );
  } else {
    if (created.ImageRef !== input.targetImage)
      problems.push(
        `release v${created.Version} deploys ${created.ImageRef}, not ${input.targetImage}`,
      );
    if (created.Status !== 'complete') {
      pending = created.Status === 'running' || created.Status === 'pending';
      problems.push(`release v${created.Version} is "${created.Status}", not complete`);
    }
  }

  const started = input.machines.filter((m) => m.state === 'started');
  if (started.length === 0) {
    problems.push(`no machine is started (${input.machines.length} listed)`);
  } else {
    const stale = started.filter((m) => {
      const version = m.config?.metadata?.fly_release_version;
      const onRelease =
        createdVersion === undefined || version === undefined || Number(version) === createdVersion;
      return !machineRunsImage(m, input.targetImage) || !onRelease;
    });
    if (stale.length > 0) {
      problems.push(
        `${stale.length} of ${started.length} started machines do not run ${input.targetImage}${createdVersion !== undefined ? ` at v${createdVersion}` : ''}: ${stale.map(machineText).join(', ')}`,
      );
    }
  }
  return {
    tookEffect: problems.length === 0,
    ...(created
      ? { created: { version: created.Version, image: created.ImageRef, status: created.Status } }
      : {}),
    problems,
    overwritten,
    later,
    pending,
  };
}

/** One release in a sentence: version, image and who made it. */
export function describeRelease(release: FlyRelease): string {
  const who = release.User?.Email ?? release.User?.Name;
  return `v${release.Version} (${release.ImageRef}, ${release.Status}${who ? `, by ${who}` : ''})`;
}
