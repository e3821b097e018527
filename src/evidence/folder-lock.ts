/**
 * One run per audit folder at a time. Two gates writing one folder would leave one mixed record
 * whose checksums still pass, so the first takes `.deploy-gate.lock` inside it (created whole
 * with link(2), which fails if the name exists) and the second is refused. A lock whose process
 * is gone (the main step was killed) is stale and taken over; the lock is never evidence: the
 * seal, audit.json's file list and the upload all leave it out.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync, linkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { errorText } from './error-text.js';
import { makeDir } from './make-dir.js';

export const LOCK_FILE = '.deploy-gate.lock';

/** The lock and its temporary names: never sealed, listed or uploaded. */
export function isLockFile(name: string): boolean {
  return name === LOCK_FILE || name.startsWith(`${LOCK_FILE}.`);
}

interface LockOwner {
  pid: number;
  host: string;
  /** The process start in clock ticks since boot (/proc/<pid>/stat): tells a reused pid apart. */
  start: string | null;
  since: string;
}

/** Field 22 of /proc/<pid>/stat, or null where there is no /proc. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (!Number.isSafeInteger(owner.pid) || typeof owner.host !== 'string') return undefined;
    return {
      pid: owner.pid as number,
      host: owner.host,
      start: typeof owner.start === 'string' ? owner.start : null,
      since: String(owner.since ?? ''),
    };
  } catch {
    return undefined;
  }
}

/** On another host nothing can be known: the lock counts as held. */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return owner.start === null || start === null || start === owner.start;
}

export interface FolderLock {
  path: string;
  release(): void;
}

export type LockResult =
  | { kind: 'locked'; lock: FolderLock }
  /** Another live run holds the folder: a sentence saying who and what to do. */
  | { kind: 'busy'; problem: string }
  /** The folder cannot be created or written: the evidence writers report that, the gate runs. */
  | { kind: 'unwritable'; error: string };

/** Takes the folder's lock, creating the folder; released when this process exits. */
export function lockFolder(dir: string): LockResult {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    start: processStart(process.pid),
    since: new Date().toISOString(),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    makeDir(dir);
    writeFileSync(temporary, `${JSON.stringify(me)}\n`);
  } catch (error) {
    return { kind: 'unwritable', error: errorText(error) };
  }
  try {
    // Two tries: the second after taking over a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temporary, path);
        const lock = { path, release: () => releaseIfMine(path, me) };
        process.once('exit', lock.release);
        return { kind: 'locked', lock };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      if (owner && ownerAlive(owner)) return { kind: 'busy', problem: busy(dir, path, owner) };
      breakStale(path);
    }
    const owner = readOwner(path);
    return { kind: 'busy', problem: busy(dir, path, owner) };
  } catch (error) {
    return { kind: 'unwritable', error: errorText(error) };
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
  }
}

function busy(dir: string, path: string, owner: LockOwner | undefined): string {
  const who = owner
    ? `deploy-gate process ${owner.pid} on ${owner.host}, since ${owner.since}`
    : 'another deploy-gate run';
  return `Input "audit-dir": "${dir}" is in use by ${who}; give each gate that runs at the same time its own audit-dir (delete ${path} only if no such run exists)`;
}

/**
 * Moves the stale lock away before deleting it, and only if it is still the same file: a
 * concurrent run may have broken it and taken a fresh lock in between.
 */
function breakStale(path: string): void {
  const aside = `${path}.${process.pid}.stale`;
  let inode: number;
  try {
    inode = statSync(path).ino;
    renameSync(path, aside);
  } catch {
    return;
  }
  if (statSync(aside).ino !== inode) {
    try {
      linkSync(aside, path);
    } catch {
      // a third run holds it now; our link attempt will say so
    }
  }
  unlinkSync(aside);
}

/** Removes the lock if this process still owns it. */
function releaseIfMine(path: string, me: LockOwner): void {
  const owner = readOwner(path);
  if (owner?.pid !== me.pid || owner.host !== me.host) return;
  try {
    unlinkSync(path);
  } catch {
    // nothing left to release
  }
}

/** The post step removes a lock its killed main step left behind (never a live one). */
export function releaseStaleLock(dir: string): void {
  const path = join(dir, LOCK_FILE);
  const owner = readOwner(path);
  if (owner && ownerAlive(owner)) return;
  try {
    unlinkSync(path);
  } catch {
    // no lock
  }
}
