import {
  alertingBurnRates,
  budgetState,
  burnRates,
  MAX_GAPS_LISTED,
  type SloObjective,
} from '../../src/monitor/burn-rate.js';
import { addRun, emptyLedger, type Ledger } from '../../src/monitor/slo-ledger.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 1);
const AVAILABILITY: SloObjective = { name: 'availability', kind: 'availability', target: 0.999 };
const LATENCY: SloObjective = {
  name: 'p95',
  kind: 'latency',
  target: 0.99,
  objective: 'p95<500ms',
};

/** Runs every 5 minutes from `from` for `count` runs, each 1 minute, 100 probes. */
function runs(ledger: Ledger, from: number, count: number, failed: (i: number) => number): Ledger {
  for (let i = 0; i < count; i++) {
    const startedAt = from + i * 5 * MINUTE;
    const run = {
      service: 'shop',
      startedAt,
      endedAt: startedAt + MINUTE,
      total: 100,
      failed: failed(i),
      slow: { 'p95<500ms': 1 },
    };
    ledger = addRun(ledger, run, startedAt + MINUTE);
  }
  return ledger;
}

describe('burnRates', () => {
  it('is the window error ratio over the budget, at bucket grain, null without events', () => {
    // 4 days of runs; the last run (its own 5-minute bucket) had 5 of 100 failed.
    const count = 4 * 288;
    const ledger = runs(emptyLedger(), T0, count, (i) => (i === count - 1 ? 5 : 0));
    const now = T0 + (count - 1) * 5 * MINUTE + MINUTE;
    const rates = burnRates(ledger, 'shop', AVAILABILITY, now);
    expect(rates['5m']).toBeCloseTo(5 / 100 / 0.001, 9);
    expect(rates['30m']).toBeCloseTo(5 / 600 / 0.001, 9);
    expect(rates['1h']).toBeCloseTo(5 / 1200 / 0.001, 9);
    expect(rates['6h']).toBeCloseTo(5 / 7200 / 0.001, 9);
    // Hour grain: the current hour (12 runs, as `now` is in its last bucket) and 23 before it.
    expect(rates['1d']).toBeCloseTo(5 / 28800 / 0.001, 9);
    expect(rates['3d']).toBeCloseTo(5 / 86400 / 0.001, 9);
    expect(burnRates(ledger, 'shop', LATENCY, now)['1h']).toBeCloseTo(0.01 / 0.01, 9);
    expect(burnRates(ledger, 'nobody', AVAILABILITY, now)['5m']).toBeNull();
    expect(burnRates(ledger, 'shop', { ...LATENCY, objective: 'p99<1s' }, now)['1h']).toBeNull();
    // An hour later with no runs: the short windows are empty, not perfect.
    expect(burnRates(ledger, 'shop', AVAILABILITY, now + HOUR)['1h']).toBeNull();
  });

  it('refuses a target without an error budget', () => {
    expect(() => burnRates(emptyLedger(), 'shop', { ...AVAILABILITY, target: 1 }, T0)).toThrow(
      'target 1 leaves no error budget',
    );
  });
});

