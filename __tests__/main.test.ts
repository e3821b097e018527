/**
 * The main step in-process: `run(env)` as dist/index.js calls it, with the runner imitated by
 * INPUT_* variables and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, against
 * real servers on 127.0.0.1. The same paths as __tests__/dist/, but visible to coverage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../src/main.js';
import { json, startServer } from './helpers/http-server.js';
import { FAST_POLICY as fast, stepBench } from './helpers/run-in-process.js';

const bench = stepBench('main', {
  '/healthz': json({ status: 'ok', version: 'v2' }),
  '/broken': json({ status: 'down' }, 503),
});
const { auditDir } = bench;
const mainStep = (inputs: Record<string, string>) => bench.step(run, inputs);

describe('run(env) in-process', () => {
  it('passes a healthy release: outputs, job summary, sealed evidence and state for the post step', async () => {
    const dir = auditDir();
    const r = await mainStep({
      ...fast,
      url: bench.server.url('/healthz'),
      'expected-version': 'v2',
      'audit-dir': dir,
    });
    expect(r.exitCode).toBeFalsy();
    expect(r.outputs.verdict).toBe('healthy');
    // At least the success streak (3); how many observe probes fit in 300 ms depends on the machine.
    expect(Number(r.outputs.attempts)).toBeGreaterThanOrEqual(3);
    expect(r.outputs['error-rate']).toBe('0');
    expect(r.outputs['audit-dir']).toBe(dir);
    expect(r.summary).toMatch(/^## ✅ 127\.0\.0\.1:\d+ v2 healthy after /);
    const audit = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as {
      verdict: string;
      health_checks: { attempts: number };
    };
    expect(audit.verdict).toBe('healthy');
    expect(audit.health_checks.attempts).toBe(Number(r.outputs.attempts));
    expect(existsSync(join(dir, 'SHA256SUMS'))).toBe(true);
    expect(r.state).toMatchObject({ 'audit-dir': dir, finished: 'true' });
    // Upload is off (no runtime token): a warning, and the verdict stands.
    expect(r.stdout).toMatch(/::warning::Audit evidence was not uploaded/);
  });

  it('fails a broken release with an error annotation naming the URL', async () => {
    const r = await mainStep({
      ...fast,
      url: bench.server.url('/broken'),
      'audit-dir': auditDir(),
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('unhealthy');
    expect(r.outputs.reason).toMatch(/^no 3 consecutive successes within 1s: /);
    expect(r.stdout).toMatch(/::error title=deploy-gate%3A http%3A\/\/127\.0\.0\.1%3A\d+\/broken/);
    expect(r.summary).toMatch(/^## ❌ 127\.0\.0\.1:\d+ failed its gate/);
  });

  it('refuses an invalid input with verdict error, naming the input, before any request', async () => {
    const before = bench.server.requests.length;
    const dir = auditDir();
    const r = await mainStep({
      url: bench.server.url('/healthz'),
      interval: 'soon',
      'audit-dir': dir,
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.outputs.reason).toContain('Input "interval": "soon" is not a duration');
    expect(r.stdout).toContain('::error::Input "interval": "soon" is not a duration');
    expect(r.summary).toMatch(/^## ⛔ Inputs invalid — nothing was probed\n/);
    expect(bench.server.requests.length).toBe(before);
    // The refused run is on the record too, sealed.
    expect(r.outputs['audit-dir']).toBe(dir);
    const audit = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as { verdict: string };
    expect(audit.verdict).toBe('error');
  });

  it('gates a config-file fleet of two services; the worst verdict decides', async () => {
    const web = await startServer({ '/healthz': json({ status: 'down' }, 503) });
    try {
      const config = join(bench.work, 'deploy-gate.yml');
      writeFileSync(
        config,
        `defaults:
  health_endpoint: /healthz
  policy:
    initial-delay: 0
    interval: 50ms
    timeout: 1s
    startup-timeout: 1s
    observe-for: 0
services:
  - name: api
    base_url: ${bench.server.origin}
  - name: web
    base_url: ${web.origin}
`,
      );
      const dir = auditDir();
      const r = await mainStep({ config, 'max-parallel': '2', 'audit-dir': dir });
      expect(r.exitCode).toBe(1);
      expect(r.outputs.verdict).toBe('unhealthy');
      expect(r.outputs.reason).toMatch(/^1 unhealthy, 1 healthy; web: /);
      expect(JSON.parse(r.outputs.matrix as string)).toEqual({ service: ['api', 'web'] });
      expect(JSON.parse(r.outputs.services as string)).toEqual([
        expect.objectContaining({ service: 'api', verdict: 'healthy' }),
        expect.objectContaining({ service: 'web', verdict: 'unhealthy' }),
      ]);
      expect(r.summary).toMatch(/\| api \| ✅ healthy \|/);
      expect(r.summary).toMatch(/\| web \| ❌ unhealthy \|/);
      for (const service of ['api', 'web']) {
        const audit = JSON.parse(readFileSync(join(dir, service, 'audit.json'), 'utf8')) as {
          service: { name: string };
        };
        expect(audit.service.name).toBe(service);
        expect(existsSync(join(dir, service, 'SHA256SUMS'))).toBe(true);
      }
      expect(JSON.parse(r.state['service-dirs'] as string)).toEqual(['api', 'web']);
    } finally {
      await web.close();
    }
  });
});

describe('run(env) with a service in the users’ matrix form', () => {
  it('records the fields it does not judge, and how the file was read, in the sealed audit.json', async () => {
    const config = join(bench.work, 'matrix.yml');
    writeFileSync(
      config,
      `service: api
url: ${bench.server.origin}
health_endpoint: /healthz
health_interval: 50ms
health_timeout: 1s
schedule: "0 */1 * * *"
policy: { initial-delay: 0, startup-timeout: 1s, observe-for: 0 }
slo_targets: { availability: 99.9%, job_success_rate: 95% }
`,
    );
    const dir = auditDir();
    const r = await mainStep({ config, 'audit-dir': dir });
    expect(r.outputs.verdict).toBe('healthy');
    const audit = JSON.parse(readFileSync(join(dir, 'api', 'audit.json'), 'utf8')) as {
      service: { not_judged?: unknown; config_notes?: unknown };
    };
    expect(audit.service.not_judged).toEqual([
      { field: 'schedule', value: '0 */1 * * *' },
      { field: 'slo_targets.job_success_rate', value: '95%' },
    ]);
    expect(audit.service.config_notes).toEqual([
      'slo_targets: availability 99.9% sets max-error-rate 0.1% (no error_rate given)',
    ]);
    expect(r.summary).toContain('**Not judged by the gate:**');
  });
});
