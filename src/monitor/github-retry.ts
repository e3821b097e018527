/**
 * When to try a GitHub request again, and after how long. Pure: the caller sleeps.
 *
 * - Rate limits: 429 always; 403 only with `retry-after` or `x-ratelimit-remaining: 0` (GitHub
 *   sends `x-ratelimit-reset` on every response, so a 403 carrying it alone is a permission
 *   error). GitHub did not act on a rate-limited request, so any method may be retried.
 * - 5xx only for GET and PATCH: a POST that timed out inside GitHub may still have opened the
 *   issue or posted the comment, and a duplicate is worse than a late one (the next scheduled run
 *   finds the issue by its marker and catches up).
 * - A wait longer than the caller allows is not taken: the step reports the failure instead.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The longest single wait; a rate limit asking for more is reported, not waited out. */
  maxWaitMs: number;
}

export type RetryAdvice =
  { retry: true; waitMs: number; why: string } | { retry: false; why?: string };

/** GitHub asks for a minute when a secondary rate limit names no time. */
const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;
const SERVER_ERROR_BASE_WAIT_MS = 1_000;

type Headers = Record<string, string | number | undefined>;

function header(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** The wait a rate-limited answer asks for, or undefined when it is not a rate limit. */
export function rateLimitWaitMs(
  status: number,
  headers: Headers | undefined,
  now: number,
): number | undefined {
  const retryAfter = Number(header(headers, 'retry-after'));
  const remaining = header(headers, 'x-ratelimit-remaining');
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  const hasRetryAfter = header(headers, 'retry-after') !== undefined && Number.isFinite(retryAfter);
  const exhausted = remaining === '0' && Number.isFinite(reset);
  if (status !== 429 && !(status === 403 && (hasRetryAfter || exhausted))) return undefined;
  if (hasRetryAfter) return Math.max(retryAfter, 0) * 1000;
  if (exhausted) return Math.max(reset * 1000 - now, 0);
  return RATE_LIMIT_DEFAULT_WAIT_MS;
}

export function adviseRetry(
  attempt: number,
  method: string,
  status: number | undefined,
  headers: Headers | undefined,
  now: number,
  policy: RetryPolicy,
): RetryAdvice {
  if (status === undefined) return { retry: false };
  const limited = rateLimitWaitMs(status, headers, now);
  const serverError = status >= 500 && (method === 'GET' || method === 'PATCH');
  if (limited === undefined && !serverError) return { retry: false };
  const what = limited !== undefined ? 'rate limited' : `HTTP ${status}`;
  if (attempt > policy.maxRetries) {
    return { retry: false, why: `${what} after ${attempt} attempts` };
  }
  const waitMs = limited ?? SERVER_ERROR_BASE_WAIT_MS * 2 ** (attempt - 1);
  if (waitMs > policy.maxWaitMs) {
    return {
      retry: false,
      why: `${what}: GitHub asks to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.ceil(policy.maxWaitMs / 1000)} s this step waits`,
    };
  }
  return { retry: true, waitMs, why: what };
}
