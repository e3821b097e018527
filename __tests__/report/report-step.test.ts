/**
 * mode: report in-process: `reportStep(env)` (and `run(env)` dispatching to it) over a `records`
 * folder of hand-made sealed gates (helpers/records.ts), with the runner imitated by INPUT_*
 * variables and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. No token: nothing is uploaded.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/main.js';
import { reportStep } from '../../src/report/report-step.js';
import { writeRecord } from '../helpers/records.js';
import { runInProcess } from '../helpers/run-in-process.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();

let work: string;
let records: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dg-report-step-'));
  records = join(work, 'records');
  const now = Date.now();
  // api fails, and the next healthy gate restores it 2 hours later; web is rolled back (verified).
  const api1 = {
    service: 'api',
    verdict: 'healthy',
    started: at(now - 3 * DAY),
    ended: at(now - 3 * DAY + 300_000),
    attempts: 100,
    successes: 100,
    p95: 80,
    runId: 1,
  } as const;
  await writeRecord(join(records, 'api-1'), api1);
  await writeRecord(join(records, 'api-2'), {
    service: 'api',
    verdict: 'unhealthy',
    started: at(now - 2 * DAY),
    ended: at(now - 2 * DAY + 300_000),
    failures: [at(now - 2 * DAY + 60_000)],
    attempts: 40,
    successes: 10,
    p95: 900,
    runId: 2,
    failedRules: [{ rule: 'startup', message: 'no 3 consecutive successes within 90s' }],
  });
  await writeRecord(join(records, 'api-3'), {
    service: 'api',
    verdict: 'healthy',
    started: at(now - 2 * DAY + 2 * HOUR),
    ended: at(now - 2 * DAY + 2 * HOUR + 300_000),
    attempts: 100,
    successes: 100,
    p95: 80,
    runId: 3,
  });
  await writeRecord(join(records, 'nested', 'web-1'), {
    service: 'web',
    verdict: 'rolled-back',
    started: at(now - DAY),
    ended: at(now - DAY + 600_000),
    failures: [at(now - DAY + 60_000)],
    attempts: 30,
    successes: 5,
    p95: 1200,
    rollbackVerified: true,
    runId: 4,
  });
  // A copy of api-1 changed after its seal: listed, never counted.
  await writeRecord(join(records, 'api-1-tampered'), { ...api1, runId: 5 });
  const audit = join(records, 'api-1-tampered', 'audit.json');
  writeFileSync(audit, readFileSync(audit, 'utf8').replace('"healthy"', '"rolled-back"'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const step = (entry: (env: NodeJS.ProcessEnv) => Promise<void>, inputs: Record<string, string>) =>
  runInProcess(entry, { workDir: work, inputs });

describe('reportStep(env) in-process', () => {
  it('counts the verified records, sets every output and names the tampered one', async () => {
    const reportDir = join(work, 'report');
    const r = await step(reportStep, {
      mode: 'report',
      period: '7d',
      records,
      'audit-dir': reportDir,
    });
    expect(r.exitCode).toBeFalsy();
    expect(r.outputs).toMatchObject({
      deployments: '4',
      'failed-deployments': '2',
      'change-failure-rate': '50',
      rollbacks: '1',
      'report-dir': reportDir,
    });
    expect(Number(r.outputs['mttr-seconds'])).toBeGreaterThan(0);
    expect(r.stdout).toContain('::warning::1 record failed its checksum: api-1-tampered');
    expect(r.stdout).toContain('report not uploaded as an artifact');
    expect(r.summary).toMatch(/^## 📊 Deployment report — 7d to /);
    expect(r.summary).toContain('<code>api-1-tampered</code>');

    const json = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as {
      records: { found: number; counted: number };
      windows: { name: string }[];
      restores: { via: string | null; service: string }[];
    };
    expect(json.records).toMatchObject({ found: 5, counted: 4 });
    expect(json.windows.map((w) => w.name)).toEqual(['24h', '7d']);
    expect(json.restores.map((x) => [x.service, x.via]).sort()).toEqual([
      ['api', 'next-healthy-gate'],
      ['web', 'rollback'],
    ]);
    expect(readFileSync(join(reportDir, 'report.md'), 'utf8')).toBe(r.summary);
    expect(readFileSync(join(reportDir, 'report.html'), 'utf8')).toContain(
      'id="chart-deployments"',
    );
  });

  it('through run(env): a bad input fails the step naming the input, and writes nothing', async () => {
    const reportDir = join(work, 'refused');
    const r = await step(run, {
      mode: 'report',
      period: 'soon',
      records,
      'audit-dir': reportDir,
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('::error::Input "period": "soon" is not a period');
    expect(r.outputs).toEqual({});
    expect(r.summary).toBe('');
    expect(existsSync(reportDir)).toBe(false);
  });

  it('fails the step when the records folder does not exist', async () => {
    const r = await step(reportStep, {
      mode: 'report',
      records: join(work, 'no-such-folder'),
      'audit-dir': join(work, 'missing'),
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error::deploy-gate report: .*no-such-folder/);
    expect(r.outputs).toEqual({});
  });
});
