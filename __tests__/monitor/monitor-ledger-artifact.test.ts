/**
 * `mode: monitor` without `records`, from the bundled dist/index.js: the SLO ledger travels as the
 * artifact `deploy-gate-monitor-ledger`, through local stand-ins of the GitHub REST API (listing,
 * zip redirect, blob) and of the artifact service (uploads). Run 1 finds no ledger and uploads one;
 * the upload becomes one of the repository's artifacts, as GitHub lists it to the next run; run 2
 * downloads it, so its budget holds run 1's good probes next to its own failing ones. Run 3's
 * listing is refused (a rejected token): a warning, and the run still measures and reports.
 */
import { LEDGER_ARTIFACT } from '../../src/monitor/ledger-file.js';
import {
  startFakeArtifactService,
  type FakeArtifactService,
} from '../helpers/fake-artifact-service.js';
import {
  startFakeGitHubArtifacts,
  type FakeGitHubArtifacts,
} from '../helpers/fake-github-artifacts.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';
import { scanForSecrets } from '../helpers/scan-secrets.js';

let api: FakeGitHubArtifacts;
let service: TestServer;
let healthy = true;
const services: FakeArtifactService[] = [];
const runs: DistRun[] = [];

beforeAll(async () => {
  api = await startFakeGitHubArtifacts();
  service = await startServer({
    '/healthz': (req, res) =>
      healthy ? json({ status: 'ok' })(req, res) : json({ status: 'down' }, 503)(req, res),
  });
});
afterAll(async () => {
  for (const r of runs) r.cleanup();
  await Promise.all([api.close(), service.close(), ...services.map((s) => s.close())]);
});

/** One scheduled run of `runId` in acme/shop, with its own artifact service (one per job). */
const monitorRun = async (runId: number, token = api.token, extra: Record<string, string> = {}) => {
  const uploads = await startFakeArtifactService();
  services.push(uploads);
  const run = await runDist({
    inputs: {
      mode: 'monitor',
      url: service.url('/healthz'),
      interval: '100ms',
      timeout: '1s',
      'observe-for': '1s',
      'max-error-rate': '0.1',
      'github-token': token,
      ...extra,
    },
    env: {
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: api.url,
      // The toolkit's download refuses any other host (GHES).
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: String(runId),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'monitor',
      ...uploads.env(),
    },
  });
  runs.push(run);
  return { run, uploads };
};

/** What GitHub lists after a run uploaded its ledger: the zip the service committed. */
const publish = (uploads: FakeArtifactService, runId: number, expired = false) => {
  const stored = uploads.artifacts.find((a) => a.name === LEDGER_ARTIFACT);
  if (!stored?.blob) throw new Error('the run uploaded no ledger');
  return api.add({
    name: LEDGER_ARTIFACT,
    zip: stored.blob,
    runId,
    createdAt: new Date().toISOString(),
    expired,
  });
};

const listings = () => api.requests.filter((r) => r.path === `/repos/acme/shop/actions/artifacts`);

describe('mode: monitor keeps its ledger as an artifact (dist)', () => {
  it('run 1: no ledger artifact yet is a warning; the run uploads one for 7 days', async () => {
    const { run, uploads } = await monitorRun(901);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      '::warning::deploy-gate monitor: no ledger artifact yet: this run starts one',
    );
    expect(run.outputs.availability).toBe('100');
    expect(listings()).toEqual([
      expect.objectContaining({
        query: expect.objectContaining({ name: LEDGER_ARTIFACT }),
        status: 200,
      }),
    ]);
    const ledger = uploads.artifacts.find((a) => a.name === LEDGER_ARTIFACT);
    expect(ledger?.finalized).toBe(true);
    // retention-days unset: 7 days from now (the client sends expires_at).
    const days = (Date.parse(ledger?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(run.stdout).toMatch(
      /deploy-gate monitor: ledger saved as artifact deploy-gate-monitor-ledger \(id \d+\), kept 7 days/,
    );
    // The evidence of the run is its own artifact, as before.
    expect(uploads.artifacts.map((a) => a.name)).toContain('deploy-gate-monitor-901-1');
    const id = publish(uploads, 901);
    // A newer copy that expired is listed first and must be passed over.
    publish(uploads, 901, true);
    expect(id).toBeGreaterThan(0);
  }, 60_000);

  it("run 2: downloads the newest unexpired ledger; its budget counts run 1's probes", async () => {
    healthy = false;
    const before = listings().length;
    const { run, uploads } = await monitorRun(902, api.token, { 'retention-days': '3' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('no ledger artifact yet');
    const newest = api.artifacts.find((a) => a.name === LEDGER_ARTIFACT && !a.expired);
    expect(run.stdout).toContain(`ledger read from artifact ${LEDGER_ARTIFACT} (id ${newest?.id})`);
    expect(api.blobDownloads.get(newest?.id ?? 0)).toBe(1);
    expect(listings().length - before).toBe(1);
    // Every probe of this run fails: only run 1's good probes keep availability above 0.
    const availability = Number(run.outputs.availability);
    expect(availability).toBeGreaterThan(10);
    expect(availability).toBeLessThan(90);
    const [state] = JSON.parse(run.outputs.services as string) as { availability: number }[];
    expect(state?.availability).toBe(availability);
    // retention-days applies to the ledger too.
    const ledger = uploads.artifacts.find((a) => a.name === LEDGER_ARTIFACT);
    expect(ledger?.finalized).toBe(true);
    const days = (Date.parse(ledger?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);
    expect(run.stdout).toContain('kept 3 days');
  }, 60_000);

  it('run 3: a listing refused (HTTP 401) is a warning; the run measures this run only', async () => {
    const wrong = 'ghs_notTheRightToken0000000000000';
    const { run } = await monitorRun(903, wrong);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::deploy-gate monitor: could not list the artifacts of acme\/shop: HTTP 401 \(the token was rejected\): Bad credentials/,
    );
    expect(run.outputs.availability).toBe('0');
    expect(run.outputs.alert).toMatch(/^(none|ticket|page)$/);
    expect(run.outputs.services).toContain('availability');
    expect(run.stdout).toContain('ledger saved as artifact');
    const logs = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(logs).not.toContain(wrong);
  }, 60_000);

  it('leaks neither token nor upload signature into any file or log', () => {
    const secrets = [api.token, ...services.flatMap((s) => [s.runtimeToken, ...s.signatures])];
    expect(
      scanForSecrets(
        runs.map((r) => r.workDir),
        secrets,
      ),
    ).toEqual([]);
    const logs = runs
      .flatMap((r) => `${r.stdout}\n${r.stderr}`.split('\n'))
      .filter((line) => !line.startsWith('::add-mask::'));
    for (const s of secrets) expect(logs.join('\n')).not.toContain(s);
  });
});
