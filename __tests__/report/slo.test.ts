/**
 * SLO compliance, error budgets, burn-down, failing reasons and the budget message, on hand-made
 * sealed records and a config file of targets: every number exact, the webhook a real server.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsError } from '../../src/settings/problems.js';
import { Redactor } from '../../src/secrets/redact.js';
import { budgetAlert, notifyBudgets } from '../../src/report/budget-notify.js';
import { reportSchema } from '../../src/report/report-schema.js';
import { runReport, type ReportResult } from '../../src/report/run-report.js';
import { loadSloConfig } from '../../src/report/slo-config.js';
import { SECRET_PATH, startWebhookServer } from '../helpers/webhook-server.js';
import { writeRecord } from '../helpers/records.js';

const NOW = Date.parse('2026-03-31T00:00:00.000Z');
const DAY = 86_400_000;
const run = (id: number) => `https://github.com/acme/shop/actions/runs/${id}/attempts/1`;

export const CONFIG = `services:
  - name: api
    base_url: https://api.example.test
    slo_targets:
      availability: 99.9%
      response_time_p95: 250ms
  - name: web
    base_url: https://web.example.test
    slo_targets:
      error_rate: 1%
      response_time_p99: 1s
      response_time_p90: 2s
  - name: cart
    base_url: https://cart.example.test
    slo_targets:
      availability: 99.5%
  - name: idle
    base_url: https://idle.example.test
    slo_targets:
      availability: 99%
`;

let root: string;
let result: ReportResult;

/** api: a rollback restores it 114 s after its first failed probe; 1 of 3,000 probes failed. */
async function writeApi(records: string) {
  await writeRecord(join(records, 'api-1'), {
    service: 'api',
    verdict: 'healthy',
    started: '2026-03-30T10:00:00.000Z',
    ended: '2026-03-30T10:05:00.000Z',
    attempts: 1000,
    successes: 1000,
    p95: 100,
    runId: 1,
  });
  await writeRecord(join(records, 'api-2'), {
    service: 'api',
    verdict: 'rolled-back',
    rollbackVerified: true,
    started: '2026-03-30T12:00:00.000Z',
    ended: '2026-03-30T12:02:00.000Z',
    failures: ['2026-03-30T12:00:06.000Z'],
    attempts: 1000,
    successes: 999,
    p95: 300,
    failedRules: [
      { rule: 'consecutive-failures', message: '8 consecutive failures (limit 8)' },
      { rule: 'latency-p95', message: 'p95 300 ms <script>alert(1)</script> (limit 250 ms)' },
    ],
    runId: 2,
  });
  await writeRecord(join(records, 'api-3'), {
    service: 'api',
    verdict: 'healthy',
    started: '2026-03-30T13:00:00.000Z',
    ended: '2026-03-30T13:05:00.000Z',
    attempts: 1000,
    successes: 1000,
    p95: 200,
    runId: 3,
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dg-slo-'));
  const records = join(root, 'records');
  await writeApi(records);
  // web: failed at 00:05 on the 29th and never restored: it spends every window to its end.
  await writeRecord(join(records, 'web-1'), {
    service: 'web',
    verdict: 'unhealthy',
    started: '2026-03-29T00:00:00.000Z',
    ended: '2026-03-29T00:10:00.000Z',
    failures: ['2026-03-29T00:05:00.000Z'],
    attempts: 100,
    successes: 90,
    p95: 400,
    p99: 900,
    failedRules: [{ rule: 'error-rate', message: 'error rate 10 % (limit 1 %)' }],
    runId: 4,
  });
  // cart: down 170 min on the 20th (restored by the next healthy gate); 5 of 1,000 probes failed.
  await writeRecord(join(records, 'cart-1'), {
    service: 'cart',
    verdict: 'unhealthy',
    started: '2026-03-20T00:00:00.000Z',
    ended: '2026-03-20T00:10:00.000Z',
    failures: ['2026-03-20T00:05:00.000Z'],
    attempts: 10,
    successes: 5,
    p95: 50,
    runId: 5,
  });
  await writeRecord(join(records, 'cart-2'), {
    service: 'cart',
    verdict: 'healthy',
    started: '2026-03-20T02:50:00.000Z',
    ended: '2026-03-20T02:55:00.000Z',
    attempts: 990,
    successes: 990,
    p95: 50,
    runId: 6,
  });
  // batch: in the records, not in the config.
  await writeRecord(join(records, 'batch-1'), {
    service: 'batch',
    verdict: 'healthy',
    started: '2026-03-30T05:00:00.000Z',
    ended: '2026-03-30T05:05:00.000Z',
    attempts: 10,
    successes: 10,
    p95: 10,
    runId: 7,
  });
  const config = join(root, 'deploy-gate.yml');
  writeFileSync(config, CONFIG);
  result = await runReport({
    records,
    reportDir: join(root, 'out'),
    periodMs: 30 * DAY,
    periodLabel: '30d',
    now: NOW,
    slo: await loadSloConfig(config, {}),
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const service = (name: string) => result.report.slo?.services.find((s) => s.service === name);
const win = (name: string, window: string) =>
  service(name)?.windows.find((w) => w.window === window);

describe('SLO targets from the config file', () => {
  it('lists every service of the config and of the records', () => {
    expect(result.report.slo?.services.map((s) => [s.service, s.in_config, s.targets])).toEqual([
      [
        'api',
        true,
        {
          availability_percent: 99.9,
          error_rate_percent: null,
          latency: [{ key: 'response_time_p95', percentile: 95, limit_ms: 250 }],
        },
      ],
      ['batch', false, null],
      ['cart', true, { availability_percent: 99.5, error_rate_percent: null, latency: [] }],
      ['idle', true, { availability_percent: 99, error_rate_percent: null, latency: [] }],
      [
        'web',
        true,
        {
          availability_percent: null,
          error_rate_percent: 1,
          latency: [
            { key: 'response_time_p90', percentile: 90, limit_ms: 2000 },
            { key: 'response_time_p99', percentile: 99, limit_ms: 1000 },
          ],
        },
      ],
    ]);
  });

  it('a bad target is refused as the gate refuses it, naming file:line', async () => {
    const bad = join(root, 'bad.yml');
    writeFileSync(bad, CONFIG.replace('availability: 99.5%', 'availability: 0.995'));
    const error = await loadSloConfig(bad, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as Error).message).toContain(
      `${bad}:16: service "cart": slo_targets.availability: 0.995 is ambiguous (a fraction or a percent?); accepted: a percentage with %, e.g. 99.9%`,
    );
  });
});

describe('api: a verified rollback 114 s after the first failed probe', () => {
  it('24h: 1.9 min of a 1.44 min budget is breached; sampled availability is met', () => {
    expect(win('api', '24h')).toEqual({
      window: '24h',
      gates: 3,
      state: 'breached',
      budget: {
        objective_percent: 99.9,
        budget_minutes: 1.44,
        consumed_minutes: 1.9,
        remaining_minutes: -0.46,
        consumed_percent: 131.94,
        remaining_percent: -31.94,
        state: 'breached',
      },
      // 1 of 3,000 probes failed: 0.0333 % of a tolerated 0.1 %.
      event_budget: {
        objective_percent: 99.9,
        source: 'gate probes',
        total: 3000,
        failed: 1,
        remaining_percent: 66.67,
      },
      targets: [
        {
          target: 'availability',
          objective: '>= 99.9 %',
          measured: 99.967,
          worst: null,
          gates_over: null,
          budget_consumed_percent: 33.33,
          state: 'met',
        },
        {
          // Gates' p95: 100, 300, 200 ms: the median 200 meets 250, one gate was over.
          target: 'response_time_p95',
          objective: '< 250 ms',
          measured: 200,
          worst: 300,
          gates_over: 1,
          budget_consumed_percent: null,
          state: 'at risk',
        },
      ],
    });
  });

  it('7d and 30d: the same 1.9 min is 18.85 % and 4.4 % of larger budgets', () => {
    expect(win('api', '7d')?.budget).toMatchObject({
      budget_minutes: 10.08,
      consumed_minutes: 1.9,
      consumed_percent: 18.85,
      state: 'met',
    });
    expect(win('api', '30d')?.budget).toMatchObject({
      budget_minutes: 43.2,
      consumed_minutes: 1.9,
      remaining_minutes: 41.3,
      consumed_percent: 4.4,
      remaining_percent: 95.6,
      state: 'met',
    });
    expect(win('api', '30d')?.state).toBe('at risk');
  });
});

describe('web: never restored, an error_rate target', () => {
  it('the unrestored failure spends every window up to its end', () => {
    // 24h: all 1,440 min of it; budget from 100 - error_rate = 99 %: 14.4 min.
    expect(win('web', '24h')).toMatchObject({
      gates: 0,
      state: 'breached',
      budget: { budget_minutes: 14.4, consumed_minutes: 1440, consumed_percent: 10000 },
    });
    // 7d: 2026-03-29T00:05 to 03-31T00:00 = 2,875 min of 100.8.
    expect(win('web', '7d')?.budget).toMatchObject({
      budget_minutes: 100.8,
      consumed_minutes: 2875,
      consumed_percent: 2852.18,
      remaining_minutes: -2774.2,
    });
    expect(win('web', '30d')?.budget).toMatchObject({
      objective_percent: 99,
      budget_minutes: 432,
      consumed_percent: 665.51,
    });
  });

  it('error_rate 10 % of 1 % is breached; p99 met; p90 is not recorded by the gates', () => {
    expect(win('web', '7d')?.targets).toEqual([
      {
        target: 'error_rate',
        objective: '<= 1 %',
        measured: 10,
        worst: null,
        gates_over: null,
        budget_consumed_percent: 1000,
        state: 'breached',
      },
      {
        target: 'response_time_p90',
        objective: '< 2000 ms',
        measured: null,
        worst: null,
        gates_over: null,
        budget_consumed_percent: null,
        state: 'not measured',
      },
      {
        target: 'response_time_p99',
        objective: '< 1000 ms',
        measured: 900,
        worst: 900,
        gates_over: 0,
        budget_consumed_percent: null,
        state: 'met',
      },
    ]);
  });
});

describe('cart, idle and batch', () => {
  it('cart: 170 of 216 min (78.7 %) is at risk; exactly 100 % of the sampled budget is not breached', () => {
    const w = win('cart', '30d');
    expect(w?.budget).toEqual({
      objective_percent: 99.5,
      budget_minutes: 216,
      consumed_minutes: 170,
      remaining_minutes: 46,
      consumed_percent: 78.7,
      remaining_percent: 21.3,
      state: 'at risk',
    });
    expect(w?.targets[0]).toMatchObject({
      measured: 99.5,
      budget_consumed_percent: 100,
      state: 'at risk',
    });
    expect(w?.event_budget).toEqual({
      objective_percent: 99.5,
      source: 'gate probes',
      total: 1000,
      failed: 5,
      remaining_percent: 0,
    });
    expect(win('cart', '7d')).toMatchObject({ gates: 0, state: 'no gates in window' });
  });

  it('idle has no gates in any window; batch has no targets', () => {
    expect(
      service('idle')?.windows.map((w) => [w.window, w.state, w.budget?.consumed_minutes]),
    ).toEqual([
      ['24h', 'no gates in window', 0],
      ['7d', 'no gates in window', 0],
      ['30d', 'no gates in window', 0],
    ]);
    expect(service('batch')?.windows.map((w) => w.state)).toEqual([
      'no targets',
      'no targets',
      'no targets',
    ]);
    expect(service('batch')?.burn_down).toEqual([]);
  });

  it('burn-down: cart keeps its 216 min until the 20th, then 46 min (21.3 %)', () => {
    const days = service('cart')?.burn_down ?? [];
    expect(days).toHaveLength(31);
    expect(days[0]).toEqual({
      date: '2026-03-01',
      consumed_minutes: 0,
      remaining_minutes: 216,
      remaining_percent: 100,
    });
    expect(days.find((d) => d.date === '2026-03-19')?.remaining_minutes).toBe(216);
    expect(days.find((d) => d.date === '2026-03-20')).toEqual({
      date: '2026-03-20',
      consumed_minutes: 170,
      remaining_minutes: 46,
      remaining_percent: 21.3,
    });
    expect(days.at(-1)?.remaining_minutes).toBe(46);
    // web: 1,435 min on the 29th (from 00:05), 2,875 by now.
    const web = service('web')?.burn_down ?? [];
    expect(web.find((d) => d.date === '2026-03-29')?.consumed_minutes).toBe(1435);
    expect(web.at(-1)?.consumed_minutes).toBe(2875);
  });
});

describe('top failing reasons', () => {
  it('counts each failed gate once per reason, most gates first, then the latest', () => {
    expect(result.report.windows.find((w) => w.name === '30d')?.failing_reasons).toEqual([
      {
        reason: 'consecutive-failures',
        gates: 1,
        services: ['api'],
        example: '8 consecutive failures (limit 8)',
      },
      {
        reason: 'latency-p95',
        gates: 1,
        services: ['api'],
        example: 'p95 300 ms <script>alert(1)</script> (limit 250 ms)',
      },
      { reason: 'error-rate', gates: 1, services: ['web'], example: 'error rate 10 % (limit 1 %)' },
      // No failed rule in the record: its reason text.
      { reason: 'verdict unhealthy', gates: 1, services: ['cart'], example: 'verdict unhealthy' },
    ]);
    expect(result.report.windows.find((w) => w.name === '24h')?.failing_reasons).toHaveLength(2);
  });
});

describe('report.md, report.html and report.json', () => {
  it('report.md shows the budget as minutes of minutes, and escapes record text', () => {
    const md = result.markdown;
    expect(md).toContain(
      '| api | 30d | 🟠 at risk | 1.9 min of 43.2 min (4.4 %) | 66.7 % left (1 of 3000 gate probes failed) | availability 99.967 % (&gt;= 99.9 %): met; response_time_p95 200 ms (&lt; 250 ms, 1 gate over): at risk |',
    );
    expect(md).toContain('| cart | 30d | 🟠 at risk | 170.0 min of 216.0 min (78.7 %) |');
    expect(md).toContain('| batch | all | not in the config: no targets |');
    expect(md).toContain(
      '| idle | 30d | ⚪ no gates in window | 0.0 min of 432.0 min (0 %) | – | availability (&gt;= 99 %): not measured |',
    );
    expect(md).toContain('p95 300 ms &lt;script&gt;alert(1)&lt;/script&gt; (limit 250 ms)');
    expect(md).not.toContain('<script>');
    expect(md).toMatch(/\| cart \| 216\.0 min \(100 %\) \|.*\| 46\.0 min \(21\.3 %\) \|$/m);
  });

  it('report.html has the burn-down chart, escaped, with no script or external asset', () => {
    const html = readFileSync(join(result.reportDir, 'report.html'), 'utf8');
    expect(html).toContain('<svg class="chart" id="chart-budget"');
    expect((html.match(/<polyline /g) ?? []).length).toBe(4); // api, cart, idle, web
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<link|@import|url\(|src="/i);
    expect(html).toContain('1.9 min of 43.2 min (4.4 %)');
  });

  it('report.json with the SLO section is valid by the strict schema', () => {
    const written = JSON.parse(
      readFileSync(join(result.reportDir, 'report.json'), 'utf8'),
    ) as unknown;
    expect(reportSchema.parse(written)).toEqual(result.report);
  });
});

describe('the budget message', () => {
  it('critical for web (budget overspent), warning for cart (78.7 % gone); api and idle quiet', () => {
    const alert = budgetAlert(result.report);
    expect(alert).toEqual({
      severity: 'critical',
      period: '30d',
      services: [
        {
          service: 'web',
          severity: 'critical',
          summary: 'error budget 2875 min of 432 min (665.51 %) spent, breached',
          runs: [run(4)],
        },
        {
          service: 'cart',
          severity: 'warning',
          summary: 'error budget 170 min of 216 min (78.7 %) spent, at risk',
          runs: [run(5)],
        },
      ],
    });
  });

  it('is sent once to a real webhook, with the run links, and nothing else', async () => {
    const server = await startWebhookServer();
    try {
      const sent = await notifyBudgets(result.report, server.url, {
        redactor: new Redactor(),
        reportRunUrl: run(999),
      });
      expect(sent).toEqual({
        sent: true,
        severity: 'critical',
        message: 'webhook notified (SLO critical: web, cart; HTTP 200)',
      });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.path).toBe(SECRET_PATH);
      const body = server.requests[0]?.body as { text: string; blocks: unknown[] };
      expect(body.text).toBe(
        [
          ':rotating_light: [CRITICAL] SLO report (30d): 2 services breached or nearly out of error budget',
          `• *web* [critical]: error budget 2875 min of 432 min (665.51 %) spent, breached — <${run(4)}|failed run 1>`,
          `• *cart* [warning]: error budget 170 min of 216 min (78.7 %) spent, at risk — <${run(5)}|failed run 1>`,
          `<${run(999)}|Report run>`,
        ].join('\n'),
      );
      expect(body.blocks).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it('a refused message is a warning without the webhook secret, and the report stands', async () => {
    const server = await startWebhookServer([{ status: 400, body: 'invalid_payload' }]);
    try {
      const sent = await notifyBudgets(result.report, server.url, { redactor: new Redactor() });
      expect(sent.sent).toBe(false);
      expect(sent.warning).toBe(
        'Notification not sent to the webhook (1 attempt): HTTP 400 (invalid_payload); not retried, the same message would be refused again. The report is unchanged.',
      );
      expect(sent.warning).not.toContain('s3cr3t');
    } finally {
      await server.close();
    }
  });

  it('nothing to say: no message', async () => {
    const quiet = reportSchema.parse(JSON.parse(JSON.stringify(result.report)));
    quiet.slo = {
      config: 'x.yml',
      services: (quiet.slo?.services ?? []).filter(
        (s) => s.service === 'api' || s.service === 'idle',
      ),
    };
    expect(budgetAlert(quiet)).toBeNull();
    const server = await startWebhookServer();
    try {
      const sent = await notifyBudgets(quiet, server.url, { redactor: new Redactor() });
      expect(sent.sent).toBe(false);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
