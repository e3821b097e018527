/**
 * The parts of the job summary that describe one gate run (the release's, or the verification of
 * a rollback): failing rules first with their numbers, passes folded; URLs failing first; a
 * probe strip per URL; the last failures; the objectives of every endpoint group. Pure: it
 * returns Markdown. Every value taken from a response or the config goes through cell()/code().
 *
 * Bounded: however many URLs a gate has, each part lists at most a fixed number of rows and says
 * how many it left to the artifact (audit.json and probes.ndjson hold every number).
 */
import { formatAlpha, formatEvidence } from '../gate/evidence.js';
import type { RuleResult } from '../gate/policy.js';
import type { GateResult, UrlResult } from '../gate/run-gate.js';
import type { Attempt } from '../gate/types.js';
import type { Policy } from '../settings/settings.js';
import type { EndpointGroup } from '../settings/service-settings.js';
import { cell } from './escape.js';
import {
  formatDurationHuman as human,
  formatMs,
  formatOffset,
  formatPercent,
  plural,
  shortVersion,
} from './format.js';

const ICON: Record<string, string> = {
  healthy: '✅',
  unhealthy: '❌',
  'rolled-back': '❌',
  'rollback-failed': '🚨',
  cancelled: '⚪',
  error: '⛔',
  starting: '⏳',
  observing: '⏳',
};
const OUTCOME: Record<RuleResult['outcome'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  pending: '⏳ pending',
  'not-judged': '➖ not judged',
};
const OUTCOME_ORDER: Record<RuleResult['outcome'], number> = {
  fail: 0,
  'not-judged': 1,
  pending: 2,
  pass: 3,
};

/** Rows each part shows at most; the rest is counted and left to the artifact. */
export const LIMITS = {
  /** Up to this many URLs, every URL has its row in the open table. */
  urlsOpen: 10,
  /** Rows of URLs that need attention, and of folded healthy URLs. */
  urlRows: 20,
  foldedUrlRows: 20,
  /** Rows of failing / not judged rules, and of folded passing rules. */
  ruleRows: 20,
  passRows: 30,
  /** Probe strips: all URLs up to this many; beyond, only the URLs that saw a failure. */
  stripsOpen: 5,
  stripRows: 10,
  stripChars: 60,
  failedAttempts: 8,
  /** URLs named per endpoint group in the objectives table. */
  groupUrls: 5,
} as const;

export function verdictIcon(verdict: string): string {
  return ICON[verdict] ?? '❗';
}

