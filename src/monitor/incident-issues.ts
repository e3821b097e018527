/**
 * Incident issues for monitor mode, through the real Octokit of @actions/github: one open issue
 * per service and SLO while its alert lasts (labelled `incident` and `severity:critical` or
 * `severity:warning`), a comment when it escalates or changes level, and a last comment with its
 * duration when it resolves, then `state: closed`, `state_reason: completed`. An alert that fires
 * again within REOPEN_WITHIN_MS of its issue's close reopens that issue instead of opening another.
 *
 * The issue is found again by a hidden marker in its body (never by its title, which anyone can
 * edit or copy), among the open issues with the label, page by page. A known number (from the
 * ledger) is read back first and used only when it is still open and carries the same marker.
 *
 * Paperwork, not decision: every failure throws an IncidentIssueError naming the operation and
 * the HTTP status (never the token); the caller turns it into a warning. Rate limits and 5xx
 * answers are retried as github-retry.ts decides, with an injected sleep, a bounded number of times.
 */
import { getOctokit } from '@actions/github';
import { errorText } from '../evidence/error-text.js';
import { Redactor } from '../secrets/redact.js';
import { GITHUB_REQUEST_CAP_MS } from '../service/paperwork.js';
import { capText, oneLine } from '../summary/outside-text.js';
import { adviseRetry, type RetryPolicy } from './github-retry.js';
import {
  DEFAULT_LABEL,
  IncidentIssueError,
  validateEvent,
  validateOptions,
  type IncidentIssuesOptions,
} from './incident-input.js';
import {
  isIncidentOf,
  labelNames,
  levelOf,
  withLevel,
  type ClosedIssue,
  type FoundIssue,
  type ListedIssue,
} from './incident-issue-shape.js';
import {
  changeComment,
  incidentBody,
  incidentLabels,
  incidentTitle,
  reopenedComment,
  resolvedComment,
  type IncidentContext,
  type IncidentEvent,
} from './incident-text.js';

export type { IncidentContext, IncidentEvent } from './incident-text.js';
export { IncidentIssueError, type IncidentIssuesOptions } from './incident-input.js';

/**
 * A fire this soon after its incident's issue was closed reopens that issue. A slow burn sampled
 * by few probes resolves and fires again many times (about 14 in 20 days in bench/): one problem,
 * so one issue, with a comment per return. Longer apart, a fire is a new incident and a new issue.
 */
export const REOPEN_WITHIN_MS = 24 * 60 * 60 * 1000;

export interface IncidentIssues {
  /**
   * Open (fired), comment (escalated, or a level change while ongoing), close with the duration
   * (resolved); a fire soon after a close reopens that issue (reopened). Returns the issue
   * touched; `number` is 0 when there was none to touch.
   */
  handle(
    event: IncidentEvent,
    context: IncidentContext,
    known?: number,
  ): Promise<{ number: number; action: 'opened' | 'reopened' | 'commented' | 'closed' | 'none' }>;
}

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

type Octokit = ReturnType<typeof getOctokit>;

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

/** Config names inside an error message: one line each, short. */
const names = (event: IncidentEvent) =>
  `${oneLine(capText(event.service, 60))} ${oneLine(capText(event.slo, 60))}`;

