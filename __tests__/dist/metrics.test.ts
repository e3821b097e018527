/**
 * Metrics beside the probes, end to end through dist/index.js: a real Prometheus (the Debian
 * package, one for the file) scrapes small exporters whose traffic mix each scenario sets, while
 * the probes hit a healthy local service. Every scenario is its own exporter (its own `job`), and
 * the scenarios run as concurrent child processes so the file stays fast; each test then checks
 * its own run. Nothing here depends on how fast the machine is: observation lasts long enough for
 * Prometheus to hold several 1 s scrapes inside `$window`, and every assertion is about what was
 * decided, never about when.
 */
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { startFlyApp } from '../../fakes/fly-app/fly-app.mjs';
import { startExporter, type Exporter, type TrafficMix } from '../helpers/exporter.js';
import { createFakeFly, FAKE_TOKEN } from '../helpers/fake-fly.js';
import { closedPort, json, startServer, type TestServer } from '../helpers/http-server.js';
import { startPrometheus, type RunningPrometheus } from '../helpers/prometheus.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';

const MIXES = {
  bad: { rps: 200, errorRatio: 0.2, latencySeconds: 0.05 },
  good: { rps: 200, errorRatio: 0.001, clientErrorRatio: 0.3, latencySeconds: 0.05 },
  idle: { rps: 0, errorRatio: 0, latencySeconds: 0 },
  slow: { rps: 200, errorRatio: 0, latencySeconds: 0.8 },
} satisfies Record<string, TrafficMix>;
type Job = keyof typeof MIXES;

const APP = 'shop';
const PROM_TOKEN = 'sentinel-prom-token-93af';

/** The classic shapes, for one job; `$window` is left for the action to expand. */
function queries(job: Job) {
  const all = `http_requests_total{job="${job}"}`;
  return {
    'error-rate-query': `sum(rate(http_requests_total{job="${job}",code=~"5.."}[$window])) / sum(rate(${all}[$window]))`,
    'latency-query': `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="${job}"}[$window])))`,
    'request-count-query': `sum(increase(${all}[$window]))`,
  };
}

/**
 * Quick probes, 4 s of observation with a metrics round every 500 ms. The first rounds come
 * right after the startup streak, when `$window` (the time since the gate started) is 1-2 s and
 * holds fewer than two scrapes: Prometheus answers "no data" for them, which is judged as such.
 * Later rounds, and the closing one, see 4 s and more.
 */
const FAST = {
  'initial-delay': '0',
  interval: '100ms',
  timeout: '1s',
  'startup-timeout': '3s',
  'observe-for': '4s',
  'metrics-interval': '500ms',
  'max-error-rate': '5',
  'max-query-latency': '500ms',
  'min-requests': '10',
};

interface Proxied {
  authorization: string | undefined;
  body: string;
}

/**
 * A recording proxy in front of Prometheus that also misbehaves: it echoes the Authorization
 * header it received into the `warnings` of every successful answer, so a leak anywhere
 * downstream (evidence, summary, outputs, log) would show.
 */
async function startProxy(
  target: string,
): Promise<{ url: string; seen: Proxied[]; server: Server }> {
  const seen: Proxied[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ authorization: req.headers.authorization, body });
    const upstream = httpRequest(`${target}${req.url ?? '/'}`, {
      method: req.method,
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
      },
    });
    upstream.end(body);
    const [answer] = (await once(upstream, 'response')) as [IncomingMessage];
    let text = '';
    for await (const chunk of answer) text += chunk;
    const parsed = JSON.parse(text) as { status: string; warnings?: string[] };
    if (parsed.status === 'success')
      parsed.warnings = [`proxy saw authorization: ${req.headers.authorization ?? ''}`];
    res
      .writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' })
      .end(JSON.stringify(parsed));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

let prometheus: RunningPrometheus;
let service: TestServer;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const exporters: Exporter[] = [];
const cleanups: (() => unknown)[] = [];
const launched: Promise<unknown>[] = [];

/** Starts a run now; the test that owns it awaits it (all runs overlap in time). */
function launch(run: () => Promise<DistRun>): () => Promise<DistRun> {
  const promise = run().then((r) => {
    cleanups.push(() => r.cleanup());
    return r;
  });
  launched.push(promise.catch(() => undefined));
  return () => promise;
}

function metricsRun(job: Job, inputs: Record<string, string> = {}) {
  return launch(() =>
    runDist({
      inputs: {
        ...FAST,
        url: service.url('/healthz'),
        'prometheus-url': prometheus.url,
        ...queries(job),
        ...inputs,
      },
    }),
  );
}

