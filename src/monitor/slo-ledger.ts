/**
 * The SLO ledger: good and bad events per service, kept between scheduled monitor runs. Pure: no
 * I/O, the clock comes in as numbers (epoch ms). addRun returns a new ledger; it is not idempotent.
 *
 * Counts live in buckets, compact rows `[index, total, failed, ...slow]` (`index` counts buckets
 * since the epoch, `slow[k]` belongs to `objectives[k]`; a row shorter than the list predates that
 * objective and is left out of it). `fine`: 5-minute buckets for the current hour and the FINE_HOURS
 * whole hours before it, so the 5m..6h windows are exact. `coarse`: 1-hour buckets kept for the SLO
 * window (default 30 d, at least the 3 d alert window); older data is dropped. A whole hour moves
 * from fine to coarse at once, so no moment is counted twice.
 *
 * A run shorter than a fine bucket goes whole to the bucket of its end, the one the alert windows
 * that judge it end in (filed under its start, a run begun late in a bucket would be missing from
 * the 5-minute window read at its end); a longer one is spread
 * over the buckets it spans in proportion to its time in each (cumulative rounding: totals kept
 * exactly, no bucket with more failed or slow than total).
 *
 * Coverage: `runs.covered`, the merged spans watched. Time between two runs is watched unless their
 * start-to-start spacing exceeds twice the usual one (median of the last SPACINGS_KEPT, at least a
 * minute; an hour until 3 are known): then from the earlier end to the later start is a gap.
 *
 * The stored shape, its bounds and its version are ledger-format.ts.
 */
import {
  COARSE_BUCKET_MS,
  DAY_MS,
  emptyServiceLedger,
  FINE_BUCKET_MS,
  FINE_PER_COARSE,
  LEDGER_LIMITS,
  LEDGER_SERVICE_NAME,
  LEDGER_VERSION,
  MAX_RETENTION_MS,
  SPACINGS_KEPT,
  type Ledger,
  type RunHistory,
  type ServiceLedger,
} from './ledger-format.js';

// The stored format is part of the ledger's interface: callers import it from here too.
export * from './ledger-format.js';

export const FINE_HOURS = 6; // whole hours kept at 5-minute grain before the current one
export const DEFAULT_SLO_WINDOW_MS = 30 * DAY_MS;
const LONGEST_ALERT_WINDOW_MS = 3 * DAY_MS; // kept even when the SLO window is shorter
const MIN_SPACING_MS = 60_000;
const UNKNOWN_SCHEDULE_GAP_MS = COARSE_BUCKET_MS;

/** One monitor run of one service: the sampled span (epoch ms) and its judged probes. */
export interface RunCounts {
  service: string;
  startedAt: number;
  endedAt: number;
  total: number;
  /** Availability-bad events. */
  failed: number;
  /** Per latency objective text ('p95<500ms'): responses slower than its limit. */
  slow: Record<string, number>;
}

/** Twice the usual start-to-start spacing: a longer silence is a gap in the schedule. */
export function gapThresholdMs(spacingsSeconds: readonly number[]): number {
  if (spacingsSeconds.length < 3) return UNKNOWN_SCHEDULE_GAP_MS;
  const sorted = [...spacingsSeconds].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return 2 * Math.max(MIN_SPACING_MS, median * 1000);
}

function checkRun(run: RunCounts): void {
  const bad = (what: string) => {
    throw new RangeError(`addRun: ${what} (service ${JSON.stringify(run.service)})`);
  };
  const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!LEDGER_SERVICE_NAME.test(run.service)) bad('service name is not a ledger service name');
  if (!isCount(run.startedAt) || !isCount(run.endedAt) || run.endedAt < run.startedAt)
    bad(`span ${run.startedAt}..${run.endedAt} is not an epoch-ms span`);
  if (!isCount(run.total) || !isCount(run.failed) || run.failed > run.total)
    bad(`failed ${run.failed} of total ${run.total} is not a count within the total`);
  for (const [text, n] of Object.entries(run.slow)) {
    if (!isCount(n) || n > run.total) bad(`slow ${n} for ${text} is not a count within the total`);
    if (text.length === 0 || text.length > LEDGER_LIMITS.text) bad('objective text length');
  }
}

