/**
 * mode: report through dist/index.js reading this repository's artifacts from local stand-ins of
 * the GitHub REST API (list, zip redirect, blob) and of the artifact service (uploads). The
 * records are made by the bundled action itself: an unhealthy gate then a healthy one of one
 * service, a rolled-back one (fake flyctl), a fleet of two services; plus a tampered copy and an
 * expired copy. 110 newer artifacts of other names push the gates to the listing's second page;
 * one download is answered 403 with retry-after first. A second report then reads the ledger the
 * first one uploaded and downloads no gate artifact again.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_ARTIFACT_NAME } from '../../src/report/github/list-artifacts.js';
import {
  startFakeArtifactService,
  type FakeArtifactService,
} from '../helpers/fake-artifact-service.js';
import {
  startFakeGitHubArtifacts,
  zipFolder,
  type FakeGitHubArtifacts,
} from '../helpers/fake-github-artifacts.js';
import { FAKE_TOKEN, flyAppWithBrokenRelease } from '../helpers/fake-fly.js';
import { json, startServer } from '../helpers/http-server.js';
import { cleanupsAfterAll, FAST_GATE, ROOT, runDist, type DistRun } from '../helpers/run-dist.js';

const fast = FAST_GATE;
const { cleanups, track } = cleanupsAfterAll();

let api: FakeGitHubArtifacts;
const ids: Record<string, number> = {};
let first: DistRun;
let second: DistRun;
let firstService: FakeArtifactService;
let downloadsAfterFirst: Map<number, number>;

/** The runner's variables for a report step of run `runId` in acme/shop. */
const runnerEnv = (runId: number, service: FakeArtifactService) => ({
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_API_URL: api.url,
  // The toolkit's client refuses GHES (any other host): links are only built from this.
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: String(runId),
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'report',
  ...service.env(),
});
const reportInputs = () => ({
  mode: 'report',
  period: '7d',
  'github-token': api.token,
  'audit-dir': 'report',
});

beforeAll(async () => {
  const records = mkdtempSync(join(tmpdir(), 'dg-gh-records-'));
  cleanups.push(() => rmSync(records, { recursive: true, force: true }));
  api = await startFakeGitHubArtifacts();
  cleanups.push(() => api.close());
  const server = await startServer({
    '/healthz': json({ status: 'ok' }),
    '/broken': json({ status: 'down' }, 503),
  });
  cleanups.push(() => server.close());
  const now = Date.now();
  let runId = 100;
  const upload = async (key: string, dir: string, minutesAgo: number, expired = false) => {
    runId += 1;
    ids[key] = api.add({
      name: `deploy-gate-audit-${key}-gate-${runId}-1`,
      zip: await zipFolder(dir),
      runId,
      createdAt: new Date(now - minutesAgo * 60_000).toISOString(),
      expired,
    });
  };

  const unhealthy = track(await runDist({ inputs: { ...fast, url: server.url('/broken') } }));
  expect(unhealthy.outputs.verdict).toBe('unhealthy');
  await upload('unhealthy', unhealthy.outputs['audit-dir'] as string, 50);
  const healthy = track(await runDist({ inputs: { ...fast, url: server.url('/healthz') } }));
  expect(healthy.outputs.verdict).toBe('healthy');
  await upload('healthy', healthy.outputs['audit-dir'] as string, 40);

  const { fly, app } = await flyAppWithBrokenRelease(cleanups, { name: 'shop', releases: 4 });
  const rolled = track(
    await runDist({
      inputs: { ...fast, url: app.url, 'fly-app': 'shop' },
      env: fly.env({ FLY_API_TOKEN: FAKE_TOKEN }) as Record<string, string>,
    }),
  );
  expect(rolled.outputs.verdict).toBe('rolled-back');
  await upload('rolled', rolled.outputs['audit-dir'] as string, 30);

  // A fleet: api healthy, web unhealthy, in one audit folder (one artifact).
  const plan = track(await runDist({ inputs: { 'plan-only': 'true', config: 'unused.yml' } }));
  const config = join(plan.workDir, 'deploy-gate.yml');
  writeFileSync(
    config,
    `defaults:
  policy:
    initial-delay: 0
    interval: 50ms
    timeout: 1s
    startup-timeout: 1s
    observe-for: 0
services:
  - name: api
    base_url: ${server.origin}
    health_endpoint: /healthz
  - name: web
    base_url: ${server.origin}
    health_endpoint: /broken
`,
  );
  const fleet = track(await runDist({ inputs: { config }, workDir: plan.workDir }));
  expect(fleet.outputs.verdict).toBe('unhealthy');
  await upload('fleet', fleet.outputs['audit-dir'] as string, 20);

  // The healthy record with one byte of its probes changed; and an expired copy of it.
  const tampered = join(records, 'tampered');
  cpSync(healthy.outputs['audit-dir'] as string, tampered, { recursive: true });
  const probes = join(tampered, 'probes.ndjson');
  const bytes = readFileSync(probes);
  bytes[10] = bytes[10] === 0x31 ? 0x32 : 0x31;
  writeFileSync(probes, bytes);
  await upload('tampered', tampered, 15);
  await upload('expired', healthy.outputs['audit-dir'] as string, 10, true);

  // Newer artifacts of other names: the gates are on page 2 of 100 per page.
  const other = await zipFolder(join(ROOT, 'schema'));
  for (let n = 0; n < 110; n += 1)
    api.add({
      name: `coverage-${n}`,
      zip: other,
      runId: 500 + n,
      createdAt: new Date(now - 5 * 60_000 + n).toISOString(),
    });
  api.limitNext({
    path: new RegExp(`/artifacts/${ids.rolled}/zip$`),
    status: 403,
    retryAfter: 1,
  });

  firstService = await startFakeArtifactService();
  cleanups.push(() => firstService.close());
  first = track(await runDist({ inputs: reportInputs(), env: runnerEnv(900, firstService) }));
  downloadsAfterFirst = new Map(api.blobDownloads);

  // The ledger the first report uploaded is one of the repository's artifacts now.
  const ledger = firstService.artifacts.find((a) => a.name === LEDGER_ARTIFACT_NAME);
  if (ledger?.blob)
    api.add({
      name: LEDGER_ARTIFACT_NAME,
      zip: ledger.blob,
      runId: 900,
      createdAt: new Date().toISOString(),
    });
  const secondService = await startFakeArtifactService();
  cleanups.push(() => secondService.close());
  second = track(await runDist({ inputs: reportInputs(), env: runnerEnv(901, secondService) }));
}, 180_000);

