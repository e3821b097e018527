/**
 * A month of scheduled monitor runs in injected time: a run every 5 minutes (started up to a
 * minute late, as GitHub's scheduler does), sampling for 1 minute at the default 5 s interval
 * (12 probes), each probe failing with a scenario's probability drawn from a seeded generator.
 * Every run goes through the real addRun → judgeSlo (the rules, their hysteresis, the alert state).
 */
import type { AlertEvent } from '../../src/monitor/alert-state.js';
import { budgetState, type SloObjective } from '../../src/monitor/burn-rate.js';
import { judgeSlo } from '../../src/monitor/judge-slo.js';
import {
  addRun,
  emptyLedger,
  parseLedger,
  serializeLedger,
  type Ledger,
} from '../../src/monitor/slo-ledger.js';
import { Prng } from '../helpers/prng.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 1);
const SLO: SloObjective = { name: 'availability', kind: 'availability', target: 0.999 };
const PROBES_PER_RUN = 12;

/** Seeded (mulberry32), so every case replays exactly from its seed. */
const seeded = (seed: number): (() => number) => {
  const prng = new Prng(seed);
  return () => prng.next();
};

interface Scenario {
  seed: number;
  days: number;
  /** Probability that one probe at this time fails. */
  failure: (at: number) => number;
  /** Scheduled slots skipped (the scheduler dropped them). */
  skipped?: (at: number) => boolean;
}

interface Month {
  ledger: Ledger;
  events: AlertEvent[];
  levels: Set<string>;
  end: number;
  runs: number;
}