/** How many of `part` (≤ total) go with `t` of the `rest` events still to place. */
function placed(part: number, ideal: number, t: number, rest: number): number {
  return Math.min(t, part, Math.max(ideal, part - (rest - t), 0));
}

/** The run's counts cut into [bucket index, ...counts] pieces, totals preserved. */
function pieces(run: RunCounts, vector: number[]): number[][] {
  const first = Math.floor(run.startedAt / FINE_BUCKET_MS);
  const span = run.endedAt - run.startedAt;
  const last = Math.floor((Math.max(run.endedAt, run.startedAt + 1) - 1) / FINE_BUCKET_MS);
  if (span < FINE_BUCKET_MS) return [[last, ...vector]];
  const left = [...vector];
  const out: number[][] = [];
  for (let b = first; b <= last; b++) {
    const upTo = Math.min(run.endedAt, (b + 1) * FINE_BUCKET_MS) - run.startedAt;
    const share = b === last ? 1 : upTo / span;
    const total = b === last ? left[0]! : Math.round(vector[0]! * share) - (vector[0]! - left[0]!);
    const row = [b, total];
    for (let k = 1; k < vector.length; k++) {
      const ideal = Math.round(vector[k]! * share) - (vector[k]! - left[k]!);
      row.push(placed(left[k]!, ideal, total, left[0]!));
    }
    for (let k = 0; k < vector.length; k++) left[k] = left[k]! - row[k + 1]!;
    if (total > 0) out.push(row);
  }
  return out;
}

/** Adds a piece into ascending rows (copy on write: rows shared with older ledgers stay intact). */
function addInto(rows: number[][], piece: number[]): number[][] {
  let i = rows.length - 1;
  while (i >= 0 && rows[i]![0]! > piece[0]!) i--;
  const out = [...rows];
  const had = i >= 0 && rows[i]![0] === piece[0] ? rows[i]! : undefined;
  if (!had) out.splice(i + 1, 0, [...piece]);
  else
    out[i] = had.map((n, k) => (k === 0 ? n : n + (piece[k] ?? 0))).concat(piece.slice(had.length));
  return out;
}

function insertSpan(spans: [number, number][], span: [number, number]): [number, number][] {
  const all = [...spans, span].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of all) {
    const prev = out[out.length - 1];
    if (prev && from <= prev[1]) prev[1] = Math.max(prev[1], to);
    else out.push([from, to]);
  }
  return out.slice(-LEDGER_LIMITS.spans);
}

function recordRun(runs: RunHistory | null, start: number, end: number): RunHistory {
  if (!runs) return { lastStart: start, lastEnd: end, spacings: [], covered: [[start, end]] };
  if (start < runs.lastStart) return { ...runs, covered: insertSpan(runs.covered, [start, end]) };
  const spacing = start - runs.lastStart;
  const gap = spacing > gapThresholdMs(runs.spacings);
  return {
    lastStart: start,
    lastEnd: Math.max(runs.lastEnd, end),
    spacings: [...runs.spacings, Math.round(spacing / 1000)].slice(-SPACINGS_KEPT),
    covered: insertSpan(runs.covered, gap ? [start, end] : [Math.min(runs.lastEnd, start), end]),
  };
}

/** Moves whole hours out of the fine span, drops what is older than the retention. */
function compact(svc: ServiceLedger, now: number, retentionMs: number): ServiceLedger {
  const nowHour = Math.floor(now / COARSE_BUCKET_MS);
  const oldestHour = nowHour - Math.ceil(retentionMs / COARSE_BUCKET_MS);
  const fineFrom = (nowHour - FINE_HOURS) * FINE_PER_COARSE;
  let { fine, coarse, runs } = svc;
  if (fine.length > 0 && fine[0]![0]! < fineFrom) {
    for (const row of fine.filter((r) => r[0]! < fineFrom))
      coarse = addInto(coarse, [Math.floor(row[0]! / FINE_PER_COARSE), ...row.slice(1)]);
    fine = fine.filter((r) => r[0]! >= fineFrom);
  }
  if (coarse.length > 0 && coarse[0]![0]! < oldestHour)
    coarse = coarse.filter((r) => r[0]! >= oldestHour);
  const oldestMs = oldestHour * COARSE_BUCKET_MS;
  if (runs && runs.covered.length > 0 && runs.covered[0]![0] < oldestMs) {
    const covered = runs.covered
      .filter(([, to]) => to > oldestMs)
      .map(([from, to]): [number, number] => [Math.max(from, oldestMs), to]);
    runs = { ...runs, covered };
  }
  if (fine === svc.fine && coarse === svc.coarse && runs === svc.runs) return svc;
  return { ...svc, fine, coarse, runs };
}

