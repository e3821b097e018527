import { REDACTED, Redactor } from '../../src/secrets/redact.js';
import { secretForms } from '../../src/secrets/secret-forms.js';
import { isSecretName, nameSegments } from '../../src/secrets/secret-names.js';

describe('isSecretName', () => {
  it.each([
    'Authorization',
    'Proxy-Authorization',
    'Cookie',
    'Set-Cookie',
    'X-Api-Key',
    'x-auth-token',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'access_token',
    'api_key',
    'apiKey',
    'APIKEY',
    'client_secret',
    'password',
    'passwd',
    'pwd',
    'sig',
    'key',
    'FLY_API_TOKEN',
    'GITHUB_TOKEN',
    'privateKey',
  ])('treats %s as secret', (name) => {
    expect(isSecretName(name, 'structured')).toBe(true);
  });

  it.each([
    'content-type',
    'x-request-id',
    'fly-request-id',
    'location',
    'monkey',
    'authority',
    'author',
    'max_tokens',
    'keyboard',
    'x-app-version',
  ])('treats %s as not secret', (name) => {
    expect(isSecretName(name, 'structured')).toBe(false);
  });

  it('trusts weak words only in structured names, not in prose', () => {
    expect(isSecretName('key', 'structured')).toBe(true);
    expect(isSecretName('key', 'prose')).toBe(false);
    expect(isSecretName('pass', 'prose')).toBe(false);
    expect(isSecretName('password', 'prose')).toBe(true);
  });

  it('cuts names into segments at separators and camel case', () => {
    expect(nameSegments('X-Amz-Signature')).toEqual(['x', 'amz', 'signature']);
    expect(nameSegments('accessToken')).toEqual(['access', 'token']);
    expect(nameSegments('api_key.v2')).toEqual(['api', 'key', 'v2']);
    expect(nameSegments('APIKey')).toEqual(['api', 'key']);
    expect(nameSegments('ACCESS_TOKENId')).toEqual(['access', 'token', 'id']);
  });
});

describe('secretForms', () => {
  it('includes URL-encoded, base64 and JSON-escaped forms', () => {
    const forms = secretForms('p@ss w/"rd"+1');
    expect(forms).toEqual(
      expect.arrayContaining([
        'p@ss w/"rd"+1',
        encodeURIComponent('p@ss w/"rd"+1'),
        'p%40ss+w%2F%22rd%22%2B1',
        'p@ss w/\\"rd\\"+1',
        Buffer.from('p@ss w/"rd"+1').toString('base64'),
      ]),
    );
  });

  it('adds the Basic-auth base64 and the password part of user:pass', () => {
    const forms = secretForms('deployer:hunter2-long');
    expect(forms).toContain(Buffer.from('deployer:hunter2-long').toString('base64'));
    expect(forms).toContain('hunter2-long');
  });

  it('adds the bare credential of FlyV1 and Bearer values, and each macaroon', () => {
    expect(secretForms('FlyV1 fm2_aaaaaaaa,fm2_bbbbbbbb')).toEqual(
      expect.arrayContaining(['fm2_aaaaaaaa,fm2_bbbbbbbb', 'fm2_aaaaaaaa', 'fm2_bbbbbbbb']),
    );
    expect(secretForms('Bearer abc.def.ghi')).toContain('abc.def.ghi');
  });

  it('adds each line of a multi-line secret', () => {
    const pem = '-----BEGIN KEY-----\nMIIBVwIBADANBgkq\r\nhkiG9w0BAQEFAASC\n-----END KEY-----\n';
    expect(secretForms(pem)).toEqual(
      expect.arrayContaining(['MIIBVwIBADANBgkq', 'hkiG9w0BAQEFAASC', '-----END KEY-----']),
    );
  });

  it('lists longest first and skips derived forms too short to be safe', () => {
    const forms = secretForms('Bearer xy');
    expect(forms).toContain('Bearer xy');
    expect(forms).not.toContain('xy');
    for (let i = 1; i < forms.length; i++) {
      expect((forms[i - 1] as string).length).toBeGreaterThanOrEqual((forms[i] as string).length);
    }
  });

  it('has nothing for an empty value', () => {
    expect(secretForms('')).toEqual([]);
  });
});

