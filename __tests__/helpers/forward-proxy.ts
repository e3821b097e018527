/**
 * A real HTTP proxy on 127.0.0.1 for tests: CONNECT tunnels (https targets) and absolute-form
 * forwarding (http targets), as squid or a corporate proxy does. It resolves the names in `hosts`
 * itself (e.g. `app.internal.test` -> 127.0.0.1), so a URL with such a name is reachable only
 * through it. Every request it receives is recorded; only IP literals and mapped names are
 * reached, anything else gets a 502.
 */
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { connect, isIP, type AddressInfo, type Socket } from 'node:net';

export interface ProxyOptions {
  /** Names only this proxy resolves, to an IP address. */
  hosts?: Record<string, string>;
  /** `user:password` the client must send as Proxy-Authorization Basic; 407 otherwise. */
  auth?: string;
  /** Answer every CONNECT with this status instead of tunnelling, or close the socket at once. */
  connect?: number | 'close' | 'hang';
  /** Hold every forwarded http request this long before passing it on (a slow proxy). */
  delayMs?: number;
}

export interface ProxyRequest {
  /** CONNECT, or the method of a forwarded request. */
  method: string;
  /** `host:port` for CONNECT, the absolute URL for a forwarded request. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface ForwardProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  /** host:port, as messages name it. */
  host: string;
  requests: ProxyRequest[];
  close(): Promise<void>;
}

const HOP_BY_HOP = ['proxy-authorization', 'proxy-connection', 'connection', 'keep-alive'];

export async function startForwardProxy(options: ProxyOptions = {}): Promise<ForwardProxy> {
  const requests: ProxyRequest[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const resolve = (name: string): string | undefined => {
    const bare = name.replace(/^\[(.*)\]$/, '$1');
    return options.hosts?.[bare.toLowerCase()] ?? (isIP(bare) ? bare : undefined);
  };
  const authorised = (headers: IncomingHttpHeaders) =>
    options.auth === undefined ||
    headers['proxy-authorization'] === `Basic ${Buffer.from(options.auth).toString('base64')}`;

  const server = createServer((req, res) => {
    const target = req.url ?? '';
    requests.push({ method: req.method ?? '', target, headers: req.headers });
    if (!authorised(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    const address = resolve(url.hostname);
    if (url.protocol !== 'http:' || address === undefined) {
      res.writeHead(502).end('unknown host');
      return;
    }
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const timer = setTimeout(() => forward(address, url, headers, req, res), options.delayMs ?? 0);
    res.on('close', () => clearTimeout(timer));
  });
  // Passes one absolute-form request on to its target and pipes the answer back.
  function forward(
    address: string,
    url: URL,
    headers: IncomingHttpHeaders,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const upstream = request(
      {
        host: address,
        port: Number(url.port || 80),
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end('upstream failed');
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  server.on('connect', (req, client: Socket, head: Buffer) => {
    track(client);
    const target = req.url ?? '';
    requests.push({ method: 'CONNECT', target, headers: req.headers });
    client.on('error', () => undefined);
    if (options.connect === 'hang') return;
    if (options.connect === 'close') return void client.destroy();
    if (!authorised(req.headers))
      return void client.end('HTTP/1.1 407 Proxy Auth Required\r\n\r\n');
    if (typeof options.connect === 'number')
      return void client.end(`HTTP/1.1 ${options.connect} Refused\r\n\r\n`);
    const match = /^(.+):(\d+)$/.exec(target);
    const address = match ? resolve(match[1] as string) : undefined;
    if (!match || address === undefined) return void client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    const upstream = connect(Number(match[2]), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('close', () => upstream.destroy());
  });
  server.on('connection', track);

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY'];

/**
 * Runs `fn` with exactly these proxy variables (NO_PROXY included) set in process.env and every
 * other one unset, whatever the machine running the tests has, then restores the environment.
 */
export async function withProxyEnv<T>(
  vars: Record<string, string>,
  fn: () => Promise<T>,
): Promise<T> {
  const names = [...PROXY_VARIABLES, 'no_proxy', 'NO_PROXY'];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const name of names) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
