/**
 * `mode: monitor` in-process, from a config file as users write it (real YAML through the
 * project's loader) to the monitor's services and endpoint scopes, against a real service on
 * 127.0.0.1: what the ledger keeps and the summary shows, the refusal, before any request, of
 * a file whose services and scopes would not fit in the ledger (alone, or beside other monitors'
 * entries), the room made in a full ledger for a file that fits, and the incident issues of a
 * removed service closed, those of other monitors, other legs and other url-input steps left
 * alone (a fake GitHub), and the refusal of a config writing an entry another monitor measures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/main.js';
import { incidentMarker } from '../../src/monitor/incident-marker.js';
import { LEDGER_FILE, writeLedgerFile } from '../../src/monitor/ledger-file.js';
import {
  addRun,
  emptyLedger,
  LEDGER_LIMITS,
  type AlertRecord,
  type Ledger,
} from '../../src/monitor/slo-ledger.js';
import { startFakeGitHubIssues } from '../helpers/fake-github-issues.js';
import { json } from '../helpers/http-server.js';
import { stepBench } from '../helpers/run-in-process.js';

const bench = stepBench('monitor-step', {
  '/healthz': json({ status: 'ok' }),
  '/search': json({ hits: [] }),
  '/stats': json({ count: 0 }),
});

const WORKFLOW = 'octo/shop/.github/workflows/monitor.yml';
/** The runner's variables of a run of WORKFLOW on main. */
const RUNNER = {
  GITHUB_WORKFLOW_REF: `${WORKFLOW}@refs/heads/main`,
  GITHUB_REPOSITORY: 'octo/shop',
};
/** The owner those runs record on their entries: the workflow file and the config as written. */
const ownerOf = (config: string) => `${WORKFLOW} (config ${config})`;
const THEIRS = 'octo/shop/.github/workflows/payments.yml (config payments.yml)';

/** A short monitor run (the config file sets no timing of its own). */
const monitor = (
  config: string,
  more: Record<string, string> = {},
  env: Record<string, string> = RUNNER,
) =>
  bench.step(
    run,
    {
      mode: 'monitor',
      config,
      interval: '100ms',
      timeout: '1s',
      'observe-for': '1s',
      'audit-dir': bench.auditDir(),
      ...more,
    },
    { env },
  );

/** `names`, each with one healthy run ending `end`, written by `owner` (null: before owners). */
function ledgerOf(names: readonly string[], end: number, owner: string | null): Ledger {
  let ledger = emptyLedger();
  for (const service of names) {
    const counts = { service, startedAt: end - 60_000, endedAt: end, total: 12, failed: 0 };
    ledger = addRun(ledger, { ...counts, slow: {} }, end, owner ? { owner } : {});
  }
  return ledger;
}

const writeConfig = (name: string, text: string) => {
  const path = join(bench.work, name);
  writeFileSync(path, text);
  return path;
};

/** Events (the total column) of a ledger entry's 5-minute rows. */
const events = (ledger: Ledger, entry: string) =>
  (ledger.services[entry]?.fine ?? []).reduce((n, row) => n + (row[1] ?? 0), 0);

