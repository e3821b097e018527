import { inputEnvName } from '../../src/settings/read-inputs.js';
import { parseInputs } from '../../src/settings/parse-inputs.js';
import { SettingsError } from '../../src/settings/problems.js';

function settingsFor(overrides: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    url: 'https://example.test/healthz',
    ...overrides,
  })) {
    env[inputEnvName(name)] = value;
  }
  return parseInputs(env);
}

function problemsFor(overrides: Record<string, string>): string[] {
  try {
    settingsFor(overrides);
  } catch (error) {
    if (error instanceof SettingsError) return error.lines;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe("parseInputs: defaults follow the users' written policy", () => {
  it('3 successes within 90s, 8 failures, 5% errors, 2s timeout (also the latency limit), 30s grace, 5s interval', () => {
    const s = settingsFor({});
    expect(s.policy).toMatchObject({
      successThreshold: 3,
      startupTimeoutMs: 90_000,
      failureThreshold: 8,
      maxErrorRate: 0.05,
      // confidence 95: a release within a limit is rolled back by that rule in at most 1 in 20 gates.
      alpha: 0.05,
      // No max-latency of its own: a response within the timeout is fast enough.
      maxLatencyMs: 2000,
      timeoutMs: 2000,
      initialDelayMs: 30_000,
      intervalMs: 5_000,
    });
    expect(s.request).toEqual({
      method: 'GET',
      headers: {},
      timeoutMs: 2000,
      followRedirects: false,
    });
    expect(s.expect.status).toEqual([{ min: 200, max: 299 }]);
  });

  it('parses every kind of value', () => {
    const s = settingsFor({
      url: 'https://a.test/healthz\n\n http://b.test:8080/ready \n',
      method: 'post',
      headers: 'Authorization: Bearer s3cret\nX-Env: prod',
      'expected-status': '200, 204,300-399',
      'expect-body': '/"status":\\s*"ok"/i',
      'expect-json': 'components.database == ok\nitems.0.count != 0',
      'expected-version': 'abc123',
      'version-path': 'build.sha',
      'latency-slo': 'p95<500ms, p99.9<1.5s',
      'max-error-rate': '0.5%',
      'observe-for': '1m30s',
      interval: '2.5',
      'follow-redirects': 'true',
    });
    expect(s.urls).toEqual(['https://a.test/healthz', 'http://b.test:8080/ready']);
    expect(s.request).toMatchObject({
      method: 'POST',
      followRedirects: true,
      headers: { Authorization: 'Bearer s3cret', 'X-Env': 'prod' },
    });
    // Short values are secrets only under a secret-looking name: masking `prod` would garble logs.
    expect(s.secrets).toEqual(['Bearer s3cret']);
    expect(settingsFor({ headers: 'X-Api-Key: abcdef\nAccept: json' }).secrets).toEqual(['abcdef']);
    expect(s.expect.status).toEqual([
      { min: 200, max: 200 },
      { min: 204, max: 204 },
      { min: 300, max: 399 },
    ]);
    expect(s.expect.body).toEqual({ kind: 'regex', source: '"status":\\s*"ok"', flags: 'i' });
    expect(s.expect.json.map((a) => [a.path, a.op, a.literal])).toEqual([
      [['components', 'database'], '==', 'ok'],
      [['items', '0', 'count'], '!=', 0],
    ]);
    expect(s.expect.version).toEqual({ expected: 'abc123', path: ['build', 'sha'] });
    expect(s.policy.latencySlo).toEqual([
      { percentile: 95, limitMs: 500, text: 'p95<500ms' },
      { percentile: 99.9, limitMs: 1500, text: 'p99.9<1.5s' },
    ]);
    expect(s.policy.maxErrorRate).toBeCloseTo(0.005);
    expect(s.policy.observeForMs).toBe(90_000);
    expect(s.policy.intervalMs).toBe(2500);
  });
});

describe('parseInputs: bad input names the input, the value and what is accepted', () => {
  it.each([
    [
      { 'success-threshold': '0' },
      'Input "success-threshold": "0" is out of range; accepted: 1 to 1000',
    ],
    [
      { interval: 'soon' },
      'Input "interval": "soon" is not a duration; accepted: a duration like 250ms',
    ],
    [
      { url: 'ftp://files.test/x' },
      'Input "url": "ftp://files.test/x" has "ftp://files.test/x" with scheme ftp; accepted: http or https',
    ],
    [{ url: '  \n ' }, 'Input "url": "" is empty; accepted: one or more http(s) URLs'],
    [
      { 'expected-status': '600' },
      'Input "expected-status": "600" has "600"; accepted: codes and ranges from 100 to 599',
    ],
    [
      { 'latency-slo': 'p95<' },
      'Input "latency-slo": "p95<" has "p95<"; accepted: objectives like p95<500ms,p99<1s',
    ],
    [
      { 'max-error-rate': '150' },
      'Input "max-error-rate": "150" is out of range; accepted: 0 to 100 (percent)',
    ],
    [
      { confidence: '100' },
      'Input "confidence": "100" is out of range; accepted: a percentage from 50 to 99.99, e.g. 95 or 99',
    ],
    [
      { confidence: 'high' },
      'Input "confidence": "high" is out of range; accepted: a percentage from 50 to 99.99, e.g. 95 or 99',
    ],
    [
      { timeout: '-1s' },
      'Input "timeout": "-1s" is negative; accepted: a duration like 250ms, 15s',
    ],
    [
      { 'expect-body': '/([a-z/' },
      'Input "expect-body": "/([a-z/" is not a usable regular expression: missing closing ]',
    ],
    [
      { 'expect-json': 'status ok' },
      'Input "expect-json": "status ok" line 1 "status ok" is not an assertion',
    ],
    [
      { 'follow-redirects': 'maybe' },
      'Input "follow-redirects": "maybe" is not a boolean; accepted: true or false',
    ],
    [{ 'latency-slo': 'p100<1s' }, 'has "p100<1s"'],
    [{ interval: '0' }, 'Input "interval": "0" must be longer than 0'],
    [
      // Written: a startup-timeout left at its default would be fitted (fit-defaults.ts).
      { interval: '45s', 'observe-for': '10m', 'startup-timeout': '80s' },
      'Inputs "success-threshold" 3 at "interval" 45s need 90s from the first success, which "startup-timeout" 80s does not allow',
    ],
    [
      { 'observe-for': '20s' },
      'Input "observe-for" 20s at "interval" 5s gives 4 observe probes, fewer than "failure-threshold" 8, and 7 judged probes, fewer than "min-samples" 20: consecutive failures could never fail the release, and no healthy verdict could count error rate and latency as judged',
    ],
  ])('%j', (overrides, message) => {
    const problems = problemsFor(overrides);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('reports every bad input at once', () => {
    const problems = problemsFor({ interval: 'soon', timeout: '-1s', 'success-threshold': '0' });
    expect(problems.map((p) => p.split('"')[1])).toEqual([
      'interval',
      'timeout',
      'success-threshold',
    ]);
  });

  it('never echoes header values, which are secrets', () => {
    const problems = problemsFor({ headers: 'Authorization Bearer topsecret' });
    expect(problems[0]).toContain(
      'Input "headers": (value hidden: it holds secrets) line 1 is not "Name: value"',
    );
    expect(problems.join()).not.toContain('topsecret');
  });
});

describe('parseInputs: rollback, metrics and evidence inputs', () => {
  it('parses the Fly and rollback inputs', () => {
    const s = settingsFor({
      'fly-app': 'shop-api',
      'fly-config': 'deploy/fly.toml',
      'fly-api-token': 'FlyV1 fm2_sentinel',
      'rollback-to': 'v41',
      'rollback-strategy': 'bluegreen',
      'rollback-timeout': '5m',
      'dry-run': 'true',
    });
    expect(s.fly).toEqual({
      app: 'shop-api',
      config: 'deploy/fly.toml',
      tokenInput: 'FlyV1 fm2_sentinel',
    });
    expect(s.rollback).toEqual({
      mode: 'auto',
      to: { kind: 'version', version: 41 },
      strategy: 'bluegreen',
      timeoutMs: 300_000,
      failOnRollback: true,
      dryRun: true,
    });
    expect(s.secrets).toContain('FlyV1 fm2_sentinel');
    expect(
      settingsFor({ 'fly-app': 'a', 'rollback-to': 'registry.fly.io/a:deployment-01JABC' }).rollback
        .to,
    ).toEqual({ kind: 'image', imageRef: 'registry.fly.io/a:deployment-01JABC' });
  });

  it('splits rollback-command into arguments without a shell', () => {
    const s = settingsFor({
      'rollback-command': `kubectl rollout undo "deployment/my app" --to-revision=$REV ';' x\\ y`,
    });
    expect(s.rollback.command).toEqual([
      'kubectl',
      'rollout',
      'undo',
      'deployment/my app',
      '--to-revision=$REV',
      ';',
      'x y',
    ]);
  });

  it('builds metrics settings from a URL and queries', () => {
    const s = settingsFor({
      'prometheus-url': 'http://127.0.0.1:9090/',
      'prometheus-token': 'tok-123456',
      'error-rate-query': 'sum(rate(x[$window]))',
      'latency-query': 'histogram_quantile(0.95, y)',
      'max-query-latency': '500ms',
      'request-count-query': 'sum(increase(z[$window]))',
      'min-requests': '50',
    });
    expect(s.metrics).toEqual({
      source: { kind: 'url', baseUrl: 'http://127.0.0.1:9090' },
      token: 'tok-123456',
      queries: {
        errorRate: 'sum(rate(x[$window]))',
        latency: 'histogram_quantile(0.95, y)',
        requestCount: 'sum(increase(z[$window]))',
      },
      maxErrorRate: 0.05,
      alpha: 0.05,
      maxLatencyMs: 500,
      minRequests: 50,
      onNoData: 'inconclusive',
      intervalMs: 30_000,
    });
    const strict = { 'prometheus-url': 'http://p', 'error-rate-query': 'x', confidence: '99' };
    expect(settingsFor(strict).metrics?.alpha).toBe(0.01);
    expect(settingsFor({}).metrics).toBeUndefined();
    expect(settingsFor({ 'fly-app': 'a', metrics: 'fly-edge' }).metrics?.source).toEqual({
      kind: 'fly-edge',
      app: 'a',
    });
  });

  it.each([
    [
      { 'prometheus-url': 'not a url', 'error-rate-query': 'x' },
      'Input "prometheus-url": "not a url" is not an http(s) URL',
    ],
    [
      { 'prometheus-url': 'http://p:9090', 'max-query-latency': '1s', 'error-rate-query': 'x' },
      'Input "max-query-latency" is set but "latency-query" is missing',
    ],
    [
      { 'prometheus-url': 'http://p:9090', 'latency-query': 'x' },
      'Input "latency-query" is set but "max-query-latency" is missing',
    ],
    [{ 'error-rate-query': 'x' }, 'need "prometheus-url"'],
    [{ metrics: 'fly-edge' }, 'Input "metrics": "fly-edge" needs "fly-app"'],
    [{ metrics: 'datadog' }, 'Input "metrics": "datadog" is not allowed; accepted: fly-edge'],
    [
      { 'on-no-data': 'ignore' },
      'Input "on-no-data": "ignore" is not allowed; accepted: inconclusive, pass, fail',
    ],
    [{ rollback: 'maybe' }, 'Input "rollback": "maybe" is not allowed; accepted: auto, none'],
    [
      { 'fly-app': 'a', 'rollback-to': 'last good one' },
      'Input "rollback-to": "last good one" is not accepted; expected a release version like v41 or 41',
    ],
    [{ 'rollback-to': 'v3' }, 'Input "rollback-to" is set, but there is no way to roll back'],
    [
      { 'fly-app': 'a', 'rollback-strategy': 'yolo' },
      'Input "rollback-strategy": "yolo" is not allowed; accepted: canary, rolling, bluegreen, immediate',
    ],
    [
      { 'rollback-command': 'deploy "unterminated' },
      'Input "rollback-command": "deploy \\"unterminated" has an unclosed double quote',
    ],
    [
      { 'retention-days': '365' },
      'Input "retention-days" is "365": accepted values are whole days from 1 to 90',
    ],
    [
      { 'artifact-name': 'audit/prod' },
      'Input "artifact-name" is "audit/prod": an artifact name must not contain any of',
    ],
  ])('%j', (overrides, message) => {
    expect(problemsFor(overrides).join('\n')).toContain(message);
  });

  it('never echoes tokens, even when they are malformed', () => {
    expect(settingsFor({ 'prometheus-token': 'Bearer abcdef' }).secrets).toEqual(['Bearer abcdef']);
  });
});
