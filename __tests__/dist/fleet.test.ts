/**
 * A fleet through dist/index.js: a service-matrix config file, services gated concurrently, one
 * verdict per service and the worst for the step, GitHub Deployments against a local stand-in
 * for the REST API, and a Slack-compatible webhook.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_TOKEN, flyAppWithBrokenRelease } from '../helpers/fake-fly.js';
import { startFakeGitHubApi } from '../helpers/fake-github-api.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { cleanupsAfterAll, runDist } from '../helpers/run-dist.js';
import { startWebhookServer } from '../helpers/webhook-server.js';

const { cleanups, track } = cleanupsAfterAll();

let api: TestServer;
let web: TestServer;
beforeAll(async () => {
  api = await startServer({
    '/healthz': json({ status: 'ok', version: 'a1' }),
    '/search': json({ hits: 3 }),
  });
  web = await startServer({ '/healthz': json({ status: 'down' }, 503) });
  cleanups.push(
    () => api.close(),
    () => web.close(),
  );
});

/** Fast probing, as a `policy:` block indented for where it goes. */
const policy = (indent: string) =>
  [
    'policy:',
    '  initial-delay: 0',
    '  interval: 50ms',
    '  timeout: 1s',
    '  startup-timeout: 1s',
    '  observe-for: 0',
  ]
    .map((line) => `${indent}${line}\n`)
    .join('');

function writeConfig(dir: string, body: string): string {
  const path = join(dir, 'deploy-gate.yml');
  writeFileSync(path, body);
  return path;
}

const fleetConfig = () => `defaults:
  health_endpoint: /healthz
${policy('  ')}services:
  - name: api
    base_url: ${api.origin}
    endpoints:
      - path: /search
        latency_slo: p90<5s
  - name: web
    base_url: ${web.origin}
    runbook_url: https://runbooks.example.com/web
`;

async function runFleet(
  inputs: Record<string, string>,
  config = fleetConfig(),
  env: Record<string, string> = {},
) {
  const first = track(
    await runDist({ inputs: { 'plan-only': 'true', config: 'unused.yml' }, env: {} }),
  );
  const path = writeConfig(first.workDir, config);
  return track(await runDist({ inputs: { config: path, ...inputs }, env, workDir: first.workDir }));
}

