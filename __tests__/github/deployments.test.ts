/**
 * The real Octokit of @actions/github against a local stand-in for the REST API: request paths,
 * bodies and headers as GitHub receives them, and every failure (5xx, 403, 401, a hang, a closed
 * port) coming back as a warning, never a throw.
 */
import {
  deploymentStateFor,
  GitHubDeployments,
  MAX_DESCRIPTION,
  statusDescription,
} from '../../src/github/deployments.js';
import { githubRunFromEnv, runUrl } from '../../src/github/github-run.js';
import { closedPort } from '../helpers/http-server.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../helpers/fake-github-api.js';

const repo = { owner: 'octo', repo: 'shop' };
const sha = 'c0ffee'.padEnd(40, '0');
let api: FakeGitHubApi;
let client: GitHubDeployments;

beforeEach(async () => {
  api = await startFakeGitHubApi();
  client = new GitHubDeployments({ token: api.token, apiUrl: api.url, timeoutMs: 2000 });
});
afterEach(async () => {
  await api.close();
});

describe('createDeployment', () => {
  it('creates one deployment for the gate run with the Fly release in its payload', async () => {
    const created = await client.createDeployment({
      ...repo,
      sha,
      environment: 'production',
      description: 'deploy-gate: api v42',
      payload: {
        service: 'api',
        fly_app: 'shop-api',
        fly_release_version: 42,
        fly_image: 'registry.fly.io/shop-api:deployment-01J',
        run_id: '777',
        run_attempt: '1',
      },
    });
    expect(created).toEqual({
      ok: true,
      value: {
        id: api.deployments[0]?.id,
        url: `${api.url}/repos/octo/shop/deployments/${api.deployments[0]?.id}`,
      },
    });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/repos/octo/shop/deployments');
    expect(request?.headers.authorization).toBe(`token ${api.token}`);
    expect(request?.body).toEqual({
      ref: sha,
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      description: 'deploy-gate: api v42',
      payload: {
        tool: 'deploy-gate',
        service: 'api',
        fly_app: 'shop-api',
        fly_release_version: 42,
        fly_image: 'registry.fly.io/shop-api:deployment-01J',
        run_id: '777',
        run_attempt: '1',
      },
    });
  });

  it('turns a 500 into a warning that keeps the verdict and never shows the token', async () => {
    api.failNext({
      method: 'POST',
      path: /\/deployments$/,
      status: 500,
      body: { message: 'Server Error' },
    });
    const created = await client.createDeployment({
      ...repo,
      sha,
      environment: 'production',
      payload: {},
    });
    expect(created).toEqual({
      ok: false,
      warning:
        'GitHub deployments: could not create a deployment in environment "production": HTTP 500 (GitHub is unavailable): Server Error. The verdict is unchanged.',
    });
  });

  it('turns a rejected token into a warning without the token', async () => {
    const wrong = new GitHubDeployments({
      token: 'ghs_wrongTokenValue000000000000000',
      apiUrl: api.url,
    });
    const created = await wrong.createDeployment({
      ...repo,
      sha,
      environment: 'staging',
      payload: {},
    });
    expect(created.ok).toBe(false);
    const warning = created.ok ? '' : created.warning;
    expect(warning).toContain('HTTP 401 (the token was rejected): Bad credentials');
    expect(warning).not.toContain('ghs_wrongTokenValue');
    expect(api.deployments).toEqual([]);
  });

  it('finds the API where the runner says it is (GITHUB_API_URL)', async () => {
    const run = githubRunFromEnv({
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_SHA: sha,
      GITHUB_RUN_ID: '777',
    });
    if (!run.ok) throw new Error(run.warning);
    const fromEnv = new GitHubDeployments({ token: api.token, apiUrl: run.run.apiUrl });
    const created = await fromEnv.createDeployment({
      owner: run.run.owner,
      repo: run.run.repo,
      sha: run.run.sha,
      environment: 'production',
      payload: { run_id: run.run.runId, run_url: runUrl(run.run) },
    });
    expect(created.ok).toBe(true);
    expect(api.deployments[0]?.payload).toEqual({
      tool: 'deploy-gate',
      run_id: '777',
      run_url: 'https://github.com/octo/shop/actions/runs/777/attempts/1',
    });
  });

  it('warns instead of throwing when the token is empty', async () => {
    const tokenless = new GitHubDeployments({ token: ' ', apiUrl: api.url });
    expect(
      await tokenless.createDeployment({ ...repo, sha, environment: 'production', payload: {} }),
    ).toEqual({
      ok: false,
      warning:
        'GitHub deployments: could not create a deployment in environment "production": the token is empty. The verdict is unchanged.',
    });
    expect(api.requests).toEqual([]);
  });

  it('turns an unreachable API into a warning', async () => {
    const port = await closedPort();
    const offline = new GitHubDeployments({ token: api.token, apiUrl: `http://127.0.0.1:${port}` });
    const created = await offline.createDeployment({
      ...repo,
      sha,
      environment: 'production',
      payload: {},
    });
    expect(created.ok).toBe(false);
    expect(created.ok ? '' : created.warning).toMatch(
      /^GitHub deployments: could not create a deployment in environment "production": no answer \(.*ECONNREFUSED.*\)\. The verdict is unchanged\.$/,
    );
  });

  it('gives up on an API that does not answer within the timeout', async () => {
    const impatient = new GitHubDeployments({ token: api.token, apiUrl: api.url, timeoutMs: 150 });
    api.failNext({ method: 'POST', path: /\/deployments$/, status: 201, delayMs: 5000 });
    const started = performance.now();
    const created = await impatient.createDeployment({
      ...repo,
      sha,
      environment: 'production',
      payload: {},
    });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(created).toEqual({
      ok: false,
      warning:
        'GitHub deployments: could not create a deployment in environment "production": no answer within 150 ms. The verdict is unchanged.',
    });
  });
});

