/**
 * Paths that look like files or folders but are not: kernel pseudo filesystems, FIFOs and
 * devices. Reading `/dev/zero` never ends, opening a FIFO blocks until a writer comes, and mkdir
 * under /proc spins; each is refused up front with a sentence instead.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** A config file larger than this is not a config file (and reading it would stall the step). */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** Kernel pseudo filesystems: nothing deploy-gate writes belongs there. */
const PSEUDO_FS = ['/proc', '/sys', '/dev'];

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Why `path` cannot be read as a small text file, or undefined when it can (or does not exist:
 * the reader reports that in its own words). stat never blocks, even on a FIFO.
 */
export function regularFileProblem(
  path: string,
  maxBytes = MAX_INPUT_FILE_BYTES,
): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) return `is ${kindOf(stats)}; accepted: a regular file`;
  if (stats.size > maxBytes)
    return `is ${stats.size} bytes; accepted: a regular file of at most ${maxBytes} bytes`;
  return undefined;
}

/** The real path of `path`: symlinks of its existing part resolved, the missing rest appended. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  for (let at = absolute; ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...rest);
    } catch {
      if (dirname(at) === at) return absolute;
      rest.unshift(basename(at));
    }
  }
}

/** True when `real` (a real path) lies on /proc, /sys or /dev. */
export function onPseudoFilesystem(real: string): boolean {
  return PSEUDO_FS.some((root) => real === root || real.startsWith(`${root}${sep}`));
}