/** A run against the fake Fly app and the fake flyctl, so a rollback can (and must not) happen. */
function flyRun(job: Job, inputs: Record<string, string> = {}) {
  const fly = createFakeFly({ apps: [{ name: APP, releases: 4 }] });
  cleanups.push(() => fly.cleanup());
  const run = launch(async () => {
    const app = await startFlyApp({ statePath: fly.statePath, app: APP, behaviours: {} });
    cleanups.push(() => app.close());
    return runDist({
      inputs: {
        ...FAST,
        url: app.url,
        'fly-app': APP,
        'prometheus-url': prometheus.url,
        ...queries(job),
        ...inputs,
      },
      env: fly.env({ FLY_API_TOKEN: FAKE_TOKEN }) as Record<string, string>,
    });
  });
  return { run, fly };
}

let runs: {
  bad: ReturnType<typeof flyRun>;
  good: () => Promise<DistRun>;
  noData: Record<'inconclusive' | 'pass' | 'fail', () => Promise<DistRun>>;
  slow: () => Promise<DistRun>;
  unreachable: ReturnType<typeof flyRun>;
  token: () => Promise<DistRun>;
};
let unreachableUrl: string;

beforeAll(async () => {
  const targets = [];
  for (const [job, mix] of Object.entries(MIXES)) {
    const exporter = await startExporter({ mix });
    exporters.push(exporter);
    targets.push({ job, address: exporter.address });
  }
  service = await startServer({ '/healthz': json({ status: 'ok' }) });
  prometheus = await startPrometheus({ targets });
  proxy = await startProxy(prometheus.url);
  unreachableUrl = `http://127.0.0.1:${await closedPort()}`;
  runs = {
    bad: flyRun('bad'),
    good: metricsRun('good'),
    noData: {
      inconclusive: metricsRun('idle', { 'on-no-data': 'inconclusive' }),
      pass: metricsRun('idle', { 'on-no-data': 'pass' }),
      fail: metricsRun('idle', { 'on-no-data': 'fail' }),
    },
    slow: metricsRun('slow'),
    unreachable: flyRun('good', { 'prometheus-url': unreachableUrl }),
    token: metricsRun('good', { 'prometheus-url': proxy.url, 'prometheus-token': PROM_TOKEN }),
  };
}, 60_000);

afterAll(async () => {
  await Promise.all(launched);
  for (const c of cleanups.reverse()) await c();
  proxy?.server.closeAllConnections();
  await new Promise((done) => proxy?.server.close(done) ?? done(undefined));
  await service?.close();
  await prometheus?.stop();
  await Promise.all(exporters.map((e) => e.stop()));
});

interface NdjsonLine {
  name: string;
  query: string;
  outcome: { kind: string; raw?: string; value?: number; errorClass?: string };
  judgement: { status: string } | null;
}