describe('Redactor known secrets', () => {
  it('ignores empty secrets', () => {
    const redactor = new Redactor();
    redactor.addSecret('');
    redactor.addSecret(undefined);
    redactor.addSecret(null);
    expect(redactor.formCount).toBe(0);
    expect(redactor.redactText('nothing to hide')).toBe('nothing to hide');
  });

  it('masks a secret in its raw, URL-encoded and base64 forms', () => {
    const redactor = new Redactor();
    const secret = 's3cr3t/with+plus&amp';
    redactor.addSecret(secret);
    const text = [
      `raw ${secret}`,
      `url ${encodeURIComponent(secret)}`,
      `b64 ${Buffer.from(secret).toString('base64')}`,
    ].join('\n');
    expect(redactor.redactText(text)).toBe(`raw ${REDACTED}\nurl ${REDACTED}\nb64 ${REDACTED}`);
  });

  it('masks the Basic-auth header of a user:pass secret', () => {
    const redactor = new Redactor();
    redactor.addSecret('deployer:correct-horse');
    const basic = `Basic ${Buffer.from('deployer:correct-horse').toString('base64')}`;
    expect(redactor.redactText(`sent ${basic} to host`)).toBe(`sent Basic ${REDACTED} to host`);
  });

  it('masks the bare part of a FlyV1 token wherever it appears', () => {
    const redactor = new Redactor();
    redactor.addSecret('FlyV1 fm2_lJPECAAAAAAAAMqgxBB,fm2_lJPETzZmaXJzdFBhcnR5');
    const out = redactor.redactText('token=fm2_lJPETzZmaXJzdFBhcnR5 rest');
    expect(out).not.toContain('fm2_lJPETzZmaXJzdFBhcnR5');
  });

  it('leaves no tail when secrets overlap', () => {
    const redactor = new Redactor();
    redactor.addSecret('abcdef123');
    redactor.addSecret('123ghijkl');
    expect(redactor.redactText('xx abcdef123ghijkl yy')).toBe(`xx ${REDACTED} yy`);
  });

  it('masks a secret that contains another', () => {
    const redactor = new Redactor();
    redactor.addSecret('inner-secret');
    redactor.addSecret('outer-inner-secret-outer');
    expect(redactor.redactText('a outer-inner-secret-outer b inner-secret c')).toBe(
      `a ${REDACTED} b ${REDACTED} c`,
    );
  });

  it('masks secrets full of regular-expression characters literally', () => {
    const redactor = new Redactor();
    redactor.addSecret('a.b*c+d?(e)[f]{g}|h^$\\');
    expect(redactor.redactText('x a.b*c+d?(e)[f]{g}|h^$\\ y aXbbc')).toBe(`x ${REDACTED} y aXbbc`);
  });

  it('masks a cut-off secret at the end of an excerpt', () => {
    const redactor = new Redactor();
    redactor.addSecret('tok_9f8e7d6c5b4a');
    expect(redactor.redactExcerpt('{"data":"tok_9f8e7')).toBe(`{"data":"${REDACTED}`);
    expect(redactor.redactText('plain tok_9f8e7')).toBe('plain tok_9f8e7');
  });
});

describe('Redactor remembered results', () => {
  it('forgets what it remembered when a secret is added', () => {
    const r = new Redactor();
    const url = 'https://api.example.com/healthz?v=rotated-value-123';
    const line = 'build rotated-value-123 ok';
    expect(r.redactText(line)).toBe(line);
    expect(r.redactUrl(url)).toBe(url);
    expect(r.redactExcerpt(line)).toBe(line);
    r.addSecret('rotated-value-123');
    expect(r.redactText(line)).toBe(`build ${REDACTED} ok`);
    expect(r.redactExcerpt(line)).toBe(`build ${REDACTED} ok`);
    expect(r.redactUrl(url)).toBe(`https://api.example.com/healthz?v=${REDACTED}`);
    expect(r.redact({ line })).toEqual({ line: `build ${REDACTED} ok` });
  });

  it('gives the same answer from memory as when it first computed it', () => {
    const r = new Redactor();
    const texts = ['Authorization: Bearer abcdef123456', 'password=hunter22', 'plain text'];
    const first = texts.map((t) => r.redactText(t));
    expect(texts.map((t) => r.redactText(t))).toEqual(first);
    expect(first).toEqual([`Authorization: ${REDACTED}`, `password=${REDACTED}`, 'plain text']);
    expect(isSecretName('apiKey')).toBe(true);
    expect(isSecretName('apiKey')).toBe(true);
    expect(isSecretName('monkey')).toBe(false);
  });
});

