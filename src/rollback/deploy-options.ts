/** The options of a Fly rollback deploy, shared by what runs and by the command the record plans. */
import type { DeployOptions } from './flyctl.js';
import type { RollbackSettings } from './rollback-settings.js';

/** flyctl's own default wait for the new machines' health checks. */
const FLYCTL_WAIT_DEFAULT_S = 300;

/**
 * With a rollback-timeout shorter than flyctl's own health-check wait, flyctl is told to give up
 * on the checks first (at 80 % of our bound), so a failed rollback ends with flyctl's own reason
 * rather than with our kill.
 */
export function healthCheckWait(timeoutMs: number): { waitTimeoutSeconds?: number } {
  const seconds = Math.max(1, Math.floor((timeoutMs * 0.8) / 1000));
  return seconds < FLYCTL_WAIT_DEFAULT_S ? { waitTimeoutSeconds: seconds } : {};
}

/** The options of the rollback deploy: the one builder for what runs and what the record plans. */
export function rollbackDeployOptions(
  rollback: Pick<RollbackSettings, 'strategy'>,
  timeoutMs: number,
): Pick<DeployOptions, 'strategy' | 'waitTimeoutSeconds'> {
  return {
    ...(rollback.strategy ? { strategy: rollback.strategy } : {}),
    ...healthCheckWait(timeoutMs),
  };
}
