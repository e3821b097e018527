/**
 * Finds audit folders under a root, at any depth: every folder that holds an audit.json. Yields
 * them one at a time (a year of gates is thousands of folders); symlinks are never followed.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_FILES } from '../evidence/layout.js';
import { compareBytes } from '../evidence/list-files.js';

/** Folders (relative to `root`, "/"-separated, '' for the root itself) holding an audit.json. */
export async function* findRecordFolders(root: string, relative = ''): AsyncGenerator<string> {
  const dir = await opendir(relative === '' ? root : join(root, ...relative.split('/')));
  const subfolders: string[] = [];
  let isRecord = false;
  for await (const entry of dir) {
    if (entry.isDirectory()) subfolders.push(entry.name);
    else if (entry.isFile() && entry.name === EVIDENCE_FILES.audit) isRecord = true;
  }
  if (isRecord) yield relative;
  for (const name of subfolders.sort(compareBytes))
    yield* findRecordFolders(root, relative === '' ? name : `${relative}/${name}`);
}
