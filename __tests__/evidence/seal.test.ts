import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  checksumLine,
  parseChecksumLine,
  sealEvidence,
  verifyEvidence,
  type Manifest,
} from '../../src/evidence/seal.js';
import { tempDirs } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const temp = tempDirs();
afterEach(() => temp.cleanup());

/** Runs the auditor's command: GNU coreutils `sha256sum -c` from inside the folder. */
async function sha256sumCheck(dir: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], {
      cwd: dir,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

function evidenceFolder(): string {
  const dir = temp.make('seal');
  writeFileSync(join(dir, 'audit.json'), '{"verdict":"healthy"}\n');
  writeFileSync(join(dir, 'probes.ndjson'), '{"seq":1}\n{"seq":2}\n');
  mkdirSync(join(dir, 'rollback', 'verify'), { recursive: true });
  writeFileSync(join(dir, 'rollback', 'verify', 'probes.ndjson'), '{"seq":1}\n');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'Z-upper.txt'), 'sorted by bytes: uppercase first\n');
  return dir;
}

describe('sealEvidence', () => {
  it('writes SHA256SUMS that `sha256sum -c` accepts, sorted, covering every file', async () => {
    const dir = evidenceFolder();
    const result = await sealEvidence(dir, { schemaVersion: '1.0.0', now: Date.UTC(2026, 2, 1) });
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    expect(sums.split('\n').map((line) => line.slice(66))).toEqual([
      'Z-upper.txt',
      'audit.json',
      'empty.txt',
      'probes.ndjson',
      'rollback/verify/probes.ndjson',
      '',
    ]);
    expect(sums).toContain(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.txt\n',
    );
    const check = await sha256sumCheck(dir);
    expect(check).toEqual({ ok: true, output: expect.stringContaining('audit.json: OK') });
    expect(check.output.match(/: OK$/gm)).toHaveLength(5);
    expect(result.skipped).toEqual([]);
  });

  it('writes manifest.json with sizes, digests and the digest of SHA256SUMS', async () => {
    const dir = evidenceFolder();
    await sealEvidence(dir, { schemaVersion: '1.0.0', now: Date.UTC(2026, 2, 1) });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const { stdout } = await run('sha256sum', ['SHA256SUMS'], { cwd: dir });
    expect(manifest).toMatchObject({
      schema_version: '1.0.0',
      generated_at: '2026-03-01T00:00:00.000Z',
      algorithm: 'sha256',
      skipped: [],
      sha256sums_sha256: stdout.slice(0, 64),
    });
    expect(manifest.files.find((file) => file.path === 'probes.ndjson')).toEqual({
      path: 'probes.ndjson',
      size: 20,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(manifest.files.map((file) => file.path)).not.toContain('manifest.json');
  });

  it('re-sealing replaces the seal and never lists the seal files themselves', async () => {
    const dir = evidenceFolder();
    await sealEvidence(dir, { schemaVersion: '1.0.0' });
    writeFileSync(join(dir, 'late.txt'), 'written after the first seal\n');
    await sealEvidence(dir, { schemaVersion: '1.0.0' });
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    expect(sums).toContain('  late.txt\n');
    expect(sums).not.toMatch(/ {2}(SHA256SUMS|manifest\.json)$/m);
    expect((await sha256sumCheck(dir)).ok).toBe(true);
    expect(await verifyEvidence(dir)).toEqual({ ok: true, checked: 6, mismatches: [] });
  });

  it('escapes names with a backslash or a newline exactly like sha256sum', async () => {
    const dir = temp.make('seal');
    writeFileSync(join(dir, 'back\\slash.txt'), 'a');
    writeFileSync(join(dir, 'new\nline.txt'), 'b');
    await sealEvidence(dir, { schemaVersion: '1.0.0' });
    const ours = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    const { stdout: theirs } = await run('sh', ['-c', 'LC_ALL=C sha256sum -- *'], { cwd: dir });
    expect(ours).toBe(
      theirs
        .split('\n')
        .filter(
          (line) =>
            line !== '' && !line.endsWith('  SHA256SUMS') && !line.endsWith('manifest.json'),
        )
        .map((line) => `${line}\n`)
        .join(''),
    );
    expect((await sha256sumCheck(dir)).ok).toBe(true);
    expect((await verifyEvidence(dir)).ok).toBe(true);
  });

  it('leaves symlinks out of the seal and says so', async () => {
    const dir = evidenceFolder();
    symlinkSync('/etc/hostname', join(dir, 'link-outside'));
    const result = await sealEvidence(dir, { schemaVersion: '1.0.0' });
    expect(result.skipped).toEqual(['link-outside']);
    expect(result.manifest.skipped).toEqual(['link-outside']);
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).not.toContain('link-outside');
  });
});

describe('verifyEvidence and sha256sum -c after tampering', () => {
  it('both pass on an untouched folder', async () => {
    const dir = evidenceFolder();
    await sealEvidence(dir, { schemaVersion: '1.0.0' });
    expect(await verifyEvidence(dir)).toEqual({ ok: true, checked: 5, mismatches: [] });
    expect((await sha256sumCheck(dir)).ok).toBe(true);
  });

  it('both fail when one byte of a file changes', async () => {
    const dir = evidenceFolder();
    await sealEvidence(dir, { schemaVersion: '1.0.0' });
    const target = join(dir, 'rollback', 'verify', 'probes.ndjson');
    const bytes = readFileSync(target);
    bytes[2] = (bytes[2] ?? 0) ^ 0x01;
    writeFileSync(target, bytes);

    const check = await sha256sumCheck(dir);
    expect(check.ok).toBe(false);
    expect(check.output).toContain('rollback/verify/probes.ndjson: FAILED');
    expect(await verifyEvidence(dir)).toEqual({
      ok: false,
      checked: 5,
      mismatches: [
        {
          kind: 'modified',
          path: 'rollback/verify/probes.ndjson',
          detail: expect.stringMatching(/^sha256 [0-9a-f]{64}, sealed [0-9a-f]{64}$/),
        },
      ],
    });
  });

  it('reports missing and unlisted files', async () => {
    const dir = evidenceFolder();
    await sealEvidence(dir, { schemaVersion: '1.0.0' });
    unlinkSync(join(dir, 'empty.txt'));
    writeFileSync(join(dir, 'smuggled.txt'), 'added later');
    const result = await verifyEvidence(dir);
    expect(result.ok).toBe(false);
    expect(result.mismatches).toEqual([
      { kind: 'missing', path: 'empty.txt', detail: 'listed in SHA256SUMS, not in the folder' },
      { kind: 'unlisted', path: 'smuggled.txt', detail: 'in the folder, not in SHA256SUMS' },
    ]);
  });

  it('catches an edited SHA256SUMS through the manifest, and a malformed line', async () => {
    const dir = evidenceFolder();
    await sealEvidence(dir, { schemaVersion: '1.0.0' });
    const sumsPath = join(dir, 'SHA256SUMS');
    const sums = readFileSync(sumsPath, 'utf8').split('\n');
    // An attacker rewrites a file and its checksum line consistently; the manifest still disagrees.
    writeFileSync(join(dir, 'audit.json'), '{"verdict":"unhealthy"}\n');
    const { stdout } = await run('sha256sum', ['audit.json'], { cwd: dir });
    const edited = sums.map((line) => (line.endsWith('  audit.json') ? stdout.trim() : line));
    writeFileSync(sumsPath, [...edited.slice(0, -1), 'garbage line', ''].join('\n'));

    const result = await verifyEvidence(dir);
    expect(result.ok).toBe(false);
    expect(result.mismatches).toEqual([
      {
        kind: 'malformed-checksums',
        path: 'SHA256SUMS',
        detail: 'line 6 is not "<sha256>  <path>"',
      },
      { kind: 'manifest-mismatch', path: 'manifest.json', detail: 'SHA256SUMS digest differs' },
      { kind: 'manifest-mismatch', path: 'manifest.json', detail: 'files differ from SHA256SUMS' },
    ]);
  });

  it('reports a folder that was never sealed', async () => {
    const dir = evidenceFolder();
    const result = await verifyEvidence(dir);
    expect(result).toMatchObject({
      ok: false,
      checked: 0,
      mismatches: [{ kind: 'missing', path: 'SHA256SUMS' }],
    });
  });
});

describe('checksum lines', () => {
  it.each([
    ['plain.txt', 'plain.txt'],
    ['a\\b', 'a\\b'],
    ['n\nl', 'n\nl'],
    ['c\rr', 'c\rr'],
  ])('round-trip %j', (path, expected) => {
    const sha = 'f'.repeat(64);
    expect(parseChecksumLine(checksumLine(sha, path))).toEqual({ sha256: sha, path: expected });
  });

  it('reads binary-mode lines too', () => {
    expect(parseChecksumLine(`${'0'.repeat(64)} *file.bin`)).toEqual({
      sha256: '0'.repeat(64),
      path: 'file.bin',
    });
  });
});
