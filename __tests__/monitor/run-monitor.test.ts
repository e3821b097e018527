/**
 * Monitor runs end to end in simulated time: the sampler, the event counts, the ledger, the alert
 * state, then what people see (summary, outputs, webhook message). One run every 5 minutes.
 */
import { describe, expect, it } from '@jest/globals';
import { Redactor } from '../../src/secrets/redact.js';
import { alertMessage } from '../../src/monitor/alert-message.js';
import { incidentIssues } from '../../src/monitor/incident-issues.js';
import { monitorRecord, monitorRecordSchema } from '../../src/monitor/monitor-record.js';
import { monitorOutputs, monitorSummary } from '../../src/monitor/monitor-summary.js';
import {
  ledgerLimitProblems,
  runMonitor,
  serviceObjectives,
  type MonitorResult,
  type MonitorService,
} from '../../src/monitor/run-monitor.js';
import { emptyLedger, LEDGER_LIMITS, type Ledger } from '../../src/monitor/slo-ledger.js';
import type { LatencyObjective } from '../../src/gate/types.js';
import type { Settings } from '../../src/settings/settings.js';
import { startFakeGitHubIssues } from '../helpers/fake-github-issues.js';
import { failing, ok, scriptedProber } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const P95: LatencyObjective = { percentile: 95, limitMs: 500, text: 'p95<500ms' };
/** The one monitor writing these ledgers: a workflow whose config names `api` only. */
const OWNERSHIP = {
  owner: 'octo/shop/.github/workflows/monitor.yml (config deploy-gate.yml)',
  fileServices: ['api'],
};

/** One URL of the service `api`, probed every 5 s by `probe`. */
const apiTarget = (url: string, probe: MonitorService['targets'][number]['probe']) => ({
  service: 'api',
  url,
  method: 'GET',
  intervalMs: 5_000,
  timeoutMs: 2_000,
  probe,
});

/** A service whose probes fail while `down(now)` holds. */
function service(clock: VirtualClock, down: (now: number) => boolean): MonitorService {
  const prober = scriptedProber(clock, (_url, _call, now) =>
    down(now) ? failing('status', 5) : ok(40),
  );
  const { objectives, latency } = serviceObjectives([
    { policy: { maxErrorRate: 0.001, latencySlo: [P95] } } as never,
  ]);
  return {
    name: 'api',
    objectives,
    latency,
    runbookUrl: 'https://runbooks.example.com/api',
    targets: [
      {
        service: 'api',
        url: 'http://api.test/healthz',
        method: 'GET',
        intervalMs: 5_000,
        timeoutMs: 2_000,
        probe: prober.probe,
      },
    ],
  };
}

/** Runs every 5 minutes from the clock's start for `days`; returns every run's result. */
async function schedule(clock: VirtualClock, svc: MonitorService, days: number) {
  let ledger: Ledger = emptyLedger();
  const results: MonitorResult[] = [];
  const start = clock.now();
  while (clock.now() < start + days * DAY) {
    const runStart = clock.now();
    const result = await clock.run(
      runMonitor({
        services: [svc],
        ledger,
        clock,
        observeForMs: MINUTE,
        windowMs: 30 * DAY,
        ownership: OWNERSHIP,
      }),
    );
    ledger = result.ledger;
    results.push(result);
    await clock.run(clock.sleep(runStart + 5 * MINUTE - clock.now()));
  }
  return results;
}