describe('a service-matrix config through dist/index.js', () => {
  it('gates every service concurrently; the worst verdict decides; each service has sealed evidence', async () => {
    const hook = await startWebhookServer();
    cleanups.push(() => hook.close());
    const run = await runFleet({ 'max-parallel': '2', 'webhook-url': hook.url });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('unhealthy');
    expect(run.outputs.reason).toMatch(
      /^1 unhealthy, 1 healthy; web: no 3 consecutive successes within 1s/,
    );
    expect(JSON.parse(run.outputs.matrix as string)).toEqual({ service: ['api', 'web'] });
    expect(JSON.parse(run.outputs.services as string)).toEqual([
      expect.objectContaining({ service: 'api', verdict: 'healthy', 'rolled-back': false }),
      expect.objectContaining({ service: 'web', verdict: 'unhealthy' }),
    ]);
    expect(api.requests.some((r) => r.path === '/search')).toBe(true);
    expect(run.summary).toMatch(/\| api \| ✅ healthy \|/);
    expect(run.summary).toMatch(/\| web \| ❌ unhealthy \|/);
    // Worst first: web's row and section come before api's; api's healthy section is folded.
    // (The work dir's summary file also holds the plan-only run's page, so match per line.)
    expect(run.summary).toMatch(/^## ❌ web failed its gate — .*\(1 of 2 services failed\)$/m);
    expect(run.summary.indexOf('| web |')).toBeLessThan(run.summary.indexOf('| api |'));
    expect(run.summary).toContain('### ❌ web failed its gate');
    expect(run.summary).toContain('<details><summary>✅ api healthy after');
    expect(run.summary).toContain('### ✅ api healthy after');
    expect(run.summary).toContain('Runbook: <code>https&#58;//runbooks.example.com/web</code>');
    const dir = run.outputs['audit-dir'] as string;
    for (const service of ['api', 'web']) {
      const audit = JSON.parse(readFileSync(join(dir, service, 'audit.json'), 'utf8')) as {
        service: { name: string };
        verdict: string;
      };
      expect(audit.service.name).toBe(service);
      expect(existsSync(join(dir, service, 'SHA256SUMS'))).toBe(true);
    }
    // Every endpoint group is on the record: its URLs, and the thresholds that are its own.
    const apiAudit = JSON.parse(readFileSync(join(dir, 'api', 'audit.json'), 'utf8')) as {
      service: { urls: string[] };
      policy: Record<string, unknown>;
    };
    expect(apiAudit.service.urls).toEqual([`${api.origin}/healthz`, `${api.origin}/search`]);
    expect(apiAudit.policy).toMatchObject({
      'latency-slo': [],
      [`${api.origin}/search: latency-slo`]: ['p90<5s'],
    });
    // The top-level seal covers every service folder, their own seals included.
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(checked).toContain('web/SHA256SUMS: OK');
    // notify-on: failure (the default): one message, for web only, with the runbook.
    expect(hook.requests).toHaveLength(1);
    const message = JSON.stringify(hook.requests[0]?.body);
    expect(message).toContain('web');
    expect(message).toContain('https://runbooks.example.com/web');
    expect(run.stdout).toContain('Runbook: https://runbooks.example.com/web');
  });

  it('gates only the service named by `service` (a matrix leg)', async () => {
    const before = web.requests.length;
    const run = await runFleet({ service: 'api' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('healthy');
    expect(JSON.parse(run.outputs.services as string)).toHaveLength(1);
    expect(web.requests.length).toBe(before);
  });

  it('plan-only sets the matrix and gates nothing', async () => {
    const before = api.requests.length + web.requests.length;
    const run = await runFleet({ 'plan-only': 'true' });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.matrix as string)).toEqual({ service: ['api', 'web'] });
    expect(api.requests.length + web.requests.length).toBe(before);
  });

  it('rejects a bad file before the first request, naming the file, the service and the field', async () => {
    const before = api.requests.length;
    const run = await runFleet(
      {},
      fleetConfig().replace('latency_slo: p90<5s', 'latency_slo: p90<soon'),
    );
    expect(run.outputs.verdict).toBe('error');
    expect(run.stdout).toMatch(/deploy-gate\.yml:\d+: service "api": .*latency_slo.*"p90<soon"/);
    expect(api.requests.length).toBe(before);
  });
});

describe('GitHub Deployments', () => {
  it('posts in_progress then the verdict, records the Fly release, and never rolls back onto a release whose gate failed', async () => {
    const { fly, app, images } = await flyAppWithBrokenRelease(cleanups, {
      name: 'shop',
      releases: 4,
    });
    const github = await startFakeGitHubApi();
    cleanups.push(() => github.close());
    // An earlier gate failed v3: its deployment's latest status is failure.
    github.seed(
      {
        owner: 'acme',
        repo: 'shop',
        environment: 'production',
        payload: { tool: 'deploy-gate', service: 'shop', fly_app: 'shop', fly_release_version: 3 },
      },
      ['in_progress', 'failure'],
    );
    const config = `services:
  - name: shop
    base_url: ${app.url.replace('/healthz', '')}
    health_endpoint: /healthz
    fly: { app: shop }
${policy('    ')}`;
    const run = await runFleet(
      {
        'github-token': github.token,
        environment: 'production',
        'environment-url': 'https://shop.example.com',
      },
      config,
      {
        ...(fly.env({ FLY_API_TOKEN: FAKE_TOKEN }) as Record<string, string>),
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_RUN_ID: '777',
        GITHUB_RUN_ATTEMPT: '1',
      },
    );
    expect(run.outputs.verdict).toBe('rolled-back');
    const deploy = fly.log().find((e) => e.argv[0] === 'deploy');
    expect(deploy?.argv[2]).toBe(images[2]);
    expect(run.summary).toMatch(/skipped v3 \(its gate failed before/);
    const created = github.deployments.at(-1);
    expect(created).toMatchObject({ environment: 'production', sha: 'a'.repeat(40) });
    expect(created?.payload).toMatchObject({
      service: 'shop',
      fly_app: 'shop',
      fly_release_version: 4,
      fly_image: images[4],
    });
    const states = github.statuses
      .filter((s) => s.deployment_id === created?.id)
      .map((s) => s.state);
    expect(states).toEqual(['in_progress', 'failure']);
    expect(github.statuses.at(-1)).toMatchObject({
      environment_url: 'https://shop.example.com',
      log_url: 'https://github.com/acme/shop/actions/runs/777/attempts/1',
    });
  });

  it('turns a GitHub API failure into a warning, never a changed verdict', async () => {
    const github = await startFakeGitHubApi();
    cleanups.push(() => github.close());
    github.failNext({
      method: 'POST',
      path: /\/deployments$/,
      status: 500,
      body: { message: 'boom' },
    });
    const run = await runFleet(
      { service: 'api', 'github-token': github.token, environment: 'staging' },
      undefined,
      {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_SHA: 'b'.repeat(40),
        GITHUB_RUN_ID: '778',
      },
    );
    expect(run.outputs.verdict).toBe('healthy');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/::warning::\[api\] .*500/);
  });
});

describe('fly.toml defaults', () => {
  it('with fly-config and no url, probes the checks of fly.toml with their timing', async () => {
    const first = track(await runDist({ inputs: { 'plan-only': 'true', config: 'unused.yml' } }));
    const toml = join(first.workDir, 'fly.toml');
    writeFileSync(
      toml,
      [
        'app = "shop-api"',
        '[http_service]',
        '  internal_port = 8080',
        '  [[http_service.checks]]',
        '    grace_period = "0s"',
        '    interval = "50ms"',
        '    timeout = "1s"',
        '    path = "/healthz"',
        '',
      ].join('\n'),
    );
    // Outside Fly the app's hostname does not resolve here, so the gate is cut short by a tiny budget:
    // what is checked is which URL and timing fly.toml gave, as the run's evidence records them.
    const run = track(
      await runDist({
        inputs: { 'fly-config': toml, 'startup-timeout': '200ms', rollback: 'none' },
        workDir: first.workDir,
        env: { FLY_API_TOKEN: FAKE_TOKEN, PATH: '/nonexistent' },
      }),
    );
    expect(run.stdout).toContain('flyctl is not installed on this runner');
    const audit = JSON.parse(
      readFileSync(join(run.workDir, 'deploy-gate-audit', 'audit.json'), 'utf8'),
    ) as { service: { urls: string[] }; policy: Record<string, unknown> };
    expect(audit.service.urls).toEqual(['https://shop-api.fly.dev/healthz']);
    expect(audit.policy).toMatchObject({
      'interval-ms': 50,
      'timeout-ms': 1000,
      'initial-delay-ms': 0,
    });
  });
});