describe('alertingBurnRates', () => {
  it('pages on the first run of a total outage but not on one failed probe', () => {
    const steady = runs(emptyLedger(), T0, 300, () => 0);
    const at = T0 + 300 * 5 * MINUTE;
    const down = addRun(
      steady,
      { service: 'shop', startedAt: at, endedAt: at + MINUTE, total: 100, failed: 100, slow: {} },
      at + MINUTE,
    );
    expect(alertingBurnRates(down, 'shop', AVAILABILITY, at + MINUTE)['5m']).toBeGreaterThan(900);
    expect(alertingBurnRates(down, 'shop', AVAILABILITY, at + MINUTE)['1h']).toBeGreaterThan(14.4);
    const blip = addRun(
      steady,
      { service: 'shop', startedAt: at, endedAt: at + MINUTE, total: 100, failed: 1, slow: {} },
      at + MINUTE,
    );
    // 1 of 100: a plain 10x burn on 5m; its lower bound (0.18 %) is under 2x.
    expect(burnRates(blip, 'shop', AVAILABILITY, at + MINUTE)['5m']).toBeCloseTo(10, 9);
    expect(alertingBurnRates(blip, 'shop', AVAILABILITY, at + MINUTE)['5m']).toBeLessThan(2);
  });

  it('weighs a window by the share of it the monitor watched', () => {
    const young = runs(emptyLedger(), T0, 12, (i) => (i === 11 ? 50 : 0));
    const now = T0 + 11 * 5 * MINUTE + MINUTE;
    const plain = burnRates(young, 'shop', AVAILABILITY, now);
    const judged = alertingBurnRates(young, 'shop', AVAILABILITY, now);
    expect(plain['3d']).toBeCloseTo(plain['1h']!, 9);
    expect(judged['3d']! / judged['1h']!).toBeCloseTo(HOUR / (3 * DAY), 2);
  });
});

describe('budgetState', () => {
  it('gives the budget in minutes and percent, traffic-weighted over the window', () => {
    const ledger = runs(emptyLedger(), T0, 30 * 288, (i) => (i % 100 === 0 ? 2 : 0));
    const now = T0 + 30 * DAY - 4 * MINUTE; // the last run's end: the window's 720 hours hold every run
    const state = budgetState(ledger, 'shop', AVAILABILITY, now, 30 * DAY);
    expect(state.budgetMinutes).toBeCloseTo(43.2, 9);
    expect(state.events).toBe(30 * 288 * 100);
    expect(state.badEvents).toBe(87 * 2);
    const ratio = 174 / 864000;
    expect(state.sliPercent).toBeCloseTo((1 - ratio) * 100, 9);
    expect(state.consumedPercent).toBeCloseTo((ratio / 0.001) * 100, 9);
    expect(state.remainingPercent).toBeCloseTo(((0.001 - ratio) / 0.001) * 100, 9);
    expect(state.consumedMinutes).toBeCloseTo((ratio / 0.001) * 43.2, 9);
    expect(state.gaps).toEqual([]);
    // The window opens 4 minutes before the first run: not watched, not a schedule gap either.
    expect(state.watchedFrom).toBe(T0);
    expect(state.coveragePercent).toBeCloseTo(100 * (1 - (4 * MINUTE) / (30 * DAY)), 9);
  });

  it('lists gaps, merged and capped, counts none as uptime, and shows a silence running now', () => {
    let ledger = emptyLedger();
    // 25 bursts of an hour of runs, each followed by 2 silent hours.
    for (let b = 0; b < 25; b++) ledger = runs(ledger, T0 + b * 3 * HOUR, 12, () => 0);
    const lastEnd = T0 + 24 * 3 * HOUR + 55 * MINUTE + MINUTE;
    const now = lastEnd + 5 * HOUR;
    const state = budgetState(ledger, 'shop', AVAILABILITY, now, 30 * DAY);
    expect(state.gaps).toHaveLength(MAX_GAPS_LISTED);
    expect(state.gapsOmitted).toBe(25 - MAX_GAPS_LISTED);
    expect(state.gaps[MAX_GAPS_LISTED - 1]).toEqual({ from: lastEnd, to: now });
    expect(state.gaps[0]!.to - state.gaps[0]!.from).toBe(2 * HOUR + 4 * MINUTE);
    expect(state.watchedFrom).toBe(T0);
    expect(state.coveragePercent).toBeCloseTo(((25 * 56 * MINUTE) / (30 * DAY)) * 100, 9);
    expect(state.events).toBe(25 * 12 * 100);
    expect(state.sliPercent).toBe(100);
    const none = budgetState(emptyLedger(), 'shop', AVAILABILITY, now, 30 * DAY);
    expect(none).toMatchObject({
      events: 0,
      sliPercent: null,
      remainingPercent: null,
      coveragePercent: 0,
      gaps: [],
    });
  });
});
