/**
 * One probe: an HTTP exchange with undici under a single deadline covering connect, headers and
 * body, redirects followed by hand (so each hop shares the deadline), the first 64 KiB of the body
 * kept for assertions and the rest never read. Each probe gets its own connection: a health check
 * must not be answered by a kept-alive socket to a machine that is already gone.
 *
 * The runner's proxy variables and credentials in the URL are honoured (../http/outbound.ts).
 * Latency through a proxy is what this runner sees, proxy hop included: it is measured, not
 * corrected, and failure messages then name the proxy so a proxy outage is not mistaken for the
 * release's. Userinfo never leaves this module in a URL: it is sent as Basic auth and stripped.
 */
import { hash } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { formatLate, runnerWasLate } from '../gate/lateness.js';
import type { ProbeFailure, ProbeResult } from '../gate/types.js';
import {
  finishExchange,
  openDispatcher,
  splitUrlCredentials,
  untilAborted,
  withAuthorization,
} from '../http/outbound.js';
import type { RequestSettings, ResponseExpectations } from './expectations.js';
import { classifyNetworkError } from './classify-error.js';
import { judgeResponse } from './check-response.js';

export const BODY_READ_LIMIT = 64 * 1024;
export const MAX_REDIRECTS = 5;
const EXCERPT_CHARS = 256;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface ProbeOptions {
  request: RequestSettings;
  expect: ResponseExpectations;
  maxLatencyMs: number;
  /** Overrides request.timeoutMs, e.g. to end exactly at the startup deadline. */
  timeoutMs?: number;
  /** Cancels the probe (the run was cancelled); the promise then rejects with the reason. */
  signal?: AbortSignal;
}

/**
 * Our own lateness: a timer every SAMPLE_MS, while probes are in flight, adds up how late it
 * fires (only lags past LAG_NOISE_MS, so timer jitter does not add up). A probe reads the total
 * at its start and end: the difference is how long our event loop was stalled meanwhile.
 */
const SAMPLE_MS = 20;
const LAG_NOISE_MS = 5;
const lag = {
  inFlight: 0,
  stalledMs: 0,
  last: 0,
  timer: undefined as NodeJS.Timeout | undefined,
};

/** The lag a tick is owed but has not run yet to add (the loop may be stalled right now). */
const pendingLag = (now: number) => {
  const late = now - lag.last - SAMPLE_MS;
  return late > LAG_NOISE_MS ? late : 0;
};

/** Total stall so far, the one under way included, so a probe is charged only its own. */
const stalledSoFar = () => lag.stalledMs + pendingLag(performance.now());

function startLagSampler(): void {
  if (lag.inFlight++ > 0) return;
  lag.last = performance.now();
  lag.timer = setInterval(() => {
    const now = performance.now();
    lag.stalledMs += pendingLag(now);
    lag.last = now;
  }, SAMPLE_MS);
  lag.timer.unref();
}

function stopLagSampler(): void {
  if (--lag.inFlight > 0) return;
  clearInterval(lag.timer);
  lag.timer = undefined;
}

/**
 * A failure that our own stall explains is not the release's: a timeout while we were stalled
 * at least lateThresholdMs (the release was not given its time), or a too-slow response that
 * would have been fast enough without the stall. Other failures are facts from the server.
 */
function blameRunner(
  failure: ProbeFailure,
  runnerDelayMs: number,
  timeoutMs: number,
  latencyMs: number,
  maxLatencyMs: number,
): ProbeFailure {
  if (!runnerWasLate(runnerDelayMs, timeoutMs)) return failure;
  const ours =
    failure.class.startsWith('timeout-') ||
    (failure.class === 'too-slow' && latencyMs - runnerDelayMs <= maxLatencyMs);
  if (!ours) return failure;
  return {
    class: 'runner-overloaded',
    message: `not counted: our event loop was stalled ${formatLate(runnerDelayMs)} while this probe was in flight (${failure.class}: ${failure.message})`,
    // The class it would have had: for a timeout, the stage the deadline cut short.
    code: failure.class,
  };
}

/** Which part of the exchange a deadline cut short. */
type Stage = 'connect' | 'headers' | 'body';

class ProbeDeadline extends Error {
  constructor() {
    super('probe deadline');
  }
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  location?: string;
}

function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function timeoutFailure(stage: Stage, timeoutMs: number): ProbeFailure {
  const what = { connect: 'connect', headers: 'response headers', body: 'body' }[stage];
  return {
    class: `timeout-${stage}`,
    message: `${what} not complete within ${timeoutMs} ms`,
    code: 'PROBE_DEADLINE',
  };
}

/** Method after a redirect, as browsers and curl do: 303 (and 301/302 for POST) turn into GET. */
function methodAfterRedirect(status: number, method: string): string {
  if (status === 303 && method !== 'HEAD') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}

