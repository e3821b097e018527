/**
 * `mode: monitor` in-process, from a config file as users write it (real YAML through the
 * project's loader) to the monitor's services and endpoint scopes, against a real service on
 * 127.0.0.1: what the ledger keeps and the summary shows, the refusal, before any request, of
 * a file whose services and scopes would not fit in the ledger, and the room made in a full ledger
 * for a file that fits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/main.js';
import { LEDGER_FILE, writeLedgerFile } from '../../src/monitor/ledger-file.js';
import { addRun, emptyLedger, LEDGER_LIMITS, type Ledger } from '../../src/monitor/slo-ledger.js';
import { json } from '../helpers/http-server.js';
import { stepBench } from '../helpers/run-in-process.js';

const bench = stepBench('monitor-step', {
  '/healthz': json({ status: 'ok' }),
  '/search': json({ hits: [] }),
  '/stats': json({ count: 0 }),
});

/** A short monitor run (the config file sets no timing of its own). */
const monitor = (config: string, more: Record<string, string> = {}) =>
  bench.step(run, {
    mode: 'monitor',
    config,
    interval: '100ms',
    timeout: '1s',
    'observe-for': '1s',
    'audit-dir': bench.auditDir(),
    ...more,
  });

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
    // 200 services the config no longer names, each last run a second apart from a day ago.
    const records = join(bench.work, 'records-full');
    let ledger = emptyLedger();
    const dayAgo = Date.now() - 86_400_000;
    for (let i = 0; i < LEDGER_LIMITS.services; i += 1) {
      const end = dayAgo + i * 1000;
      const run = { service: `gone-${i}`, startedAt: end - 60_000, endedAt: end };
      ledger = addRun(ledger, { ...run, total: 12, failed: 0, slow: {} }, end);
    }
    writeLedgerFile(records, ledger);
    const config = writeConfig(
      'one.yml',
      `service: api\nurl: ${bench.server.origin}\nhealth_endpoint: /healthz\n`,
    );
    const r = await monitor(config, { records });
    expect(r.exitCode).toBeFalsy();
    expect(r.outputs.alert).toBe('none');
    expect(r.stdout).toContain(
      '::warning::deploy-gate monitor: the ledger holds at most 200 services and endpoint scopes; dropped the history of 1 SLO ledger entry no longer in the config, oldest last run first, to make room for the configured ones: gone-0 (their open alerts resolved)',
    );
    const saved = JSON.parse(readFileSync(join(records, LEDGER_FILE), 'utf8')) as Ledger;
    expect(Object.keys(saved.services)).toHaveLength(LEDGER_LIMITS.services);
    expect(saved.services['gone-0']).toBeUndefined();
    expect(events(saved, 'api')).toBeGreaterThan(0);
  });
});
