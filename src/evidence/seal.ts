/**
 * Seals the audit folder: SHA256SUMS in the exact `sha256sum` format (so an auditor can run
 * `sha256sum -c SHA256SUMS` with nothing but coreutils) and manifest.json with sizes and digests.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorText } from './error-text.js';
import { EVIDENCE_FILES } from './layout.js';
import { listFiles } from './list-files.js';

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  schema_version: string;
  generated_at: string;
  algorithm: 'sha256';
  files: ManifestEntry[];
  /** Non-regular files (symlinks and the like) found in the folder and left out of the seal. */
  skipped: string[];
  /** Digest of SHA256SUMS itself, so the two files vouch for each other. */
  sha256sums_sha256: string;
}

export interface SealOptions {
  schemaVersion: string;
  /** Epoch ms for `generated_at` (the injected clock); defaults to now. */
  now?: number;
}

export interface SealResult {
  manifest: Manifest;
  /** Absolute paths of the two files written. */
  checksumsPath: string;
  manifestPath: string;
  /** Non-regular files left out of the seal (symlinks and the like). */
  skipped: string[];
}

const SEAL_FILES = new Set<string>([EVIDENCE_FILES.checksums, EVIDENCE_FILES.manifest]);

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * One `sha256sum` line. Like GNU coreutils, a name holding a backslash, a newline or a carriage
 * return is escaped and the line starts with a backslash.
 */
export function checksumLine(sha256: string, path: string): string {
  if (!/[\\\n\r]/.test(path)) return `${sha256}  ${path}`;
  const escaped = path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `\\${sha256}  ${escaped}`;
}

