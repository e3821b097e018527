/**
 * The fleet's `reason` output, word for word for each of its shapes: a one-service file speaks for
 * its service alone, an all-healthy fleet is counted, and otherwise the counts come worst first
 * followed by the first service (in the file's order) with the worst verdict.
 */
import type { Outcome, Verdict } from '../../src/service/run-pipeline.js';
import { fleetReason, worstVerdict, type FleetEntry } from '../../src/summary/fleet.js';

const T0 = Date.UTC(2025, 0, 1);

function entry(name: string, verdict: Verdict, reason: string): FleetEntry {
  const outcome: Outcome = { verdict, reason, startedAt: T0, endedAt: T0 + 9000 };
  return { name, outcome, summary: `### ${name}\n` };
}

describe('fleetReason', () => {
  it('gives a fleet of one service that service’s own reason, without counts', () => {
    expect(fleetReason([entry('web', 'unhealthy', 'no 3 consecutive successes within 10s')])).toBe(
      'web: no 3 consecutive successes within 10s',
    );
    // Healthy too: its reason, not "all 1 services healthy".
    expect(fleetReason([entry('api', 'healthy', 'every rule passed')])).toBe(
      'api: every rule passed',
    );
  });

  it('counts an all-healthy fleet', () => {
    expect(
      fleetReason([
        entry('api', 'healthy', 'every rule passed'),
        entry('web', 'healthy', 'every rule passed'),
        entry('db', 'healthy', 'every rule passed'),
      ]),
    ).toBe('all 3 services healthy');
  });

  it('counts the verdicts worst first, then names the first service with the worst one', () => {
    expect(
      fleetReason([
        entry('api', 'healthy', 'every rule passed'),
        entry('web', 'unhealthy', 'error rate 12% > 5%'),
        entry('jobs', 'rolled-back', 'p95 900 ms > 500 ms; rolled back to v41'),
        entry('db', 'rollback-failed', 'flyctl exited 1; release v42 still serves'),
        entry('cache', 'unhealthy', 'no 3 consecutive successes within 10s'),
        entry('queue', 'rollback-failed', 'no earlier release to roll back to'),
      ]),
    ).toBe(
      '2 rollback-failed, 2 unhealthy, 1 rolled-back, 1 healthy; db: flyctl exited 1; release v42 still serves',
    );
  });

  it('names a cancelled service when nothing worse happened', () => {
    expect(
      fleetReason([
        entry('api', 'healthy', 'every rule passed'),
        entry('web', 'cancelled', 'the run was cancelled after 40 s'),
        entry('db', 'healthy', 'every rule passed'),
      ]),
    ).toBe('1 cancelled, 2 healthy; web: the run was cancelled after 40 s');
  });
});

describe('worstVerdict', () => {
  it('ranks a human’s action first and healthy last, healthy for no verdict at all', () => {
    expect(worstVerdict(['healthy', 'error', 'rollback-failed', 'unhealthy'])).toBe(
      'rollback-failed',
    );
    expect(worstVerdict(['rolled-back', 'error', 'cancelled'])).toBe('error');
    expect(worstVerdict(['healthy', 'cancelled'])).toBe('cancelled');
    expect(worstVerdict([])).toBe('healthy');
  });
});
