/**
 * The service matrix our users keep, pasted as it is (fixtures/users-matrix.yml, six documents):
 * `url:` as the base URL, `<name>_endpoint` with `<name>_interval` / `<name>_timeout`,
 * `slo_targets.<name>_response_time_pNN` for one endpoint, and fields the gate cannot judge
 * (`schedule`, `job_success_rate`), recorded instead of refused.
 */
import { fileURLToPath } from 'node:url';
import { loadServiceConfig, parseServiceConfig } from '../../src/settings/load-config.js';
import { resolveServices, type ResolvedService } from '../../src/settings/resolve-service.js';
import { SettingsError } from '../../src/settings/problems.js';
import { serviceSettings } from '../../src/settings/service-settings.js';
import { runPipeline, type Outcome } from '../../src/service/run-pipeline.js';
import { nullRecorder } from '../../src/evidence/recorder.js';
import { VirtualClock } from '../helpers/virtual-clock.js';
import { ok, scriptedProber, type Script } from '../helpers/scripted-prober.js';

const fixture = fileURLToPath(new URL('./fixtures/users-matrix.yml', import.meta.url));

async function plan(): Promise<ResolvedService[]> {
  const file = await loadServiceConfig(fixture, { env: {} });
  return resolveServices(file, { actionInputs: {} });
}

const byEndpoint = (service: ResolvedService) =>
  Object.fromEntries(
    service.groups.flatMap((run) =>
      run.endpoints.map((label) => [
        label,
        {
          urls: run.settings.urls,
          intervalMs: run.settings.policy.intervalMs,
          timeoutMs: run.settings.policy.timeoutMs,
          latency: run.settings.policy.latencySlo.map((o) => o.text),
          maxErrorRate: run.settings.policy.maxErrorRate,
        },
      ]),
    ),
  );

/** Gates one planned service in simulated time, every probe answered by `script`. */
async function gate(service: ResolvedService, script: Script) {
  const clock = new VirtualClock();
  const prober = scriptedProber(clock, script);
  const settings = serviceSettings(service.groups, { name: service.name });
  const outcome: Outcome = await clock.run(
    runPipeline(settings, {
      clock,
      prober: () => prober.probe,
      env: {},
      recorder: nullRecorder,
      log: () => undefined,
      random: () => 0.5,
    }),
  );
  return { outcome, calls: prober.calls };
}

