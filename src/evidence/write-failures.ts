/**
 * Evidence files that could not be written. A full disk or an unwritable folder must never stop
 * the gate or the rollback: each write failure is noted here instead of thrown, and the step
 * reports them all at the end (it fails, naming each file and its error, with the real verdict).
 * One step is one process, so one collector serves the whole step.
 */
import { errorText } from './error-text.js';

export interface WriteFailure {
  /** The file or folder that could not be written. */
  file: string;
  /** The first error, one line (e.g. `ENOSPC: no space left on device, write`). */
  error: string;
  /** How many writes to this file failed. */
  count: number;
}

export class WriteFailures {
  private readonly byFile = new Map<string, WriteFailure>();

  note(file: string, error: unknown): void {
    const known = this.byFile.get(file);
    if (known) known.count += 1;
    else this.byFile.set(file, { file, error: errorText(error), count: 1 });
  }

  get list(): WriteFailure[] {
    return [...this.byFile.values()];
  }

  /** Runs `write`; a failure is noted against `file` and `fallback` is returned instead. */
  guard<T>(file: string, write: () => T, fallback?: T): T | undefined {
    try {
      return write();
    } catch (error) {
      this.note(file, error);
      return fallback;
    }
  }

  async guardAsync<T>(file: string, write: () => Promise<T>, fallback?: T): Promise<T | undefined> {
    try {
      return await write();
    } catch (error) {
      this.note(file, error);
      return fallback;
    }
  }
}

/** One line per failed file, for the summary and the step's error. */
export function describeFailure(f: WriteFailure): string {
  return `${f.file}: ${f.error}${f.count > 1 ? ` (${f.count} writes failed)` : ''}`;
}

export const writeFailures = new WriteFailures();
