/**
 * The service-matrix file: every accepted layout, the mapping to action-input strings, ${VAR}
 * expansion, and problems that name the file, the line, the service and the field.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SettingsError } from '../../src/settings/problems.js';
import { loadServiceConfig, parseServiceConfig } from '../../src/settings/load-config.js';
import { plainInputs, type ServiceConfig } from '../../src/settings/service-config.js';
import { ISSUE_SNIPPET } from '../helpers/issue-snippet.js';
import { problemsOf } from '../helpers/settings-problems.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const env = {
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  API_TOKEN: 'api-token-value-123',
  FLY_API_TOKEN_API: 'FlyV1 fm2_tokenvalue',
};

/** What the lead feeds to parseInputs: plain input strings per service and per endpoint. */
function plain(service: ServiceConfig) {
  return {
    name: service.name,
    inputs: plainInputs(service.inputs),
    endpoints: service.endpoints.map((e) => ({
      label: e.label,
      target: e.target,
      inputs: plainInputs(e.inputs),
    })),
  };
}

/** The problems a SettingsError lists, one formatted line each. */
const parse = (text: string, extraEnv: Record<string, string> = {}) =>
  parseServiceConfig(text, 'deploy-gate.yml', { env: { ...env, ...extraEnv } });

describe('the matrix snippet from the issue, as is', () => {
  it('reads service, endpoints, SLO targets and probe settings', () => {
    const config = parseServiceConfig(ISSUE_SNIPPET, 'deploy-gate.yml', { env: {} });
    expect(config.services.map(plain)).toEqual([
      {
        name: 'dashboard',
        inputs: {
          interval: '15s',
          timeout: '2s',
          'initial-delay': '30s',
          'max-error-rate': '1',
          'latency-slo': 'p95<500ms',
        },
        endpoints: [
          { label: 'health', target: { kind: 'path', path: '/healthz' }, inputs: {} },
          { label: 'build', target: { kind: 'path', path: '/__build' }, inputs: {} },
        ],
      },
    ]);
    expect(config.services[0]?.notes).toEqual([
      'slo_targets: error_rate 1% sets max-error-rate; availability 99.9% is a long-run objective and is not judged separately',
    ]);
  });

  it('reads the same from a file, remembering where each value was written', async () => {
    const config = await loadServiceConfig(fixture('snippet.yml'), { env: {} });
    expect(config.services[0]?.inputs['max-error-rate']?.origin).toEqual({
      kind: 'file',
      file: fixture('snippet.yml'),
      line: 4,
      scope: 'service "dashboard"',
      field: 'slo_targets.error_rate',
      written: '<1%',
      secret: false,
    });
  });
});