describe('bounds', () => {
  it('a cancel ends a request under way and refuses the next', async () => {
    const cancel = new AbortController();
    const bound = new GitHubDeployments({
      token: api.token,
      apiUrl: api.url,
      timeoutMs: 60_000,
      signal: cancel.signal,
    });
    api.failNext({ method: 'POST', path: /\/deployments$/, status: 201, delayMs: 30_000 });
    setTimeout(() => cancel.abort(new Error('received SIGTERM')), 100);
    const created = await bound.createDeployment({
      ...repo,
      sha,
      environment: 'production',
      payload: {},
    });
    expect(created).toEqual({
      ok: false,
      warning:
        'GitHub deployments: could not create a deployment in environment "production": the step was cancelled. The verdict is unchanged.',
    });
    const requests = api.requests.length;
    const posted = await bound.postStatus({
      ...repo,
      deploymentId: 1,
      state: 'error',
      description: 'x',
    });
    expect(posted.ok).toBe(false);
    expect(api.requests).toHaveLength(requests);
  });

  it('reading earlier gates stops at its own bound, however many requests remain', async () => {
    const bound = new GitHubDeployments({
      token: api.token,
      apiUrl: api.url,
      timeoutMs: 60_000,
      historyTimeoutMs: 300,
    });
    for (let version = 1; version <= 5; version += 1)
      api.seed(
        {
          environment: 'production',
          payload: { tool: 'deploy-gate', fly_app: 'shop-api', fly_release_version: version },
        },
        ['failure'],
      );
    api.failNext({ method: 'GET', path: /\/statuses$/, status: 200, body: [], delayMs: 30_000 });
    const result = await bound.failedGateVersions({
      ...repo,
      environment: 'production',
      flyApp: 'shop-api',
    });
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(
      result.warnings.every((w) => w.includes('the history read took longer than 300 ms')),
    ).toBe(true);
    expect(api.requests.length).toBeLessThan(1 + 5);
  });
});

