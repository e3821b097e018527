/**
 * The bundled action behind a proxy, run as the runner runs it. The release is served under
 * names only the local proxy resolves (`app.internal.test`), so it can pass only if dist/index.js
 * honours HTTP_PROXY / HTTPS_PROXY; and it demands the Basic credentials written into the URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startForwardProxy, type ForwardProxy } from '../helpers/forward-proxy.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';
import { startTlsServer, type TlsServer } from '../helpers/tls-server.js';

const fast = {
  'initial-delay': '0',
  interval: '50ms',
  timeout: '5s',
  'max-latency': '4s',
  'startup-timeout': '10s',
  'observe-for': '300ms',
  'min-samples': '5',
  'expected-version': 'v2',
};
const BASIC = `Basic ${Buffer.from('deploy:gate-pa55word').toString('base64')}`;

/** A health endpoint that answers only with the right Basic credentials. */
const health = (req: IncomingMessage, res: ServerResponse) => {
  if (req.headers.authorization !== BASIC) return void res.writeHead(401).end('unauthorized');
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"v2"}');
};

let app: TestServer;
let tls: TlsServer;
let proxy: ForwardProxy;
const runs: DistRun[] = [];
const track = (r: DistRun) => (runs.push(r), r);

beforeAll(async () => {
  app = await startServer({ '/healthz': health });
  tls = await startTlsServer('app.internal.test', health);
  proxy = await startForwardProxy({ hosts: { 'app.internal.test': '127.0.0.1' } });
});
afterAll(async () => {
  await proxy?.close();
  await app?.close();
  await tls?.close();
  for (const r of runs) r.cleanup();
});

const httpUrl = () =>
  `http://deploy:gate-pa55word@app.internal.test:${new URL(app.origin).port}/healthz`;

describe('dist/index.js behind a proxy', () => {
  it('passes a healthy release reachable only through HTTP_PROXY, sending the URL credentials', async () => {
    const before = proxy.requests.length;
    const r = track(
      await runDist({ inputs: { ...fast, url: httpUrl() }, env: { HTTP_PROXY: proxy.url } }),
    );
    expect({ exitCode: r.exitCode, verdict: r.outputs.verdict, reason: r.outputs.reason }).toEqual({
      exitCode: 0,
      verdict: 'healthy',
      reason: expect.any(String),
    });
    const forwarded = proxy.requests.slice(before);
    expect(forwarded.length).toBe(Number(r.outputs.attempts));
    const bare = httpUrl().replace('deploy:gate-pa55word@', '');
    expect(new Set(forwarded.map((q) => q.target))).toEqual(new Set([bare]));
    // The password reaches the log only in the runner's own ::add-mask:: commands.
    const logged = r.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(logged.filter((line) => line.includes('pa55word'))).toEqual([]);
    expect(r.summary).not.toContain('pa55word');
  });

  it('tunnels https through HTTPS_PROXY with CONNECT', async () => {
    const before = proxy.requests.length;
    const r = track(
      await runDist({
        inputs: {
          ...fast,
          url: `https://deploy:gate-pa55word@app.internal.test:${tls.port}/healthz`,
        },
        // The runner's way to trust a private CA; read by Node at start-up.
        env: { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: tls.certPath },
      }),
    );
    expect(r.outputs.verdict).toBe('healthy');
    expect(r.exitCode).toBe(0);
    const tunnels = proxy.requests.slice(before);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(tunnels.every((q) => q.method === 'CONNECT')).toBe(true);
    expect(tunnels[0]?.target).toBe(`app.internal.test:${tls.port}`);
  });

  it('goes direct for a NO_PROXY host (which only the proxy could resolve: unhealthy)', async () => {
    const before = proxy.requests.length;
    const r = track(
      await runDist({
        inputs: { ...fast, url: httpUrl(), 'startup-timeout': '1s' },
        env: { HTTP_PROXY: proxy.url, NO_PROXY: '.internal.test' },
      }),
    );
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('unhealthy');
    expect(r.outputs.reason).toMatch(/DNS/);
    expect(proxy.requests.length).toBe(before);
  });

  it('refuses an unusable proxy variable as an input error, before any request', async () => {
    const before = proxy.requests.length;
    const r = track(
      await runDist({
        inputs: { ...fast, url: httpUrl() },
        env: { HTTP_PROXY: 'socks9://someone:pw-kept-out@proxy.internal.test:1080' },
      }),
    );
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.outputs.reason).toContain('HTTP_PROXY is not a usable proxy URL');
    expect(r.stdout).not.toContain('pw-kept-out');
    expect(proxy.requests.length).toBe(before);
  });
});