/** Parses one `sha256sum` line back; undefined when the line is not in that format. */
export function parseChecksumLine(line: string): { sha256: string; path: string } | undefined {
  const match = /^(\\?)([0-9a-f]{64}) [ *](.+)$/.exec(line);
  if (!match) return undefined;
  const [, escaped, sha256 = '', rawPath = ''] = match;
  const path = escaped
    ? rawPath.replace(/\\(\\|n|r)/g, (_all, code: string) =>
        code === 'n' ? '\n' : code === 'r' ? '\r' : '\\',
      )
    : rawPath;
  return { sha256, path };
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

async function digestFiles(dir: string): Promise<{ entries: ManifestEntry[]; skipped: string[] }> {
  const { files, skipped } = await listFiles(dir);
  const entries: ManifestEntry[] = [];
  for (const path of files) {
    if (SEAL_FILES.has(path)) continue;
    const absolute = join(dir, ...path.split('/'));
    entries.push({ path, size: (await stat(absolute)).size, sha256: await sha256File(absolute) });
  }
  return { entries, skipped };
}

/** Call last: any file written after the seal shows up as `unlisted` in verifyEvidence. */
export async function sealEvidence(dir: string, options: SealOptions): Promise<SealResult> {
  const { entries, skipped } = await digestFiles(dir);
  const checksums = entries.map((entry) => `${checksumLine(entry.sha256, entry.path)}\n`).join('');
  const manifest: Manifest = {
    schema_version: options.schemaVersion,
    generated_at: new Date(options.now ?? Date.now()).toISOString(),
    algorithm: 'sha256',
    files: entries,
    skipped,
    sha256sums_sha256: sha256Text(checksums),
  };
  const checksumsPath = join(dir, EVIDENCE_FILES.checksums);
  const manifestPath = join(dir, EVIDENCE_FILES.manifest);
  await writeAtomically(checksumsPath, checksums);
  await writeAtomically(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, checksumsPath, manifestPath, skipped };
}

export type MismatchKind =
  'modified' | 'missing' | 'unlisted' | 'malformed-checksums' | 'manifest-mismatch';

export interface Mismatch {
  kind: MismatchKind;
  path: string;
  detail: string;
}

export interface Verification {
  ok: boolean;
  /** Files whose digest was checked against SHA256SUMS. */
  checked: number;
  mismatches: Mismatch[];
}

async function readManifest(dir: string): Promise<Manifest | string> {
  try {
    return JSON.parse(await readFile(join(dir, EVIDENCE_FILES.manifest), 'utf8')) as Manifest;
  } catch (error) {
    return errorText(error);
  }
}

function compareManifest(
  manifest: Manifest | string,
  checksums: string,
  listed: Map<string, string>,
): Mismatch[] {
  const path = EVIDENCE_FILES.manifest;
  if (typeof manifest === 'string') {
    return [{ kind: 'manifest-mismatch', path, detail: `unreadable: ${manifest}` }];
  }
  const mismatches: Mismatch[] = [];
  if (manifest.sha256sums_sha256 !== sha256Text(checksums)) {
    mismatches.push({ kind: 'manifest-mismatch', path, detail: 'SHA256SUMS digest differs' });
  }
  const inManifest = new Map((manifest.files ?? []).map((entry) => [entry.path, entry.sha256]));
  const sameFiles =
    inManifest.size === listed.size &&
    [...listed].every(([file, sha256]) => inManifest.get(file) === sha256);
  if (!sameFiles) {
    mismatches.push({ kind: 'manifest-mismatch', path, detail: 'files differ from SHA256SUMS' });
  }
  return mismatches;
}

/** Re-hashes the folder against SHA256SUMS and checks manifest.json agrees. Never throws on content. */
export async function verifyEvidence(dir: string): Promise<Verification> {
  return verifyWith(dir, () => digestFiles(dir));
}

/** A verification and the verified bytes of the files asked for (see verifyEvidenceReading). */
export interface VerifiedFiles extends Verification {
  /** The bytes that were hashed, of each asked-for file up to `maxBytes`; larger ones are not kept. */
  contents: Map<string, Buffer>;
}

/**
 * verifyEvidence reading each file once: a file up to `maxBytes` is read whole and hashed, and
 * the bytes of the `keep` files come back, so a reader parses exactly what was verified without
 * reading it again. Larger files are hashed by stream, as verifyEvidence does.
 */
export async function verifyEvidenceReading(
  dir: string,
  options: { keep: ReadonlySet<string>; maxBytes: number },
): Promise<VerifiedFiles> {
  const contents = new Map<string, Buffer>();
  const verification = await verifyWith(dir, () => readAndDigest(dir, options, contents));
  return { ...verification, contents };
}

async function readAndDigest(
  dir: string,
  options: { keep: ReadonlySet<string>; maxBytes: number },
  contents: Map<string, Buffer>,
): Promise<{ entries: ManifestEntry[] }> {
  const { files } = await listFiles(dir);
  const entries: ManifestEntry[] = [];
  for (const path of files) {
    if (SEAL_FILES.has(path)) continue;
    const handle = await open(join(dir, ...path.split('/')));
    try {
      const { size } = await handle.stat();
      if (size > options.maxBytes) {
        const hash = createHash('sha256');
        for await (const chunk of handle.createReadStream({ autoClose: false }))
          hash.update(chunk as Buffer);
        entries.push({ path, size, sha256: hash.digest('hex') });
        continue;
      }
      const bytes = await handle.readFile();
      entries.push({
        path,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      if (options.keep.has(path)) contents.set(path, bytes);
    } finally {
      await handle.close();
    }
  }
  return { entries };
}

async function verifyWith(
  dir: string,
  digest: () => Promise<{ entries: ManifestEntry[] }>,
): Promise<Verification> {
  let checksums: string;
  try {
    checksums = await readFile(join(dir, EVIDENCE_FILES.checksums), 'utf8');
  } catch (error) {
    const detail = errorText(error);
    return {
      ok: false,
      checked: 0,
      mismatches: [{ kind: 'missing', path: EVIDENCE_FILES.checksums, detail }],
    };
  }
  const mismatches: Mismatch[] = [];
  const listed = new Map<string, string>();
  checksums.split('\n').forEach((line, index) => {
    if (line === '') return;
    const parsed = parseChecksumLine(line);
    if (parsed) listed.set(parsed.path, parsed.sha256);
    else {
      const detail = `line ${index + 1} is not "<sha256>  <path>"`;
      mismatches.push({ kind: 'malformed-checksums', path: EVIDENCE_FILES.checksums, detail });
    }
  });

  const { entries } = await digest();
  const present = new Map(entries.map((entry) => [entry.path, entry.sha256]));
  for (const [path, expected] of listed) {
    const actual = present.get(path);
    if (actual === undefined) {
      mismatches.push({ kind: 'missing', path, detail: 'listed in SHA256SUMS, not in the folder' });
    } else if (actual !== expected) {
      mismatches.push({ kind: 'modified', path, detail: `sha256 ${actual}, sealed ${expected}` });
    }
  }
  for (const path of present.keys()) {
    if (!listed.has(path)) {
      mismatches.push({ kind: 'unlisted', path, detail: 'in the folder, not in SHA256SUMS' });
    }
  }
  mismatches.push(...compareManifest(await readManifest(dir), checksums, listed));
  const checked = [...listed.keys()].filter((path) => present.has(path)).length;
  return { ok: mismatches.length === 0, checked, mismatches };
}