export function incidentIssues(options: IncidentIssuesOptions): IncidentIssues {
  validateOptions(options);
  const { owner, repo } = options;
  const label = options.label ?? DEFAULT_LABEL;
  const sleep = options.sleep ?? ((ms: number) => realSleep(ms, options.signal));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? GITHUB_REQUEST_CAP_MS;
  const maxPages = options.maxPages ?? 10;
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

  /** The known issue when it is still this incident's open issue; undefined when gone or closed. */
  async function readKnown(known: number, event: IncidentEvent): Promise<FoundIssue | undefined> {
    try {
      const { data } = await call(`read incident issue #${known}`, () =>
        octokit.rest.issues.get({ owner, repo, issue_number: known }),
      );
      const issue = data as ListedIssue;
      if (issue.state !== 'open' || issue.pull_request || !isIncidentOf(issue, event))
        return undefined;
      return { number: issue.number, labels: labelNames(issue) };
    } catch (error) {
      // Deleted (410) or moved away (404): the marker search finds the open one, if any.
      const status = (error as IncidentIssueError).status;
      if (status === 404 || status === 410) return undefined;
      throw error;
    }
  }

  /** Open issues with the label, newest first, page by page; pull requests are skipped. */
  async function search(event: IncidentEvent): Promise<FoundIssue | undefined> {
    return call(`find the open incident issue of ${names(event)}`, async () => {
      let pages = 0;
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        state: 'open',
        labels: label,
        per_page: 100,
      });
      for await (const page of iterator) {
        for (const issue of page.data as ListedIssue[]) {
          if (issue.pull_request || !isIncidentOf(issue, event)) continue;
          return { number: issue.number, labels: labelNames(issue) };
        }
        if ((pages += 1) >= maxPages) break;
      }
      return undefined;
    });
  }

  /**
   * This incident's issue closed most recently within REOPEN_WITHIN_MS before the event, if any.
   * GitHub's `since` filters by update time, which a close sets, so the window's closes are all
   * listed; `closed_at` then decides (a comment after an old close also updates the issue).
   */
  async function recentlyClosed(event: IncidentEvent): Promise<ClosedIssue | undefined> {
    const after = event.at - REOPEN_WITHIN_MS;
    return call(`find a recently closed incident issue of ${names(event)}`, async () => {
      let pages = 0;
      let latest: ClosedIssue | undefined;
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        state: 'closed',
        labels: label,
        since: new Date(after).toISOString(),
        per_page: 100,
      });
      for await (const page of iterator) {
        for (const issue of page.data as ListedIssue[]) {
          if (issue.pull_request || issue.state !== 'closed' || !isIncidentOf(issue, event))
            continue;
          const closedAt = Date.parse(issue.closed_at ?? '');
          if (!(closedAt >= after) || (latest && latest.closedAt >= closedAt)) continue;
          latest = { number: issue.number, labels: labelNames(issue), closedAt };
        }
        if ((pages += 1) >= maxPages) break;
      }
      return latest;
    });
  }

  /** Open again, with the title and severity of the new fire, and say how soon it came back. */
  async function reopen(issue: ClosedIssue, event: IncidentEvent, context: IncidentContext) {
    await call(`reopen incident issue #${issue.number}`, () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        state: 'open',
        state_reason: 'reopened',
        title: incidentTitle(event),
        labels: withLevel(issue.labels, label, event.level),
      }),
    );
    await comment(issue.number, reopenedComment(event, context, issue.closedAt));
    return { number: issue.number, action: 'reopened' as const };
  }

  async function locate(event: IncidentEvent, known?: number) {
    return (known !== undefined ? await readKnown(known, event) : undefined) ?? search(event);
  }

  async function open(event: IncidentEvent, context: IncidentContext) {
    const { data } = await call(`open an incident issue for ${names(event)}`, () =>
      octokit.rest.issues.create({
        owner,
        repo,
        title: incidentTitle(event),
        body: incidentBody(event, context),
        labels: incidentLabels(label, event.level),
      }),
    );
    return { number: data.number, action: 'opened' as const };
  }

  async function comment(issue: number, body: string) {
    await call(`comment on incident issue #${issue}`, () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body }),
    );
  }

  /** New severity label and title; the labels people added by hand are kept. */
  async function relabel(issue: FoundIssue, event: IncidentEvent) {
    const labels = withLevel(issue.labels, label, event.level);
    await call(`relabel incident issue #${issue.number}`, () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        title: incidentTitle(event),
        labels,
      }),
    );
  }

  return {
    async handle(event, context, known) {
      validateEvent(event, context, known);
      const found = await locate(event, known);
      if (event.kind === 'resolved') {
        if (!found) return { number: 0, action: 'none' };
        await comment(found.number, resolvedComment(event, context));
        await call(`close incident issue #${found.number}`, () =>
          octokit.rest.issues.update({
            owner,
            repo,
            issue_number: found.number,
            state: 'closed',
            state_reason: 'completed',
          }),
        );
        return { number: found.number, action: 'closed' };
      }
      if (!found) {
        if (event.level === 'none') return { number: 0, action: 'none' };
        const closed = event.kind === 'fired' ? await recentlyClosed(event) : undefined;
        return closed ? reopen(closed, event, context) : open(event, context);
      }
      const previous = levelOf(found.labels);
      // While it lasts, an unchanged incident gets no comment: one every scheduled run is noise.
      if (event.kind === 'ongoing' && (previous === event.level || event.level === 'none')) {
        return { number: found.number, action: 'none' };
      }
      await comment(found.number, changeComment(event, context, previous));
      if (previous !== event.level) await relabel(found, event);
      return { number: found.number, action: 'commented' };
    },
  };
}
