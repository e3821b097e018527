/**
 * What `audit-dir` may be. deploy-gate moves an earlier run's evidence aside before it writes,
 * so a wrong folder (`.`, `src`, `..`, the runner's temp folder, `/`) would move the workspace,
 * the sources or the runner's own files. Only a folder that is empty, new, or holds nothing but
 * deploy-gate evidence is accepted; the rest is refused before the first request.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isLockFile } from './folder-lock.js';
import { EVIDENCE_FILES } from './layout.js';
import { onPseudoFilesystem, realPathOf } from './special-paths.js';

/** Folders the runner and the job own, by the variable that names them (files: their folder). */
const PROTECTED = [
  ['GITHUB_WORKSPACE', 'the workspace', 'dir'],
  ['RUNNER_TEMP', "the runner's temp folder", 'dir'],
  ['RUNNER_TOOL_CACHE', "the runner's tool cache", 'dir'],
  ['GITHUB_ACTION_PATH', "the action's own folder", 'dir'],
  ['HOME', 'the home folder', 'dir'],
  ['GITHUB_OUTPUT', 'the folder of GITHUB_OUTPUT', 'file'],
  ['GITHUB_STATE', 'the folder of GITHUB_STATE', 'file'],
  ['GITHUB_STEP_SUMMARY', 'the folder of GITHUB_STEP_SUMMARY', 'file'],
  ['GITHUB_ENV', 'the folder of GITHUB_ENV', 'file'],
  ['GITHUB_PATH', 'the folder of GITHUB_PATH', 'file'],
] as const;

/** Files a run writes at the top of its folder (a fleet: of each service's folder). */
const OWN_FILES = new Set<string>([...Object.values(EVIDENCE_FILES), 'summary.md', 'rollback.log']);
/** Temporary names of the atomic writes (`audit.json.<pid>.tmp`). */
const OWN_TEMPORARY = /^(?:audit\.json|SHA256SUMS|manifest\.json)\.\d+\.tmp$/;
/** Enough to recognise evidence; a folder with more entries than this is not ours. */
const MAX_ENTRIES = 5000;

const isWithin = (inner: string, outer: string) =>
  inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : `${outer}${sep}`);

/** Problems with `path` as the audit folder, each naming the input; empty when it is fine. */
export function checkAuditDir(
  path: string,
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): string[] {
  const absolute = resolve(cwd, path);
  const real = realPathOf(absolute);
  const refuse = (why: string) => [
    `Input "audit-dir": "${path}" ${why}; accepted: a new or empty folder, or one holding only an earlier deploy-gate run's evidence (e.g. deploy-gate-audit, or \${{ runner.temp }}/deploy-gate-audit)`,
  ];
  if (onPseudoFilesystem(real)) return refuse(`is on a kernel pseudo filesystem (${real})`);
  const owners: Array<[string, string]> = [['the filesystem root', '/']];
  for (const [name, what, kind] of PROTECTED) {
    const value = env[name];
    if (value) owners.push([`${what} (${name})`, kind === 'file' ? dirname(value) : value]);
  }
  owners.push(['the working directory', cwd]);
  for (const [what, folder] of owners) {
    // Moving an ancestor aside moves the folder with it.
    if (isWithin(realPathOf(resolve(cwd, folder)), real))
      return refuse(
        real === realPathOf(resolve(cwd, folder)) ? `is ${what}` : `contains ${what} (${folder})`,
      );
  }
  if (!existsSync(real)) return [];
  if (!statSync(real).isDirectory()) return refuse('is a file, not a folder');
  const stranger = strangerIn(real);
  return stranger === undefined
    ? []
    : refuse(`holds ${stranger}, which is not deploy-gate evidence (nothing there is moved)`);
}

/**
 * The first entry in `dir` that an earlier run did not write, or undefined when the folder is
 * empty or evidence: its seal's files, the names a run writes, fly/ snapshots, a fleet's service
 * folders, and at least one audit.json or manifest.json.
 */
export function strangerIn(dir: string): string | undefined {
  const sealed = sealedFiles(dir);
  let seen = 0;
  let marked = false;
  const walk = (relativeDir: string, depth: number): string | undefined => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(dir, relativeDir), { withFileTypes: true });
    } catch {
      return `${relativeDir || '.'} (unreadable)`;
    }
    for (const entry of entries) {
      // A lock alone is not evidence, nor a stranger: folder-lock.ts judges it.
      if (entry.isFile() && isLockFile(entry.name)) continue;
      if (++seen > MAX_ENTRIES) return `more than ${MAX_ENTRIES} entries`;
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (
        entry.isFile() &&
        (entry.name === EVIDENCE_FILES.audit || entry.name === EVIDENCE_FILES.manifest)
      )
        marked = true;
      if (entry.isFile() && ownFile(path, entry.name, depth, sealed)) continue;
      if (entry.isDirectory() && depth === 0) {
        // fly/ snapshots, or one service's folder of a fleet.
        const inner = walk(path, entry.name === 'fly' ? 2 : 1);
        if (inner) return inner;
        continue;
      }
      if (entry.isDirectory() && depth === 1 && entry.name === 'fly') {
        const inner = walk(path, 2);
        if (inner) return inner;
        continue;
      }
      return `"${path}"`;
    }
    return undefined;
  };
  const stranger = walk('', 0);
  if (stranger) return stranger;
  return seen === 0 || marked ? undefined : 'files without an audit.json or manifest.json';
}

function ownFile(path: string, name: string, depth: number, sealed: Set<string>): boolean {
  if (sealed.has(path)) return true;
  if (depth === 2 && name.endsWith('.json')) return true;
  return OWN_FILES.has(name) || OWN_TEMPORARY.test(name);
}

/** The files an earlier run's seal lists (what a rollback-command wrote there included). */
function sealedFiles(dir: string): Set<string> {
  const paths = new Set<string>();
  const read = (manifest: string, prefix: string) => {
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { files?: { path?: unknown }[] };
      for (const f of parsed.files ?? [])
        if (typeof f.path === 'string' && !f.path.split('/').includes('..'))
          paths.add(`${prefix}${f.path}`);
    } catch {
      // no seal, or not ours
    }
  };
  read(join(dir, EVIDENCE_FILES.manifest), '');
  return paths;
}