function metricsLines(run: DistRun): NdjsonLine[] {
  return readFileSync(join(run.outputs['audit-dir'] as string, 'metrics.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as NdjsonLine);
}

interface AuditJson {
  verdict: string;
  reason: string;
  metrics?: {
    endpoint: string;
    queries: { name: string; query: string; observed: number | null; outcome: string }[];
  };
}

function audit(run: DistRun): AuditJson {
  return JSON.parse(
    readFileSync(join(run.outputs['audit-dir'] as string, 'audit.json'), 'utf8'),
  ) as AuditJson;
}

/** `sum(...[$window])` as sent: the window expanded to whole seconds. */
const expanded = (template: string) =>
  new RegExp(
    `^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('\\$window', '\\d+s')}$`,
  );

describe('metrics through dist/index.js against a real Prometheus', () => {
  it('rolls back on 20 % 5xx while the probes pass, quoting the query, the value and the limit', async () => {
    const run = await runs.bad.run();
    expect(run.outputs.verdict).toBe('rolled-back');
    expect(run.exitCode).toBe(1);
    const deploys = runs.bad.fly.log().filter((e) => e.argv[0] === 'deploy');
    expect(deploys).toHaveLength(1);
    expect(run.outputs['rolled-back']).toBe('true');
    expect(run.outputs.reason).toMatch(
      /^metrics: error rate 20\.0% > 5% \(\d+ of \d+ requests failed; evidence against the 5% limit: more than 1 in 1,000,000, at least 1 in 20 needed\) \(query: sum\(rate\(http_requests_total\{job="bad",code=~"5\.\."\}\[\d+s\]\)\) \/ sum\(rate\(http_requests_total\{job="bad"\}\[\d+s\]\)\)\); rolled back to v3, now release v5, which passed the gate$/,
    );
    // The probes never failed: the metrics alone decided.
    expect(run.stdout).not.toMatch(/::error title=deploy-gate%3A http/);
    const record = audit(run);
    expect(record.verdict).toBe('rolled-back');
    expect(record.metrics?.queries).toContainEqual(
      expect.objectContaining({ name: 'error-rate', outcome: 'fail' }),
    );
    const rate = record.metrics?.queries.find((q) => q.name === 'error-rate')?.observed;
    expect(rate).toBeCloseTo(0.2, 6);
    expect(run.summary).toMatch(
      /\| error-rate \| <code>sum\(rate\(.*\| 20% \| 5% \| ❌ bad: error rate 20\.0% &gt; 5% /,
    );
  });

  it('passes 0.1 % 5xx, with every query, its response and its outcome in the evidence', async () => {
    const run = await runs.good();
    expect(run.outputs.verdict).toBe('healthy');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.reason).toMatch(/; metrics passed$/);

    // metrics.ndjson: one line per query per round, the query expanded, the answer trimmed.
    const lines = metricsLines(run);
    const names = ['error-rate', 'latency', 'request-count'];
    // At least the round at observe start and the closing round.
    expect(lines.length % 3).toBe(0);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const q = queries('good');
    const templates: Record<string, string> = {
      'error-rate': q['error-rate-query'],
      latency: q['latency-query'],
      'request-count': q['request-count-query'],
    };
    for (const [i, line] of lines.entries()) {
      expect(line.name).toBe(names[i % 3]);
      expect(line.query).toMatch(expanded(templates[line.name] as string));
      expect(line.judgement).not.toBeNull();
    }
    const last = lines.slice(-3);
    for (const line of last) {
      expect(line.outcome.kind).toBe('value');
      const raw = JSON.parse(line.outcome.raw as string) as { status: string };
      expect(raw.status).toBe('success');
      expect(line.judgement?.status).toBe('good');
    }
    expect(last[0]?.outcome.value).toBeCloseTo(0.001, 6);

    // audit.json: the queries of the deciding round, the endpoint.
    const record = audit(run);
    expect(record.metrics?.endpoint).toBe(`${prometheus.url}/api/v1/query`);
    expect(record.metrics?.queries.map((x) => [x.name, x.outcome])).toEqual(
      names.map((n) => [n, 'pass']),
    );
    expect(record.metrics?.queries.map((x) => x.query)).toEqual(last.map((l) => l.query));

    // The job summary's metrics table.
    expect(run.summary).toContain('### Metrics');
    expect(run.summary).toContain('verdict **pass**');
    expect(run.summary).toContain('| metric | query | observed | limit | finding |');
    expect(run.summary).toMatch(/\| error-rate \| <code>sum\(rate\(.*\| 0\.1% \| 5% \| ✅ good: /);
    expect(run.summary).toMatch(
      /\| latency \| <code>histogram_quantile\(.*\| 49 ms \| 500 ms \| ✅ good: /,
    );
    expect(run.summary).toMatch(
      /\| request-count \| <code>sum\(increase\(.*\| \d+(\.\d+)? \| 10 \| ✅ good: /,
    );
  });

  it('fails a p95 latency above max-query-latency', async () => {
    const run = await runs.slow();
    expect(run.outputs.verdict).toBe('unhealthy');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.reason).toMatch(
      /^metrics: latency 975 ms > 500 ms \(query: histogram_quantile\(0\.95, sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{job="slow"\}\[\d+s\]\)\)\)\); beyond the limit in every round for \d+s \(fails after 1s\)$/,
    );
  });

  describe('no traffic follows on-no-data', () => {
    it('inconclusive: the step stays healthy per the probes; summary and audit say inconclusive', async () => {
      const run = await runs.noData.inconclusive();
      expect(run.outputs.verdict).toBe('healthy');
      expect(run.exitCode).toBe(0);
      expect(run.outputs.reason).toMatch(/; metrics inconclusive: .*\(on-no-data: inconclusive\)$/);
      expect(run.summary).toContain('verdict **inconclusive**');
      expect(run.summary).toMatch(/\| request-count \| .*➖ no data/);
      const record = audit(run);
      expect(record.reason).toContain('metrics inconclusive');
      expect(record.metrics?.queries.map((x) => x.outcome)).toEqual(Array(3).fill('not-judged'));
      // What a real Prometheus says with no traffic: no counter series, a 0/0 histogram.
      const last = metricsLines(run).slice(-3);
      expect(last.map((l) => [l.name, l.outcome.errorClass])).toEqual([
        ['error-rate', 'empty'],
        ['latency', 'nan'],
        ['request-count', 'empty'],
      ]);
    });

    it('pass: healthy', async () => {
      const run = await runs.noData.pass();
      expect(run.outputs.verdict).toBe('healthy');
      expect(run.exitCode).toBe(0);
      expect(run.summary).toContain('verdict **pass**');
    });

    it('fail: unhealthy, naming on-no-data', async () => {
      const run = await runs.noData.fail();
      expect(run.outputs.verdict).toBe('unhealthy');
      expect(run.exitCode).toBe(1);
      expect(run.outputs.reason).toMatch(/^metrics: .*no data.*\(on-no-data: fail\)$/);
    });
  });

  it('makes the metrics inconclusive when Prometheus is unreachable, and never rolls back for it', async () => {
    const run = await runs.unreachable.run();
    expect(run.outputs.verdict).toBe('healthy');
    expect(run.exitCode).toBe(0);
    expect(runs.unreachable.fly.log().filter((e) => e.argv[0] === 'deploy')).toEqual([]);
    expect(run.outputs['rolled-back']).toBe('false');
    // Rounds come every 500 ms over 4 s: the third error in a row decides (the closing round
    // would say the same with fewer rounds).
    expect(run.outputs.reason).toMatch(
      /; metrics inconclusive: (3 metrics rounds in a row could not be judged \(limit 3\)|no metrics round could be judged).*unreachable.*ECONNREFUSED/,
    );
    const lines = metricsLines(run);
    expect([3, 6, 9]).toContain(lines.length);
    expect(lines.every((l) => l.outcome.errorClass === 'unreachable')).toBe(true);
    expect(audit(run).metrics?.endpoint).toBe(`${unreachableUrl}/api/v1/query`);
  });

  it('sends prometheus-token as Authorization and never writes it anywhere', async () => {
    const run = await runs.token();
    expect(run.outputs.verdict).toBe('healthy');
    expect(proxy.seen.length).toBeGreaterThanOrEqual(6);
    for (const seen of proxy.seen) {
      expect(seen.authorization).toBe(`Bearer ${PROM_TOKEN}`);
      expect(new URLSearchParams(seen.body).get('query')).toMatch(/\[\d+s\]/);
    }
    // The proxy echoed the header into every answer: the evidence keeps the warning, redacted.
    const dir = run.outputs['audit-dir'] as string;
    expect(readFileSync(join(dir, 'metrics.ndjson'), 'utf8')).toContain(
      'proxy saw authorization: ',
    );
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
    expect(files.map((f) => relative(dir, f))).toEqual(
      expect.arrayContaining(['audit.json', 'metrics.ndjson', 'summary.md']),
    );
    const log = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(run.stdout).toContain(`::add-mask::${PROM_TOKEN}`);
    const places: [string, string][] = [
      ['log', log],
      ['stderr', run.stderr],
      ['summary', run.summary],
      ['outputs', JSON.stringify(run.outputs)],
      ['state', JSON.stringify(run.state)],
      ...files.map((f): [string, string] => [relative(dir, f), readFileSync(f, 'utf8')]),
    ];
    for (const [where, text] of places) {
      expect([where, text.includes(PROM_TOKEN)]).toEqual([where, false]);
    }
  });

  it.each([
    [{ 'prometheus-url': 'not a url' }, /Input "prometheus-url": "not a url"/],
    [
      { 'max-query-latency': '500ms', 'latency-query': '' },
      /"max-query-latency" is set but "latency-query" is missing/,
    ],
    [
      {
        metrics: 'fly-edge',
        'prometheus-url': '',
        'error-rate-query': '',
        'latency-query': '',
        'request-count-query': '',
      },
      /"metrics": "fly-edge" needs "fly-app"/,
    ],
  ])('rejects bad metrics input before the first request (%j)', async (inputs, message) => {
    await Promise.all(launched); // the other runs probe the same service
    const probesBefore = service.requests.length;
    const queriesBefore = proxy.seen.length;
    const run = await runDist({
      inputs: {
        ...FAST,
        url: service.url('/healthz'),
        'prometheus-url': proxy.url,
        ...queries('good'),
        ...inputs,
      },
    });
    cleanups.push(() => run.cleanup());
    expect(run.outputs.verdict).toBe('error');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(service.requests.length).toBe(probesBefore);
    expect(proxy.seen.length).toBe(queriesBefore);
  });
});
