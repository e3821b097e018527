/** The report's numbers on hand-made, sealed records: every number exact. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AUDIT_SCHEMA_VERSION } from '../../src/evidence/audit-schema.js';
import { median, nearestRank } from '../../src/report/order-stats.js';
import { reportJsonSchemaText, reportSchema } from '../../src/report/report-schema.js';
import { runReport, type ReportResult } from '../../src/report/run-report.js';
import { writeRecord } from '../helpers/records.js';

const NOW = Date.parse('2026-03-31T00:00:00.000Z');
const DAY = 86_400_000;
let root: string;
let result: ReportResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dg-report-'));
  const records = join(root, 'records');
  await writeRecord(join(records, 'api', 'a1'), {
    service: 'api',
    verdict: 'healthy',
    started: '2026-03-30T10:00:00.000Z',
    ended: '2026-03-30T10:05:00.000Z',
    attempts: 100,
    successes: 100,
    p95: 100,
    runId: 1,
  });
  await writeRecord(join(records, 'api', 'a2'), {
    service: 'api',
    verdict: 'unhealthy',
    started: '2026-03-30T12:00:00.000Z',
    ended: '2026-03-30T12:02:00.000Z',
    failures: ['2026-03-30T12:00:45.000Z', '2026-03-30T12:00:30.000Z'],
    attempts: 20,
    successes: 10,
    p95: 300,
    runId: 2,
  });
  await writeRecord(join(records, 'api', 'deep', 'er', 'a3'), {
    service: 'api',
    verdict: 'healthy',
    started: '2026-03-30T13:00:00.000Z',
    ended: '2026-03-30T13:05:00.000Z',
    attempts: 100,
    successes: 100,
    p95: 200,
    runId: 3,
  });
  await writeRecord(join(records, 'web', 'w1'), {
    service: 'web',
    verdict: 'rolled-back',
    started: '2026-03-28T08:00:00.000Z',
    ended: '2026-03-28T08:10:00.000Z',
    failures: ['2026-03-28T08:01:00.000Z'],
    rollbackVerified: true,
    attempts: 50,
    successes: 40,
    p95: 400,
    runId: 4,
  });
  await writeRecord(join(records, 'web', 'w2'), {
    service: 'web',
    verdict: 'cancelled',
    started: '2026-03-10T00:00:00.000Z',
    ended: '2026-03-10T00:01:00.000Z',
    attempts: 5,
    successes: 5,
    p95: null,
    runId: 5,
  });
  await writeRecord(join(records, 'web', 'w3-old'), {
    service: 'web',
    verdict: 'healthy',
    started: '2026-02-01T00:00:00.000Z',
    ended: '2026-02-01T00:05:00.000Z',
    attempts: 10,
    successes: 10,
    p95: 50,
    runId: 6,
  });
  // The same artifact downloaded twice is one gate.
  cpSync(join(records, 'api', 'a1'), join(records, 'copy-of-a1'), { recursive: true });
  // A tampered record: one byte of its probes changed.
  await writeRecord(join(records, 'tampered'), {
    service: 'api',
    verdict: 'healthy',
    started: '2026-03-30T14:00:00.000Z',
    ended: '2026-03-30T14:05:00.000Z',
    attempts: 100,
    successes: 100,
    p95: 100,
    runId: 7,
  });
  const probes = join(records, 'tampered', 'probes.ndjson');
  writeFileSync(probes, readFileSync(probes, 'utf8').replace('"ok":true', '"ok":fals'));
  // A record of another schema version: named, not read, no crash.
  await writeRecord(join(records, 'future'), {
    service: 'api',
    verdict: 'healthy',
    started: '2026-03-30T15:00:00.000Z',
    ended: '2026-03-30T15:05:00.000Z',
    attempts: 1,
    successes: 1,
    p95: 1,
    runId: 8,
  });
  const audit = join(records, 'future', 'audit.json');
  writeFileSync(
    audit,
    readFileSync(audit, 'utf8').replace(
      `"schema_version": "${AUDIT_SCHEMA_VERSION}"`,
      '"schema_version": "2.0.0"',
    ),
  );
  const { sealEvidence } = await import('../../src/evidence/seal.js');
  await sealEvidence(join(records, 'future'), { schemaVersion: '2.0.0' });

  result = await runReport({
    records,
    reportDir: join(root, 'out'),
    periodMs: 30 * DAY,
    periodLabel: '30d',
    now: NOW,
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const window = (name: string) => result.report.windows.find((w) => w.name === name);

describe('report over hand-made records', () => {
  it('verifies every record and lists the ones it did not count', () => {
    expect(result.report.records).toEqual({
      found: 9,
      counted: 6,
      duplicates: 1,
      monitor_runs: 0,
      failed_checksum: [{ path: 'tampered', detail: 'modified probes.ndjson' }],
      skipped: [
        { path: 'future', reason: 'schema version 2.0.0 (this report reads 1.0.0, 1.1.0)' },
      ],
    });
    expect(result.markdown).toContain(
      '1 record failed its checksum and is not counted: <code>tampered</code>',
    );
  });

  it('24h: the api gates only, restore from the first failed probe to the next healthy gate', () => {
    const w = window('24h');
    expect(w?.services.map((s) => s.service)).toEqual(['api']);
    expect(w?.overall).toEqual({
      deployments: 3,
      decided: 3,
      failed: 1,
      verdicts: {
        healthy: 2,
        unhealthy: 1,
        'rolled-back': 0,
        'rollback-failed': 0,
        cancelled: 0,
        error: 0,
      },
      change_failure_rate_percent: 33.33,
      deployments_per_day: 3,
      rollbacks: 0,
      rollbacks_verified: 0,
      // 12:00:30 (first failed probe) to 13:05:00 (the next healthy gate's verdict).
      time_to_restore_seconds: { restored: 1, unrestored: 0, median: 3870, p90: 3870, mean: 3870 },
      time_to_verdict_seconds: { median: 300, p90: 300 },
      probes_sampled_around_deploys: {
        attempts: 220,
        successes: 210,
        availability_percent: 95.455,
        p95_ms_median: 200,
        p95_ms_max: 300,
      },
      between_deploys: { monitor_runs: 0, probes: 0, failed: 0, availability_percent: null },
    });
  });

  it('7d: adds the verified rollback of web', () => {
    const o = window('7d')?.overall;
    expect(o).toMatchObject({
      deployments: 4,
      decided: 4,
      failed: 2,
      change_failure_rate_percent: 50,
      deployments_per_day: 0.57,
      rollbacks: 1,
      rollbacks_verified: 1,
      // web: 08:01:00 to the verified rollback's verdict at 08:10:00 = 540 s.
      time_to_restore_seconds: { restored: 2, unrestored: 0, median: 2205, p90: 3870, mean: 2205 },
      time_to_verdict_seconds: { median: 300, p90: 600 },
      probes_sampled_around_deploys: {
        attempts: 270,
        successes: 250,
        availability_percent: 92.593,
        p95_ms_median: 250,
        p95_ms_max: 400,
      },
    });
    const web = window('7d')?.services.find((s) => s.service === 'web');
    expect(web).toMatchObject({ deployments: 1, failed: 1, change_failure_rate_percent: 100 });
  });

  it('30d: a cancelled gate is a deployment but not decided; older records are outside', () => {
    const o = window('30d')?.overall;
    expect(o).toMatchObject({
      deployments: 5,
      decided: 4,
      failed: 2,
      change_failure_rate_percent: 50,
      deployments_per_day: 0.17,
      time_to_verdict_seconds: { median: 300, p90: 600 },
      probes_sampled_around_deploys: {
        attempts: 275,
        successes: 255,
        availability_percent: 92.727,
      },
    });
    expect(result.report.restores.map((r) => [r.service, r.seconds, r.via])).toEqual([
      ['web', 540, 'rollback'],
      ['api', 3870, 'next-healthy-gate'],
    ]);
    expect(result.report.days).toHaveLength(31);
    expect(result.report.days.find((d) => d.date === '2026-03-30')).toEqual({
      date: '2026-03-30',
      deployments: 3,
      failed: 1,
    });
  });

  it('writes report.json valid by schema/report.schema.json, which matches the zod schema', () => {
    const text = readFileSync(
      resolve(import.meta.dirname, '..', '..', 'schema', 'report.schema.json'),
      'utf8',
    );
    expect(text).toBe(reportJsonSchemaText());
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const written = JSON.parse(
      readFileSync(join(result.reportDir, 'report.json'), 'utf8'),
    ) as unknown;
    expect(ajv.validate(JSON.parse(text) as object, written)).toBe(true);
    expect(reportSchema.parse(written)).toEqual(result.report);
  });

  it('report.html is self-contained, links only to the runs, and has both charts', () => {
    const html = readFileSync(join(result.reportDir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/src="http/i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g))
      expect(href).toMatch(/^https:\/\/github\.com\/acme\/shop\/actions\/runs\/\d+\/attempts\/1$/);
    expect(html).toContain('<svg class="chart" id="chart-deployments"');
    expect(html).toContain('<svg class="chart" id="chart-restore"');
    expect((html.match(/class="bad"/g) ?? []).length).toBe(31);
  });
});

describe('percentiles', () => {
  it('median averages the two middle values; p90 is the nearest rank', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([5], 90)).toBe(5);
  });
});
