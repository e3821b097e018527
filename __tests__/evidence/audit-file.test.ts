import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_SCHEMA_VERSION, type AuditRecord } from '../../src/evidence/audit-schema.js';
import { AuditRecordError, writeAuditRecord } from '../../src/evidence/audit-file.js';
import { REDACTED, Redactor } from '../../src/secrets/redact.js';
import { scanForSecrets } from '../helpers/scan-secrets.js';
import { healthySample, rolledBackSample } from '../helpers/audit-samples.js';
import { tempDirs } from '../helpers/temp-dir.js';

const temp = tempDirs();
afterEach(() => temp.cleanup());

const TOKEN = 'FlyV1 fm2_lJPECAAAAAAAAMqgxBBsecretmacaroon';

function redactor(): Redactor {
  const r = new Redactor();
  r.addSecret(TOKEN);
  return r;
}

describe('writeAuditRecord', () => {
  it('writes audit.json redacted, pretty, with a final newline, and nothing else', () => {
    const dir = temp.make('audit');
    const record: AuditRecord = {
      ...rolledBackSample,
      reason: `flyctl said: Authorization: ${TOKEN}`,
      rollback: {
        ...rolledBackSample.rollback!,
        command: ['flyctl', 'deploy', '--access-token', TOKEN.slice(6), '--app', 'acme-shop'],
      },
    };
    const written = writeAuditRecord(dir, record, redactor());
    expect(written.path).toBe(join(dir, 'audit.json'));
    expect(readdirSync(dir)).toEqual(['audit.json']);
    const text = readFileSync(written.path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const onDisk = JSON.parse(text) as AuditRecord;
    expect(onDisk).toEqual(written.record);
    expect(onDisk.schema_version).toBe(AUDIT_SCHEMA_VERSION);
    expect(onDisk.reason).toBe(`flyctl said: Authorization: ${REDACTED}`);
    expect(onDisk.rollback?.command).toEqual([
      'flyctl',
      'deploy',
      '--access-token',
      REDACTED,
      '--app',
      'acme-shop',
    ]);
    expect(scanForSecrets([dir], [TOKEN, TOKEN.slice(6)])).toEqual([]);
    expect(written.problems).toEqual([]);
  });

  it('replaces an earlier audit.json whole', () => {
    const dir = temp.make('audit');
    writeAuditRecord(dir, rolledBackSample, redactor());
    writeAuditRecord(dir, healthySample, redactor());
    expect(JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8'))).toMatchObject({
      verdict: 'healthy',
    });
    expect(readdirSync(dir)).toEqual(['audit.json']);
  });

  it('refuses a record that does not match the schema, naming field and value without secrets', () => {
    const dir = temp.make('audit');
    const bad = {
      ...healthySample,
      verdict: 'fine',
      release_under_test: { version: TOKEN, image: 7 },
    } as unknown as AuditRecord;
    let error: unknown;
    try {
      writeAuditRecord(dir, bad, redactor());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AuditRecordError);
    const issues = (error as AuditRecordError).issues;
    expect(issues).toEqual([
      expect.stringMatching(/^release_under_test\.image = 7: /),
      expect.stringMatching(/^verdict = "fine": Invalid option: expected one of "healthy"\|/),
    ]);
    expect((error as Error).message).not.toContain('secretmacaroon');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes an inconsistent record anyway and reports why', () => {
    const dir = temp.make('audit');
    const written = writeAuditRecord(dir, { ...healthySample, verdict: 'rolled-back' }, redactor());
    expect(written.problems).toEqual([
      'verdict rolled-back needs a triggered and verified rollback',
    ]);
    expect(readdirSync(dir)).toEqual(['audit.json']);
  });
});
