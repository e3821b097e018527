/**
 * monitor.json names each SLO's ledger entry (`api/search` for an endpoint's own objective) from
 * schema 1.1.0 on; records of 1.0.0, written before, stay valid by the zod schema and by the
 * published JSON Schema, so reports keep reading them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  MONITOR_SCHEMA_VERSION,
  monitorRecord,
  monitorRecordSchema,
  readsMonitorVersion,
  type MonitorRecord,
} from '../../src/monitor/monitor-record.js';
import { runMonitor, serviceObjectives } from '../../src/monitor/run-monitor.js';
import { emptyLedger } from '../../src/monitor/slo-ledger.js';
import type { LatencyObjective } from '../../src/gate/types.js';
import type { Settings } from '../../src/settings/settings.js';
import { ROOT } from '../helpers/run-dist.js';
import { ok, scriptedProber } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const P90: LatencyObjective = { percentile: 90, limitMs: 500, text: 'p90<500ms' };
const HEALTH = 'http://api.test/healthz';
const SEARCH = 'http://api.test/search';

/** One run of `api`: availability over both URLs, `search p90<500ms` over /search alone. */
async function record(): Promise<MonitorRecord> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 10));
  const prober = scriptedProber(clock, () => ok(40));
  const policy = (latencySlo: LatencyObjective[]) =>
    ({ maxErrorRate: 0.001, latencySlo }) as Settings['policy'];
  const { objectives, latency, scopes } = serviceObjectives([
    { endpoints: ['health'], urls: [HEALTH], policy: policy([]) },
    { endpoints: ['search'], urls: [SEARCH], policy: policy([P90]) },
  ]);
  const target = (url: string) => ({
    service: 'api',
    url,
    method: 'GET',
    intervalMs: 5_000,
    timeoutMs: 2_000,
    probe: prober.probe,
  });
  const result = await clock.run(
    runMonitor({
      services: [
        { name: 'api', objectives, latency, scopes, targets: [target(HEALTH), target(SEARCH)] },
      ],
      ledger: emptyLedger(),
      clock,
      observeForMs: 60_000,
      windowMs: 30 * 86_400_000,
      ownership: { owner: 'local (config deploy-gate.yml)', fileServices: ['api'] },
    }),
  );
  return monitorRecord(result, { window: '30d', runUrl: null });
}

/** The same record as a 1.0.0 writer left it: no `entry`. */
function asVersion1(current: MonitorRecord): unknown {
  return {
    ...current,
    schema_version: '1.0.0',
    services: current.services.map((s) => ({
      ...s,
      slos: s.slos.map(({ entry: _entry, ...slo }) => slo),
    })),
  };
}

const published = () => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  const schema = readFileSync(join(ROOT, 'schema', 'monitor.schema.json'), 'utf8');
  return ajv.compile(JSON.parse(schema) as object);
};

describe('monitor.json', () => {
  it('names each SLO’s ledger entry under the service it belongs to (1.1.0)', async () => {
    const current = await record();
    expect(current.schema_version).toBe('1.1.0');
    expect(MONITOR_SCHEMA_VERSION).toBe('1.1.0');
    expect(current.services.map((s) => s.service)).toEqual(['api']);
    expect(current.services[0]?.slos.map((s) => `${s.entry} ${s.name}`)).toEqual([
      'api availability',
      'api/search search p90<500ms',
    ]);
    expect(monitorRecordSchema.parse(current)).toEqual(current);
    const validate = published();
    expect(validate(current) ? [] : validate.errors).toEqual([]);
  });

  it('still reads a 1.0.0 record, which has no entry', async () => {
    const old = asVersion1(await record());
    expect(readsMonitorVersion('1.0.0')).toBe(true);
    expect(monitorRecordSchema.parse(old).services[0]?.slos[1]).not.toHaveProperty('entry');
    const validate = published();
    expect(validate(old) ? [] : validate.errors).toEqual([]);
  });

  it('refuses another major version or an unknown field', async () => {
    const current = await record();
    expect(readsMonitorVersion('2.0.0')).toBe(false);
    expect(readsMonitorVersion(undefined)).toBe(false);
    expect(monitorRecordSchema.safeParse({ ...current, schema_version: '2.0.0' }).success).toBe(
      false,
    );
    const slos = current.services[0]?.slos.map((s) => ({ ...s, ledger: s.entry }));
    const typo = { ...current, services: [{ ...current.services[0], slos }] };
    expect(monitorRecordSchema.safeParse(typo).success).toBe(false);
  });
});
