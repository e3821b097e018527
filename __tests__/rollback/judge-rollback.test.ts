/** Issue 17, case 7: the advice after a rollback follows from what was observed. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decideRollback,
  judgeRollback,
  type RollbackFindings,
} from '../../src/rollback/decide-and-roll-back.js';
import type { FlyContext } from '../../src/service/fly-context.js';
import { checkAfterRollback } from '../../src/rollback/after-rollback.js';
import type { Confirmation } from '../../src/rollback/confirm-rollback.js';
import { Flyctl } from '../../src/rollback/flyctl.js';
import { nullRecorder } from '../../src/evidence/recorder.js';
import type { RollbackSettings } from '../../src/rollback/rollback-settings.js';
import { createFakeFly, FAKE_TOKEN, release } from '../helpers/fake-fly.js';

const confirmed: Confirmation = {
  tookEffect: true,
  created: { version: 5, image: 'img:3', status: 'complete' },
  problems: [],
  overwritten: [],
  later: [],
  pending: false,
};
const base: RollbackFindings = {
  failureReason: 'error rate 30% exceeds 5%',
  to: 'v3, now release v5',
  confirmation: confirmed,
  cancelled: false,
  oldVersionStillServes: false,
};

describe('judgeRollback', () => {
  it('a verification that could not judge (the runner was overloaded) is not called unhealthy', () => {
    const final = judgeRollback({
      ...base,
      verification: {
        verdict: 'error',
        reason: 'inconclusive: the runner was overloaded; 12 of 14 probes not counted',
      },
    });
    expect(final.verdict).toBe('rollback-failed');
    expect(final.reason).toContain('but its verification could not judge it: inconclusive');
    expect(final.reason).not.toContain('unhealthy too');
    expect(final.nextStep).toMatch(/^The rollback ran but was not verified/);
  });

  it('a cancelled verification never blames a shared cause: the target was not judged', () => {
    const final = judgeRollback({
      ...base,
      cancelled: true,
      verification: { verdict: 'cancelled', reason: 'cancelled' },
    });
    expect(final.verdict).toBe('rollback-failed');
    expect(final.reason).toContain('cancelled before the rolled-back release was judged');
    expect(final.nextStep).not.toMatch(/shared|both/i);
    expect(final.nextStep).toContain('the gate never judged it');
  });

  it('a rollback that did not take effect says the failed release probably still serves', () => {
    const final = judgeRollback({
      ...base,
      confirmation: {
        ...confirmed,
        tookEffect: false,
        problems: ['release v5 is "failed", not complete'],
      },
    });
    expect(final.reason).toContain(
      'but it did not take effect: release v5 is "failed", not complete',
    );
    expect(final.nextStep).toMatch(/^The failed release is probably still serving/);
    expect(final.nextStep).not.toMatch(/shared/);
  });

  it('the old version still answering points at what still serves it, not at a shared cause', () => {
    const final = judgeRollback({
      ...base,
      verification: { verdict: 'unhealthy', reason: 'version 1.2 is forbidden' },
      oldVersionStillServes: true,
    });
    expect(final.reason).toContain('but the failed release still answers');
    expect(final.nextStep).toMatch(/still show the failed release's version/);
  });

  it('only a confirmed, judged and failing target is blamed on a shared cause', () => {
    const final = judgeRollback({
      ...base,
      verification: { verdict: 'unhealthy', reason: 'startup failed' },
    });
    expect(final.nextStep).toMatch(
      /Fly shows the rollback image on every machine and it fails the gate too/,
    );
  });

  it('an overwritten colleague deploy is named, whatever the probes say', () => {
    const colleague = release(4, {
      imageRef: 'registry.fly.io/shop:deployment-01JCOLLEAGUE000000000000000',
    });
    const final = judgeRollback({
      ...base,
      confirmation: { ...confirmed, overwritten: [colleague] },
      verification: { verdict: 'healthy', reason: 'ok' },
    });
    expect(final.verdict).toBe('rollback-failed');
    expect(final.reason).toContain(
      'overwriting v4 (registry.fly.io/shop:deployment-01JCOLLEAGUE000000000000000, complete, by deployer@example.com)',
    );
  });

  it('rolled-back only when Fly confirmed it and the gate passed on it', () => {
    expect(judgeRollback({ ...base, verification: { verdict: 'healthy', reason: 'ok' } })).toEqual({
      verdict: 'rolled-back',
      reason: 'error rate 30% exceeds 5%; rolled back to v3, now release v5, which passed the gate',
    });
  });
});

describe('case 8: what does not count as confirmation', () => {
  const fly = { underTest: { version: 4 } } as unknown as FlyContext;
  const settings = {
    mode: 'auto',
    timeoutMs: 60_000,
    dryRun: false,
    failOnRollback: true,
  } as RollbackSettings;

  it.each([
    ['an empty list', { version: 0, listsUnderTest: false }, 'the newest it shows is nothing'],
    [
      'a list without the release under test',
      { version: 3, listsUnderTest: false },
      'the newest it shows is v3',
    ],
  ])('a re-read with %s is not a go-ahead: no blind rollback', (_name, latest, detail) => {
    const decision = decideRollback({ settings, fly, decidedBy: 'startup', latest });
    expect(decision.action).toBe('fail');
    expect(decision.reason).toBe(
      `flyctl releases, read again, does not list v4 (${detail}): not rolling back blind`,
    );
  });
});

describe('case 8: an after-rollback snapshot that cannot be read', () => {
  it('is said in the evidence and makes the rollback unconfirmed', async () => {
    const fake = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
    try {
      const bin = join(fake.dir, 'broken-flyctl');
      writeFileSync(bin, '#!/bin/sh\necho "Error: connection reset by peer" >&2\nexit 1\n');
      chmodSync(bin, 0o755);
      const written: string[] = [];
      const checked = await checkAfterRollback({
        flyctl: new Flyctl({ app: 'shop', token: FAKE_TOKEN, bin, baseEnv: fake.env() }),
        recorder: { ...nullRecorder, rollbackOutput: (t) => written.push(t) },
        clock: { now: () => 0, sleep: async () => undefined },
        targetImage: 'registry.fly.io/shop:x',
        newestBefore: 2,
      });
      expect(checked.afterError).toContain('connection reset by peer');
      expect(written.join('')).toContain('[deploy-gate: the after-rollback snapshot failed:');
      const final = judgeRollback({ ...base, afterError: checked.afterError as string });
      expect(final.verdict).toBe('rollback-failed');
      expect(final.reason).toContain('Fly could not be read afterwards');
    } finally {
      fake.cleanup();
    }
  });
});
