/** The prober against real servers on 127.0.0.1, one per failure class. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BODY_READ_LIMIT, probeUrl, type ProbeOptions } from '../../src/probe/http-probe.js';
import { inputEnvName } from '../../src/settings/read-inputs.js';
import { parseInputs } from '../../src/settings/parse-inputs.js';
import { closedPort, json, startServer, type TestServer } from '../helpers/http-server.js';

function optionsFor(inputs: Record<string, string> = {}): ProbeOptions {
  const env: Record<string, string> = { [inputEnvName('url')]: 'http://127.0.0.1/' };
  // Long enough that a loaded 2-core machine never misses it on a healthy route; the routes
  // that must time out never answer at all, so the bound only costs their wait.
  for (const [k, v] of Object.entries({ timeout: '2s', ...inputs })) env[inputEnvName(k)] = v;
  const s = parseInputs(env);
  return { request: s.request, expect: s.expect, maxLatencyMs: s.policy.maxLatencyMs };
}

let server: TestServer;
let bigBodyBytesWritten = 0;

beforeAll(async () => {
  server = await startServer({
    '/healthz': json({ status: 'ok', version: 'v2', components: { database: 'ok' } }),
    '/degraded': json({ status: 'ok', version: 'v2', components: { database: 'down' } }),
    '/old': json({ status: 'ok', version: 'v1' }),
    '/html': (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hi</h1>'),
    '/503': json({ error: 'overloaded' }, 503),
    '/hang': () => undefined,
    '/slow-headers': (_q, res) => {
      const t = setTimeout(() => res.writeHead(200).end('late'), 10_000);
      res.on('close', () => clearTimeout(t));
    },
    '/slow-body': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first bytes...');
    },
    '/slow-ok': (_q, res) => {
      setTimeout(() => res.writeHead(200).end('ok'), 150);
    },
    '/reset': (req) => req.socket.destroy(),
    '/big': (_q, res) => {
      // 300 MB, written lazily under backpressure: only what the client reads is ever produced.
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let left = (300 * 1024 * 1024) / chunk.length;
      res.writeHead(200, {
        'content-type': 'text/plain',
        'content-length': String(300 * 1024 * 1024),
      });
      const pump = () => {
        while (left > 0) {
          left--;
          bigBodyBytesWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (left = 0));
      pump();
    },
    '/loop-a': (_q, res) => res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_q, res) => res.writeHead(302, { location: '/loop-a' }).end(),
    '/moved': (_q, res) => res.writeHead(301, { location: '/healthz' }).end(),
    '/version-header': (_q, res) => res.writeHead(200, { 'x-release': 'v7' }).end('ok'),
  });
});
afterAll(() => server.close());

describe('probeUrl: healthy responses', () => {
  it('accepts a healthy JSON response and reports what it saw', async () => {
    const r = await probeUrl(
      server.url('/healthz'),
      optionsFor({ 'expected-version': 'v2', 'expect-json': 'components.database == ok' }),
    );
    expect(r).toMatchObject({ ok: true, status: 200, versionSeen: 'v2', bodyTruncated: false });
    expect(r.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.headers?.['content-type']).toBe('application/json');
  });

  it('reads the version from a header when version-header is set', async () => {
    const r = await probeUrl(
      server.url('/version-header'),
      optionsFor({ 'expected-version': 'v7', 'version-header': 'X-Release' }),
    );
    expect(r).toMatchObject({ ok: true, versionSeen: 'v7' });
  });

  it('follows redirects when asked, and judges a 3xx as it is otherwise', async () => {
    const followed = await probeUrl(
      server.url('/moved'),
      optionsFor({ 'follow-redirects': 'true' }),
    );
    expect(followed).toMatchObject({ ok: true, status: 200, redirects: [server.url('/healthz')] });
    const asIs = await probeUrl(server.url('/moved'), optionsFor());
    expect(asIs.failure).toEqual({ class: 'status', message: 'status 301 not in 200-299' });
  });
});

describe('probeUrl: every failure class from a real server', () => {
  // A timeout is charged to the runner when our own loop was stalled for a tenth of it
  // (gate/lateness.ts). 4 s keeps that bar at 400 ms, above what a busy 2-core test run stalls.
  const mustTimeOut = () => optionsFor({ timeout: '4s' });
  /**
   * The stage a timeout names. On a loaded machine (coverage on, two workers) our own event loop
   * may stall past the overload threshold during the 4 s wait; the prober then rightly files the
   * probe as runner-overloaded, keeping the stage it saw in `code`.
   */
  const stageOf = (r: Awaited<ReturnType<typeof probeUrl>>) =>
    r.failure?.class === 'runner-overloaded' ? r.failure.code : r.failure?.class;

  it('hang: accepted but never answered -> timeout-headers', async () => {
    const r = await probeUrl(server.url('/hang'), mustTimeOut());
    expect(stageOf(r)).toBe('timeout-headers');
    expect(r.failure?.message).toContain('response headers not complete within 4000 ms');
  });

  it('slow headers -> timeout-headers', async () => {
    const r = await probeUrl(server.url('/slow-headers'), mustTimeOut());
    expect(stageOf(r)).toBe('timeout-headers');
  });

  it('slow body: headers then silence -> timeout-body', async () => {
    const r = await probeUrl(server.url('/slow-body'), mustTimeOut());
    expect(stageOf(r)).toBe('timeout-body');
  });

  it('reset: the server drops the connection -> reset', async () => {
    const r = await probeUrl(server.url('/reset'), optionsFor());
    expect(r.failure?.class).toBe('reset');
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(r.failure?.code);
  });

  it('refused: nothing listens -> refused', async () => {
    const r = await probeUrl(`http://127.0.0.1:${await closedPort()}/healthz`, optionsFor());
    expect(r.failure).toEqual({
      class: 'refused',
      message: 'connection refused',
      code: 'ECONNREFUSED',
    });
  });

  it('5xx -> status', async () => {
    const r = await probeUrl(server.url('/503'), optionsFor());
    expect(r).toMatchObject({
      ok: false,
      status: 503,
      failure: { class: 'status', message: 'status 503 not in 200-299' },
    });
  });

  it('degraded JSON -> assertion naming the path and value', async () => {
    const r = await probeUrl(
      server.url('/degraded'),
      optionsFor({ 'expect-json': 'components.database == ok' }),
    );
    expect(r.failure).toEqual({
      class: 'assertion',
      message: 'components.database == ok failed: components.database is "down"',
    });
  });

  it('non-JSON where JSON is asserted -> assertion naming the content type', async () => {
    const r = await probeUrl(server.url('/html'), optionsFor({ 'expect-json': 'status == ok' }));
    expect(r.failure).toEqual({
      class: 'assertion',
      message: 'body is not JSON (text/html); cannot check status == ok',
    });
  });

  it('expect-body substring and regex', async () => {
    expect((await probeUrl(server.url('/html'), optionsFor({ 'expect-body': '<h1>hi' }))).ok).toBe(
      true,
    );
    const miss = await probeUrl(server.url('/html'), optionsFor({ 'expect-body': '/^\\{/' }));
    expect(miss.failure).toEqual({ class: 'assertion', message: 'body does not contain /^\\{/' });
  });

  it('version mismatch -> version', async () => {
    const r = await probeUrl(server.url('/old'), optionsFor({ 'expected-version': 'v2' }));
    expect(r).toMatchObject({
      versionSeen: 'v1',
      failure: { class: 'version', message: 'serving version "v1", expected "v2"' },
    });
  });

  it('slower than max-latency -> too-slow', async () => {
    const r = await probeUrl(
      server.url('/slow-ok'),
      optionsFor({ 'max-latency': '100ms', timeout: '5s' }),
    );
    expect(r.failure?.class).toBe('too-slow');
    expect(r.latencyMs).toBeGreaterThanOrEqual(100);
  });

  it('redirect loop -> redirect, with the loop spelled out', async () => {
    const r = await probeUrl(server.url('/loop-a'), optionsFor({ 'follow-redirects': 'true' }));
    expect(r.failure).toEqual({
      class: 'redirect',
      message: `redirect loop: ${server.url('/loop-a')} -> ${server.url('/loop-b')} -> ${server.url('/loop-a')}`,
    });
  });

  it('300 MB body: reads 64 KiB, closes, never buffers the rest', async () => {
    bigBodyBytesWritten = 0;
    const before = process.memoryUsage().heapUsed;
    const r = await probeUrl(server.url('/big'), optionsFor({ timeout: '10s' }));
    expect(r).toMatchObject({ ok: true, bodyBytesRead: BODY_READ_LIMIT, bodyTruncated: true });
    // What the server could push before the close is bounded by socket buffers, not by the body size.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bigBodyBytesWritten).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('TLS: a self-signed certificate -> tls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          '/CN=127.0.0.1',
          '-days',
          '1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const tls = createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_q, res) => res.end('ok'),
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      const r = await probeUrl(
        `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`,
        optionsFor({ timeout: '5s' }),
      );
      await new Promise<void>((resolve) => tls.close(() => resolve()));
      expect(r.failure?.class).toBe('tls');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops user headers when a redirect leaves the origin', async () => {
    const other = await startServer({ '/': json({ ok: true }) });
    const hop = await startServer({
      '/': (_q, res) => res.writeHead(302, { location: other.url('/') }).end(),
    });
    try {
      const r = await probeUrl(
        hop.url('/'),
        optionsFor({ 'follow-redirects': 'true', headers: 'Authorization: Bearer secret-x' }),
      );
      expect(r.ok).toBe(true);
      expect(hop.requests[0]?.headers.authorization).toBe('Bearer secret-x');
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await Promise.all([other.close(), hop.close()]);
    }
  });

  it('a cancelled run rejects with the cancel reason instead of inventing a failure', async () => {
    const ac = new AbortController();
    const pending = probeUrl(server.url('/hang'), {
      ...optionsFor({ timeout: '10s' }),
      signal: ac.signal,
    });
    setTimeout(() => ac.abort(new Error('run cancelled')), 20);
    await expect(pending).rejects.toThrow('run cancelled');
  });
});
