/**
 * Issue 17, cases 2 and 3: after `flyctl deploy` exits 0, Fly itself must show the rollback
 * (the created release complete, every started machine on the target image at that release),
 * and a deploy that landed in between must be named. Run against the fake flyctl's effects.
 */
import { confirmRollback } from '../../src/rollback/confirm-rollback.js';
import { Flyctl } from '../../src/rollback/flyctl.js';
import {
  createFakeFly,
  FAKE_TOKEN,
  type FakeAppSpec,
  type FakeFly,
  type FakeHook,
} from '../helpers/fake-fly.js';

let fly: FakeFly;
afterEach(() => fly?.cleanup());

/** Deploys v3's image over v4 on the fake (as a rollback does) and confirms from a fresh snapshot. */
async function rollBack(spec: Partial<FakeAppSpec> = {}, hooks: FakeHook[] = []) {
  fly = createFakeFly({ apps: [{ name: 'shop', releases: 4, ...spec }], hooks });
  const flyctl = new Flyctl({
    app: 'shop',
    token: FAKE_TOKEN,
    baseEnv: fly.env(),
    timeoutMs: 10_000,
  });
  const target = fly.releases('shop').find((r) => r.Version === 3)?.ImageRef as string;
  const outcome = await flyctl.deploy(target, { timeoutMs: 10_000 });
  const after = await flyctl.snapshot();
  const confirmation = confirmRollback({
    releases: after.releases.data,
    machines: after.machines.data,
    targetImage: target,
    ...(outcome.release ? { createdVersion: outcome.release.version } : {}),
    newestBefore: 4,
  });
  return { outcome, confirmation, target };
}

describe('confirmRollback against what the fake Fly shows', () => {
  it('confirms a rollback whose machines moved to the target at a complete release', async () => {
    const { outcome, confirmation, target } = await rollBack();
    expect(outcome.release?.version).toBe(5);
    expect(confirmation).toMatchObject({
      tookEffect: true,
      created: { version: 5, image: target, status: 'complete' },
      problems: [],
      overwritten: [],
    });
  });

  it('refuses a release that ended failed while flyctl exited 0', async () => {
    const { outcome, confirmation } = await rollBack({ deployEffect: 'release-failed' });
    expect(outcome.result.exitCode).toBe(0);
    expect(confirmation.tookEffect).toBe(false);
    expect(confirmation.problems[0]).toBe('release v5 is "failed", not complete');
    expect(confirmation.problems[1]).toMatch(
      /^2 of 2 started machines do not run .* at v5: .*\(v4, /,
    );
  });

  it('refuses a bluegreen deploy that never cut over (green created, blue still serving)', async () => {
    const { confirmation } = await rollBack({ deployEffect: 'no-cutover', machines: 2 });
    expect(confirmation.tookEffect).toBe(false);
    expect(confirmation.problems).toEqual([
      expect.stringMatching(/^2 of 2 started machines do not run .* at v5: /),
    ]);
  });

  it('refuses machines that kept the old image under a "complete" release', async () => {
    const { confirmation } = await rollBack({ deployEffect: 'machines-kept' });
    expect(confirmation.created?.status).toBe('complete');
    expect(confirmation.tookEffect).toBe(false);
  });

  it('names a colleague deploy that landed between our re-read and our rollback', async () => {
    const { outcome, confirmation } = await rollBack({}, [
      {
        command: 'deploy',
        call: 1,
        app: 'shop',
        addRelease: {
          imageRef: 'registry.fly.io/shop:deployment-01JCOLLEAGUE000000000000000',
          user: 'colleague@example.com',
        },
      },
    ]);
    expect(outcome.release?.version).toBe(6);
    expect(confirmation.tookEffect).toBe(true);
    expect(confirmation.overwritten.map((r) => [r.Version, r.User?.Email])).toEqual([
      [5, 'colleague@example.com'],
    ]);
  });

  it('finds the created release from Fly when flyctl printed no release line', async () => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 4 }] });
    const flyctl = new Flyctl({
      app: 'shop',
      token: FAKE_TOKEN,
      baseEnv: fly.env(),
      timeoutMs: 10_000,
    });
    const target = fly.releases('shop').find((r) => r.Version === 3)?.ImageRef as string;
    await flyctl.deploy(target, { timeoutMs: 10_000 });
    const after = await flyctl.snapshot();
    const confirmation = confirmRollback({
      releases: after.releases.data,
      machines: after.machines.data,
      targetImage: target,
      newestBefore: 4,
    });
    expect(confirmation).toMatchObject({ tookEffect: true, created: { version: 5 } });
  });
});
