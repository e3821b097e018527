/** The list under a service's headline: why, what was deployed and checked, what was done. */
import { notCountedLine } from '../gate/lateness.js';
import type { Outcome } from '../service/run-pipeline.js';
import { serviceUrls, type ServiceSettings } from '../settings/service-settings.js';
import { cell, code, prose } from './escape.js';
import { formatDurationHuman as human, formatMs, formatPercent, plural } from './format.js';
import { targetName } from './headline.js';
import { sortedUrls, urlText } from './url-views.js';
import { verdictIcon } from './verdict-icon.js';

export function deployedLine(outcome: Outcome, settings: ServiceSettings): string {
  const groups = settings.groups;
  const urls = serviceUrls(settings);
  const shown = urls.slice(0, 3).map(urlText);
  const list = `${plural(urls.length, 'URL')}${shown.length ? `: ${shown.join(', ')}${urls.length > shown.length ? ', …' : ''}` : ''}`;
  const inGroups = groups.length > 1 ? ` in ${groups.length} endpoint groups` : '';
  if (!outcome.fly) return `${list}${inGroups}`;
  const u = outcome.fly.underTest;
  return `Fly app ${cell(outcome.fly.app)}, release v${u.version}${u.image ? ` (${code(u.image)})` : ''}; ${list}${inGroups}`;
}

export function checkedLine(outcome: Outcome): string {
  const parts: string[] = [];
  const r = outcome.release;
  if (r)
    parts.push(
      `${plural(r.totals.attempts, 'probe')} in ${human(r.endedAt - r.startedAt)}; ${r.totals.windowFailures} of ${r.totals.windowSamples} judged probes failed (${formatPercent(r.totals.errorRate)}), p95 ${formatMs(r.totals.p95)}`,
    );
  const lost = r ? notCountedLine(r.totals) : undefined;
  if (lost) parts.push(`⚠️ ${lost}`);
  if (outcome.metrics)
    parts.push(
      `${plural(outcome.metrics.rounds.length, 'metrics round')} (${outcome.metrics.verdict.status})`,
    );
  return parts.join('; ') || 'nothing was probed';
}

export function doneLine(outcome: Outcome): string {
  const rb = outcome.rollback;
  if (!rb) return outcome.verdict === 'healthy' ? 'nothing: the release stays' : 'nothing';
  const d = rb.decision;
  if (d.action === 'skip') return `no rollback: ${prose(d.reason)}`;
  if (d.action === 'fail') return `no rollback possible: ${prose(d.reason)}`;
  if (d.action === 'dry-run') return `dry run, nothing changed: ${prose(d.reason)}`;
  const run = rb.run;
  const took =
    rb.startedAt !== undefined && rb.endedAt !== undefined
      ? ` in ${human(rb.endedAt - rb.startedAt)}`
      : '';
  const created = run?.created ? ` → new release v${run.created.version}` : '';
  const result = run?.ok ? '' : `, failed: ${prose(run?.problem)}`;
  const v = rb.verification;
  const verified = v
    ? `; verification ${verdictIcon(v.verdict)} ${v.verdict} (${plural(v.totals.attempts, 'probe')}, ${v.totals.windowFailures} failed, p95 ${formatMs(v.totals.p95)})`
    : '';
  return `rolled back to ${targetName(outcome) ?? 'the previous release'}${took}${created}${result}${verified}`;
}

/** With several URLs, the ones that failed, named at the top (the table below has their numbers). */
export function failingUrlsLine(outcome: Outcome): string[] {
  const r = outcome.release;
  if (!r || r.urls.length < 2) return [];
  const bad = sortedUrls(r).filter((v) => v.rank <= 1);
  if (bad.length === 0) return [];
  const named = bad
    .slice(0, 5)
    .map((v) => `${urlText(v.u.url)} (${v.status.replace(/^\S+ /, '')})`);
  return [
    `- **Failing URLs:** ${named.join('; ')}${bad.length > 5 ? `; …and ${bad.length - 5} more` : ''}`,
  ];
}

/** Fields of the config file kept for other tools: listed so nobody reads them as checked. */
export function notJudgedLine(settings: ServiceSettings): string[] {
  if (settings.notJudged.length === 0) return [];
  const fields = settings.notJudged.map((f) => `${cell(f.field)} ${code(String(f.value))}`);
  return [`- **Not judged by the gate:** ${fields.join(', ')} (recorded in audit.json)`];
}
