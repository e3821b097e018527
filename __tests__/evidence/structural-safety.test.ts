/**
 * The evidence layer's edges: redaction never breaks a record's structure, a write that fails is
 * noted instead of thrown, mkdir never spins on /proc, the audit-dir rules, and the folder lock.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Attempt } from '../../src/gate/types.js';
import { parseAuditRecord } from '../../src/evidence/audit-file.js';
import { auditRecordSchema } from '../../src/evidence/audit-schema.js';
import { checkAuditDir } from '../../src/evidence/audit-dir.js';
import { EvidenceFolder, setAsidePrevious } from '../../src/evidence/evidence-folder.js';
import { LOCK_FILE, lockFolder } from '../../src/evidence/folder-lock.js';
import { makeDir } from '../../src/evidence/make-dir.js';
import { PROBE_LINE_SHAPE, probeLineSchema, toProbeLine } from '../../src/evidence/probe-record.js';
import { Redactor } from '../../src/secrets/redact.js';
import { redactShaped } from '../../src/secrets/redact-shape.js';
import { sealEvidence } from '../../src/evidence/seal.js';
import { WriteFailures } from '../../src/evidence/write-failures.js';
import { regularFileProblem } from '../../src/evidence/special-paths.js';
import { healthySample, rolledBackSample } from '../helpers/audit-samples.js';
import { tempDirs } from '../helpers/temp-dir.js';

const temp = tempDirs();
afterEach(() => temp.cleanup());

const COMMON = [
  'healthy',
  'unhealthy',
  'rolled-back',
  '1',
  '0',
  'true',
  'GET',
  'test',
  '1.0',
  'pass',
  'fail',
  'release',
  'observe',
  'status',
  'sha256',
];
const redactorWith = (secret: string) => {
  const r = new Redactor();
  r.addSecret(secret);
  return r;
};

const attempt: Attempt = {
  seq: 1,
  url: 'https://shop.example/healthz?token=abc',
  method: 'GET',
  phase: 'observe',
  run: 'release',
  scheduledAt: 1_772_366_400_000,
  startedAt: 1_772_366_400_003,
  ok: false,
  status: 503,
  latencyMs: 12,
  failure: { class: 'status', message: 'status 503 not in 200-299', code: '503' },
  headers: { 'content-type': 'application/json' },
  bodySha256: 'c'.repeat(64),
  bodyExcerpt: '{"status":"unhealthy test"}',
};

describe('structure-safe redaction', () => {
  it.each(COMMON)(
    'a secret "%s" leaves audit.json valid, its verdict and enums intact',
    (secret) => {
      for (const sample of [healthySample, rolledBackSample]) {
        const record = parseAuditRecord(sample, redactorWith(secret));
        expect(auditRecordSchema.safeParse(record).success).toBe(true);
        expect(record.verdict).toBe(sample.verdict);
        expect(record.schema_version).toBe(sample.schema_version);
        expect(record.rules.map((r) => [r.rule, r.outcome])).toEqual(
          sample.rules.map((r) => [r.rule, r.outcome]),
        );
        expect(Object.keys(record.policy)).toEqual(Object.keys(sample.policy));
      }
    },
  );

  it.each(COMMON)(
    'a secret "%s" leaves a probe line valid and its run/phase/method intact',
    (secret) => {
      const redactor = redactorWith(secret);
      const line = redactShaped(toProbeLine(attempt, { redactor }), PROBE_LINE_SHAPE, redactor);
      expect(probeLineSchema.safeParse(line).success).toBe(true);
      expect([line.run, line.phase, line.method, line.status]).toEqual([
        'release',
        'observe',
        'GET',
        503,
      ]);
    },
  );

  it('still masks the secret in free text and under secret-named keys', () => {
    const redactor = redactorWith('unhealthy');
    const record = parseAuditRecord(
      { ...healthySample, reason: 'server said unhealthy' },
      redactor,
    );
    expect(record.reason).toBe('server said ***');
    const line = redactShaped(toProbeLine(attempt, { redactor }), PROBE_LINE_SHAPE, redactor);
    expect(line.body_excerpt).not.toContain('unhealthy');
    expect(line.url).toBe('https://shop.example/healthz?token=***');
  });
});

describe('writes that fail are noted, never thrown', () => {
  it('a probes.ndjson on a full device: the attempt is noted, the next write goes on', () => {
    const dir = temp.make('full');
    symlinkSync('/dev/full', join(dir, 'probes.ndjson'));
    const failures = new WriteFailures();
    const folder = new EvidenceFolder(dir, new Redactor(), undefined, failures);
    expect(() => folder.attempt(attempt)).not.toThrow();
    folder.attempt({ ...attempt, seq: 2 });
    folder.write('summary.md', 'ok');
    expect(failures.list).toEqual([
      {
        file: join(dir, 'probes.ndjson'),
        error: expect.stringMatching(/^ENOSPC/) as string,
        count: 2,
      },
    ]);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('ok');
  });

  it('a folder under a regular file: every write is noted against its path', () => {
    const dir = temp.make('notdir');
    writeFileSync(join(dir, 'file'), '');
    const failures = new WriteFailures();
    const folder = new EvidenceFolder(
      join(dir, 'file', 'audit'),
      new Redactor(),
      undefined,
      failures,
    );
    folder.attempt(attempt);
    folder.rollbackOutput('line\n');
    expect(failures.list.map((f) => [f.file.slice(dir.length), f.error.split(':')[0]])).toEqual([
      ['/file/audit', 'ENOTDIR'],
      ['/file/audit/probes.ndjson', 'ENOTDIR'],
      ['/file/audit/rollback.log', 'ENOTDIR'],
    ]);
  });

  it('mkdir under /proc fails at once instead of spinning', () => {
    expect(() => makeDir('/proc/1/x/y')).toThrow(/ENOENT|EACCES|EROFS/);
  });
});

describe('checkAuditDir', () => {
  it('refuses the folders of the runner files, HOME, and their parents', () => {
    const dir = temp.make('runner');
    mkdirSync(join(dir, 'cmd'));
    const env = { GITHUB_OUTPUT: join(dir, 'cmd', 'out'), HOME: join(dir, 'home') };
    expect(checkAuditDir(join(dir, 'cmd'), env, '/')).toEqual([
      expect.stringContaining('is the folder of GITHUB_OUTPUT'),
    ]);
    expect(checkAuditDir(join(dir, 'home'), env, '/')).toEqual([
      expect.stringContaining('is the home folder (HOME)'),
    ]);
    expect(checkAuditDir(dir, env, '/')[0]).toMatch(
      /contains the (home folder|folder of GITHUB_OUTPUT)/,
    );
    expect(checkAuditDir(join(dir, 'cmd', 'audit'), env, '/')).toEqual([]);
  });

  it("accepts an earlier run's sealed evidence, files its seal lists included", async () => {
    const dir = temp.make('earlier');
    writeFileSync(join(dir, 'audit.json'), '{}');
    writeFileSync(join(dir, 'probes.ndjson'), '');
    writeFileSync(join(dir, 'deploy-notes.txt'), 'written by a rollback-command');
    await sealEvidence(dir, { schemaVersion: '1.0.0', now: 0 });
    expect(checkAuditDir(dir, {}, '/')).toEqual([]);
    writeFileSync(join(dir, 'later.txt'), 'not sealed');
    expect(checkAuditDir(dir, {}, '/')[0]).toContain('holds "later.txt"');
  });
});

describe('the folder lock', () => {
  it('is exclusive, left out of the seal, kept by setAsidePrevious, and released', async () => {
    const dir = temp.make('lock');
    writeFileSync(join(dir, 'audit.json'), '{}');
    const first = lockFolder(dir);
    if (first.kind !== 'locked') throw new Error(first.kind);
    const second = lockFolder(dir);
    expect(second).toEqual({
      kind: 'busy',
      problem: expect.stringContaining(
        `in use by deploy-gate process ${process.pid} on ${hostname()}`,
      ) as string,
    });
    const aside = setAsidePrevious(dir, 0) as string;
    expect(existsSync(join(aside, 'audit.json'))).toBe(true);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    writeFileSync(join(dir, 'probes.ndjson'), '');
    const sealed = await sealEvidence(dir, { schemaVersion: '1.0.0', now: 0 });
    expect(sealed.manifest.files.map((f) => f.path)).toEqual(['probes.ndjson']);
    first.lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock whose owner is unreadable or gone', () => {
    const dir = temp.make('stale');
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    const taken = lockFolder(dir);
    expect(taken.kind).toBe('locked');
    if (taken.kind === 'locked') taken.lock.release();
  });
});

describe('regularFileProblem', () => {
  it('refuses devices, folders and files over the cap; accepts a small file', () => {
    const dir = temp.make('files');
    writeFileSync(join(dir, 'ok.yml'), 'a: 1\n');
    expect(regularFileProblem('/dev/zero')).toBe('is a device; accepted: a regular file');
    expect(regularFileProblem(dir)).toBe('is a folder; accepted: a regular file');
    expect(regularFileProblem(join(dir, 'ok.yml'), 3)).toMatch(
      /^is 5 bytes; accepted: a regular file of at most 3 bytes$/,
    );
    expect(regularFileProblem(join(dir, 'ok.yml'))).toBeUndefined();
  });
});
