/**
 * The plan of a plain `url` gate and of one with `fly-config`: the same layers as a config file's
 * service (defaults < fly.toml < the workflow's inputs), with defaults fitted to a long written
 * interval and fly.toml's values named by their field when refused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planRun } from '../../src/service/plan-run.js';
import { inputEnvName } from '../../src/settings/read-inputs.js';
import { tempDirs } from '../helpers/temp-dir.js';
import { problemsOfAsync } from '../helpers/settings-problems.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const envOf = (inputs: Record<string, string>) =>
  Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputEnvName(name), value]));
const plan = (inputs: Record<string, string>) => planRun(envOf(inputs), { claim: false });

function flyToml(text: string): string {
  const path = join(dirs.make('plan-run'), 'fly.toml');
  writeFileSync(path, text);
  return path;
}

describe('planRun: a plain url gate', () => {
  it('fits the defaults nobody wrote to a workflow interval of 1m, and says so', async () => {
    const [service] = (await plan({ url: 'https://api.example.com/healthz', interval: '1m' }))
      .services;
    expect(service?.groups[0]?.policy).toMatchObject({
      intervalMs: 60_000,
      startupTimeoutMs: 182_000,
      failureThreshold: 5,
    });
    expect(service?.notes).toEqual([
      'startup-timeout 3m2s (the default is too short for the success streak at interval 1m)',
      'failure-threshold 5 (the observe probes the bake holds at interval 1m)',
    ]);
  });

  it('still refuses a written startup-timeout the success streak cannot fit in', async () => {
    expect(
      await problemsOfAsync(() =>
        plan({ url: 'https://a.example.com/', interval: '1m', 'startup-timeout': '100s' }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^Inputs "success-threshold" 3 at "interval" 1m need 2m from the first success, which "startup-timeout" 100s does not allow/,
      ),
    ]);
  });
});

describe('planRun: fly-config and no url', () => {
  it("probes fly.toml's checks on the app's host, with their timing fitted and noted", async () => {
    const path = flyToml(
      [
        'app = "shop-api"',
        '[[http_service.checks]]',
        '  path = "/healthz"',
        '  interval = "1m"',
        '  timeout = "5s"',
        '[[http_service.checks]]',
        '  path = "/ready"',
      ].join('\n'),
    );
    const [service] = (await plan({ 'fly-config': path })).services;
    expect(service?.groups[0]?.urls).toEqual([
      'https://shop-api.fly.dev/healthz',
      'https://shop-api.fly.dev/ready',
    ]);
    expect(service?.fly?.app).toBe('shop-api');
    expect(service?.groups[0]?.policy).toMatchObject({ intervalMs: 60_000, timeoutMs: 5000 });
    expect(service?.notes).toEqual([
      `${path}: probe timing taken from http_service.checks[0] (the first of 2 checks)`,
      'startup-timeout 3m5s (the default is too short for the success streak at interval 1m)',
      'failure-threshold 5 (the observe probes the bake holds at interval 1m)',
    ]);
  });

  it("names fly.toml's field when its value is refused, and lets a workflow input win", async () => {
    const path = flyToml(
      'app = "shop-api"\n[[http_service.checks]]\n  path = "/healthz"\n  timeout = "10m"\n',
    );
    expect(await problemsOfAsync(() => plan({ 'fly-config': path }))).toEqual([
      `${path}: http_service.checks[0].timeout: "10m" is too long; accepted: a duration up to 5m`,
    ]);
    const [service] = (await plan({ 'fly-config': path, timeout: '3s' })).services;
    expect(service?.groups[0]?.policy.timeoutMs).toBe(3000);
  });

  it("leaves fly.toml's interval to a workflow input equal to its default, which cannot be told from none", async () => {
    const path = flyToml(
      'app = "shop-api"\n[[http_service.checks]]\n  path = "/healthz"\n  interval = "10s"\n',
    );
    const [service] = (await plan({ 'fly-config': path, interval: '5s' })).services;
    expect(service?.groups[0]?.policy.intervalMs).toBe(10_000);
  });

  it('says why fly.toml gave no URL: no checks, or no app to name the host', async () => {
    const noChecks = flyToml('app = "shop-api"\n');
    expect(await problemsOfAsync(() => plan({ 'fly-config': noChecks }))).toEqual([
      `Input "url" is empty and "fly-config" gives no URL to probe: ${noChecks} has no [[http_service.checks]] (or [[services.http_checks]] on port 80/443); accepted: a url input, or a fly.toml with [[http_service.checks]] and an app`,
    ]);
    const noApp = flyToml('[[http_service.checks]]\n  path = "/healthz"\n');
    expect(await problemsOfAsync(() => plan({ 'fly-config': noApp }))).toEqual([
      expect.stringContaining(
        `gives no URL to probe: ${noApp} names no app, so its check paths have no host to probe;`,
      ),
    ]);
    const [service] = (await plan({ 'fly-config': noApp, 'fly-app': 'shop-api' })).services;
    expect(service?.groups[0]?.urls).toEqual(['https://shop-api.fly.dev/healthz']);
  });
});