describe('runMonitor over days of scheduled runs', () => {
  it('a 20-minute outage after two healthy days pages once and resolves once', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10));
    const outage = Date.UTC(2026, 0, 12, 14, 0);
    const svc = service(clock, (now) => now >= outage && now < outage + 20 * MINUTE);
    const results = await schedule(clock, svc, 4);
    const events = results.flatMap((r) =>
      (r.services[0]?.slos ?? []).flatMap((s) =>
        s.event ? [{ ...s.event, slo: s.objective.name }] : [],
      ),
    );
    expect(events.map((e) => `${e.slo} ${e.kind}`)).toEqual([
      'availability fired',
      'availability resolved',
    ]);
    const fired = events[0];
    expect(fired?.at).toBeGreaterThanOrEqual(outage);
    expect(fired?.at).toBeLessThanOrEqual(outage + 6 * MINUTE);
    const pageRun = results.find((r) => r.services[0]?.slos[0]?.event?.kind === 'fired');
    expect(pageRun?.services[0]?.alert).toBe('page');
    // The latency objective is untouched: failed probes answered fast.
    expect(pageRun?.services[0]?.slos[1]?.level).toBe('none');
  });

  it('a steady healthy service never alerts, and its outputs say so', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10));
    const results = await schedule(
      clock,
      service(clock, () => false),
      1,
    );
    expect(results.every((r) => r.services[0]?.alert === 'none')).toBe(true);
    const last = results.at(-1) as MonitorResult;
    expect(monitorOutputs(last)).toEqual({
      availability: '100',
      'error-budget-remaining': '100',
      'burn-rate-1h': '0',
      'burn-rate-6h': '0',
      alert: 'none',
      services: JSON.stringify([
        {
          service: 'api',
          alert: 'none',
          availability: 100,
          error_budget_remaining: 100,
          burn_rate_1h: 0,
          burn_rate_6h: 0,
        },
      ]),
    });
    expect(last.services[0]?.counts.total).toBe(12);
  });
});

describe('what people see of a paging run', () => {
  it('summary leads with the alert; the record is valid; one webhook message; redacted', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10));
    const outage = Date.UTC(2026, 0, 10, 6, 0);
    const svc = service(clock, (now) => now >= outage);
    const results = await schedule(clock, svc, 0.26);
    const paging = results.find((r) => r.services[0]?.slos[0]?.event?.kind === 'fired');
    expect(paging).toBeDefined();
    const result = paging as MonitorResult;

    const summary = monitorSummary(result, '30d');
    expect(summary.split('\n')[0]).toBe('## deploy-gate monitor: 1 service in alert');
    expect(summary).toMatch(/- \*\*🔴 page\*\* api availability: page: 1h and 5m &gt; 14\.4/);
    expect(summary).toContain('status 503 not in 200-299');
    expect(summary).toContain('| api | availability |');

    const record = monitorRecord(result, { window: '30d', runUrl: null });
    expect(monitorRecordSchema.parse(record).services[0]?.slos[0]).toMatchObject({
      name: 'availability',
      target_percent: 99.9,
      alert: 'page',
      event: 'fired',
    });

    const redactor = new Redactor();
    redactor.addSecret('runbooks.example.com/api');
    const message = alertMessage(
      result,
      { run: 'https://github.com/o/r/actions/runs/1' },
      redactor,
    );
    expect(message?.text).toBe('deploy-gate monitor: 1 SLO alert change (critical)');
    const text = JSON.stringify(message);
    expect(text).toContain('critical (P1) fired');
    expect(text).not.toContain('runbooks.example.com/api');
    // Later runs of the same episode send nothing.
    const later = results.at(-1) as MonitorResult;
    expect(later.services[0]?.alert).toBe('page');
    expect(alertMessage(later, {}, new Redactor())).toBeUndefined();
  });
});

