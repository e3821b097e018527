/** The bundled dist/index.js, run as the runner runs it, against real servers on 127.0.0.1. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';

const fast = {
  'initial-delay': '0',
  interval: '50ms',
  timeout: '1s',
  'startup-timeout': '2s',
  'observe-for': '300ms',
  'min-samples': '5',
};
let server: TestServer;
const runs: DistRun[] = [];
const track = (r: DistRun) => (runs.push(r), r);

beforeAll(async () => {
  server = await startServer({
    '/healthz': json({ status: 'ok', version: 'v2' }),
    '/broken': json({ status: 'down' }, 503),
    '/evil': json({ version: '<script>alert(1)</script>' }),
  });
});
afterAll(async () => {
  await server.close();
  for (const r of runs) r.cleanup();
});

describe('dist/index.js', () => {
  it('passes a healthy release and sets every output', async () => {
    const r = track(
      await runDist({ inputs: { ...fast, url: server.url('/healthz'), 'expected-version': 'v2' } }),
    );
    expect(r.exitCode).toBe(0);
    expect(r.outputs.verdict).toBe('healthy');
    expect(Number(r.outputs.attempts)).toBeGreaterThanOrEqual(3);
    expect(r.outputs['error-rate']).toBe('0');
    for (const name of ['latency-p50-ms', 'latency-p95-ms', 'latency-p99-ms', 'duration-ms'])
      expect(r.outputs[name]).toMatch(/^\d+$/);
    expect(r.summary).toMatch(
      /^## ✅ 127\.0\.0\.1:\d+ v2 healthy after [\d.]+ (ms|s) \(\d+ probes, p95 /,
    );
    // The version check passed, folded with the other passes: served = expected (v2).
    expect(r.summary).toMatch(/<summary>✅ all \d+ rules passed<\/summary>/);
    expect(r.summary).toMatch(/\| expected-version \| = expected \| v2 \| – \| /);
  });

  it('fails a broken release for the right reason, with an error annotation', async () => {
    const r = track(await runDist({ inputs: { ...fast, url: server.url('/broken') } }));
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('unhealthy');
    expect(r.outputs.reason).toMatch(
      /^no 3 consecutive successes within 2s: 0 of \d+ attempts succeeded \(longest streak 0\); last: status 503 not in 200-299$/,
    );
    expect(r.stdout).toMatch(
      /::error title=deploy-gate%3A http%3A\/\/127\.0\.0\.1%3A\d+\/broken is unhealthy::no 3 consecutive successes/,
    );
    expect(r.summary).toMatch(/^## ❌ 127\.0\.0\.1:\d+ failed its gate — not rolled back/);
    expect(r.summary).toMatch(/\| \*\*startup\*\* \| ❌ fail \(decided\) \| 0 \| 3 consecutive /);
  });

  it('rejects bad input before the first request, naming the input, the value and what is accepted', async () => {
    const before = server.requests.length;
    const r = track(
      await runDist({
        inputs: { url: server.url('/healthz'), interval: 'soon', 'success-threshold': '0' },
      }),
    );
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.stdout).toContain(
      'Input "interval": "soon" is not a duration; accepted: a duration like 250ms, 15s, 2m, 1h',
    );
    expect(r.stdout).toContain(
      'Input "success-threshold": "0" is out of range; accepted: 1 to 1000',
    );
    expect(server.requests.length).toBe(before);
    // The job summary says it too, every problem listed.
    expect(r.summary).toMatch(/^## ⛔ Inputs invalid — nothing was probed\n/);
    expect(r.summary).toContain('- Input &quot;interval&quot;: &quot;soon&quot; is not a duration');
    expect(r.summary).toContain(
      '- Input &quot;success-threshold&quot;: &quot;0&quot; is out of range',
    );
  });

  it('escapes response text in the job summary', async () => {
    const r = track(
      await runDist({ inputs: { ...fast, url: server.url('/evil'), 'expected-version': 'v2' } }),
    );
    expect(r.outputs.verdict).toBe('unhealthy');
    expect(r.summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.summary).not.toContain('<script>');
  });

  it('masks header values as soon as they are read', async () => {
    const r = track(
      await runDist({
        inputs: {
          ...fast,
          url: server.url('/healthz'),
          headers: 'Authorization: Bearer sentinel-secret-4711',
        },
      }),
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('::add-mask::Bearer sentinel-secret-4711');
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sentinel-secret-4711');
    expect(r.summary + JSON.stringify(r.outputs)).not.toContain('sentinel-secret-4711');
  });
});

describe('a reused audit-dir', () => {
  it('moves the earlier run aside instead of mixing two runs under one seal', async () => {
    const first = track(
      await runDist({ inputs: { ...fast, url: server.url('/healthz'), 'audit-dir': 'audit' } }),
    );
    const second = track(
      await runDist({
        inputs: { ...fast, url: server.url('/healthz'), 'audit-dir': 'audit' },
        workDir: first.workDir,
      }),
    );
    expect(second.outputs.verdict).toBe('healthy');
    expect(second.stdout).toMatch(
      /::warning::audit-dir \S*\/audit held an earlier run's evidence; it was moved to .*audit-previous-/,
    );
    const dir = second.outputs['audit-dir'] as string;
    const probeLines = readFileSync(join(dir, 'probes.ndjson'), 'utf8').trim().split('\n');
    expect(probeLines).toHaveLength(Number(second.outputs.attempts));
    expect(readdirSync(first.workDir).filter((f) => f.startsWith('audit-previous-'))).toHaveLength(
      1,
    );
  });
});
