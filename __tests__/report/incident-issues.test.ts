/**
 * The report's incidents between deploys, from monitor mode's incident issues, read through the
 * real Octokit from a stand-in for GitHub's Issues API (real node:http on 127.0.0.1): exact
 * numbers from known issues, what is skipped, and a listing that fails as a warning.
 */
import { getOctokit } from '@actions/github';
import { Redactor } from '../../src/secrets/redact.js';
import { incidentMarker } from '../../src/monitor/incident-marker.js';
import { aggregate } from '../../src/report/aggregate.js';
import {
  issueUrl,
  readIncidentIssues,
  type IncidentSource,
} from '../../src/report/github/incident-issues-source.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-md.js';
import { reportSchema } from '../../src/report/report-schema.js';
import { closedPort } from '../helpers/http-server.js';
import {
  startFakeGitHubIssues,
  type FakeGitHubIssues,
  type FakeIssue,
} from '../helpers/fake-github-issues.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 31);
const PERIOD = 30 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

let api: FakeGitHubIssues;
let slept: number[];
beforeEach(async () => {
  api = await startFakeGitHubIssues({ now: () => NOW });
  slept = [];
});
afterEach(() => api.close());

function source(overrides: Partial<IncidentSource> = {}): IncidentSource {
  return {
    octokit: getOctokit(api.token, { baseUrl: api.url }),
    owner: 'octo',
    repo: 'shop',
    serverUrl: 'https://github.com',
    from: NOW - PERIOD,
    clock: { now: () => NOW, sleep: async (ms) => void slept.push(ms) },
    log: () => undefined,
    redactor: new Redactor(),
    ...overrides,
  };
}

/** An incident issue as monitor mode leaves it: marker first, label, and GitHub's dates. */
function incident(
  service: string,
  slo: string,
  since: number,
  end: { closed?: number; reason?: string } = {},
  extra: Partial<FakeIssue> = {},
): number {
  const created = since + MIN;
  return api.seed({
    title: 'deploy-gate: SLO burning',
    labels: ['incident', 'severity:critical'],
    body: `${incidentMarker({ service, slo, since })}\n**${service}**: burning.`,
    created_at: iso(created),
    updated_at: iso(end.closed ?? created),
    ...(end.closed === undefined
      ? {}
      : { state: 'closed', closed_at: iso(end.closed), state_reason: end.reason ?? 'completed' }),
    ...extra,
  });
}

/** Known issues: the numbers below follow from these alone. */
function seedKnown() {
  const a1 = NOW - 10 * DAY;
  incident('api', 'availability', a1, { closed: a1 + 30 * MIN }); // #1: 1800 s, period only
  const a2 = NOW - 3 * DAY;
  incident('api', 'availability', a2, { closed: a2 + 10 * MIN }); // #2: 600 s, 7d and period
  const a3 = NOW - 2 * HOUR;
  incident('api', 'p95<500ms', a3, { closed: a3 + HOUR }); // #3: 3600 s, every window
  incident('web', 'availability', NOW - 5 * HOUR); // #4: still open
  // #5: started before the period, resolved in it (a comment kept it updated): 20 days.
  incident('web', 'availability', NOW - 40 * DAY, { closed: NOW - 20 * DAY });
  // #6: closed by a person as not planned: no time to restore.
  incident('api', 'availability', NOW - 20 * HOUR, {
    closed: NOW - 19 * HOUR,
    reason: 'not_planned',
  });
  // #7: an incident-labelled issue a person wrote, without the marker.
  api.seed({
    labels: ['incident'],
    body: 'Checkout was down for everyone',
    created_at: iso(NOW - DAY),
  });
  // #8: a pull request with the label and a valid marker: GitHub lists it, we skip it.
  incident('api', 'availability', NOW - 2 * DAY, {}, { pull_request: true });
  // #9: a forged marker: a service name monitor mode never writes (it decodes to markup).
  incident('<img src=x onerror=alert(1)>', 'availability', NOW - DAY, { closed: NOW - DAY + MIN });
  // #10: the marker below the first line (quoted by someone): not ours.
  api.seed({
    labels: ['incident'],
    body: `As seen in\n${incidentMarker({ service: 'api', slo: 'availability', since: NOW - DAY })}`,
    created_at: iso(NOW - DAY),
  });
  // #11: closed before the period and not updated since: GitHub's `since` leaves it out.
  incident('api', 'availability', NOW - 50 * DAY, { closed: NOW - 49 * DAY });
  // #12: a marker whose `since` is after the issue was opened: the issue's creation counts.
  const created = NOW - 6 * HOUR;
  api.seed({
    labels: ['incident'],
    body: `${incidentMarker({ service: 'web', slo: 'p95<500ms', since: NOW - HOUR })}\nbody`,
    created_at: iso(created),
    updated_at: iso(created + 2 * HOUR),
    state: 'closed',
    state_reason: 'completed',
    closed_at: iso(created + 2 * HOUR),
  });
}

