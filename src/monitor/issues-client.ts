/**
 * The Octokit behind incident issues: every request under its own timeout, rate limits and 5xx
 * answers retried as github-retry.ts decides, and every failure thrown as an IncidentIssueError
 * that names the operation and the HTTP status, with the token masked.
 */
import { getOctokit } from '@actions/github';
import { errorText } from '../evidence/error-text.js';
import { Redactor } from '../secrets/redact.js';
import { GITHUB_REQUEST_CAP_MS } from '../service/paperwork.js';
import { capText, oneLine } from '../summary/outside-text.js';
import { adviseRetry, type RetryPolicy } from './github-retry.js';
import { IncidentIssueError, type IncidentIssuesOptions } from './incident-input.js';

function hint(status: number): string {
  switch (status) {
    case 401:
      return ' (the token was rejected)';
    case 403:
      return ' (the workflow needs `permissions: issues: write`, or a rate limit was hit)';
    case 404:
      return ' (repository or issue not found, or the token cannot see it)';
    case 410:
      return ' (the issue was deleted, or issues are disabled in the repository)';
    case 422:
      return ' (GitHub rejected the request as invalid)';
    default:
      return status >= 500 ? ' (GitHub is unavailable)' : '';
  }
}

/** A real wait that ends early on a cancel (the next attempt then fails as cancelled). */
function realSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export type Octokit = ReturnType<typeof getOctokit>;

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a TLS error) is down its cause chain. */
function networkCause(error: unknown): string {
  const top = errorText(error);
  let current: unknown = error;
  for (let depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return top.includes(code) ? top : `${top}: ${code}`;
    current = cause;
  }
  return top;
}

export interface IssuesClient {
  octokit: Octokit;
  /** Runs one operation; any failure comes out as an IncidentIssueError naming it. */
  call<T>(operation: string, run: () => Promise<T>): Promise<T>;
}

export function issuesClient(options: IncidentIssuesOptions): IssuesClient {
  const { owner, repo } = options;
  const sleep = options.sleep ?? ((ms: number) => realSleep(ms, options.signal));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? GITHUB_REQUEST_CAP_MS;
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? 2,
    maxWaitMs: options.maxWaitMs ?? 60_000,
  };
  const redactor = new Redactor();
  redactor.addSecret(options.token);
  const silent = () => undefined;
  const octokit: Octokit = getOctokit(options.token, {
    ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
    log: { debug: silent, info: silent, warn: silent, error: silent },
  });
  /** Why the last request gave up without retrying (a rate limit too long to wait, ...). */
  const gaveUp = new WeakMap<object, string>();

  // Every request (each page of a search too) goes through here: a fresh timeout per attempt.
  octokit.hook.wrap('request', async (request, endpoint) => {
    for (let attempt = 1; ; attempt += 1) {
      const signals = [AbortSignal.timeout(timeoutMs), options.signal].filter(
        (s): s is AbortSignal => !!s,
      );
      try {
        return await request({
          ...endpoint,
          request: { ...endpoint.request, signal: AbortSignal.any(signals) },
        });
      } catch (error) {
        // Octokit reports a network error or a timeout as status 500 without a response.
        const e = error as { response?: { status?: number; headers?: Record<string, string> } };
        const status = e.response?.status;
        const advice = options.signal?.aborted
          ? { retry: false as const }
          : adviseRetry(attempt, endpoint.method, status, e.response?.headers, now(), policy);
        if (!advice.retry) {
          if (advice.why && error !== null && typeof error === 'object')
            gaveUp.set(error, advice.why);
          throw error;
        }
        await sleep(advice.waitMs);
      }
    }
  });

  const where = `${owner}/${repo}`;
  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const status = (error as { response?: { status?: unknown } }).response?.status;
      const answered = typeof status === 'number';
      const why = error !== null && typeof error === 'object' ? gaveUp.get(error) : undefined;
      const name = (error as { name?: unknown }).name;
      const detail = answered
        ? `HTTP ${status}${hint(status)}: ${oneLine(capText(errorText(error), 300))}`
        : options.signal?.aborted
          ? 'the step was cancelled'
          : name === 'AbortError' || name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : `no answer (${oneLine(capText(networkCause(error), 300))})`;
      throw new IncidentIssueError(
        redactor.redactText(
          `incident issues: could not ${operation} in ${where}: ${detail}${why ? ` (${why})` : ''}`,
        ),
        operation,
        answered ? status : undefined,
      );
    }
  }

  return { octokit, call };
}
