import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  auditConsistencyProblems,
  auditRecordSchema,
  AUDIT_SCHEMA_VERSION,
  readsAuditVersion,
  type AuditRecord,
} from '../../src/evidence/audit-schema.js';
import { publishedSchemas } from '../../src/evidence/json-schemas.js';
import { toProbeLine } from '../../src/evidence/probe-record.js';
import { Redactor } from '../../src/secrets/redact.js';
import { cancelledSample, healthySample, rolledBackSample } from '../helpers/audit-samples.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const committed = (path: string) => readFileSync(`${repoRoot}${path}`, 'utf8');

/** Strict ajv, as an auditor would run it; `type: ["number", "string"]` is standard JSON Schema. */
function validatorFor(path: string) {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(committed(path)));
}

/** JSON round trip: what an auditor's validator actually reads from audit.json. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('published JSON Schemas', () => {
  it('the committed files equal a fresh generation from the zod schemas', () => {
    for (const { path, text } of publishedSchemas()) {
      expect({ path, text: committed(path) }).toEqual({ path, text });
    }
  });

  it('scripts/gen-schema.ts runs on Node 24 as is and finds nothing stale', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['scripts/gen-schema.ts', '--check'],
      { cwd: repoRoot },
    );
    expect({ stdout, stderr }).toEqual({ stdout: '', stderr: '' });
  });
});

describe('audit.schema.json', () => {
  const validate = validatorFor('schema/audit.schema.json');
  const samples: Array<[string, AuditRecord]> = [
    ['healthy', healthySample],
    ['rolled back', rolledBackSample],
    ['cancelled', cancelledSample],
  ];

  it.each(samples)('accepts the %s sample (ajv and zod agree)', (_name, sample) => {
    const json = asJson(sample);
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(auditRecordSchema.safeParse(json).success).toBe(true);
  });

  it('accepts a 1.0.0 record, with or without the optional fields 1.1.0 named', () => {
    expect(AUDIT_SCHEMA_VERSION).toBe('1.1.0');
    const { not_judged: _notJudged, config_notes: _notes, ...service } = healthySample.service;
    const asWritten = asJson({ ...healthySample, schema_version: '1.0.0', service });
    // Tools before the bump already wrote the two fields under 1.0.0.
    const withFields = asJson({
      ...healthySample,
      schema_version: '1.0.0',
      service: {
        ...service,
        not_judged: [{ field: 'schedule', value: '0 * * * *' }],
        config_notes: ['search: failure-threshold 5'],
      },
    });
    for (const record of [asWritten, withFields]) {
      expect(validate(record) ? [] : validate.errors).toEqual([]);
      expect(auditRecordSchema.safeParse(record).success).toBe(true);
    }
    expect(asWritten).not.toHaveProperty('service.not_judged');
    expect(readsAuditVersion('1.0.0')).toBe(true);
    expect(readsAuditVersion(AUDIT_SCHEMA_VERSION)).toBe(true);
    expect(readsAuditVersion('1.2.0')).toBe(false);
    expect(readsAuditVersion(1)).toBe(false);
  });

  it.each(samples)('finds the %s sample consistent', (_name, sample) => {
    expect(auditConsistencyProblems(sample)).toEqual([]);
  });

  interface BrokenCase {
    name: string;
    breakIt: (record: Record<string, unknown>) => void;
    /** Where ajv points (instancePath) and with which keyword. */
    path: string;
    keyword: string;
    /** Where zod points, when it differs (zod names a missing field itself). */
    zodPath?: string;
  }
  const section = (r: Record<string, unknown>, key: string) => r[key] as Record<string, unknown>;
  const broken: BrokenCase[] = [
    {
      name: 'an unknown verdict',
      breakIt: (r) => (r['verdict'] = 'fine'),
      path: '/verdict',
      keyword: 'enum',
    },
    {
      name: 'a date that is not ISO',
      breakIt: (r) => (r['started_at'] = 'yesterday'),
      path: '/started_at',
      keyword: 'format',
    },
    {
      name: 'an error rate above 1',
      breakIt: (r) => (section(r, 'health_checks')['error_rate'] = 1.5),
      path: '/health_checks/error_rate',
      keyword: 'maximum',
    },
    {
      name: 'a missing reason',
      breakIt: (r) => delete r['reason'],
      path: '',
      keyword: 'required',
      zodPath: '/reason',
    },
    {
      name: 'an unknown field (a typo)',
      breakIt: (r) => (r['verdic'] = 'healthy'),
      path: '',
      keyword: 'additionalProperties',
    },
    {
      name: 'a rollback command that is a shell string',
      breakIt: (r) => (section(r, 'rollback')['command'] = 'flyctl deploy'),
      path: '/rollback/command',
      keyword: 'type',
    },
    {
      name: 'a rule outcome outside the list',
      breakIt: (r) => ((r['rules'] as Array<Record<string, unknown>>)[0]!['outcome'] = 'maybe'),
      path: '/rules/0/outcome',
      keyword: 'enum',
    },
    {
      name: 'a short commit sha',
      breakIt: (r) => (section(r, 'deployment')['sha'] = 'abc123'),
      path: '/deployment/sha',
      keyword: 'pattern',
    },
    {
      name: 'a file path escaping the folder',
      breakIt: (r) => (r['files'] = ['../etc/passwd']),
      path: '/files/0',
      keyword: 'pattern',
    },
    {
      name: 'another major schema version',
      breakIt: (r) => (r['schema_version'] = '2.0.0'),
      path: '/schema_version',
      keyword: 'enum',
    },
    {
      name: 'a minor schema version newer than this tool',
      breakIt: (r) => (r['schema_version'] = '1.2.0'),
      path: '/schema_version',
      keyword: 'enum',
    },
  ];

  it.each(broken)('rejects $name with a clear path', ({ breakIt, path, keyword, zodPath }) => {
    const record = asJson(rolledBackSample) as Record<string, unknown>;
    breakIt(record);
    expect(validate(record)).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ instancePath: path, keyword })]),
    );
    const zodPaths = auditRecordSchema.safeParse(record).error?.issues.map((issue) => issue.path);
    expect(zodPaths?.map((p) => (p.length ? `/${p.join('/')}` : ''))).toContain(zodPath ?? path);
  });
});