describe('mode: report from the repository artifacts, through dist/index.js', () => {
  it('counts the gates of every artifact, excluding the tampered record and naming it', () => {
    expect(first.exitCode).toBe(0);
    // unhealthy, healthy, rolled-back, fleet api healthy + fleet web unhealthy.
    expect(first.outputs).toMatchObject({
      deployments: '5',
      'failed-deployments': '3',
      'change-failure-rate': '60',
      rollbacks: '1',
    });
    const tampered = `deploy-gate-audit-tampered-gate-105-1`;
    expect(first.stdout).toContain(`::warning::1 record failed its checksum: ${tampered}`);
    const report = JSON.parse(
      readFileSync(join(first.outputs['report-dir'] as string, 'report.json'), 'utf8'),
    ) as {
      records: { found: number; counted: number; failed_checksum: { path: string }[] };
      restores: { verdict: string; run_url: string | null; artifact_url: string | null }[];
    };
    expect(report.records.found).toBe(6);
    expect(report.records.counted).toBe(5);
    expect(report.records.failed_checksum.map((f) => f.path)).toEqual([tampered]);
    const rolledBack = report.restores.find((r) => r.verdict === 'rolled-back');
    expect(rolledBack).toMatchObject({
      run_url: 'https://github.com/acme/shop/actions/runs/103',
      artifact_url: `https://github.com/acme/shop/actions/runs/103/artifacts/${ids.rolled}`,
    });
  });

  it('lists in pages, never downloads the expired artifact, waits out the 403', () => {
    const lists = api.requests.filter((r) => r.path === '/repos/acme/shop/actions/artifacts');
    expect(lists.slice(0, 2).map((r) => r.query['page'] ?? '1')).toEqual(['1', '2']);
    expect(api.requests.some((r) => r.path.endsWith(`/${ids.expired}/zip`))).toBe(false);
    expect(downloadsAfterFirst.get(ids.expired as number)).toBeUndefined();
    for (const key of ['unhealthy', 'healthy', 'rolled', 'fleet', 'tampered'])
      expect([key, downloadsAfterFirst.get(ids[key] as number)]).toEqual([key, 1]);
    expect(first.stdout).toContain(
      `rate limited: waiting 1 s before retrying the download of artifact ${ids.rolled}`,
    );
    expect(first.stdout).toContain(
      `record deploy-gate-audit-expired-gate-106-1 skipped: artifact ${ids.expired} expired`,
    );
    expect(first.summary).toContain(
      '**Records:** 5 artifacts <code>deploy-gate-audit&#42;</code> of <code>acme/shop</code> in the period, 5 downloaded, 0 known from the ledger, 1 expired (not downloaded)',
    );
    // Masked (the runner reads ::add-mask:: lines), and in no other line of the log.
    const lines = first.stdout.split('\n');
    expect(lines).toContain(`::add-mask::${api.token}`);
    expect(lines.filter((l) => l.includes(api.token))).toEqual([`::add-mask::${api.token}`]);
  });

  it('uploads the report and the ledger', () => {
    const names = firstService.artifacts.filter((a) => a.finalized).map((a) => a.name);
    expect(names.sort()).toEqual([LEDGER_ARTIFACT_NAME, 'deploy-gate-report-report-900-1']);
    const report = firstService.artifacts.find((a) => a.name.startsWith('deploy-gate-report-r'));
    expect(report?.blob?.length).toBeGreaterThan(0);
  });

  it('reads the ledger on the next run and downloads no gate artifact again', () => {
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({
      deployments: '5',
      'failed-deployments': '3',
      'change-failure-rate': '60',
      rollbacks: '1',
    });
    for (const key of ['unhealthy', 'healthy', 'rolled', 'fleet', 'tampered'])
      expect([key, api.blobDownloads.get(ids[key] as number)]).toEqual([key, 1]);
    expect(second.stdout).toContain(`::warning::1 record failed its checksum:`);
    expect(second.summary).toContain('0 downloaded, 5 known from the ledger');
    const a = JSON.parse(
      readFileSync(join(first.outputs['report-dir'] as string, 'report.json'), 'utf8'),
    ) as { restores: unknown; windows: unknown };
    const b = JSON.parse(
      readFileSync(join(second.outputs['report-dir'] as string, 'report.json'), 'utf8'),
    ) as { restores: unknown; windows: unknown };
    expect(b.restores).toEqual(a.restores);
  });
});
