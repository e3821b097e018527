/**
 * Monitor runs as SLO evidence: found next to gates, verified the same way, never counted as
 * deployments, their probe counts shown beside the gates' and used for the budget by counts.
 * Also: the one-read verification (seal.ts verifyEvidenceReading) agrees with verifyEvidence.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealEvidence, verifyEvidence, verifyEvidenceReading } from '../../src/evidence/seal.js';
import { readRecord } from '../../src/report/read-record.js';
import { MAX_HELD_BYTES } from '../../src/report/verify-folder.js';
import { reportSchema } from '../../src/report/report-schema.js';
import { runReport, type ReportResult } from '../../src/report/run-report.js';
import { loadSloConfig } from '../../src/report/slo-config.js';
import { writeMonitorRun, writeRecord } from '../helpers/records.js';

const NOW = Date.parse('2026-03-31T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();

const CONFIG = `services:
  - name: api
    base_url: https://api.example.test
    slo_targets:
      availability: 99.9%
  - name: web
    base_url: https://web.example.test
    slo_targets:
      availability: 99%
`;

let root: string;
let result: ReportResult;

/** A monitor run of `minutes` starting `ago` ms before NOW. */
const monitorRun = (ago: number, services: Array<[string, number, number]>) => ({
  started: at(NOW - ago),
  ended: at(NOW - ago + 60_000),
  services: services.map(([service, probes, failed]) => ({ service, probes, failed })),
});

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'deploy-gate-monitor-records-'));
  const records = join(root, 'records');
  // Two healthy api gates: 300 probes around deploys, 1 failed.
  await writeRecord(join(records, 'gates', 'api-1'), {
    service: 'api',
    verdict: 'healthy',
    started: at(NOW - 10 * DAY - 300_000),
    ended: at(NOW - 10 * DAY),
    attempts: 200,
    successes: 199,
    p95: 100,
    runId: 1,
  });
  await writeRecord(join(records, 'gates', 'api-2'), {
    service: 'api',
    verdict: 'healthy',
    started: at(NOW - 2 * HOUR - 300_000),
    ended: at(NOW - 2 * HOUR),
    attempts: 100,
    successes: 100,
    p95: 100,
    runId: 2,
  });
  const monitors = join(records, 'monitor');
  await writeMonitorRun(
    join(monitors, 'm1'),
    monitorRun(HOUR, [
      ['api', 600, 3],
      ['web', 600, 0],
    ]),
  );
  // Written by a monitor before schema 1.1.0 (no `entry` per SLO): read and counted alike.
  await writeMonitorRun(join(monitors, 'm2'), {
    ...monitorRun(3 * DAY, [['api', 1000, 1]]),
    schemaVersion: '1.0.0',
  });
  await writeMonitorRun(join(monitors, 'm3'), monitorRun(20 * DAY, [['api', 400, 4]]));
  // Before the period: read, but in no window.
  await writeMonitorRun(join(monitors, 'm4-old'), monitorRun(40 * DAY, [['api', 100, 100]]));
  // A copy of m1 with its counts changed after the seal: listed, never counted.
  await writeMonitorRun(join(monitors, 'm5-tampered'), monitorRun(2 * HOUR, [['api', 600, 0]]));
  const file = join(monitors, 'm5-tampered', 'monitor.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"failed": 0', '"failed": 1'));
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

const window = (name: string) => result.report.windows.find((w) => w.name === name);
const service = (name: string, w: string) => window(w)?.services.find((s) => s.service === name);
const slo = (name: string, w: string) =>
  result.report.slo?.services.find((s) => s.service === name)?.windows.find((x) => x.window === w);