describe('layouts', () => {
  it('reads a stream of service documents, expanding ${VAR}', async () => {
    const config = await loadServiceConfig(fixture('stream.yml'), { env });
    expect(config.services.map((s) => s.name)).toEqual(['dashboard', 'billing']);
    const [dashboard, billing] = config.services.map(plain);
    expect(dashboard?.endpoints[1]).toEqual({
      label: 'build',
      target: { kind: 'path', path: '/__build' },
      inputs: { 'expected-version': env.GITHUB_SHA },
    });
    expect(billing?.inputs).toEqual({
      interval: '10s',
      timeout: '1s',
      'initial-delay': '0s',
      'max-error-rate': '0.5',
      'latency-slo': 'p99<1s',
    });
    expect(config.services[1]?.notes).toEqual([
      'slo_targets: availability 99.5% sets max-error-rate 0.5% (no error_rate given)',
    ]);
  });

  it('reads a list of services', async () => {
    const config = await loadServiceConfig(fixture('list.yml'), { env: {} });
    expect(config.services.map((s) => [s.name, s.baseUrl?.value])).toEqual([
      ['dashboard', 'https://dashboard.example.com'],
      ['billing', 'https://billing.example.com'],
    ]);
  });

  it('reads services: with defaults:, the service winning over the defaults', async () => {
    const config = await loadServiceConfig(fixture('canonical.yml'), { env });
    const [api, web] = config.services.map(plain);
    expect(api).toEqual({
      name: 'api',
      inputs: {
        interval: '20s',
        timeout: '3s',
        'success-threshold': '2',
        'observe-for': '5m',
        'failure-threshold': '4',
        rollback: 'auto',
        'rollback-timeout': '5m',
        'rollback-strategy': 'bluegreen',
        'rollback-to': 'v41',
        'fail-on-rollback': 'false',
        'fly-app': 'shop-api',
        'fly-api-token': env.FLY_API_TOKEN_API,
        'max-error-rate': '2',
        environment: 'production',
        'environment-url': 'https://api.example.com',
        'runbook-url': 'https://wiki.example.com/runbooks/api',
      },
      endpoints: [
        {
          label: 'health',
          target: { kind: 'path', path: '/healthz' },
          inputs: { headers: `Accept: application/json\nAuthorization: Bearer ${env.API_TOKEN}` },
        },
        {
          label: 'build',
          target: { kind: 'path', path: '/version' },
          inputs: {
            'expected-version': env.GITHUB_SHA,
            headers: `Accept: application/json\nAuthorization: Bearer ${env.API_TOKEN}`,
          },
        },
        {
          label: '/orders',
          target: { kind: 'path', path: '/orders' },
          inputs: {
            headers: `Accept: application/json\nAuthorization: Bearer ${env.API_TOKEN}`,
            'latency-slo': 'p90<5s',
            'expected-status': '200,204',
            'expect-json': 'status == ok\nitems.0.id != 0',
          },
        },
        {
          label: 'https://api.example.com/search?q=probe',
          target: { kind: 'url', url: 'https://api.example.com/search?q=probe' },
          inputs: {
            headers: `Accept: application/json\nAuthorization: Bearer ${env.API_TOKEN}`,
            method: 'HEAD',
            'max-latency': '2s',
          },
        },
      ],
    });
    // `health_endpoint: null` drops the default; `endpoints` may be plain paths.
    expect(web?.endpoints.map((e) => e.target)).toEqual([
      { kind: 'path', path: '/' },
      { kind: 'path', path: '/login' },
    ]);
    expect(web?.inputs).toMatchObject({
      metrics: 'fly-edge',
      'on-no-data': 'pass',
      interval: '20s',
    });
    expect(plainInputs(config.defaults)).toMatchObject({
      interval: '20s',
      environment: 'production',
    });
  });

  it('marks header values and tokens as secrets', async () => {
    const config = await loadServiceConfig(fixture('canonical.yml'), { env });
    const api = config.services[0] as ServiceConfig;
    const secret = (o: { origin: { kind: string; secret?: boolean } } | undefined) =>
      o?.origin.kind === 'file' && o.origin.secret;
    expect(secret(api.inputs['fly-api-token'])).toBe(true);
    expect(secret(api.endpoints[0]?.inputs['headers'])).toBe(true);
    expect(secret(api.inputs['interval'])).toBe(false);
  });

  it('takes availability alone as the error budget', () => {
    const config = parse(
      'name: a\nbase_url: https://a.example.com\nslo_targets: {availability: 99.9%}\n',
    );
    expect(plainInputs(config.services[0]?.inputs ?? {})).toEqual({ 'max-error-rate': '0.1' });
  });

  it('joins several latency targets, lowest percentile first', () => {
    const config = parse(
      'name: a\nbase_url: https://a.example.com\nslo_targets: {response_time_p99: 1s, latency_p50: 100ms, response_time_p99.9: <2s}\n',
    );
    expect(config.services[0]?.inputs['latency-slo']?.value).toBe('p50<100ms,p99<1s,p99.9<2s');
  });

  it('writes a literal ${ as $${ and leaves other $ alone', () => {
    const config = parse(
      'name: a\nbase_url: https://a.example.com\nendpoints:\n  - path: /x\n    expect_body: "/^price: \\\\$5 $${HOME}$/"\n',
    );
    expect(config.services[0]?.endpoints[0]?.inputs['expect-body']?.value).toBe(
      '/^price: \\$5 ${HOME}$/',
    );
  });
});

