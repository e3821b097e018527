/**
 * Ledger entries this monitor no longer configures: a service taken out of its config file, or an
 * endpoint scope that lost its own objective. Which ones a run may retire is ledger-owner.ts: never
 * another monitor's, which the same ledger may hold. Their open alerts are stepped quiet each run
 * until each resolves once (its incident closed, its webhook line sent); once they hold nothing
 * inside the SLO window they are dropped. Pure, like the ledger.
 *
 * The ledger holds at most LEDGER_LIMITS.services entries. The run is refused before any probe
 * when its own entries cannot fit beside those it may not retire (ledgerRoomProblems); retired
 * entries still holding data can push it past the limit. They are then dropped to make room,
 * oldest last run first, a service and its scopes together: refusing instead would stop every
 * configured service's monitoring for up to the whole SLO window, or make users delete the ledger
 * and lose every budget, to keep history that no configured SLO reads. The most recently retired
 * entries, the likeliest to come back after a revert, are kept longest. A dropped entry's open
 * alerts resolve at once, so no incident stays open with nothing left to close it.
 */
import { stepAlert, type AlertEvent } from './alert-state.js';
import { capText } from '../summary/outside-text.js';
import type { CloseReason } from './incident-text.js';
import { retirableEntries, serviceOf, type RunEntries } from './ledger-owner.js';
import { plural } from '../summary/format.js';
import {
  LEDGER_LIMITS,
  LEDGER_VERSION,
  pruneLedger,
  serviceLedger,
  type Ledger,
} from './slo-ledger.js';

/** An alert closed without its burn seen to end, and why (its SLO left the config, or the ledger). */
export type RetiredAlert = AlertEvent & { reason: CloseReason };

/**
 * Alerts of entry `name`'s SLOs not in `keep`: stepped quiet; those that resolve are returned. A
 * removed SLO's alert resolves after its usual quiet time; an evicted entry's at once, since its
 * history goes with it.
 */
export function retireAlerts(
  start: Ledger,
  name: string,
  keep: ReadonlySet<string>,
  now: number,
  reason: CloseReason,
): { ledger: Ledger; retired: RetiredAlert[] } {
  const options = reason === 'evicted' ? { resolveAfterMs: 0 } : {};
  let ledger = start;
  const retired: RetiredAlert[] = [];
  for (const slo of Object.keys(serviceLedger(ledger, name)?.alerts ?? {})) {
    if (keep.has(slo)) continue;
    const stepped = stepAlert(ledger, name, slo, 'none', null, now, options);
    ledger = stepped.ledger;
    if (stepped.event) retired.push({ ...stepped.event, reason });
  }
  return { ledger, retired };
}

export interface SettledLedger {
  /** Holds every configured entry already there, and room for every one still missing. */
  ledger: Ledger;
  /** Alerts of retired entries that resolved in this run. */
  retired: RetiredAlert[];
  /** Retired entries dropped to make room, oldest first, each service before its scopes. */
  evicted: string[];
}

/**
 * The ledger before this run's counts go in: retirable entries' alerts stepped quiet, idle entries
 * dropped, then as many retirable entries as the configured ones need room for, oldest first.
 * `run` must fit beside the entries it may not retire (ledgerRoomProblems).
 */
export function settleRetired(
  start: Ledger,
  run: RunEntries,
  now: number,
  windowMs: number,
): SettledLedger {
  const retirable = retirableEntries(start, run);
  let ledger = start;
  const retired: RetiredAlert[] = [];
  for (const name of retirable) {
    const quiet = retireAlerts(ledger, name, new Set(), now, 'removed');
    ledger = quiet.ledger;
    retired.push(...quiet.retired);
  }
  ledger = pruneLedger(ledger, now, { sloWindowMs: windowMs });
  const held = Object.keys(ledger.services);
  const missing = [...run.configured].filter((name) => !Object.hasOwn(ledger.services, name));
  const excess = held.length + missing.length - LEDGER_LIMITS.services;
  if (excess <= 0) return { ledger, retired, evicted: [] };
  const evicted: string[] = [];
  for (const group of evictionGroups(
    ledger,
    held.filter((name) => retirable.has(name)),
  )) {
    if (evicted.length >= excess) break;
    evicted.push(...group);
  }
  for (const name of evicted) {
    const closed = retireAlerts(ledger, name, new Set(), now, 'evicted');
    retired.push(...closed.retired);
    const services = { ...closed.ledger.services };
    delete services[name];
    ledger = { version: LEDGER_VERSION, services };
  }
  return { ledger, retired, evicted };
}

/**
 * Entries grouped by service (a service and its scopes share a history and go together), the
 * group whose last run ended longest ago first; the service's name orders only equal groups.
 */
function evictionGroups(ledger: Ledger, entries: readonly string[]): string[][] {
  const groups = new Map<string, { entries: string[]; lastEnd: number }>();
  for (const entry of [...entries].sort()) {
    const service = serviceOf(entry);
    const group = groups.get(service) ?? { entries: [], lastEnd: 0 };
    group.entries.push(entry);
    group.lastEnd = Math.max(group.lastEnd, serviceLedger(ledger, entry)?.runs?.lastEnd ?? 0);
    groups.set(service, group);
  }
  return [...groups]
    .sort(([a, x], [b, y]) => x.lastEnd - y.lastEnd || (a < b ? -1 : 1))
    .map(([, group]) => group.entries);
}

/**
 * The step's log line for entries dropped to make room; empty when none were. `closedAlerts`:
 * how many of their alerts were open and resolved with them.
 */
export function evictionNote(evicted: readonly string[], closedAlerts: number): string {
  if (evicted.length === 0) return '';
  const shown = evicted.slice(0, 10).join(', ');
  const more = evicted.length > 10 ? ` and ${evicted.length - 10} more` : '';
  const entries = plural(evicted.length, 'SLO ledger entry', 'SLO ledger entries');
  const closed = closedAlerts > 0 ? ' (their open alerts resolved)' : '';
  return `deploy-gate monitor: the ledger holds at most ${LEDGER_LIMITS.services} services and endpoint scopes; dropped the history of ${entries} this monitor no longer configures, oldest last run first, to make room for the configured ones: ${capText(shown, 1000)}${more}${closed}`;
}
