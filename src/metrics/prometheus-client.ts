/**
 * PromQL instant queries over HTTP (undici). Every failure comes back as a classified outcome;
 * only a cancellation by the caller's signal throws.
 *
 * The query goes as a POST form (`application/x-www-form-urlencoded`), which the Prometheus
 * HTTP API and VictoriaMetrics accept for /api/v1/query: a long PromQL expression cannot hit a
 * URL length limit, and it stays out of access logs of proxies on the way. GET is available
 * for endpoints that refuse POST.
 *
 * The runner's proxy variables apply, and `https://user:pw@host/...` is sent as Basic auth unless
 * a token is given (../http/outbound.ts).
 */
import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { openDispatcher, splitUrlCredentials, untilAborted } from '../http/outbound.js';
import { interpretQueryResponse } from './prometheus-response.js';
import type { QueryErrorClass, QueryOutcome } from './query-outcome.js';

export type { QueryOutcome, QueryValue, QueryError, QueryErrorClass } from './query-outcome.js';

/** Bytes of the body kept in an outcome's `raw`. */
export const RAW_LIMIT_BYTES = 2048;
/** Bodies larger than this are not read further: an instant query for one number is small. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const REDACTED = '***';

/**
 * Authorization header value: a token that already names its scheme (`FlyV1 ...` from
 * `fly tokens create`, or `Bearer ...`) is sent as is, anything else as `Bearer <token>`.
 */
export function authorizationHeader(token: string): string {
  const trimmed = token.trim();
  if (/^(FlyV1|Bearer) \S/.test(trimmed)) return trimmed;
  return `Bearer ${trimmed}`;
}

export const prometheusBaseUrlSchema = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '';
      } catch {
        return false;
      }
    },
    {
      error: (issue) =>
        `prometheus-url ${JSON.stringify(issue.input)} is not accepted: use an http(s) URL without a query string, e.g. https://api.fly.io/prometheus/<org-slug>`,
    },
  );

const optionsSchema = z.object({
  baseUrl: prometheusBaseUrlSchema,
  query: z.string().trim().min(1, { error: 'query must not be empty' }),
  timeoutMs: z
    .number()
    .int()
    .positive({
      error: (issue) => `timeoutMs must be a positive integer, got ${String(issue.input)}`,
    }),
  method: z.enum(['POST', 'GET']).default('POST'),
  maxBodyBytes: z.number().int().positive().default(DEFAULT_MAX_BODY_BYTES),
});

export interface InstantQueryOptions {
  /** Prometheus API base; `/api/v1/query` is appended (e.g. https://api.fly.io/prometheus/my-org). */
  baseUrl: string;
  /** PromQL, already expanded (no `$window`). */
  query: string;
  /** A secret: sent in the Authorization header, redacted from everything returned. */
  token?: string;
  /** Budget for the whole exchange: connect, headers and body. */
  timeoutMs: number;
  /** Cancels the query; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  method?: 'POST' | 'GET';
  maxBodyBytes?: number;
  /** For tests or a custom agent; defaults to one from the runner's proxy settings. */
  dispatcher?: Dispatcher;
}

/**
 * The query endpoint for a base URL, with or without a trailing slash. A URL that already ends
 * in /api/v1/query is used as given rather than doubled.
 */
export function queryEndpoint(baseUrl: string): URL {
  const base = new URL(baseUrl);
  const path = base.pathname.replace(/\/+$/, '');
  base.pathname = path.endsWith('/api/v1/query') ? path : `${path}/api/v1/query`;
  return base;
}

/** Network failures, classified by their code (Node's errno names and undici's codes). */
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return errorCode(cause);
}

export function classifyNetworkError(code: string | undefined): QueryErrorClass {
  return code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'unreachable';
}

/** Below this a password is not masked on its own: it would match innocent text. */
const MIN_MASKED_PASSWORD = 6;

