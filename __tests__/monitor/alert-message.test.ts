/**
 * The webhook message of a monitor run: an alert that ends because its SLO left the config is
 * announced as resolved, worded as any resolved alert, once.
 */
import { describe, expect, it } from '@jest/globals';
import type { AlertEvent } from '../../src/monitor/alert-state.js';
import { alertMessage } from '../../src/monitor/alert-message.js';
import type { BudgetState } from '../../src/monitor/burn-rate.js';
import type { RetiredAlert } from '../../src/monitor/retired-entries.js';
import type { ServiceState, SloState } from '../../src/monitor/run-monitor.js';
import { Redactor } from '../../src/secrets/redact.js';

const T = Date.UTC(2026, 4, 1, 12);
const MINUTE = 60_000;

const resolved = (service: string, slo: string, minutes: number): AlertEvent => ({
  kind: 'resolved',
  level: 'none',
  peak: 'page',
  service,
  slo,
  since: T - minutes * MINUTE,
  at: T,
  rule: 'page: 1h and 5m > 14.4',
  durationMs: (minutes - 30) * MINUTE,
});

/** An alert closed because its SLO left the config (`removed`) or the ledger (`evicted`). */
const retiredAlert = (
  service: string,
  slo: string,
  minutes: number,
  reason: RetiredAlert['reason'] = 'removed',
): RetiredAlert => ({ ...resolved(service, slo, minutes), reason });

const budget: BudgetState = {
  windowMs: 30 * 24 * 60 * MINUTE,
  events: 1000,
  badEvents: 1,
  sliPercent: 99.9,
  budgetMinutes: 43.2,
  consumedMinutes: 43.2,
  consumedPercent: 100,
  remainingPercent: 0,
  coveragePercent: 100,
  gaps: [],
  gapsOmitted: 0,
  watchedFrom: T - 30 * 24 * 60 * MINUTE,
};

/** `api`: its availability resolved in this run, and the alert of its retired search scope. */
function api(retired: RetiredAlert[]): ServiceState {
  const availability: SloState = {
    entry: 'api',
    objective: { name: 'availability', kind: 'availability', target: 0.999 },
    budget,
    rates: { '5m': 0, '30m': 0, '1h': 0, '2h': 0, '6h': 0, '1d': 0, '3d': 0 },
    level: 'none',
    rule: null,
    event: resolved('api', 'availability', 45),
  };
  return {
    name: 'api',
    urls: ['https://api.example.test/healthz'],
    counts: { service: 'api', startedAt: T - MINUTE, endedAt: T, total: 12, failed: 0, slow: {} },
    slos: [availability],
    alert: 'none',
    evidence: [],
    runbookUrl: 'https://runbooks.example.test/api',
    retired,
  };
}

const lines = (message: ReturnType<typeof alertMessage>) => {
  const block = message?.blocks[0] as { text: { text: string } } | undefined;
  return block?.text.text.split('\n') ?? [];
};

describe('alertMessage with alerts of SLOs no longer configured', () => {
  it('says each one resolved, and why, for a dropped scope, a removed service and an evicted one', () => {
    const message = alertMessage(
      {
        services: [api([retiredAlert('api/search', 'search p90<500ms', 95)])],
        retired: [
          retiredAlert('billing', 'availability', 120),
          retiredAlert('shop', 'availability', 30, 'evicted'),
        ],
      },
      {},
      new Redactor(),
    );
    expect(message?.text).toBe('deploy-gate monitor: 4 SLO alert changes');
    expect(lines(message)).toEqual([
      ':white_check_mark: *resolved* api availability: burn back under the limits after 45 min; budget left 0 % (0 of 43.2 min)',
      ':white_check_mark: *resolved* api/search search p90&lt;500ms: SLO no longer in the config, closed after 95 min',
      ':white_check_mark: *resolved* billing availability: SLO no longer in the config, closed after 120 min',
      ':white_check_mark: *resolved* shop availability: SLO no longer in the config, dropped from the ledger to make room, closed after 30 min',
    ]);
  });

  it('sends a message for a retired alert alone, with its service’s runbook', () => {
    const service = { ...api([retiredAlert('api/search', 'search p90<500ms', 95)]) };
    service.slos = [{ ...(service.slos[0] as SloState), event: null }];
    const message = alertMessage({ services: [service], retired: [] }, {}, new Redactor());
    expect(message?.text).toBe('deploy-gate monitor: 1 SLO alert change');
    expect(JSON.stringify(message?.blocks[1])).toContain(
      'https://runbooks.example.test/api|Runbook',
    );
  });

  it('shows a ledger file’s control characters as escapes, never as a line of their own', () => {
    const message = alertMessage(
      { services: [], retired: [retiredAlert('billing', 'avail\nability', 60)] },
      {},
      new Redactor(),
    );
    expect(lines(message)).toEqual([
      ':white_check_mark: *resolved* billing avail\\nability: SLO no longer in the config, closed after 60 min',
    ]);
  });

  it('sends nothing when no alert changed', () => {
    const service = api([]);
    service.slos = [{ ...(service.slos[0] as SloState), event: null }];
    expect(alertMessage({ services: [service], retired: [] }, {}, new Redactor())).toBeUndefined();
  });
});
