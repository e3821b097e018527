/**
 * Posts a message to an incoming webhook (Slack, or anything Slack-compatible) with undici: one
 * attempt under a deadline, and one retry when the failure may pass (no answer, a 5xx, a 429).
 * A 429's Retry-After is honoured when it is within the cap; longer than that the message is
 * given up rather than holding the job. Other 4xx are never retried: the same request would be
 * refused again. Redirects are not followed.
 *
 * The webhook URL is a secret (it is the credential): it never appears in a warning, and failing
 * to notify is a warning, never a changed verdict. Nothing here throws.
 */
import { Agent, request } from 'undici';
import { errorText } from '../evidence/error-text.js';
import { Redactor } from '../evidence/redact.js';
import type { SlackMessage } from './slack-message.js';

export interface SendOptions {
  /** Bound on one attempt: connect, send, response. Default 10 s. */
  timeoutMs?: number;
  /** Wait before the retry when the server gives no Retry-After. Default 2 s. */
  retryDelayMs?: number;
  /** The longest Retry-After honoured. Default 30 s. */
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
  body: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const dispatcher = new Agent({ connect: { timeout: timeoutMs } });
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      dispatcher,
    });
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
    await dispatcher.destroy().catch(() => undefined);
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
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 2_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const redactor = options.redactor ?? new Redactor();
  redactor.addSecret(url);
  // Slack's credential is the path (/services/T…/B…/<token>); a receiver may echo it alone.
  for (const part of secretParts(url)) redactor.addSecret(part);
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
    const result = await attempt(url, body, timeoutMs, options.signal);
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
      if (asked !== undefined && asked > maxRetryAfterMs) {
        return warn(
          n,
          `${why}; the server asked to retry after ${Math.ceil(asked / 1000)} s, longer than the ${Math.round(maxRetryAfterMs / 1000)} s this step waits`,
        );
      }
      if (asked !== undefined) delay = asked;
    }
    await sleep(delay, options.signal);
  }
}
