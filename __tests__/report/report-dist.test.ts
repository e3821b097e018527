/**
 * mode: report through dist/index.js over records the bundled action itself wrote: a healthy
 * gate, an unhealthy one (no rollback), a rolled-back one (fake flyctl), and a tampered copy.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incidentMarker } from '../../src/monitor/incident-marker.js';
import { startFakeGitHubIssues } from '../helpers/fake-github-issues.js';
import { FAKE_TOKEN, flyAppWithBrokenRelease } from '../helpers/fake-fly.js';
import { json, startServer } from '../helpers/http-server.js';
import { cleanupsAfterAll, FAST_GATE, runDist, type DistRun } from '../helpers/run-dist.js';

const fast = FAST_GATE;
const { cleanups, track } = cleanupsAfterAll();

let records: string;
let report: DistRun;

beforeAll(async () => {
  records = mkdtempSync(join(tmpdir(), 'dg-records-'));
  cleanups.push(() => rmSync(records, { recursive: true, force: true }));
  const server = await startServer({
    '/healthz': json({ status: 'ok' }),
    '/broken': json({ status: 'down' }, 503),
  });
  cleanups.push(() => server.close());
  const keep = (run: DistRun, name: string) =>
    cpSync(run.outputs['audit-dir'] as string, join(records, 'artifacts', name), {
      recursive: true,
    });

  // One service (the same host:port): it fails, then the next gate is healthy.
  const unhealthy = track(await runDist({ inputs: { ...fast, url: server.url('/broken') } }));
  expect(unhealthy.outputs.verdict).toBe('unhealthy');
  keep(unhealthy, 'run-1-unhealthy');
  const healthy = track(await runDist({ inputs: { ...fast, url: server.url('/healthz') } }));
  expect(healthy.outputs.verdict).toBe('healthy');
  keep(healthy, 'run-2-healthy');

  // Fly app "shop": v4 is broken, rolled back to v3 and verified.
  const { fly, app } = await flyAppWithBrokenRelease(cleanups, { name: 'shop', releases: 4 });
  const rolled = track(
    await runDist({
      inputs: { ...fast, url: app.url, 'fly-app': 'shop' },
      env: fly.env({ FLY_API_TOKEN: FAKE_TOKEN }) as Record<string, string>,
    }),
  );
  expect(rolled.outputs.verdict).toBe('rolled-back');
  keep(rolled, 'nested/deeper/run-3-rolled-back');

  // A copy of the healthy record with one byte of its probes changed.
  keep(healthy, 'run-4-tampered');
  const probes = join(records, 'artifacts', 'run-4-tampered', 'probes.ndjson');
  const bytes = readFileSync(probes);
  bytes[10] = bytes[10] === 0x31 ? 0x32 : 0x31;
  writeFileSync(probes, bytes);

  report = track(
    await runDist({ inputs: { mode: 'report', period: '7d', records, 'audit-dir': 'report' } }),
  );
}, 120_000);

describe('mode: report through dist/index.js', () => {
  it('counts the verified records and excludes the tampered one, naming it', () => {
    expect(report.exitCode).toBe(0);
    expect(report.outputs).toMatchObject({
      deployments: '3',
      'failed-deployments': '2',
      'change-failure-rate': '66.67',
      rollbacks: '1',
      'report-dir': join(report.workDir, 'report'),
    });
    // Both failures were restored: one by its verified rollback, one by the next healthy gate.
    expect(Number(report.outputs['mttr-seconds'])).toBeGreaterThan(0);
    expect(report.stdout).toContain(
      '::warning::1 record failed its checksum: artifacts/run-4-tampered',
    );
    expect(report.summary).toContain(
      '1 record failed its checksum and is not counted: <code>artifacts/run-4-tampered</code> (modified probes.ndjson)',
    );
    expect(report.summary).toMatch(/^## 📊 Deployment report — 7d to /);
  });

  it('writes report.json, report.md (the summary) and a self-contained report.html', () => {
    const dir = report.outputs['report-dir'] as string;
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      records: { found: number; counted: number };
      windows: { name: string }[];
      restores: { via: string | null; service: string }[];
    };
    expect(json.records).toMatchObject({ found: 4, counted: 3 });
    expect(json.windows.map((w) => w.name)).toEqual(['24h', '7d']);
    expect(json.restores.map((r) => r.via).sort()).toEqual(['next-healthy-gate', 'rollback']);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe(report.summary);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="http/i);
    expect(html).toContain('id="chart-deployments"');
    expect(html).toContain('id="chart-restore"');
  });

  it("reads monitor mode's incident issues with a token, and warns when it may not", async () => {
    const issues = await startFakeGitHubIssues({ now: () => Date.now() });
    cleanups.push(() => issues.close());
    const iso = (ms: number) => new Date(ms).toISOString();
    const since = Date.now() - 2 * 3_600_000;
    const marker = (at: number) =>
      incidentMarker({ service: 'shop', slo: 'availability', since: at });
    // Resolved after 25 minutes; one still open; a pull request and an unmarked issue skipped.
    issues.seed({
      labels: ['incident'],
      body: `${marker(since)}\nbody`,
      created_at: iso(since + 60_000),
      updated_at: iso(since + 25 * 60_000),
      state: 'closed',
      state_reason: 'completed',
      closed_at: iso(since + 25 * 60_000),
    });
    issues.seed({ labels: ['incident'], body: `${marker(since + 3_600_000)}\nbody` });
    issues.seed({ labels: ['incident'], body: marker(since), pull_request: true });
    issues.seed({ labels: ['incident'], body: 'written by hand' });
    const env = {
      GITHUB_API_URL: issues.url,
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_SERVER_URL: 'https://github.com',
    };
    const inputs = { mode: 'report', period: '7d', records, 'github-token': issues.token };
    const read = track(await runDist({ inputs: { ...inputs, 'audit-dir': 'report' }, env }));
    expect(read.exitCode).toBe(0);
    expect(read.outputs.deployments).toBe('3');
    const list = issues.requests.find((r) => r.method === 'GET');
    expect(list?.query).toMatchObject({ labels: 'incident', state: 'all', per_page: '100' });
    const json = JSON.parse(
      readFileSync(join(read.outputs['report-dir'] as string, 'report.json'), 'utf8'),
    ) as { incident_issues: { skipped: object; windows: { overall: object }[] } };
    expect(json.incident_issues.skipped).toEqual({
      pull_requests: 1,
      without_marker: 1,
      bad_marker: 0,
      malformed: 0,
    });
    expect(json.incident_issues.windows[0]?.overall).toEqual({
      opened: 2,
      resolved: 1,
      still_open: 1,
      closed_unresolved: 0,
      time_to_restore_seconds: { median: 1500, p90: 1500 },
    });
    expect(read.summary).toContain('### Incidents between deploys');
    expect(read.summary).toContain('| still open | [#2](https://github.com/octo/shop/issues/2) |');
    expect(read.summary).not.toContain(issues.url);
    expect(read.summary).not.toContain(issues.token);

    // Without `issues: read`: a warning, and every other number stands.
    issues.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const denied = track(await runDist({ inputs: { ...inputs, 'audit-dir': 'denied' }, env }));
    expect(denied.exitCode).toBe(0);
    expect(denied.outputs).toMatchObject({ deployments: '3', 'failed-deployments': '2' });
    expect(denied.stdout).toContain(
      '::warning::incident issues of octo/shop not read: HTTP 403 (the workflow needs `permissions: issues: read`): Resource not accessible by integration',
    );
    expect(denied.summary).toContain('> [!WARNING]\n> incident issues of octo/shop not read');
  });

  it('refuses a report without records, and an unknown mode', async () => {
    const none = track(await runDist({ inputs: { mode: 'report' } }));
    expect(none.exitCode).toBe(1);
    expect(none.stdout).toContain(
      'Input "github-token" is empty while "records" is empty: the report then reads this repository\'s workflow artifacts',
    );
    const bad = track(await runDist({ inputs: { mode: 'reprot', url: 'https://example.test/' } }));
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain('Input "mode": "reprot" is not a mode; accepted: gate, report');
  });
});
