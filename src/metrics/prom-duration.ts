/**
 * Prometheus duration strings for range selectors, and the `$window` placeholder.
 *
 * Canonical form: hours, minutes and seconds, largest first, zero parts left out
 * (`45s`, `1m35s`, `2m`, `1h5s`, `26h`). Prometheus 2.x (since 2.26) and VictoriaMetrics both
 * accept these compound durations; days and weeks are not used so one spelling exists per value.
 */

const SECOND_MS = 1000;
const MINUTE_S = 60;
const HOUR_S = 3600;

/**
 * `ms` as a Prometheus duration, rounded UP to whole seconds so a window never misses the
 * oldest part of the traffic it must cover. Prometheus rejects a zero range (`[0s]`), so the
 * result is at least `1s`.
 */
export function promDuration(ms: number): string {
  if (!Number.isFinite(ms)) {
    throw new RangeError(`promDuration: ms must be a finite number, got ${String(ms)}`);
  }
  const totalSeconds = Math.max(1, Math.ceil(ms / SECOND_MS));
  const hours = Math.floor(totalSeconds / HOUR_S);
  const minutes = Math.floor((totalSeconds % HOUR_S) / MINUTE_S);
  const seconds = totalSeconds % MINUTE_S;
  return (
    (hours > 0 ? `${hours}h` : '') +
    (minutes > 0 ? `${minutes}m` : '') +
    (seconds > 0 ? `${seconds}s` : '')
  );
}

/**
 * `$window` (or `${window}`) not followed by a name character, so a user's own `$windowSize`
 * placeholder (if any) is left alone.
 */
const WINDOW_PLACEHOLDER = /\$(?:window(?![A-Za-z0-9_])|\{window\})/g;

/** Replaces every `$window` in `query` with the time since the gate started, rounded up. */
export function expandWindow(query: string, elapsedMs: number): string {
  const window = promDuration(elapsedMs);
  return query.replace(WINDOW_PLACEHOLDER, window);
}
