// Monitor mode's alert rules over simulated months, through the real modules (addRun →
// alertingBurnRates → alertLevel → stepAlert on injected time): false pages and tickets of steady
// services, detection of outages, slow burns, and GitHub's scheduler dropping and delaying runs.
// Writes its section of bench/RESULTS.md.
//   npm run bench:monitor [-- --quick] [--trials 500] [--workers 2]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import '../scripts/ts-source-hook.mjs';

const { CELLS, GITHUB_LOAD } = await import('./monitor/scenarios.mjs');
const { DAY, MINUTE, PROBES_PER_RUN } = await import('./monitor/month.mjs');
const { share, steadyStats, outageStats, burnStats, fmt } = await import('./monitor/report.mjs');

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const trials = arg('trials', quick ? 40 : 500);
const workers = arg('workers', 2);
const CHUNK = quick ? 10 : 25;
// A month under scheduler load costs 10-25x a plain one (the ledger's list of watched spans grows to
// its cap of 1000 and is re-sorted every run), so those cells run 40 % of the trials.
const trialsFor = (cell) => (cell.load ? Math.ceil(trials * 0.4) : trials);

// Costliest first (full months under scheduler load, then full months), so the workers end together.
const cost = (c) => (c.load ? 3 : 1) * (c.days ?? 11);
const chunks = [...CELLS]
  .sort((a, b) => cost(b) - cost(a))
  .flatMap((c) =>
    Array.from({ length: Math.ceil(trialsFor(c) / CHUNK) }, (_, k) => ({
      id: c.id,
      first: k * CHUNK,
      count: Math.min(CHUNK, trialsFor(c) - k * CHUNK),
    })),
  );

const startedAt = performance.now();
const byCell = new Map(CELLS.map((c) => [c.id, []]));
const cellMs = new Map(CELLS.map((c) => [c.id, 0]));
await Promise.all(
  Array.from({ length: workers }, () => {
    const worker = new Worker(join(here, 'monitor', 'worker.mjs'));
    return new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message) => {
        if (!message.ready) {
          byCell.get(message.id).push(...message.trials);
          cellMs.set(message.id, cellMs.get(message.id) + message.ms);
        }
        const next = chunks.shift();
        if (next) worker.postMessage(next);
        else worker.terminate().then(resolve);
      });
    });
  }),
);
const seconds = (performance.now() - startedAt) / 1000;
const cpuSeconds = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;

const verdict = (ok) => (ok ? 'met' : '**not met**');
const pct = (x) => `${+(x * 100).toFixed(3)} %`;
const cellsOf = (group) => CELLS.filter((c) => c.group === group);
const stats = (c, fn) => fn(byCell.get(c.id));

const steadyRows = cellsOf('steady').map((c) => {
  const s = stats(c, steadyStats);
  const atBudget = c.rate >= (1 - c.target) * 0.999;
  // A service at its target burns at exactly 1, the last ticket rule's threshold: tickets are
  // allowed there; pages are not, beyond a rare statistical false alarm.
  const expect = atBudget
    ? 'page in < 1 % of months'
    : 'page in < 1 %, any alert in ≤ 1 % of months';
  const ok = s.monthsPaged < 0.01 * s.n && (atBudget || s.monthsAlerted <= 0.01 * s.n);
  return `| ${pct(c.target)} | ${pct(c.rate)} (${atBudget ? 'at target' : 'half the budget'}) | ${share(s.monthsPaged, s.n)} | ${s.pagesPerMonth.toFixed(3)} | ${share(s.monthsAlerted, s.n)} | ${s.episodesPerMonth.toFixed(3)} (max ${s.maxEpisodes}) | ${expect} ${verdict(ok)} |`;
});

const outageExpect = {
  5: null,
  20: { text: 'all paged, median ≤ 10 min, one episode', min: 10 },
  60: { text: 'all paged, median ≤ 10 min, one episode', min: 10 },
};
const outageRows = cellsOf('outage').map((c) => {
  const s = stats(c, outageStats);
  const total = c.outage.rate === 1;
  const e = total
    ? outageExpect[c.outage.minutes]
    : { text: 'all paged, median ≤ 30 min, one episode', min: 30 };
  const ok = e
    ? s.paged === s.n && s.pageMedian <= e.min * MINUTE && s.episodesOne === s.n
    : undefined;
  return `| ${c.label} | ${share(s.paged, s.n)} | ${fmt.minutes(s.pageMedian)} / ${fmt.minutes(s.pageP90)} / ${fmt.minutes(s.pageMax)} | ${share(s.alerted, s.n)} | ${s.episodesMean.toFixed(2)}; exactly one in ${share(s.episodesOne, s.n)}; max ${s.episodesMax} | ${fmt.hours(s.resolveMedian)} / ${fmt.hours(s.resolveP90)}; reported duration ${fmt.hours(s.reportedMedian)} | ${e ? `${e.text} ${verdict(ok)}` : '–'} |`;
});