describe('an endpoint’s own latency objective (search_response_time_p90)', () => {
  const P90: LatencyObjective = { percentile: 90, limitMs: 500, text: 'p90<500ms' };
  const P99: LatencyObjective = { percentile: 99, limitMs: 5_000, text: 'p99<5s' };
  const HEALTH = 'http://api.test/healthz';
  const SEARCH = 'http://api.test/search';

  /** health answers in 40 ms; /search in 900 ms, over its own p90 of 500 ms. */
  function twoEndpoints(clock: VirtualClock, withScope = true): MonitorService {
    const prober = scriptedProber(clock, (url) => (url === SEARCH ? ok(900) : ok(40)));
    const policy = (latencySlo: LatencyObjective[]) =>
      ({ maxErrorRate: 0.001, latencySlo }) as Settings['policy'];
    const { objectives, latency, scopes } = serviceObjectives([
      { endpoints: ['health'], urls: [HEALTH], policy: policy([P99]) },
      { endpoints: ['search'], urls: [SEARCH], policy: policy(withScope ? [P99, P90] : [P99]) },
    ]);
    const target = (url: string) => apiTarget(url, prober.probe);
    return { name: 'api', objectives, latency, scopes, targets: [target(HEALTH), target(SEARCH)] };
  }

  it('is judged over that endpoint’s probes only, beside the service-wide SLOs', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10));
    const svc = twoEndpoints(clock);
    expect(svc.objectives.map((o) => o.name)).toEqual(['availability', 'p99<5s']);
    expect(svc.scopes?.map((s) => s.objectives.map((o) => o.name))).toEqual([['search p90<500ms']]);
    const results = await schedule(clock, svc, 1);
    const last = results.at(-1) as MonitorResult;
    // Half of the service's probes are fast health probes: over all probes the p90 would hold.
    // Over /search alone every response is slow, so its own objective alerts.
    const fired = results.flatMap((r) =>
      (r.services[0]?.slos ?? []).flatMap((s) =>
        s.event?.kind === 'fired' ? [s.objective.name] : [],
      ),
    );
    expect(fired).toEqual(['search p90<500ms']);
    expect(last.services[0]?.slos.map((s) => s.objective.name)).toEqual([
      'availability',
      'p99<5s',
      'search p90<500ms',
    ]);
    expect(Object.keys(last.ledger.services).sort()).toEqual(['api', 'api/search']);
    const scope = last.ledger.services['api/search'];
    const all = last.ledger.services['api'];
    expect(scope?.objectives).toEqual(['p90<500ms']);
    // The scope's events are /search's probes: half of the service's.
    expect((scope?.coarse[0]?.[1] ?? 0) * 2).toBe(all?.coarse[0]?.[1]);
  });

  it('names its alert api/search alike in the incident issue, the webhook message and the summary', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10));
    const results = await schedule(clock, twoEndpoints(clock), 1);
    const firing = results.find((r) => r.services[0]?.slos.some((s) => s.event)) as MonitorResult;
    const slo = firing.services[0]?.slos.find((s) => s.event);
    if (!slo?.event) throw new Error('the scope never fired');
    expect(slo.entry).toBe('api/search');
    expect(slo.event.service).toBe('api/search');

    const github = await startFakeGitHubIssues();
    try {
      const issues = incidentIssues({
        token: github.token,
        owner: 'octo',
        repo: 'shop',
        baseUrl: github.url,
        sleep: async () => undefined,
        now: () => clock.now(),
      });
      await issues.handle(slo.event, {
        budget: slo.budget,
        burnRates: slo.rates,
        evidence: [],
        runUrl: null,
      });
      const opened = github.requests.find((r) => r.method === 'POST')?.body as {
        title: string;
        body: string;
      };
      expect(opened.title).toMatch(/^deploy-gate: api\/search search p90<500ms SLO burning \(/);
      expect(opened.body).toContain('**api/search**: the search p90&lt;500ms SLO');
    } finally {
      await github.close();
    }

    const webhook = alertMessage(firing, {}, new Redactor());
    expect(webhook?.blocks[0]).toMatchObject({
      text: { text: expect.stringMatching(/ fired\* api\/search search p90&lt;500ms: /) },
    });
    const summary = monitorSummary(firing, '30d');
    expect(summary).toMatch(/\*\* api\/search search p90&lt;500ms: /);
    // Service-wide SLOs keep the service's own name.
    expect(summary).toContain('| api | availability |');
    expect(summary).toContain('| api/search | search p90&lt;500ms |');
    // monitor.json names each SLO's entry as the alerts do, beside the service it belongs to.
    const record = monitorRecordSchema.parse(
      monitorRecord(firing, { window: '30d', runUrl: null }),
    );
    expect(record.schema_version).toBe('1.1.0');
    expect(record.services[0]?.slos.map((s) => [s.name, s.entry])).toEqual([
      ['availability', 'api'],
      ['p99<5s', 'api'],
      ['search p90<500ms', 'api/search'],
    ]);
    expect(record.services[0]?.service).toBe('api');
  });

  it('resolves its alert when the objective is dropped from the config', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10));
    const results = await schedule(clock, twoEndpoints(clock), 1);
    const before = results.at(-1) as MonitorResult;
    expect(before.services[0]?.alert).not.toBe('none');
    // Stepped quiet each run, as any dropped SLO is, until its hold ends and it resolves once.
    let ledger = before.ledger;
    const retired: string[] = [];
    const webhook: string[] = [];
    let names: string[] = [];
    for (let run = 0; run < 12 * 24; run += 1) {
      await clock.run(clock.sleep(5 * MINUTE));
      const after = await clock.run(
        runMonitor({
          services: [twoEndpoints(clock, false)],
          ledger,
          clock,
          observeForMs: MINUTE,
          windowMs: 30 * DAY,
          ownership: OWNERSHIP,
        }),
      );
      ledger = after.ledger;
      names = after.services[0]?.slos.map((s) => s.objective.name) ?? [];
      retired.push(...(after.services[0]?.retired ?? []).map((e) => `${e.slo} ${e.kind}`));
      const message = alertMessage(after, {}, new Redactor());
      if (message) webhook.push(JSON.stringify(message.blocks[0]));
    }
    expect(names).toEqual(['availability', 'p99<5s']);
    expect(retired).toEqual(['search p90<500ms resolved']);
    // The webhook says it ended too, in the words of a resolved alert, once.
    expect(webhook).toEqual([
      expect.stringMatching(
        /:white_check_mark: \*resolved\* api\/search search p90&lt;500ms: SLO no longer in the config, closed after \d+ min/,
      ),
    ]);
  });
});

