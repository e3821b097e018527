/**
 * Which failed releases are rolled back, by what their responses showed, through dist/index.js
 * with the fake flyctl: the "never served" exemption applies only when responses passed the
 * status check and showed another version (the `expected-version` rule decides). A response
 * refused on its status is judged by its status, whatever version it names, and nothing answering
 * at all is a release that may be serving and broken: in both, `startup` decides and the release
 * is rolled back. One test per status class, with the GitHub deployment status each gets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFlyApp } from '../../fakes/fly-app/fly-app.mjs';
import { createFakeFly, FAKE_TOKEN } from '../helpers/fake-fly.js';
import { startFakeGitHubApi } from '../helpers/fake-github-api.js';
import { closedPort } from '../helpers/http-server.js';
import { cleanupsAfterAll, FAST_GATE, runDist, type DistRun } from '../helpers/run-dist.js';

const APP = 'shop';
const fast = {
  ...FAST_GATE,
  'observe-for': '300ms',
  'min-samples': '3',
  'fly-app': APP,
  'expected-version': 'deployment-NEVER-SERVED',
};
const { cleanups } = cleanupsAfterAll();

async function gate(
  behaviour: 'healthy' | 'broken' | 'down',
): Promise<{ run: DistRun; deploys: number; decidedBy: string[]; states: string[] }> {
  const github = await startFakeGitHubApi();
  cleanups.push(() => github.close());
  const fly = createFakeFly({ apps: [{ name: APP, releases: 4 }] });
  cleanups.push(() => fly.cleanup());
  const current = fly.currentRelease(APP).ImageRef;
  let url: string;
  if (behaviour === 'down') {
    url = `http://127.0.0.1:${await closedPort()}/healthz`;
  } else {
    const app = await startFlyApp({
      statePath: fly.statePath,
      app: APP,
      behaviours: { [current]: behaviour },
    });
    cleanups.push(() => app.close());
    url = app.url;
  }
  const env = fly.env({
    FLY_API_TOKEN: FAKE_TOKEN,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '1',
  }) as Record<string, string>;
  const inputs = { ...fast, url, 'github-token': github.token, environment: 'production' };
  const run = await runDist({ inputs, env, timeoutMs: 90_000 });
  cleanups.push(() => run.cleanup());
  const audit = JSON.parse(
    readFileSync(join(run.workDir, 'deploy-gate-audit', 'audit.json'), 'utf8'),
  ) as { rules: { rule: string; outcome: string }[] };
  return {
    run,
    deploys: fly.log().filter((e) => e.argv[0] === 'deploy').length,
    decidedBy: audit.rules.filter((r) => r.outcome === 'fail').map((r) => r.rule),
    states: github.statuses.map((st) => st.state),
  };
}

describe('a release whose expected version never showed', () => {
  it('2xx showing another version: never served, not rolled back', async () => {
    const { run, deploys, decidedBy, states } = await gate('healthy');
    expect(run.outputs.verdict).toBe('unhealthy');
    // Not judged: `failure` would mark the release under test bad for every later rollback.
    expect(states).toEqual(['in_progress', 'error']);
    expect(decidedBy).toContain('expected-version');
    expect(run.outputs.reason).toContain(
      'the new release never served, so there is nothing to undo',
    );
    expect(deploys).toBe(0);
  }, 120_000);

  it('5xx naming another version: judged by its status, `startup` decides, rolled back', async () => {
    const { run, deploys, decidedBy, states } = await gate('broken');
    expect(decidedBy).toEqual(['startup']);
    expect(states).toEqual(['in_progress', 'failure']);
    expect(deploys).toBe(1);
    expect(run.outputs['rolled-back']).toBe('true');
    // `attempts` counts the release under test; the verification's probes are counted apart.
    const lines = readFileSync(join(run.workDir, 'deploy-gate-audit', 'probes.ndjson'), 'utf8');
    const count = (kind: string) =>
      lines.split('\n').filter((l) => l.includes(`"run":"${kind}"`)).length;
    expect(Number(run.outputs.attempts)).toBe(count('release'));
    expect(Number(run.outputs['verification-attempts'])).toBe(count('rollback'));
    expect(count('rollback')).toBeGreaterThan(0);
  }, 120_000);

  it('no answer at all: `startup` decides, rolled back', async () => {
    const { run, deploys, decidedBy } = await gate('down');
    // The verification of the rolled-back release fails `startup` too: nothing answers there either.
    expect(decidedBy[0]).toBe('startup');
    expect(decidedBy).not.toContain('expected-version');
    expect(deploys).toBe(1);
    expect(run.outputs['rolled-back']).toBe('true');
  }, 120_000);
});
