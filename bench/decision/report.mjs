// How a cell reads in the table, and the targets for the shipped rule.
const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const medianMs = (r) => sorted(r.times)[Math.floor((r.times.length - 1) / 2)];
const rate = (r) => r.failed / r.trials;
const pct = (x) => `${(100 * x).toFixed(x < 0.1 ? 2 : 1)} %`;
/** Decisions land on the probe grid; a verdict at 120.04 s is the probe sent at 120 s. */
const sec = (ms) => Math.round(ms / 1000);

export function cellText(scenario, r) {
  if (!r) return '–';
  if (scenario.kind === 'healthy') return pct(rate(r));
  if (!r.failed) return '0 %';
  const max = r.id === 'dead' ? `, max ${sec(Math.max(...r.times))} s` : '';
  return `${pct(rate(r))}, ${sec(medianMs(r))} s${max}`;
}

const atMost = (limit) => (r) => rate(r) <= limit;
export const TARGETS = {
  ok2: { text: '≤ 0.5 %', met: atMost(0.005) },
  ok4: { text: '≤ 3 %', met: atMost(0.03) },
  lim5: { text: '≤ 6 %', met: atMost(0.06) },
  blip: { text: '0 %', met: (r) => r.failed === 0 },
  'lat-ok': { text: '≤ 5 % (α)', met: atMost(0.05) },
  bad30: { text: '≥ 99 %, median ≤ 120 s', met: (r) => rate(r) >= 0.99 && sec(medianMs(r)) <= 120 },
  bad50: { text: 'median ≤ 60 s', met: (r) => r.failed > r.trials / 2 && sec(medianMs(r)) <= 60 },
  dead: {
    text: 'all, within startup-timeout 90 s (+ one timeout)',
    met: (r) => r.failed === r.trials && Math.max(...r.times) <= 92_000,
  },
  p95x2: { text: '≥ 99 %, median ≤ 120 s', met: (r) => rate(r) >= 0.99 && sec(medianMs(r)) <= 120 },
};
