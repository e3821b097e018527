/**
 * Creates a folder and its missing parents one level at a time. Node's own recursive mkdir loops
 * forever (100 % CPU) on paths like /proc/1/x, where mkdir says ENOENT although the parent
 * exists; here every error surfaces at once, naming the path that failed.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

export function makeDir(path: string): void {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      if (statSync(at).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), {
        code: 'ENOTDIR',
        path: at,
      });
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    if (dirname(at) === at) break;
    missing.unshift(at);
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      // Another writer created it in between: fine, as long as it is a folder.
      if (codeOf(error) !== 'EEXIST' || !statSync(dir).isDirectory()) throw error;
    }
  }
}
