import {
  parseRollbackTo,
  rolledBackFrom,
  rollbackToSchema,
  selectRollbackTarget,
  type TargetSelection,
} from '../../src/rollback/select-target.js';
import { release, type FakeRelease } from '../helpers/fake-fly.js';

const IMG = (tag: string) => `registry.fly.io/shop:deployment-${tag}`;

/** Releases v1..vN (newest first), complete unless `statuses` says otherwise. */
function history(
  count: number,
  statuses: Record<number, string> = {},
  images: Record<number, string> = {},
  from = 1,
): FakeRelease[] {
  const list: FakeRelease[] = [];
  for (let version = from; version < from + count; version += 1) {
    list.push(release(version, { status: statuses[version], imageRef: images[version] }));
  }
  return list.reverse();
}

function chosen(selection: TargetSelection) {
  if (!selection.ok) throw new Error(`expected a target, got: ${selection.reason}`);
  return selection;
}

function refused(selection: TargetSelection): string {
  if (selection.ok) throw new Error(`expected no target, got v${selection.release.Version}`);
  return selection.reason;
}

describe('selectRollbackTarget without rollback-to', () => {
  it('picks the newest complete release older than the one under test', () => {
    const selection = chosen(selectRollbackTarget(history(43), { underTest: 43 }));
    expect(selection.release.Version).toBe(42);
    expect(selection.why).toBe('v42 is the newest complete release older than v43');
  });

  it('ignores releases newer than the one under test', () => {
    expect(chosen(selectRollbackTarget(history(45), { underTest: 43 })).release.Version).toBe(42);
  });

  it('skips failed, interrupted, running, pending and unfamiliar statuses, and says so', () => {
    const releases = history(43, {
      42: 'failed',
      41: 'interrupted',
      40: 'running',
      39: 'pending',
      38: 'succeeded',
    });
    const selection = chosen(selectRollbackTarget(releases, { underTest: 43 }));
    expect(selection.release.Version).toBe(37);
    expect(selection.why).toBe(
      'v37 is the newest complete release older than v43; skipped v42 (failed), ' +
        'v41 (interrupted), v40 (running), v39 (pending), ' +
        'v38 (status "succeeded" is not known to be good)',
    );
  });

  it('skips a release that was rolled back from', () => {
    // v42 shipped image B; v43 redeployed v41's image A (someone rolled back from v42) and
    // then failed; v44 is under test. Image B was judged bad once: do not bring it back.
    const releases = history(44, { 43: 'failed' }, { 41: IMG('A'), 42: IMG('B'), 43: IMG('A') });
    const selection = chosen(selectRollbackTarget(releases, { underTest: 44 }));
    expect(selection.release.Version).toBe(41);
    expect(selection.why).toBe(
      'v41 is the newest complete release older than v44; skipped v43 (failed), ' +
        'v42 (rolled back from: v43 redeployed the image of v41)',
    );
  });

  it('may pick a rollback release itself: it runs a known good image', () => {
    const releases = history(44, {}, { 41: IMG('A'), 42: IMG('B'), 43: IMG('A') });
    expect(chosen(selectRollbackTarget(releases, { underTest: 44 })).release.Version).toBe(43);
  });

  it('explains a rolled-back-from skip when the rollback release is itself under test', () => {
    // v43 (under test) is a redeploy of v40's image: v42 was rolled back from.
    const releases = history(43, { 41: 'failed' }, { 40: IMG('A'), 42: IMG('B'), 43: IMG('A') });
    const selection = chosen(selectRollbackTarget(releases, { underTest: 43 }));
    expect(selection.release.Version).toBe(39);
    expect(selection.why).toBe(
      'v39 is the newest complete release older than v43; skipped ' +
        'v42 (rolled back from: v43 redeployed the image of v40), v41 (failed), ' +
        'v40 (same image as v43, the release under test)',
    );
  });

  it('refuses to roll back a config-only release instead of downgrading the code', () => {
    // v43 only changed config or secrets: v42's image would change nothing, and v41's would
    // put older code in production without undoing the config change.
    const releases = history(43, {}, { 42: IMG('SAME'), 43: IMG('SAME') });
    const selection = selectRollbackTarget(releases, { underTest: 43 });
    expect(selection).toMatchObject({ ok: false, configOnly: true });
    expect(refused(selection)).toBe(
      `v43 runs the same image as v42 (${IMG('SAME')}): it changed only config, secrets or env, ` +
        'which redeploying an older image cannot undo (and would put older code in production); revert that change by hand',
    );
  });

  it('is not fooled by an older release that shares the image under test', () => {
    // v43 brought back v41's image (a rollback from v42): not config-only, since v42 differs.
    const releases = history(43, {}, { 41: IMG('SAME'), 43: IMG('SAME') });
    const selection = chosen(selectRollbackTarget(releases, { underTest: 43 }));
    expect(selection.release.Version).toBe(40);
    expect(selection.why).toContain('skipped v42 (rolled back from');
    expect(selection.why).toContain('v41 (same image as v43, the release under test)');
  });

  it('skips a release with no image recorded', () => {
    const releases = history(43, {}, { 42: '' });
    const selection = chosen(selectRollbackTarget(releases, { underTest: 43 }));
    expect(selection.release.Version).toBe(41);
    expect(selection.why).toContain('v42 (no image recorded)');
  });

  it('does not depend on the order of the input list', () => {
    const shuffled = [...history(10, { 9: 'failed' })].sort((a, b) =>
      a.ImageRef.localeCompare(b.ImageRef),
    );
    expect(chosen(selectRollbackTarget(shuffled, { underTest: 10 })).release.Version).toBe(8);
  });

  it('finds nothing when the only release is the one under test', () => {
    expect(refused(selectRollbackTarget(history(1), { underTest: 1 }))).toBe(
      'no good release older than v1: flyctl lists 1 release (v1; it shows only the latest 25)',
    );
  });

  it('finds nothing in a 25-release window full of failures, and names the window', () => {
    const statuses = Object.fromEntries(
      Array.from({ length: 24 }, (_, i) => [19 + i, 'failed'] as const),
    );
    const releases = history(25, statuses, {}, 19);
    const reason = refused(selectRollbackTarget(releases, { underTest: 43 }));
    expect(reason).toMatch(
      /^no good release older than v43: flyctl lists 25 releases \(v19–v43; it shows only the latest 25\); skipped v42 \(failed\), /,
    );
    expect(reason).toContain('v19 (failed)');
  });

  it('finds nothing in an empty list', () => {
    expect(refused(selectRollbackTarget([], { underTest: 5 }))).toBe(
      'no good release older than v5: flyctl listed no releases',
    );
  });

  it('rejects a release under test that is not a positive whole number', () => {
    expect(refused(selectRollbackTarget(history(3), { underTest: 0 }))).toContain(
      'must be a positive version number, got 0',
    );
    expect(refused(selectRollbackTarget(history(3), { underTest: 2.5 }))).toContain('got 2.5');
  });
});