function reportOf(read: Awaited<ReturnType<typeof readIncidentIssues>>) {
  const records = {
    found: 0,
    counted: 0,
    duplicates: 0,
    monitor_runs: 0,
    failed_checksum: [],
    skipped: [],
  };
  return reportSchema.parse(
    aggregate([], { now: NOW, periodMs: PERIOD, periodLabel: '30d', records, incidents: read }),
  );
}

describe('incident issues in the report', () => {
  it('lists labelled issues of every state since the period start, and skips what is not ours', async () => {
    seedKnown();
    const read = await readIncidentIssues(source());
    const list = api.requests.filter((r) => r.method === 'GET');
    expect(list).toHaveLength(1);
    expect(list[0]?.query).toMatchObject({
      labels: 'incident',
      state: 'all',
      since: iso(NOW - PERIOD),
      per_page: '100',
    });
    expect(read.warning).toBeNull();
    expect(read.counts).toEqual({
      listed: 11, // #11 is not listed: updated before the period
      pullRequests: 1,
      withoutMarker: 2,
      badMarker: 1,
      malformed: 0,
      pages: 1,
      truncated: false,
    });
    expect(read.issues.map((i) => i.number)).toEqual([5, 1, 2, 6, 12, 4, 3]);
    const twelve = read.issues.find((i) => i.number === 12);
    expect(twelve).toMatchObject({ startFrom: 'issue created', startedAt: NOW - 6 * HOUR });
    expect(read.issues.find((i) => i.number === 2)).toMatchObject({
      startFrom: 'marker',
      startedAt: NOW - 3 * DAY,
      url: 'https://github.com/octo/shop/issues/2',
    });
  });

  it('counts per service and window with exact medians and p90s', async () => {
    seedKnown();
    const section = reportOf(await readIncidentIssues(source())).incident_issues;
    expect(section).not.toBeNull();
    const byWindow = Object.fromEntries(section!.windows.map((w) => [w.window, w]));
    // 24 h: #3 (3600 s) and #12 (2 h, from its creation) resolved; #4 open; #6 not planned.
    expect(byWindow['24h']?.overall).toEqual({
      opened: 4,
      resolved: 2,
      still_open: 1,
      closed_unresolved: 1,
      time_to_restore_seconds: { median: 5400, p90: 7200 },
    });
    // 7 d: #2 600 s, #3 3600 s, #12 7200 s.
    expect(byWindow['7d']?.overall.time_to_restore_seconds).toEqual({ median: 3600, p90: 7200 });
    expect(byWindow['7d']?.overall).toMatchObject({ opened: 5, resolved: 3, still_open: 1 });
    // 30 d: 600, 1800, 3600, 7200 and #5's 20 days (1,728,000 s, started before the period).
    expect(byWindow['30d']?.overall).toEqual({
      opened: 6,
      resolved: 5,
      still_open: 1,
      closed_unresolved: 1,
      time_to_restore_seconds: { median: 3600, p90: 1_728_000 },
    });
    const services = Object.fromEntries(byWindow['30d']!.services.map((s) => [s.service, s]));
    expect(Object.keys(services)).toEqual(['api', 'web']);
    expect(services['api']).toEqual({
      service: 'api',
      opened: 4,
      resolved: 3,
      still_open: 0,
      closed_unresolved: 1,
      time_to_restore_seconds: { median: 1800, p90: 3600 },
    });
    expect(services['web']).toEqual({
      service: 'web',
      opened: 2,
      resolved: 2,
      still_open: 1,
      closed_unresolved: 0,
      time_to_restore_seconds: { median: 864_000 + 3600, p90: 1_728_000 },
    });
    expect(section!.skipped).toEqual({
      pull_requests: 1,
      without_marker: 2,
      bad_marker: 1,
      malformed: 0,
    });
    expect(section!.incidents.find((i) => i.number === 4)).toEqual({
      number: 4,
      url: 'https://github.com/octo/shop/issues/4',
      service: 'web',
      slo: 'availability',
      started_at: iso(NOW - 5 * HOUR),
      start_from: 'marker',
      closed_at: null,
      outcome: 'open',
      restore_seconds: null,
    });
  });

  it('renders the section with links built from numbers, never from what GitHub sent', async () => {
    seedKnown();
    const report = reportOf(await readIncidentIssues(source()));
    const md = renderMarkdown(report);
    expect(md).toContain('### Incidents between deploys');
    expect(md).toContain(
      '| api | availability | 2026-03-28 00:00 UTC | after 10 m | [#2](https://github.com/octo/shop/issues/2) |',
    );
    expect(md).toContain(
      '| web | availability | 2026-03-30 19:00 UTC | still open | [#4](https://github.com/octo/shop/issues/4) |',
    );
    expect(md).toContain('| 30d | **all** | 6 | 5 | 1 | 1 h / 480 h |');
    expect(md).toContain("Not the gates' time to restore");
    expect(md).not.toContain(api.url);
    expect(md).not.toContain('onerror');
    const html = renderHtml(report);
    expect(html).toContain('<a href="https://github.com/octo/shop/issues/3">#3</a>');
    expect(html).not.toContain(api.url);
    expect(html).not.toContain('onerror');
  });

  it('builds no link from a server or repository name that is not plain', () => {
    const base = { owner: 'octo', repo: 'shop' };
    expect(issueUrl({ ...base, serverUrl: 'https://ghe.example:8443' }, 7)).toBe(
      'https://ghe.example:8443/octo/shop/issues/7',
    );
    expect(issueUrl({ ...base, serverUrl: 'not a url' }, 7)).toBeNull();
    expect(issueUrl({ ...base, repo: 'shop/../x', serverUrl: 'https://github.com' }, 7)).toBeNull();
  });

  it('pages through more than 100 issues, waiting out a rate limit with the injected clock', async () => {
    for (let n = 0; n < 130; n += 1)
      incident(`svc-${n}`, 'availability', NOW - DAY, { closed: NOW - DAY + (n + 1) * MIN });
    api.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit' },
      headers: { 'retry-after': '7' },
    });
    const read = await readIncidentIssues(source());
    expect(slept).toEqual([7000]);
    expect(read.counts).toMatchObject({ listed: 130, pages: 2, truncated: false });
    const overall = reportOf(read).incident_issues!.windows[0]!.overall;
    // Restore times 1..130 minutes; each started exactly 24 h ago, so none opened in the 24 h.
    expect(overall).toMatchObject({ opened: 0, resolved: 130 });
    expect(overall.time_to_restore_seconds).toEqual({ median: 65.5 * 60, p90: 117 * 60 });
  });

  it('turns a 403 without permission into a warning naming issues: read; the rest stands', async () => {
    seedKnown();
    api.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const read = await readIncidentIssues(source());
    expect(slept).toEqual([]);
    expect(read.issues).toEqual([]);
    // The limiter lets no rate limit through, so this 403 names the permission alone.
    expect(read.warning).toBe(
      'incident issues of octo/shop not read: HTTP 403 (the workflow needs `permissions: issues: read`): Resource not accessible by integration',
    );
    const report = reportOf(read);
    expect(report.incident_issues?.warning).toBe(read.warning);
    expect(report.windows.at(-1)?.overall.deployments).toBe(0);
    expect(renderMarkdown(report)).toContain(
      `> [!WARNING]\n> incident issues of octo/shop not read`,
    );
  });

  it('names a rejected token and a missing repository, never the token', async () => {
    const bad = await readIncidentIssues(
      source({ octokit: getOctokit('ghs_wrongTokenForTests00000000000000', { baseUrl: api.url }) }),
    );
    expect(bad.warning).toBe(
      'incident issues of octo/shop not read: HTTP 401 (the token was rejected): Bad credentials - https://docs.github.com/rest',
    );
    expect(bad.warning).not.toContain('ghs_');
    api.failNext({ method: 'GET', path: /\/issues$/, status: 404, body: { message: 'Not Found' } });
    const gone = await readIncidentIssues(source());
    expect(gone.warning).toContain(': HTTP 404 (repository not found');
  });

  it('names the rate limit of a 403 that outlasts the limiter, not the permission', async () => {
    seedKnown();
    api.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3600) },
    });
    const read = await readIncidentIssues(source());
    expect(slept).toEqual([]);
    expect(read.issues).toEqual([]);
    expect(read.warning).toMatch(
      /^incident issues of octo\/shop not read: HTTP 403 \(a rate limit was hit\): GET http:\/\/127\.0\.0\.1:\d+\/repos\/octo\/shop\/issues\?\S+: rate limited \(HTTP 403\); GitHub asked to wait 3600 s, beyond the 300 s this run waits in all$/,
    );
  });

  it('says no answer came when nothing listens, never "GitHub is unavailable"', async () => {
    const port = await closedPort();
    const read = await readIncidentIssues(
      source({ octokit: getOctokit(api.token, { baseUrl: `http://127.0.0.1:${port}` }) }),
    );
    expect(read.warning).toMatch(
      /^incident issues of octo\/shop not read: no answer \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
    );
  });
});
