/**
 * How bad a verdict is, for annotations, the summary and notifications:
 *
 *   critical  rollback-failed             production may still run the bad release: a human acts now
 *   error     unhealthy, rolled-back,     the deploy failed (rolled back or not), or the gate could
 *             error                       not judge it (bad inputs, failed preflight): unguarded
 *   warning   cancelled                   the run was stopped before a verdict; whoever cancelled knows
 *   info      healthy                     nothing to do
 */
import type { Verdict } from '../service/run-pipeline.js';

export type Severity = 'critical' | 'error' | 'warning' | 'info';

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
