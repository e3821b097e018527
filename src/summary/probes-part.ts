/**
 * The probes of a gate run: a strip of marks per URL, the probe that decided, and the last failed
 * probes folded.
 */
import type { GateResult } from '../gate/run-gate.js';
import type { Attempt } from '../gate/types.js';
import type { Policy } from '../gate/types.js';
import type { EndpointGroup } from '../settings/service-settings.js';
import { cell } from './escape.js';
import { formatMs, formatOffset, plural } from './format.js';
import { LIMITS } from './part-limits.js';
import { sortedUrls, urlText } from './url-views.js';

/** The policy of the group a URL belongs to (the first group's when none lists it). */
export function policyFor(groups: readonly EndpointGroup[], url: string): Policy | undefined {
  return (groups.find((r) => r.urls.includes(url)) ?? groups[0])?.policy;
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
export function stripsPart(result: GateResult, groups: readonly EndpointGroup[]): string[] {
  const views = sortedUrls(result);
  const many = views.length > LIMITS.stripsOpen;
  const shown = (many ? views.filter((v) => v.failures > 0) : views).slice(0, LIMITS.stripRows);
  const lines = shown.map(
    (v) =>
      `- ${urlText(v.u.url)}: <code>${v.mine.length ? strip(v.mine, policyFor(groups, v.u.url)) : 'no probe'}</code>`,
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
