/**
 * mode: report with `config` and `webhook-url` through dist/index.js: the targets are read by the
 * gate's loader (a bad one fails the step naming file:line, before anything is read), and one
 * message reaches a real local webhook when a budget is spent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDist, type DistRun } from '../helpers/run-dist.js';
import { SECRET_PATH, startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';
import { writeRecord } from '../helpers/records.js';

const HOUR = 3_600_000;
const CONFIG = `services:
  - name: api
    base_url: https://api.example.test
    slo_targets:
      availability: 99.9%
      response_time_p95: 500ms
  - name: idle
    base_url: https://idle.example.test
    slo_targets:
      availability: 99%
`;

let dir: string;
let webhook: WebhookServer;
let report: DistRun;
const runs: DistRun[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dg-slo-dist-'));
  const at = (ms: number) => new Date(Date.now() - ms).toISOString();
  // Failed 3 h ago, never restored: far more than 30 days' 43.2 min budget at 99.9 %.
  await writeRecord(join(dir, 'records', 'api-1'), {
    service: 'api',
    verdict: 'unhealthy',
    started: at(3 * HOUR + 60_000),
    ended: at(3 * HOUR - 60_000),
    failures: [at(3 * HOUR)],
    attempts: 20,
    successes: 12,
    p95: 120,
    failedRules: [{ rule: 'consecutive-failures', message: '8 consecutive failures (limit 8)' }],
    runId: 42,
  });
  writeFileSync(join(dir, 'deploy-gate.yml'), CONFIG);
  webhook = await startWebhookServer();
  report = await runDist({
    inputs: {
      mode: 'report',
      records: join(dir, 'records'),
      config: join(dir, 'deploy-gate.yml'),
      'webhook-url': webhook.url,
      'audit-dir': 'report',
    },
  });
  runs.push(report);
}, 120_000);

afterAll(async () => {
  for (const r of runs) r.cleanup();
  await (webhook as WebhookServer | undefined)?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('mode: report with config and webhook-url (dist)', () => {
  it('reports compliance per service, the idle one without gates', () => {
    expect(report.exitCode).toBe(0);
    const json = JSON.parse(
      readFileSync(join(report.outputs['report-dir'] as string, 'report.json'), 'utf8'),
    ) as {
      slo: { services: { service: string; windows: { window: string; state: string }[] }[] };
    };
    expect(
      json.slo.services.map((s) => [s.service, s.windows.find((w) => w.window === '30d')?.state]),
    ).toEqual([
      ['api', 'breached'],
      ['idle', 'no gates in window'],
    ]);
    expect(report.summary).toContain('### SLO compliance');
    expect(report.summary).toMatch(
      /\| api \| 30d \| 🔴 breached \| 180\.\d min of 43\.2 min \(41\d\.\d %\) \|/,
    );
    expect(report.summary).toContain('| consecutive-failures | 1 | api |');
  });

  it('sends one critical message with the failed run, and never shows the webhook', () => {
    expect(webhook.requests).toHaveLength(1);
    expect(webhook.requests[0]?.path).toBe(SECRET_PATH);
    const text = (webhook.requests[0]?.body as { text: string }).text;
    expect(text.split('\n')[0]).toBe(
      ':rotating_light: [CRITICAL] SLO report (30d): 1 service breached or nearly out of error budget',
    );
    expect(text).toContain(
      '<https://github.com/acme/shop/actions/runs/42/attempts/1|failed run 1>',
    );
    expect(report.stdout).toMatch(/webhook notified \(SLO critical: api; HTTP 200\)/);
    // `::add-mask::<url>` is how the runner is told to mask it: the one place it may appear.
    expect(report.stdout).toContain(`::add-mask::${webhook.url}`);
    const shown = report.stdout.replace(/^::add-mask::.*$/gm, '');
    for (const text of [shown, report.stderr, report.summary])
      expect(text).not.toContain('s3cr3tWebhookPathToken42');
  });

  it('a bad target fails the step naming file:line, before any record is read', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, CONFIG.replace('response_time_p95: 500ms', 'response_time_p95: fast'));
    const failed = await runDist({
      inputs: { mode: 'report', records: join(dir, 'missing-folder'), config: bad },
    });
    runs.push(failed);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain(
      `${bad}:6: service "api": slo_targets.response_time_p95: "fast" is not a latency limit; accepted: a duration above 0, e.g. 500ms, 2s or <1s`,
    );
    expect(failed.stdout).not.toContain('missing-folder');
  });

  it('a webhook that refuses is a warning; the report still succeeds', async () => {
    const refusing = await startWebhookServer([{ status: 500 }, { status: 500 }]);
    try {
      const r = await runDist({
        inputs: {
          mode: 'report',
          records: join(dir, 'records'),
          config: join(dir, 'deploy-gate.yml'),
          'webhook-url': refusing.url,
          'audit-dir': 'report',
        },
      });
      runs.push(r);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(
        '::warning::Notification not sent to the webhook (2 attempts): HTTP 500. The report is unchanged.',
      );
      expect(refusing.requests).toHaveLength(2);
    } finally {
      await refusing.close();
    }
  }, 60_000);
});
