/**
 * `mode: monitor` from the bundled dist/index.js, run as the runner runs it, against a real
 * service, webhook receiver and issues stand-in on 127.0.0.1: three scheduled runs sharing one
 * ledger folder (healthy, then failing, then still failing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGitHubIssues, type FakeGitHubIssues } from '../helpers/fake-github-issues.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { verifyEvidence } from '../../src/evidence/seal.js';
import { writeLedgerFile } from '../../src/monitor/ledger-file.js';
import { addRun, emptyLedger } from '../../src/monitor/slo-ledger.js';
import { ROOT, runDist, type DistRun } from '../helpers/run-dist.js';
import { scanForSecrets } from '../helpers/scan-secrets.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

let service: TestServer;
let webhook: WebhookServer;
let github: FakeGitHubIssues;
let healthy = true;
let ledgerDir: string;
const runs: DistRun[] = [];
const MINUTE = 60_000;
const SECRET = 'mon-secret-token-4242';

beforeAll(async () => {
  service = await startServer({
    // A failing service echoes the request's credential: the record must still not hold it.
    '/healthz': (req, res) =>
      healthy
        ? json({ status: 'ok' })(req, res)
        : json({ status: 'down', saw: req.headers.authorization }, 503)(req, res),
  });
  webhook = await startWebhookServer();
  github = await startFakeGitHubIssues();
  ledgerDir = mkdtempSync(join(tmpdir(), 'dg-ledger-'));
  // Seven hours of healthy 5-minute runs before this test, written by the real ledger code: the
  // alert rules need history (a few seconds of runs cannot pose as an hour).
  const name = `127.0.0.1-${new URL(service.origin).port}`;
  let ledger = emptyLedger();
  const now = Date.now();
  for (let k = 84; k >= 1; k--) {
    const t = now - k * 5 * MINUTE;
    const run = { service: name, startedAt: t, endedAt: t + MINUTE, total: 12, failed: 0 };
    ledger = addRun(ledger, { ...run, slow: { 'p95<500ms': 0 } }, t + MINUTE);
  }
  writeLedgerFile(ledgerDir, ledger);
});
afterAll(async () => {
  await Promise.all([service.close(), webhook.close(), github.close()]);
  for (const r of runs) r.cleanup();
  rmSync(ledgerDir, { recursive: true, force: true });
});

const monitorRun = async () => {
  const run = await runDist({
    inputs: {
      mode: 'monitor',
      url: service.url('/healthz'),
      interval: '100ms',
      timeout: '1s',
      'observe-for': '1s',
      'latency-slo': 'p95<500ms',
      'max-error-rate': '0.1',
      records: ledgerDir,
      'webhook-url': webhook.url,
      headers: `Authorization: Bearer ${SECRET}`,
      'incident-issues': 'true',
      'github-token': github.token,
    },
    env: {
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '77',
      GITHUB_RUN_ATTEMPT: '1',
    },
  });
  runs.push(run);
  return run;
};

describe('mode: monitor from dist', () => {
  it('measures a healthy service: no alert, every output, a sealed monitor record, a ledger', async () => {
    const r = await monitorRun();
    expect(r.exitCode).toBe(0);
    expect(r.outputs.alert).toBe('none');
    expect(r.outputs.availability).toBe('100');
    expect(Number(r.outputs['error-budget-remaining'])).toBe(100);
    expect(r.outputs['burn-rate-1h']).toBe('0');
    expect(r.outputs['burn-rate-6h']).toBe('0');
    const services = JSON.parse(r.outputs.services as string) as {
      service: string;
      alert: string;
    }[];
    expect(services).toEqual([
      expect.objectContaining({ service: expect.stringContaining('127.0.0.1'), alert: 'none' }),
    ]);
    expect(r.summary).toContain('every SLO within its burn-rate limits');
    const audit = join(r.workDir, 'deploy-gate-audit');
    expect(readdirSync(audit).sort()).toEqual(
      ['SHA256SUMS', 'manifest.json', 'monitor.json', 'probes.ndjson'].sort(),
    );
    const record = JSON.parse(readFileSync(join(audit, 'monitor.json'), 'utf8')) as {
      kind: string;
      services: { probes: number; failed: number; slos: { name: string }[] }[];
    };
    // The record is what the published schema says, and its seal holds (sha256sum -c).
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats.default(ajv);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'monitor.schema.json'), 'utf8'));
    expect(ajv.validate(schema as object, record) ? [] : ajv.errors).toEqual([]);
    expect((await verifyEvidence(audit)).ok).toBe(true);
    expect(record.kind).toBe('monitor');
    expect(record.services[0]?.probes).toBeGreaterThanOrEqual(4);
    expect(record.services[0]?.failed).toBe(0);
    expect(record.services[0]?.slos.map((s) => s.name)).toEqual(['availability', 'p95<500ms']);
    expect(existsSync(join(ledgerDir, 'monitor-ledger.json'))).toBe(true);
    expect(webhook.requests).toHaveLength(0);
    expect(github.issues).toHaveLength(0);
  });

  it('pages once when the service fails: one webhook message, one incident issue', async () => {
    healthy = false;
    const r = await monitorRun();
    expect(r.exitCode).toBe(0);
    expect(r.outputs.alert).toBe('page');
    expect(Number(r.outputs.availability)).toBeLessThan(99.9);
    expect(Number(r.outputs['error-budget-remaining'])).toBeLessThan(0);
    expect(Number(r.outputs['burn-rate-1h'])).toBeGreaterThan(14.4);
    expect(r.stdout).toMatch(/::error title=deploy-gate monitor%3A page for /);
    expect(r.summary).toContain('1 service in alert');
    expect(webhook.requests).toHaveLength(1);
    expect(JSON.stringify(webhook.requests[0]?.body)).toContain('critical (P1) fired');
    const open = github.issues.filter((i) => i.state === 'open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open.every((i) => i.labels.includes('incident'))).toBe(true);
  });

  it('leaks no secret into any file, output, log, summary, webhook message or issue', async () => {
    const secrets = [SECRET, github.token, webhook.url];
    const files = runs.flatMap((r) => [r.workDir]).concat([ledgerDir]);
    expect(scanForSecrets(files, secrets)).toEqual([]);
    // The runner consumes ::add-mask:: lines: they are where a secret is handed over, not a leak.
    const logs = runs
      .flatMap((r) => `${r.stdout}\n${r.stderr}`.split('\n'))
      .filter((line) => !line.startsWith('::add-mask::'));
    for (const s of secrets) expect(logs.join('\n')).not.toContain(s);
    const sent = JSON.stringify([
      webhook.requests.map((q) => q.body),
      github.requests.map((q) => q.body),
    ]);
    for (const s of [SECRET, webhook.url]) expect(sent).not.toContain(s);
  });

  it('does not announce an alert again while it lasts', async () => {
    const issuesBefore = github.issues.length;
    const r = await monitorRun();
    expect(r.outputs.alert).toBe('page');
    expect(webhook.requests).toHaveLength(1);
    expect(github.issues).toHaveLength(issuesBefore);
  });
});