describe('rolledBackFrom', () => {
  it('finds each release that the next one rolled back from', () => {
    const releases = history(
      6,
      {},
      { 1: IMG('A'), 2: IMG('B'), 3: IMG('A'), 4: IMG('C'), 5: IMG('D'), 6: IMG('C') },
    );
    expect([...rolledBackFrom(releases)]).toEqual([
      [5, 'rolled back from: v6 redeployed the image of v4'],
      [2, 'rolled back from: v3 redeployed the image of v1'],
    ]);
  });

  it('does not count a redeploy of the same image as a rollback', () => {
    const releases = history(3, {}, { 1: IMG('A'), 2: IMG('A'), 3: IMG('A') });
    expect(rolledBackFrom(releases).size).toBe(0);
  });
});

describe('selectRollbackTarget with rollback-to', () => {
  const releases = history(43, { 40: 'failed' });

  it.each(['v41', '41', 'V41', ' v41 '])('reads %j as version 41', (pin) => {
    const selection = chosen(selectRollbackTarget(releases, { underTest: 43, rollbackTo: pin }));
    expect(selection.release).toBe(releases.find((r) => r.Version === 41));
    expect(selection.why).toBe('v41 was chosen by rollback-to');
  });

  it('refuses a pinned release known to be bad unless the pin ends in "!"', () => {
    expect(refused(selectRollbackTarget(releases, { underTest: 43, rollbackTo: 'v40' }))).toBe(
      'rollback-to v40 is known bad (failed); write rollback-to: v40! to deploy it anyway',
    );
    const forced = chosen(selectRollbackTarget(releases, { underTest: 43, rollbackTo: 'v40!' }));
    expect(forced.release.Version).toBe(40);
    expect(forced.why).toBe(
      'v40 was chosen by rollback-to although it is known bad (failed; forced with "!")',
    );
  });

  it('refuses a pinned release that failed a gate before (GitHub deployments)', () => {
    const known = new Map([[41, 'its gate failed before (GitHub deployment 7 in production)']]);
    expect(
      refused(selectRollbackTarget(releases, { underTest: 43, rollbackTo: '41', knownBad: known })),
    ).toBe(
      'rollback-to v41 is known bad (its gate failed before (GitHub deployment 7 in production)); write rollback-to: v41! to deploy it anyway',
    );
  });

  it('refuses a version outside the 25 releases flyctl shows', () => {
    const window = releases.slice(0, 25);
    expect(refused(selectRollbackTarget(window, { underTest: 43, rollbackTo: 'v12' }))).toBe(
      'rollback-to v12 is not among the releases flyctl lists: flyctl lists 25 releases ' +
        '(v19–v43; it shows only the latest 25); pin an older release by its image reference instead',
    );
  });

  it('refuses the release under test and newer ones', () => {
    expect(refused(selectRollbackTarget(releases, { underTest: 43, rollbackTo: '43' }))).toBe(
      'rollback-to v43 is the release under test',
    );
    expect(refused(selectRollbackTarget(releases, { underTest: 42, rollbackTo: 'v43' }))).toBe(
      'rollback-to v43 is newer than the release under test v42',
    );
  });

  it('refuses a pinned version that runs the same image as the release under test', () => {
    const same = history(43, {}, { 41: IMG('SAME'), 43: IMG('SAME') });
    expect(refused(selectRollbackTarget(same, { underTest: 43, rollbackTo: 'v41' }))).toBe(
      'rollback-to v41 runs the same image as v43, the release under test',
    );
  });

  it('uses an image reference as is, as a target without a version', () => {
    const image = 'registry.fly.io/shop@sha256:' + 'a'.repeat(64);
    const selection = chosen(selectRollbackTarget(releases, { underTest: 43, rollbackTo: image }));
    expect(selection.release).toEqual({ ImageRef: image });
    expect(selection.release.Version).toBeUndefined();
    expect(selection.why).toBe(`image ${image} was chosen by rollback-to`);
  });

  it('says which release an image pin belongs to when it is listed', () => {
    const image = releases.find((r) => r.Version === 30)?.ImageRef ?? '';
    const selection = chosen(selectRollbackTarget(releases, { underTest: 43, rollbackTo: image }));
    expect(selection.why).toBe(`image ${image} was chosen by rollback-to (the image of v30)`);
  });

  it('refuses pinning the image of the release under test', () => {
    const image = releases[0]?.ImageRef ?? '';
    expect(refused(selectRollbackTarget(releases, { underTest: 43, rollbackTo: image }))).toBe(
      `rollback-to ${image} is the image of v43, the release under test`,
    );
  });

  it('accepts an already parsed pin', () => {
    const selection = chosen(
      selectRollbackTarget(releases, {
        underTest: 43,
        rollbackTo: { kind: 'version', version: 39 },
      }),
    );
    expect(selection.release.Version).toBe(39);
  });

  it('turns a garbage pin into a reason instead of a crash', () => {
    expect(refused(selectRollbackTarget(releases, { underTest: 43, rollbackTo: 'v4x' }))).toMatch(
      /^rollback-to: "v4x" is not accepted; expected a release version like v41 or 41/,
    );
  });
});

