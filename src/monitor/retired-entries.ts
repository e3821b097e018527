/**
 * Ledger entries the config no longer names: a service taken out of it, or an endpoint scope that
 * lost its own objective. Their open alerts are stepped quiet each run until each resolves once
 * (its incident closed, its webhook line sent); once they hold nothing inside the SLO window they
 * are dropped. Pure, like the ledger.
 *
 * The ledger holds at most LEDGER_LIMITS.services entries. The config alone is checked against
 * that before any request (ledgerLimitProblems); retired entries still holding data can push a
 * config that fits past the limit. They are then dropped to make room, oldest last run first:
 * refusing instead would stop every configured service's monitoring for up to the whole SLO
 * window, or make users delete the ledger and lose every budget, to keep history that no
 * configured SLO reads. The most recently retired entries, the likeliest to come back after a
 * revert, are kept longest. A dropped entry's open alerts resolve at once, so no incident stays
 * open with nothing left to close it.
 */
import { stepAlert, type AlertEvent } from './alert-state.js';
import { capText } from '../summary/outside-text.js';
import {
  LEDGER_LIMITS,
  LEDGER_VERSION,
  pruneLedger,
  serviceLedger,
  type Ledger,
} from './slo-ledger.js';

/** Alerts of entry `name`'s SLOs not in `keep`: stepped quiet; those that resolve are returned. */
export function retireAlerts(
  start: Ledger,
  name: string,
  keep: ReadonlySet<string>,
  now: number,
  options: { resolveAfterMs?: number } = {},
): { ledger: Ledger; retired: AlertEvent[] } {
  let ledger = start;
  const retired: AlertEvent[] = [];
  for (const slo of Object.keys(serviceLedger(ledger, name)?.alerts ?? {})) {
    if (keep.has(slo)) continue;
    const stepped = stepAlert(ledger, name, slo, 'none', null, now, options);
    ledger = stepped.ledger;
    if (stepped.event) retired.push(stepped.event);
  }
  return { ledger, retired };
}

export interface SettledLedger {
  /** Holds every configured entry already there, and room for every one still missing. */
  ledger: Ledger;
  /** Alerts of retired entries that resolved in this run. */
  retired: AlertEvent[];
  /** Retired entries dropped to make room, oldest first. */
  evicted: string[];
}

/**
 * The ledger before this run's counts go in: retired entries' alerts stepped quiet, idle entries
 * dropped, then as many retired entries as the configured ones need room for, oldest first.
 * `configured` must fit the limit on its own (ledgerLimitProblems).
 */
export function settleRetired(
  start: Ledger,
  configured: ReadonlySet<string>,
  now: number,
  windowMs: number,
): SettledLedger {
  let ledger = start;
  const retired: AlertEvent[] = [];
  for (const name of Object.keys(start.services)) {
    if (configured.has(name)) continue;
    const quiet = retireAlerts(ledger, name, new Set(), now);
    ledger = quiet.ledger;
    retired.push(...quiet.retired);
  }
  ledger = pruneLedger(ledger, now, { sloWindowMs: windowMs });
  const held = Object.keys(ledger.services);
  const missing = [...configured].filter((name) => !Object.hasOwn(ledger.services, name));
  const excess = held.length + missing.length - LEDGER_LIMITS.services;
  if (excess <= 0) return { ledger, retired, evicted: [] };
  const lastRun = (name: string) => serviceLedger(ledger, name)?.runs?.lastEnd ?? 0;
  const evicted = held
    .filter((name) => !configured.has(name))
    .sort((a, b) => lastRun(a) - lastRun(b) || (a < b ? -1 : 1))
    .slice(0, excess);
  for (const name of evicted) {
    const closed = retireAlerts(ledger, name, new Set(), now, { resolveAfterMs: 0 });
    retired.push(...closed.retired);
    const services = { ...closed.ledger.services };
    delete services[name];
    ledger = { version: LEDGER_VERSION, services };
  }
  return { ledger, retired, evicted };
}

/** The step's log line for entries dropped to make room; empty when none were. */
export function evictionNote(evicted: readonly string[]): string {
  if (evicted.length === 0) return '';
  const shown = evicted.slice(0, 10).join(', ');
  const more = evicted.length > 10 ? ` and ${evicted.length - 10} more` : '';
  const entries = `${evicted.length} SLO ledger entr${evicted.length === 1 ? 'y' : 'ies'}`;
  return `deploy-gate monitor: the ledger holds at most ${LEDGER_LIMITS.services} services and endpoint scopes; dropped the history of ${entries} no longer in the config, oldest last run first, to make room for the configured ones: ${capText(shown, 1000)}${more} (their open alerts resolved)`;
}
