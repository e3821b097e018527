/**
 * Ledger entries the config no longer names, in simulated time: their alerts resolve once, their
 * history goes once it has aged out, and they never stop a config that fits the ledger from being
 * monitored (the run used to end in addRun's RangeError after its sampling, with no verdict).
 */
import { describe, expect, it } from '@jest/globals';
import { stepAlert } from '../../src/monitor/alert-state.js';
import { alertMessage } from '../../src/monitor/alert-message.js';
import { Redactor } from '../../src/secrets/redact.js';
import { evictionNote, settleRetired } from '../../src/monitor/retired-entries.js';
import { runMonitor, type MonitorService } from '../../src/monitor/run-monitor.js';
import {
  addRun,
  emptyLedger,
  LEDGER_LIMITS,
  serviceLedger,
  type Ledger,
} from '../../src/monitor/slo-ledger.js';
import { ok, scriptedProber } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOW = 30 * DAY;
/** When the stored ledger was last written. */
const SAVED = Date.UTC(2026, 4, 1, 12);
const PAGE_RULE = 'page: 1h and 5m > 14.4';

/** The ledger a scheduled monitor leaves: each entry's one run, written in time order. */
function ledgerOf(runs: ReadonlyArray<{ name: string; end: number }>): Ledger {
  let ledger = emptyLedger();
  for (const { name, end } of [...runs].sort((a, b) => a.end - b.end)) {
    const run = { service: name, startedAt: end - MINUTE, endedAt: end, total: 12, failed: 0 };
    ledger = addRun(ledger, { ...run, slow: {} }, end, { sloWindowMs: WINDOW });
  }
  return ledger;
}

const openPage = (ledger: Ledger, name: string, since: number) =>
  stepAlert(ledger, name, 'availability', 'page', PAGE_RULE, since).ledger;

/** Configured services, each with one healthy URL. */
function services(clock: VirtualClock, names: readonly string[]): MonitorService[] {
  const prober = scriptedProber(clock, () => ok(40));
  return names.map((name) => ({
    name,
    latency: [],
    objectives: [{ name: 'availability', kind: 'availability', target: 0.999 }],
    targets: [
      {
        service: name,
        url: `http://${name}.test/healthz`,
        method: 'GET',
        intervalMs: 5_000,
        timeoutMs: 2_000,
        probe: prober.probe,
      },
    ],
  }));
}