/** Replaces the token or URL credentials (and the headers made from them) wherever echoed. */
function redactor(
  token: string | undefined,
  basic: { header: string; password: string } | undefined,
): (text: string) => string {
  const secrets: string[] = [];
  if (token !== undefined && token.trim() !== '') {
    const header = authorizationHeader(token);
    secrets.push(header, token.trim(), header.replace(/^(FlyV1|Bearer) /, ''));
  }
  if (basic) {
    secrets.push(basic.header, basic.header.replace(/^Basic /, ''));
    if (basic.password.length >= MIN_MASKED_PASSWORD) secrets.push(basic.password);
  }
  const longestFirst = [...new Set(secrets)]
    .filter((secret) => secret !== '')
    .sort((a, b) => b.length - a.length);
  return (text) => longestFirst.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

function trimRaw(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= RAW_LIMIT_BYTES) return text;
  // Cutting bytes may split a character; the decoder turns the stray tail into U+FFFD.
  return `${bytes.subarray(0, RAW_LIMIT_BYTES).toString('utf8')}... (${bytes.length} bytes)`;
}

class BodyTooLarge extends Error {}

async function readBounded(body: AsyncIterable<Uint8Array> & { destroy(): void }, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLarge(`the answer is larger than ${limit} bytes`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs one instant query. Resolves with a value or a classified error; never leaks the token. */
export async function queryInstant(options: InstantQueryOptions): Promise<QueryOutcome> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new TypeError(`queryInstant: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const { baseUrl, query, timeoutMs, method, maxBodyBytes } = parsed.data;
  const { token, signal: callerSignal } = options;
  const target = splitUrlCredentials(baseUrl);
  const basic =
    target.authorization && target.credentials
      ? { header: target.authorization, password: target.credentials.password }
      : undefined;
  const redact = redactor(token, basic);

  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;

  const url = queryEndpoint(target.url);
  const form = new URLSearchParams({ query }).toString();
  if (method === 'GET') url.search = form;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': 'deploy-gate',
  };
  // The token input is explicit; URL credentials are the fall-back (both would be one header).
  if (token !== undefined && token.trim() !== '')
    headers.authorization = authorizationHeader(token);
  else if (target.authorization) headers.authorization = target.authorization;
  if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';

  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  let httpStatus: number | undefined;
  let bodyText: string;
  let own: Dispatcher | undefined;
  let via: string | undefined;
  try {
    let dispatcher = options.dispatcher;
    if (dispatcher === undefined) {
      ({ dispatcher, via } = openDispatcher(url, { connectTimeoutMs: timeoutMs }));
      own = dispatcher;
    }
    const response = await untilAborted(
      request(url, {
        method,
        headers,
        ...(method === 'POST' ? { body: form } : {}),
        signal,
        // Backstops behind the overall signal, so a stalled socket is torn down by undici too.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        dispatcher,
      }),
      signal,
    );
    httpStatus = response.statusCode;
    bodyText = await readBounded(response.body, maxBodyBytes);
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const base = { durationMs: elapsed(), ...(httpStatus !== undefined ? { httpStatus } : {}) };
    if (error instanceof BodyTooLarge) {
      return { kind: 'error', errorClass: 'bad-response', message: error.message, ...base };
    }
    // Whichever fired first (our signal, or undici's own headers/body timer), it is a timeout.
    const code = timeoutSignal.aborted ? undefined : errorCode(error);
    const errorClass = timeoutSignal.aborted ? 'timeout' : classifyNetworkError(code);
    const message =
      errorClass === 'timeout'
        ? `no complete answer within ${timeoutMs} ms${code ? ` (${code})` : ''}`
        : `Prometheus unreachable at ${url.origin}${via ? ` via proxy ${via}` : ''} (${code ?? 'no error code'})`;
    return { kind: 'error', errorClass, message, ...(code !== undefined ? { code } : {}), ...base };
  } finally {
    own?.destroy().catch(() => undefined);
  }

  const durationMs = elapsed();
  const outcome = interpretQueryResponse(httpStatus, bodyText);
  const raw = trimRaw(redact(bodyText));
  if (outcome.kind === 'value') {
    // Warnings and labels come from the server too: a proxy that echoes headers must not leak.
    const { warnings, labels } = outcome;
    return {
      ...outcome,
      ...(warnings ? { warnings: warnings.map(redact) } : {}),
      ...(labels
        ? {
            labels: Object.fromEntries(
              Object.entries(labels).map(([key, value]) => [redact(key), redact(value)]),
            ),
          }
        : {}),
      raw,
      durationMs,
    };
  }
  return { ...outcome, message: redact(outcome.message), raw, durationMs };
}
