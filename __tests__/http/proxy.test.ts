/**
 * The prober through a real proxy on 127.0.0.1 (__tests__/helpers/forward-proxy.ts). Targets are
 * named `*.internal.test`, a name only the proxy resolves: a probe that ignores the proxy
 * variables cannot reach them.
 */
import { probeUrl, type ProbeOptions } from '../../src/probe/http-probe.js';
import { startTlsServer, type TlsServer } from '../helpers/tls-server.js';
import { startForwardProxy, withProxyEnv, type ForwardProxy } from '../helpers/forward-proxy.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';

function options(timeoutMs = 10_000): ProbeOptions {
  return {
    request: { method: 'GET', headers: {}, timeoutMs, followRedirects: false },
    expect: { status: [{ min: 200, max: 299 }], statusText: '200-299', json: [] },
    maxLatencyMs: timeoutMs,
  };
}

let app: TestServer;
let proxy: ForwardProxy;
/** The app's URL under a name only the proxy knows. */
const viaName = (path: string, name = 'app.internal.test') =>
  app.url(path).replace('127.0.0.1', name);

beforeAll(async () => {
  app = await startServer({
    '/healthz': json({ status: 'ok' }),
    '/hang': () => undefined,
  });
});
afterAll(() => app.close());
afterEach(() => proxy?.close());

