/**
 * Which release to roll back to. Pure: the release list in, a target and the reasoning out.
 *
 * Fly has no rollback command; rolling back means redeploying an earlier release's image.
 * flyctl lists only the latest 25 releases, so everything here works inside that window.
 */
import { z } from 'zod';
import { isGoodReleaseStatus, releaseStatusKind, type FlyRelease } from './fly-schemas.js';
import { IMAGE_REF_EXAMPLE, isImageRef } from './image-ref.js';

/** The `rollback-to` input: a release version, or an image reference used as is. */
export type RollbackTo =
  { kind: 'version'; version: number; force?: boolean } | { kind: 'image'; imageRef: string };

const ACCEPTED = `a release version like v41 or 41 (v41! to deploy it even when it is known bad), or an image reference like ${IMAGE_REF_EXAMPLE}`;

/** The message is worded to follow the value (the settings layer names the input first). */
export const rollbackToSchema = z.string().transform((raw, ctx): RollbackTo => {
  const value = raw.trim();
  const version = /^v?(\d+)(!?)$/i.exec(value);
  if (version) {
    const number = Number(version[1]);
    if (Number.isSafeInteger(number) && number > 0)
      return { kind: 'version', version: number, ...(version[2] ? { force: true } : {}) };
  } else if (!/^v\d/i.test(value) && isImageRef(value)) {
    return { kind: 'image', imageRef: value };
  }
  // "v4x" is a valid image name to Docker, but far more likely a mistyped version.
  ctx.addIssue({
    code: 'custom',
    message: `is not accepted; expected ${ACCEPTED}`,
  });
  return z.NEVER;
});

/** Parses `rollback-to`; throws an Error naming the input, the value and what is accepted. */
export function parseRollbackTo(value: string): RollbackTo {
  const parsed = rollbackToSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `rollback-to: ${JSON.stringify(value)} ${parsed.error.issues[0]?.message ?? 'is not accepted'}`,
    );
  }
  return parsed.data;
}

/** A release to redeploy. A pinned image has only its ImageRef (no version). */
export type TargetRelease = Pick<FlyRelease, 'ImageRef'> & Partial<Omit<FlyRelease, 'ImageRef'>>;

export type TargetSelection =
  | { ok: true; release: TargetRelease; why: string }
  /** `configOnly`: the release under test changed no image, so no image redeploy can undo it. */
  | { ok: false; reason: string; configOnly?: boolean };

export interface SelectOptions {
  /** The version of the release being judged (the one to roll back from). */
  underTest: number;
  /** The `rollback-to` input, raw or parsed. */
  rollbackTo?: string | RollbackTo;
  /** Versions known bad from elsewhere (a GitHub deployment whose gate failed), with the reason. */
  knownBad?: ReadonlyMap<number, string>;
}

const v = (release: { Version: number }) => `v${release.Version}`;

function windowText(sorted: readonly FlyRelease[]): string {
  const newest = sorted[0];
  const oldest = sorted.at(-1);
  if (!newest || !oldest) return 'flyctl listed no releases';
  const span = newest === oldest ? v(newest) : `${v(oldest)}–${v(newest)}`;
  return `flyctl lists ${sorted.length} release${sorted.length === 1 ? '' : 's'} (${span}; it shows only the latest 25)`;
}

/**
 * Releases someone rolled back from, with the evidence: R was rolled back from when the
 * release right after it redeployed an image that a release older than R already had.
 */
export function rolledBackFrom(sorted: readonly FlyRelease[]): Map<number, string> {
  const found = new Map<number, string>();
  for (let i = 1; i < sorted.length; i += 1) {
    const release = sorted[i] as FlyRelease;
    const next = sorted[i - 1] as FlyRelease;
    if (!next.ImageRef || next.ImageRef === release.ImageRef) continue;
    const restored = sorted.slice(i + 1).find((older) => older.ImageRef === next.ImageRef);
    if (restored) {
      found.set(
        release.Version,
        `rolled back from: ${v(next)} redeployed the image of ${v(restored)}`,
      );
    }
  }
  return found;
}

/** Why a release cannot be a rollback target, or undefined when it can. */
function badReason(
  release: FlyRelease,
  rolledBack: Map<number, string>,
  underTestImage: string | undefined,
  underTest: number,
): string | undefined {
  if (!isGoodReleaseStatus(release.Status)) {
    const kind = releaseStatusKind(release.Status);
    return kind === 'unknown' ? `status "${release.Status}" is not known to be good` : kind;
  }
  if (!release.ImageRef) return 'no image recorded';
  if (underTestImage && release.ImageRef === underTestImage) {
    return `same image as v${underTest}, the release under test`;
  }
  return rolledBack.get(release.Version);
}

function byVersionDesc(releases: readonly FlyRelease[]): FlyRelease[] {
  return [...releases].sort((a, b) => b.Version - a.Version);
}

