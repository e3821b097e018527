/** The warning a failed Deployments API call becomes: what was tried, why it failed, a hint. */
import { errorText } from '../evidence/error-text.js';
import type { Redactor } from '../secrets/redact.js';

function hint(status: number | undefined): string {
  switch (status) {
    case 401:
      return ' (the token was rejected)';
    case 403:
      return ' (the workflow needs `permissions: deployments: write`, or a rate limit was hit)';
    case 404:
      return ' (repository or deployment not found, or the token cannot see it)';
    case 409:
      return ' (conflict)';
    case 422:
      return ' (GitHub rejected the request)';
    default:
      return status !== undefined && status >= 500 ? ' (GitHub is unavailable)' : '';
  }
}

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
      ? `HTTP ${status}: ${errorText(error)}`
      : networkCause(error);
  return redactor.redactText(
    `GitHub deployments: could not ${action}: ${what}${answered ? hint(status) : ''}. The verdict is unchanged.`,
  );
}

/**
 * Why no answer came: fetch reports "fetch failed" and keeps the reason in its cause chain
 * (`ECONNREFUSED`, `ENOTFOUND`, a TLS error).
 */
function networkCause(error: unknown): string {
  const messages: string[] = [];
  let code: string | undefined;
  let current: unknown = error;
  for (let depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.code === 'string') code ??= e.code;
    if (typeof e.message === 'string' && e.message)
      messages.push(e.message.split('\n')[0] as string);
    current = e.cause;
  }
  const deepest = messages.at(-1) ?? errorText(error);
  return `no answer (${code && !deepest.includes(code) ? `${code}: ` : ''}${deepest})`;
}
