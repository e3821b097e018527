/** Durations as users write them: `250ms`, `15s`, `2m`, `1h`, `1m30s`, or a bare number of seconds. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;

/** Milliseconds, or undefined when the text is not a duration (negative values are not durations). */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (value === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(value); match; match = PART.exec(value)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    consumed = PART.lastIndex;
  }
  return consumed === value.length ? Math.round(total) : undefined;
}

/** The shortest exact spelling of a duration, for messages and summaries: 1500 → "1.5s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  // Up to two minutes people think in seconds (90s, not 1m30s) unless the minutes are whole.
  if (ms < 60_000 || (ms < 120_000 && ms % 60_000 !== 0)) return `${trim(ms / 1000)}s`;
  if (ms < 3_600_000)
    return ms % 60_000 === 0
      ? `${ms / 60_000}m`
      : `${Math.floor(ms / 60_000)}m${trim((ms % 60_000) / 1000)}s`;
  return ms % 3_600_000 === 0
    ? `${ms / 3_600_000}h`
    : `${Math.floor(ms / 3_600_000)}h${formatDuration(ms % 3_600_000)}`;
}

function trim(n: number): string {
  return Number(n.toFixed(3)).toString();
}
