/**
 * Finds record folders under a root, at any depth: a gate's (it holds an audit.json) or a monitor
 * run's (a monitor.json). Yields them one at a time (a year of gates is thousands of folders);
 * symlinks are never followed.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_FILES } from '../evidence/layout.js';
import { compareBytes } from '../evidence/list-files.js';
import { MONITOR_RECORD_FILE } from '../monitor/monitor-record.js';

export interface RecordFolder {
  /** Relative to the root, "/"-separated, '' for the root itself. */
  path: string;
  /** gate: audit.json (a folder holding both is read as a gate); monitor: monitor.json. */
  kind: 'gate' | 'monitor';
}

export async function* findRecordFolders(
  root: string,
  relative = '',
): AsyncGenerator<RecordFolder> {
  const dir = await opendir(relative === '' ? root : join(root, ...relative.split('/')));
  const subfolders: string[] = [];
  let kind: RecordFolder['kind'] | null = null;
  for await (const entry of dir) {
    if (entry.isDirectory()) subfolders.push(entry.name);
    else if (!entry.isFile()) continue;
    else if (entry.name === EVIDENCE_FILES.audit) kind = 'gate';
    else if (entry.name === MONITOR_RECORD_FILE && kind === null) kind = 'monitor';
  }
  if (kind) yield { path: relative, kind };
  for (const name of subfolders.sort(compareBytes))
    yield* findRecordFolders(root, relative === '' ? name : `${relative}/${name}`);
}
