/**
 * The step log's view of the probes. A gate of a few URLs logs every probe. A fleet would write
 * hundreds of lines a second (300 URLs at 250 ms: 1,200), which nobody reads and which took about
 * 6 % of the CPU in a 300-URL profile; above FULL_LOG_URLS it logs failed probes (at most
 * FAILURES_PER_WINDOW a window) and one progress line a window. Every probe stays in probes.ndjson.
 */
import type { Clock } from '../gate/clock.js';
import { notCounted } from '../gate/lateness.js';
import type { Attempt } from '../gate/types.js';

export const FULL_LOG_URLS = 20;
export const PROGRESS_EVERY_MS = 10_000;
export const FAILURES_PER_WINDOW = 20;

/** A rollback's probes are its verification, whatever phase of that gate run they belong to. */
const probeLine = (a: Attempt): string =>
  `#${a.seq} ${a.run === 'rollback' ? 'verify' : a.phase} ${a.url} -> ${a.ok ? `ok ${a.status}` : `${a.failure?.class}: ${a.failure?.message}`} in ${Math.round(a.latencyMs)} ms`;

interface Window {
  probes: number;
  failed: number;
  notCounted: number;
  failuresLogged: number;
}

const emptyWindow = (): Window => ({ probes: 0, failed: 0, notCounted: 0, failuresLogged: 0 });

/**
 * Returns the per-attempt logger for one gate run over `urlCount` URLs.
 */
export function probeLogger(
  urlCount: number,
  clock: Clock,
  log: (line: string) => void,
): (a: Attempt) => void {
  if (urlCount <= FULL_LOG_URLS) return (a) => log(probeLine(a));
  log(
    `${urlCount} URLs: the log shows failed probes and progress every ${PROGRESS_EVERY_MS / 1000} s; every probe is in probes.ndjson`,
  );
  let window = emptyWindow();
  let total = 0;
  let windowStart = clock.now();
  return (a) => {
    total += 1;
    window.probes += 1;
    if (notCounted(a)) window.notCounted += 1;
    else if (!a.ok) {
      window.failed += 1;
      if (window.failuresLogged < FAILURES_PER_WINDOW) {
        window.failuresLogged += 1;
        log(probeLine(a));
      }
    }
    const now = clock.now();
    if (now - windowStart < PROGRESS_EVERY_MS) return;
    log(progressLine(window, total, now - windowStart));
    window = emptyWindow();
    windowStart = now;
  };
}

function progressLine(w: Window, total: number, spanMs: number): string {
  const parts = [
    `${w.probes} probes in the last ${Math.round(spanMs / 1000)} s`,
    `${w.failed} failed`,
  ];
  if (w.failed > w.failuresLogged)
    parts.push(`${w.failed - w.failuresLogged} of them not shown (in probes.ndjson)`);
  if (w.notCounted > 0) parts.push(`${w.notCounted} not counted (runner overloaded)`);
  return `progress: ${parts.join(', ')}; ${total} probes so far`;
}
