/**
 * Inputs that used to pass validation but could only fail (or hang) the gate: each is refused
 * before the first request, naming the input, the value (masked when secret) and what is accepted.
 */
import { MIN_DERIVED_LENGTH } from '../../src/secrets/secret-forms.js';
import { judgeResponse, type ReceivedResponse } from '../../src/probe/check-response.js';
import { inputEnvName } from '../../src/settings/read-inputs.js';
import { parseInputs } from '../../src/settings/parse-inputs.js';
import { SettingsError } from '../../src/settings/problems.js';
import { MIN_SECRET_LENGTH } from '../../src/secrets/collect-secrets.js';

function settingsFor(overrides: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ url: 'https://example.test/healthz', ...overrides }))
    env[inputEnvName(name)] = value;
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

const response = (body: string): ReceivedResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
  bodyTruncated: false,
  latencyMs: 5,
});

describe('expect-body patterns run in linear time (RE2)', () => {
  it('matches /(a+)+$/ against 64 KiB of "a" without hanging the event loop', () => {
    const s = settingsFor({ 'expect-body': '/(a+)+$/' });
    const judged = judgeResponse(
      response(`${'a'.repeat(65_536)}!`),
      s.expect,
      s.policy.maxLatencyMs,
    );
    expect(judged.failure?.class).toBe('assertion');
    expect(judgeResponse(response('aaa'), s.expect, s.policy.maxLatencyMs).failure).toBeUndefined();
  });

  it('keeps JavaScript flags and escapes: /STATUS.\\u0022ok/i', () => {
    const s = settingsFor({ 'expect-body': '/STATUS.:\\s*\\u0022ok/i' });
    expect(judgeResponse(response('{"status": "ok"}'), s.expect, 1000).failure).toBeUndefined();
  });

  it.each([
    ['/ok/v', 'flag "v" is unknown or repeated'],
    ['/ok/ii', 'flag "i" is unknown or repeated'],
    ['/ok/y', 'flag "y" is unknown or repeated'],
    ['/(a)\\1/', 'backreferences (\\1, \\k<name>) are not supported'],
    ['/(?<x>a)\\k<x>/', 'backreferences'],
    ['/(?=a)b/', 'lookahead and lookbehind'],
    ['/(?<!a)b/', 'lookahead and lookbehind'],
    ['//', 'is an empty pattern, which every body matches'],
  ])('refuses %s', (pattern, why) => {
    const [problem] = problemsFor({ 'expect-body': pattern });
    expect(problem).toContain(`Input "expect-body": ${JSON.stringify(pattern)} `);
    expect(problem).toContain(why);
    expect(problem).toContain('accepted: a substring');
  });
});

