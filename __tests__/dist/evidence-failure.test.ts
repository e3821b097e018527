/**
 * Evidence and runner files never stop the gate or the rollback, through dist/index.js as the
 * runner runs it. An audit folder that cannot be written (a path under a regular file: ENOTDIR,
 * which root cannot bypass) still gets a judged and rolled-back release, then a loud failure
 * naming the file; a full GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE (/dev/full) is one
 * error annotation, never a crash or a flipped verdict; a secret equal to a verdict word cannot
 * corrupt the record or hold the rollback.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { FAST_GATE, ROOT, runDist, type DistRun } from '../helpers/run-dist.js';

const fast = FAST_GATE;
let server: TestServer;
const runs: DistRun[] = [];
const track = (r: DistRun) => (runs.push(r), r);

/** Broken until the rollback command creates the flag file in the step's work dir. */
const flagged: Record<string, string> = {};
beforeAll(async () => {
  server = await startServer({
    '/healthz': json({ status: 'ok' }),
    '/flip': (req, res) => {
      const flag = flagged[new URL(req.url ?? '/', 'http://x').searchParams.get('k') ?? ''];
      const ok = flag !== undefined && existsSync(flag);
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'down' }));
    },
  });
});
afterAll(async () => {
  await server.close();
  for (const r of runs) r.cleanup();
});

describe('an audit folder that cannot be written', () => {
  it('still judges and rolls back the release, then fails naming the file and the error', async () => {
    const r0 = track(await runDist({ inputs: { url: 'not a url' } }));
    const flag = join(r0.workDir, 'rolled.flag');
    flagged.notdir = flag;
    writeFileSync(join(r0.workDir, 'plain-file'), 'not a folder\n');
    const r = track(
      await runDist({
        inputs: {
          ...fast,
          url: server.url('/flip?k=notdir'),
          'audit-dir': 'plain-file/audit',
          'rollback-command': `touch ${flag}`,
        },
        workDir: r0.workDir,
      }),
    );
    expect(existsSync(flag)).toBe(true);
    expect(r.outputs.verdict).toBe('rolled-back');
    expect(Number(r.outputs.attempts)).toBeGreaterThan(0);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /::error title=deploy-gate%3A audit evidence could not be written::\S*plain-file\/audit\S*: ENOTDIR/,
    );
    expect(r.stdout).toMatch(
      /::error::deploy-gate: the audit evidence is incomplete .*the verdict rolled-back stands/,
    );
    expect(r.summary).toContain('Audit evidence incomplete');
    expect(r.stdout).not.toContain('failed unexpectedly');
  });

  it('a healthy release stays healthy in the outputs; only the evidence fails the step', async () => {
    const r0 = track(await runDist({ inputs: { url: 'not a url' } }));
    writeFileSync(join(r0.workDir, 'plain-file'), '');
    const r = track(
      await runDist({
        inputs: { ...fast, url: server.url('/healthz'), 'audit-dir': 'plain-file/x' },
        workDir: r0.workDir,
      }),
    );
    expect(r.outputs.verdict).toBe('healthy');
    expect(Number(r.outputs.attempts)).toBeGreaterThanOrEqual(3);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('the verdict healthy stands');
  });
});

describe('runner files that cannot be written', () => {
  it.each(['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE'])(
    'a full %s is one error annotation; the healthy verdict and the step result stand',
    async (file) => {
      const r = track(
        await runDist({
          inputs: { ...fast, url: server.url('/healthz') },
          env: { [file]: '/dev/full' },
        }),
      );
      expect(r.stdout).toContain(`::error title=deploy-gate%3A ${file} is not writable::`);
      expect(r.stdout).toMatch(new RegExp(`could not write ${file} \\(/dev/full\\): ENOSPC`));
      expect(r.stderr).not.toMatch(/Uncaught|ENOSPC: no space left on device, write\n\s+at /);
      expect(r.stdout).not.toContain('failed unexpectedly');
      expect(r.exitCode).toBe(0);
      if (file !== 'GITHUB_OUTPUT') expect(r.outputs.verdict).toBe('healthy');
      if (file !== 'GITHUB_STEP_SUMMARY') expect(r.summary).toMatch(/^## ✅ .* healthy after /);
    },
  );

  it('an input error with a full GITHUB_OUTPUT still fails cleanly, never crashes', async () => {
    const r = track(
      await runDist({ inputs: { url: 'not a url' }, env: { GITHUB_OUTPUT: '/dev/full' } }),
    );
    expect(r.exitCode).toBe(1);
    expect(r.signal).toBeNull();
    expect(r.stdout).toContain('::error title=deploy-gate%3A GITHUB_OUTPUT is not writable::');
    expect(r.stdout).toMatch(/::error::Input "url"/);
  });
});

describe('a secret equal to a word of the record', () => {
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'schema', 'audit.schema.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const valid = ajv.compile(schema);

  it('X-Api-Key: healthy keeps the verdict healthy in the outputs and a valid audit.json', async () => {
    const r = track(
      await runDist({
        inputs: { ...fast, url: server.url('/healthz'), headers: 'X-Api-Key: healthy' },
      }),
    );
    expect(r.exitCode).toBe(0);
    expect(r.outputs.verdict).toBe('healthy');
    const record = JSON.parse(
      readFileSync(join(r.outputs['audit-dir'] as string, 'audit.json'), 'utf8'),
    ) as { verdict: string };
    expect(record.verdict).toBe('healthy');
    expect(valid(record)).toBe(true);
  });

  it('X-Api-Key: unhealthy never holds the rollback: it runs, and the record stays valid', async () => {
    const r0 = track(await runDist({ inputs: { url: 'not a url' } }));
    const flag = join(r0.workDir, 'secret.flag');
    flagged.secret = flag;
    const r = track(
      await runDist({
        inputs: {
          ...fast,
          url: server.url('/flip?k=secret'),
          headers: 'X-Api-Key: unhealthy',
          'rollback-command': `touch ${flag}`,
        },
        workDir: r0.workDir,
      }),
    );
    expect(existsSync(flag)).toBe(true);
    expect(r.outputs.verdict).toBe('rolled-back');
    const dir = r.outputs['audit-dir'] as string;
    const record = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as {
      verdict: string;
      rules: { outcome: string }[];
    };
    expect(record.verdict).toBe('rolled-back');
    expect(valid(record)).toBe(true);
    expect(readFileSync(join(dir, 'audit.json'), 'utf8')).not.toMatch(/"un\*\*\*"/);
    const lines = readFileSync(join(dir, 'probes.ndjson'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { run: string }).run)).toContain('rollback');
  });
});
