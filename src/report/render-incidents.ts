/**
 * "Incidents between deploys" in report.md and report.html, from monitor mode's incident issues.
 * Service and SLO names came from an issue's marker: escaped like any outside text. An issue is
 * linked only by the URL built from its number (a plain https URL ending in `/issues/<n>`).
 */
import { cell, code } from '../summary/escape.js';
import { duration, when } from './format.js';
import { esc } from './html-escape.js';
import { runLink } from './links.js';
import type { IncidentStats, Report } from './report-schema.js';

type Section = NonNullable<Report['incident_issues']>;
type Incident = Section['incidents'][number];

/** Rows shown in report.md; report.json holds them all. */
const MD_ROWS = 50;

const issueLink = (url: string | null): url is string => runLink(url) && /\/issues\/\d+$/.test(url);

export const INCIDENT_FOOTNOTE =
  "⁴ Incident issues opened by monitor mode (label `incident`): from the alert's start (the issue's marker, else its creation) to the issue's close as completed, for incidents resolved in the window. Not the gates' time to restore, which runs from a failed release to its verified rollback or next healthy gate.";

/** `repository` and `label` come already formatted for the page (markdown code or HTML). */
function sourceLine(s: Section, repository: string, label: string): string {
  const k = s.skipped;
  const skipped = [
    k.pull_requests ? `${k.pull_requests} pull request${k.pull_requests === 1 ? '' : 's'}` : '',
    k.without_marker ? `${k.without_marker} without the incident marker` : '',
    k.bad_marker ? `${k.bad_marker} with a marker naming no valid service or SLO` : '',
    k.malformed ? `${k.malformed} malformed` : '',
  ].filter(Boolean);
  return `${s.counted} incident issue${s.counted === 1 ? '' : 's'} of ${repository} counted, of ${s.listed} listed with the label ${label}${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}${s.truncated ? '; more issues than the report reads (1,000): the oldest may be missing' : ''}.`;
}

const restoreText = (t: IncidentStats['time_to_restore_seconds']) =>
  t.median === null ? '–' : `${duration(t.median)} / ${duration(t.p90)}`;

const restoredAfter = (i: Incident) =>
  i.outcome === 'open'
    ? 'still open'
    : i.outcome === 'closed unresolved'
      ? 'closed, not resolved'
      : `after ${duration(i.restore_seconds)}`;

export function incidentsMarkdown(report: Report): string[] {
  const s = report.incident_issues;
  if (!s) return [];
  const lines = ['', '### Incidents between deploys', ''];
  if (s.warning) return [...lines, `> [!WARNING]\n> ${cell(s.warning)}`];
  lines.push(
    sourceLine(s, code(s.repository), code('incident')),
    '',
    '| window | service | opened | resolved | still open | time to restore⁴ median / p90 |',
    '|---|---|--:|--:|--:|--:|',
  );
  for (const w of s.windows) {
    const row = (name: string, t: IncidentStats) =>
      `| ${cell(w.window)} | ${name} | ${t.opened} | ${t.resolved} | ${t.still_open} | ${restoreText(t.time_to_restore_seconds)} |`;
    lines.push(row('**all**', w.overall));
    for (const service of w.services) lines.push(row(cell(service.service), service));
  }
  if (s.incidents.length) {
    lines.push('', '| service | SLO | opened | restored | issue |', '|---|---|---|--:|---|');
    for (const i of s.incidents.slice(-MD_ROWS))
      lines.push(
        `| ${cell(i.service)} | ${cell(i.slo)} | ${cell(when(i.started_at))} | ${restoredAfter(i)} | ${issueLink(i.url) ? `[#${i.number}](${i.url})` : `#${i.number}`} |`,
      );
    if (s.incidents.length > MD_ROWS)
      lines.push('', `(${s.incidents.length - MD_ROWS} earlier incidents in report.json)`);
  }
  lines.push('', INCIDENT_FOOTNOTE);
  return lines;
}

export function incidentsHtml(report: Report): string {
  const s = report.incident_issues;
  if (!s) return '';
  const title = '<h2>Incidents between deploys</h2>';
  if (s.warning) return `${title}<div class="warn"><p>${esc(s.warning)}</p></div>`;
  const num = (value: string | number) => `<td class="n">${esc(value)}</td>`;
  const stats = s.windows
    .flatMap((w) =>
      [{ service: 'all', ...w.overall }, ...w.services].map(
        (t) =>
          `<tr><td>${esc(w.window)}</td><td>${esc(t.service)}</td>${[t.opened, t.resolved, t.still_open].map(num).join('')}${num(restoreText(t.time_to_restore_seconds))}</tr>`,
      ),
    )
    .join('');
  const incidents = s.incidents
    .slice(-100)
    .map(
      (i) =>
        `<tr><td>${esc(i.service)}</td><td>${esc(i.slo)}</td>${num(when(i.started_at))}${num(restoredAfter(i))}<td>${issueLink(i.url) ? `<a href="${esc(i.url)}">#${i.number}</a>` : `#${i.number}`}</td></tr>`,
    )
    .join('');
  return `${title}<p>${sourceLine(s, `<code>${esc(s.repository)}</code>`, '<code>incident</code>')}</p>
<table><thead><tr><th>window</th><th>service</th><th class="n">opened</th><th class="n">resolved</th><th class="n">still open</th><th class="n">time to restore**** median / p90</th></tr></thead><tbody>${stats}</tbody></table>
${incidents ? `<table><thead><tr><th>service</th><th>SLO</th><th class="n">opened</th><th class="n">restored</th><th>issue</th></tr></thead><tbody>${incidents}</tbody></table>` : ''}
<p>**** ${esc(INCIDENT_FOOTNOTE.slice(2).replaceAll('`', ''))}</p>`;
}
