/**
 * How bad a verdict is, for annotations, the summary and notifications:
 *
 *   critical  rollback-failed             production may still run the bad release: a human acts now
 *   error     unhealthy, rolled-back,     the deploy failed (rolled back or not), or the gate could
 *             error                       not judge it (bad inputs, failed preflight): unguarded
 *   warning   cancelled                   the run was stopped before a verdict; whoever cancelled knows
 *   info      healthy                     nothing to do
 *
 * The worst severity of a fleet is the fleet's severity.
 */
import type { Verdict } from '../pipeline/run-pipeline.js';

export type Severity = 'critical' | 'error' | 'warning' | 'info';

/** Higher is worse. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  info: 0,
  warning: 1,
  error: 2,
  critical: 3,
};

export function severityOf(verdict: Verdict): Severity {
  switch (verdict) {
    case 'rollback-failed':
      return 'critical';
    case 'unhealthy':
    case 'rolled-back':
    case 'error':
      return 'error';
    case 'cancelled':
      return 'warning';
    case 'healthy':
      return 'info';
  }
}

/** The worst of several severities; `info` for none. */
export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'info';
  for (const s of severities) if (SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  return worst;
}
