// Decision quality of the error-rate and latency rules, by Monte Carlo through the real engine
// (runGate on simulated time, the shipped policy and defaults). Each trial's service trace comes
// from a seeded PRNG, so the four rules see the same traces and every run gives the same table.
// Writes its section of bench/RESULTS.md.
//   node_modules/.bin/node bench/decision-quality.mjs [--trials 2000] [--workers 2]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import '../scripts/ts-source-hook.mjs';

const { SCENARIOS } = await import('./decision/scenarios.mjs');
const { TARGETS, cellText } = await import('./decision/report.mjs');
const { metricsRows } = await import('./decision/metrics-traffic.mjs');
const { INPUTS } = await import('../src/settings/input-spec.ts');

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const trials = arg('trials', 2000);
const workers = arg('workers', 2);
const RULES = ['sequential', 'wilson', 'argo', 'flagger'];

const cells = SCENARIOS.flatMap((s) =>
  s.bakes.flatMap((bakeMs) => RULES.map((rule) => ({ id: s.id, bakeMs, rule, trials }))),
).sort((a, b) => b.bakeMs - a.bakeMs); // longest first, so the workers finish together

const startedAt = performance.now();
const results = [];
await Promise.all(
  Array.from({ length: workers }, () => {
    const worker = new Worker(join(here, 'decision', 'worker.mjs'));
    return new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message) => {
        if (!message.ready) results.push(message);
        const next = cells.shift();
        if (next) worker.postMessage(next);
        else worker.terminate().then(resolve);
      });
    });
  }),
);
const metricsTrials = arg('metrics-trials', 200);
const traffic = metricsRows(metricsTrials);
const seconds = (performance.now() - startedAt) / 1000;

const find = (id, bakeMs, rule) =>
  results.find((r) => r.id === id && r.bakeMs === bakeMs && r.rule === rule);
const rows = SCENARIOS.flatMap((s) =>
  s.bakes.map((bakeMs) => {
    const target = TARGETS[s.id];
    const mine = find(s.id, bakeMs, 'sequential');
    const verdict = target ? (target.met(mine) ? 'met' : '**not met**') : '';
    const cellsText = RULES.map((rule) => cellText(s, find(s.id, bakeMs, rule)));
    return `| ${s.label} | ${bakeMs / 60_000} m | ${cellsText.join(' | ')} | ${target?.text ?? '–'} ${verdict} |`;
  }),
);

const spec = (name) => INPUTS.find((i) => i.name === name).default;
const defaults = [
  'interval',
  'success-threshold',
  'failure-threshold',
  'startup-timeout',
  'max-error-rate',
  'min-samples',
  'confidence',
]
  .map((name) => `${name} ${spec(name)}`)
  .join(', ');
const missed = SCENARIOS.filter((s) => TARGETS[s.id])
  .filter((s) => s.bakes.some((bakeMs) => !TARGETS[s.id].met(find(s.id, bakeMs, 'sequential'))))
  .map((s) => s.label);
const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown';
const section = [
  '<!-- decision-quality -->',
  '## Decision quality (error-rate and latency rules)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`node_modules/.bin/node bench/decision-quality.mjs --trials ${trials}\` on ${cpus().length} CPUs (\`nproc\`), ${cpu}, Node ${process.version}: ${trials} trials a cell, ${workers} worker threads, ${seconds.toFixed(0)} s.`,
  '',
  `Each trial runs \`runGate\` on simulated time with the shipped defaults (${defaults}); times are from the first request to the verdict. The four columns judge the same traces and differ only in the error-rate and latency rules: **sequential** (the shipped rule), **Wilson** (the rule before it: Wilson lower bound at 95 % over the success streak and observe, after min-samples), **Argo-style** (\`failureLimit: 1\`: fails on the 2nd failed observe probe), **Flagger-style** (\`threshold: 5\`: fails on the 5th failed observe probe). Healthy rows give the false-rollback rate (every rule counted, startup included); bad rows the share detected and the median time to the verdict.`,
  '',
  '| scenario | bake | sequential | Wilson (before) | Argo-style | Flagger-style | target (sequential) |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '',
  missed.length
    ? `Targets missed by the shipped rule: ${missed.join('; ')}; see bench/NOTES.md.`
    : `Every target is met by the shipped rule at the shipped defaults. Why the default interval is ${spec('interval')}: see bench/NOTES.md.`,
  '',
  `Real traffic, the Prometheus judge with \`request-count-query\` (\`metricsVerdict\`, the same sequential rule on the counts): 40 requests a second failing independently, \`min-requests: 20\`, a round every second for 2 minutes (120 looks), max-error-rate 5 %, ${metricsTrials} gates each.`,
  '',
  '| traffic errors | rolled back | caught within two rounds of reaching min-requests | target |',
  '|---|---|---|---|',
  ...traffic.map((t) => {
    const target =
      t.rate === 0.03
        ? 'never (of 20 runs)'
        : t.rate === 0.3
          ? 'all, within two rounds'
          : '≤ 5 % (α)';
    const met =
      t.rate === 0.03
        ? t.failed === 0
        : t.rate === 0.3
          ? t.withinTwo === t.trials
          : t.failed <= 0.05 * t.trials;
    return `| ${Math.round(t.rate * 100)} % | ${t.failed} of ${t.trials} | ${t.withinTwo} of ${t.trials} | ${target} ${met ? 'met' : '**not met**'} |`;
  }),
  '<!-- /decision-quality -->',
].join('\n');

const file = join(here, 'RESULTS.md');
const before = readFileSync(file, 'utf8');
const marked = /<!-- decision-quality -->[\s\S]*<!-- \/decision-quality -->/;
writeFileSync(
  file,
  marked.test(before) ? before.replace(marked, section) : `${before.trimEnd()}\n\n${section}\n`,
);
console.log(section);