function simulate(scenario: Scenario): Month {
  const random = seeded(scenario.seed);
  let ledger = emptyLedger();
  const events: AlertEvent[] = [];
  const levels = new Set<string>();
  let end = START;
  let runs = 0;
  for (let slot = START; slot < START + scenario.days * DAY; slot += 5 * MINUTE) {
    if (scenario.skipped?.(slot)) continue;
    const startedAt = slot + Math.floor(random() * MINUTE);
    const endedAt = startedAt + MINUTE;
    let failed = 0;
    for (let i = 0; i < PROBES_PER_RUN; i++) {
      if (random() < scenario.failure(startedAt + i * 5000)) failed += 1;
    }
    const run = { service: 'shop', startedAt, endedAt, total: PROBES_PER_RUN, failed, slow: {} };
    ledger = addRun(ledger, run, endedAt);
    const step = judgeSlo(ledger, 'shop', SLO, endedAt);
    levels.add(step.level);
    ledger = step.ledger;
    if (step.event) events.push(step.event);
    end = endedAt;
    runs += 1;
  }
  return { ledger, events, levels, end, runs };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('a synthetic month of monitor runs', () => {
  it('never alerts on a steady 99.95 % service (target 99.9 %), and watches all of the month', () => {
    const month = simulate({ seed: 7, days: 31, failure: () => 0.0005 });
    expect(month.events).toEqual([]);
    expect([...month.levels]).toEqual(['none']);
    const budget = budgetState(month.ledger, 'shop', SLO, month.end, 30 * DAY);
    expect(budget.events).toBe(30 * 24 * 12 * PROBES_PER_RUN);
    expect(budget.sliPercent).toBeGreaterThan(99.9);
    expect(budget.remainingPercent).toBeGreaterThan(0);
    expect(budget.gaps).toEqual([]);
    expect(budget.coveragePercent).toBeCloseTo(100, 6);
  });

  it('pages exactly once for a 20-minute total outage and resolves exactly once', () => {
    const outageFrom = START + 12 * DAY + 14 * HOUR;
    const outageTo = outageFrom + 20 * MINUTE;
    const month = simulate({
      seed: 11,
      days: 30,
      failure: (at) => (at >= outageFrom && at < outageTo ? 1 : 0.0005),
    });
    const [fired, resolved, ...rest] = month.events;
    expect(rest).toEqual([]);
    expect(fired).toMatchObject({ kind: 'fired', level: 'page', rule: 'page: 1h and 5m > 14.4' });
    expect(resolved).toMatchObject({ kind: 'resolved', level: 'none', peak: 'page' });
    // Paged by the first run inside the outage (runs start up to a minute late, sample a minute).
    expect(fired!.at - outageFrom).toBeGreaterThan(0);
    expect(fired!.at - outageFrom).toBeLessThanOrEqual(7 * MINUTE);
    // The 6 h window of the last ticket rule carries the outage for about 6 h; the episode then
    // holds that rule's short window (6 h) quiet before it resolves.
    expect(resolved!.durationMs).toBeGreaterThan(5.5 * HOUR);
    expect(resolved!.durationMs).toBeLessThan(6.5 * HOUR);
    expect(resolved!.rule).toBe('ticket: 3d and 6h > 1');
    expect(resolved!.at - resolved!.since - resolved!.durationMs!).toBeGreaterThanOrEqual(6 * HOUR);
    expect(resolved!.at - resolved!.since - resolved!.durationMs!).toBeLessThan(
      6 * HOUR + 6 * MINUTE,
    );
    console.info(
      `20-minute outage from ${iso(outageFrom)}: paged ${iso(fired!.at)}, ` +
        `resolved ${iso(resolved!.at)} (episode ${(resolved!.durationMs! / HOUR).toFixed(2)} h)`,
    );
  });

  it('opens a ticket for a slow 2x burn over days and never pages', () => {
    const burnFrom = START + 10 * DAY;
    const month = simulate({
      seed: 23,
      days: 30,
      failure: (at) => (at >= burnFrom ? 0.002 : 0.0002),
    });
    expect(month.levels.has('page')).toBe(false);
    expect(month.events.some((e) => e.level === 'page' || e.peak === 'page')).toBe(false);
    const fired = month.events.filter((e) => e.kind === 'fired');
    expect(fired.length).toBeGreaterThanOrEqual(1);
    expect(fired[0]).toMatchObject({ level: 'ticket', rule: 'ticket: 3d and 6h > 1' });
    expect(fired[0]!.at).toBeGreaterThan(burnFrom);
    const budget = budgetState(month.ledger, 'shop', SLO, month.end, 30 * DAY);
    expect(budget.consumedPercent).toBeGreaterThan(100);
    console.info(
      `2x burn from ${iso(burnFrom)}: ${fired.length} ticket episode(s), first ${iso(fired[0]!.at)}`,
    );
  });

  it('shows a 3-hour schedule gap as a gap, never as uptime', () => {
    const gapFrom = START + 20 * DAY + 3 * HOUR;
    const gapTo = gapFrom + 3 * HOUR;
    const month = simulate({
      seed: 5,
      days: 31,
      failure: () => 0.0005,
      skipped: (slot) => slot >= gapFrom && slot < gapTo,
    });
    const budget = budgetState(month.ledger, 'shop', SLO, month.end, 30 * DAY);
    expect(budget.gaps).toHaveLength(1);
    const gap = budget.gaps[0]!;
    // From the end of the last run before the gap to the start of the first one after it.
    expect(gap.from).toBeGreaterThan(gapFrom - 5 * MINUTE);
    expect(gap.from).toBeLessThanOrEqual(gapFrom);
    expect(gap.to).toBeGreaterThanOrEqual(gapTo);
    expect(gap.to).toBeLessThan(gapTo + MINUTE);
    expect(budget.coveragePercent).toBeCloseTo(100 * (1 - (gap.to - gap.from) / (30 * DAY)), 6);
    expect(budget.coveragePercent).toBeLessThan(100);
    // Availability is over the sampled events only: 36 runs fewer, none of them counted as good.
    expect(budget.events).toBe((30 * 24 * 12 - 36) * PROBES_PER_RUN);
    expect(budget.sliPercent).toBeCloseTo((1 - budget.badEvents / budget.events) * 100, 10);
    expect(month.events).toEqual([]);
  });

  it('keeps the ledger it wrote readable and small', () => {
    const month = simulate({ seed: 3, days: 31, failure: () => 0.001 });
    const text = serializeLedger(month.ledger);
    expect(parseLedger(text)).toEqual({ ledger: month.ledger });
    expect(text.length).toBeLessThan(50_000);
  });
});