describe('Redactor patterns in text', () => {
  const redactor = new Redactor();

  it.each([
    ['Authorization: Bearer abc.def', `Authorization: ${REDACTED}`],
    ['proxy-authorization: Basic dXNlcjpwYXNz', `proxy-authorization: ${REDACTED}`],
    ['Cookie: session=abc; theme=dark', `Cookie: ${REDACTED}`],
    ['Set-Cookie: id=a3fWa; Expires=Wed', `Set-Cookie: ${REDACTED}`],
    ['X-Api-Key: 12345-abcde', `X-Api-Key: ${REDACTED}`],
    [
      'GET / HTTP/1.1\r\nHost: a\r\nAuthorization: x\r\n',
      `GET / HTTP/1.1\r\nHost: a\r\nAuthorization: ${REDACTED}\r\n`,
    ],
    ['Error: invalid token: abc.def\nnext line', `Error: invalid token: ${REDACTED}\nnext line`],
    ['password:hunter2', `password:${REDACTED}`],
  ])('masks header values: %j', (input, expected) => {
    expect(redactor.redactText(input)).toBe(expected);
  });

  it.each([
    ['call https://user:pass@example.com/x', `call https://${REDACTED}@example.com/x`],
    ['https://ghp_tokenonly@github.com/o/r.git', `https://${REDACTED}@github.com/o/r.git`],
    ['https://h/p?token=abc&x=1', `https://h/p?token=${REDACTED}&x=1`],
    [
      'https://h/p?X-Amz-Signature=ff00&X-Amz-Date=2026',
      `https://h/p?X-Amz-Signature=${REDACTED}&X-Amz-Date=2026`,
    ],
    ['https://h/cb#access_token=abc&state=s', `https://h/cb#access_token=${REDACTED}&state=s`],
    ['see /relative?sig=abc&sv=2020', `see /relative?sig=${REDACTED}&sv=2020`],
    ['password=hunter22&user=bob', `password=${REDACTED}&user=bob`],
  ])('masks URL credentials and secret query values: %j', (input, expected) => {
    expect(redactor.redactText(input)).toBe(expected);
  });

  it.each([
    ['failed with Bearer abc.def', `failed with Bearer ${REDACTED}`],
    ['flyctl said: Bearer abcdefghij', `flyctl said: Bearer ${REDACTED}`],
    ['retry with Bearer OnlyLettersToken', `retry with Bearer ${REDACTED}`],
    ['use FlyV1 fm2_lJPECAAAAAAAAMqg,fm2_xyz', `use FlyV1 ${REDACTED}`],
    ['bearer eyJhbGciOiJIUzI1NiJ9', `bearer ${REDACTED}`],
    ['a bare fm2_lJPECAAAAAAAAMqgxBB here', `a bare ${REDACTED} here`],
    ['gh token ghp_abcdefghijklmnopqrstuvwxyz0123456789', `gh token ${REDACTED}`],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nat_ure', `jwt ${REDACTED}`],
  ])('masks bearer, FlyV1 and known token shapes: %j', (input, expected) => {
    expect(redactor.redactText(input)).toBe(expected);
  });

  it.each([
    ['{"token":"abc","ok":true}', `{"token":"${REDACTED}","ok":true}`],
    ['{"password" : "p\\"w", "user":"bob"}', `{"password" : "${REDACTED}", "user":"bob"}`],
    ['{"auth":{"apiKey":"k-1"}}', `{"auth":{"apiKey":"${REDACTED}"}}`],
    ['{"pin_password": 1234}', `{"pin_password": "${REDACTED}"}`],
    ['{"client_secret":"cut-off-at-the-e', `{"client_secret":"${REDACTED}`],
    ['"{\\"token\\":\\"abc\\"}"', `"{\\"token\\":\\"${REDACTED}\\"}"`],
    ["{'secret': 'x1'}", `{'secret': '${REDACTED}'}`],
  ])('masks secret JSON values: %j', (input, expected) => {
    expect(redactor.redactText(input)).toBe(expected);
  });

  it.each([
    'export FLY_API_TOKEN=abc123',
    'flyctl deploy --access-token=abc123',
    'GITHUB_TOKEN="abc 123"',
  ])('masks secret assignments: %j', (input) => {
    const out = redactor.redactText(input);
    expect(out).not.toContain('abc');
    expect(out).toContain(REDACTED);
  });

  it.each([
    'status 503 not in 200-299',
    'connection refused (ECONNREFUSED)',
    'Bearer token authentication is required',
    'primary key: 5, tests pass: 3',
    '{"status":"ok","version":"1.4.2","max_tokens":100}',
    'https://example.com/health?verbose=1#top',
    'content-type: application/json; charset=utf-8',
    'Basic setup complete',
  ])('leaves innocent text alone: %j', (input) => {
    expect(redactor.redactText(input)).toBe(input);
  });
});

