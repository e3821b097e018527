// Reads the trials of each cell into the numbers the table shows, and the expectation each row
// is held to. Shares carry a 95 % Wilson interval (n months is small next to rare false alarms).
import { wilsonInterval } from '../../src/gate/stats.ts';
import { DAY, HOUR, MINUTE } from './month.mjs';
import { DETECTION_SLACK_MS } from './scenarios.mjs';

const KIND = 0;
const AT = 1;
const LEVEL = 2;
const RULE = 5;
const DURATION = 6;

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => (xs.length ? sorted(xs)[Math.ceil(q * xs.length) - 1] : undefined);
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const pageEvent = (e) => (e[KIND] === 'fired' || e[KIND] === 'escalated') && e[LEVEL] === 'page';
const fired = (e) => e[KIND] === 'fired';

/** "3 of 500 = 0.6 % (0.2–1.7)"; "0 of 500 (≤ 0.8 %)". */
export function share(hits, n) {
  const { lower, upper } = wilsonInterval(hits, n);
  const p = (x) => `${+(100 * x).toFixed(x < 0.1 ? 2 : 1)}`;
  if (hits === 0) return `0 of ${n} (≤ ${p(upper)} %)`;
  if (hits === n) return `${n} of ${n} (≥ ${p(lower)} %)`;
  return `${p(hits / n)} % (${p(lower)}–${p(upper)})`;
}

const minutes = (ms) => (ms === undefined ? '–' : `${+(ms / MINUTE).toFixed(1)} min`);
const hours = (ms) => (ms === undefined ? '–' : `${+(ms / HOUR).toFixed(1)} h`);
const days = (ms) => (ms === undefined ? '–' : `${+(ms / DAY).toFixed(1)} d`);

/** Steady services: false pages and tickets per month. */
export function steadyStats(trials) {
  const pages = trials.map((t) => t.events.filter(pageEvent).length);
  const episodes = trials.map((t) => t.events.filter(fired).length);
  const coverage = trials.map((t) => t.coveragePercent).filter((c) => c !== undefined);
  return {
    n: trials.length,
    monthsPaged: pages.filter((p) => p > 0).length,
    pagesPerMonth: mean(pages),
    monthsAlerted: episodes.filter((e) => e > 0).length,
    episodesPerMonth: mean(episodes),
    maxEpisodes: Math.max(0, ...episodes),
    coveragePercent: coverage.length ? mean(coverage) : undefined,
    runsPerMonth: mean(trials.map((t) => t.runs)),
  };
}

/** Outages: paged or not, how soon, how many episodes, how long the incident stays open. */
export function outageStats(trials) {
  const toPage = [];
  const toResolve = [];
  const reported = [];
  const episodes = [];
  let paged = 0;
  let alerted = 0;
  let before = 0;
  for (const t of trials) {
    const inOutage = (e) => e[AT] >= t.from && e[AT] <= t.to + DETECTION_SLACK_MS;
    const page = t.events.find((e) => pageEvent(e) && inOutage(e));
    if (page) {
      paged += 1;
      toPage.push(page[AT] - t.from);
    }
    if (t.events.some((e) => fired(e) && inOutage(e))) alerted += 1;
    if (t.events.some((e) => fired(e) && e[AT] < t.from)) before += 1;
    episodes.push(t.events.filter((e) => fired(e) && e[AT] >= t.from).length);
    const resolved = t.events.find((e) => e[KIND] === 'resolved' && e[AT] >= t.to);
    if (resolved && (page || t.events.some((e) => fired(e) && inOutage(e)))) {
      toResolve.push(resolved[AT] - t.to);
      reported.push(resolved[DURATION]);
    }
  }
  return {
    n: trials.length,
    paged,
    alerted,
    before,
    pageMedian: quantile(toPage, 0.5),
    pageP90: quantile(toPage, 0.9),
    pageMax: toPage.length ? Math.max(...toPage) : undefined,
    episodesMean: mean(episodes),
    episodesOne: episodes.filter((e) => e === 1).length,
    episodesMax: Math.max(0, ...episodes),
    resolveMedian: quantile(toResolve, 0.5),
    resolveP90: quantile(toResolve, 0.9),
    reportedMedian: quantile(reported, 0.5),
  };
}

/** Slow burns: ticketed or not, how soon, whether it pages, how often episodes restart. */
export function burnStats(trials) {
  const toAlert = [];
  const episodes = [];
  let alerted = 0;
  let paged = 0;
  let before = 0;
  const pageRules = {};
  for (const t of trials) {
    const first = t.events.find((e) => fired(e) && e[AT] >= t.from);
    if (first) {
      alerted += 1;
      toAlert.push(first[AT] - t.from);
    }
    const page = t.events.find((e) => pageEvent(e) && e[AT] >= t.from);
    if (page) {
      paged += 1;
      pageRules[page[RULE]] = (pageRules[page[RULE]] ?? 0) + 1;
    }
    if (t.events.some((e) => fired(e) && e[AT] < t.from)) before += 1;
    episodes.push(t.events.filter((e) => fired(e) && e[AT] >= t.from).length);
  }
  return {
    n: trials.length,
    alerted,
    paged,
    before,
    alertMedian: quantile(toAlert, 0.5),
    alertP90: quantile(toAlert, 0.9),
    episodesMean: mean(episodes),
    episodesMax: Math.max(0, ...episodes),
    pageRules,
  };
}

export const fmt = { minutes, hours, days };
