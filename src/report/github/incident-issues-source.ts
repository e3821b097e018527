/**
 * The incident issues monitor mode opened, as the report reads them: `GET /repos/{owner}/{repo}/issues`
 * with `labels=incident`, `state=all`, `since=<period start>`, 100 per page, through the report's
 * rate limiter (rate-limit.ts). GitHub's `since` keeps issues *updated* since then, so the period
 * is applied again to the dates by incidents.ts.
 *
 * Trusted from each issue: GitHub's own fields (number, state, state_reason, created_at,
 * closed_at, labels, the pull_request key) and the hidden marker only when it is the body's first
 * line (monitoring/incident-text.ts). Never the title, the rest of the body, or html_url: links
 * are built from the server, the repository and the number.
 *
 * Paperwork: a listing that fails (401, 403 without `issues: read`, 404, a network error, a rate
 * limit beyond the policy) becomes a warning; the report's other numbers stand.
 */
import { getOctokit } from '@actions/github';
import { z } from 'zod';
import { realClock, type Clock } from '../../gate/clock.js';
import type { ApiScope } from '../../github/call-failure.js';
import type { Redactor } from '../../secrets/redact.js';
import { DEFAULT_LABEL, readLeadingMarker } from '../../monitor/incident-marker.js';
import { capText, oneLine } from '../../summary/outside-text.js';
import type { IncidentIssue, IncidentIssuesRead } from '../incidents.js';
import { withRateLimits, type Octokit } from './list-artifacts.js';
import {
  RateLimiter,
  limiterFailure,
  RATE_LIMIT_POLICY,
  type RateLimitPolicy,
} from './rate-limit.js';

/** 10 pages of 100: a month of incidents of a large fleet, and a bound on requests. */
export const MAX_ISSUE_PAGES = 10;

/** Service names as monitor mode writes them (monitor-step.ts: letters, digits, `.`, `_`, `-`). */
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** `availability`, or a latency objective as the latency-slo input writes it (`p95<500ms`). */
const SLO = /^(?:availability|p\d{1,2}(?:\.\d)?<[0-9][0-9A-Za-z.]{0,19})$/;
/** GitHub's owner and repository names: links are built only from names of this shape. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

const issueSchema = z.object({
  number: z.number().int().positive(),
  state: z.enum(['open', 'closed']),
  state_reason: z.string().nullish(),
  created_at: z.string(),
  closed_at: z.string().nullish(),
  body: z.string().nullish(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string().nullish() })])).optional(),
  pull_request: z.unknown().optional(),
});

export interface IncidentSource {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** Web base for the links (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** The start of the period, epoch ms. */
  from: number;
  clock: Pick<Clock, 'now' | 'sleep'>;
  log: (line: string) => void;
  redactor: Redactor;
  policy?: RateLimitPolicy;
  maxPages?: number;
}

/** `https://<server host>/<owner>/<repo>/issues/<number>`; null when any part is not plain. */
export function issueUrl(
  source: Pick<IncidentSource, 'serverUrl' | 'owner' | 'repo'>,
  number: number,
): string | null {
  let host: string;
  try {
    host = new URL(source.serverUrl).host;
  } catch {
    return null;
  }
  if (!OWNER.test(source.owner) || !REPO.test(source.repo) || !Number.isSafeInteger(number))
    return null;
  return `https://${host}/${source.owner}/${source.repo}/issues/${number}`;
}

const SCOPE: ApiScope = { feature: 'issues', access: 'read', switchable: true };

const epoch = (text: string | null | undefined) =>
  typeof text === 'string' ? Date.parse(text) : Number.NaN;

