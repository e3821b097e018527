/** Temp folders that each test file removes when it is done. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDirs(): { make(label: string): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make(label) {
      const dir = mkdtempSync(join(tmpdir(), `deploy-gate-${label}-`));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