describe('the users’ six-service matrix', () => {
  it('plans all six services from the file as written', async () => {
    const services = await plan();
    expect(services.map((s) => s.name)).toEqual([
      'search-api',
      'web',
      'ingest-worker',
      'auth',
      'reports',
      'notifications',
    ]);
  });

  it('joins named endpoints to url and gives each its own timing and objectives', async () => {
    const search = (await plan())[0] as ResolvedService;
    expect(byEndpoint(search)).toEqual({
      health: {
        urls: ['https://search-api.example.com/healthz'],
        intervalMs: 30_000,
        timeoutMs: 5_000,
        latency: [],
        maxErrorRate: 0.001,
      },
      search: {
        urls: ['https://search-api.example.com/search'],
        intervalMs: 60_000,
        timeoutMs: 10_000,
        latency: ['p90<5000ms'],
        maxErrorRate: 0.001,
      },
      stats: {
        urls: ['https://search-api.example.com/context/stats'],
        intervalMs: 60_000,
        timeoutMs: 10_000,
        latency: ['p90<3000ms'],
        maxErrorRate: 0.001,
      },
    });
  });

  it('fits only the defaults nobody wrote around a long interval, and says so', async () => {
    const reports = (await plan())[4] as ResolvedService;
    const exportRun = reports.groups.find((r) => r.endpoints.includes('export'));
    // 120 s between probes: 3 successes need 4 min (the 90 s default cannot hold them), and the
    // 5 min bake holds 2 observe probes (the default of 8 consecutive failures could never fire).
    expect(exportRun?.settings.policy.startupTimeoutMs).toBe(390_000);
    expect(exportRun?.settings.policy.failureThreshold).toBe(2);
    expect(reports.notes).toEqual(
      expect.arrayContaining([
        'export: startup-timeout 6m30s (the default is too short for the success streak at interval 2m)',
        'export: failure-threshold 2 (the observe probes the bake holds at interval 2m)',
      ]),
    );
  });

  it('keeps what the gate cannot judge, as written', async () => {
    const services = await plan();
    expect(services.map((s) => s.notJudged)).toEqual([
      [
        { field: 'schedule', value: '0 */1 * * *' },
        { field: 'slo_targets.job_success_rate', value: '95%' },
      ],
      [],
      [
        { field: 'schedule', value: '*/15 * * * *' },
        { field: 'slo_targets.job_success_rate', value: '95%' },
      ],
      [],
      [
        { field: 'schedule', value: '30 2 * * *' },
        { field: 'slo_targets.job_success_rate', value: '99%' },
      ],
      [],
    ]);
  });

  it('still refuses what it cannot place: an objective or timing for an undeclared endpoint', () => {
    const text = [
      'service: api',
      'url: https://api.example.com',
      'health_endpoint: /healthz',
      'serach_timeout: 10s',
      'slo_targets:',
      '  search_response_time_p90: 5000ms',
    ].join('\n');
    let error: unknown;
    try {
      parseServiceConfig(text, 'deploy-gate.yml', { env: {} });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).lines).toEqual([
      'deploy-gate.yml:4: service "api": serach_timeout: "10s" names no endpoint of this service; accepted: declare serach_endpoint (or an endpoint with name: serach), or one of: health',
      'deploy-gate.yml:6: service "api": slo_targets.search_response_time_p90: "5000ms" names no endpoint of this service; accepted: declare search_endpoint (or an endpoint with name: search), or one of: health',
    ]);
  });

  it('gates every service healthy when every endpoint answers in time', async () => {
    for (const service of await plan()) {
      const { outcome } = await gate(service, () => ok(40));
      expect([service.name, outcome.verdict]).toEqual([service.name, 'healthy']);
    }
  });

  it('fails search-api on the search endpoint’s own p90, probed at its own interval', async () => {
    const search = (await plan())[0] as ResolvedService;
    const slowSearch: Script = (url) => (url.endsWith('/search') ? ok(6_000) : ok(40));
    const { outcome, calls } = await gate(search, slowSearch);
    expect(outcome.verdict).toBe('unhealthy');
    expect(outcome.release?.decidedBy?.url).toBe('https://search-api.example.com/search');
    expect(outcome.reason).toContain('p90');
    const searchAt = calls.filter((c) => c.url.endsWith('/search')).map((c) => c.at);
    expect(searchAt.length).toBeGreaterThan(1);
    expect(calls.find((c) => c.url.endsWith('/search'))?.timeoutMs).toBe(10_000);
    // Once it answers, /search is probed every 60 s (its own search_interval), not every 30 s.
    const gaps = searchAt.slice(1).map((t, i) => t - (searchAt[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000);
  });

  /** The problems of a file, or [] when it loads. */
  const problemsOf = (text: string): string[] => {
    try {
      parseServiceConfig(text, 'deploy-gate.yml', { env: {} });
      return [];
    } catch (error) {
      if (error instanceof SettingsError) return error.lines;
      throw error;
    }
  };

  it('refuses two endpoints with one name, naming both fields', () => {
    expect(
      problemsOf(
        'service: api\nurl: https://api.example.com\nsearch_endpoint: /search\nendpoints:\n  - { name: search, path: /search2 }\n',
      ),
    ).toEqual([
      'deploy-gate.yml:5: service "api": endpoints[0].path: names the endpoint "search", which search_endpoint already names; accepted: each endpoint name once',
    ]);
  });

  it('joins an endpoint’s own objective to the service’s, the endpoint winning per percentile', async () => {
    const file = parseServiceConfig(
      [
        'service: api',
        'url: https://api.example.com',
        'health_endpoint: /healthz',
        'search_endpoint: /search',
        'slo_targets:',
        '  response_time_p95: 500ms',
        '  response_time_p99: 1s',
        '  search_response_time_p99: 2s',
      ].join('\n'),
      'deploy-gate.yml',
      { env: {} },
    );
    const [api] = await resolveServices(file, { actionInputs: {} });
    expect(byEndpoint(api as ResolvedService)).toMatchObject({
      health: { latency: ['p95<500ms', 'p99<1s'] },
      search: { latency: ['p95<500ms', 'p99<2s'] },
    });
  });

  it('lets a service drop a default named endpoint, and its default timing with it', async () => {
    const file = parseServiceConfig(
      [
        'defaults:',
        '  health_endpoint: /healthz',
        '  health_interval: 30s',
        '  search_endpoint: /search',
        '  search_timeout: 10s',
        'services:',
        '  - name: api',
        '    url: https://api.example.com',
        '  - name: worker',
        '    url: https://worker.example.com',
        '    search_endpoint: null',
        '  - name: cron',
        '    url: https://cron.example.com',
        '    health_endpoint: null',
      ].join('\n'),
      'deploy-gate.yml',
      { env: {} },
    );
    const services = await resolveServices(file, { actionInputs: {} });
    expect(services.map((s) => Object.keys(byEndpoint(s)))).toEqual([
      ['health', 'search'],
      ['health'],
      ['search'],
    ]);
  });

  it('says when a named endpoint looks like a misspelt health_endpoint', async () => {
    const file = parseServiceConfig(
      'service: api\nurl: https://api.example.com\nhelth_endpoint: /healthz\n',
      'deploy-gate.yml',
      { env: {} },
    );
    const [api] = await resolveServices(file, { actionInputs: {} });
    expect(api?.notes).toContain(
      'helth_endpoint declares an endpoint named "helth"; did you mean health_endpoint?',
    );
  });

  it('points an endpoint objective written at the top level to slo_targets', () => {
    expect(
      problemsOf('service: api\nurl: https://api.example.com\nsearch_response_time_p90: 5s\n'),
    ).toEqual([
      expect.stringMatching(
        /^deploy-gate\.yml:3: service "api": search_response_time_p90: is not a known field here: an SLO target goes under slo_targets; accepted: /,
      ),
    ]);
  });

  it('refuses url and base_url together', () => {
    const text =
      'service: api\nurl: https://a.example.com\nbase_url: https://b.example.com\nhealth_endpoint: /h\n';
    expect(() => parseServiceConfig(text, 'deploy-gate.yml', { env: {} })).toThrow(
      'deploy-gate.yml:2: service "api": url: sets the base URL, which base_url already sets; set it in one place',
    );
  });
});
