// One simulated month (or shorter stretch) of scheduled monitor runs through the real modules:
// addRun → judgeSlo (lower-bound rules, hysteresis, alert state), as run-monitor.ts calls them, on injected
// time. Each probe fails independently with the scenario's probability at its send time.
import { budgetState } from '../../src/monitor/burn-rate.ts';
import { judgeSlo } from '../../src/monitor/judge-slo.ts';
import { addRun, emptyLedger } from '../../src/monitor/slo-ledger.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A Monday at midnight UTC: runs land on the same 5-minute grid as a `*\/5` cron. */
export const START = Date.UTC(2026, 0, 5);
export const SLOT_MS = 5 * MINUTE;
export const RUN_MS = MINUTE; // observe-for 1m
export const PROBE_INTERVAL_MS = 5_000; // the default interval
export const PROBES_PER_RUN = RUN_MS / PROBE_INTERVAL_MS;
const SERVICE = 'svc';

/**
 * When the runs start: one per 5-minute slot, up to a minute late (GitHub starts scheduled jobs a
 * little after the cron time). With `drop` a slot is skipped with that probability; with `delay`
 * a run is late by up to `delay.maxMs` with probability `delay.share`. A run never starts before
 * the previous one ended (a concurrency group queues it), so the ledger sees them in order.
 */
export function schedule(random, fromMs, toMs, { drop = 0, delay } = {}) {
  const starts = [];
  for (let slot = fromMs; slot < toMs; slot += SLOT_MS) {
    if (drop > 0 && random() < drop) continue;
    let late = Math.floor(random() * MINUTE);
    if (delay && random() < delay.share) late = Math.floor(random() * delay.maxMs);
    starts.push(slot + late);
  }
  starts.sort((a, b) => a - b);
  for (let i = 1; i < starts.length; i++)
    starts[i] = Math.max(starts[i], starts[i - 1] + RUN_MS + 1_000);
  return starts;
}

/**
 * Runs the month. `failure(at)` is a probe's failure probability at send time `at`. Returns the
 * alert events (compact: [kind, at, level, peak, since, rule, durationMs]) and the run count; with `coverage` also
 * the watched share of the last 30 days as budgetState reports it.
 */
export function simulateMonth({ random, slo, starts, failure, coverage = false }) {
  let ledger = emptyLedger();
  const events = [];
  let end = START;
  for (const startedAt of starts) {
    const endedAt = startedAt + RUN_MS;
    let failed = 0;
    for (let i = 0; i < PROBES_PER_RUN; i++) {
      if (random() < failure(startedAt + i * PROBE_INTERVAL_MS)) failed += 1;
    }
    const run = { service: SERVICE, startedAt, endedAt, total: PROBES_PER_RUN, failed, slow: {} };
    ledger = addRun(ledger, run, endedAt);
    const step = judgeSlo(ledger, SERVICE, slo, endedAt);
    ledger = step.ledger;
    const e = step.event;
    if (e) events.push([e.kind, e.at, e.level, e.peak, e.since, e.rule, e.durationMs]);
    end = endedAt;
  }
  const out = { events, runs: starts.length };
  if (coverage)
    out.coveragePercent = budgetState(ledger, SERVICE, slo, end, 30 * DAY).coveragePercent;
  return out;
}
