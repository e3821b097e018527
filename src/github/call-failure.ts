/**
 * What a failed GitHub API call means, in words every caller shares: `callFailure` is the clause a
 * caller puts in its own sentence, the HTTP status GitHub answered with a hint and GitHub's
 * message, or the cause of no answer at all.
 */
import { errorText } from '../evidence/error-text.js';
import { capText, oneLine } from '../summary/outside-text.js';

/** The API a call belongs to, as a workflow grants it: `issues: write` is `issues`, `write`. */
export interface ApiScope {
  /** The `permissions:` key: `issues`, `deployments`, `actions`. */
  feature: string;
  access: 'read' | 'write';
  /** The one thing the call addressed besides the repository (`issue`), when there is one. */
  item?: string;
  /**
   * A repository can switch the feature off (issues can be; deployments cannot), and GitHub then
   * answers 410. Only then does a 410 hint say "disabled".
   */
  switchable?: boolean;
}

/**
 * The usual meaning of `status`, or '' when there is none worth saying. A 403 is a missing
 * permission or a rate limit: `rateLimited` is true or false when the caller has already told them
 * apart from GitHub's headers, and left out when it has not (then the hint names both).
 */
export function statusHint(
  status: number | null | undefined,
  scope: ApiScope,
  rateLimited?: boolean,
): string {
  const permission = `\`permissions: ${scope.feature}: ${scope.access}\``;
  switch (status) {
    case 401:
      return 'the token was rejected';
    case 403:
      if (rateLimited === true) return 'a rate limit was hit';
      return `the workflow needs ${permission}${rateLimited === false ? '' : ', or a rate limit was hit'}`;
    case 404:
      return `repository${scope.item ? ` or ${scope.item}` : ''} not found, or the token cannot see it; check ${permission}`;
    case 409:
      return 'GitHub reported a conflict';
    case 410:
      // GitHub documents 410 for features a repository can switch off (issues, and a deleted
      // issue); its Deployments endpoints document none, so no meaning is guessed for them.
      if (!scope.switchable) return '';
      return `${scope.item ? `the ${scope.item} was deleted, or ` : ''}${scope.feature} are disabled in the repository`;
    case 422:
      return 'GitHub rejected the request as invalid';
    case 429:
      return 'a rate limit was hit';
    default:
      return status !== null && status !== undefined && status >= 500
        ? 'GitHub is unavailable'
        : '';
  }
}

/** Longest outside text kept: a TLS error names certificates, but the line stays short. */
const MAX_TEXT = 300;

/**
 * Why no answer came, as one capped line. fetch says only "fetch failed" and keeps the reason
 * (`ECONNREFUSED`, `ENOTFOUND`, a TLS error) down its cause chain: the deepest message says the
 * most, and the first `code` found is added when that message leaves it out.
 */
export function networkCause(error: unknown): string {
  const messages: string[] = [];
  let code: string | undefined;
  let current: unknown = error;
  for (let depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && e.code) code ??= e.code;
    if (typeof e.message === 'string' && e.message) messages.push(errorText(e));
    current = e.cause;
  }
  const deepest = messages.at(-1) ?? code ?? errorText(error);
  const text = code && !deepest.includes(code) ? `${code}: ${deepest}` : deepest;
  return oneLine(capText(text, MAX_TEXT));
}

/**
 * The status GitHub answered with, or null when no answer came. Octokit reports a network failure
 * or a timeout as `status: 500` without a `response`, so only `response.status` tells an answer.
 */
export function answeredStatus(error: unknown): number | null {
  const status = (error as { response?: { status?: unknown } } | null | undefined)?.response
    ?.status;
  return typeof status === 'number' ? status : null;
}

/**
 * A failed call as one clause for the caller's sentence: `HTTP 403 (hint): GitHub's message` (one
 * capped line) when GitHub answered, `no answer (cause)` when it did not. `rateLimited` goes to
 * statusHint. Callers redact the sentence they build.
 */
export function callFailure(error: unknown, scope: ApiScope, rateLimited?: boolean): string {
  const status = answeredStatus(error);
  if (status === null) return `no answer (${networkCause(error)})`;
  const hint = statusHint(status, scope, rateLimited);
  return `HTTP ${status}${hint ? ` (${hint})` : ''}: ${oneLine(capText(errorText(error), MAX_TEXT))}`;
}