describe('method', () => {
  it.each(['GTE', 'CONNECT', 'TRACE', 'A'.repeat(100_000)])('refuses %.12s', (method) => {
    const [problem] = problemsFor({ method });
    expect(problem).toContain(
      'is not allowed; accepted: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    );
    // A 100 k-character value is cut, not echoed whole.
    expect(problem?.length).toBeLessThan(400);
  });

  it('accepts the methods a probe can send, in any case', () => {
    expect(settingsFor({ method: 'patch' }).request.method).toBe('PATCH');
    expect(settingsFor({ method: 'OPTIONS' }).request.method).toBe('OPTIONS');
  });

  it.each([
    [{ 'expect-body': 'ok' }, '"expect-body"'],
    [{ 'expect-json': 'status == ok' }, '"expect-json"'],
    [{ 'expected-version': 'v2' }, '"expected-version" (read from the body)'],
  ])('refuses HEAD with %j: a HEAD response has no body', (overrides, named) => {
    const [problem] = problemsFor({ method: 'HEAD', ...overrides });
    expect(problem).toContain(`Input "method": "HEAD" cannot be combined with ${named}`);
  });

  it('accepts HEAD with the version read from a header', () => {
    const s = settingsFor({
      method: 'HEAD',
      'expected-version': 'v2',
      'version-header': 'X-Version',
    });
    expect(s.request.method).toBe('HEAD');
  });
});

describe('headers undici refuses are refused before the first request', () => {
  it.each([
    ['Transfer-Encoding: chunked', 'line 1 sets Transfer-Encoding, which cannot be sent'],
    ['Upgrade: websocket', 'line 1 sets Upgrade, which cannot be sent'],
    ['Expect: 100-continue', 'line 1 sets Expect, which cannot be sent'],
    ['Keep-Alive: timeout=5', 'line 1 sets Keep-Alive, which cannot be sent'],
    ['Content-Length: 10', 'line 1 sets Content-Length, which cannot be sent'],
    ['Proxy-Authorization: Basic eHh4eHh4Onl5eXl5eQ==', 'line 1 sets Proxy-Authorization'],
    ['X-Env: a\u0001b', 'line 1 has a value for X-Env with a control character'],
    ['X-Env: caf\u20ac', 'beyond Latin-1 (U+00FF)'],
    ['Connection: a b', 'line 1 has a Connection value that is not a comma-separated list'],
    ['X-Env: one\nx-env: two', 'line 2 sets x-env again (first on line 1)'],
    ['Bad Name: x', 'line 1 is not "Name: value" with a valid header name'],
  ])('%j', (headers, message) => {
    const problems = problemsFor({ headers });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('Input "headers": (value hidden: it holds secrets) ');
    expect(problems[0]).toContain(message);
  });

  it('accepts Host (a virtual host), Connection tokens and Latin-1 values', () => {
    const s = settingsFor({ headers: 'Host: api.internal\nConnection: close\nX-Name: caf\u00e9' });
    expect(Object.keys(s.request.headers)).toEqual(['Host', 'Connection', 'X-Name']);
  });
});

describe('durations have upper bounds (timers overflow past 2^31 ms)', () => {
  it.each([
    ['timeout', '597h', 'up to 5m'],
    ['initial-delay', '600h', 'up to 1h'],
    ['interval', '2h', 'up to 1h'],
    ['startup-timeout', '7h', 'up to 6h'],
    ['observe-for', '25d', 'not a duration'],
    ['observe-for', '7h', 'up to 6h'],
    ['rollback-timeout', '100000000h', 'up to 6h'],
    ['metrics-interval', '90m', 'up to 1h'],
    ['max-latency', '6m', 'up to 5m'],
  ])('%s: %s', (name, value, accepted) => {
    const problems = problemsFor({ [name]: value });
    expect(problems[0]).toContain(`Input "${name}": ${JSON.stringify(value)} `);
    expect(problems[0]).toContain(accepted);
  });

  it('accepts each bound itself', () => {
    const s = settingsFor({
      timeout: '5m',
      'initial-delay': '1h',
      interval: '1h',
      'startup-timeout': '6h',
      'observe-for': '6h',
      'rollback-timeout': '6h',
      'min-samples': '3',
    });
    expect(s.policy.timeoutMs).toBe(300_000);
    expect(s.policy.observeForMs).toBe(6 * 3_600_000);
  });
});

describe('max-latency must be able to fire before the timeout', () => {
  it('refuses a max-latency that is not below timeout', () => {
    expect(problemsFor({ 'max-latency': '5s' })).toEqual([
      'Input "max-latency": "5s" is not below "timeout" 2s: the timeout ends a slower exchange first, so max-latency could never fail a probe; accepted: a duration below timeout, or empty (the timeout is the limit)',
    ]);
    expect(problemsFor({ 'max-latency': '2s', timeout: '2s' })[0]).toContain('is not below');
  });

  it('defaults pass, and the timeout is the limit when max-latency is unset', () => {
    const s = settingsFor({});
    expect(s.policy.maxLatencyMs).toBe(s.policy.timeoutMs);
    expect(settingsFor({ 'max-latency': '1500ms' }).policy.maxLatencyMs).toBe(1500);
  });
});

describe('expect-json grammar', () => {
  it.each([
    ['status === ok', 'has an operator that is neither == nor !='],
    ['status ==', 'has no value'],
    ['status == "ok', 'has an unterminated or invalid quoted string'],
    ['status == {"a":', 'has invalid JSON'],
    ['a..b == 1', 'has an empty segment'],
    ['.a == 1', 'has an empty segment'],
    ['status = ok', 'is not an assertion'],
  ])('refuses %j', (line, why) => {
    const [problem] = problemsFor({ 'expect-json': line });
    expect(problem).toContain(`line 1 ${JSON.stringify(line)} ${why}`);
    expect(problem).toContain('accepted: "path == value" or "path != value"');
  });

  it('reports every bad line, not just the first', () => {
    const [problem, second] = problemsFor({ 'expect-json': 'a === 1\nb == 2\nc ==' });
    expect(problem).toContain('line 1');
    expect(second).toContain('line 3');
  });

  it('accepts words, numbers, null and quoted strings', () => {
    const s = settingsFor({ 'expect-json': 'status == "ok"\na.b != null\nn == 3' });
    expect(s.expect.json.map((a) => a.literal)).toEqual(['ok', null, 3]);
  });
});

describe('latency-slo', () => {
  it.each([
    ['p95<1s,p95<2s', 'has p95 twice'],
    ['p0.0000001<1s', 'has "p0.0000001<1s"'],
    ['p49<1s', 'has "p49<1s"'],
    ['p99.99<1s', 'has "p99.99<1s"'],
    ['p95<10m', 'has "p95<10m"'],
  ])('refuses %s', (value, why) => {
    const [problem] = problemsFor({ 'latency-slo': value });
    expect(problem).toContain(why);
    expect(problem).toContain('each percentile once, from p50 to p99.9');
  });

  it('accepts p50 to p99.9', () => {
    expect(settingsFor({ 'latency-slo': 'p50<1s,p99.9<2s' }).policy.latencySlo).toHaveLength(2);
  });
});

describe('paths into the JSON body read only what the server sent', () => {
  it('version-path toString is not a version', () => {
    const s = settingsFor({ 'expected-version': '2.0', 'version-path': 'toString' });
    const judged = judgeResponse(response('{"version":"2.0"}'), s.expect, 1000);
    expect(judged.versionSeen).toBeUndefined();
    expect(judged.failure?.message).toMatch(/^no version at body path toString; expected /);
  });

  it('expect-json sees neither inherited properties nor array lengths', () => {
    const s = settingsFor({ 'expect-json': 'constructor != null\nitems.length == 1' });
    const judged = judgeResponse(response('{"items":[1]}'), s.expect, 1000);
    expect(judged.failure?.message).toBe('items.length == 1 failed: items.length is missing');
    const own = settingsFor({ 'expect-json': 'constructor == x' });
    expect(judgeResponse(response('{"constructor":"x"}'), own.expect, 1000).failure).toBe(
      undefined,
    );
  });

  it('refuses a version-path with an empty segment', () => {
    expect(problemsFor({ 'version-path': 'build..sha' })[0]).toContain(
      'Input "version-path": "build..sha" has an empty segment; accepted: a dotted path',
    );
  });
});

describe('prometheus-url and fly-app', () => {
  it.each(['http://p:9090/?x=1', 'http://p:9090/#top', 'http://p:9090/#', 'http://p:9090/?'])(
    'refuses %s',
    (url) => {
      expect(problemsFor({ 'prometheus-url': url, 'error-rate-query': 'x' })[0]).toContain(
        'has a query string or fragment',
      );
    },
  );

  it.each(['Bad_App', 'My-App', '-app', 'app-', 'a'.repeat(64)])('refuses fly-app %s', (app) => {
    expect(problemsFor({ 'fly-app': app })).toEqual([
      `Input "fly-app": ${JSON.stringify(app)} is not a Fly app name; accepted: 1-63 lowercase letters, digits and dashes, starting and ending with a letter or digit, like my-app`,
    ]);
  });

  it('accepts Fly app names', () => {
    expect(settingsFor({ 'fly-app': 'shop-api-2' }).fly?.app).toBe('shop-api-2');
  });
});

describe('every problem at once, cross-input rules included', () => {
  it('reports a bad interval and a rollback-strategy without fly-app together', () => {
    expect(problemsFor({ interval: 'soon', 'rollback-strategy': 'canary' })).toEqual([
      'Input "interval": "soon" is not a duration; accepted: a duration like 250ms, 15s, 2m, 1h, 1m30s, or a number of seconds',
      'Input "rollback-strategy" needs "fly-app": it is a flyctl deploy option',
    ]);
  });

  it('skips a rule that names an input that failed on its own', () => {
    const problems = problemsFor({ 'fly-app': 'Bad_App', 'rollback-strategy': 'canary' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('Input "fly-app"');
  });
});

describe('credentials in URLs', () => {
  it('keeps them and registers every form as a secret', () => {
    const s = settingsFor({ url: 'https://deploy:s3cret%21pw@example.test/healthz' });
    expect(s.urls).toEqual(['https://deploy:s3cret%21pw@example.test/healthz']);
    const basic = Buffer.from('deploy:s3cret!pw').toString('base64');
    expect(s.secrets).toEqual(
      expect.arrayContaining([
        'deploy:s3cret!pw',
        'deploy:s3cret%21pw',
        's3cret!pw',
        basic,
        `Basic ${basic}`,
      ]),
    );
  });

  it('covers prometheus-url and webhook-url too', () => {
    const s = settingsFor({
      'prometheus-url': 'http://prom:promsecret1@p:9090',
      'error-rate-query': 'x',
      'webhook-url': 'https://hook:hooksecret1@hooks.test/x',
    });
    expect(s.secrets).toEqual(expect.arrayContaining(['promsecret1', 'hooksecret1']));
  });

  it('masks userinfo and secret query values in error messages', () => {
    const [problem] = problemsFor({ url: 'ftp://deploy:hunter2pw@host.test/p?token=abc123&x=1' });
    expect(problem).toContain('ftp://***@host.test/p?token=***&x=1');
    expect(problem).not.toContain('hunter2pw');
    expect(problem).not.toContain('abc123');
  });

  it('refuses a password too short to redact, without printing it', () => {
    const [problem] = problemsFor({ url: 'http://user:pw@host.test/' });
    expect(problem).toContain('"http://***@host.test/"');
    expect(problem).toContain(`has a password shorter than ${MIN_SECRET_LENGTH} characters`);
    expect(problem).not.toContain('user:pw');
  });
});

describe('secrets too short to redact safely are refused', () => {
  it('shares its threshold with the redactor', () => {
    expect(MIN_SECRET_LENGTH).toBe(MIN_DERIVED_LENGTH);
    expect(MIN_SECRET_LENGTH).toBe(6);
  });

  it.each(['X-Api-Key: zq9', 'Authorization: q1.0z', 'Cookie: a=1'])('header %j', (headers) => {
    const [problem] = problemsFor({ headers });
    const [name, value] = headers.split(': ') as [string, string];
    expect(problem).toBe(
      `Input "headers": (value hidden: it holds secrets) line 1 sets ${name} to a secret shorter than 6 characters, too short to redact safely from logs and evidence; accepted: at least 6 characters`,
    );
    expect(problem).not.toContain(value);
  });

  it.each(['fly-api-token', 'prometheus-token', 'github-token'])('%s', (name) => {
    const [problem] = problemsFor({ [name]: name === 'prometheus-token' ? 'Bearer 0' : '0' });
    expect(problem).toBe(
      `Input "${name}": (value hidden: it holds secrets) is shorter than 6 characters, too short to redact safely from logs and evidence; accepted: at least 6 characters`,
    );
  });

  it('leaves short values under ordinary names alone: they are not secrets', () => {
    expect(settingsFor({ headers: 'Accept: json\nX-Env: prod' }).secrets).toEqual([]);
  });
});