describe('scope names stay within the ledger’s bounds', () => {
  const P90: LatencyObjective = { percentile: 90, limitMs: 500, text: 'p90<500ms' };
  const policy = (latencySlo: LatencyObjective[]) =>
    ({ maxErrorRate: 0.001, latencySlo }) as Settings['policy'];

  it('names a scope of many long URLs by its first one and a count', () => {
    const urls = Array.from({ length: 30 }, (_, i) => `https://${'x'.repeat(80)}.test/p/${i}`);
    const { scopes } = serviceObjectives([
      { urls: ['http://api.test/healthz'], policy: policy([]) },
      { urls, policy: policy([P90]) },
    ]);
    const name = scopes[0]?.objectives[0]?.name ?? '';
    expect(name).toMatch(/^https:\/\/x+\+29 more p90<500ms$/);
    expect(name.length).toBeLessThanOrEqual(200);
  });

  it('keeps two scopes apart when their labels clean to one ledger name', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10));
    const prober = scriptedProber(clock, () => ok(40));
    const { objectives, latency, scopes } = serviceObjectives([
      { endpoints: ['/search'], urls: ['http://api.test/a'], policy: policy([P90]) },
      { endpoints: ['search'], urls: ['http://api.test/b'], policy: policy([]) },
      { endpoints: ['health'], urls: ['http://api.test/c'], policy: policy([]) },
    ]);
    const both = [...scopes, { ...scopes[0], label: 'search' } as (typeof scopes)[number]];
    const target = (url: string) => apiTarget(url, prober.probe);
    const result = await clock.run(
      runMonitor({
        services: [
          {
            name: 'api',
            objectives,
            latency,
            scopes: both,
            targets: ['a', 'b', 'c'].map((p) => target(`http://api.test/${p}`)),
          },
        ],
        ledger: emptyLedger(),
        clock,
        observeForMs: MINUTE,
        windowMs: 30 * DAY,
        ownership: OWNERSHIP,
      }),
    );
    expect(Object.keys(result.ledger.services).sort()).toEqual([
      'api',
      'api/search',
      'api/search-2',
    ]);
  });
});

describe('the ledger’s limit on services and scopes', () => {
  const P90: LatencyObjective = { percentile: 90, limitMs: 500, text: 'p90<500ms' };
  const scope = (label: string) => ({ label, urls: [], latency: [P90], objectives: [] });
  /** `count` services, the last with `scopes` endpoint scopes. */
  const services = (count: number, scopes: string[]): MonitorService[] =>
    Array.from({ length: count }, (_, i) => ({
      name: `svc-${i}`,
      targets: [],
      latency: [],
      objectives: [],
      ...(i === count - 1 ? { scopes: scopes.map(scope) } : {}),
    }));

  it('accepts services and scopes that fill the ledger exactly', () => {
    expect(ledgerLimitProblems(services(LEDGER_LIMITS.services - 2, ['search', 'stats']))).toEqual(
      [],
    );
  });

  it('refuses one entry more, naming the count and the limit', () => {
    expect(ledgerLimitProblems(services(LEDGER_LIMITS.services - 1, ['search', 'stats']))).toEqual([
      expect.stringMatching(
        /^monitor: the config's 199 services and 2 endpoint scopes .* need 201 SLO ledger entries; the ledger holds at most 200; /,
      ),
    ]);
  });
});