describe('parseRollbackTo', () => {
  it.each([
    ['v41', { kind: 'version', version: 41 }],
    ['7', { kind: 'version', version: 7 }],
    [
      'registry.fly.io/shop:deployment-01J9Z3K7QF8W2V4N6B1M5C0X7R',
      { kind: 'image', imageRef: 'registry.fly.io/shop:deployment-01J9Z3K7QF8W2V4N6B1M5C0X7R' },
    ],
    ['nginx:1.27', { kind: 'image', imageRef: 'nginx:1.27' }],
    [
      'ghcr.io/acme/shop@sha256:' + 'b'.repeat(64),
      { kind: 'image', imageRef: 'ghcr.io/acme/shop@sha256:' + 'b'.repeat(64) },
    ],
    ['localhost:5000/shop:v2', { kind: 'image', imageRef: 'localhost:5000/shop:v2' }],
  ])('reads %j', (value, expected) => {
    expect(parseRollbackTo(value)).toEqual(expected);
  });

  it.each([
    '',
    '   ',
    'v0',
    '0',
    'v4x',
    '--detach',
    '-v41',
    'shop app:v1',
    'Shop/App:1',
    'img:tag\nx',
    'v41.5',
  ])('rejects %j, naming the input and what is accepted', (value) => {
    expect(() => parseRollbackTo(value)).toThrow(
      `rollback-to: ${JSON.stringify(value)} is not accepted; expected a release version like v41 or 41 (v41! to deploy it even when it is known bad), or an image reference like registry.fly.io/`,
    );
  });

  it('is a zod schema the settings can embed', () => {
    const parsed = rollbackToSchema.safeParse('oops!');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(
      /^is not accepted; expected a release version like v41/,
    );
  });
});
