/**
 * Posts a message to an incoming webhook (Slack, or anything Slack-compatible) with undici: one
 * attempt under a deadline, and one retry when the failure may pass (no answer, a 5xx, a 429).
 * A Retry-After is honoured up to a cap: a longer one is waited for only as long as the cap, then
 * the one retry goes out, so the whole send is bounded (two attempts and one capped wait, see
 * ../paperwork.ts). Other 4xx are never retried: the same request would be refused again.
 * Redirects are not followed.
 *
 * The webhook URL is a secret (it is the credential): it never appears in a warning, and failing
 * to notify is a warning, never a changed verdict. Nothing here throws. The runner's proxy
 * variables apply, and userinfo in the URL is sent as Basic auth (../http/outbound.ts).
 */
import { request, type Dispatcher } from 'undici';
import { errorText } from '../evidence/error-text.js';
import { Redactor } from '../secrets/redact.js';
import {
  openDispatcher,
  splitUrlCredentials,
  untilAborted,
  withAuthorization,
} from '../http/outbound.js';
import { WEBHOOK_ATTEMPT_CAP_MS, WEBHOOK_RETRY_WAIT_CAP_MS } from '../service/paperwork.js';
import type { SlackMessage } from './slack-message.js';

export interface SendOptions {
  /** Bound on one attempt: connect, send, response. Default 10 s. */
  timeoutMs?: number;
  /** Wait before the retry when the server gives no Retry-After. Default 2 s. */
  retryDelayMs?: number;
  /** The longest wait before the retry, whatever Retry-After asks. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Cancels waiting and sending (the runner's SIGTERM). */
  signal?: AbortSignal;
  /** Waits between attempts; tests record the delays instead of sleeping. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** For HTTP-date Retry-After values. */
  now?: () => number;
  /** Masks other secrets in warnings; the webhook URL is always masked. */
  redactor?: Redactor;
}

export type SendOutcome =
  { ok: true; attempts: number; status: number } | { ok: false; attempts: number; warning: string };

const MAX_ATTEMPTS = 2;
/** Enough of an error body to read ("invalid_payload", "no_service"), never a page. */
const MAX_BODY_EXCERPT = 200;
const MAX_BODY_READ = 4096;

type Attempt =
  | { kind: 'sent'; status: number }
  | { kind: 'refused'; status: number; body: string; retryAfter?: string }
  | { kind: 'no-answer'; why: string };

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Retry-After as milliseconds: delta-seconds or an HTTP-date; undefined when unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function readExcerpt(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_BODY_READ) break;
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_BODY_EXCERPT);
}

async function attempt(
  url: string,
  authorization: string | undefined,
  body: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  const deadline = AbortSignal.timeout(timeoutMs);
  let dispatcher: Dispatcher | undefined;
  try {
    dispatcher = openDispatcher(url, { connectTimeoutMs: timeoutMs }).dispatcher;
    const both = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const response = await untilAborted(
      request(url, {
        method: 'POST',
        body,
        headers: withAuthorization(
          { 'content-type': 'application/json; charset=utf-8' },
          authorization,
        ),
        signal: both,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        dispatcher,
      }),
      both,
    );
    const excerpt = await readExcerpt(response.body);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { kind: 'sent', status: response.statusCode };
    }
    const retryAfter = response.headers['retry-after'];
    return {
      kind: 'refused',
      status: response.statusCode,
      body: excerpt,
      ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
    };
  } catch (error) {
    if (deadline.aborted) return { kind: 'no-answer', why: `no response within ${timeoutMs} ms` };
    if (signal?.aborted) return { kind: 'no-answer', why: 'cancelled' };
    const code = (error as { code?: unknown }).code;
    return {
      kind: 'no-answer',
      why: `${typeof code === 'string' ? `${code}: ` : ''}${errorText(error)}`,
    };
  } finally {
    await dispatcher?.destroy().catch(() => undefined);
  }
}

/** The parts of a webhook URL that identify it on their own: its path and query. */
function secretParts(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [parsed.pathname, parsed.search.slice(1)].filter((part) => part.length >= 8);
  } catch {
    return [];
  }
}

export async function sendWebhook(
  url: string,
  message: SlackMessage,
  options: SendOptions = {},
): Promise<SendOutcome> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_ATTEMPT_CAP_MS;
  const retryDelayMs = options.retryDelayMs ?? 2_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? WEBHOOK_RETRY_WAIT_CAP_MS;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const redactor = options.redactor ?? new Redactor();
  const target = splitUrlCredentials(url);
  redactor.addSecret(url);
  redactor.addSecret(target.url);
  // `user:pw` as a whole: the redactor derives its base64 and a password long enough to mask.
  const userinfo = target.credentials;
  if (userinfo) redactor.addSecret(`${userinfo.username}:${userinfo.password}`);
  // Slack's credential is the path (/services/T…/B…/<token>); a receiver may echo it alone.
  for (const part of secretParts(target.url)) redactor.addSecret(part);
  const warn = (attempts: number, why: string): SendOutcome => ({
    ok: false,
    attempts,
    warning: redactor.redactText(
      `Notification not sent to the webhook (${attempts} attempt${attempts === 1 ? '' : 's'}): ${why}. The verdict is unchanged.`,
    ),
  });

  // The message is redacted as a whole too: no secret (the webhook URL included) leaves in it.
  const body = JSON.stringify(redactor.redact(message));
  for (let n = 1; ; n += 1) {
    const result = await attempt(target.url, target.authorization, body, timeoutMs, options.signal);
    if (result.kind === 'sent') return { ok: true, attempts: n, status: result.status };
    const why =
      result.kind === 'no-answer'
        ? result.why
        : `HTTP ${result.status}${result.body ? ` (${result.body})` : ''}`;
    if (options.signal?.aborted) return warn(n, why);
    if (result.kind === 'refused' && result.status !== 429 && result.status < 500) {
      return warn(n, `${why}; not retried, the same message would be refused again`);
    }
    if (n >= MAX_ATTEMPTS) return warn(n, why);
    let delay = retryDelayMs;
    if (result.kind === 'refused') {
      const asked = retryAfterMs(result.retryAfter, now());
      // A longer Retry-After is cut to the cap: the retry may then be refused again, which
      // costs one request and ends the send; waiting longer would hold the whole job.
      if (asked !== undefined) delay = Math.min(asked, maxRetryAfterMs);
    }
    await sleep(delay, options.signal);
    if (options.signal?.aborted) return warn(n, `${why}; cancelled before the retry`);
  }
}