describe('probeUrl through HTTP_PROXY', () => {
  it('sends an http probe to the proxy as an absolute-form request', async () => {
    proxy = await startForwardProxy({
      hosts: { 'app.internal.test': '127.0.0.1' },
    });
    const r = await withProxyEnv({ HTTP_PROXY: proxy.url }, () =>
      probeUrl(viaName('/healthz'), options()),
    );
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(proxy.requests).toEqual([
      expect.objectContaining({ method: 'GET', target: viaName('/healthz') }),
    ]);
    expect(app.requests.at(-1)?.headers.host).toBe(new URL(viaName('/')).host);
  });

  it('measures latency as the runner sees it, the proxy hop included', async () => {
    proxy = await startForwardProxy({ hosts: { 'app.internal.test': '127.0.0.1' }, delayMs: 300 });
    const r = await withProxyEnv({ HTTP_PROXY: proxy.url }, () =>
      probeUrl(viaName('/healthz'), options()),
    );
    expect(r.ok).toBe(true);
    // A timer never fires early: the 300 ms the proxy held the request are in the latency.
    expect(r.latencyMs).toBeGreaterThanOrEqual(300);
  });

  it('honours the lower-case variable too', async () => {
    proxy = await startForwardProxy({ hosts: { 'app.internal.test': '127.0.0.1' } });
    const r = await withProxyEnv({ http_proxy: proxy.url }, () =>
      probeUrl(viaName('/healthz'), options()),
    );
    expect(r.ok).toBe(true);
    expect(proxy.requests).toHaveLength(1);
  });

  it('sends NO_PROXY hosts direct and every other host through the proxy', async () => {
    proxy = await startForwardProxy({
      hosts: { 'app.internal.test': '127.0.0.1', 'api.elsewhere.test': '127.0.0.1' },
    });
    const [listed, other] = await withProxyEnv(
      { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,.internal.test' },
      () =>
        Promise.all([
          probeUrl(viaName('/healthz'), options()),
          probeUrl(viaName('/healthz', 'api.elsewhere.test'), options()),
        ]),
    );
    // Direct, the name does not resolve: the proxy was bypassed.
    expect(listed).toMatchObject({ ok: false, failure: { class: 'dns' } });
    expect(listed.failure?.message).not.toContain('via proxy');
    expect(other).toMatchObject({ ok: true, status: 200 });
    expect(proxy.requests.map((q) => q.target)).toEqual([
      viaName('/healthz', 'api.elsewhere.test'),
    ]);
  });

  it('never sends a loopback target to the proxy', async () => {
    proxy = await startForwardProxy();
    const r = await withProxyEnv({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }, () =>
      probeUrl(app.url('/healthz'), options()),
    );
    expect(r.ok).toBe(true);
    expect(proxy.requests).toEqual([]);
  });

  it('keeps the probe deadline through the proxy: a silent target is timeout-headers', async () => {
    proxy = await startForwardProxy({ hosts: { 'app.internal.test': '127.0.0.1' } });
    const r = await withProxyEnv({ HTTP_PROXY: proxy.url }, () =>
      probeUrl(viaName('/hang'), options(500)),
    );
    expect(r.failure).toEqual({
      class: 'timeout-headers',
      message: `response headers not complete within 500 ms (via proxy ${proxy.host})`,
      code: 'PROBE_DEADLINE',
    });
  });

  it('names the proxy when the proxy itself refuses the connection', async () => {
    proxy = await startForwardProxy();
    const address = proxy.url;
    await proxy.close();
    const r = await withProxyEnv({ HTTP_PROXY: address }, () =>
      probeUrl(viaName('/healthz'), options()),
    );
    expect(r.failure).toMatchObject({
      class: 'refused',
      message: `connection refused (via proxy ${new URL(address).host})`,
    });
  });

  it('sends proxy credentials from the variable, and never to the target', async () => {
    proxy = await startForwardProxy({
      hosts: { 'app.internal.test': '127.0.0.1' },
      auth: 'runner:pr0xy-pass',
    });
    const withCredentials = proxy.url.replace('http://', 'http://runner:pr0xy-pass@');
    const r = await withProxyEnv({ HTTP_PROXY: withCredentials }, () =>
      probeUrl(viaName('/healthz'), options()),
    );
    expect(r.ok).toBe(true);
    expect(app.requests.at(-1)?.headers['proxy-authorization']).toBeUndefined();
  });
});

describe('probeUrl through HTTPS_PROXY (CONNECT)', () => {
  let tls: TlsServer;
  let tlsPort: number;

  beforeAll(async () => {
    tls = await startTlsServer('app.internal.test', (_q, res) => res.end('ok'));
    tlsPort = tls.port;
  });
  afterAll(async () => {
    await tls.close();
  });

  it('tunnels an https probe with CONNECT to the named host', async () => {
    proxy = await startForwardProxy({ hosts: { 'app.internal.test': '127.0.0.1' } });
    const r = await withProxyEnv({ HTTPS_PROXY: proxy.url }, () =>
      probeUrl(`https://app.internal.test:${tlsPort}/`, options()),
    );
    expect(proxy.requests).toEqual([
      expect.objectContaining({ method: 'CONNECT', target: `app.internal.test:${tlsPort}` }),
    ]);
    // The TLS handshake reached the real server through the tunnel: its certificate is
    // self-signed, so the probe judges it untrusted (the tunnel itself worked).
    expect(r.failure).toMatchObject({ class: 'tls' });
    expect(r.failure?.message).toContain(`via proxy ${proxy.host}`);
  });

  it('does not send https to HTTP_PROXY', async () => {
    proxy = await startForwardProxy({ hosts: { 'app.internal.test': '127.0.0.1' } });
    const r = await withProxyEnv({ HTTP_PROXY: proxy.url }, () =>
      probeUrl(`https://app.internal.test:${tlsPort}/`, options()),
    );
    expect(r.failure?.class).toBe('dns');
    expect(proxy.requests).toEqual([]);
  });

  it.each([
    [403, /^request failed: Proxy response \(403\) !== 200 when HTTP Tunneling/],
    ['close', /^the proxy closed the connection before the tunnel was set up/],
  ] as const)(
    'reports a proxy that refuses the tunnel (%s), naming the proxy',
    async (how, text) => {
      proxy = await startForwardProxy({ connect: how });
      const r = await withProxyEnv({ HTTPS_PROXY: proxy.url }, () =>
        probeUrl(`https://app.internal.test:${tlsPort}/`, options()),
      );
      expect(r.failure?.class).toBe('network');
      expect(r.failure?.message).toMatch(text);
      expect(r.failure?.message).toContain(`(via proxy ${proxy.host})`);
    },
  );

  it('keeps the probe deadline when the proxy never answers CONNECT: timeout-connect', async () => {
    proxy = await startForwardProxy({ connect: 'hang' });
    const r = await withProxyEnv({ HTTPS_PROXY: proxy.url }, () =>
      probeUrl(`https://app.internal.test:${tlsPort}/`, options(500)),
    );
    expect(r.failure).toMatchObject({ class: 'timeout-connect', code: 'PROBE_DEADLINE' });
  });
});
