/**
 * Burn rates and error budgets from the SLO ledger, event-based as Sloth and Pyrra compute them:
 * a window's error ratio is its bad events over its events (traffic-weighted, never an average of
 * ratios), and its burn rate is that ratio over the error budget (1 − target). Pure.
 *
 * Windows are whole buckets ending with the bucket that holds `now`:
 * - up to 6 h (5m, 30m, 1h, 2h, 6h): the last windowMs / 5 min five-minute buckets;
 * - longer (1d, 3d, the SLO window): the last ceil(windowMs / 1 h) hours.
 * So a window is exact at its bucket grain; its oldest edge moves a bucket at a time.
 */
import { wilsonInterval } from '../gate/stats.js';
import {
  COARSE_BUCKET_MS,
  FINE_BUCKET_MS,
  FINE_HOURS,
  gapThresholdMs,
  serviceLedger,
  type Ledger,
  type ServiceLedger,
} from './slo-ledger.js';

export const ALERT_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type AlertWindow = (typeof ALERT_WINDOWS)[number];
export type BurnRates = Record<AlertWindow, number | null>;

const MINUTE = 60_000;
export const ALERT_WINDOW_MS: Record<AlertWindow, number> = {
  '5m': 5 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '6h': 360 * MINUTE,
  '1d': 1440 * MINUTE,
  '3d': 4320 * MINUTE,
};

/** At most this many gaps are listed (the most recent); coverage counts them all. */
export const MAX_GAPS_LISTED = 20;

export interface SloObjective {
  name: string;
  kind: 'availability' | 'latency';
  /** 0..1 exclusive, e.g. 0.999. */
  target: number;
  /** The latency objective's text, e.g. 'p95<500ms', as the runs count it. */
  objective?: string;
}

export interface WindowCounts {
  events: number;
  badEvents: number;
}

function checkTarget(slo: SloObjective): void {
  if (!(slo.target > 0 && slo.target < 1))
    throw new RangeError(
      `SLO ${slo.name}: target ${slo.target} leaves no error budget; accepted: above 0, below 1`,
    );
}

/** The row column holding the SLO's bad events, or undefined when no run has measured it. */
function badColumn(svc: ServiceLedger, slo: SloObjective): number | undefined {
  if (slo.kind === 'availability') return 2;
  const at = svc.objectives.indexOf(slo.objective ?? '');
  return at < 0 ? undefined : 3 + at;
}

/** Sums rows whose bucket (mapped by `toIndex`) lies in [first, last]; rows are ascending. */
function sumRows(
  rows: readonly number[][],
  first: number,
  last: number,
  column: number,
  toIndex: (index: number) => number,
  into: WindowCounts,
): void {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const index = toIndex(row[0]!);
    if (index < first) break;
    if (index > last || row.length <= column) continue;
    into.events += row[1]!;
    into.badEvents += row[column]!;
  }
}

/** Events and bad events of one SLO over a window ending at `now`. */
export function windowCounts(
  ledger: Ledger,
  service: string,
  slo: SloObjective,
  now: number,
  windowMs: number,
): WindowCounts {
  const counts = { events: 0, badEvents: 0 };
  const svc = serviceLedger(ledger, service);
  const column = svc && badColumn(svc, slo);
  if (!svc || column === undefined) return counts;
  const fineGrain = windowMs <= FINE_HOURS * COARSE_BUCKET_MS && windowMs % FINE_BUCKET_MS === 0;
  if (fineGrain) {
    const last = Math.floor(now / FINE_BUCKET_MS);
    sumRows(svc.fine, last - windowMs / FINE_BUCKET_MS + 1, last, column, (i) => i, counts);
    return counts;
  }
  const last = Math.floor(now / COARSE_BUCKET_MS);
  const first = last - Math.ceil(windowMs / COARSE_BUCKET_MS) + 1;
  const perHour = COARSE_BUCKET_MS / FINE_BUCKET_MS;
  sumRows(svc.coarse, first, last, column, (i) => i, counts);
  sumRows(svc.fine, first, last, column, (i) => Math.floor(i / perHour), counts);
  return counts;
}

/** One rate per alert window from its counts; null when the window holds no events. */
function perWindow(
  ledger: Ledger,
  service: string,
  slo: SloObjective,
  now: number,
  rate: (counts: WindowCounts, windowMs: number) => number,
): BurnRates {
  checkTarget(slo);
  const rates = {} as BurnRates;
  for (const window of ALERT_WINDOWS) {
    const windowMs = ALERT_WINDOW_MS[window];
    const counts = windowCounts(ledger, service, slo, now, windowMs);
    rates[window] = counts.events === 0 ? null : rate(counts, windowMs);
  }
  return rates;
}

/** Error ratio over the budget per alert window; null when the window holds no events. */
export function burnRates(
  ledger: Ledger,
  service: string,
  slo: SloObjective,
  now: number,
): BurnRates {
  return perWindow(
    ledger,
    service,
    slo,
    now,
    ({ events, badEvents }) => badEvents / events / (1 - slo.target),
  );
}

