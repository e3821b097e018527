/** The warning a failed Deployments API call becomes: what was tried, why it failed, a hint. */
import type { Redactor } from '../secrets/redact.js';
import { callFailure, type ApiScope } from './call-failure.js';

const SCOPE: ApiScope = { feature: 'deployments', access: 'write', item: 'deployment' };

/** `stopped` says why the call was cut short (a timeout, a cancel), when it was. */
export function deploymentWarning(
  redactor: Redactor,
  action: string,
  error: unknown,
  stopped?: string,
): string {
  const what = stopped || callFailure(error, SCOPE);
  return redactor.redactText(
    `GitHub deployments: could not ${action}: ${what}. The verdict is unchanged.`,
  );
}
