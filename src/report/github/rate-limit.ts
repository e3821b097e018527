/**
 * GitHub's rate limits for the report's REST calls: a 403 or 429 that says "wait" is retried after
 * the wait it names (`retry-after` seconds, else `x-ratelimit-reset` when nothing remains, else a
 * minute for a secondary limit that names no time), at most a few times and within one budget of
 * waiting for the whole run. Any other answer, including a 403 for missing permissions, is thrown
 * at once. Time goes through an injected clock, so tests wait no real second.
 */
import type { Clock } from '../../gate/clock.js';
import { errorText } from '../../evidence/error-text.js';
import { answeredStatus, callFailure, type ApiScope } from '../../github/call-failure.js';

export interface RateLimitPolicy {
  /** Retries of one request after rate-limited answers. */
  maxRetries: number;
  /** All waiting of one run together; a longer wait gives up instead. */
  maxTotalWaitMs: number;
}

export const RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 3, maxTotalWaitMs: 5 * 60_000 };

/** GitHub's advice for a secondary limit without `retry-after`: wait at least a minute. */
export const SECONDARY_LIMIT_WAIT_MS = 60_000;

type Headers = Record<string, string | number | undefined>;

/**
 * The status and headers GitHub answered with, from an Octokit RequestError (duck-typed: it may
 * come from the toolkit's copy). Status null: no answer came (a network failure, a timeout).
 */
export function httpFacts(error: unknown): { status: number | null; headers: Headers } {
  const e = error as { response?: { headers?: unknown } } | null;
  const status = answeredStatus(error);
  const headers =
    typeof e?.response?.headers === 'object' && e.response.headers !== null
      ? (e.response.headers as Headers)
      : {};
  return { status, headers };
}

/** How long GitHub asks us to wait, ms; null when the answer is not a rate limit. */
export function rateLimitWait(
  status: number | null,
  headers: Headers,
  message: string,
  now: number,
): number | null {
  if (status !== 403 && status !== 429) return null;
  const header = (name: string) => {
    const value = headers[name];
    return value === undefined ? '' : String(value).trim();
  };
  const retryAfter = header('retry-after');
  if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  if (retryAfter) {
    const at = Date.parse(retryAfter); // The HTTP-date form.
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = header('x-ratelimit-reset');
  if (header('x-ratelimit-remaining') === '0' && /^\d+$/.test(reset))
    return Math.max(0, Number(reset) * 1000 - now);
  if (status === 429 || /rate limit/i.test(message)) return SECONDARY_LIMIT_WAIT_MS;
  return null;
}

/**
 * Thrown when a rate limit outlasts the policy; says how long GitHub asked for. It keeps GitHub's
 * last answer as a RequestError does (`status`, `response`), so it reads as an answer, not as a
 * network failure.
 */
export class RateLimitExceeded extends Error {
  readonly response: { status: number; headers: Headers };

  constructor(
    readonly status: number,
    headers: Headers,
    what: string,
  ) {
    super(what);
    this.response = { status, headers };
  }
}

/**
 * A failed call made through a RateLimiter, described: the limiter waited out every rate limit it
 * could, so a RateLimitExceeded is one, and any other 403 is a missing permission.
 */
export function limiterFailure(error: unknown, scope: ApiScope): string {
  return callFailure(error, scope, error instanceof RateLimitExceeded);
}

export class RateLimiter {
  private waitedMs = 0;

  constructor(
    private readonly clock: Pick<Clock, 'now' | 'sleep'>,
    private readonly policy: RateLimitPolicy = RATE_LIMIT_POLICY,
    private readonly onWait: (what: string, ms: number) => void = () => {},
  ) {}

  /** Total time spent waiting for rate limits so far, ms. */
  get waited(): number {
    return this.waitedMs;
  }

  /** Runs `attempt`, retrying it after each rate-limited answer the policy allows. */
  async run<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt();
      } catch (error) {
        const { status, headers } = httpFacts(error);
        const wait = rateLimitWait(status, headers, errorText(error), this.clock.now());
        if (wait === null || status === null) throw error;
        const seconds = Math.ceil(wait / 1000);
        if (retry >= this.policy.maxRetries)
          throw new RateLimitExceeded(
            status,
            headers,
            `${what}: still rate limited (HTTP ${status}) after ${retry} retries`,
          );
        if (this.waitedMs + wait > this.policy.maxTotalWaitMs)
          throw new RateLimitExceeded(
            status,
            headers,
            `${what}: rate limited (HTTP ${status}); GitHub asked to wait ${seconds} s, beyond the ${Math.round(this.policy.maxTotalWaitMs / 1000)} s this run waits in all`,
          );
        this.waitedMs += wait;
        this.onWait(what, wait);
        await this.clock.sleep(wait);
      }
    }
  }
}