export async function probeUrl(url: string, options: ProbeOptions): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? options.request.timeoutMs;
  const deadline = new AbortController();
  const started = performance.now();
  startLagSampler();
  const stalledAtStart = stalledSoFar();
  /** How late the deadline timer fired: our loop was busy when it was due. */
  let deadlineLateMs = 0;
  const timer = setTimeout(() => {
    deadlineLateMs = Math.max(0, performance.now() - started - timeoutMs);
    deadline.abort(new ProbeDeadline());
  }, timeoutMs);
  const runnerDelayMs = () => Math.max(deadlineLateMs, stalledSoFar() - stalledAtStart);
  // The caller's cancel ends the probe too: it aborts the deadline's controller, whose signal
  // then carries the caller's reason (the catch below tells the two apart).
  const outer = options.signal;
  const onCancel = () => deadline.abort(outer?.reason);
  if (outer?.aborted) onCancel();
  else outer?.addEventListener('abort', onCancel, { once: true });
  const signal = deadline.signal;
  let stage: Stage = 'connect';
  const elapsed = () => performance.now() - started;
  const target = splitUrlCredentials(url);
  const redirects: string[] = [];
  const visited = new Set<string>([target.url]);
  const dispatchers: Dispatcher[] = [];
  let via: string | undefined;
  let method = options.request.method;
  let headers = withAuthorization(options.request.headers, target.authorization);
  let current = target.url;

  try {
    for (;;) {
      stage = 'connect';
      // A dispatcher per hop: a redirect may lead to a host the proxy rules treat differently.
      const outbound = openDispatcher(current, {
        connectTimeoutMs: timeoutMs,
        onConnected: () => (stage = 'headers'),
        oneExchange: true,
      });
      dispatchers.push(outbound.dispatcher);
      via = outbound.via;
      const response = await untilAborted(
        request(current, {
          method: method as 'GET',
          headers,
          dispatcher: outbound.dispatcher,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        }),
        signal,
      );
      stage = 'body';
      const hop: Hop = { status: response.statusCode, headers: flattenHeaders(response.headers) };
      hop.location = hop.headers.location;
      if (options.request.followRedirects && REDIRECT_STATUSES.has(hop.status) && hop.location) {
        discard(response.body);
        // Userinfo in a Location is neither used nor recorded: the server chose it, not the user.
        const next = splitUrlCredentials(new URL(hop.location, current).href).url;
        redirects.push(next);
        if (visited.has(next)) {
          return redirectFailure(
            `redirect loop: ${[target.url, ...redirects].join(' -> ')}`,
            hop,
            redirects,
            elapsed(),
          );
        }
        if (redirects.length > MAX_REDIRECTS) {
          return redirectFailure(`more than ${MAX_REDIRECTS} redirects`, hop, redirects, elapsed());
        }
        // Secrets in headers go to the origin they were meant for, never to another one.
        if (new URL(next).origin !== new URL(current).origin) headers = {};
        method = methodAfterRedirect(hop.status, method);
        visited.add(next);
        current = next;
        continue;
      }
      const body = await readHead(response.body);
      const latencyMs = elapsed();
      const text = body.bytes.toString('utf8');
      const judged = judgeResponse(
        {
          status: hop.status,
          headers: hop.headers,
          body: text,
          bodyTruncated: body.truncated,
          latencyMs,
        },
        options.expect,
        options.maxLatencyMs,
      );
      const delayMs = runnerDelayMs();
      const failure =
        judged.failure &&
        blameRunner(judged.failure, delayMs, timeoutMs, latencyMs, options.maxLatencyMs);
      return {
        ok: failure === undefined,
        ...(failure ? { failure } : {}),
        status: hop.status,
        latencyMs,
        ...(delayMs > 0 ? { runnerDelayMs: delayMs } : {}),
        ...(judged.versionSeen !== undefined ? { versionSeen: judged.versionSeen } : {}),
        headers: hop.headers,
        bodySha256: hash('sha256', body.bytes, 'hex'),
        bodyExcerpt: text.slice(0, EXCERPT_CHARS),
        bodyBytesRead: body.bytes.length,
        bodyTruncated: body.truncated,
        ...(redirects.length ? { redirects } : {}),
      };
    }
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const failed =
      deadline.signal.reason instanceof ProbeDeadline
        ? timeoutFailure(stage, timeoutMs)
        : classifyNetworkError(error);
    if (via !== undefined) failed.message += ` (via proxy ${via})`;
    const latencyMs = elapsed();
    const delayMs = runnerDelayMs();
    const failure = blameRunner(failed, delayMs, timeoutMs, latencyMs, options.maxLatencyMs);
    return {
      ok: false,
      failure,
      latencyMs,
      ...(delayMs > 0 ? { runnerDelayMs: delayMs } : {}),
      ...(redirects.length ? { redirects } : {}),
    };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onCancel);
    stopLagSampler();
    for (const dispatcher of dispatchers) finishExchange(dispatcher);
  }
}

function redirectFailure(
  message: string,
  hop: Hop,
  redirects: string[],
  latencyMs: number,
): ProbeResult {
  return {
    ok: false,
    failure: { class: 'redirect', message },
    status: hop.status,
    latencyMs,
    headers: hop.headers,
    redirects,
  };
}

type Body = AsyncIterable<Buffer> & {
  destroy(): void;
  on(event: 'error', listener: () => void): unknown;
};

/** Closes a body we will not read; the abort error it then emits is expected, not a failure. */
function discard(body: Body): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads at most BODY_READ_LIMIT bytes, then closes the stream: the rest is never buffered. */
async function readHead(body: Body): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = BODY_READ_LIMIT - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      discard(body);
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
