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
 * answers are retried as github-retry.ts decides, with an injected sleep, a bounded number of times
 * (issues-client.ts).
 */
import { capText, oneLine } from '../summary/outside-text.js';
import { DEFAULT_LABEL } from './incident-marker.js';
import {
  validateEvent,
  validateOptions,
  type IncidentIssueError,
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
import { issuesClient } from './issues-client.js';

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

/** Config names inside an error message: one line each, short. */
const names = (event: IncidentEvent) =>
  `${oneLine(capText(event.service, 60))} ${oneLine(capText(event.slo, 60))}`;

export function incidentIssues(options: IncidentIssuesOptions): IncidentIssues {
  validateOptions(options);
  const { owner, repo } = options;
  const label = options.label ?? DEFAULT_LABEL;
  const maxPages = options.maxPages ?? 10;
  const { octokit, call } = issuesClient(options);

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