/** The URL as a reader scans it: no scheme (the full URL stays in the evidence). */
export function urlText(url: string): string {
  return cell(url.replace(/^https?:\/\//i, ''));
}

const FAILURE_WORDS: Record<string, string> = {
  'timeout-connect': 'timed out',
  'timeout-headers': 'timed out',
  'timeout-body': 'timed out',
  refused: 'refused',
  reset: 'reset',
  dns: 'DNS failures',
  tls: 'TLS failures',
  status: 'bad status',
  assertion: 'failed a check',
  version: 'wrong version',
  'too-slow': 'too slow',
  redirect: 'bad redirects',
};

/** Each URL's attempts, grouped in one pass (a filter per URL is quadratic at 1,000 URLs). */
function attemptsByUrl(result: GateResult): Map<string, Attempt[]> {
  const byUrl = new Map<string, Attempt[]>();
  for (const a of result.attempts) {
    const list = byUrl.get(a.url);
    if (list) list.push(a);
    else byUrl.set(a.url, [a]);
  }
  return byUrl;
}

/** "3 of 3 timed out": the failures of a URL, in one phrase. */
function failurePhrase(mine: readonly Attempt[]): string {
  const failed = mine.filter((a) => !a.ok);
  const classes = new Set(failed.map((a) => FAILURE_WORDS[a.failure?.class ?? ''] ?? 'failed'));
  const word = classes.size === 1 ? ([...classes][0] as string) : 'failed';
  return `${failed.length} of ${mine.length} ${word}`;
}

interface UrlView {
  u: UrlResult;
  mine: Attempt[];
  failures: number;
  rank: number;
  status: string;
}

function viewOf(byUrl: Map<string, Attempt[]>, u: UrlResult): UrlView {
  const mine = byUrl.get(u.url) ?? [];
  const failures = mine.filter((a) => !a.ok).length;
  const s = u.assessment.status;
  let rank: number;
  let status: string;
  if (s === 'unhealthy') {
    rank = 0;
    status = `❌ failed: ${u.assessment.decidedBy?.rule ?? 'unhealthy'}`;
  } else if (u.stopped && failures > 0) {
    rank = 1;
    status = `⚠️ failing, not judged: ${failurePhrase(mine)}`;
  } else if (u.stopped) {
    rank = 3;
    status = `⏸ stopped while ${s === 'observing' ? 'observing' : 'starting'}, no failure`;
  } else if (s === 'healthy') {
    rank = failures > 0 ? 4 : 5;
    status = '✅ healthy';
  } else {
    rank = 2;
    status = `${verdictIcon(s)} ${s}`;
  }
  return { u, mine, failures, rank, status };
}

/** The URLs of a gate, the ones that need a look first (then the most failures first). */
export function sortedUrls(result: GateResult): UrlView[] {
  const byUrl = attemptsByUrl(result);
  return result.urls
    .map((u) => viewOf(byUrl, u))
    .sort((a, b) => a.rank - b.rank || b.failures - a.failures);
}

/** A URL needs attention when it failed, or failed probes without being judged. */
const needsLook = (v: UrlView) => v.rank <= 2;

function urlRow(v: UrlView): string {
  const s = v.u.assessment.summary;
  const last = [...v.mine].reverse().find((a) => !a.ok)?.failure;
  return `| ${urlText(v.u.url)} | ${v.status} | ${s.successes} of ${s.attempts} | ${formatPercent(s.errorRate)} | ${formatMs(s.p95)} | ${last ? cell(last.message) : '–'} |`;
}

const URL_HEAD = [
  '| URL | status | ok | error rate | p95 | last failure |',
  '|---|---|---:|---:|---:|---|',
];

/** The per-URL table: every URL when few, else those that need a look and the healthy folded. */
export function urlTable(result: GateResult): string[] {
  const views = sortedUrls(result);
  if (views.length === 0) return [];
  if (views.length <= LIMITS.urlsOpen) return [...URL_HEAD, ...views.map(urlRow), ''];
  const look = views.filter(needsLook);
  const rest = views.filter((v) => !needsLook(v));
  const lines: string[] = [];
  if (look.length) {
    lines.push(...URL_HEAD, ...look.slice(0, LIMITS.urlRows).map(urlRow));
    if (look.length > LIMITS.urlRows)
      lines.push('', `…and ${look.length - LIMITS.urlRows} more URLs like these (see audit.json).`);
    lines.push('');
  }
  if (rest.length) {
    const shown = rest.slice(0, LIMITS.foldedUrlRows);
    lines.push(
      `<details><summary>${plural(rest.length, 'other URL')}: ${describeRest(rest)}</summary>`,
      '',
      ...URL_HEAD,
      ...shown.map(urlRow),
      '',
    );
    if (rest.length > shown.length)
      lines.push(
        `Folded into the artifact: ${rest.length - shown.length} more URLs (every URL's numbers are in audit.json).`,
        '',
      );
    lines.push('</details>', '');
  }
  return lines;
}

function describeRest(rest: readonly UrlView[]): string {
  const healthy = rest.filter((v) => v.u.assessment.status === 'healthy').length;
  const stopped = rest.length - healthy;
  return [healthy && `${healthy} healthy`, stopped && `${stopped} stopped without a failure`]
    .filter(Boolean)
    .join(', ');
}

/** A rule's value as a reader compares it; a version equal to the expected one says so. */
function ruleCells(rule: RuleResult): [string, string] {
  const show = (value: number | string | null): string => {
    if (value === null) return '–';
    if (typeof value === 'string')
      return cell(rule.rule === 'expected-version' ? shortVersion(value) : value);
    if (rule.rule === 'error-rate') return formatPercent(value);
    if (rule.rule.startsWith('latency-')) return formatMs(value);
    return String(value);
  };
  if (rule.rule === 'expected-version' && rule.observed !== null && rule.observed === rule.limit)
    return ['= expected', show(rule.limit)];
  return [show(rule.observed), show(rule.limit)];
}

/** Sequential rules: the evidence against the limit, and the 1/alpha it must reach to fail. */
function evidenceCell(rule: RuleResult): string {
  if (rule.evidence === undefined || rule.alpha === undefined) return '–';
  return `${formatEvidence(rule.evidence)} (${formatAlpha(rule.alpha)})`;
}

interface RuleRow {
  url: string;
  rule: RuleResult;
  decided: boolean;
}

function ruleRows(result: GateResult, urls: readonly UrlView[]): RuleRow[] {
  const decided = result.decidedBy;
  return urls.flatMap((v) =>
    v.u.assessment.rules.map((rule) => ({
      url: v.u.url,
      rule,
      decided: decided !== undefined && decided.url === v.u.url && decided.rule.rule === rule.rule,
    })),
  );
}

/**
 * Failing and not-judged rules with their numbers, then "all other N rules passed" with the
 * passing ones folded.
 */
export function rulesPart(result: GateResult, heading: string): string[] {
  const urls = sortedUrls(result);
  const rows = ruleRows(result, urls);
  const open = rows
    .filter((r) => r.rule.outcome !== 'pass')
    .sort(
      (a, b) =>
        Number(b.decided) - Number(a.decided) ||
        OUTCOME_ORDER[a.rule.outcome] - OUTCOME_ORDER[b.rule.outcome],
    );
  const passed = rows.filter((r) => r.rule.outcome === 'pass');
  const lines: string[] = [];
  if (open.length) {
    lines.push(
      heading,
      '',
      '| URL | rule | outcome | observed | limit | evidence (needed) |',
      '|---|---|---|---:|---:|---|',
    );
    for (const r of open.slice(0, LIMITS.ruleRows)) {
      const [observed, limit] = ruleCells(r.rule);
      lines.push(
        `| ${urlText(r.url)} | ${r.decided ? `**${r.rule.rule}**` : r.rule.rule} | ${OUTCOME[r.rule.outcome]}${r.decided ? ' (decided)' : ''} | ${observed} | ${limit} | ${evidenceCell(r.rule)} |`,
      );
    }
    if (open.length > LIMITS.ruleRows)
      lines.push(
        '',
        `…and ${open.length - LIMITS.ruleRows} more failing or not judged rules (see audit.json).`,
      );
    lines.push('');
  }
  if (passed.length === 0) return lines;
  const label = open.length
    ? `all other ${plural(passed.length, 'rule')} passed`
    : `all ${plural(passed.length, 'rule')} passed`;
  if (passed.length > LIMITS.passRows) {
    lines.push(
      `✅ ${label} (${plural(result.urls.length, 'URL')}; folded into the artifact: every rule's numbers are in audit.json).`,
      '',
    );
    return lines;
  }
  lines.push(
    `<details><summary>✅ ${label}</summary>`,
    '',
    '| URL | rule | observed | limit | evidence (needed) | detail |',
    '|---|---|---:|---:|---|---|',
  );
  for (const r of passed) {
    const [observed, limit] = ruleCells(r.rule);
    lines.push(
      `| ${urlText(r.url)} | ${r.rule.rule} | ${observed} | ${limit} | ${evidenceCell(r.rule)} | ${cell(r.rule.message)} |`,
    );
  }
  lines.push('', '</details>', '');
  return lines;
}

/** The policy of the group a URL belongs to (the first group's when none lists it). */
export function policyFor(runs: readonly EndpointGroup[], url: string): Policy | undefined {
  return (runs.find((r) => r.urls.includes(url)) ?? runs[0])?.policy;
}

/** ✓ ok · ✗ failed · ◷ slow (over max-latency: failed as too slow, or ok but slow) · `|` where observe began. */
function strip(mine: readonly Attempt[], policy: Policy | undefined): string {
  const mark = (a: Attempt) =>
    a.failure?.class === 'too-slow' || (a.ok && policy && a.latencyMs > policy.maxLatencyMs)
      ? '◷'
      : a.ok
        ? '✓'
        : '✗';
  const fold = (marks: string[]) =>
    marks.length <= LIMITS.stripChars
      ? marks.join('')
      : `${marks.slice(0, 20).join('')}…${marks.length - 40}…${marks.slice(-20).join('')}`;
  const startup = mine.filter((a) => a.phase === 'startup').map(mark);
  const observe = mine.filter((a) => a.phase === 'observe').map(mark);
  return [fold(startup), observe.length ? fold(observe) : '']
    .filter((s, i) => s || i === 0)
    .join(' | ');
}

/** One line per URL: its probes in order; with many URLs, only those that saw a failure. */
export function stripsPart(result: GateResult, runs: readonly EndpointGroup[]): string[] {
  const views = sortedUrls(result);
  const many = views.length > LIMITS.stripsOpen;
  const shown = (many ? views.filter((v) => v.failures > 0) : views).slice(0, LIMITS.stripRows);
  const lines = shown.map(
    (v) =>
      `- ${urlText(v.u.url)}: <code>${v.mine.length ? strip(v.mine, policyFor(runs, v.u.url)) : 'no probe'}</code>`,
  );
  const left = views.length - shown.length;
  if (left > 0)
    lines.push(
      `- ${plural(left, 'other URL')}: ${many && views.every((v) => v.failures === 0 || shown.includes(v)) ? 'every probe ok' : 'see probes.ndjson'}`,
    );
  return lines;
}

/** The probe that decided: the decided URL's last attempt. */
export function decidingAttempt(result: GateResult): Attempt | undefined {
  const url = result.decidedBy?.url;
  return url ? result.attempts.filter((a) => a.url === url).at(-1) : undefined;
}

/** The last few failed probes, folded, with times relative to `t0`. */
export function failedAttemptsPart(result: GateResult, t0: number): string[] {
  const failures = result.attempts.filter((a) => !a.ok).slice(-LIMITS.failedAttempts);
  if (failures.length === 0) return [];
  const total = result.attempts.filter((a) => !a.ok).length;
  const lines = [
    `<details><summary>${failures.length === total ? `The ${plural(total, 'failed probe')}` : `The last ${failures.length} of ${total} failed probes`}</summary>`,
    '',
    '| # | at | URL | phase | result | failure |',
    '|---:|---|---|---|---|---|',
  ];
  for (const a of failures) {
    lines.push(
      `| ${a.seq} | ${formatOffset(a.startedAt - t0)} | ${urlText(a.url)} | ${a.phase} | ${a.status ?? 'no response'} in ${formatMs(a.latencyMs)} | ${cell(a.failure?.message)} |`,
    );
  }
  lines.push('', '</details>', '');
  return lines;
}

/** Every endpoint group's URLs and objectives, one row per group (folded by the caller). */
export function objectivesTable(runs: readonly EndpointGroup[]): string[] {
  const lines = [
    '| URLs | probing | startup | failing when | latency | observe |',
    '|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    const p = run.policy;
    const urls = run.urls.slice(0, LIMITS.groupUrls).map(urlText);
    if (run.urls.length > urls.length) urls.push(`…and ${run.urls.length - urls.length} more`);
    const slo = p.latencySlo.map((o) => cell(o.text));
    lines.push(
      `| ${urls.join('<br>')} | every ${human(p.intervalMs)}, timeout ${human(p.timeoutMs)}, first after ${human(p.initialDelayMs)} | ${p.successThreshold} ok in a row within ${human(p.startupTimeoutMs)} | ${p.failureThreshold} failures in a row, or error rate > ${formatPercent(p.maxErrorRate)} (confidence ${formatPercent(1 - p.alpha)}, ${p.minSamples} samples to pass) | max ${human(p.maxLatencyMs)}${slo.length ? `; ${slo.join(', ')}` : ''} | ${human(p.observeForMs)} |`,
    );
  }
  lines.push('');
  return lines;
}
