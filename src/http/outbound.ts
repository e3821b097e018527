/**
 * The one place our outbound requests (probes, the webhook, Prometheus) get their dispatcher and
 * their credentials from, so all three behave alike on a runner:
 *
 * - Proxies follow @actions/http-client's rules, because the toolkit's own requests (GitHub API,
 *   artifacts) in the same job follow them: `http_proxy || HTTP_PROXY` for http URLs,
 *   `https_proxy || HTTPS_PROXY` for https URLs (no fall-back from one to the other), loopback
 *   hosts always direct, and `no_proxy || NO_PROXY` entries `*`, `host`, `host:port`, `.domain`
 *   (`*.domain` is read as `.domain`). undici's EnvHttpProxyAgent differs on three of these (it
 *   sends https to HTTP_PROXY, proxies localhost, and treats an empty `http_proxy` as "none"), so
 *   we choose per target and use its building blocks, Agent and ProxyAgent.
 * - Through a proxy, http targets are forwarded (absolute-form request), https targets tunnelled
 *   with CONNECT, as curl and undici do by default.
 * - Credentials in a URL (`https://user:pw@host/`) are sent as Basic auth, as curl does, and never
 *   left in the URL that is requested or shown.
 */
import { buildConnector, Client, ProxyAgent, type Dispatcher } from 'undici';

export type Env = Readonly<Record<string, string | undefined>>;

export interface UrlCredentials {
  /** The URL without userinfo: the one to request, record and show. */
  url: string;
  /** `Basic base64(user:password)` when the URL carried userinfo. */
  authorization?: string;
  /** The percent-decoded userinfo, for masking. */
  credentials?: { username: string; password: string };
}

/** A percent-escape that does not decode is taken literally, as curl does. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Splits `scheme://user:pw@host/…` into the URL without userinfo and the Basic Authorization
 * value curl would send for it (percent-decoded user and password, UTF-8, `user:` when there is
 * no password). A URL without userinfo, or not a URL at all, comes back unchanged.
 */
export function splitUrlCredentials(url: string): UrlCredentials {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (parsed.username === '' && parsed.password === '') return { url };
  const username = decode(parsed.username);
  const password = decode(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const token = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return { url: parsed.href, authorization: `Basic ${token}`, credentials: { username, password } };
}

/**
 * Headers with the URL's credentials added. A configured Authorization header wins, as curl's
 * `-H` wins over `user:pw@`: it was written for this request on purpose.
 */
export function withAuthorization(
  headers: Readonly<Record<string, string>>,
  authorization: string | undefined,
): Record<string, string> {
  const copy = { ...headers };
  if (authorization === undefined) return copy;
  if (Object.keys(copy).some((name) => name.toLowerCase() === 'authorization')) return copy;
  copy.authorization = authorization;
  return copy;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.startsWith('127.') ||
    hostname === '[::1]' ||
    hostname === '[0:0:0:0:0:0:0:1]'
  );
}

/** True when NO_PROXY (or loopback) sends a request to `target` direct. */
export function bypassesProxy(target: URL, env: Env = process.env): boolean {
  const host = target.hostname.toLowerCase();
  if (isLoopback(host)) return true;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const names = [host, `${host}:${port}`];
  for (const raw of (env.no_proxy || env.NO_PROXY || '').split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    const suffix = entry.startsWith('.') ? entry : `.${entry}`;
    if (names.some((name) => name === entry || name.endsWith(suffix))) return true;
  }
  return false;
}

/**
 * The proxy for a request to `target`, or undefined to go direct. A value without a scheme
 * (`proxy.corp:3128`) means http, as curl reads it. An unusable value throws naming the variable,
 * never echoing it (it may hold the proxy's password).
 */
export function proxyFor(target: URL, env: Env = process.env): URL | undefined {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
  if (bypassesProxy(target, env)) return undefined;
  const names =
    target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  const name = names.find((n) => env[n]);
  const value = name === undefined ? undefined : env[name]?.trim();
  if (name === undefined || !value) return undefined;
  try {
    const proxy = new URL(value.includes('://') ? value : `http://${value}`);
    if ((proxy.protocol === 'http:' || proxy.protocol === 'https:') && proxy.hostname) return proxy;
  } catch {
    // reported below
  }
  throw Object.assign(new Error(`${name} is not a usable proxy URL (expected http://host:port)`), {
    code: 'ERR_INVALID_PROXY_URL',
  });
}

