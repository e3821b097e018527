/**
 * The Octokit behind incident issues: every request under its own timeout, rate limits and 5xx
 * answers retried as github-retry.ts decides, and every failure thrown as an IncidentIssueError
 * that names the operation and the HTTP status, with the token masked.
 */
import { getOctokit } from '@actions/github';
import { answeredStatus, callFailure, type ApiScope } from '../github/call-failure.js';
import { Redactor } from '../secrets/redact.js';
import { GITHUB_REQUEST_CAP_MS } from '../service/paperwork.js';
import { adviseRetry, type RetryPolicy } from './github-retry.js';
import { IncidentIssueError, type IncidentIssuesOptions } from './incident-input.js';

const SCOPE: ApiScope = { feature: 'issues', access: 'write', item: 'issue', switchable: true };

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
      const status = answeredStatus(error);
      const why = error !== null && typeof error === 'object' ? gaveUp.get(error) : undefined;
      const name = (error as { name?: unknown }).name;
      const detail =
        status === null && options.signal?.aborted
          ? 'the step was cancelled'
          : status === null && (name === 'AbortError' || name === 'TimeoutError')
            ? `no answer within ${timeoutMs} ms`
            : callFailure(error, SCOPE);
      throw new IncidentIssueError(
        redactor.redactText(
          `incident issues: could not ${operation} in ${where}: ${detail}${why ? ` (${why})` : ''}`,
        ),
        operation,
        status ?? undefined,
      );
    }
  }

  return { octokit, call };
}