const names = (prefix: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(from + i).padStart(3, '0')}`);

describe('a ledger holding entries of services no longer configured', () => {
  it('fits after their aged-out history is dropped: no crash, nothing else dropped', async () => {
    // Saved a day ago: 150 retired services whose last data is 29.5 days old (still inside the
    // window then, outside it now), 45 retired recently, and 5 services still configured.
    const stale = names('stale', 150);
    const recent = names('recent', 45);
    const kept = names('api', 5);
    const ledger = ledgerOf([
      ...stale.map((name, i) => ({ name, end: SAVED - 29.5 * DAY + i * 1000 })),
      ...recent.map((name, i) => ({ name, end: SAVED - 2 * HOUR + i * 1000 })),
      ...kept.map((name, i) => ({ name, end: SAVED - 5 * MINUTE + i * 1000 })),
    ]);
    expect(Object.keys(ledger.services)).toHaveLength(LEDGER_LIMITS.services);
    // The config keeps the 5 and adds 100: 200 held + 100 new before pruning, 150 after.
    const configured = [...kept, ...names('api', 100, 5)];

    const clock = new VirtualClock(SAVED + DAY);
    const result = await clock.run(
      runMonitor({
        services: services(clock, configured),
        ledger,
        clock,
        observeForMs: MINUTE,
        windowMs: WINDOW,
      }),
    );
    expect(result.evicted).toEqual([]);
    expect(evictionNote(result.evicted)).toBe('');
    expect(Object.keys(result.ledger.services).sort()).toEqual([...configured, ...recent].sort());
    expect(result.services.map((s) => s.counts.total)).toEqual(configured.map(() => 12));
  });

  it('cannot fit: the oldest retired entries make room, their open alerts resolved at once', async () => {
    // 198 retired services, last run one by one a minute apart from two days ago; gone-000 and
    // gone-001 ran last at the same moment (name breaks the tie). 2 services still configured.
    const retired = names('gone', 198);
    const end = (i: number) => SAVED - 2 * DAY + Math.max(i, 1) * MINUTE;
    let ledger = ledgerOf([
      ...retired.map((name, i) => ({ name, end: end(i) })),
      { name: 'api-000', end: SAVED - 5 * MINUTE },
      { name: 'api-001', end: SAVED - 5 * MINUTE },
    ]);
    ledger = openPage(ledger, 'gone-001', SAVED - 3 * HOUR);
    ledger = openPage(ledger, 'gone-100', SAVED - 3 * HOUR);
    const configured = names('api', 5);

    const clock = new VirtualClock(SAVED + 5 * MINUTE);
    const result = await clock.run(
      runMonitor({
        services: services(clock, configured),
        ledger,
        clock,
        observeForMs: MINUTE,
        windowMs: WINDOW,
      }),
    );
    // 200 held + 3 new: the three oldest retired entries go, oldest first.
    expect(result.evicted).toEqual(['gone-000', 'gone-001', 'gone-002']);
    const held = Object.keys(result.ledger.services);
    expect(held).toHaveLength(LEDGER_LIMITS.services);
    expect(held).toEqual(expect.arrayContaining([...configured, ...retired.slice(3)]));
    // The dropped entry's incident ends now; the kept one's is stepped quiet as any retired alert.
    expect(result.retired).toEqual([
      expect.objectContaining({
        service: 'gone-001',
        slo: 'availability',
        kind: 'resolved',
        since: SAVED - 3 * HOUR,
        at: result.endedAt,
        durationMs: result.endedAt - (SAVED - 3 * HOUR),
      }),
    ]);
    expect(serviceLedger(result.ledger, 'gone-100')?.alerts['availability']).toMatchObject({
      quietSince: result.endedAt,
    });
    const message = alertMessage(result, {}, new Redactor());
    expect(message?.text).toBe('deploy-gate monitor: 1 SLO alert change');
    const minutes = Math.round((result.endedAt - (SAVED - 3 * HOUR)) / MINUTE);
    expect(JSON.stringify(message?.blocks[0])).toContain(
      `:white_check_mark: *resolved* gone-001 availability: SLO no longer in the config, closed after ${minutes} min`,
    );
    expect(evictionNote(result.evicted)).toBe(
      'deploy-gate monitor: the ledger holds at most 200 services and endpoint scopes; dropped the history of 3 SLO ledger entries no longer in the config, oldest last run first, to make room for the configured ones: gone-000, gone-001, gone-002 (their open alerts resolved)',
    );
  });
});

describe('settleRetired', () => {
  it('steps a removed service’s alert quiet until it resolves once, then forgets the service once its data ages out', () => {
    let ledger = openPage(ledgerOf([{ name: 'old', end: SAVED - HOUR }]), 'old', SAVED - 2 * HOUR);
    const configured = new Set(['api']);
    const settle = (now: number) => {
      const settled = settleRetired(ledger, configured, now, WINDOW);
      ledger = settled.ledger;
      expect(settled.evicted).toEqual([]);
      return settled.retired.map((e) => `${e.service} ${e.slo} ${e.kind} ${e.durationMs}`);
    };
    expect(settle(SAVED)).toEqual([]);
    expect(settle(SAVED + 29 * MINUTE)).toEqual([]);
    // Quiet for the page rule's hold (30 min): resolved, lasting until its first quiet reading.
    expect(settle(SAVED + 30 * MINUTE)).toEqual([`old availability resolved ${2 * HOUR}`]);
    expect(serviceLedger(ledger, 'old')?.alerts).toEqual({});
    expect(settle(SAVED + 31 * MINUTE)).toEqual([]);
    // Its data still counts inside the window; once past it, the entry is gone.
    expect(Object.keys(ledger.services)).toEqual(['old']);
    expect(settle(SAVED + WINDOW + DAY)).toEqual([]);
    expect(ledger.services).toEqual({});
  });

  it('keeps an entry that holds only an open alert until that alert resolves', () => {
    let ledger = openPage(emptyLedger(), 'old', SAVED);
    ledger = settleRetired(ledger, new Set(), SAVED + WINDOW, WINDOW).ledger;
    expect(Object.keys(ledger.services)).toEqual(['old']);
    const settled = settleRetired(ledger, new Set(), SAVED + WINDOW + HOUR, WINDOW);
    expect(settled.retired.map((e) => e.kind)).toEqual(['resolved']);
    expect(settled.ledger.services).toEqual({});
  });

  it('never drops a configured entry to make room, however old its last run', () => {
    const ledger = ledgerOf(
      names('svc', LEDGER_LIMITS.services).map((name, i) => ({ name, end: SAVED + i })),
    );
    const configured = new Set(names('svc', LEDGER_LIMITS.services));
    const settled = settleRetired(ledger, configured, SAVED + HOUR, WINDOW);
    expect(settled.evicted).toEqual([]);
    expect(settled.ledger).toEqual(ledger);
  });
});

describe('evictionNote', () => {
  it('names the first ten dropped entries and counts the rest', () => {
    const note = evictionNote(names('gone', 13));
    expect(note).toContain('dropped the history of 13 SLO ledger entries');
    expect(note).toContain(
      'gone-000, gone-001, gone-002, gone-003, gone-004, gone-005, gone-006, gone-007, gone-008, gone-009 and 3 more',
    );
    expect(evictionNote(['gone-000'])).toContain('of 1 SLO ledger entry no longer');
  });
});