/**
 * The burn rates the alert rules judge. A monitor sees few events (12 probes a run at the
 * defaults), so one failed probe in 2 h is already a 3.5x burn at 99.9 %: the plain ratio is noise.
 * Each window's ratio is therefore taken at the lower end of its 95 % Wilson interval (a burn must
 * be clearly above a threshold, not just by one unlucky probe), and weighted by the share of the
 * window the monitor watched (a new service or a schedule gap: a few hours cannot pose as 3 days).
 * A total outage still pages on its first run: 12 of 12 failed is a lower bound of 76 %. With
 * plenty of events the bound meets the plain ratio. The plain rates (burnRates) are what is reported.
 */
export function alertingBurnRates(
  ledger: Ledger,
  service: string,
  slo: SloObjective,
  now: number,
): BurnRates {
  const svc = serviceLedger(ledger, service);
  return perWindow(ledger, service, slo, now, ({ events, badEvents }, windowMs) => {
    const seen = watched(svc, now - windowMs, now).reduce((sum, s) => sum + s.to - s.from, 0);
    const lower = wilsonInterval(badEvents, events).lower;
    return (lower / (1 - slo.target)) * Math.min(1, seen / windowMs);
  });
}

export interface Gap {
  from: number;
  to: number;
}

export interface BudgetState {
  windowMs: number;
  events: number;
  badEvents: number;
  /** Good events over events, in percent: sampled events only, never the unwatched time. */
  sliPercent: number | null;
  /** Window minutes × (1 − target): 43.2 for 30 days at 99.9 %. */
  budgetMinutes: number;
  /** The share of the budget the window's error ratio spent, in budget minutes. */
  consumedMinutes: number;
  consumedPercent: number | null;
  /** 100 − consumed; below 0 once the budget is overspent. */
  remainingPercent: number | null;
  /** The share of the window the monitor watched (gaps and time before the first run excluded). */
  coveragePercent: number;
  /** Unwatched stretches inside the window, oldest first, the most recent MAX_GAPS_LISTED. */
  gaps: Gap[];
  /** Gaps left off the list. */
  gapsOmitted: number;
  /** Where the watched time inside the window begins; null when nothing in it was watched. */
  watchedFrom: number | null;
}

/** Watched spans clipped to [from, now]; the silence after the last run counts until it is a gap. */
function watched(svc: ServiceLedger | undefined, from: number, now: number): Gap[] {
  const runs = svc?.runs;
  if (!runs) return [];
  const spans = runs.covered.map(([a, b]) => ({ from: a, to: b }));
  const tail = spans[spans.length - 1];
  if (tail && now - runs.lastStart <= gapThresholdMs(runs.spacings) && tail.to >= runs.lastEnd)
    tail.to = Math.max(tail.to, now);
  return spans
    .map((s) => ({ from: Math.max(s.from, from), to: Math.min(s.to, now) }))
    .filter((s) => s.to > s.from);
}

/**
 * The error budget of one SLO over `windowMs` (the SLO window, default 30 d) ending at `now`
 * (Pyrra's formula: remaining = ((1 − target) − bad/events) / (1 − target)).
 */
export function budgetState(
  ledger: Ledger,
  service: string,
  slo: SloObjective,
  now: number,
  windowMs: number,
): BudgetState {
  checkTarget(slo);
  const { events, badEvents } = windowCounts(ledger, service, slo, now, windowMs);
  const budget = 1 - slo.target;
  const budgetMinutes = (windowMs / MINUTE) * budget;
  const consumed = events === 0 ? null : badEvents / events / budget;
  const from = now - windowMs;
  const spans = watched(serviceLedger(ledger, service), from, now);
  const gaps: Gap[] = [];
  let cursor = spans[0]?.from ?? now;
  for (const span of spans) {
    if (span.from > cursor) gaps.push({ from: cursor, to: span.from });
    cursor = Math.max(cursor, span.to);
  }
  if (spans.length > 0 && cursor < now) gaps.push({ from: cursor, to: now });
  const watchedMs = spans.reduce((sum, s) => sum + (s.to - s.from), 0);
  return {
    windowMs,
    events,
    badEvents,
    sliPercent: events === 0 ? null : (1 - badEvents / events) * 100,
    budgetMinutes,
    consumedMinutes: (consumed ?? 0) * budgetMinutes,
    consumedPercent: consumed === null ? null : consumed * 100,
    remainingPercent: consumed === null ? null : (1 - consumed) * 100,
    coveragePercent: windowMs > 0 ? (watchedMs / windowMs) * 100 : 0,
    gaps: gaps.slice(-MAX_GAPS_LISTED),
    gapsOmitted: Math.max(0, gaps.length - MAX_GAPS_LISTED),
    watchedFrom: spans[0]?.from ?? null,
  };
}
