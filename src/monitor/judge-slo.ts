/**
 * One SLO after one run, as the alert rules judge it: the plain burn rates (reported), the level
 * the rules give on their noise-proof lower bounds (burn-rate.ts), and the episode stepped. Pure;
 * run-monitor.ts, the synthetic-month test and the alert benchmark all call it.
 */
import { alertLevel, stepAlert, type AlertEvent, type AlertLevel } from './alert-state.js';
import { alertingBurnRates, burnRates, type BurnRates, type SloObjective } from './burn-rate.js';
import type { Ledger } from './slo-ledger.js';

const LEVELS: readonly AlertLevel[] = ['none', 'ticket', 'page'];
export const higherLevel = (a: AlertLevel, b: AlertLevel): AlertLevel =>
  LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;

export interface SloJudgement {
  rates: BurnRates;
  level: AlertLevel;
  rule: string | null;
  event: AlertEvent | null;
  ledger: Ledger;
}

export function judgeSlo(
  ledger: Ledger,
  service: string,
  objective: SloObjective,
  now: number,
): SloJudgement {
  const rates = burnRates(ledger, service, objective, now);
  const { level, rule } = alertLevel(alertingBurnRates(ledger, service, objective, now));
  const stepped = stepAlert(ledger, service, objective.name, level, rule, now);
  return { rates, level, rule, event: stepped.event, ledger: stepped.ledger };
}
