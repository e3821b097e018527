/**
 * The SLO ledger kept in a folder between runs (`records`): read at the start, replaced at the end
 * by a write to a temporary file and a rename, so a run killed halfway leaves the last whole
 * ledger, never half of one. Without a folder, ledger-artifact.ts carries the same file as an
 * artifact.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emptyLedger, parseLedger, serializeLedger, type Ledger } from './slo-ledger.js';

export const LEDGER_FILE = 'monitor-ledger.json';
/** Without `records`, the ledger travels between runs as the newest artifact of this name. */
export const LEDGER_ARTIFACT = 'deploy-gate-monitor-ledger';

export function readLedgerFile(folder: string): { ledger: Ledger; problem?: string } {
  const path = join(resolve(folder), LEDGER_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ledger: emptyLedger(), problem: `no ledger yet at ${path}: this run starts one` };
    return {
      ledger: emptyLedger(),
      problem: `could not read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}): this run starts a new ledger`,
    };
  }
  const parsed = parseLedger(text);
  return parsed.problem
    ? { ledger: parsed.ledger, problem: `${path}: ${parsed.problem}` }
    : { ledger: parsed.ledger };
}

export function writeLedgerFile(folder: string, ledger: Ledger): string {
  const dir = resolve(folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LEDGER_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, serializeLedger(ledger));
  renameSync(temporary, path);
  return path;
}
