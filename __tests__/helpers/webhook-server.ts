/**
 * An incoming-webhook receiver on a real node:http server (127.0.0.1) that answers from a script,
 * one step per request: a status, headers, a body, or a delay before answering. Once the script
 * is used up it answers 200 `ok`, as Slack does. Every request is recorded with its parsed body.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback } from './loopback.js';

export interface Step {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer only after this long (to exercise client timeouts). */
  delayMs?: number;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface WebhookServer {
  /** The webhook URL, with a Slack-like secret path. */
  url: string;
  origin: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export const SECRET_PATH = '/services/T0000TEST/B0000TEST/s3cr3tWebhookPathToken42';

export async function startWebhookServer(script: Step[] = []): Promise<WebhookServer> {
  const steps = [...script];
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // recorded as text
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.url !== SECRET_PATH) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
        return;
      }
      const step = steps.shift() ?? { status: 200, body: 'ok' };
      const answer = () => {
        if (res.destroyed) return;
        res
          .writeHead(step.status, { 'content-type': 'text/plain', ...step.headers })
          .end(step.body ?? '');
      };
      if (step.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, step.delayMs);
        timers.add(timer);
      } else {
        answer();
      }
    });
  });
  const loopback = await listenOnLoopback(server);
  const origin = loopback.origin;
  return {
    url: `${origin}${SECRET_PATH}`,
    origin,
    requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await loopback.close();
    },
  };
}
