/**
 * The job summary of one gate run, as Markdown: verdict first, one row per URL, the rules with
 * their numbers, a compact timeline. Pure: it returns text; main writes it with core.summary.
 */
import type { RuleResult } from '../gate/policy.js';
import type { GateResult } from '../gate/run-gate.js';
import type { Attempt } from '../gate/types.js';
import { formatDuration } from '../settings/duration.js';
import type { Policy } from '../settings/settings.js';
import { cell } from './escape.js';
import { formatMs, formatPercent } from './format.js';

const ICON: Record<string, string> = {
  healthy: '✅',
  unhealthy: '❌',
  'rolled-back': '↩️',
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
/** A timeline longer than this is folded: the start, a count, and the end. */
const TIMELINE_MAX = 120;

function timelineOf(attempts: readonly Attempt[]): string {
  const marks = (phase: Attempt['phase']) =>
    attempts
      .filter((a) => a.phase === phase)
      .map((a) => (a.ok ? '✓' : '✗'))
      .join('');
  const fold = (s: string) => {
    const chars = [...s];
    return chars.length <= TIMELINE_MAX
      ? s
      : `${chars.slice(0, 40).join('')} …${chars.length - 80} more… ${chars.slice(-40).join('')}`;
  };
  const startup = marks('startup');
  const observe = marks('observe');
  return [startup && `startup ${fold(startup)}`, observe && `observe ${fold(observe)}`]
    .filter(Boolean)
    .join(' · ');
}

function lastFailure(attempts: readonly Attempt[]): Attempt | undefined {
  return [...attempts].reverse().find((a) => !a.ok);
}

export function policyLine(policy: Policy): string {
  const slo = policy.latencySlo.map((o) => o.text).join(',');
  return [
    `initial-delay ${formatDuration(policy.initialDelayMs)}`,
    `interval ${formatDuration(policy.intervalMs)}`,
    `timeout ${formatDuration(policy.timeoutMs)}`,
    `startup-timeout ${formatDuration(policy.startupTimeoutMs)}`,
    `success-threshold ${policy.successThreshold}`,
    `failure-threshold ${policy.failureThreshold}`,
    `max-latency ${formatDuration(policy.maxLatencyMs)}`,
    `max-error-rate ${formatPercent(policy.maxErrorRate)}`,
    `min-samples ${policy.minSamples}`,
    `observe-for ${formatDuration(policy.observeForMs)}`,
    ...(slo ? [`latency-slo ${slo}`] : []),
  ].join(' · ');
}

export interface GateSection {
  title: string;
  result: GateResult;
  policy: Policy;
}

/** The per-URL table, rules, timeline and failures of one gate run. */
export function gateSection({ title, result, policy }: GateSection): string {
  const lines: string[] = [`### ${title}`, ''];
  lines.push(
    '| URL | status | attempts | ok | error rate | p50 | p95 | p99 | version seen | last failure |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---|---|');
  for (const u of result.urls) {
    const mine = result.attempts.filter((a) => a.url === u.url);
    const s = u.assessment.summary;
    const version = [...mine].reverse().find((a) => a.versionSeen !== undefined)?.versionSeen;
    const failure = lastFailure(mine)?.failure;
    const status = `${ICON[u.assessment.status] ?? ''} ${u.assessment.status}${u.stopped ? ' (stopped)' : ''}`;
    lines.push(
      `| ${cell(u.url)} | ${status} | ${s.attempts} | ${s.successes} | ${formatPercent(s.errorRate)} | ${formatMs(s.p50)} | ${formatMs(s.p95)} | ${formatMs(s.p99)} | ${cell(version)} | ${failure ? cell(`${failure.class}: ${failure.message}`) : '–'} |`,
    );
  }
  lines.push(
    '',
    '**Rules**',
    '',
    '| URL | rule | observed | limit | outcome | detail |',
    '|---|---|---:|---:|---|---|',
  );
  for (const u of result.urls) {
    for (const r of u.assessment.rules) {
      lines.push(
        `| ${cell(u.url)} | ${r.rule} | ${cell(ruleValue(r, r.observed))} | ${cell(ruleValue(r, r.limit))} | ${OUTCOME[r.outcome]} | ${cell(r.message)} |`,
      );
    }
  }
  lines.push('', '**Timeline** (✓ success, ✗ failure)', '');
  for (const u of result.urls) {
    const mine = result.attempts.filter((a) => a.url === u.url);
    lines.push(`- ${cell(u.url)}: ${mine.length ? timelineOf(mine) : 'no attempt'}`);
  }
  const failures = result.attempts.filter((a) => !a.ok).slice(-10);
  if (failures.length) {
    lines.push(
      '',
      `<details><summary>Last ${failures.length} failed attempts</summary>`,
      '',
      '| # | time | URL | phase | status | latency | class | detail |',
      '|---:|---|---|---|---:|---:|---|---|',
    );
    for (const a of failures) {
      lines.push(
        `| ${a.seq} | ${new Date(a.startedAt).toISOString()} | ${cell(a.url)} | ${a.phase} | ${a.status ?? '–'} | ${formatMs(a.latencyMs)} | ${a.failure?.class ?? ''} | ${cell(a.failure?.message)} |`,
      );
    }
    lines.push('', '</details>');
  }
  lines.push('', `Policy: ${policyLine(policy)}`, '');
  return lines.join('\n');
}

function ruleValue(rule: RuleResult, value: number | string | null): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (rule.rule === 'error-rate') return formatPercent(value);
  if (rule.rule.startsWith('latency-')) return formatMs(value);
  return String(value);
}

export function verdictHeadline(verdict: string, reason: string, service?: string): string {
  return `## ${ICON[verdict] ?? '❗'} deploy-gate${service ? ` · ${cell(service)}` : ''}: ${verdict}\n\n**${cell(reason)}**\n`;
}

export function verdictIcon(verdict: string): string {
  return ICON[verdict] ?? '❗';
}
