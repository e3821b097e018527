/**
 * From a service of the file to complete, validated action inputs: precedence of the layers,
 * URLs from base_url, the Fly app or fly.toml, endpoints grouped into runs, and problems from
 * parseInputs reported where the value was written.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServiceConfig, parseServiceConfig } from '../../src/settings/load-config.js';
import {
  resolveService,
  resolveServices,
  type ResolveOptions,
} from '../../src/settings/resolve-service.js';
import type { ServiceConfig } from '../../src/settings/service-config.js';
import { problemsOfAsync } from '../helpers/settings-problems.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const env = {
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  API_TOKEN: 'api-token-value-123',
  FLY_API_TOKEN_API: 'FlyV1 fm2_tokenvalue',
};

const only = (text: string): ServiceConfig =>
  parseServiceConfig(text, 'deploy-gate.yml', { env }).services[0] as ServiceConfig;

describe('precedence: service > defaults > action inputs > fly.toml > input defaults', () => {
  const file = (defaults: string, service: string) =>
    parseServiceConfig(
      `defaults: {${defaults}}\nservices:\n  - {name: a, base_url: "https://a.example.com"${service}}\n`,
      'deploy-gate.yml',
      { env },
    );
  const interval = async (
    defaults: string,
    service: string,
    action: ResolveOptions['actionInputs'],
  ) => {
    const config = file(defaults, service);
    const [resolved] = await resolveServices(config, { actionInputs: action });
    return resolved?.groups[0]?.inputs['interval'];
  };

  it('takes each value from the highest layer that sets it', async () => {
    expect(
      await interval('monitoring: {interval: 20s}', ', monitoring: {interval: 30s}', {
        interval: '10s',
      }),
    ).toBe('30s');
    expect(await interval('monitoring: {interval: 20s}', '', { interval: '10s' })).toBe('20s');
    expect(await interval('environment: prod', '', { interval: '10s' })).toBe('10s');
    expect(await interval('environment: prod', '', {})).toBe('5s');
  });
});

describe('where to probe', () => {
  it('joins paths to the Fly app hostname when no base_url is given', async () => {
    const config = await loadServiceConfig(fixture('snippet.yml'), { env: {} });
    const [dashboard] = await resolveServices(config, { actionInputs: { 'fly-app': 'dash' } });
    expect(dashboard?.groups.map((r) => [r.endpoints, r.inputs['url']])).toEqual([
      [['health', 'build'], 'https://dash.fly.dev/healthz\nhttps://dash.fly.dev/__build'],
    ]);
    expect(dashboard?.groups[0]?.settings.policy).toMatchObject({
      intervalMs: 15_000,
      timeoutMs: 2_000,
      initialDelayMs: 30_000,
      maxErrorRate: 0.01,
      latencySlo: [{ percentile: 95, limitMs: 500, text: 'p95<500ms' }],
    });
  });

  it('explains a path with no host', async () => {
    const config = await loadServiceConfig(fixture('snippet.yml'), { env: {} });
    expect(await problemsOfAsync(() => resolveServices(config, { actionInputs: {} }))).toEqual([
      `${fixture('snippet.yml')}:2: service "dashboard": health_endpoint: "/healthz" is a path with no host; accepted: base_url, a full URL, or fly.app / fly.config (https://<app>.fly.dev)`,
      `${fixture('snippet.yml')}:3: service "dashboard": build_endpoint: "/__build" is a path with no host; accepted: base_url, a full URL, or fly.app / fly.config (https://<app>.fly.dev)`,
    ]);
  });

  it('takes the endpoints and their timing from fly.toml checks when nothing else names a URL', async () => {
    const service = only(`name: api\nfly: {config: ${JSON.stringify(fixture('fly.toml'))}}\n`);
    const resolved = await resolveService(service, { actionInputs: {} });
    expect(resolved.groups).toHaveLength(1);
    expect(resolved.groups[0]?.inputs).toMatchObject({
      url: 'https://shop-api.fly.dev/healthz\nhttps://shop-api.fly.dev/ready',
      'fly-app': 'shop-api',
      'fly-config': fixture('fly.toml'),
      interval: '30s',
      timeout: '5s',
      'initial-delay': '10s',
    });
    expect(resolved.groups[0]?.settings.fly).toEqual({
      app: 'shop-api',
      config: fixture('fly.toml'),
    });
    expect(resolved.notes).toEqual([
      `${fixture('fly.toml')}: probe timing taken from http_service.checks[0] (the first of 2 checks)`,
    ]);
  });

  it('lets written values win over fly.toml, and a base_url replace the fly.dev host', async () => {
    const service = only(
      `name: api\nbase_url: https://api.example.com\nmonitoring: {interval: 5s}\nfly: {config: ${JSON.stringify(fixture('fly.toml'))}}\n`,
    );
    const resolved = await resolveService(service, { actionInputs: { timeout: '1s' } });
    // base_url alone is probed as it is; fly.toml still names the app.
    expect(resolved.groups[0]?.inputs).toMatchObject({
      url: 'https://api.example.com',
      'fly-app': 'shop-api',
      interval: '5s',
      timeout: '1s',
      'initial-delay': '30s',
    });
  });

  it('falls back to the url input, then fails when nothing says where to probe', async () => {
    const service = only('name: api\nmonitoring: {interval: 5s}\n');
    const resolved = await resolveService(service, {
      actionInputs: { url: 'https://x.example.com/up' },
    });
    expect(resolved.groups[0]?.inputs['url']).toBe('https://x.example.com/up');
    expect(await problemsOfAsync(() => resolveService(service, { actionInputs: {} }))).toEqual([
      'deploy-gate.yml:1: service "api": has no endpoint to probe; accepted: health_endpoint, build_endpoint, endpoints, base_url, the url input, or fly.config with [[http_service.checks]]',
    ]);
  });

  it('reports a missing fly.toml under the service', async () => {
    const service = only('name: api\nfly: {config: /nonexistent/fly.toml}\n');
    expect(await problemsOfAsync(() => resolveService(service, { actionInputs: {} }))).toEqual([
      '/nonexistent/fly.toml: service "api": does not exist',
      'deploy-gate.yml:1: service "api": has no endpoint to probe; accepted: health_endpoint, build_endpoint, endpoints, base_url, the url input, or fly.config with [[http_service.checks]]',
    ]);
  });
});

describe('runs: endpoints with the same settings share one', () => {
  it('gives each distinct set of expectations its own validated run', async () => {
    const config = await loadServiceConfig(fixture('canonical.yml'), { env });
    const [api, web] = await resolveServices(config, { actionInputs: {} });
    expect(api?.groups.map((r) => [r.endpoints, r.inputs['url']])).toEqual([
      [['health'], 'https://api.example.com/healthz'],
      [['build'], 'https://api.example.com/version'],
      [['/orders'], 'https://api.example.com/orders'],
      [['https://api.example.com/search?q=probe'], 'https://api.example.com/search?q=probe'],
    ]);
    const [, build, orders, search] = api?.groups ?? [];
    expect(build?.settings.expect.version).toEqual({ expected: env.GITHUB_SHA, path: ['version'] });
    expect(orders?.settings.expect.status).toEqual([
      { min: 200, max: 200 },
      { min: 204, max: 204 },
    ]);
    expect(orders?.settings.expect.json.map((a) => a.text)).toEqual([
      'status == ok',
      'items.0.id != 0',
    ]);
    expect(search?.settings.request.method).toBe('HEAD');
    expect(api?.groups[0]?.settings.request.headers).toEqual({
      Accept: 'application/json',
      Authorization: `Bearer ${env.API_TOKEN}`,
    });
    expect(api?.groups[0]?.settings.secrets).toEqual(
      expect.arrayContaining([`Bearer ${env.API_TOKEN}`, env.FLY_API_TOKEN_API]),
    );
    expect(api?.groups[0]?.settings.rollback).toMatchObject({
      strategy: 'bluegreen',
      to: { kind: 'version', version: 41 },
      failOnRollback: false,
      timeoutMs: 300_000,
    });
    expect(web?.groups.map((r) => [r.endpoints, r.inputs['url']])).toEqual([
      [['/', '/login'], 'https://shop-web.fly.dev/\nhttps://shop-web.fly.dev/login'],
    ]);
    expect(web?.groups[0]?.settings.metrics?.source).toEqual({ kind: 'fly-edge', app: 'shop-web' });
  });
});

describe("an endpoint's own objectives join the service's, from any layer", () => {
  const service = only(
    [
      'name: api',
      'url: https://api.example.com',
      'health_endpoint: /healthz',
      'search_endpoint: /search',
      'slo_targets:',
      '  search_response_time_p90: 5000ms',
      '  search_response_time_p99: 8s',
    ].join('\n'),
  );
  const objectives = async (actionInputs: ResolveOptions['actionInputs']) => {
    const resolved = await resolveService(service, { actionInputs });
    return resolved.groups.map((g) => [
      g.endpoints,
      g.settings.policy.latencySlo.map((o) => o.text),
    ]);
  };

  it('joins a workflow latency-slo, the endpoint winning at its own percentiles', async () => {
    expect(await objectives({ 'latency-slo': 'p95 < 1s\np99<2s' })).toEqual([
      [['health'], ['p95<1s', 'p99<2s']],
      [['search'], ['p90<5000ms', 'p95<1s', 'p99<8s']],
    ]);
  });

  it('keeps its own when the service has none, and a bad service value reads as its own problem', async () => {
    expect(await objectives({})).toEqual([
      [['health'], []],
      [['search'], ['p90<5000ms', 'p99<8s']],
    ]);
    expect(await problemsOfAsync(() => objectives({ 'latency-slo': 'p95 under 1s' }))).toEqual([
      expect.stringMatching(
        /^deploy-gate\.yml: service "api": Input "latency-slo": "p95 under 1s" has "p95 under 1s"; accepted: /,
      ),
    ]);
  });
});

describe('defaults fitted to a written interval, noted once per endpoint group', () => {
  it('names every endpoint of the group the note is about', async () => {
    const service = only(
      [
        'name: api',
        'url: https://api.example.com',
        'health_endpoint: /healthz',
        'build_endpoint: /version',
        'monitoring: {interval: 60s}',
      ].join('\n'),
    );
    const resolved = await resolveService(service, { actionInputs: {} });
    expect(resolved.groups.map((g) => g.endpoints)).toEqual([['health', 'build']]);
    expect(resolved.notes).toEqual([
      'health, build: startup-timeout 3m2s (the default is too short for the success streak at interval 1m)',
      'health, build: failure-threshold 5 (the observe probes the bake holds at interval 1m)',
    ]);
  });
});

describe('problems found by parseInputs point back to the file', () => {
  it('names rules across inputs under the service', async () => {
    const service = only(
      'name: web\nbase_url: https://w.example.com\nmetrics: {latency-query: "up"}\n',
    );
    expect(await problemsOfAsync(() => resolveService(service, { actionInputs: {} }))).toEqual([
      'deploy-gate.yml: service "web": Inputs "error-rate-query", "latency-query" and "request-count-query" need "prometheus-url" (or "metrics: fly-edge")',
      'deploy-gate.yml: service "web": Input "latency-query" is set but "max-query-latency" is missing: the query needs a limit',
    ]);
  });

  it('passes a bad action input through as parseInputs words it', async () => {
    const service = only('name: web\nbase_url: https://w.example.com\n');
    expect(
      await problemsOfAsync(() =>
        resolveService(service, { actionInputs: { 'min-samples': 'many' } }),
      ),
    ).toEqual([
      'deploy-gate.yml: service "web": Input "min-samples": "many" is not a whole number; accepted: 1 to 100000',
    ]);
  });

  it('points a fly.toml value parseInputs refuses at its field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deploy-gate-fly-'));
    try {
      const toml = join(dir, 'fly.toml');
      await writeFile(
        toml,
        'app = "zero"\n[http_service]\n  [[http_service.checks]]\n    interval = "0s"\n    path = "/up"\n',
      );
      const service = only(`name: zero\nfly: {config: ${JSON.stringify(toml)}}\n`);
      expect(await problemsOfAsync(() => resolveService(service, { actionInputs: {} }))).toEqual([
        `${toml}: service "zero": http_service.checks[0].interval: "0s" must be longer than 0; accepted: a duration like 250ms, 15s, 2m, 1h, 1m30s, or a number of seconds`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the older [[services.http_checks]], numbers as milliseconds', async () => {
    const toml = fixture('fly-old.toml');
    const service = only(`name: legacy\nfly: {config: ${JSON.stringify(toml)}}\n`);
    const resolved = await resolveService(service, { actionInputs: {} });
    // Port 9090's checks are not reachable at the app's hostname and are skipped.
    expect(resolved.groups[0]?.inputs).toMatchObject({
      url: 'https://legacy.fly.dev/health',
      interval: '10000ms',
      timeout: '2000ms',
      'initial-delay': '5s',
    });
    expect(resolved.groups[0]?.settings.policy).toMatchObject({
      intervalMs: 10_000,
      timeoutMs: 2_000,
    });
  });
});
