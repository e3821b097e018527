/**
 * queryInstant against a local node:http server that plays back answers recorded from a real
 * Prometheus 2.42 (fixtures/), plus the failures a real network produces: 5xx pages, slowness,
 * refused connections, oversized and echoing bodies.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  authorizationHeader,
  queryEndpoint,
  queryInstant,
  RAW_LIMIT_BYTES,
  type InstantQueryOptions,
} from '../../src/metrics/prometheus-client.js';
import { parseSampleValue } from '../../src/metrics/prometheus-response.js';
import { startForwardProxy, withProxyEnv } from '../helpers/forward-proxy.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/** One server for the file; each test installs the handler for its scenario. */
let server: Server;
let baseUrl: string;
let handler: Handler;
let seen: Seen[] = [];
const SECRET = 'fm2_s3cr3t-t0ken-value';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    await handler(req, res, body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

beforeEach(() => {
  seen = [];
});

afterEach(() => {
  // Drop sockets a slow scenario left hanging, so the next test starts clean.
  server.closeAllConnections();
});

function playBack(file: string, status = 200): Handler {
  return async (_req, res) => {
    const body = await readFile(join(fixtures, file));
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };
}

function ask(overrides: Partial<InstantQueryOptions> = {}) {
  return queryInstant({ baseUrl, query: 'sum(up)', timeoutMs: 2000, ...overrides });
}

describe('recorded Prometheus answers', () => {
  it('returns the value of a one-series vector', async () => {
    handler = playBack('vector-one.json');
    const outcome = await ask();
    expect(outcome).toMatchObject({
      kind: 'value',
      value: 0.41550000000000004,
      resultType: 'vector',
      seriesCount: 1,
      labels: {},
      httpStatus: 200,
    });
    expect(outcome.kind === 'value' && outcome.raw).toContain('"resultType": "vector"');
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('returns the value of a scalar', async () => {
    handler = playBack('scalar.json');
    expect(await ask()).toMatchObject({
      kind: 'value',
      value: 1,
      resultType: 'scalar',
      seriesCount: 0,
    });
  });

  it.each([
    ['vector-empty.json', 'empty', /no series/],
    ['vector-nan.json', 'nan', /NaN/],
    ['vector-plus-inf.json', 'inf', /\+Inf/],
    ['vector-minus-inf.json', 'inf', /-Inf/],
    ['vector-several.json', 'multiple-series', /2 series.*handler="\/api\/v1\/query"/],
    ['matrix.json', 'bad-response', /range vector/],
    ['string.json', 'bad-response', /string/],
  ])('classifies %s as %s', async (file, errorClass, message) => {
    handler = playBack(file);
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'error', errorClass, httpStatus: 200 });
    expect(outcome.kind === 'error' && outcome.message).toMatch(message);
    expect(outcome.kind === 'error' && outcome.raw).toContain('"status": "success"');
  });

  it.each([
    ['error-bad-data.json', 400, 'bad_data', /unclosed left parenthesis/],
    ['error-execution.json', 422, 'execution', /duplicate series/],
  ])('reports %s (HTTP %d) as api-error', async (file, status, errorType, message) => {
    handler = playBack(file, status);
    const outcome = await ask();
    expect(outcome).toMatchObject({
      kind: 'error',
      errorClass: 'api-error',
      errorType,
      httpStatus: status,
    });
    expect(outcome.kind === 'error' && outcome.message).toMatch(message);
  });

  it('reports a status error envelope even with HTTP 200', async () => {
    handler = (_req, res) => {
      res.end(
        '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
      );
    };
    expect(await ask()).toMatchObject({
      kind: 'error',
      errorClass: 'api-error',
      errorType: 'timeout',
    });
  });
});

describe('answers that are not Prometheus results', () => {
  it('reports HTTP 503 with an HTML page as http', async () => {
    handler = (_req, res) => {
      res
        .writeHead(503, { 'content-type': 'text/html' })
        .end('<html><body>upstream down</body></html>');
    };
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'http', httpStatus: 503 });
    expect(outcome.kind === 'error' && outcome.message).toBe(
      'HTTP 503 Service Unavailable from Prometheus',
    );
    expect(outcome.kind === 'error' && outcome.raw).toContain('upstream down');
  });

  it('reports HTTP 401 as http with a hint about the token', async () => {
    handler = (_req, res) => {
      res.writeHead(401).end('unauthorized');
    };
    const outcome = await ask({ token: SECRET });
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'http', httpStatus: 401 });
    expect(outcome.kind === 'error' && outcome.message).toMatch(/prometheus-token/);
  });

  it('does not follow redirects (the token must not travel elsewhere)', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    };
    expect(await ask({ token: SECRET })).toMatchObject({
      kind: 'error',
      errorClass: 'http',
      httpStatus: 302,
    });
    expect(seen).toHaveLength(1);
  });

  it('reports a 200 that is not JSON as bad-response', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Grafana login</html>');
    };
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'bad-response', httpStatus: 200 });
    expect(outcome.kind === 'error' && outcome.message).toMatch(/not JSON/);
  });

  it('reports JSON of another shape as bad-response, naming the field', async () => {
    handler = (_req, res) => {
      res.end(
        '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}}',
      );
    };
    const outcome = await ask();
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'bad-response' });
    expect(outcome.kind === 'error' && outcome.message).toMatch(/data\.result\.0\.value\.1/);
  });

  it('stops reading a body larger than the limit', async () => {
    handler = (_req, res) => {
      res.end('x'.repeat(64 * 1024));
    };
    const outcome = await ask({ maxBodyBytes: 16 * 1024 });
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'bad-response', httpStatus: 200 });
    expect(outcome.kind === 'error' && outcome.message).toMatch(/larger than 16384 bytes/);
  });

  it(`trims raw to ${RAW_LIMIT_BYTES} bytes`, async () => {
    handler = (_req, res) => {
      res.writeHead(502).end('y'.repeat(10_000));
    };
    const outcome = await ask();
    expect(outcome.kind === 'error' && outcome.raw).toBe(
      `${'y'.repeat(RAW_LIMIT_BYTES)}... (10000 bytes)`,
    );
  });
});

