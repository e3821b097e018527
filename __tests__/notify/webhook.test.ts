/**
 * The webhook sender against a real HTTP receiver: what is retried (no answer, 5xx, 429 within
 * the Retry-After cap), what is not (other 4xx), and that the webhook URL, a secret, never shows.
 */
import { Redactor } from '../../src/secrets/redact.js';
import { buildSlackMessage } from '../../src/notify/slack-message.js';
import { retryAfterMs, sendWebhook, type SendOptions } from '../../src/notify/webhook.js';
import { startForwardProxy, withProxyEnv } from '../helpers/forward-proxy.js';
import { closedPort } from '../helpers/http-server.js';
import { SECRET_PATH, startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const message = buildSlackMessage({
  service: 'api',
  verdict: 'rolled-back',
  reason: 'error rate 30% exceeds 5%',
  rollback: { target: 'v41', created: 'v44' },
  links: {
    run: 'https://github.com/octo/shop/actions/runs/777/attempts/1',
    runbook: 'https://wiki.example.com/runbooks/api?section=rollback&lang=en',
  },
});

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Records the waits instead of sleeping: deterministic and instant. */
function recorder(): { waits: number[]; options: SendOptions } {
  const waits: number[] = [];
  return {
    waits,
    options: { retryDelayMs: 2000, sleep: async (ms) => void waits.push(ms) },
  };
}

function expectNoSecret(text: string) {
  expect(text).not.toContain('s3cr3tWebhookPathToken42');
  expect(text).not.toContain(SECRET_PATH);
}

describe('sendWebhook', () => {
  it('posts the message as JSON once when the receiver says ok', async () => {
    server = await startWebhookServer();
    const { waits, options } = recorder();
    const outcome = await sendWebhook(server.url, message, options);
    expect(outcome).toEqual({ ok: true, attempts: 1, status: 200 });
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.body).toEqual(JSON.parse(JSON.stringify(message)));
  });

  it('retries once after a 500, with the backoff delay', async () => {
    server = await startWebhookServer([{ status: 500, body: 'internal_error' }]);
    const { waits, options } = recorder();
    const outcome = await sendWebhook(server.url, message, options);
    expect(outcome).toEqual({ ok: true, attempts: 2, status: 200 });
    expect(waits).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('honours a 429 Retry-After within the cap', async () => {
    server = await startWebhookServer([
      { status: 429, headers: { 'retry-after': '3' }, body: 'rate_limited' },
    ]);
    const { waits, options } = recorder();
    const outcome = await sendWebhook(server.url, message, options);
    expect(outcome).toEqual({ ok: true, attempts: 2, status: 200 });
    expect(waits).toEqual([3000]);
  });

  it('waits at most the cap when Retry-After is longer, then retries once', async () => {
    server = await startWebhookServer([
      { status: 429, headers: { 'retry-after': '120' }, body: 'rate_limited' },
    ]);
    const { waits, options } = recorder();
    const outcome = await sendWebhook(server.url, message, { ...options, maxRetryAfterMs: 30_000 });
    expect(outcome).toEqual({ ok: true, attempts: 2, status: 200 });
    expect(waits).toEqual([30_000]);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries another 4xx', async () => {
    server = await startWebhookServer([{ status: 400, body: 'invalid_payload' }]);
    const { waits, options } = recorder();
    const outcome = await sendWebhook(server.url, message, options);
    expect(outcome).toEqual({
      ok: false,
      attempts: 1,
      warning:
        'Notification not sent to the webhook (1 attempt): HTTP 400 (invalid_payload); not retried, the same message would be refused again. The verdict is unchanged.',
    });
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after two attempts that get no answer within the timeout', async () => {
    server = await startWebhookServer([
      { status: 200, delayMs: 5000 },
      { status: 200, delayMs: 5000 },
    ]);
    const { waits, options } = recorder();
    const started = performance.now();
    const outcome = await sendWebhook(server.url, message, { ...options, timeoutMs: 100 });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(outcome).toEqual({
      ok: false,
      attempts: 2,
      warning:
        'Notification not sent to the webhook (2 attempts): no response within 100 ms. The verdict is unchanged.',
    });
    expect(waits).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection once and never names the URL', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}${SECRET_PATH}`;
    const { waits, options } = recorder();
    const outcome = await sendWebhook(url, message, options);
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBe(2);
    expect(waits).toEqual([2000]);
    const warning = outcome.ok ? '' : outcome.warning;
    expect(warning).toMatch(
      /^Notification not sent to the webhook \(2 attempts\): ECONNREFUSED: .*\. The verdict is unchanged\.$/,
    );
    expectNoSecret(warning);
  });

  it('masks the webhook URL wherever it would appear, the message included', async () => {
    server = await startWebhookServer([{ status: 403, body: `bad hook ${SECRET_PATH}` }]);
    const leaky = buildSlackMessage({
      service: 'api',
      verdict: 'unhealthy',
      reason: `upstream answered with the hook ${server.url} in it`,
      links: {},
    });
    const outcome = await sendWebhook(server.url, leaky, { redactor: new Redactor() });
    expect(outcome.ok).toBe(false);
    expectNoSecret(outcome.ok ? '' : outcome.warning);
    expectNoSecret(JSON.stringify(server.requests[0]?.body));
  });

  it('stops at once when cancelled', async () => {
    server = await startWebhookServer([{ status: 200, delayMs: 5000 }]);
    const controller = new AbortController();
    const sending = sendWebhook(server.url, message, {
      signal: controller.signal,
      timeoutMs: 5000,
    });
    setTimeout(() => controller.abort(), 50);
    const outcome = await sending;
    expect(outcome).toEqual({
      ok: false,
      attempts: 1,
      warning:
        'Notification not sent to the webhook (1 attempt): cancelled. The verdict is unchanged.',
    });
  });
});

describe('sendWebhook on a runner: proxies and credentials in the URL', () => {
  it('posts through HTTP_PROXY to a host only the proxy can reach', async () => {
    server = await startWebhookServer();
    const proxy = await startForwardProxy({ hosts: { 'hooks.internal.test': '127.0.0.1' } });
    try {
      const url = server.url.replace('127.0.0.1', 'hooks.internal.test');
      const outcome = await withProxyEnv({ HTTP_PROXY: proxy.url }, () =>
        sendWebhook(url, message, recorder().options),
      );
      expect(outcome).toEqual({ ok: true, attempts: 1, status: 200 });
      expect(proxy.requests).toEqual([expect.objectContaining({ method: 'POST', target: url })]);
      expect(server.requests[0]?.body).toEqual(JSON.parse(JSON.stringify(message)));
    } finally {
      await proxy.close();
    }
  });

  it('gives up within its timeout when the proxy never answers CONNECT', async () => {
    const proxy = await startForwardProxy({ connect: 'hang' });
    try {
      const { waits, options } = recorder();
      const outcome = await withProxyEnv({ HTTPS_PROXY: proxy.url }, () =>
        sendWebhook(`https://hooks.internal.test${SECRET_PATH}`, message, {
          ...options,
          timeoutMs: 300,
        }),
      );
      expect(outcome).toEqual({
        ok: false,
        attempts: 2,
        warning:
          'Notification not sent to the webhook (2 attempts): no response within 300 ms. The verdict is unchanged.',
      });
      expect(waits).toEqual([2000]);
      expect(proxy.requests.map((r) => r.method)).toEqual(['CONNECT', 'CONNECT']);
    } finally {
      await proxy.close();
    }
  });

  it('sends userinfo as Basic auth, requests the URL without it and never shows it', async () => {
    server = await startWebhookServer([{ status: 403, body: 'no' }]);
    const url = server.url.replace('http://', 'http://hook:s3cr3t%2Fpass@');
    const outcome = await sendWebhook(url, message, recorder().options);
    expect(outcome.ok).toBe(false);
    expect(server.requests[0]?.path).toBe(SECRET_PATH);
    expect(server.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('hook:s3cr3t/pass').toString('base64')}`,
    );
    const warning = outcome.ok ? '' : outcome.warning;
    expect(warning).not.toMatch(/s3cr3t/);
    expectNoSecret(warning);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
