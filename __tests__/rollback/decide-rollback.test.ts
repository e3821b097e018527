/** The rollback decision, from facts only: every path that must not roll back, and the one that must. */
import type { FlyContext } from '../../src/service/fly-context.js';
import { decideRollback } from '../../src/rollback/decide-and-roll-back.js';
import { verifyExpectations } from '../../src/service/gate-release.js';
import { judgeResponse } from '../../src/probe/check-response.js';
import type { ResponseExpectations } from '../../src/probe/expectations.js';
import type { RollbackSettings } from '../../src/rollback/rollback-settings.js';

const settings: RollbackSettings = {
  mode: 'auto',
  timeoutMs: 600_000,
  failOnRollback: true,
  dryRun: false,
};
const target = { ImageRef: 'registry.fly.io/shop:deployment-01JGOOD', Version: 41 };
const fly = {
  app: 'shop',
  underTest: { version: 42, image: 'registry.fly.io/shop:deployment-01JBAD' },
  target: { ok: true, release: target, why: 'v41 is the newest complete release older than v42' },
} as unknown as FlyContext;
const noTarget = {
  ...fly,
  target: { ok: false, reason: 'no good release older than v42' },
} as unknown as FlyContext;

describe('decideRollback', () => {
  it.each([
    [
      'rollback: none',
      { settings: { ...settings, mode: 'none' as const }, fly },
      'skip',
      'rollback is off',
    ],
    ['nothing configured', { settings }, 'skip', 'no way to roll back is configured'],
    [
      'never served',
      { settings, fly, decidedBy: 'expected-version' },
      'skip',
      'the new release never served',
    ],
    [
      'a newer deploy',
      { settings, fly, latest: { version: 43 } },
      'skip',
      'a newer deploy took over (v43 came after v42',
    ],
    [
      'cannot re-read',
      { settings, fly, latest: { error: 'Error: timeout' } },
      'fail',
      'could not confirm that v42 is still the newest release (Error: timeout)',
    ],
    [
      'no target',
      { settings, fly: noTarget, latest: { version: 42 } },
      'fail',
      'no release to roll back to: no good release older than v42',
    ],
    [
      'dry-run',
      { settings: { ...settings, dryRun: true }, fly, latest: { version: 42 } },
      'dry-run',
      'dry-run: would roll back with flyctl deploy of v41',
    ],
    [
      'the one that rolls back',
      { settings, fly, latest: { version: 42 } },
      'run',
      'rolling back with flyctl deploy of v41 (registry.fly.io/shop:deployment-01JGOOD)',
    ],
    [
      'a rollback-command',
      { settings: { ...settings, command: ['./rollback.sh'] } },
      'run',
      'rolling back with rollback-command `./rollback.sh`',
    ],
  ])('%s', (_name, options, action, reason) => {
    const decision = decideRollback(options);
    expect(decision.action).toBe(action);
    expect(decision.reason).toContain(reason);
  });

  it('dry-run still refuses to plan over a newer deploy', () => {
    expect(
      decideRollback({ settings: { ...settings, dryRun: true }, fly, latest: { version: 44 } })
        .action,
    ).toBe('skip');
  });
});

describe('verifyExpectations: verification answers are attributable to another release', () => {
  const expectations: ResponseExpectations = {
    status: [{ min: 200, max: 299 }],
    statusText: '200-299',
    json: [],
    version: { expected: 'v5', path: ['version'] },
  };
  const response = (version: string) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version }),
    bodyTruncated: false,
    latencyMs: 5,
  });

  it('fails a response still showing the failed version, even if the gate never saw it served', () => {
    const verify = verifyExpectations(expectations);
    expect(verify.version).toEqual({ path: ['version'], forbidden: 'v5' });
    expect(judgeResponse(response('v5'), verify, 1000).failure).toEqual({
      class: 'version',
      message: 'still serving version "v5", the release that was rolled back',
    });
    expect(judgeResponse(response('v4'), verify, 1000).failure).toBeUndefined();
  });

  it('without expected-version no version is read, so nothing changes', () => {
    const plain = { ...expectations, version: undefined };
    expect(verifyExpectations(plain)).toBe(plain);
  });
});
