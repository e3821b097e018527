/**
 * A probed server is outside our trust: what it answers must never become a workflow command,
 * a live link, an unbounded output, or a stack trace. dist/index.js and dist/post.js run as the
 * runner runs them, against hostile servers on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { FAST_GATE, runDist, stateEnv, type DistRun } from '../helpers/run-dist.js';

const fast = {
  ...FAST_GATE,
  'observe-for': '200ms',
  'min-samples': '3',
  rollback: 'none',
};
const INJECTED_VERSION =
  '1.0\n::warning title=X::forged\n::add-mask::deploy\n::stop-commands::Y\r\n##[error]forged';
const LINKS_VERSION =
  '[approve](https://evil.example/approve) ![x](https://evil.example/pixel.png) www.evil.example mail@evil.example';
// Just under the 64 KiB the prober reads, so the JSON parses and the whole string is seen.
const HUGE_VERSION = 'v'.repeat(60 * 1024);

let server: TestServer;
const runs: DistRun[] = [];
const track = (r: DistRun) => (runs.push(r), r);

beforeAll(async () => {
  server = await startServer({
    '/inject': json({ version: INJECTED_VERSION }),
    '/links': json({ version: LINKS_VERSION }),
    '/huge': json({ version: HUGE_VERSION }),
  });
});
afterAll(async () => {
  await server.close();
  for (const r of runs) r.cleanup();
});

/** Lines the runner would read as workflow commands, with what the action itself writes removed. */
function commandLines(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .filter((line) => /^\s*(::|##\[)/.test(line))
    .filter((line) => !/^::(error|warning|notice|debug|add-mask)( [^:]*)?::/.test(line))
    .concat(stdout.split(/\r?\n/).filter((line) => /^\s*::(add-mask|stop-commands)::/.test(line)));
}

describe('text from a probed server, through dist/', () => {
  it('never forges a workflow command in the main or the post step', async () => {
    const main = track(
      await runDist({
        inputs: { ...fast, url: server.url('/inject'), 'expected-version': '2.0' },
      }),
    );
    expect(main.outputs.verdict).toBe('unhealthy');
    // The forged version is quoted on one line wherever it appears.
    expect(main.stdout).toContain('serving version "1.0\\n::warning title=X::forged\\n');
    expect(commandLines(main.stdout)).toEqual([]);
    expect(main.stdout).not.toMatch(/^::add-mask::deploy/m);
    expect(main.stdout).not.toMatch(/^\s*::stop-commands::/m);
    expect(main.stdout).not.toMatch(/^::warning title=X::/m);
    for (const value of Object.values(main.outputs)) expect(value).not.toMatch(/[\r\n]/);

    // The post step of a killed run prints the recorded reason: it must be as inert.
    const post = track(
      await runDist({
        inputs: { ...fast, url: server.url('/inject'), 'expected-version': '2.0' },
        entry: 'post.js',
        workDir: main.workDir,
        env: stateEnv({ ...main.state, finished: '' }),
      }),
    );
    expect(commandLines(post.stdout)).toEqual([]);
    expect(post.stdout).not.toMatch(/^\s*::(add-mask|stop-commands)::/m);
  });

  it('never turns response text into a live link or image in the job summary', async () => {
    const r = track(
      await runDist({
        inputs: { ...fast, url: server.url('/links'), 'expected-version': '2.0' },
      }),
    );
    expect(r.outputs.verdict).toBe('unhealthy');
    expect(r.summary).toContain('approve');
    expect(r.summary).not.toContain('](https://evil');
    expect(r.summary).not.toContain('![x]');
    expect(r.summary).not.toContain('https://evil.example');
    expect(r.summary).not.toContain('www.evil.example');
    expect(r.summary).not.toContain('mail@evil.example');
  });

  it('caps a 60 KB version string in the summary, the outputs, the log and the record', async () => {
    const r = track(
      await runDist({
        inputs: { ...fast, url: server.url('/huge'), 'expected-version': '2.0' },
      }),
    );
    expect(r.outputs.verdict).toBe('unhealthy');
    expect((r.outputs.reason ?? '').length).toBeLessThanOrEqual(1100);
    expect(r.summary).toContain('more characters');
    expect(Buffer.byteLength(r.summary)).toBeLessThan(64 * 1024);
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(64 * 1024);
    const probes = readFileSync(join(r.workDir, 'deploy-gate-audit', 'probes.ndjson'), 'utf8');
    for (const line of probes.trim().split('\n')) expect(line.length).toBeLessThan(4096);
  });

  it('gives one sentence, not a stack trace, when the action fails inside', async () => {
    // A config path that is a folder fails while reading the inputs.
    const r = track(await runDist({ inputs: { config: '/' } }));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
    expect(r.outputs.reason ?? '').not.toMatch(/\bat .+\.js:\d+/);
  });
});
