/** Lists the regular files under a folder, as sorted "/"-separated relative paths. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isLockFile } from './folder-lock.js';

export interface FileListing {
  files: string[];
  /** Symlinks, sockets and the like: never followed (a link could point outside the folder). */
  skipped: string[];
}

/** Byte order of the UTF-8 paths, the order `sort` gives under LC_ALL=C. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export async function listFiles(root: string): Promise<FileListing> {
  const files: string[] = [];
  const skipped: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      // The lock of a run in progress is not evidence (see folder-lock.ts).
      if (isLockFile(entry.name)) continue;
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(path);
      else skipped.push(path);
    }
  };
  await walk('');
  return { files: files.sort(compareBytes), skipped: skipped.sort(compareBytes) };
}
