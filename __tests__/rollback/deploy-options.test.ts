/** How long flyctl waits for health checks in a rollback deploy, and the options both paths share. */
import { healthCheckWait, rollbackDeployOptions } from '../../src/rollback/deploy-options.js';

describe('healthCheckWait: flyctl gives up on the health checks before our bound kills it', () => {
  it('asks for 80 % of a rollback-timeout shorter than flyctl’s own 5 min wait', () => {
    expect(healthCheckWait(60_000)).toEqual({ waitTimeoutSeconds: 48 });
    expect(healthCheckWait(1_000)).toEqual({ waitTimeoutSeconds: 1 });
  });

  it('leaves flyctl’s default when our bound is longer than it', () => {
    expect(healthCheckWait(10 * 60_000)).toEqual({});
    expect(healthCheckWait(375_000)).toEqual({});
  });
});

describe('rollbackDeployOptions', () => {
  it('gives the deploy its strategy and the health-check wait, nothing else', () => {
    expect(rollbackDeployOptions({ strategy: 'immediate' }, 60_000)).toEqual({
      strategy: 'immediate',
      waitTimeoutSeconds: 48,
    });
    expect(rollbackDeployOptions({}, 10 * 60_000)).toEqual({});
  });
});
