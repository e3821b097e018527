/**
 * Credentials written into a probed URL (`http://user:pw@host/`) against a real server that
 * demands Basic auth: sent as curl sends them, never left in a URL the probe reports.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { probeUrl, type ProbeOptions } from '../../src/probe/http-probe.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';

const USER = 'deploy';
const PASSWORD = 'p@ss:w0rd-42';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

function options(headers: Record<string, string> = {}, followRedirects = false): ProbeOptions {
  return {
    request: { method: 'GET', headers, timeoutMs: 10_000, followRedirects },
    expect: { status: [{ min: 200, max: 299 }], statusText: '200-299', json: [] },
    maxLatencyMs: 10_000,
  };
}

const guarded = (req: IncomingMessage, res: ServerResponse) => {
  if (req.headers.authorization === BASIC) json({ status: 'ok' })(req, res);
  else res.writeHead(401, { 'www-authenticate': 'Basic realm="app"' }).end('unauthorized');
};

let server: TestServer;
let other: TestServer;
/** The server's URL with percent-encoded userinfo, as a user writes it. */
const withUserinfo = (path: string, origin = server.origin) =>
  `${origin.replace('http://', `http://${USER}:${encodeURIComponent(PASSWORD)}@`)}${path}`;

beforeAll(async () => {
  other = await startServer({ '/': guarded });
  server = await startServer({
    '/healthz': guarded,
    '/here': (_q, res) => res.writeHead(302, { location: '/healthz' }).end(),
    '/away': (_q, res) => res.writeHead(302, { location: other.url('/') }).end(),
    '/loop': (_q, res) => res.writeHead(302, { location: withUserinfo('/loop') }).end(),
  });
});
afterAll(async () => {
  await server.close();
  await other.close();
});

describe('probeUrl with credentials in the URL', () => {
  it('sends them as Basic auth, percent-decoded, and requests the URL without them', async () => {
    const r = await probeUrl(withUserinfo('/healthz'), options());
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(server.requests.at(-1)).toMatchObject({ path: '/healthz' });
    expect(server.requests.at(-1)?.headers.authorization).toBe(BASIC);
  });

  it('lets a configured Authorization header win, as curl -H does', async () => {
    const r = await probeUrl(withUserinfo('/healthz'), options({ Authorization: 'Bearer other' }));
    expect(r).toMatchObject({ ok: false, status: 401, failure: { class: 'status' } });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer other');
  });

  it('keeps them on a same-origin redirect and drops them when a redirect leaves the origin', async () => {
    const here = await probeUrl(withUserinfo('/here'), options({}, true));
    expect(here).toMatchObject({ ok: true, redirects: [server.url('/healthz')] });

    const away = await probeUrl(withUserinfo('/away'), options({}, true));
    expect(away).toMatchObject({ ok: false, status: 401 });
    expect(other.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('never reports a URL with userinfo, not even in a redirect loop message', async () => {
    const r = await probeUrl(withUserinfo('/loop'), options({}, true));
    expect(r.failure).toEqual({
      class: 'redirect',
      message: `redirect loop: ${server.url('/loop')} -> ${server.url('/loop')}`,
    });
    // The Location header is the server's own text (the record's redaction masks it); what the
    // probe itself reports is clean.
    const text = JSON.stringify({ failure: r.failure, redirects: r.redirects });
    expect(text).not.toContain(encodeURIComponent(PASSWORD));
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(`${USER}:`);
  });
});
