/** The warning a failed Deployments API call becomes: what was tried, why it failed, a hint. */
import { errorText } from '../evidence/error-text.js';
import type { Redactor } from '../secrets/redact.js';
import { capText, oneLine } from '../summary/outside-text.js';
import { networkCause, statusHint, type ApiScope } from './call-failure.js';

const SCOPE: ApiScope = { feature: 'deployments', access: 'write', item: 'deployment' };

/** `stopped` says why the call was cut short (a timeout, a cancel), when it was. */
export function deploymentWarning(
  redactor: Redactor,
  action: string,
  error: unknown,
  stopped?: string,
): string {
  const status = (error as { response?: { status?: unknown } } | undefined)?.response?.status;
  const answered = typeof status === 'number';
  const what = stopped
    ? stopped
    : answered
      ? `HTTP ${status}: ${oneLine(capText(errorText(error), 300))}`
      : `no answer (${networkCause(error)})`;
  const hint = answered ? statusHint(status, SCOPE) : '';
  return redactor.redactText(
    `GitHub deployments: could not ${action}: ${what}${hint ? ` (${hint})` : ''}. The verdict is unchanged.`,
  );
}