describe('time and network', () => {
  it('times out an answer whose headers come too late', async () => {
    handler = () => {
      // Never answers; afterEach drops the socket.
    };
    const outcome = await ask({ timeoutMs: 150 });
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'timeout' });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /^no complete answer within 150 ms/,
    );
  });

  it('times out a body that stalls after the headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":');
    };
    const outcome = await ask({ timeoutMs: 150 });
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'timeout', httpStatus: 200 });
  });

  it('reports a refused connection as unreachable, from its error code', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));

    const outcome = await ask({ baseUrl: `http://127.0.0.1:${port}` });
    expect(outcome).toMatchObject({
      kind: 'error',
      errorClass: 'unreachable',
      code: 'ECONNREFUSED',
    });
    expect(outcome.kind === 'error' && outcome.message).toContain(`127.0.0.1:${port}`);
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    handler = () => {};
    const controller = new AbortController();
    const pending = ask({ timeoutMs: 10_000, signal: controller.signal });
    controller.abort(new Error('gate finished'));
    await expect(pending).rejects.toThrow('gate finished');
  });
});

describe('the request sent', () => {
  beforeEach(() => {
    handler = playBack('scalar.json');
  });

  it('POSTs the query as a form to <base>/api/v1/query', async () => {
    await ask({ query: 'sum(rate(x{a="b"}[1m])) / 2' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/query' });
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(seen[0]?.body).get('query')).toBe('sum(rate(x{a="b"}[1m])) / 2');
  });

  it('can send the query as a GET parameter', async () => {
    await ask({ query: 'up == 1', method: 'GET' });
    expect(seen[0]?.method).toBe('GET');
    const url = new URL(seen[0]?.url ?? '', baseUrl);
    expect(url.pathname).toBe('/api/v1/query');
    expect(url.searchParams.get('query')).toBe('up == 1');
  });

  it('keeps a path prefix such as /prometheus/<org-slug>', async () => {
    await ask({ baseUrl: `${baseUrl}/prometheus/my-org/` });
    expect(seen[0]?.url).toBe('/prometheus/my-org/api/v1/query');
  });

  it.each([
    ['x', 'Bearer x'],
    ['Bearer x', 'Bearer x'],
    ['FlyV1 x', 'FlyV1 x'],
    ['FlyV1 fm2_a,fm2_b', 'FlyV1 fm2_a,fm2_b'],
  ])('sends token %j as Authorization: %s', async (token, header) => {
    await ask({ token });
    expect(seen[0]?.headers.authorization).toBe(header);
  });

  it('sends no Authorization header without a token', async () => {
    await ask();
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });
});

describe('the token never leaks', () => {
  it('redacts the token from the warnings and labels of a value', async () => {
    handler = (req, res) => {
      const echo = String(req.headers.authorization);
      const body = {
        status: 'success',
        warnings: [`saw ${echo}`],
        data: { resultType: 'vector', result: [{ metric: { echo }, value: [1, '0.5'] }] },
      };
      res.writeHead(200).end(JSON.stringify(body));
    };
    const outcome = await ask({ token: `FlyV1 ${SECRET}` });
    expect(outcome).toMatchObject({
      kind: 'value',
      warnings: ['saw ***'],
      labels: { echo: '***' },
    });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
  });

  it.each([SECRET, `FlyV1 ${SECRET}`, `Bearer ${SECRET}`])(
    'is redacted from raw and message when the server echoes it (%s)',
    async (token) => {
      handler = (req, res) => {
        const echo = JSON.stringify({
          status: 'error',
          errorType: 'auth',
          error: `bad ${req.headers.authorization}`,
        });
        res.writeHead(403).end(echo);
      };
      const outcome = await ask({ token });
      expect(outcome).toMatchObject({ kind: 'error', errorClass: 'api-error', httpStatus: 403 });
      const text = JSON.stringify(outcome);
      expect(text).not.toContain(SECRET);
      expect(text).toContain('***');
    },
  );
});

describe('options and helpers', () => {
  it.each([
    [{ baseUrl: 'ftp://127.0.0.1/' }, /prometheus-url "ftp:\/\/127\.0\.0\.1\/" is not accepted/],
    [{ baseUrl: 'not a url' }, /prometheus-url "not a url" is not accepted/],
    [{ baseUrl: 'http://127.0.0.1/?x=1' }, /without a query string/],
    [{ timeoutMs: 0 }, /timeoutMs must be a positive integer, got 0/],
    [{ query: '  ' }, /query must not be empty/],
  ])('rejects invalid options %j, naming the field and the value', async (overrides, message) => {
    await expect(ask(overrides)).rejects.toThrow(message);
  });

  it.each([
    ['abc', 'Bearer abc'],
    ['  abc  ', 'Bearer abc'],
    ['Bearer abc', 'Bearer abc'],
    ['FlyV1 fm2_abc', 'FlyV1 fm2_abc'],
    ['flyv1 abc', 'Bearer flyv1 abc'],
    ['FlyV1abc', 'Bearer FlyV1abc'],
  ])('authorizationHeader(%j) is %j', (token, header) => {
    expect(authorizationHeader(token)).toBe(header);
  });

  it.each([
    ['https://api.fly.io/prometheus/acme', 'https://api.fly.io/prometheus/acme/api/v1/query'],
    ['https://api.fly.io/prometheus/acme/', 'https://api.fly.io/prometheus/acme/api/v1/query'],
    ['http://127.0.0.1:9090', 'http://127.0.0.1:9090/api/v1/query'],
    ['http://127.0.0.1:9090/api/v1/query', 'http://127.0.0.1:9090/api/v1/query'],
  ])('queryEndpoint(%s) is %s', (base, endpoint) => {
    expect(queryEndpoint(base).href).toBe(endpoint);
  });

  it.each([
    ['0.5', 0.5],
    ['1e3', 1000],
    ['-2.5E-1', -0.25],
    ['42', 42],
    ['.5', 0.5],
    ['NaN', Number.NaN],
    ['+Inf', Number.POSITIVE_INFINITY],
    ['Inf', Number.POSITIVE_INFINITY],
    ['-Inf', Number.NEGATIVE_INFINITY],
    ['', undefined],
    [' 1', undefined],
    ['0x10', undefined],
    ['abc', undefined],
  ])('parseSampleValue(%j) is %p', (text, value) => {
    expect(parseSampleValue(text)).toBe(value);
  });
});

describe('on a runner: proxies and credentials in the URL', () => {
  const USERINFO = 'reader:pr0m-s3cret';
  const BASIC = `Basic ${Buffer.from(USERINFO).toString('base64')}`;
  const withUserinfo = () => baseUrl.replace('http://', `http://${USERINFO}@`);

  it('queries through HTTP_PROXY a host only the proxy can reach', async () => {
    handler = playBack('scalar.json');
    const proxy = await startForwardProxy({ hosts: { 'prom.internal.test': '127.0.0.1' } });
    try {
      const viaName = baseUrl.replace('127.0.0.1', 'prom.internal.test');
      const outcome = await withProxyEnv({ HTTP_PROXY: proxy.url }, () =>
        ask({ baseUrl: viaName }),
      );
      expect(outcome).toMatchObject({ kind: 'value', value: 1 });
      expect(proxy.requests).toEqual([
        expect.objectContaining({ method: 'POST', target: `${viaName}/api/v1/query` }),
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('reports a proxy that never answers CONNECT as a timeout, naming no credentials', async () => {
    const proxy = await startForwardProxy({ connect: 'hang' });
    try {
      const outcome = await withProxyEnv({ HTTPS_PROXY: proxy.url }, () =>
        ask({ baseUrl: `https://${USERINFO}@prom.internal.test`, timeoutMs: 300 }),
      );
      expect(outcome).toMatchObject({ kind: 'error', errorClass: 'timeout' });
      expect(proxy.requests.map((r) => r.target)).toEqual(['prom.internal.test:443']);
      expect(JSON.stringify(outcome)).not.toContain('pr0m-s3cret');
    } finally {
      await proxy.close();
    }
  });

  it('names the proxy when it is unreachable', async () => {
    const proxy = await startForwardProxy();
    await proxy.close();
    const outcome = await withProxyEnv({ HTTP_PROXY: proxy.url }, () =>
      ask({ baseUrl: 'http://prom.internal.test:9090' }),
    );
    expect(outcome).toMatchObject({
      kind: 'error',
      errorClass: 'unreachable',
      message: `Prometheus unreachable at http://prom.internal.test:9090 via proxy ${proxy.host} (ECONNREFUSED)`,
    });
  });

  it('sends userinfo as Basic auth and requests the path without it', async () => {
    handler = playBack('scalar.json');
    const outcome = await ask({ baseUrl: `${withUserinfo()}/prometheus/acme` });
    expect(outcome).toMatchObject({ kind: 'value', value: 1 });
    expect(seen[0]?.url).toBe('/prometheus/acme/api/v1/query');
    expect(seen[0]?.headers.authorization).toBe(BASIC);
  });

  it('prefers the token when both are given', async () => {
    handler = playBack('scalar.json');
    await ask({ baseUrl: withUserinfo(), token: SECRET });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('redacts the credentials wherever the server echoes them', async () => {
    handler = (req, res) => {
      const error = `denied ${req.headers.authorization} for pr0m-s3cret`;
      res.writeHead(403).end(JSON.stringify({ status: 'error', errorType: 'auth', error }));
    };
    const outcome = await ask({ baseUrl: withUserinfo() });
    expect(outcome).toMatchObject({ kind: 'error', errorClass: 'api-error', httpStatus: 403 });
    const text = JSON.stringify(outcome);
    expect(text).not.toContain('pr0m-s3cret');
    expect(text).not.toContain(BASIC.slice('Basic '.length));
    expect(text).toContain('***');
  });
});