describe('monitor records in the report', () => {
  it('are found and verified like gates, listed when tampered, never counted as deployments', () => {
    expect(result.report.records).toEqual({
      found: 7,
      counted: 2,
      duplicates: 0,
      monitor_runs: 4,
      failed_checksum: [{ path: 'monitor/m5-tampered', detail: 'modified monitor.json' }],
      skipped: [],
    });
    expect(window('30d')?.overall).toMatchObject({ deployments: 2, decided: 2, failed: 0 });
    expect(service('web', '30d')).toMatchObject({ deployments: 0, decided: 0 });
  });

  it('count probes per window by the run start, next to the gates’ sampled probes', () => {
    expect(window('24h')?.overall.between_deploys).toEqual({
      monitor_runs: 1,
      probes: 1200,
      failed: 3,
      availability_percent: 99.75,
    });
    expect(service('api', '24h')?.between_deploys).toEqual({
      monitor_runs: 1,
      probes: 600,
      failed: 3,
      availability_percent: 99.5,
    });
    expect(service('api', '7d')?.between_deploys).toEqual({
      monitor_runs: 2,
      probes: 1600,
      failed: 4,
      availability_percent: 99.75,
    });
    const api30 = service('api', '30d');
    expect(api30?.between_deploys).toEqual({
      monitor_runs: 3,
      probes: 2000,
      failed: 8,
      availability_percent: 99.6,
    });
    // The gates' own probes stay as they were: 299 of 300.
    expect(api30?.probes_sampled_around_deploys.availability_percent).toBe(99.667);
  });

  it('set the budget by probe counts and the availability target when present', () => {
    // 8 of 2,000 failed: 0.4 % against a tolerated 0.1 %: 4× the budget.
    expect(slo('api', '30d')?.event_budget).toEqual({
      objective_percent: 99.9,
      source: 'monitor runs',
      total: 2000,
      failed: 8,
      remaining_percent: -300,
    });
    expect(slo('api', '30d')?.targets[0]).toMatchObject({
      target: 'availability',
      measured: 99.6,
      budget_consumed_percent: 400,
      state: 'breached',
    });
    // 3 of 600 in the last day: 0.5 % against 0.1 %.
    expect(slo('api', '24h')?.event_budget).toMatchObject({ total: 600, failed: 3 });
    expect(slo('api', '24h')?.event_budget?.remaining_percent).toBe(-400);
    // web has no gate at all: the monitor's 600 good probes still measure it.
    expect(slo('web', '24h')).toMatchObject({
      gates: 0,
      state: 'met',
      event_budget: { source: 'monitor runs', total: 600, failed: 0, remaining_percent: 100 },
    });
  });

  it('without monitor runs in a window the gates’ probes count, as before', async () => {
    const r2 = await runReport({
      records: join(root, 'records', 'gates'),
      reportDir: join(root, 'out-gates'),
      periodMs: 30 * DAY,
      periodLabel: '30d',
      now: NOW,
      slo: await loadSloConfig(join(root, 'deploy-gate.yml'), {}),
    });
    const api = r2.report.slo?.services.find((s) => s.service === 'api');
    expect(api?.windows.at(-1)?.event_budget).toEqual({
      objective_percent: 99.9,
      source: 'gate probes',
      total: 300,
      failed: 1,
      // 1 of 300 is 0.33 %, 3.3× the tolerated 0.1 %.
      remaining_percent: -233.33,
    });
    expect(r2.report.records.monitor_runs).toBe(0);
    expect(r2.markdown).not.toContain('between deploys³');
  });

  it('report.md shows both availabilities and says which probes the budget counted', () => {
    const md = result.markdown;
    expect(md).toContain(', 4 monitor runs (availability between deploys, not deployments).');
    expect(md).toContain('| availability sampled by gates¹ | availability between deploys³ |');
    expect(md).toMatch(/^\| api \| 2 \| .* \| 99\.667 % \| 99\.6 % \| 100 ms \|$/m);
    expect(md).toContain('exhausted (4× over) (8 of 2000 monitor probes failed)');
    expect(reportSchema.parse(result.report)).toEqual(result.report);
  });
});

describe('verifyEvidenceReading', () => {
  it('agrees with verifyEvidence and hands back the bytes it hashed', async () => {
    const dir = join(root, 'records', 'gates', 'api-1');
    const keep = new Set(['audit.json', 'probes.ndjson']);
    const once = await verifyEvidenceReading(dir, { keep, maxBytes: 1 << 20 });
    expect({ ok: once.ok, checked: once.checked, mismatches: once.mismatches }).toEqual(
      await verifyEvidence(dir),
    );
    expect(once.contents.get('audit.json')).toEqual(readFileSync(join(dir, 'audit.json')));
    expect([...once.contents.keys()].sort()).toEqual(['audit.json', 'probes.ndjson']);
    // Over the limit a file is hashed by stream and not held.
    const streamed = await verifyEvidenceReading(dir, { keep, maxBytes: 10 });
    expect(streamed.ok).toBe(true);
    expect(streamed.contents.size).toBe(0);
  });

  it('reports a tampered file exactly as verifyEvidence does', async () => {
    const dir = join(root, 'records', 'monitor', 'm5-tampered');
    const once = await verifyEvidenceReading(dir, { keep: new Set(), maxBytes: 1 << 20 });
    const { ok, checked, mismatches } = once;
    expect({ ok, checked, mismatches }).toEqual(await verifyEvidence(dir));
    expect(ok).toBe(false);
  });

  it('a probes.ndjson over the held limit is streamed: the first failed probe is still found', async () => {
    const dir = join(root, 'big');
    await writeRecord(dir, {
      service: 'api',
      verdict: 'unhealthy',
      started: at(NOW - HOUR),
      ended: at(NOW - HOUR + 300_000),
      failures: [at(NOW - HOUR + 120_000), at(NOW - HOUR + 60_000)],
      attempts: 3,
      successes: 1,
      p95: 100,
    });
    const ok = JSON.stringify({ seq: 0, time: at(NOW - HOUR), run: 'release', ok: true });
    const probes = join(dir, 'probes.ndjson');
    const lines = Math.ceil(MAX_HELD_BYTES / ok.length) + 10;
    writeFileSync(probes, `${readFileSync(probes, 'utf8')}${`${ok}\n`.repeat(lines)}`);
    await sealEvidence(dir, { schemaVersion: '1.0.0', now: NOW });
    const read = await readRecord(root, 'big');
    expect(read.kind === 'fact' && read.fact.firstFailureAt).toBe(NOW - HOUR + 60_000);
  });
});
