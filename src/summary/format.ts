/** Number formats shared by the summary, the outputs and the annotations. */

const oneDecimal = (n: number): string => n.toFixed(1).replace(/\.0$/, '');

/**
 * A duration in the one human style of the summary: `44 ms`, `5.6 s`, `5 m 30 s`, `1 h 5 m`.
 * Latencies use it too, so a probe of 5561 ms reads `5.6 s` like the gate that took it.
 */
export function formatDurationHuman(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 0) return `−${formatDurationHuman(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${oneDecimal(ms / 1000)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    const m = Math.floor(totalSeconds / 60);
    const s = totalSeconds % 60;
    return s ? `${m} m ${s} s` : `${m} m`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  return m ? `${h} h ${m} m` : `${h} h`;
}

export const formatMs = (value: number | undefined | null): string =>
  value === undefined || value === null ? '–' : formatDurationHuman(value);

/** A moment relative to the start of the gate: `+0 s`, `+5.6 s`, `+5 m 30 s`. */
export const formatOffset = (ms: number): string =>
  ms < 50 ? '+0 s' : `+${formatDurationHuman(ms)}`;

export const formatPercent = (fraction: number | null | undefined): string =>
  fraction === null || fraction === undefined
    ? '–'
    : `${(fraction * 100).toFixed(1).replace(/\.0$/, '')}%`;

export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`;

/**
 * A version short enough for a table cell: a commit-like hex id to 7 characters, a long tag to
 * its start and end. The full value stays in the evidence.
 */
export function shortVersion(version: string): string {
  if (/^[0-9a-f]{12,64}$/i.test(version)) return version.slice(0, 7);
  const chars = [...version];
  if (chars.length <= 24) return version;
  return `${chars.slice(0, 14).join('')}…${chars.slice(-8).join('')}`;
}
