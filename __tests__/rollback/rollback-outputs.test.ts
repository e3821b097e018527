/** Issue 17, case 8: outputs never say "rolled back" for a rollback that was only tried. */
import { fleetOutputs, stepOutputs } from '../../src/summary/outputs.js';
import type { Outcome } from '../../src/service/run-pipeline.js';

const target = {
  ImageRef: 'registry.fly.io/shop:deployment-01JTARGET00000000000000000',
  Version: 3,
};
const failedDeploy = {
  verdict: 'rollback-failed',
  reason: 'the rollback failed: flyctl deploy exited with 1',
  startedAt: 0,
  endedAt: 1000,
  rollback: {
    decision: { action: 'run', reason: 'rolling back', target },
    run: { ok: false, problem: 'exited with 1', command: ['flyctl', 'deploy'] },
  },
} as unknown as Outcome;
const tookEffect = {
  ...failedDeploy,
  verdict: 'rolled-back',
  rollback: {
    decision: { action: 'run', reason: 'rolling back', target },
    run: {
      ok: true,
      command: ['flyctl', 'deploy'],
      created: { version: 5, image: target.ImageRef },
    },
    tookEffect: true,
  },
} as unknown as Outcome;

describe('rolled-back and rollback-version outputs', () => {
  it('a failed deploy is not "rolled back", and its target is not the created release', () => {
    expect(stepOutputs(failedDeploy)).toMatchObject({
      'rolled-back': 'false',
      'rollback-version': '',
      'rollback-image': target.ImageRef,
    });
  });

  it('a rollback that took effect shows the release it created', () => {
    expect(stepOutputs(tookEffect)).toMatchObject({
      'rolled-back': 'true',
      'rollback-version': '5',
    });
  });

  it('the fleet services output says "rolled-back": false for a failed rollback', () => {
    const outputs = fleetOutputs(
      [
        { name: 'api', outcome: failedDeploy },
        { name: 'web', outcome: tookEffect },
      ],
      { verdict: 'rollback-failed', reason: 'x', startedAt: 0, endedAt: 1 },
    );
    expect(JSON.parse(outputs.services as string)).toEqual([
      expect.objectContaining({ service: 'api', 'rolled-back': false }),
      expect.objectContaining({ service: 'web', 'rolled-back': true }),
    ]);
  });
});