/** How long data is kept: the SLO window, at least the longest alert window. */
function retention(sloWindowMs = DEFAULT_SLO_WINDOW_MS): number {
  return Math.min(MAX_RETENTION_MS, Math.max(sloWindowMs, LONGEST_ALERT_WINDOW_MS));
}

/**
 * Every entry compacted to `now`. An entry with nothing left in the retention and no open alert
 * is dropped (its service has not run for the whole SLO window), unless it is `keep`.
 */
function compactAll(
  services: Record<string, ServiceLedger>,
  now: number,
  retentionMs: number,
  keep?: string,
): Record<string, ServiceLedger> {
  const out: Record<string, ServiceLedger> = {};
  for (const [name, svc] of Object.entries(services)) {
    const kept = compact(svc, now, retentionMs);
    const idle = kept.fine.length + kept.coarse.length + Object.keys(kept.alerts).length === 0;
    if (name === keep || !idle) out[name] = kept;
  }
  return out;
}

/**
 * The ledger as of `now`: data older than the SLO window dropped, and with it every entry that
 * holds nothing more and has no open alert. What remains is what the next runs must make room in.
 */
export function pruneLedger(
  ledger: Ledger,
  now: number,
  options: { sloWindowMs?: number } = {},
): Ledger {
  return {
    version: LEDGER_VERSION,
    services: compactAll(ledger.services, now, retention(options.sloWindowMs)),
  };
}

/**
 * The ledger with one more run: returns a new ledger and never changes the one passed in.
 * `now` drives compaction; `sloWindowMs` (default 30 d) sets how long hourly data is kept;
 * `owner` (the monitor writing the run, ledger-owner.ts) is recorded on the entry. Throws a RangeError on counts no monitor run can produce, or a new entry past the limit once
 * the idle entries are dropped (a bug in the caller: run-monitor.ts makes room first).
 */
export function addRun(
  ledger: Ledger,
  run: RunCounts,
  now: number,
  options: { sloWindowMs?: number; owner?: string } = {},
): Ledger {
  checkRun(run);
  const retentionMs = retention(options.sloWindowMs);
  const services = compactAll(ledger.services, now, retentionMs, run.service);
  const known = Object.hasOwn(services, run.service) ? services[run.service] : undefined;
  if (!known && Object.keys(services).length >= LEDGER_LIMITS.services)
    throw new RangeError(`addRun: the ledger already holds ${LEDGER_LIMITS.services} services`);
  let svc = known ?? emptyServiceLedger();
  const fresh = Object.keys(run.slow).filter((t) => !svc.objectives.includes(t));
  const objectives = [...svc.objectives, ...fresh].slice(0, LEDGER_LIMITS.objectives);
  const vector = [run.total, run.failed, ...objectives.map((t) => run.slow[t] ?? 0)];
  const nowHour = Math.floor(now / COARSE_BUCKET_MS);
  const oldestHour = nowHour - Math.ceil(retentionMs / COARSE_BUCKET_MS);
  if (run.endedAt >= oldestHour * COARSE_BUCKET_MS) {
    let { fine, coarse } = svc;
    for (const piece of pieces(run, vector)) {
      const hour = Math.floor(piece[0]! / FINE_PER_COARSE);
      if (hour < oldestHour) continue;
      if (hour >= nowHour - FINE_HOURS) fine = addInto(fine, piece);
      else coarse = addInto(coarse, [hour, ...piece.slice(1)]);
    }
    const runs = recordRun(svc.runs, run.startedAt, run.endedAt);
    svc = { ...svc, objectives, fine, coarse, runs };
  }
  if (options.owner) svc = { ...svc, owner: options.owner.slice(0, LEDGER_LIMITS.owner) };
  // Compacted again: a run reaching back past the retention leaves no span there.
  return {
    version: LEDGER_VERSION,
    services: { ...services, [run.service]: compact(svc, now, retentionMs) },
  };
}