const burnRows = cellsOf('burn').map((c) => {
  const s = stats(c, burnStats);
  const burnDays = c.days - c.burn.fromMs / DAY;
  const ok = s.alerted === s.n && s.paged === 0 && s.episodesMax <= 2;
  const rules = Object.entries(s.pageRules)
    .map(([rule, n]) => `${n} by ${rule.replace('page: ', '')}`)
    .join(', ');
  return `| ${c.label} (${burnDays} d) | ${share(s.alerted, s.n)} | ${fmt.days(s.alertMedian)} / ${fmt.days(s.alertP90)} | ${share(s.paged, s.n)}${rules ? ` (first page: ${rules})` : ''} | ${s.episodesMean.toFixed(1)} (max ${s.episodesMax}) | ticket in every month, no page, ≤ 2 episodes ${verdict(ok)} |`;
});

const loadRows = cellsOf('load').map((c) => {
  const s = stats(c, steadyStats);
  const ok = s.monthsAlerted === 0;
  return `| ${c.label} | ${Math.round(s.runsPerMonth)} of 8640 | ${s.coveragePercent.toFixed(1)} % | ${share(s.monthsAlerted, s.n)} | ${s.episodesPerMonth.toFixed(3)} | no alert ${verdict(ok)} |`;
});

const cpu = cpus()[0]?.model?.trim() || 'unknown CPU';
const command = `npm run bench:monitor${quick ? ' -- --quick' : ''}${arg('trials') ? ` --trials ${trials}` : ''}`;
const section = [
  '<!-- monitor-alerts -->',
  '## Monitor mode: alert rules over simulated months',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\` on ${cpus().length} × ${cpu}, Node ${process.version}: ${trials} trials a cell, ${workers} worker threads, ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} CPU seconds).`,
  '',
  `Each trial drives the real \`addRun\` → \`alertingBurnRates\` → \`alertLevel\` → \`stepAlert\` on injected time, as a monitor run calls them: a run every 5 minutes (started up to a minute after the slot), sampling for 1 minute at the default 5 s interval (${PROBES_PER_RUN} probes), each probe failing independently with the scenario's probability. Steady and slow-burn trials are 30-day months; an outage starts at a random time in the 8th day (after 7 days of history, 0.05 % errors) and the trial runs on until 3 days after it ends. "Alert" is an episode at any level (ticket or page); a page is an episode that fires or escalates to page. Shares carry a 95 % Wilson interval. Cells under scheduler load run ${Math.ceil(trials * 0.4)} trials (each costs 10–25× a plain month).`,
  '',
  '**False alarms: steady services** (30-day months)',
  '',
  '| target | errors | months with a page | pages / month | months with any alert | alert episodes / month | expectation |',
  '|---|---|---|---|---|---|---|',
  ...steadyRows,
  '',
  '**Detection: outages** (target 99.9 %; times from the outage start; "paged" counts a page up to 1 h after the outage ends)',
  '',
  '| outage | paged | time to page: median / p90 / max | any alert | episodes from the outage on | resolved after the outage ended: median / p90; duration the episode reports (median) | expectation |',
  '|---|---|---|---|---|---|---|',
  ...outageRows,
  '',
  '**Detection: slow burns** (target 99.9 %, 0.05 % errors before the burn; times from the burn start)',
  '',
  '| burn | alerted | time to first alert: median / p90 | paged | alert episodes during the burn | expectation |',
  '|---|---|---|---|---|---|',
  ...burnRows,
  '',
  `**GitHub's scheduler under load** (target 99.9 %): ${GITHUB_LOAD.drop * 100} % of scheduled runs dropped at random, ${GITHUB_LOAD.delay.share * 100} % of the others started up to ${GITHUB_LOAD.delay.maxMs / MINUTE} min late (uniform), the rest up to a minute late; runs queue (one at a time). Coverage is the watched share of the 30-day window that \`budgetState\` reports at the month's end.`,
  '',
  '| scenario | runs / month | coverage reported | months with any alert | alert episodes / month | expectation |',
  '|---|---|---|---|---|---|',
  ...loadRows,
  '<!-- /monitor-alerts -->',
].join('\n');

const file = join(here, 'RESULTS.md');
const before = readFileSync(file, 'utf8'); // re-read now: other benchmarks rewrite other sections
const marked = /<!-- monitor-alerts -->[\s\S]*<!-- \/monitor-alerts -->/;
writeFileSync(
  file,
  marked.test(before) ? before.replace(marked, section) : `${before.trimEnd()}\n\n${section}\n`,
);
console.log(section);
for (const [id, ms] of cellMs)
  console.error(`${id}: ${(ms / byCell.get(id).length).toFixed(0)} ms a trial`);
