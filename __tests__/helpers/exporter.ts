/**
 * A fake application's /metrics endpoint (Prometheus text format 0.0.4) on 127.0.0.1, for a
 * real Prometheus to scrape. The test sets a traffic mix; counters advance with elapsed time at
 * that mix, so rate() and increase() behave as they would for real traffic.
 *
 * Counts are continuous (rps x seconds, not whole requests): every series then grows in exact
 * proportion, and ratios such as 5xx / all come out equal to the mix whatever the scrape timing.
 * Series appear only once their share of the traffic is above zero, as with client libraries,
 * which create a labelled series on its first increment.
 *
 * Shapes:
 * - classic: `http_requests_total{code}` (200, 404, 500) and the histogram
 *   `http_request_duration_seconds` (`_bucket{le}`, `_sum`, `_count`);
 * - fly-edge (optional): `fly_edge_http_responses_count{app,region,host,status}` and
 *   `fly_edge_http_response_time_seconds` with the same labels, `status` either the numeric
 *   code ("500") or its class ("5xx"), plus an optional noisy neighbour app.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface TrafficMix {
  /** Requests per second. 0 means no traffic. */
  rps: number;
  /** Fraction of requests answered 5xx. */
  errorRatio: number;
  /** Fraction answered 4xx (client errors: not server errors). */
  clientErrorRatio?: number;
  /** Every request takes this long. */
  latencySeconds: number;
}

export interface FlyEdgeShape {
  app: string;
  /** 'code': status="500"; 'class': status="5xx". */
  statusStyle: 'code' | 'class';
  /** Another app in the same series family: all 5xx and slow, which a query must filter out. */
  noisyNeighbour?: string;
}

export interface ExporterOptions {
  mix?: TrafficMix;
  flyEdge?: FlyEdgeShape;
  /** Milliseconds, monotonic; injected by tests of the exporter itself. */
  now?: () => number;
}

export interface Exporter {
  /** http://127.0.0.1:<port>/metrics */
  url: string;
  /** 127.0.0.1:<port>, as a Prometheus target. */
  address: string;
  /** Changes the mix from now on; counters keep what they have. */
  setMix(mix: TrafficMix): void;
  /** The exposition as it would be served now. */
  render(): string;
  /** How many times /metrics was fetched. */
  scrapes(): number;
  stop(): Promise<void>;
}

export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const NO_TRAFFIC: TrafficMix = { rps: 0, errorRatio: 0, latencySeconds: 0 };
const NEIGHBOUR_MIX: TrafficMix = { rps: 50, errorRatio: 1, latencySeconds: 9 };

type Category = 'ok' | 'client' | 'server';
const CATEGORIES: readonly Category[] = ['ok', 'client', 'server'];
const CODE: Record<Category, string> = { ok: '200', client: '404', server: '500' };
const CLASS: Record<Category, string> = { ok: '2xx', client: '4xx', server: '5xx' };

interface Totals {
  requests: number;
  seconds: number;
  /** Cumulative bucket counts, one per BUCKETS bound (le); +Inf is `requests`. */
  buckets: number[];
}

const zeroTotals = (): Totals => ({ requests: 0, seconds: 0, buckets: BUCKETS.map(() => 0) });

/**
 * Running totals for one traffic source: what earlier mixes produced (folded) plus what the
 * current mix has produced since it was set. Folding on every change keeps counters monotonic
 * and lets earlier requests keep the latency they had.
 */
class TrafficCounter {
  private folded: Record<Category, Totals> = {
    ok: zeroTotals(),
    client: zeroTotals(),
    server: zeroTotals(),
  };
  private readonly seen = new Set<Category>();
  private mix: TrafficMix;
  private since: number;

  constructor(
    mix: TrafficMix,
    private readonly now: () => number,
  ) {
    this.mix = mix;
    this.since = now();
    this.markSeen();
  }

  private share(category: Category): number {
    const client = this.mix.clientErrorRatio ?? 0;
    if (category === 'server') return this.mix.errorRatio;
    if (category === 'client') return client;
    return Math.max(0, 1 - this.mix.errorRatio - client);
  }

  private markSeen(): void {
    if (this.mix.rps <= 0) return;
    for (const c of CATEGORIES) if (this.share(c) > 0) this.seen.add(c);
  }

  setMix(mix: TrafficMix): void {
    this.folded = this.totals();
    this.mix = mix;
    this.since = this.now();
    this.markSeen();
  }

  /** Categories that have a series (had traffic at some point). */
  categories(): Category[] {
    return CATEGORIES.filter((c) => this.seen.has(c));
  }

