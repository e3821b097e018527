/** report.md, also the job summary: every text that came from a record goes through cell()/code(). */
import { cell, code } from '../summary/escape.js';
import { duration, millis, percent, when } from './format.js';
import { artifactLink, runLink } from './links.js';
import type { Report, Stats } from './report-schema.js';
import { incidentsMarkdown } from './render-incidents.js';
import { SLO_FOOTNOTE, sloMarkdown } from './render-slo.js';

function row(s: Stats, monitored: boolean): string {
  const t = s.time_to_restore_seconds;
  const p = s.probes_sampled_around_deploys;
  return [
    s.deployments,
    `${s.verdicts.healthy} / ${s.failed} / ${s.verdicts.cancelled + s.verdicts.error}`,
    percent(s.change_failure_rate_percent),
    `${s.rollbacks} (${s.rollbacks_verified} verified)`,
    `${duration(t.median)} / ${duration(t.p90)}${t.unrestored ? ` (${t.unrestored} not restored)` : ''}`,
    `${duration(s.time_to_verdict_seconds.median)} / ${duration(s.time_to_verdict_seconds.p90)}`,
    percent(p.availability_percent, 3),
    ...(monitored ? [percent(s.between_deploys.availability_percent, 3)] : []),
    millis(p.p95_ms_median),
  ].join(' | ');
}

const header = (monitored: boolean) =>
  `| service | gates | healthy / failed / not decided | change failure rate | rollbacks | time to restore median / p90 | time to verdict median / p90 | availability sampled by gates¹ |${monitored ? ' availability between deploys³ |' : ''} p95¹ (median of gates) |\n|---|--:|--:|--:|--:|--:|--:|--:|${monitored ? '--:|' : ''}--:|`;

/** Links to a failed gate's run and artifact, or its folder when it has neither. */
function links(f: Report['restores'][number]): string {
  const parts = [
    ...(runLink(f.run_url) ? [`[run](${f.run_url})`] : []),
    ...(artifactLink(f.artifact_url) ? [`[artifact](${f.artifact_url})`] : []),
  ];
  return parts.length ? parts.join(' · ') : code(f.record);
}

export function renderMarkdown(report: Report): string {
  const period = report.windows.at(-1);
  const lines: string[] = [];
  const o = period?.overall;
  const monitored = report.records.monitor_runs > 0;
  lines.push(
    `## 📊 Deployment report — ${cell(report.period)} to ${cell(when(report.generated_at))}`,
    '',
    o
      ? `**${o.deployments} gates**, ${o.failed} failed (change failure rate ${percent(o.change_failure_rate_percent)}), ${o.rollbacks} rollbacks (${o.rollbacks_verified} verified), time to restore median ${duration(o.time_to_restore_seconds.median)}.`
      : 'No records.',
    '',
  );
  const r = report.records;
  lines.push(
    `Records: ${r.found} found, ${r.counted} counted${r.duplicates ? `, ${r.duplicates} duplicates counted once` : ''}${monitored ? `, ${r.monitor_runs} monitor run${r.monitor_runs === 1 ? '' : 's'} (availability between deploys, not deployments)` : ''}.`,
  );
  if (r.failed_checksum.length) {
    lines.push(
      '',
      `> [!WARNING]\n> ${r.failed_checksum.length} record${r.failed_checksum.length === 1 ? '' : 's'} failed ${r.failed_checksum.length === 1 ? 'its' : 'their'} checksum and ${r.failed_checksum.length === 1 ? 'is' : 'are'} not counted: ${r.failed_checksum.map((f) => `${code(f.path)} (${cell(f.detail)})`).join(', ')}`,
    );
  }
  if (r.skipped.length) {
    lines.push(
      '',
      `${r.skipped.length} record${r.skipped.length === 1 ? '' : 's'} skipped: ${r.skipped.map((s) => `${code(s.path)} (${cell(s.reason)})`).join(', ')}`,
    );
  }
  for (const w of report.windows) {
    lines.push(
      '',
      `### Last ${cell(w.name)}`,
      '',
      header(monitored),
      `| **all** | ${row(w.overall, monitored)} |`,
    );
    for (const s of w.services) lines.push(`| ${cell(s.service)} | ${row(s, monitored)} |`);
  }
  const failures = report.restores;
  if (failures.length) {
    lines.push(
      '',
      `### Failed gates in the last ${cell(report.period)}`,
      '',
      '| service | verdict | failed at | restored | via | links |',
      '|---|---|---|--:|---|---|',
    );
    for (const f of failures.slice(-50))
      lines.push(
        `| ${cell(f.service)} | ${cell(f.verdict)} | ${cell(when(f.failed_at))} | ${f.seconds === null ? 'not yet' : `after ${duration(f.seconds)}`} | ${cell(f.via)} | ${links(f)} |`,
      );
    if (failures.length > 50)
      lines.push('', `(${failures.length - 50} earlier failed gates in report.json)`);
  }
  lines.push(...sloMarkdown(report));
  lines.push(...incidentsMarkdown(report));
  lines.push(
    '',
    "¹ Seen by the gates' own probes, sampled around deploys only: not the availability of the service between deploys.",
    ...(report.slo ? ['', SLO_FOOTNOTE] : []),
    ...(monitored
      ? [
          '',
          '³ Measured between deploys by scheduled monitor runs (mode: monitor): their probes that succeeded, of all they counted, in runs that started in the window.',
        ]
      : []),
    '',
  );
  return lines.join('\n');
}
