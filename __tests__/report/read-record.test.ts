/**
 * readRecord across audit schema versions: records of every version this tool reads (1.0.0 as
 * earlier releases sealed them, with or without the fields 1.1.0 named) give the same fact, and a
 * version it does not read is skipped with both the version found and the versions it reads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_SCHEMA_VERSION } from '../../src/evidence/audit-schema.js';
import { sealEvidence } from '../../src/evidence/seal.js';
import { readRecord } from '../../src/report/read-record.js';
import { writeRecord, type HandRecord } from '../helpers/records.js';

const HAND: HandRecord = {
  service: 'api',
  verdict: 'unhealthy',
  started: '2026-03-30T12:00:00.000Z',
  ended: '2026-03-30T12:02:00.000Z',
  failures: ['2026-03-30T12:00:30.000Z'],
  attempts: 20,
  successes: 10,
  p95: 300,
  failedRules: [{ rule: 'error-rate', message: 'error rate 50% (limit 5%)' }],
  runId: 5,
};

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-read-record-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A sealed folder whose audit.json is rewritten by `edit`, then sealed again as its writer would. */
async function folder(
  name: string,
  edit: (record: Record<string, unknown>) => void = () => undefined,
): Promise<string> {
  const dir = join(root, name);
  await writeRecord(dir, HAND);
  const path = join(dir, 'audit.json');
  const record = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(record);
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  await sealEvidence(dir, { schemaVersion: String(record['schema_version']), now: 0 });
  return name;
}

const service = (record: Record<string, unknown>) => record['service'] as Record<string, unknown>;

describe('readRecord and the audit schema version', () => {
  it('reads a 1.0.0 record as earlier releases wrote it, to the same fact as a 1.1.0 one', async () => {
    expect(AUDIT_SCHEMA_VERSION).toBe('1.1.0');
    const current = await readRecord(root, await folder('current'));
    const old = await readRecord(
      root,
      await folder('old', (r) => {
        r['schema_version'] = '1.0.0';
      }),
    );
    expect(current).toMatchObject({
      kind: 'fact',
      fact: {
        service: 'api',
        verdict: 'unhealthy',
        attempts: 20,
        successes: 10,
        p95Ms: 300,
        firstFailureAt: Date.parse('2026-03-30T12:00:30.000Z'),
        reasons: [{ reason: 'error-rate', example: 'error rate 50% (limit 5%)' }],
      },
    });
    if (current.kind !== 'fact' || old.kind !== 'fact') throw new Error('both must be read');
    expect({ ...old.fact, path: 'current' }).toEqual(current.fact);
  });

  it('reads the optional fields under either version: 1.0.0 records already held them', async () => {
    const withFields = (version: string) => (r: Record<string, unknown>) => {
      r['schema_version'] = version;
      service(r)['not_judged'] = [{ field: 'schedule', value: '0 * * * *' }];
      service(r)['config_notes'] = ['api: failure-threshold 5'];
    };
    for (const version of ['1.0.0', '1.1.0']) {
      const read = await readRecord(root, await folder(`with-${version}`, withFields(version)));
      expect(read).toMatchObject({ kind: 'fact', fact: { service: 'api' } });
    }
  });

  it.each(['2.0.0', '1.2.0', '0.9.0'])('skips a %s record, naming what it reads', async (v) => {
    const read = await readRecord(
      root,
      await folder(`v${v}`, (r) => {
        r['schema_version'] = v;
      }),
    );
    expect(read).toEqual({
      kind: 'skipped',
      path: `v${v}`,
      reason: `schema version ${v} (this report reads 1.0.0, 1.1.0)`,
    });
  });

  it('still holds a 1.0.0 record to the closed schema: an unknown field is skipped', async () => {
    const read = await readRecord(
      root,
      await folder('typo', (r) => {
        r['schema_version'] = '1.0.0';
        r['verdic'] = 'healthy';
      }),
    );
    expect(read).toMatchObject({ kind: 'skipped', path: 'typo' });
    expect(read.kind === 'skipped' ? read.reason : '').toContain('verdic');
  });
});