describe('Redactor.redactUrl', () => {
  const redactor = new Redactor();
  redactor.addSecret('path-secret-42');

  it.each([
    [
      'https://u:p@h.example/x?a=1&api_key=zz#frag',
      `https://${REDACTED}@h.example/x?a=1&api_key=${REDACTED}#frag`,
    ],
    ['/relative/path?token=t&x=%20y', `/relative/path?token=${REDACTED}&x=%20y`],
    [
      'https://hooks.example/services/path-secret-42/x',
      `https://hooks.example/services/${REDACTED}/x`,
    ],
    ['https://h/?Api%5FKey=v', `https://h/?Api%5FKey=${REDACTED}`],
    ['https://h/?token=', 'https://h/?token='],
    ['https://h/a@b/c', 'https://h/a@b/c'],
    ['https://h/p?key=v;sig=s', `https://h/p?key=${REDACTED};sig=${REDACTED}`],
  ])('%s', (input, expected) => {
    expect(redactor.redactUrl(input)).toBe(expected);
  });

  it('keeps the rest of the URL byte for byte', () => {
    const url = 'https://Example.COM:8443/a%2Fb/../c?q=x+y&z=%7E#h';
    expect(redactor.redactUrl(url)).toBe(url);
  });
});

describe('Redactor.redactHeaders', () => {
  it('returns a copy with secret headers masked and others redacted as text', () => {
    const redactor = new Redactor();
    redactor.addSecret('sekret-value');
    const headers = {
      authorization: 'Bearer whatever',
      'set-cookie': ['a=1', 'b=2'],
      'x-api-key': 'k',
      'content-type': 'text/plain',
      location: 'https://h/?token=t',
      'x-echo': 'saw sekret-value',
      'content-length': 12,
      missing: undefined,
    };
    const out = redactor.redactHeaders(headers);
    expect(out).toEqual({
      authorization: REDACTED,
      'set-cookie': [REDACTED, REDACTED],
      'x-api-key': REDACTED,
      'content-type': 'text/plain',
      location: `https://h/?token=${REDACTED}`,
      'x-echo': `saw ${REDACTED}`,
      'content-length': '12',
    });
    expect(headers.authorization).toBe('Bearer whatever');
  });
});

describe('Redactor.redact (deep)', () => {
  it('redacts strings at any depth and masks values under secret keys', () => {
    const redactor = new Redactor();
    redactor.addSecret('deep-secret-1');
    const input = {
      message: 'got deep-secret-1',
      nested: [{ url: 'https://u:p@h/' }, 'Bearer abc.def'],
      credentials: { user: 'bob', list: ['one', 'two'] },
      apiKey: 'whatever',
      token_count: 3,
      enabled: true,
      empty: null,
      password: '',
    };
    expect(redactor.redact(input)).toEqual({
      message: `got ${REDACTED}`,
      nested: [{ url: `https://${REDACTED}@h/` }, `Bearer ${REDACTED}`],
      credentials: { user: REDACTED, list: [REDACTED, REDACTED] },
      apiKey: REDACTED,
      token_count: 3,
      enabled: true,
      empty: null,
      password: '',
    });
    expect(input.apiKey).toBe('whatever');
  });

  it('masks the value after a secret flag in an argv array', () => {
    const redactor = new Redactor();
    const argv = ['flyctl', 'deploy', '--access-token', 'raw-value', '--app', 'web'];
    expect(redactor.redact(argv)).toEqual([
      'flyctl',
      'deploy',
      '--access-token',
      REDACTED,
      '--app',
      'web',
    ]);
  });

  it('redacts object keys and serializes values with toJSON', () => {
    const redactor = new Redactor();
    redactor.addSecret('key-secret-9');
    const when = new Date(0);
    expect(redactor.redact({ 'key-secret-9': 1, when })).toEqual({
      [REDACTED]: 1,
      when: '1970-01-01T00:00:00.000Z',
    });
  });

  it('refuses circular data instead of looping', () => {
    const redactor = new Redactor();
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => redactor.redact(loop)).toThrow('circular');
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const redactor = new Redactor();
    const shared = { a: 'x' };
    expect(redactor.redact({ one: shared, two: shared })).toEqual({ one: shared, two: shared });
  });
});

describe('Redactor on hostile input', () => {
  it('stays linear: 100 KB crafted to make regular expressions backtrack is handled quickly', () => {
    const redactor = new Redactor();
    redactor.addSecret('some-secret-value-1');
    const hostile = [
      '"a":"' + '\\'.repeat(100_000),
      '"'.repeat(100_000),
      'a:'.repeat(50_000),
      '?a=b&'.repeat(20_000),
      '"k":'.repeat(30_000),
      '\\"k\\":\\"'.repeat(10_000),
      'Bearer '.repeat(20_000),
      'https://a@'.repeat(10_000),
    ];
    const started = performance.now();
    for (const text of hostile) redactor.redactText(text);
    // About 0.2 s here; the budget only catches exponential blow-ups.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