  /** Totals at this instant. */
  totals(): Record<Category, Totals> {
    const elapsedS = Math.max(0, (this.now() - this.since) / 1000);
    const { latencySeconds } = this.mix;
    const result = {} as Record<Category, Totals>;
    for (const c of CATEGORIES) {
      const added = this.mix.rps * elapsedS * this.share(c);
      const before = this.folded[c];
      result[c] = {
        requests: before.requests + added,
        seconds: before.seconds + added * latencySeconds,
        buckets: BUCKETS.map(
          (le, i) => (before.buckets[i] ?? 0) + (latencySeconds <= le ? added : 0),
        ),
      };
    }
    return result;
  }
}

function labels(pairs: Record<string, string>): string {
  const body = Object.entries(pairs)
    .map(
      ([key, value]) =>
        `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');
  return `{${body}}`;
}

function num(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : '-Inf';
}

function renderClassic(counter: TrafficCounter): string[] {
  const totals = counter.totals();
  const lines = [
    '# HELP http_requests_total Requests handled, by status code.',
    '# TYPE http_requests_total counter',
  ];
  for (const c of counter.categories()) {
    lines.push(`http_requests_total${labels({ code: CODE[c] })} ${num(totals[c].requests)}`);
  }
  // The histogram is registered up front without labels, so it exists (all zero) before traffic.
  const sum = (pick: (t: Totals) => number) =>
    CATEGORIES.reduce((acc, c) => acc + pick(totals[c]), 0);
  lines.push(
    '# HELP http_request_duration_seconds Time to answer a request.',
    '# TYPE http_request_duration_seconds histogram',
  );
  BUCKETS.forEach((le, i) => {
    const count = sum((t) => t.buckets[i] ?? 0);
    lines.push(`http_request_duration_seconds_bucket${labels({ le: String(le) })} ${num(count)}`);
  });
  lines.push(
    `http_request_duration_seconds_bucket${labels({ le: '+Inf' })} ${num(sum((t) => t.requests))}`,
    `http_request_duration_seconds_sum ${num(sum((t) => t.seconds))}`,
    `http_request_duration_seconds_count ${num(sum((t) => t.requests))}`,
  );
  return lines;
}

function renderFlyEdge(
  apps: Array<{ app: string; counter: TrafficCounter }>,
  style: FlyEdgeShape['statusStyle'],
): string[] {
  const responses = [
    '# HELP fly_edge_http_responses_count Responses at the Fly edge.',
    '# TYPE fly_edge_http_responses_count counter',
  ];
  const times = [
    '# HELP fly_edge_http_response_time_seconds Response time at the Fly edge.',
    '# TYPE fly_edge_http_response_time_seconds histogram',
  ];
  for (const { app, counter } of apps) {
    const totals = counter.totals();
    for (const c of counter.categories()) {
      const t = totals[c];
      const status = style === 'code' ? CODE[c] : CLASS[c];
      const base = { app, region: 'ams', host: 'edge-1', status };
      responses.push(`fly_edge_http_responses_count${labels(base)} ${num(t.requests)}`);
      BUCKETS.forEach((le, i) => {
        const bucket = labels({ ...base, le: String(le) });
        times.push(`fly_edge_http_response_time_seconds_bucket${bucket} ${num(t.buckets[i] ?? 0)}`);
      });
      times.push(
        `fly_edge_http_response_time_seconds_bucket${labels({ ...base, le: '+Inf' })} ${num(t.requests)}`,
        `fly_edge_http_response_time_seconds_sum${labels(base)} ${num(t.seconds)}`,
        `fly_edge_http_response_time_seconds_count${labels(base)} ${num(t.requests)}`,
      );
    }
  }
  return [...responses, ...times];
}

export async function startExporter(options: ExporterOptions = {}): Promise<Exporter> {
  const now = options.now ?? (() => performance.now());
  const main = new TrafficCounter(options.mix ?? NO_TRAFFIC, now);
  const neighbour = options.flyEdge?.noisyNeighbour
    ? { app: options.flyEdge.noisyNeighbour, counter: new TrafficCounter(NEIGHBOUR_MIX, now) }
    : undefined;
  let scrapes = 0;

  const render = () => {
    const lines = renderClassic(main);
    if (options.flyEdge) {
      const apps = [{ app: options.flyEdge.app, counter: main }, ...(neighbour ? [neighbour] : [])];
      lines.push(...renderFlyEdge(apps, options.flyEdge.statusStyle));
    }
    return `${lines.join('\n')}\n`;
  };

  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    scrapes += 1;
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      .end(render());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/metrics`,
    address: `127.0.0.1:${port}`,
    setMix: (mix) => main.setMix(mix),
    render,
    scrapes: () => scrapes,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