describe('auditConsistencyProblems', () => {
  it('reports cross-field contradictions JSON Schema cannot see', () => {
    const record: AuditRecord = {
      ...rolledBackSample,
      ended_at: '2026-03-01T11:00:00.000Z',
      health_checks: { ...rolledBackSample.health_checks, success_count: 4 },
      rollback: { ...rolledBackSample.rollback!, verified: false },
    };
    expect(auditConsistencyProblems(record)).toEqual([
      'ended_at 2026-03-01T11:00:00.000Z is before started_at 2026-03-01T12:00:00.000Z',
      'health_checks: success_count 4 + failure_count 8 != attempts 11',
      'verdict rolled-back needs a triggered and verified rollback',
    ]);
  });

  it('flags a healthy verdict over a failed rule and a rollback-failed verdict without a rollback', () => {
    expect(auditConsistencyProblems({ ...healthySample, rules: rolledBackSample.rules })).toEqual([
      'verdict healthy but a rule failed',
    ]);
    expect(auditConsistencyProblems({ ...healthySample, verdict: 'rollback-failed' })).toEqual([
      'verdict rollback-failed needs a rollback record (what was tried, or why none could run)',
    ]);
  });
});

describe('probe-line.schema.json', () => {
  it('accepts the lines toProbeLine writes and rejects a line missing its url', () => {
    const validate = validatorFor('schema/probe-line.schema.json');
    const line = toProbeLine(
      {
        seq: 1,
        url: 'https://app.example/healthz',
        method: 'GET',
        phase: 'startup',
        run: 'release',
        scheduledAt: 1_700_000_000_000,
        startedAt: 1_700_000_000_004,
        ok: true,
        status: 200,
        latencyMs: 12.25,
        headers: { 'content-type': 'text/plain' },
        bodySha256: 'b'.repeat(64),
        bodyExcerpt: 'ok',
        bodyBytesRead: 2,
        bodyTruncated: false,
      },
      { redactor: new Redactor() },
    );
    expect(validate(asJson(line)) ? [] : validate.errors).toEqual([]);
    const { url: _url, ...withoutUrl } = line;
    expect(validate(withoutUrl)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: 'required',
      params: { missingProperty: 'url' },
    });
  });
});
