/**
 * Multiwindow, multi-burn-rate alerts (the SRE workbook's rules for a 30-day SLO) and the
 * once-per-episode state machine kept in the ledger. Pure.
 *
 * An episode starts when the level leaves 'none' ('fired'), may rise from ticket to page once
 * ('escalated'; a page that eases back to ticket stays quiet, the episode keeps its peak) and ends
 * when the level has read 'none' for resolveAfterMs ('resolved', with the duration from its start
 * to the first quiet reading). A burn that returns inside that hold continues the same episode.
 */
import { ALERT_WINDOW_MS, type AlertWindow, type BurnRates } from './burn-rate.js';
import {
  emptyServiceLedger,
  LEDGER_LIMITS,
  LEDGER_VERSION,
  serviceLedger,
  type AlertRecord,
  type Ledger,
} from './slo-ledger.js';

export type AlertLevel = 'none' | 'ticket' | 'page';

export interface AlertRule {
  level: 'page' | 'ticket';
  long: AlertWindow;
  short: AlertWindow;
  /** Both windows must burn faster than this. */
  burnRate: number;
  /** Share of a 30-day budget the long window spends at that rate. */
  budgetSpentPercent: number;
  name: string;
}

const rule = (
  level: 'page' | 'ticket',
  long: AlertWindow,
  short: AlertWindow,
  burnRate: number,
  budgetSpentPercent: number,
): AlertRule => ({
  level,
  long,
  short,
  burnRate,
  budgetSpentPercent,
  name: `${level}: ${long} and ${short} > ${burnRate}`,
});

/** Checked in this order: the first rule that holds names the level. */
export const ALERT_RULES: readonly AlertRule[] = [
  rule('page', '1h', '5m', 14.4, 2),
  rule('page', '6h', '30m', 6, 5),
  rule('ticket', '1d', '2h', 3, 10),
  rule('ticket', '3d', '6h', 1, 10),
];

/** How the levels map to incident severities and priorities (documented in the README). */
export const ALERT_SEVERITY = {
  page: { severity: 'critical', priority: 'P1' },
  ticket: { severity: 'warning', priority: 'P3' },
} as const;

/** The least quiet time before an episode resolves: one quiet run is not enough. */
export const MIN_RESOLVE_AFTER_MS = 30 * 60_000;

/**
 * How long an episode must read 'none' before it resolves: the short window of the rule that last
 * held (the workbook's reset time for that rule), at least MIN_RESOLVE_AFTER_MS. A slow burn that
 * hovers at a ticket threshold then stays one episode instead of a ticket every few hours.
 */
export function resolveAfterMs(ruleName: string | null): number {
  const held = ALERT_RULES.find((r) => r.name === ruleName);
  return Math.max(MIN_RESOLVE_AFTER_MS, held ? ALERT_WINDOW_MS[held.short] : 0);
}

const over = (rate: number | null, limit: number) => rate !== null && rate > limit;

/** The level the burn rates call for and the rule that set it (null for 'none'). */
export function alertLevel(rates: BurnRates): { level: AlertLevel; rule: string | null } {
  for (const r of ALERT_RULES) {
    if (over(rates[r.long], r.burnRate) && over(rates[r.short], r.burnRate))
      return { level: r.level, rule: r.name };
  }
  return { level: 'none', rule: null };
}

export interface AlertEvent {
  kind: 'fired' | 'escalated' | 'resolved';
  /** The level after this step: 'none' for 'resolved'. */
  level: AlertLevel;
  /** The highest level the episode reached. */
  peak: 'ticket' | 'page';
  service: string;
  slo: string;
  /** When the episode started. */
  since: number;
  at: number;
  /** The rule that holds now; for 'resolved', the last rule that held. */
  rule: string | null;
  /** For 'resolved': from `since` to the first quiet reading; null otherwise. */
  durationMs: number | null;
}

/** The open episode of one SLO, if any. */
export function openAlert(ledger: Ledger, service: string, slo: string): AlertRecord | undefined {
  const alerts = serviceLedger(ledger, service)?.alerts;
  return alerts && Object.hasOwn(alerts, slo) ? alerts[slo] : undefined;
}

function withAlert(
  ledger: Ledger,
  service: string,
  slo: string,
  record: AlertRecord | undefined,
): Ledger {
  const svc = serviceLedger(ledger, service) ?? emptyServiceLedger();
  const alerts = { ...svc.alerts };
  if (record) alerts[slo] = record;
  else delete alerts[slo];
  if (Object.keys(alerts).length > LEDGER_LIMITS.alerts) return ledger;
  return {
    version: LEDGER_VERSION,
    services: { ...ledger.services, [service]: { ...svc, alerts } },
  };
}

/**
 * Feeds this run's level for one SLO into its episode. Returns the new ledger (the one passed in
 * is left unchanged) and the event to notify, or null while nothing changed worth telling.
 */
export function stepAlert(
  ledger: Ledger,
  service: string,
  slo: string,
  level: AlertLevel,
  rule: string | null,
  now: number,
  options: { resolveAfterMs?: number } = {},
): { ledger: Ledger; event: AlertEvent | null } {
  const open = openAlert(ledger, service, slo);
  const base = { service, slo, at: now, durationMs: null };
  if (!open) {
    if (level === 'none') return { ledger, event: null };
    const record: AlertRecord = { level, peak: level, since: now, rule, quietSince: null };
    const event: AlertEvent = { ...base, kind: 'fired', level, peak: level, since: now, rule };
    return { ledger: withAlert(ledger, service, slo, record), event };
  }
  if (level === 'none') {
    const quietSince = open.quietSince ?? now;
    if (now - quietSince < (options.resolveAfterMs ?? resolveAfterMs(open.rule)))
      return { ledger: withAlert(ledger, service, slo, { ...open, quietSince }), event: null };
    const event: AlertEvent = {
      ...base,
      kind: 'resolved',
      level,
      peak: open.peak,
      since: open.since,
      rule: open.rule,
      durationMs: quietSince - open.since,
    };
    return { ledger: withAlert(ledger, service, slo, undefined), event };
  }
  const escalates = level === 'page' && open.peak === 'ticket';
  const record: AlertRecord = { ...open, level, rule, quietSince: null };
  if (escalates) record.peak = 'page';
  const event: AlertEvent | null = escalates
    ? { ...base, kind: 'escalated', level, peak: 'page', since: open.since, rule }
    : null;
  return { ledger: withAlert(ledger, service, slo, record), event };
}
