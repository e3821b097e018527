/**
 * Numbers as report.md and report.html show them: durations as people read them ("5 m 30 s"),
 * milliseconds as integers, times to the minute, and a budget spent many times over as
 * "exhausted (N× over)". report.json keeps the exact numbers.
 */
import { formatDurationHuman } from '../summary/format.js';

/** Seconds as "12.3 s", "5 m 30 s", "3 h 5 m"; null as "–". */
export const duration = (seconds: number | null): string =>
  seconds === null ? '–' : formatDurationHuman(seconds * 1000);

/** Milliseconds to the integer: "110 ms". */
export const millis = (value: number | null): string =>
  value === null ? '–' : `${Math.round(value)} ms`;

/** A percent to at most `digits` decimals, trailing zeros dropped: "99.95 %", "4.8 %". */
export function percent(value: number | null, digits = 2): string {
  if (value === null) return '–';
  return `${Number(value.toFixed(digits))} %`;
}

/** An ISO time to the minute, in UTC: "2026-03-30 14:05 UTC". */
export const when = (iso: string): string =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;

/** Beyond this much of a budget spent (10×) a percent says nothing more: "exhausted (N× over)". */
export const EXHAUSTED_SHOWN_FROM_PERCENT = 1000;

/** "N× over" for a consumed percent above 100: one decimal below 10×, whole above. */
export function timesOver(consumedPercent: number): string {
  const times = consumedPercent / 100;
  return `${times < 10 ? Number(times.toFixed(1)) : Math.round(times)}× over`;
}

/** A consumed percent: "4.8 %", or "exhausted (425× over)" beyond the bound. */
export function consumedText(consumedPercent: number): string {
  return consumedPercent > EXHAUSTED_SHOWN_FROM_PERCENT
    ? `exhausted (${timesOver(consumedPercent)})`
    : percent(consumedPercent, 1);
}

/** A remaining percent: "66.7 % left", or below 0 "exhausted (4.2× over)". */
export function remainingText(remainingPercent: number | null): string {
  if (remainingPercent === null) return '–';
  return remainingPercent < 0
    ? `exhausted (${timesOver(100 - remainingPercent)})`
    : `${percent(remainingPercent, 1)} left`;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "2026-03-30" as "30 Mar". */
export function shortDate(date: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  return month ? `${Number(date.slice(8, 10))} ${month}` : date;
}