describe('monitor from a config file with an endpoint’s own objective', () => {
  it('keeps search_response_time_p90 as the scope api/search, over /search’s probes only', async () => {
    const config = writeConfig(
      'deploy-gate.yml',
      `service: api
url: ${bench.server.origin}
health_endpoint: /healthz
search_endpoint: /search
slo_targets:
  availability: 99.9%
  search_response_time_p90: 5000ms
`,
    );
    const records = join(bench.work, 'records');
    const r = await monitor(config, { records });
    expect(r.exitCode).toBeFalsy();
    expect(r.outputs.alert).toBe('none');

    const ledger = JSON.parse(readFileSync(join(records, LEDGER_FILE), 'utf8')) as Ledger;
    expect(Object.keys(ledger.services).sort()).toEqual(['api', 'api/search']);
    // The objective is the endpoint's alone: the service-wide entry judges availability only.
    expect(ledger.services['api']?.objectives).toEqual([]);
    expect(ledger.services['api/search']?.objectives).toEqual(['p90<5000ms']);
    const searched = bench.server.requests.filter((q) => q.path === '/search').length;
    expect(searched).toBeGreaterThan(0);
    expect(events(ledger, 'api/search')).toBeGreaterThan(0);
    expect(events(ledger, 'api/search')).toBeLessThanOrEqual(searched);
    expect(events(ledger, 'api/search')).toBeLessThan(events(ledger, 'api'));

    expect(r.summary).toContain('| api | availability |');
    expect(r.summary).toContain('| api/search | search p90&lt;5000ms |');
  });
});

describe('a config file past the ledger’s limit', () => {
  it('is refused before any request, naming the count and the limit', async () => {
    // One service short of the limit, plus two endpoints with their own objective: 201 entries.
    const plain = Array.from(
      { length: LEDGER_LIMITS.services - 1 },
      (_, i) => `service: svc-${i}\nurl: ${bench.server.origin}\nhealth_endpoint: /healthz\n`,
    );
    const scoped = `service: api
url: ${bench.server.origin}
health_endpoint: /healthz
search_endpoint: /search
stats_endpoint: /stats
slo_targets: { search_response_time_p90: 5000ms, stats_response_time_p90: 3000ms }
`;
    const config = writeConfig('too-many.yml', [...plain, scoped].join('---\n'));
    const records = join(bench.work, 'records-too-many');
    const before = bench.server.requests.length;
    const r = await monitor(config, { records });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.outputs.reason).toMatch(
      /^monitor: the config's 200 services and 2 endpoint scopes .* need 202 SLO ledger entries; the ledger holds at most 200; /,
    );
    expect(bench.server.requests.length).toBe(before);
  });
});

describe('a ledger full of services taken out of the config', () => {
  it('makes room for the configured service, oldest first, says so, and measures it', async () => {
    // 200 services this monitor's config no longer names, each last run a second apart from a
    // day ago, none with an open alert.
    const records = join(bench.work, 'records-full');
    const config = writeConfig(
      'one.yml',
      `service: api\nurl: ${bench.server.origin}\nhealth_endpoint: /healthz\n`,
    );
    let ledger = emptyLedger();
    const dayAgo = Date.now() - 86_400_000;
    for (let i = 0; i < LEDGER_LIMITS.services; i += 1) {
      const end = dayAgo + i * 1000;
      const run = { service: `gone-${i}`, startedAt: end - 60_000, endedAt: end };
      const counts = { ...run, total: 12, failed: 0, slow: {} };
      ledger = addRun(ledger, counts, end, { owner: ownerOf(config) });
    }
    writeLedgerFile(records, ledger);
    const r = await monitor(config, { records });
    expect(r.exitCode).toBeFalsy();
    expect(r.outputs.alert).toBe('none');
    expect(r.stdout).toContain(
      '::warning::deploy-gate monitor: the ledger holds at most 200 services and endpoint scopes; dropped the history of 1 SLO ledger entry this monitor no longer configures, oldest last run first, to make room for the configured ones: gone-0\n',
    );
    const saved = JSON.parse(readFileSync(join(records, LEDGER_FILE), 'utf8')) as Ledger;
    expect(Object.keys(saved.services)).toHaveLength(LEDGER_LIMITS.services);
    expect(saved.services['gone-0']).toBeUndefined();
    expect(events(saved, 'api')).toBeGreaterThan(0);
  });
});

