/**
 * The proxy and credential rules of src/http/outbound.ts as pure functions: which requests go
 * through which proxy (@actions/http-client's rules), and how URL userinfo becomes Basic auth.
 */
import {
  bypassesProxy,
  proxyFor,
  proxyProblems,
  splitUrlCredentials,
  withAuthorization,
} from '../../src/http/outbound.js';

const PROXY = 'http://proxy.corp:3128';

describe('proxyFor', () => {
  it('uses HTTP_PROXY for http URLs and HTTPS_PROXY for https URLs, upper or lower case', () => {
    const env = { HTTP_PROXY: 'http://plain:1', https_proxy: 'http://secure:2' };
    expect(proxyFor(new URL('http://app.example.com/'), env)?.host).toBe('plain:1');
    expect(proxyFor(new URL('https://app.example.com/'), env)?.host).toBe('secure:2');
  });

  it('prefers the lower-case variable, and falls back to upper case when it is empty', () => {
    const url = new URL('http://app.example.com/');
    expect(
      proxyFor(url, { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' })?.host,
    ).toBe('lower:1');
    expect(proxyFor(url, { http_proxy: '', HTTP_PROXY: 'http://upper:2' })?.host).toBe('upper:2');
  });

  it('never sends https to HTTP_PROXY (the toolkit goes direct then)', () => {
    expect(proxyFor(new URL('https://app.example.com/'), { HTTP_PROXY: PROXY })).toBeUndefined();
  });

  it('reads a value without a scheme as an http proxy, as curl does', () => {
    expect(
      proxyFor(new URL('http://app.example.com/'), { HTTP_PROXY: 'proxy.corp:3128' })?.href,
    ).toBe('http://proxy.corp:3128/');
  });

  it('refuses an unusable value naming the variable, never echoing it', () => {
    const call = () =>
      proxyFor(new URL('https://app.example.com/'), { HTTPS_PROXY: 'socks9://u:hunter22@x:1' });
    expect(call).toThrow('HTTPS_PROXY is not a usable proxy URL (expected http://host:port)');
    expect(call).not.toThrow(/hunter22/);
  });

  it('goes direct without any variable', () => {
    expect(proxyFor(new URL('https://app.example.com/'), {})).toBeUndefined();
  });
});

describe('bypassesProxy (NO_PROXY)', () => {
  it.each([
    // [NO_PROXY, URL, direct?]
    ['', 'http://localhost:8080/', true],
    ['', 'http://127.0.0.1/', true],
    ['', 'http://127.9.9.9/', true],
    ['', 'http://[::1]:3000/', true],
    ['', 'http://app.example.com/', false],
    ['*', 'https://anything.example.org/', true],
    ['example.com', 'https://example.com/', true],
    ['example.com', 'https://api.example.com/', true],
    ['example.com', 'https://notexample.com/', false],
    ['.example.com', 'https://api.example.com/', true],
    ['.example.com', 'https://deep.api.example.com/', true],
    ['*.example.com', 'https://api.example.com/', true],
    ['EXAMPLE.COM', 'https://Api.Example.Com/', true],
    ['10.0.0.7', 'http://10.0.0.7:9090/', true],
    ['10.0.0.7', 'http://10.0.0.70/', false],
    ['app.internal:8443', 'https://app.internal:8443/', true],
    ['app.internal:8443', 'https://app.internal/', false],
    ['app.internal:443', 'https://app.internal/', true],
    ['app.internal:80', 'http://app.internal/', true],
    [' other.org , .example.com ', 'https://api.example.com/', true],
    ['other.org,,', 'https://api.example.com/', false],
  ])('NO_PROXY=%j, %s -> direct: %s', (noProxy, url, direct) => {
    expect(bypassesProxy(new URL(url), { NO_PROXY: noProxy })).toBe(direct);
    expect(proxyFor(new URL(url), { NO_PROXY: noProxy, HTTP_PROXY: PROXY, HTTPS_PROXY: PROXY }))[
      direct ? 'toBeUndefined' : 'toBeDefined'
    ]();
  });

  it('reads no_proxy before NO_PROXY', () => {
    const url = new URL('https://api.example.com/');
    expect(bypassesProxy(url, { no_proxy: 'other.org', NO_PROXY: 'example.com' })).toBe(false);
    expect(bypassesProxy(url, { no_proxy: '', NO_PROXY: 'example.com' })).toBe(true);
  });
});

describe('splitUrlCredentials', () => {
  it('turns userinfo into Basic auth, percent-decoded, and strips it from the URL', () => {
    const split = splitUrlCredentials('https://deploy:p%40ss%3Aw0rd@app.example.com/healthz?x=1');
    expect(split).toEqual({
      url: 'https://app.example.com/healthz?x=1',
      authorization: `Basic ${Buffer.from('deploy:p@ss:w0rd').toString('base64')}`,
      credentials: { username: 'deploy', password: 'p@ss:w0rd' },
    });
  });

  it('sends `user:` for a user without a password, as curl does', () => {
    expect(splitUrlCredentials('http://token123@host/').authorization).toBe(
      `Basic ${Buffer.from('token123:').toString('base64')}`,
    );
  });

  it('encodes non-ASCII credentials as UTF-8', () => {
    expect(splitUrlCredentials('http://j%C3%BCrgen:gr%C3%BC%C3%9F@host/').authorization).toBe(
      `Basic ${Buffer.from('jürgen:grüß', 'utf8').toString('base64')}`,
    );
  });

  it('leaves a URL without userinfo, or not a URL, exactly as given', () => {
    expect(splitUrlCredentials('http://host')).toEqual({ url: 'http://host' });
    expect(splitUrlCredentials('not a url')).toEqual({ url: 'not a url' });
  });
});

describe('withAuthorization', () => {
  it('adds the URL credentials', () => {
    expect(withAuthorization({ accept: 'x' }, 'Basic abc')).toEqual({
      accept: 'x',
      authorization: 'Basic abc',
    });
  });

  it('keeps a configured Authorization header, whatever its case (as curl -H does)', () => {
    expect(withAuthorization({ AUTHORIZATION: 'Bearer t' }, 'Basic abc')).toEqual({
      AUTHORIZATION: 'Bearer t',
    });
  });

  it('changes nothing without credentials', () => {
    const headers = { accept: 'x' };
    expect(withAuthorization(headers, undefined)).toEqual(headers);
  });
});

describe('proxyProblems (the input check)', () => {
  it('names each unusable proxy variable a URL would use, never its value', () => {
    const env = { HTTPS_PROXY: 'socks9://user:hunter2secret@proxy', HTTP_PROXY: PROXY };
    const problems = proxyProblems(
      ['https://app.example.com/healthz', 'https://app.example.com/ready', 'http://plain.example/'],
      env,
    );
    expect(problems).toEqual([
      'HTTPS_PROXY is not a usable proxy URL (expected http://host:port); every request to https:// URLs would go through it',
    ]);
    expect(problems.join(' ')).not.toContain('hunter2secret');
  });

  it('says nothing when the URLs bypass the proxy or the proxy is usable', () => {
    expect(proxyProblems(['http://127.0.0.1:8080/'], { HTTP_PROXY: 'socks9://x' })).toEqual([]);
    expect(proxyProblems(['http://app.example.com/'], { HTTP_PROXY: PROXY })).toEqual([]);
    expect(
      proxyProblems(['https://app.example.com/'], {
        HTTPS_PROXY: 'socks9://x',
        NO_PROXY: '.example.com',
      }),
    ).toEqual([]);
  });
});
