// Runs a chunk of trials of one cell. Three seeded streams per trial (the outage start, the
// schedule, the probes), so a trial replays exactly whatever chunk or worker runs it.
import { prng } from '../decision/sim-clock.mjs';
import { START, schedule, simulateMonth } from './month.mjs';
import { GITHUB_LOAD, cellById, plan } from './scenarios.mjs';

const seedOf = (text, trial) => {
  let h = 2166136261;
  for (const ch of `${text}#${trial}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
};

export function trial(cell, index) {
  const p = plan(cell, prng(seedOf(`${cell.id}/plan`, index)));
  const starts = schedule(
    prng(seedOf(`${cell.id}/schedule`, index)),
    START,
    p.simulateTo,
    cell.load ? GITHUB_LOAD : {},
  );
  const slo = { name: 'availability', kind: 'availability', target: cell.target };
  const month = simulateMonth({
    random: prng(seedOf(`${cell.id}/probes`, index)),
    slo,
    starts,
    failure: p.failure,
    coverage: cell.load === true,
  });
  return { ...month, from: p.from, to: p.to, simulatedMs: p.simulateTo - START };
}

export function runChunk({ id, first, count }) {
  const cell = cellById(id);
  const began = performance.now();
  const trials = [];
  for (let i = first; i < first + count; i++) trials.push(trial(cell, i));
  return { id, first, trials, ms: performance.now() - began };
}
