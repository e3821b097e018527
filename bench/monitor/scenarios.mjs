// The cells of the monitor-alert benchmark. Each cell is one service behaviour at one availability
// target; a trial is one simulated month (or, for outages, the stretch from the start of the
// history to three days after the outage). Cells hold only data, so a worker can find them by id.
import { DAY, HOUR, MINUTE, START } from './month.mjs';

/** A healthy background: half the 99.9 % error budget. */
const HEALTHY = 0.0005;
/** GitHub's scheduler under load: some runs dropped, some started late. */
export const GITHUB_LOAD = { drop: 0.05, delay: { share: 0.25, maxMs: 15 * MINUTE } };

const pct = (x) => `${+(x * 100).toFixed(3)} %`;

function steady(target, share) {
  const rate = share * (1 - target);
  return {
    id: `steady-${target}-${share}`,
    group: 'steady',
    label: `steady ${pct(rate)} errors (${share === 1 ? 'at' : `${share}×`} budget)`,
    target,
    rate,
    days: 30,
  };
}

/** A total (rate 1) or partial outage starting at a random time in the 8th day. */
function outage(minutes, rate, extra = {}) {
  return {
    id: `outage-${minutes}m-${rate}${extra.load ? '-load' : ''}`,
    group: 'outage',
    label:
      (rate === 1 ? `total outage, ${minutes} min` : `${pct(rate)} errors for ${minutes / 60} h`) +
      (extra.load ? ', scheduler under load' : ''),
    target: 0.999,
    rate: HEALTHY,
    outage: { minutes, rate },
    load: extra.load ?? false,
  };
}

function burn(factor, fromDay) {
  return {
    id: `burn-${factor}x-day${fromDay}`,
    group: 'burn',
    label: `${factor}× burn (${pct(factor * 0.001)}) from day ${fromDay}`,
    target: 0.999,
    rate: HEALTHY,
    burn: { rate: factor * 0.001, fromMs: fromDay * DAY },
    days: 30,
  };
}

export const CELLS = [
  steady(0.999, 0.5),
  steady(0.999, 1),
  steady(0.99, 0.5),
  steady(0.99, 1),
  steady(0.9995, 0.5),
  steady(0.9995, 1),
  outage(5, 1),
  outage(20, 1),
  outage(60, 1),
  outage(60, 0.1),
  outage(20, 1, { load: true }),
  burn(2, 10),
  burn(5, 10),
  burn(2, 0),
  {
    ...steady(0.999, 0.5),
    id: 'load-steady',
    group: 'load',
    label: `steady ${pct(HEALTHY)} errors, scheduler under load`,
    load: true,
  },
];

export const cellById = (id) => CELLS.find((c) => c.id === id);

/**
 * One trial's plan: the failure probability over time, the stretch simulated and the marks the
 * analysis measures from (outage or burn start and end, ms). `random` draws the outage start.
 */
export function plan(cell, random) {
  if (cell.outage) {
    const from = START + 7 * DAY + Math.floor(random() * DAY);
    const to = from + cell.outage.minutes * MINUTE;
    const failure = (at) => (at >= from && at < to ? cell.outage.rate : cell.rate);
    return { failure, from, to, simulateTo: to + 3 * DAY };
  }
  if (cell.burn) {
    const from = START + cell.burn.fromMs;
    const failure = (at) => (at >= from ? cell.burn.rate : cell.rate);
    return { failure, from, to: null, simulateTo: START + cell.days * DAY };
  }
  return { failure: () => cell.rate, from: null, to: null, simulateTo: START + cell.days * DAY };
}

export const RESOLVE_LOOKAHEAD_MS = 3 * DAY;
export const DETECTION_SLACK_MS = HOUR;