function pinnedVersion(
  sorted: readonly FlyRelease[],
  pin: { version: number; force?: boolean },
  underTest: number,
  rolledBack: Map<number, string>,
): TargetSelection {
  const { version } = pin;
  if (version === underTest) {
    return { ok: false, reason: `rollback-to v${version} is the release under test` };
  }
  if (version > underTest) {
    return {
      ok: false,
      reason: `rollback-to v${version} is newer than the release under test v${underTest}`,
    };
  }
  const release = sorted.find((candidate) => candidate.Version === version);
  if (!release) {
    return {
      ok: false,
      reason:
        `rollback-to v${version} is not among the releases flyctl lists: ${windowText(sorted)}; ` +
        'pin an older release by its image reference instead',
    };
  }
  if (!release.ImageRef) {
    return { ok: false, reason: `rollback-to v${version} has no image recorded to redeploy` };
  }
  const underTestImage = sorted.find((r) => r.Version === underTest)?.ImageRef;
  if (underTestImage && release.ImageRef === underTestImage) {
    return {
      ok: false,
      reason: `rollback-to v${version} runs the same image as v${underTest}, the release under test`,
    };
  }
  const concern = badReason(release, rolledBack, underTestImage, underTest);
  // Deploying a release known to be bad needs the person to say so, not just a note.
  if (concern && !pin.force) {
    return {
      ok: false,
      reason: `rollback-to v${version} is known bad (${concern}); write rollback-to: v${version}! to deploy it anyway`,
    };
  }
  return {
    ok: true,
    release,
    why: `v${version} was chosen by rollback-to${concern ? ` although it is known bad (${concern}; forced with "!")` : ''}`,
  };
}

function pinnedImage(
  sorted: readonly FlyRelease[],
  imageRef: string,
  underTest: number,
): TargetSelection {
  const underTestRelease = sorted.find((r) => r.Version === underTest);
  if (underTestRelease && underTestRelease.ImageRef === imageRef) {
    return {
      ok: false,
      reason: `rollback-to ${imageRef} is the image of v${underTest}, the release under test`,
    };
  }
  const known = sorted.find((r) => r.ImageRef === imageRef && r.Version < underTest);
  return {
    ok: true,
    release: { ImageRef: imageRef },
    why: `image ${imageRef} was chosen by rollback-to${known ? ` (the image of ${v(known)})` : ''}`,
  };
}

/**
 * A release that redeployed the image of the release before it changed only config, secrets
 * or env. Redeploying an older image cannot undo that, and would put older code in production.
 */
function sameImageAsPrevious(
  sorted: readonly FlyRelease[],
  underTest: number,
): Extract<TargetSelection, { ok: false }> | undefined {
  const current = sorted.find((r) => r.Version === underTest);
  const previous = sorted.find((r) => r.Version < underTest);
  if (!current?.ImageRef || !previous || previous.ImageRef !== current.ImageRef) return undefined;
  return {
    ok: false,
    configOnly: true,
    reason:
      `v${underTest} runs the same image as v${previous.Version} (${current.ImageRef}): it changed only config, secrets or env, ` +
      'which redeploying an older image cannot undo (and would put older code in production); revert that change by hand',
  };
}

/**
 * The release to roll back to: the one `rollbackTo` names, else the newest complete release
 * older than `underTest` that is not known bad (failed, rolled back from, or the same image).
 */
export function selectRollbackTarget(
  releases: readonly FlyRelease[],
  options: SelectOptions,
): TargetSelection {
  const { underTest } = options;
  if (!Number.isSafeInteger(underTest) || underTest <= 0) {
    return {
      ok: false,
      reason: `the release under test must be a positive version number, got ${underTest}`,
    };
  }
  const sorted = byVersionDesc(releases);
  // Every version known to be bad, with the evidence: rolled back from, or failed a gate before.
  const rolledBack = rolledBackFrom(sorted);
  for (const [version, why] of options.knownBad ?? [])
    if (!rolledBack.has(version)) rolledBack.set(version, why);

  if (options.rollbackTo !== undefined) {
    let pin: RollbackTo;
    try {
      pin =
        typeof options.rollbackTo === 'string'
          ? parseRollbackTo(options.rollbackTo)
          : options.rollbackTo;
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    return pin.kind === 'version'
      ? pinnedVersion(sorted, pin, underTest, rolledBack)
      : pinnedImage(sorted, pin.imageRef, underTest);
  }

  const underTestImage = sorted.find((r) => r.Version === underTest)?.ImageRef;
  const configOnly = sameImageAsPrevious(sorted, underTest);
  if (configOnly) return configOnly;
  const skipped: string[] = [];
  for (const release of sorted) {
    if (release.Version >= underTest) continue;
    const reason = badReason(release, rolledBack, underTestImage, underTest);
    if (reason === undefined) {
      const skippedText = skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : '';
      return {
        ok: true,
        release,
        why: `${v(release)} is the newest complete release older than v${underTest}${skippedText}`,
      };
    }
    skipped.push(`${v(release)} (${reason})`);
  }
  const skippedText = skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : '';
  return {
    ok: false,
    reason: `no good release older than v${underTest}: ${windowText(sorted)}${skippedText}`,
  };
}
