import {
  addRun,
  emptyLedger,
  FINE_BUCKET_MS,
  gapThresholdMs,
  LEDGER_LIMITS,
  pruneLedger,
  serviceLedger,
} from '../../src/monitor/slo-ledger.js';
import { sampleRun, T0 } from '../helpers/ledger-runs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const run = sampleRun;

describe('addRun', () => {
  it('puts a run shorter than a bucket whole in the bucket of its end, leaving the input alone', () => {
    const before = emptyLedger();
    // Starts 30 s before a 5-minute boundary and ends after it: one bucket, its end's (the one the
    // 5-minute alert window read at the run's end holds).
    const start = T0 + 5 * MINUTE - 30_000;
    const after = addRun(
      before,
      run({ startedAt: start, endedAt: start + MINUTE }),
      start + MINUTE,
    );
    expect(before).toEqual(emptyLedger());
    const svc = serviceLedger(after, 'shop')!;
    expect(svc.objectives).toEqual(['p95<500ms']);
    expect(svc.fine).toEqual([[Math.floor((start + MINUTE) / FINE_BUCKET_MS), 12, 1, 2]]);
    expect(svc.runs).toEqual({
      lastStart: start,
      lastEnd: start + MINUTE,
      spacings: [],
      covered: [[start, start + MINUTE]],
    });
  });

  it('spreads a long run over the buckets it spans by time, keeping every total', () => {
    const long = run({
      startedAt: T0,
      endedAt: T0 + 17 * MINUTE,
      total: 103,
      failed: 37,
      slow: { 'p95<500ms': 101 },
    });
    const svc = serviceLedger(addRun(emptyLedger(), long, long.endedAt), 'shop')!;
    const first = T0 / FINE_BUCKET_MS;
    expect(svc.fine.map((r) => r[0])).toEqual([first, first + 1, first + 2, first + 3]);
    // 5, 5, 5 and 2 minutes of 17: 30, 31, 30, 12 (cumulative rounding).
    expect(svc.fine.map((r) => r[1])).toEqual([30, 31, 30, 12]);
    const sum = (k: number) => svc.fine.reduce((s, r) => s + r[k]!, 0);
    expect([sum(1), sum(2), sum(3)]).toEqual([103, 37, 101]);
    for (const row of svc.fine) {
      expect(row[2]).toBeLessThanOrEqual(row[1]!);
      expect(row[3]).toBeLessThanOrEqual(row[1]!);
    }
  });

  it('moves whole hours to hourly buckets after 6 h and drops data older than the SLO window', () => {
    let ledger = emptyLedger();
    for (let t = T0; t < T0 + 8 * HOUR; t += 5 * MINUTE)
      ledger = addRun(ledger, run({ startedAt: t, endedAt: t + MINUTE }), t + MINUTE);
    let svc = serviceLedger(ledger, 'shop')!;
    // Now is in hour 7: hours 1..7 stay fine (6 whole hours + the current), hour 0 is coarse.
    expect(svc.coarse).toEqual([[T0 / HOUR, 144, 12, 24]]);
    expect(svc.fine).toHaveLength(7 * 12);
    expect(svc.fine[0]![0]).toBe((T0 + HOUR) / FINE_BUCKET_MS);

    const later = T0 + 31 * DAY;
    ledger = addRun(ledger, run({ startedAt: later, endedAt: later + MINUTE }), later + MINUTE);
    svc = serviceLedger(ledger, 'shop')!;
    expect(svc.coarse).toEqual([]);
    expect(svc.fine).toEqual([[later / FINE_BUCKET_MS, 12, 1, 2]]);
    expect(svc.runs!.covered).toEqual([[later, later + MINUTE]]);
    // A shorter SLO window still keeps the 3 d the longest alert window needs.
    const kept = addRun(
      ledger,
      run({ startedAt: later - 2 * DAY, endedAt: later - 2 * DAY + MINUTE }),
      later + MINUTE,
      { sloWindowMs: DAY },
    );
    expect(serviceLedger(kept, 'shop')!.coarse).toHaveLength(1);
  });

  it('keeps rows short where an objective was not yet measured', () => {
    const first = addRun(emptyLedger(), run({ slow: {} }), T0 + 90_000);
    const second = addRun(
      first,
      run({ startedAt: T0 + HOUR, endedAt: T0 + HOUR + MINUTE }),
      T0 + HOUR + MINUTE,
    );
    const svc = serviceLedger(second, 'shop')!;
    expect(svc.fine.map((r) => r.length)).toEqual([3, 4]);
  });

  it('marks a silence longer than twice the usual spacing as a gap', () => {
    let ledger = emptyLedger();
    const starts = [0, 5, 10, 15, 20, 25, 60, 65].map((m) => T0 + m * MINUTE);
    for (const s of starts)
      ledger = addRun(ledger, run({ startedAt: s, endedAt: s + MINUTE }), s + MINUTE);
    const runs = serviceLedger(ledger, 'shop')!.runs!;
    expect(runs.covered).toEqual([
      [T0, T0 + 26 * MINUTE],
      [T0 + 60 * MINUTE, T0 + 66 * MINUTE],
    ]);
    expect(runs.spacings).toEqual([300, 300, 300, 300, 300, 2100, 300]);
    expect(gapThresholdMs(runs.spacings)).toBe(10 * MINUTE);
    expect(gapThresholdMs([300, 300])).toBe(HOUR);
  });

  it('records the monitor that wrote the entry, the latest writer’s', () => {
    const first = addRun(emptyLedger(), run(), T0 + 2 * MINUTE, { owner: 'a.yml (url inputs)' });
    expect(serviceLedger(first, 'shop')?.owner).toBe('a.yml (url inputs)');
    const later = run({ startedAt: T0 + 5 * MINUTE, endedAt: T0 + 6 * MINUTE });
    const second = addRun(first, later, T0 + 6 * MINUTE, { owner: 'b.yml (url inputs)' });
    expect(serviceLedger(second, 'shop')?.owner).toBe('b.yml (url inputs)');
    // A caller that names no owner leaves the recorded one alone.
    const third = addRun(
      second,
      run({ startedAt: T0 + 10 * MINUTE, endedAt: T0 + 11 * MINUTE }),
      T0 + 11 * MINUTE,
    );
    expect(serviceLedger(third, 'shop')?.owner).toBe('b.yml (url inputs)');
  });

  it('refuses counts no run can produce, naming them', () => {
    expect(() => addRun(emptyLedger(), run({ failed: 13 }), T0)).toThrow('failed 13 of total 12');
    expect(() => addRun(emptyLedger(), run({ endedAt: T0 }), T0)).toThrow(
      'is not an epoch-ms span',
    );
    expect(() => addRun(emptyLedger(), run({ service: '../x' }), T0)).toThrow('service name');
    expect(() => addRun(emptyLedger(), run({ slow: { 'p95<1s': 20 } }), T0)).toThrow(
      'slow 20 for p95<1s',
    );
  });
});