describe('problems name the file, the line, the service and the field', () => {
  it('lists every problem of the file in one error, in file order', () => {
    const text = [
      'services:', //                                                 1
      '  - name: api', //                                             2
      '    monitoring: {interval: 15 sec, timeot: 2s}', //            3
      '    slo_targets: {availability: 0.999, error_rate: abc}', //   4
      '    policy: {success-threshold: x, sucess-threshold: 2}', //  5
      '  - name: web', //                                             6
      '    expected_version: ${BUILD_SHA}', //                        7
      '    endpoints:', //                                            8
      '      - path: /x', //                                          9
      '        expect_json: ["a == 1", "bad"]', //                    10
      '        expected_status: [200, 2000]', //                      11
      '      - url: ftp://x', //                                      12
      '    fly: {api_token: abc}', //                                 13
      '    headers: {Authorization: "Bearer\\nx"}', //                14
    ].join('\n');
    expect(problemsOf(() => parse(text))).toEqual([
      'deploy-gate.yml:3: service "api": monitoring.timeot: is not a known field; did you mean "timeout"? accepted: interval, timeout, grace_period',
      'deploy-gate.yml:3: service "api": monitoring.interval: "15 sec" is not a duration; accepted: a duration like 250ms, 15s, 2m, 1h, 1m30s, or a number of seconds',
      'deploy-gate.yml:4: service "api": slo_targets.availability: 0.999 is ambiguous (a fraction or a percent?); accepted: a percentage with %, e.g. 99.9%',
      'deploy-gate.yml:4: service "api": slo_targets.error_rate: "abc" is not an error rate; accepted: a percentage from 0 to 100, e.g. <1%, 1% or 0.5',
      expect.stringMatching(
        /^deploy-gate\.yml:5: service "api": policy\.sucess-threshold: is not a known field; did you mean "success-threshold"\? accepted: initial-delay, /,
      ),
      'deploy-gate.yml:5: service "api": policy.success-threshold: "x" is not a whole number; accepted: 1 to 1000',
      'deploy-gate.yml:7: service "web": expected_version: ${BUILD_SHA}: the environment variable BUILD_SHA is not set',
      'deploy-gate.yml:10: service "web": endpoints[0].expect_json[1]: "bad" is not an assertion; accepted: "path == value" or "path != value", one per line; value is a word, a number, true, false, null or a "quoted string"',
      'deploy-gate.yml:11: service "web": endpoints[0].expected_status: [200,2000] has "2000"; accepted: codes and ranges from 100 to 599, e.g. 200,204,300-399',
      'deploy-gate.yml:12: service "web": endpoints[1].url: "ftp://x" is neither a path starting with / nor an http(s) URL; accepted: /healthz or https://api.example.com/healthz',
      'deploy-gate.yml:13: service "web": fly.api_token: (value hidden: it holds secrets) must be a ${VAR} reference; secrets never live in the file',
      'deploy-gate.yml:14: service "web": headers.Authorization: (value hidden: it holds secrets) must be a single line',
    ]);
  });

  it('never quotes a header value, even a wrong one', () => {
    const lines = problemsOf(() =>
      parse('name: a\nbase_url: https://a.example.com\nheaders: {X-Key: [not, text]}\n'),
    );
    expect(lines).toEqual([
      'deploy-gate.yml:3: service "a": headers.X-Key: (value hidden: it holds secrets) a header value must be text or a number',
    ]);
  });

  it('reports an unset or empty variable and a reference that is not one', () => {
    expect(
      problemsOf(() =>
        parse(
          'name: a\nbase_url: https://${HOST}\nexpected_version: ${EMPTY}\nversion_path: ${VAR:-x}\n',
          { EMPTY: '' },
        ),
      ),
    ).toEqual([
      'deploy-gate.yml:2: service "a": base_url: ${HOST}: the environment variable HOST is not set',
      'deploy-gate.yml:3: service "a": expected_version: ${EMPTY}: the environment variable EMPTY is empty',
      'deploy-gate.yml:4: service "a": version_path: "${VAR:-x}" is not a variable reference; only ${NAME} (letters, digits, _) is expanded, and $${ writes a literal ${',
    ]);
  });

  it('leaves rules across inputs to resolution, where the action inputs are known', () => {
    // fly-edge needs fly-app, which the workflow may give as an input: not a problem of the file.
    const config = parse('name: a\nbase_url: https://a.example.com\nmetrics: {preset: fly-edge}\n');
    expect(plainInputs(config.services[0]?.inputs ?? {})).toEqual({ metrics: 'fly-edge' });
  });

  it('rejects one input set twice in one service', () => {
    expect(
      problemsOf(() =>
        parse(
          'name: a\nbase_url: https://a.example.com\nmonitoring: {interval: 15s}\npolicy: {interval: 10s}\n',
        ),
      ),
    ).toEqual([
      'deploy-gate.yml:4: service "a": policy.interval: sets interval, which monitoring.interval already sets; set it in one place',
    ]);
  });

  it.each(['https://api.example.com/#', 'https://api.example.com/?'])(
    'rejects a base_url %s that endpoint paths would follow',
    (url) => {
      expect(
        problemsOf(() => parse(`name: api\nbase_url: "${url}"\nhealth_endpoint: /healthz\n`)),
      ).toEqual([
        `deploy-gate.yml:2: service "api": base_url: ${JSON.stringify(url)} has a query string or fragment, which endpoint paths would follow; accepted: a base URL like https://api.example.com`,
      ]);
    },
  );

  it("rejects an endpoint's objectives set both by its name and on the endpoint", () => {
    expect(
      problemsOf(() =>
        parse(
          [
            'name: api', //                                                   1
            'url: https://api.example.com', //                                2
            'endpoints: [{name: search, path: /search, latency_slo: p95<1s}]', // 3
            'slo_targets: {search_response_time_p99: 8s}', //                 4
          ].join('\n'),
        ),
      ),
    ).toEqual([
      'deploy-gate.yml:4: service "api": slo_targets.search_response_time_p99: sets latency-slo of the endpoint "search", which endpoints[0].latency_slo already sets; set it in one place',
    ]);
  });

  it('checks names: present, usable as a folder name, unique ignoring case', () => {
    const text = [
      'services:',
      '  - base_url: https://a.example.com',
      '  - name: ../etc',
      '  - name: API',
      '  - name: api',
      '  - name: x',
      '    service: y',
    ].join('\n');
    expect(problemsOf(() => parse(text))).toEqual([
      'deploy-gate.yml:2: service #1: service: is missing; accepted: name: <service> (or service: <service>)',
      'deploy-gate.yml:3: service #2: name: "../etc" is not a usable name; accepted: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit and not ending with "."',
      'deploy-gate.yml:5: service "api": name: "api" is used twice (names must differ, ignoring case: they become folder and artifact names); first: "API"',
      'deploy-gate.yml:6: service "x": name: "x" differs from service "y"; accepted: one name (name or service)',
    ]);
  });

  it('points at YAML syntax errors', () => {
    const lines = problemsOf(() => parse('name: a\nmonitoring: {interval: 15s\n'));
    expect(lines[0]).toMatch(/^deploy-gate\.yml:\d+: .*\(YAML error [A-Z_]+\)$/);
  });

  it('refuses tags it would have to evaluate', () => {
    const lines = problemsOf(() => parse('name: a\nbase_url: !!js/function "x"\n'));
    expect(lines[0]).toMatch(/^deploy-gate\.yml:2: .*\(YAML warning TAG_RESOLVE_FAILED\)$/);
  });

  it('explains an empty file and a document that is not a service', () => {
    expect(problemsOf(() => parse('# nothing\n'))).toEqual([
      'deploy-gate.yml: is empty; accepted: `services:` (with optional `defaults:`), one service, or a list of services',
    ]);
    expect(problemsOf(() => parse('just text\n'))).toEqual([
      'deploy-gate.yml:1: is "just text"; accepted: a service mapping, a list of services, or services: with defaults:',
    ]);
  });

  it('names a top-level field that belongs under a service', () => {
    expect(
      problemsOf(() =>
        parse(
          'monitoring: {interval: 1s}\nservices:\n  - name: a\n    base_url: https://a.example.com\n',
        ),
      ),
    ).toEqual([
      'deploy-gate.yml:1: monitoring: is not a known top-level field (a service field: put it under a service or defaults); accepted next to services: defaults',
    ]);
  });

  it('reports a missing file', async () => {
    await expect(loadServiceConfig('/nonexistent/deploy-gate.yml', { env: {} })).rejects.toThrow(
      '/nonexistent/deploy-gate.yml: does not exist',
    );
  });

  it('reports a problem of defaults once, not once per service', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deploy-gate-config-'));
    try {
      const path = join(dir, 'gate.yml');
      await writeFile(
        path,
        'defaults:\n  monitoring: {timeout: soon}\nservices:\n  - {name: a, base_url: "https://a.example.com"}\n  - {name: b, base_url: "https://b.example.com"}\n',
      );
      await expect(loadServiceConfig(path, { env: {} })).rejects.toThrow(
        new SettingsError([
          {
            file: path,
            line: 2,
            scope: 'defaults',
            field: 'monitoring.timeout',
            message:
              '"soon" is not a duration; accepted: a duration like 250ms, 15s, 2m, 1h, 1m30s, or a number of seconds',
          },
        ]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
