/**
 * What a failed GitHub API call means, in words every caller shares: a hint for the HTTP status
 * GitHub answered, and the cause of no answer at all. Callers place the hint in their own sentence.
 */
import { errorText } from '../evidence/error-text.js';
import { capText, oneLine } from '../summary/outside-text.js';

/** The API a call belongs to, as a workflow grants it: `issues: write` is `issues`, `write`. */
export interface ApiScope {
  /** The `permissions:` key, also what a 410 says is disabled: `issues`, `deployments`. */
  feature: string;
  access: 'read' | 'write';
  /** The one thing the call addressed besides the repository (`issue`), when there is one. */
  item?: string;
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
      // GitHub answers 410 for what a repository can switch off (issues) or has deleted.
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

/** Longest cause kept: a TLS error names certificates, but the line stays short. */
const MAX_CAUSE = 300;

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
  return oneLine(capText(text, MAX_CAUSE));
}
