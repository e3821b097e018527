/**
 * Finding and signalling everything a command started. A process group is not enough: a
 * child may call setsid() and leave both the group and the session (a daemonised helper, a
 * detached `flyctl` agent). So the command's environment carries a marker, and on Linux we
 * also look through /proc for any process with that marker, in that session or group, or
 * descending from one of those.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The variable that marks every process a command started (inherited unless it clears its env). */
export const TREE_MARKER = 'DEPLOY_GATE_PROCESS_TREE';

interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      pgrp: Number(fields[2]),
      session: Number(fields[3]),
    };
  } catch {
    return undefined;
  }
}

function hasMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker);
  } catch {
    return false;
  }
}

/** Every process of the tree rooted at `root` that /proc can show us (empty off Linux). */
export function treeMembers(root: number, marker: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const infos = entries
    .map((name) => readProc(Number(name)))
    .filter((info): info is ProcInfo => info !== undefined && info.pid !== process.pid);
  const members = new Set<number>();
  for (const info of infos) {
    if (info.pgrp === root || info.session === root || info.pid === root) members.add(info.pid);
    else if (hasMarker(info.pid, marker)) members.add(info.pid);
  }
  // Descendants of members (a child that setsid()ed and cleared its env is still a child).
  let grew = true;
  while (grew) {
    grew = false;
    for (const info of infos) {
      if (!members.has(info.pid) && members.has(info.ppid)) {
        members.add(info.pid);
        grew = true;
      }
    }
  }
  return [...members];
}

/** Signals the group, then every other member found; processes already gone are no error. */
export function signalTree(root: number | undefined, marker: string, signal: NodeJS.Signals): void {
  if (root === undefined) return;
  const send = (pid: number) => {
    try {
      process.kill(pid, signal);
    } catch {
      // ESRCH: it already exited. EPERM: not ours.
    }
  };
  send(-root);
  for (const pid of treeMembers(root, marker)) send(pid);
}
