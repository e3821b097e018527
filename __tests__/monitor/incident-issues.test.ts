/**
 * Incident issues through the real Octokit of @actions/github against a local stand-in for the
 * Issues API: what GitHub receives (paths, bodies, labels), finding the issue again by its marker,
 * retries under rate limits with an injected sleep, and errors that name the operation.
 */
import {
  IncidentIssueError,
  incidentIssues,
  type IncidentContext,
  type IncidentEvent,
} from '../../src/monitor/incident-issues.js';
import { REOPEN_WITHIN_MS } from '../../src/monitor/incident-issues.js';
import { formatDuration } from '../../src/monitor/incident-text.js';
import { incidentMarker, readMarker } from '../../src/monitor/incident-marker.js';
import { startFakeGitHubIssues, type FakeGitHubIssues } from '../helpers/fake-github-issues.js';
import { closedPort } from '../helpers/http-server.js';

const T0 = Date.UTC(2026, 2, 1, 10, 0);
const MIN = 60_000;
let api: FakeGitHubIssues;
let waits: number[];

const event = (overrides: Partial<IncidentEvent> = {}): IncidentEvent => ({
  kind: 'fired',
  level: 'ticket',
  service: 'api',
  slo: 'availability',
  since: T0,
  at: T0,
  rule: 'ticket: 1d and 2h > 3',
  ...overrides,
});
const context = (overrides: Partial<IncidentContext> = {}): IncidentContext => ({
  budget: { sliPercent: 99.41, remainingPercent: 62.3, consumedMinutes: 16.5, budgetMinutes: 43.8 },
  burnRates: { '5m': 20.16, '1h': 15.2, '6h': 4.1, '1d': null },
  evidence: ['GET /health → 503 Service Unavailable'],
  runUrl: 'https://github.example/octo/shop/actions/runs/777',
  runbookUrl: 'https://wiki.example/runbooks/api (availability)',
  ...overrides,
});

function client(extra: { maxWaitMs?: number; maxRetries?: number } = {}) {
  return incidentIssues({
    token: api.token,
    owner: 'octo',
    repo: 'shop',
    baseUrl: api.url,
    sleep: async (ms) => {
      waits.push(ms);
    },
    now: () => T0,
    ...extra,
  });
}

beforeEach(async () => {
  api = await startFakeGitHubIssues();
  waits = [];
});
afterEach(async () => {
  await api.close();
});

const calls = () => api.requests.map((r) => `${r.method} ${r.path}`);