describe('the limit on entries', () => {
  /** A full ledger: one run per service, the last ones ending at T0. */
  const full = () => {
    let ledger = emptyLedger();
    for (let i = 0; i < LEDGER_LIMITS.services; i += 1) {
      const end = T0 - (LEDGER_LIMITS.services - i) * 1000;
      ledger = addRun(
        ledger,
        run({ service: `s${i}`, startedAt: end - MINUTE, endedAt: end }),
        end,
      );
    }
    return ledger;
  };

  it('counts only the entries left once data older than the SLO window is dropped', () => {
    const ledger = full();
    // Within the window a new entry has no room.
    expect(() => addRun(ledger, run({ service: 'new' }), T0 + MINUTE)).toThrow(
      'addRun: the ledger already holds 200 services',
    );
    // 30 days on, every entry holds nothing inside the window: all make way.
    const later = T0 + 31 * DAY;
    const next = addRun(
      ledger,
      run({ service: 'new', startedAt: later - MINUTE, endedAt: later }),
      later,
    );
    expect(Object.keys(next.services)).toEqual(['new']);
    expect(pruneLedger(ledger, later)).toEqual(emptyLedger());
    // A shorter SLO window (at least the 3-day alert window) ages them out sooner.
    expect(pruneLedger(ledger, T0 + 4 * DAY, { sloWindowMs: DAY }).services).toEqual({});
    expect(Object.keys(pruneLedger(ledger, T0 + 4 * DAY).services)).toHaveLength(200);
  });
});