export interface OutboundOptions {
  /** Budget for the connection: TCP, the proxy's CONNECT and TLS. */
  connectTimeoutMs: number;
  /**
   * Called once the socket the request is written on is ready: to the target when direct or
   * tunnelled, to the proxy when an http request is forwarded.
   */
  onConnected?: () => void;
  /**
   * The caller makes one exchange and then destroys the dispatcher (see `finishExchange`): the
   * connection is not refused keep-alive, it is closed by us, which costs no reset error per
   * request. Without it, keep-alive is refused (a caller that forgets to destroy leaks nothing).
   */
  oneExchange?: boolean;
  env?: Env;
}

export interface Outbound {
  dispatcher: Dispatcher;
  /** `host:port` of the proxy in use (never its credentials), for messages. */
  via?: string;
}

type Connector = buildConnector.connector;

function tap(connect: unknown, onConnected: (() => void) | undefined): unknown {
  if (onConnected === undefined || typeof connect !== 'function') return connect;
  const inner = connect as Connector;
  return ((opts, callback) =>
    inner(opts, (error, socket) => {
      if (!error) onConnected();
      (callback as (e: Error | null, s: typeof socket) => void)(error, socket);
    })) as Connector;
}

/**
 * Connectors by timeout, shared: a connector holds no connection, and with no TLS session cache
 * (every handshake is a full one, so a certificate is checked on every probe) it holds no state.
 */
const connectors = new Map<number, Connector>();
function connectorFor(timeoutMs: number): Connector {
  let connector = connectors.get(timeoutMs);
  if (connector === undefined) {
    connector = buildConnector({ timeout: timeoutMs, maxCachedSessions: 0 });
    connectors.set(timeoutMs, connector);
  }
  return connector;
}

/**
 * A dispatcher for requests to `target`'s origin: direct or through the proxy the environment
 * names. One connection, never shared, so a socket never outlives the caller's exchange:
 * destroy the dispatcher when done.
 */
export function openDispatcher(target: string | URL, options: OutboundOptions): Outbound {
  const url = typeof target === 'string' ? new URL(target) : target;
  const proxy = proxyFor(url, options.env);
  const keepAlive = options.oneExchange ? {} : { pipelining: 0 };
  if (proxy === undefined) {
    // Direct: the one connection is this Client's own.
    return {
      dispatcher: new Client(url.origin, {
        ...keepAlive,
        connect: tap(connectorFor(options.connectTimeoutMs), options.onConnected) as Connector,
      }),
    };
  }
  // Every connection through the proxy, tunnelled or to the proxy, is made by this factory: one
  // place to see it connect and to refuse keep-alive.
  const factory = (origin: string | URL, opts: object): Dispatcher =>
    new Client(origin, {
      ...keepAlive,
      ...opts,
      connect: tap((opts as { connect?: unknown }).connect, options.onConnected) as Connector,
    });
  return {
    dispatcher: new ProxyAgent({
      connections: 1,
      ...keepAlive,
      factory,
      uri: proxy.href,
      connectTimeout: options.connectTimeoutMs,
    }),
    via: proxy.host,
  };
}

/**
 * Closes a dispatcher after its exchange. `done` tells undici why: an error made once, so
 * closing costs no new error (undici would make one, with its stack, on every close).
 */
const EXCHANGE_DONE = Object.assign(new Error('exchange finished: connection closed by us'), {
  code: 'EXCHANGE_DONE',
});
void EXCHANGE_DONE.stack;
export function finishExchange(dispatcher: Dispatcher): void {
  dispatcher.destroy(EXCHANGE_DONE).catch(() => undefined);
}

/**
 * `promise`, or a rejection with the signal's reason as soon as it aborts. undici leaves a
 * request pending while a proxy has not answered CONNECT, whatever the request's signal says, so
 * every deadline of ours goes through here; destroying the dispatcher afterwards ends the CONNECT.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined); // settled after we gave up: nobody is listening any more
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error as Error)),
    );
  });
}

/**
 * For the input check: each proxy variable that some of `urls` would use but that is not a
 * usable proxy URL. Refused before the first request, since every probe through it would fail
 * and a healthy release be rolled back. Names the variable, never its value (it may hold
 * credentials).
 */
export function proxyProblems(urls: readonly string[], env: Env = process.env): string[] {
  const problems = new Set<string>();
  for (const url of urls) {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      continue; // the URL inputs report their own problems
    }
    try {
      proxyFor(target, env);
    } catch (error) {
      problems.add(
        `${(error as Error).message}; every request to ${target.protocol}// URLs would go through it`,
      );
    }
  }
  return [...problems];
}