describe('an incident from start to finish', () => {
  it('opens one issue, comments on escalation, stays quiet while unchanged, closes with its duration', async () => {
    const issues = client();
    const opened = await issues.handle(event(), context());
    expect(opened).toEqual({ number: 1, action: 'opened' });
    const created = api.requests.at(-1);
    expect(created?.method).toBe('POST');
    expect(created?.path).toBe('/repos/octo/shop/issues');
    expect(created?.headers.authorization).toBe(`token ${api.token}`);
    const sent = created?.body as { title: string; body: string; labels: string[] };
    expect(sent.title).toBe('deploy-gate: api availability SLO burning (ticket)');
    expect(sent.labels).toEqual(['incident', 'severity:warning']);
    expect(sent.body.split('\n')[0]).toBe(
      `<!-- deploy-gate-incident service=api slo=availability since=${new Date(T0).toISOString()} -->`,
    );
    expect(sent.body).toContain('<code>ticket: 1d and 2h &gt; 3</code>');
    expect(sent.body).toContain('| 99.41 % | 62.3 % | 16.5 of 43.8 min |');
    expect(sent.body).toContain('| 5m | 1h | 6h | 1d |');
    expect(sent.body).toContain('| 20.16 | 15.2 | 4.1 | no data |');
    expect(sent.body).toContain('Since: 2026-03-01 10:00 UTC');
    expect(sent.body).toContain(
      '[This workflow run](<https://github.example/octo/shop/actions/runs/777>)',
    );
    expect(sent.body).toContain('[Runbook](<https://wiki.example/runbooks/api%20(availability)>)');

    const escalated = await issues.handle(
      event({ kind: 'escalated', level: 'page', at: T0 + 8 * MIN, rule: 'page: 1h and 5m > 14.4' }),
      context(),
      1,
    );
    expect(escalated).toEqual({ number: 1, action: 'commented' });
    expect(calls()).toEqual([
      'GET /repos/octo/shop/issues',
      'GET /repos/octo/shop/issues',
      'POST /repos/octo/shop/issues',
      'GET /repos/octo/shop/issues/1',
      'POST /repos/octo/shop/issues/1/comments',
      'PATCH /repos/octo/shop/issues/1',
    ]);
    expect(api.comments[0]?.body).toMatch(
      /^Escalated to \*\*page\*\* \(critical\), was ticket at 2026-03-01 10:08 UTC\. Rule: <code>page: 1h and 5m &gt; 14\.4<\/code>\./,
    );
    expect(api.issues[0]?.labels).toEqual(['incident', 'severity:critical']);
    expect(api.issues[0]?.title).toBe('deploy-gate: api availability SLO burning (page)');

    const ongoing = await issues.handle(
      event({ kind: 'ongoing', level: 'page', at: T0 + 13 * MIN }),
      context(),
      1,
    );
    expect(ongoing).toEqual({ number: 1, action: 'none' });
    expect(api.comments).toHaveLength(1);

    const resolved = await issues.handle(
      event({ kind: 'resolved', level: 'none', at: T0 + 23 * MIN, rule: null }),
      context(),
      1,
    );
    expect(resolved).toEqual({ number: 1, action: 'closed' });
    expect(api.comments[1]?.body).toMatch(
      /^Resolved at 2026-03-01 10:23 UTC: the incident lasted 23 min \(since 2026-03-01 10:00 UTC\)\./,
    );
    const close = api.requests.at(-1);
    expect(close?.method).toBe('PATCH');
    expect(close?.body).toEqual({ state: 'closed', state_reason: 'completed' });
    expect(api.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(waits).toEqual([]);
  });

  it('closes an incident whose SLO left the config or the ledger, saying which', async () => {
    const removed = api.seed({ labels: ['incident'], body: incidentMarker(event()) });
    const evicted = api.seed({
      labels: ['incident'],
      body: incidentMarker(event({ service: 'billing' })),
    });
    const quiet = {
      sliPercent: null,
      remainingPercent: null,
      consumedMinutes: 0,
      budgetMinutes: 0,
    };
    const closing = (service: string, closeReason: 'removed' | 'evicted') =>
      client().handle(
        event({ service, kind: 'resolved', level: 'none', at: T0 + 40 * MIN, rule: null }),
        context({ budget: quiet, burnRates: {}, evidence: [], closeReason }),
      );
    expect(await closing('api', 'removed')).toEqual({ number: removed, action: 'closed' });
    expect(await closing('billing', 'evicted')).toEqual({ number: evicted, action: 'closed' });
    expect(api.comments.map((c) => [c.issue, c.body.split('\n')[0]])).toEqual([
      [
        removed,
        'Resolved at 2026-03-01 10:40 UTC: the SLO is no longer in the config, so nothing measures it any more; the incident lasted 40 min (since 2026-03-01 10:00 UTC).',
      ],
      [
        evicted,
        'Resolved at 2026-03-01 10:40 UTC: the SLO is no longer in the config and its history was dropped from the ledger to make room for the configured services; the incident lasted 40 min (since 2026-03-01 10:00 UTC).',
      ],
    ]);
    expect(api.issues.map((i) => i.state)).toEqual(['closed', 'closed']);
  });

  it('does nothing when a resolved incident has no open issue', async () => {
    const done = await client().handle(event({ kind: 'resolved', level: 'none' }), context());
    expect(done).toEqual({ number: 0, action: 'none' });
    expect(calls()).toEqual(['GET /repos/octo/shop/issues']);
  });

  it('opens a new issue when the known one was deleted (410)', async () => {
    const old = api.seed({ labels: ['incident'], body: incidentMarker(event()) });
    api.remove(old);
    const result = await client().handle(
      event({ kind: 'escalated', level: 'page' }),
      context(),
      old,
    );
    expect(result).toEqual({ number: old + 1, action: 'opened' });
    expect(calls()).toEqual([
      `GET /repos/octo/shop/issues/${old}`,
      'GET /repos/octo/shop/issues',
      'POST /repos/octo/shop/issues',
    ]);
  });
});

describe('finding the open issue after a lost ledger', () => {
  it('matches the marker on page 2, skipping a pull request, title look-alikes and other SLOs', async () => {
    const target = api.seed({
      title: 'deploy-gate: api availability SLO burning (ticket)',
      labels: ['incident', 'severity:warning', 'team:payments'],
      body: `${incidentMarker(event())}\nbody`,
    });
    api.seed({ labels: ['incident'], state: 'closed', body: incidentMarker(event()) });
    // 100 newer open incident issues fill page 1: none of them is this incident's.
    for (let n = 0; n < 97; n += 1) {
      api.seed({ labels: ['incident'], body: incidentMarker(event({ service: `svc-${n}` })) });
    }
    api.seed({
      labels: ['incident'],
      title: 'deploy-gate: api availability SLO burning (ticket)',
      body: 'Copied the title, no marker',
    });
    api.seed({ labels: ['incident'], body: incidentMarker(event({ slo: 'p95<500ms' })) });
    api.seed({ labels: ['incident'], pull_request: true, body: incidentMarker(event()) });

    const result = await client().handle(
      event({ kind: 'escalated', level: 'page', at: T0 + 5 * MIN }),
      context(),
    );
    expect(result).toEqual({ number: target, action: 'commented' });
    const lists = api.requests.filter((r) => r.method === 'GET');
    expect(lists.map((r) => r.query)).toEqual([
      { state: 'open', labels: 'incident', per_page: '100' },
      { state: 'open', labels: 'incident', per_page: '100', page: '2' },
    ]);
    expect(api.comments.map((c) => c.issue)).toEqual([target]);
    // Relabelled to page; the label someone added by hand stays.
    expect(api.issues.find((i) => i.number === target)?.labels).toEqual([
      'incident',
      'team:payments',
      'severity:critical',
    ]);
  });

  it('encodes names in the marker so none can end it or fake another field', () => {
    const marker = incidentMarker({ service: 'a b --> x', slo: 'p95<500ms slo=x', since: T0 });
    expect(marker).toBe(
      `<!-- deploy-gate-incident service=a%20b%20--%3E%20x slo=p95%3C500ms%20slo%3Dx since=${new Date(T0).toISOString()} -->`,
    );
    expect(readMarker(`text\n${marker}\nmore`)).toEqual({
      service: 'a b --> x',
      slo: 'p95<500ms slo=x',
    });
    expect(readMarker('deploy-gate: api availability SLO burning')).toBeUndefined();
  });

  it('a known issue that is closed or names another incident is not reused', async () => {
    const closed = api.seed({
      labels: ['incident'],
      state: 'closed',
      body: incidentMarker(event()),
    });
    const other = api.seed({
      labels: ['incident'],
      body: incidentMarker(event({ service: 'web' })),
    });
    expect(await client().handle(event(), context(), closed)).toEqual({
      number: other + 1,
      action: 'opened',
    });
    expect(await client().handle(event({ service: 'web' }), context(), other)).toEqual({
      number: other,
      action: 'commented',
    });
    expect(api.comments[0]?.body).toMatch(/^Fired again at \*\*ticket\*\*/);
  });
});

describe('an alert that fires again soon after it resolved', () => {
  const HOUR = 60 * MIN;
  let clock: number;
  // The stand-in stamps updated_at and closed_at with this clock, as GitHub does with its own.
  beforeEach(async () => {
    await api.close();
    clock = T0;
    api = await startFakeGitHubIssues({ now: () => clock });
  });
  const at = (ms: number) => {
    clock = ms;
    return ms;
  };
  const fire = (when: number, level: 'ticket' | 'page' = 'ticket') =>
    client().handle(
      event({
        since: when,
        at: when,
        level,
        rule: level === 'page' ? 'page: 1h and 5m > 14.4' : 'ticket: 1d and 2h > 3',
      }),
      context(),
    );
  const resolve = (since: number, when: number) =>
    client().handle(
      event({ kind: 'resolved', level: 'none', since, at: when, rule: null }),
      context(),
    );
  const lists = () =>
    api.requests.filter((r) => r.method === 'GET' && r.path === '/repos/octo/shop/issues');

  it('reopens up to REOPEN_WITHIN_MS (24 h) after the close, not a minute later', async () => {
    expect(REOPEN_WITHIN_MS).toBe(24 * HOUR);
    const closedAt = T0 - REOPEN_WITHIN_MS;
    const seed = (service: string) =>
      api.seed({
        labels: ['incident'],
        state: 'closed',
        body: incidentMarker(event({ service })),
        updated_at: new Date(closedAt).toISOString(),
        closed_at: new Date(closedAt).toISOString(),
      });
    const edge = seed('api');
    expect(await fire(at(T0))).toEqual({ number: edge, action: 'reopened' });
    const late = seed('web');
    const web = await client().handle(
      event({ service: 'web', since: T0 + MIN, at: at(T0 + MIN) }),
      context(),
    );
    expect(web).toEqual({ number: late + 1, action: 'opened' });
  });

  it('reopens the closed issue 3 h later: one issue, severity restored, a comment saying so', async () => {
    expect(await fire(at(T0))).toEqual({ number: 1, action: 'opened' });
    expect(await resolve(T0, at(T0 + 40 * MIN))).toEqual({ number: 1, action: 'closed' });
    expect(api.issues[0]).toMatchObject({
      state: 'closed',
      labels: ['incident', 'severity:warning'],
    });
    // Someone added a label, and the severity label was taken off by hand after the close.
    api.issues[0]!.labels = ['incident', 'team:payments'];
    api.requests.length = 0;

    const again = T0 + 40 * MIN + 3 * HOUR;
    expect(await fire(at(again), 'page')).toEqual({ number: 1, action: 'reopened' });
    expect(api.issues).toHaveLength(1);
    expect(api.issues[0]).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
      title: 'deploy-gate: api availability SLO burning (page)',
      labels: ['incident', 'team:payments', 'severity:critical'],
    });
    expect(calls()).toEqual([
      'GET /repos/octo/shop/issues',
      'GET /repos/octo/shop/issues',
      'PATCH /repos/octo/shop/issues/1',
      'POST /repos/octo/shop/issues/1/comments',
    ]);
    expect(lists().map((r) => r.query)).toEqual([
      { state: 'open', labels: 'incident', per_page: '100' },
      {
        state: 'closed',
        labels: 'incident',
        since: new Date(again - 24 * HOUR).toISOString(),
        per_page: '100',
      },
    ]);
    expect(api.requests[2]?.body).toEqual({
      state: 'open',
      state_reason: 'reopened',
      title: 'deploy-gate: api availability SLO burning (page)',
      labels: ['incident', 'team:payments', 'severity:critical'],
    });
    const said = api.comments.at(-1)?.body ?? '';
    expect(said.split('\n')[0]).toBe(
      'Fired again 3 h after it resolved: <code>page: 1h and 5m &gt; 14.4</code>, at **page** (critical) at 2026-03-01 13:40 UTC.',
    );
    expect(said).toContain('| 20.16 | 15.2 | 4.1 | no data |');
    expect(said).toContain('| 99.41 % | 62.3 % | 16.5 of 43.8 min |');

    // The next episode's end closes the same issue again, with that episode's duration.
    const end = again + 25 * MIN;
    expect(await resolve(again, at(end))).toEqual({ number: 1, action: 'closed' });
    expect(api.comments.at(-1)?.body).toMatch(
      /^Resolved at 2026-03-01 14:05 UTC: the incident lasted 25 min/,
    );
    expect(api.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
  });

  it('opens a new issue 30 h later, even when the old one was commented on since', async () => {
    await fire(at(T0));
    await resolve(T0, at(T0 + 40 * MIN));
    // A comment 2 h ago updates the issue (so `since` lists it), but it closed 30 h ago.
    const again = T0 + 40 * MIN + 30 * HOUR;
    at(again - 2 * HOUR);
    api.issues[0]!.updated_at = new Date(clock).toISOString();
    expect(await fire(at(again))).toEqual({ number: 2, action: 'opened' });
    expect(api.issues.map((i) => [i.number, i.state])).toEqual([
      [1, 'closed'],
      [2, 'open'],
    ]);
    // Without the comment, `since` leaves it out of the list altogether.
    await resolve(again, at(again + 10 * MIN));
    const third = again + 10 * MIN + 25 * HOUR;
    expect(await fire(at(third))).toEqual({ number: 3, action: 'opened' });
    expect(api.issues.filter((i) => i.state === 'closed').map((i) => i.number)).toEqual([1, 2]);
  });

  it('reopens the latest of two recent closes, on a later page', async () => {
    const closedAt = (ms: number) => new Date(ms).toISOString();
    const older = api.seed({
      labels: ['incident', 'severity:warning'],
      state: 'closed',
      body: incidentMarker(event()),
      updated_at: closedAt(T0 - 2 * HOUR),
      closed_at: closedAt(T0 - 10 * HOUR),
    });
    const latest = api.seed({
      labels: ['incident', 'severity:warning'],
      state: 'closed',
      body: incidentMarker(event()),
      updated_at: closedAt(T0 - 5 * HOUR),
      closed_at: closedAt(T0 - 5 * HOUR),
    });
    for (let n = 0; n < 100; n += 1) {
      api.seed({
        labels: ['incident'],
        state: 'closed',
        body: incidentMarker(event({ service: `svc-${n}` })),
        closed_at: closedAt(T0 - HOUR),
      });
    }
    expect(await fire(at(T0))).toEqual({ number: latest, action: 'reopened' });
    expect(lists().map((r) => [r.query['state'], r.query['page']])).toEqual([
      ['open', undefined],
      ['closed', undefined],
      ['closed', '2'],
    ]);
    expect(api.issues.find((i) => i.number === older)?.state).toBe('closed');
    expect(api.comments.at(-1)?.body).toMatch(/^Fired again 5 h after it resolved/);
  });

  it('never reopens a recent close of another SLO, a PR, an issue without the marker, or on escalation', async () => {
    const recent = { state: 'closed' as const, closed_at: new Date(T0 - HOUR).toISOString() };
    const others = [
      api.seed({
        ...recent,
        labels: ['incident'],
        body: incidentMarker(event({ slo: 'p95<500ms' })),
      }),
      api.seed({
        ...recent,
        labels: ['incident'],
        body: incidentMarker(event({ service: 'web' })),
      }),
      api.seed({
        ...recent,
        labels: ['incident'],
        pull_request: true,
        body: incidentMarker(event()),
      }),
      api.seed({
        ...recent,
        labels: ['incident', 'severity:warning'],
        title: 'deploy-gate: api availability SLO burning (ticket)',
        body: 'Copied the title, no marker',
      }),
      // The marker, without the label the search filters on.
      api.seed({ ...recent, labels: ['bug'], body: incidentMarker(event()) }),
    ];
    const result = await fire(at(T0));
    expect(result).toEqual({ number: Math.max(...others) + 1, action: 'opened' });
    expect(api.issues.filter((i) => others.includes(i.number)).map((i) => i.state)).toEqual(
      others.map(() => 'closed'),
    );
    expect(api.requests.filter((r) => r.method === 'PATCH')).toEqual([]);

    // Only a fire reopens: an escalation with no open issue opens one, as before.
    const mine = api.seed({
      ...recent,
      labels: ['incident'],
      body: incidentMarker(event({ service: 'db' })),
    });
    const escalated = await client().handle(
      event({ kind: 'escalated', level: 'page', service: 'db', at: at(T0 + MIN) }),
      context(),
    );
    expect(escalated).toEqual({ number: mine + 1, action: 'opened' });
    expect(api.issues.find((i) => i.number === mine)?.state).toBe('closed');
  });

  it('names the operation when the reopen is refused', async () => {
    const number = api.seed({
      labels: ['incident'],
      state: 'closed',
      body: incidentMarker(event()),
      closed_at: new Date(T0 - HOUR).toISOString(),
    });
    api.failNext({
      method: 'PATCH',
      path: new RegExp(`/issues/${number}$`),
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    await expect(fire(at(T0))).rejects.toMatchObject({
      status: 403,
      operation: `reopen incident issue #${number}`,
    });
    expect(api.issues).toHaveLength(1);
    expect(api.comments).toEqual([]);
  });
});

describe('rate limits and failures', () => {
  it('waits out a 403 rate limit with retry-after, then succeeds', async () => {
    api.failNext({
      method: 'POST',
      path: /\/issues$/,
      status: 403,
      headers: { 'retry-after': '7' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    expect(await client().handle(event(), context())).toEqual({ number: 1, action: 'opened' });
    expect(waits).toEqual([7000]);
    expect(calls()).toEqual([
      'GET /repos/octo/shop/issues',
      'GET /repos/octo/shop/issues',
      'POST /repos/octo/shop/issues',
      'POST /repos/octo/shop/issues',
    ]);
    expect(api.issues).toHaveLength(1);
  });

  it('waits for x-ratelimit-reset when the primary limit is used up (429 too)', async () => {
    const reset = String(T0 / 1000 + 30);
    api.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    api.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 429,
      headers: { 'retry-after': '2' },
    });
    expect(await client().handle(event(), context())).toEqual({ number: 1, action: 'opened' });
    expect(waits).toEqual([30_000, 2000]);
  });

  it('gives up after the retries, and never waits longer than allowed', async () => {
    for (let n = 0; n < 3; n += 1) {
      api.failNext({
        method: 'GET',
        path: /\/issues$/,
        status: 429,
        headers: { 'retry-after': '1' },
      });
    }
    const tooMany = client({ maxRetries: 2 }).handle(event(), context());
    await expect(tooMany).rejects.toThrow(
      /could not find the open incident issue of api availability in octo\/shop: HTTP 429.*rate limited after 3 attempts/,
    );
    expect(waits).toEqual([1000, 1000]);

    waits = [];
    api.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      headers: { 'retry-after': '3600' },
    });
    await expect(client({ maxWaitMs: 60_000 }).handle(event(), context())).rejects.toThrow(
      /GitHub asks to wait 3600 s, longer than the 60 s this step waits/,
    );
    expect(waits).toEqual([]);
  });

  it('reads a 403 without rate-limit signs as missing permission, and does not retry it', async () => {
    api.failNext({
      method: 'POST',
      path: /\/issues$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const error = await client()
      .handle(event(), context())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncidentIssueError);
    expect(error).toMatchObject({
      status: 403,
      operation: 'open an incident issue for api availability',
    });
    expect((error as Error).message).toBe(
      'incident issues: could not open an incident issue for api availability in octo/shop: HTTP 403 (the workflow needs `permissions: issues: write`, or a rate limit was hit): Resource not accessible by integration',
    );
    expect(waits).toEqual([]);
  });

  it('retries a 502 on a read but never on a create (a duplicate issue is worse than a late one)', async () => {
    api.failNext({ method: 'GET', path: /\/issues$/, status: 502 });
    api.failNext({ method: 'POST', path: /\/issues$/, status: 502 });
    await expect(client().handle(event(), context())).rejects.toMatchObject({
      status: 502,
      operation: 'open an incident issue for api availability',
    });
    expect(waits).toEqual([1000]);
    expect(calls().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('reports a 422 on close clearly', async () => {
    const number = api.seed({ labels: ['incident'], body: incidentMarker(event()) });
    api.failNext({
      method: 'PATCH',
      path: new RegExp(`/issues/${number}$`),
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', field: 'state', code: 'invalid' }],
      },
    });
    const error = await client()
      .handle(event({ kind: 'resolved', level: 'none', at: T0 + 5 * MIN }), context(), number)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncidentIssueError);
    expect(error).toMatchObject({ status: 422, operation: `close incident issue #${number}` });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^incident issues: could not close incident issue #${number} in octo/shop: HTTP 422 \\(GitHub rejected the request as invalid\\): Validation Failed`,
      ),
    );
    expect((error as Error).message).not.toContain(api.token);
  });

  it('names a rejected token (401) without showing it', async () => {
    const wrong = incidentIssues({
      token: 'ghs_wrongTokenWrongTokenWrong0123',
      owner: 'octo',
      repo: 'shop',
      baseUrl: api.url,
    });
    const error = await wrong.handle(event(), context()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).toMatch(/HTTP 401 \(the token was rejected\)/);
    expect((error as Error).message).not.toContain('ghs_wrongToken');
  });

  it('says when GitHub did not answer at all (a closed port), without retrying a create', async () => {
    const port = await closedPort();
    const nowhere = incidentIssues({
      token: api.token,
      owner: 'octo',
      repo: 'shop',
      baseUrl: `http://127.0.0.1:${port}`,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const error = await nowhere.handle(event(), context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncidentIssueError);
    expect(error).toMatchObject({ status: undefined });
    expect((error as Error).message).toMatch(
      /^incident issues: could not find the open incident issue of api availability in octo\/shop: no answer \(.*ECONNREFUSED.*\)$/,
    );
    expect(waits).toEqual([]);
  });

  it('refuses bad inputs before the first request', async () => {
    expect(() => incidentIssues({ token: ' ', owner: 'octo', repo: 'shop' })).toThrow(
      /token is empty/,
    );
    expect(() => incidentIssues({ token: 't', owner: 'oc/to', repo: 'shop' })).toThrow(
      /owner "oc\/to" is not valid/,
    );
    expect(() => incidentIssues({ token: 't', owner: 'octo', repo: 'shop', label: 'a,b' })).toThrow(
      /label "a,b" is not valid: 1 to 50 characters, no comma/,
    );
    const issues = client();
    await expect(issues.handle(event(), context(), 0)).rejects.toThrow(/known 0 is not valid/);
    await expect(
      issues.handle(event(), context({ runbookUrl: 'javascript:alert(1)' })),
    ).rejects.toThrow(/context.runbookUrl "javascript:alert\(1\)" is not valid: an http\(s\) URL/);
    await expect(issues.handle(event({ at: T0 - 1 }), context())).rejects.toThrow(/event.at/);
    await expect(issues.handle(event({ slo: 'x'.repeat(201) }), context())).rejects.toThrow(
      /event.slo "x+… \(1 more characters\)" is not valid: at most 200 characters/,
    );
    await expect(issues.handle(event({ level: 'none' }), context())).rejects.toThrow(
      /event.level "none" is not valid: ticket or page for a fired event/,
    );
    const why = { closeReason: 'forgotten' as 'removed' };
    await expect(issues.handle(event({ kind: 'resolved' }), context(why))).rejects.toThrow(
      /context.closeReason "forgotten" is not valid: removed or evicted/,
    );
    expect(api.requests).toEqual([]);
  });
});

describe('outside text in the body', () => {
  it('never becomes a mention, link, reference, HTML or workflow command; lines are capped', async () => {
    const hostile = [
      'ping @someone and @octo/team about #12',
      '[x](http://evil) ![img](https://evil/p.png) <img src=x onerror=alert(1)>',
      'line one\r\n::warning::injected\n::set-output name=x::y',
      '`code` | pipe **bold** https://evil.example www.evil.example',
      'x'.repeat(1000),
      ...Array.from({ length: 12 }, (_, n) => `extra ${n}`),
    ];
    await client().handle(
      event({ service: '@admin', slo: '[a](http://evil)' }),
      context({ evidence: hostile }),
    );
    const body = (api.requests.at(-1)?.body as { body: string }).body;
    expect(body).not.toMatch(/@(someone|octo|admin)/);
    expect(body).not.toContain('[x]');
    expect(body).not.toContain('](http');
    expect(body).not.toMatch(/https?:\/\/evil/);
    expect(body).not.toContain('www.evil');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('\r');
    for (const line of body.split('\n')) expect(line).not.toMatch(/^\s*(::|##\[)/);
    expect(body).toContain(
      '<code>line one&#92;r&#92;n::warning::injected&#92;n::set-output name=x::y</code>',
    );
    // Issue references and mentions inside <code> are never linked by GitHub.
    expect(body).toMatch(/<code>ping @\u200bsomeone and @\u200bocto\/team about #12<\/code>/);
    const evidence = body
      .split('\n')
      .filter((l) => l.startsWith('- <code>') || l.startsWith('- …'));
    expect(evidence).toHaveLength(11);
    expect(evidence.at(-1)).toBe("- … and 7 more (in the run's evidence)");
    expect(body).toContain('… (700 more characters)');
  });

  it('formats durations to the minute', () => {
    expect(formatDuration(20_000)).toBe('under 1 min');
    expect(formatDuration(23 * MIN)).toBe('23 min');
    expect(formatDuration(125 * MIN)).toBe('2 h 5 min');
    expect(formatDuration(27 * 60 * MIN)).toBe('1 d 3 h');
  });
});

describe('the stand-in', () => {
  it('takes `Bearer` like `token`, answers 401 without either, and 422 on a bad state', async () => {
    const number = api.seed({ labels: ['incident'] });
    const patch = (authorization: string | undefined, body: unknown) =>
      fetch(`${api.url}/repos/octo/shop/issues/${number}`, {
        method: 'PATCH',
        headers: authorization ? { authorization } : {},
        body: JSON.stringify(body),
      });
    expect((await patch(undefined, { state: 'closed' })).status).toBe(401);
    const bad = await patch(`Bearer ${api.token}`, { state: 'done' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', field: 'state', code: 'invalid' }],
    });
    const ok = await patch(`token ${api.token}`, { state: 'closed', state_reason: 'not_planned' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      number,
      state: 'closed',
      state_reason: 'not_planned',
      labels: [{ name: 'incident' }],
    });
  });
});