describe('a ledger shared with other monitors', () => {
  it('refuses, before any request, a config that fits alone but not beside their entries', async () => {
    const records = join(bench.work, 'records-shared-full');
    const theirs = Array.from({ length: LEDGER_LIMITS.services }, (_, i) => `pay-${i}`);
    writeLedgerFile(records, ledgerOf(theirs, Date.now() - 3_600_000, THEIRS));
    const config = writeConfig(
      'alone.yml',
      `service: api\nurl: ${bench.server.origin}\nhealth_endpoint: /healthz\n`,
    );
    const before = bench.server.requests.length;
    const r = await monitor(config, { records });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.outputs.reason).toMatch(
      /^monitor: this monitor needs 1 entry in the SLO ledger .* keeps 200 entries there that this run may not drop, .*accepted: at most 0 services and scopes beside them: give this monitor a ledger of its own/,
    );
    expect(bench.server.requests.length).toBe(before);
    // The ledger is left as it was for the monitors it belongs to.
    const saved = JSON.parse(readFileSync(join(records, LEDGER_FILE), 'utf8')) as Ledger;
    expect(Object.keys(saved.services)).toEqual(theirs);
  });

  it('refuses, before any probe, a config writing an entry another monitor still measures', async () => {
    // The payments workflow monitors a service it calls `api` too, into the same ledger.
    const records = join(bench.work, 'records-same-name');
    const theirs = ledgerOf(['api'], Date.now() - 300_000, THEIRS);
    writeLedgerFile(records, theirs);
    const config = writeConfig(
      'same-name.yml',
      `service: api\nurl: ${bench.server.origin}\nhealth_endpoint: /healthz\n`,
    );
    const before = bench.server.requests.length;
    const r = await monitor(config, { records });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.verdict).toBe('error');
    expect(r.outputs.reason).toBe(
      `monitor: 1 SLO ledger entry this monitor writes belongs to another monitor that still has data in it inside the SLO window ("api" of "${THEIRS}"); two monitors writing one entry would merge their events into one error budget and close each other's alerts; accepted: entries no other monitor has written inside the SLO window: give this monitor a ledger of its own (its own "records" folder: without "records", every monitor workflow of the repository shares the artifact deploy-gate-monitor-ledger), or give the two monitors' services distinct names`,
    );
    expect(bench.server.requests.length).toBe(before);
    const saved = JSON.parse(readFileSync(join(records, LEDGER_FILE), 'utf8')) as Ledger;
    expect(saved).toEqual(theirs);
  });

  it('leaves another url-input step’s incident open: one workflow, one owner, no file', async () => {
    const github = await startFakeGitHubIssues();
    try {
      // Two steps of this workflow monitor by `url` input, one `web.test`, this one the bench
      // service: both write as `<workflow> (url inputs)`, and neither names the other's service.
      const now = Date.now();
      const since = now - 3 * 3_600_000;
      const page: AlertRecord = {
        level: 'page',
        peak: 'page',
        since,
        rule: 'page: 1h and 5m > 14.4',
        quietSince: now - 2 * 3_600_000,
      };
      const ledger = ledgerOf(['web.test'], now - 300_000, `${WORKFLOW} (url inputs)`);
      ledger.services['web.test'] = {
        ...ledger.services['web.test']!,
        alerts: { availability: page },
      };
      const records = join(bench.work, 'records-url-steps');
      writeLedgerFile(records, ledger);
      const web = github.seed({
        labels: ['incident', 'severity:critical'],
        title: 'deploy-gate: web.test availability SLO burning (page)',
        body: incidentMarker({ service: 'web.test', slo: 'availability', since }),
      });
      const r = await bench.step(
        run,
        {
          mode: 'monitor',
          url: `${bench.server.origin}/healthz`,
          'max-error-rate': '0.1',
          interval: '100ms',
          timeout: '1s',
          'observe-for': '1s',
          'audit-dir': bench.auditDir(),
          records,
          'incident-issues': 'true',
          'github-token': github.token,
        },
        { env: { ...RUNNER, GITHUB_API_URL: github.url } },
      );
      expect(r.exitCode).toBeFalsy();
      expect(github.issues.find((i) => i.number === web)?.state).toBe('open');
      expect(github.comments).toEqual([]);
      const saved = JSON.parse(readFileSync(join(records, LEDGER_FILE), 'utf8')) as Ledger;
      expect(saved.services['web.test']).toEqual(ledger.services['web.test']);
      const mine = `127.0.0.1-${new URL(bench.server.origin).port}`;
      expect(saved.services[mine]?.owner).toBe(`${WORKFLOW} (url inputs)`);
    } finally {
      await github.close();
    }
  });

  it('closes the incident of a service its config dropped, saying why, and no other', async () => {
    const github = await startFakeGitHubIssues();
    try {
      // One file, two services; this run is its `service: api` leg, so `web` is another leg's.
      const config = writeConfig(
        'legs.yml',
        [
          `service: api\nurl: ${bench.server.origin}\nhealth_endpoint: /healthz\n`,
          `service: web\nurl: ${bench.server.origin}\nhealth_endpoint: /stats\n`,
        ].join('---\n'),
      );
      const now = Date.now();
      const hour = 3_600_000;
      let ledger = ledgerOf(['api', 'web', 'gone'], now - hour, ownerOf(config));
      // `pay`: an entry of another monitor workflow sharing the ledger.
      const pay = ledgerOf(['pay'], now - hour, THEIRS).services;
      ledger = { ...ledger, services: { ...ledger.services, ...pay } };
      // Each has a paging alert open for 3 hours; quiet for 2 (past the 30-minute hold).
      const since = now - 3 * hour;
      const page: AlertRecord = {
        level: 'page',
        peak: 'page',
        since,
        rule: 'page: 1h and 5m > 14.4',
        quietSince: now - 2 * hour,
      };
      for (const name of ['web', 'gone', 'pay'])
        ledger.services[name] = { ...ledger.services[name]!, alerts: { availability: page } };
      const records = join(bench.work, 'records-legs');
      writeLedgerFile(records, ledger);
      const issue = (service: string) =>
        github.seed({
          labels: ['incident', 'severity:critical'],
          title: `deploy-gate: ${service} availability SLO burning (page)`,
          body: incidentMarker({ service, slo: 'availability', since }),
        });
      const [gone, web, paying] = [issue('gone'), issue('web'), issue('pay')];

      const stats = bench.server.requests.filter((q) => q.path === '/stats').length;
      const r = await monitor(
        config,
        {
          records,
          service: 'api',
          'incident-issues': 'true',
          'github-token': github.token,
        },
        { ...RUNNER, GITHUB_API_URL: github.url },
      );
      expect(r.exitCode).toBeFalsy();
      expect(r.stdout).toContain(
        `deploy-gate monitor: incident issue #${gone} closed (gone availability)`,
      );
      const state = (n: number) => github.issues.find((i) => i.number === n)?.state;
      expect([state(gone), state(web), state(paying)]).toEqual(['closed', 'open', 'open']);
      const said = github.comments.map((c) => [c.issue, c.body.split('\n')[0]]);
      expect(said).toEqual([
        [
          gone,
          expect.stringMatching(
            /^Resolved at .*: the SLO is no longer in the config, so nothing measures it any more; the incident lasted 3 h/,
          ),
        ],
      ]);

      const saved = JSON.parse(readFileSync(join(records, LEDGER_FILE), 'utf8')) as Ledger;
      expect(saved.services['gone']?.alerts).toEqual({});
      expect(saved.services['web']?.alerts).toEqual({ availability: page });
      expect(saved.services['pay']?.alerts).toEqual({ availability: page });
      expect(saved.services['api']?.owner).toBe(ownerOf(config));
      expect(saved.services['pay']?.owner).toBe(THEIRS);
      // The other leg's service is not probed by this one.
      expect(bench.server.requests.filter((q) => q.path === '/stats').length).toBe(stats);
    } finally {
      await github.close();
    }
  });
});