describe('postStatus', () => {
  it('posts in_progress, then the verdict with the run as log_url', async () => {
    const id = api.seed({ environment: 'production' });
    const logUrl = 'https://github.com/octo/shop/actions/runs/777/attempts/1';
    const first = await client.postStatus({
      ...repo,
      deploymentId: id,
      state: 'in_progress',
      description: 'deploy-gate is probing v42',
      logUrl,
    });
    const second = await client.postStatus({
      ...repo,
      deploymentId: id,
      state: deploymentStateFor('rolled-back'),
      description: `rolled-back: ${'error rate 30% exceeds 5% '.repeat(10)}`,
      logUrl,
      environmentUrl: 'https://shop.example.com',
    });
    expect([first, second]).toEqual([
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ]);
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual([
      `/repos/octo/shop/deployments/${id}/statuses`,
      `/repos/octo/shop/deployments/${id}/statuses`,
    ]);
    expect(posts[0]?.body).toEqual({
      state: 'in_progress',
      description: 'deploy-gate is probing v42',
      log_url: logUrl,
    });
    const final = posts[1]?.body as Record<string, string>;
    expect(final['state']).toBe('failure');
    expect(final['environment_url']).toBe('https://shop.example.com');
    expect(final['description']).toHaveLength(MAX_DESCRIPTION);
    expect(final['description']?.endsWith('…')).toBe(true);
    expect(api.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
  });

  it('turns a 403 into a warning naming the permission to add', async () => {
    const id = api.seed({});
    api.failNext({
      method: 'POST',
      path: /\/statuses$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const posted = await client.postStatus({
      ...repo,
      deploymentId: id,
      state: 'success',
      description: 'healthy',
    });
    expect(posted).toEqual({
      ok: false,
      warning: `GitHub deployments: could not post status "success" on deployment ${id}: HTTP 403 (the workflow needs \`permissions: deployments: write\`, or a rate limit was hit): Resource not accessible by integration. The verdict is unchanged.`,
    });
  });

  it('gives a 410 no "disabled" hint: a repository cannot switch deployments off', async () => {
    const id = api.seed({});
    api.failNext({ method: 'POST', path: /\/statuses$/, status: 410, body: { message: 'Gone' } });
    const posted = await client.postStatus({
      ...repo,
      deploymentId: id,
      state: 'success',
      description: 'healthy',
    });
    expect(posted).toEqual({
      ok: false,
      warning: `GitHub deployments: could not post status "success" on deployment ${id}: HTTP 410: Gone. The verdict is unchanged.`,
    });
  });

  it('turns an unknown deployment (404) into a warning', async () => {
    const posted = await client.postStatus({
      ...repo,
      deploymentId: 9,
      state: 'error',
      description: 'cancelled',
    });
    expect(posted.ok).toBe(false);
    expect(posted.ok ? '' : posted.warning).toContain(
      'HTTP 404 (repository or deployment not found, or the token cannot see it; check `permissions: deployments: write`): Not Found',
    );
  });
});

describe('failedGateVersions', () => {
  const gate = (version: number, extra: Record<string, unknown> = {}) => ({
    environment: 'production',
    payload: {
      tool: 'deploy-gate',
      fly_app: 'shop-api',
      service: 'api',
      fly_release_version: version,
      ...extra,
    },
  });

  it('lists the releases whose latest finished gate failed', async () => {
    api.seed(gate(35), ['in_progress', 'failure']);
    api.seed(gate(35), ['in_progress', 'error']); // no verdict: neither marks nor clears
    api.seed(gate(38), ['in_progress', 'error']);
    api.seed(gate(39), ['in_progress', 'failure']);
    api.seed(gate(39), ['in_progress', 'success']); // a later passing gate clears v39
    api.seed(gate(40), ['in_progress', 'failure']);
    api.seed(gate(41), ['in_progress', 'success', 'inactive']);
    api.seed(gate(37, { fly_app: 'other-app' }), ['failure']);
    api.seed(gate(36, { tool: 'someone-else' }), ['failure']);
    api.seed({ environment: 'production', payload: 'not json' }, ['failure']);
    api.seed(gate(34, {}), []); // never got a status
    api.seed({ ...gate(33), environment: 'staging' }, ['failure']);
    api.seed(gate(43), ['in_progress']); // this run, still gating

    const result = await client.failedGateVersions({
      ...repo,
      environment: 'production',
      flyApp: 'shop-api',
    });
    expect(result.warnings).toEqual([]);
    expect(result.versions).toEqual([40, 35]);
    expect(result.decidedBy.map((d) => [d.version, d.state])).toEqual([
      [41, 'inactive'], // GitHub marks an older success inactive; it stays good
      [40, 'failure'],
      [39, 'success'],
      [35, 'failure'],
    ]);
    const list = api.requests.find((r) => r.method === 'GET' && r.path.endsWith('/deployments'));
    expect(list?.query).toEqual({ environment: 'production', per_page: '100' });
  });

  it('reads one page and at most `limit` gates: a bounded number of requests', async () => {
    for (let version = 1; version <= 120; version += 1) api.seed(gate(version), ['failure']);
    const result = await client.failedGateVersions({
      ...repo,
      environment: 'production',
      flyApp: 'shop-api',
      limit: 25,
    });
    expect(result.versions).toEqual(Array.from({ length: 25 }, (_, i) => 120 - i));
    expect(api.requests).toHaveLength(1 + 25);
  });

  it('keeps to one service when a fleet shares the environment', async () => {
    api.seed(gate(40), ['failure']);
    api.seed(gate(41, { service: 'web' }), ['failure']);
    const result = await client.failedGateVersions({
      ...repo,
      environment: 'production',
      flyApp: 'shop-api',
      service: 'web',
    });
    expect(result.versions).toEqual([41]);
  });

  it('reports a failed listing as a warning and skips nothing it could not read', async () => {
    api.failNext({
      method: 'GET',
      path: /\/deployments$/,
      status: 502,
      body: { message: 'Bad Gateway' },
    });
    const result = await client.failedGateVersions({
      ...repo,
      environment: 'production',
      flyApp: 'shop-api',
    });
    expect(result).toEqual({
      versions: [],
      decidedBy: [],
      warnings: [
        'GitHub deployments: could not list deployments of environment "production": HTTP 502 (GitHub is unavailable): Bad Gateway. The verdict is unchanged.',
      ],
    });
  });

  it('reports an unreadable status list as a warning and judges the rest', async () => {
    const broken = api.seed(gate(40), ['failure']);
    api.seed(gate(39), ['failure']);
    api.failNext({
      method: 'GET',
      path: new RegExp(`/deployments/${broken}/statuses$`),
      status: 500,
    });
    const result = await client.failedGateVersions({
      ...repo,
      environment: 'production',
      flyApp: 'shop-api',
    });
    expect(result.versions).toEqual([39]);
    expect(result.warnings).toEqual([
      `GitHub deployments: could not read the statuses of deployment ${broken}: HTTP 500 (GitHub is unavailable): Injected failure 500. The verdict is unchanged.`,
    ]);
  });
});

describe('deployment states and descriptions', () => {
  it('maps every verdict to the state the environment page shows', () => {
    expect(
      (
        ['healthy', 'unhealthy', 'rolled-back', 'rollback-failed', 'cancelled', 'error'] as const
      ).map(deploymentStateFor),
    ).toEqual(['success', 'failure', 'failure', 'failure', 'error', 'error']);
  });

  it('keeps descriptions on one line and within 140 characters', () => {
    expect(statusDescription('  healthy:\n all  rules passed ')).toBe('healthy: all rules passed');
    const long = statusDescription('x'.repeat(500));
    expect([long.length, long.at(-1)]).toEqual([140, '…']);
  });
});

describe('the REST stand-in', () => {
  it('paginates like GitHub, with a Link header to the next and last pages', async () => {
    for (let i = 0; i < 5; i += 1) api.seed({ environment: 'production' });
    const response = await fetch(
      `${api.url}/repos/octo/shop/deployments?environment=production&per_page=2`,
      {
        headers: { authorization: `token ${api.token}` },
      },
    );
    const body = (await response.json()) as Array<{ id: number }>;
    expect(body.map((d) => d.id)).toEqual(
      api.deployments
        .map((d) => d.id)
        .sort((a, b) => b - a)
        .slice(0, 2),
    );
    expect(response.headers.get('link')).toBe(
      `<${api.url}/repos/octo/shop/deployments?environment=production&per_page=2&page=2>; rel="next", ` +
        `<${api.url}/repos/octo/shop/deployments?environment=production&per_page=2&page=3>; rel="last"`,
    );
  });
});
