import {
  ALERT_RULES,
  ALERT_SEVERITY,
  alertLevel,
  MIN_RESOLVE_AFTER_MS,
  openAlert,
  resolveAfterMs,
  stepAlert,
  type AlertEvent,
  type AlertLevel,
} from '../../src/monitor/alert-state.js';
import type { BurnRates } from '../../src/monitor/burn-rate.js';
import {
  emptyLedger,
  parseLedger,
  serializeLedger,
  type Ledger,
} from '../../src/monitor/slo-ledger.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 2, 1);
const calm: BurnRates = {
  '5m': 0,
  '30m': 0,
  '1h': 0,
  '2h': 0,
  '6h': 0,
  '1d': 0,
  '3d': 0,
};

describe('alertLevel', () => {
  it.each([
    [{ '1h': 15, '5m': 15 }, 'page', 'page: 1h and 5m > 14.4'],
    [{ '6h': 7, '30m': 7 }, 'page', 'page: 6h and 30m > 6'],
    [{ '1d': 3.5, '2h': 3.5 }, 'ticket', 'ticket: 1d and 2h > 3'],
    [{ '3d': 1.2, '6h': 1.2 }, 'ticket', 'ticket: 3d and 6h > 1'],
    [{ '1h': 15, '5m': 14.4 }, 'none', null],
    [{ '1h': 100, '5m': null }, 'none', null],
    [{ '3d': 2, '6h': 7, '30m': 7 }, 'page', 'page: 6h and 30m > 6'],
  ])('%j -> %s', (rates, level, rule) => {
    expect(alertLevel({ ...calm, ...rates })).toEqual({ level, rule });
  });

  it('maps levels to severities and spends the workbook budget shares', () => {
    expect(ALERT_SEVERITY.page).toEqual({ severity: 'critical', priority: 'P1' });
    expect(ALERT_SEVERITY.ticket).toEqual({ severity: 'warning', priority: 'P3' });
    // burn × long window / 30 days is the budget share each rule names.
    const hours: Record<string, number> = { '1h': 1, '6h': 6, '1d': 24, '3d': 72 };
    for (const r of ALERT_RULES)
      expect((r.burnRate * hours[r.long]!) / (30 * 24)).toBeCloseTo(r.budgetSpentPercent / 100, 3);
  });
});

/** Feeds levels one per 5-minute run; returns the events and the final ledger. */
function feed(levels: AlertLevel[], start = T0): { events: AlertEvent[]; ledger: Ledger } {
  let ledger = emptyLedger();
  const events: AlertEvent[] = [];
  levels.forEach((level, i) => {
    const rule = ALERT_RULES.find((r) => r.level === level)?.name ?? null;
    const step = stepAlert(ledger, 'shop', 'availability', level, rule, start + i * 5 * MINUTE);
    ledger = step.ledger;
    if (step.event) events.push(step.event);
  });
  return { events, ledger };
}

const quiet = (minutes: number): AlertLevel[] => Array(minutes / 5).fill('none');

describe('stepAlert', () => {
  it('fires once when an episode starts and says nothing while it lasts', () => {
    const { events, ledger } = feed(['none', 'page', 'page', 'page']);
    expect(events).toEqual([
      {
        kind: 'fired',
        level: 'page',
        peak: 'page',
        service: 'shop',
        slo: 'availability',
        since: T0 + 5 * MINUTE,
        at: T0 + 5 * MINUTE,
        rule: 'page: 1h and 5m > 14.4',
        durationMs: null,
      },
    ]);
    expect(openAlert(ledger, 'shop', 'availability')).toMatchObject({
      level: 'page',
      since: T0 + 5 * MINUTE,
    });
  });

  it('escalates once from ticket to page and stays quiet when a page eases back', () => {
    const { events } = feed(['ticket', 'ticket', 'page', 'ticket', 'page', 'ticket']);
    expect(events.map((e) => [e.kind, e.level, e.since])).toEqual([
      ['fired', 'ticket', T0],
      ['escalated', 'page', T0],
    ]);
  });

  it('resolves once after the quiet hold, with the duration to the first quiet reading', () => {
    // A page rule's short window is 5m, so the hold is the 30-minute floor.
    expect(resolveAfterMs('page: 1h and 5m > 14.4')).toBe(MIN_RESOLVE_AFTER_MS);
    const { events, ledger } = feed(['page', 'page', ...quiet(30), 'none', 'none']);
    const resolved = events[1]!;
    expect(events).toHaveLength(2);
    expect(resolved).toMatchObject({ kind: 'resolved', level: 'none', peak: 'page', since: T0 });
    expect(resolved.durationMs).toBe(10 * MINUTE);
    expect(resolved.at).toBe(T0 + 10 * MINUTE + 30 * MINUTE);
    expect(openAlert(ledger, 'shop', 'availability')).toBeUndefined();
  });

  it('keeps a ticket that flaps inside its hold (the rule short window) as one episode', () => {
    expect(resolveAfterMs('ticket: 3d and 6h > 1')).toBe(6 * HOUR);
    expect(resolveAfterMs('ticket: 1d and 2h > 3')).toBe(2 * HOUR);
    const flapping: AlertLevel[] = [];
    for (let i = 0; i < 5; i++) flapping.push('ticket', 'ticket', ...quiet(90));
    const { events } = feed([...flapping, ...quiet(2 * 60)]);
    expect(events.map((e) => e.kind)).toEqual(['fired', 'resolved']);
    expect(events[1]!.durationMs).toBe(4 * (10 + 90) * MINUTE + 10 * MINUTE);
  });

  it('leaves the ledger passed in unchanged and keeps an open episode across parse/serialize', () => {
    const before = emptyLedger();
    const fired = stepAlert(before, 'shop', 'availability', 'ticket', 'ticket: 1d and 2h > 3', T0);
    expect(before).toEqual(emptyLedger());
    const reread = parseLedger(serializeLedger(fired.ledger));
    expect(reread.problem).toBeUndefined();
    const again = stepAlert(
      reread.ledger,
      'shop',
      'availability',
      'ticket',
      'ticket: 1d and 2h > 3',
      T0 + 5 * MINUTE,
    );
    expect(again.event).toBeNull();
    expect(stepAlert(emptyLedger(), 'shop', 'constructor', 'none', null, T0).event).toBeNull();
  });
});