/** Lists the period's incident issues; never throws for what GitHub answers. */
export async function readIncidentIssues(source: IncidentSource): Promise<IncidentIssuesRead> {
  const repository = `${source.owner}/${source.repo}`;
  const read: IncidentIssuesRead = {
    repository,
    issues: [],
    counts: {
      listed: 0,
      pullRequests: 0,
      withoutMarker: 0,
      badMarker: 0,
      malformed: 0,
      pages: 0,
      truncated: false,
    },
    warning: null,
  };
  const limiter = new RateLimiter(source.clock, source.policy ?? RATE_LIMIT_POLICY, (what, ms) =>
    source.log(`rate limited: waiting ${Math.ceil(ms / 1000)} s before retrying ${what}`),
  );
  const octokit = withRateLimits(source.octokit, limiter);
  const maxPages = source.maxPages ?? MAX_ISSUE_PAGES;
  try {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      owner: source.owner,
      repo: source.repo,
      labels: DEFAULT_LABEL,
      state: 'all',
      since: new Date(source.from).toISOString(),
      per_page: 100,
    });
    for await (const page of pages) {
      read.counts.pages += 1;
      for (const raw of page.data as unknown[]) {
        read.counts.listed += 1;
        const issue = toIncident(raw, source, read.counts);
        if (issue) read.issues.push(issue);
      }
      if (read.counts.pages >= maxPages) {
        read.counts.truncated = true;
        break;
      }
    }
  } catch (error) {
    const why = limiterFailure(error, SCOPE);
    read.warning = source.redactor.redactText(`incident issues of ${repository} not read: ${why}`);
    read.issues = [];
  }
  read.issues.sort((a, b) => a.startedAt - b.startedAt || a.number - b.number);
  return read;
}

/** One listed item as an incident, or null (counted by why) when it is not one we can trust. */
function toIncident(
  raw: unknown,
  source: IncidentSource,
  counts: IncidentIssuesRead['counts'],
): IncidentIssue | null {
  const parsed = issueSchema.safeParse(raw);
  if (!parsed.success) {
    counts.malformed += 1;
    return null;
  }
  const issue = parsed.data;
  if (issue.pull_request !== undefined && issue.pull_request !== null) {
    counts.pullRequests += 1;
    return null;
  }
  const labels = (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
  const marker = labels.includes(DEFAULT_LABEL) ? readLeadingMarker(issue.body) : undefined;
  if (!marker) {
    counts.withoutMarker += 1;
    return null;
  }
  if (!SERVICE.test(marker.service) || !SLO.test(marker.slo)) {
    counts.badMarker += 1;
    return null;
  }
  const createdAt = epoch(issue.created_at);
  const closedAt = issue.state === 'closed' ? epoch(issue.closed_at) : Number.NaN;
  if (!Number.isFinite(createdAt) || (issue.state === 'closed' && !Number.isFinite(closedAt))) {
    counts.malformed += 1;
    return null;
  }
  // The marker's start is used when it is not after the issue was opened (the alert fires first).
  const fromMarker = marker.since !== null && marker.since <= createdAt;
  const reason = issue.state_reason ?? null;
  return {
    number: issue.number,
    url: issueUrl(source, issue.number),
    service: marker.service,
    slo: marker.slo,
    startedAt: fromMarker ? (marker.since as number) : createdAt,
    startFrom: fromMarker ? 'marker' : 'issue created',
    closedAt: issue.state === 'closed' ? closedAt : null,
    outcome:
      issue.state === 'open'
        ? 'open'
        : reason === null || reason === 'completed'
          ? 'restored'
          : 'closed unresolved',
  };
}

export type IncidentSetup = { ok: true; source: IncidentSource } | { ok: false; reason: string };

/** The source as the runner sets it up (GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SERVER_URL). */
export function incidentSourceFromEnv(
  env: NodeJS.ProcessEnv,
  inputs: { token: string; from: number; redactor: Redactor; log: (line: string) => void },
): IncidentSetup {
  const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
  const [owner = '', repo = '', ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0)
    return {
      ok: false,
      reason: `GITHUB_REPOSITORY ${JSON.stringify(capText(oneLine(repository), 100))} is not owner/repo`,
    };
  const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  const serverUrl = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
  const silent = () => undefined;
  return {
    ok: true,
    source: {
      octokit: getOctokit(inputs.token, {
        baseUrl: apiUrl,
        log: { debug: silent, info: silent, warn: silent, error: silent },
      }),
      owner,
      repo,
      serverUrl,
      from: inputs.from,
      clock: realClock,
      log: inputs.log,
      redactor: inputs.redactor,
    },
  };
}
