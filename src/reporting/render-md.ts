/** report.md, also the job summary: every text that came from a record goes through cell()/code(). */
import { cell, code } from '../report/escape.js';
import type { Report, Stats } from './report-schema.js';

/** Only a plain https URL (a GitHub run) becomes a link; anything else is shown as text. */
export const runLink = (url: string | null): url is string =>
  url !== null && /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9_.-]+)+$/.test(url);

const num = (value: number | null, unit = '') => (value === null ? '–' : `${value}${unit}`);

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round((seconds / 60) * 10) / 10} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}

function row(s: Stats): string {
  const t = s.time_to_restore_seconds;
  const p = s.probes_sampled_around_deploys;
  return [
    s.deployments,
    `${s.verdicts.healthy} / ${s.failed} / ${s.verdicts.cancelled + s.verdicts.error}`,
    num(s.change_failure_rate_percent, ' %'),
    `${s.rollbacks} (${s.rollbacks_verified} verified)`,
    `${duration(t.median)} / ${duration(t.p90)}${t.unrestored ? ` (${t.unrestored} not restored)` : ''}`,
    `${duration(s.time_to_verdict_seconds.median)} / ${duration(s.time_to_verdict_seconds.p90)}`,
    num(p.availability_percent, ' %'),
    num(p.p95_ms_median, ' ms'),
  ].join(' | ');
}

const HEADER =
  '| service | gates | healthy / failed / not decided | change failure rate | rollbacks | time to restore median / p90 | time to verdict median / p90 | availability¹ | p95¹ (median of gates) |\n|---|---|---|---|---|---|---|---|---|';

export function renderMarkdown(report: Report): string {
  const period = report.windows.at(-1);
  const lines: string[] = [];
  const o = period?.overall;
  lines.push(
    `## 📊 Deployment report — ${cell(report.period)} to ${cell(report.generated_at)}`,
    '',
    o
      ? `**${o.deployments} gates**, ${o.failed} failed (change failure rate ${num(o.change_failure_rate_percent, ' %')}), ${o.rollbacks} rollbacks (${o.rollbacks_verified} verified), time to restore median ${duration(o.time_to_restore_seconds.median)}.`
      : 'No records.',
    '',
  );
  const r = report.records;
  lines.push(
    `Records: ${r.found} found, ${r.counted} counted${r.duplicates ? `, ${r.duplicates} duplicates counted once` : ''}.`,
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
    lines.push('', `### Last ${cell(w.name)}`, '', HEADER, `| **all** | ${row(w.overall)} |`);
    for (const s of w.services) lines.push(`| ${cell(s.service)} | ${row(s)} |`);
  }
  const failures = report.restores;
  if (failures.length) {
    lines.push(
      '',
      `### Failed gates in the last ${cell(report.period)}`,
      '',
      '| service | verdict | failed at | restored | via | run |',
      '|---|---|---|---|---|---|',
    );
    for (const f of failures.slice(-50))
      lines.push(
        `| ${cell(f.service)} | ${cell(f.verdict)} | ${cell(f.failed_at)} | ${f.seconds === null ? 'not yet' : `after ${duration(f.seconds)}`} | ${cell(f.via)} | ${runLink(f.run_url) ? `[run](${f.run_url})` : code(f.record)} |`,
      );
    if (failures.length > 50)
      lines.push('', `(${failures.length - 50} earlier failed gates in report.json)`);
  }
  lines.push(
    '',
    "¹ Seen by the gates' own probes, sampled around deploys only: not the availability of the service between deploys.",
    '',
  );
  return lines.join('\n');
}
