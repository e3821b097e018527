/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external asset) that a
 * person reads at a glance. Every text from a record is HTML-escaped; only plain https run URLs
 * and artifact URLs built from GitHub's numbers become links.
 */
import { dailyChart, restoreChart } from './charts.js';
import { duration, millis, percent, when } from './format.js';
import { esc } from './html-escape.js';
import { incidentsHtml } from './render-incidents.js';
import { artifactLink, runLink } from './links.js';
import { sloHtml } from './render-slo.js';
import type { Report, Stats } from './report-schema.js';

export { esc };

/** A numeric cell: right-aligned, never wrapped. */
const num = (value: string | number | null) => `<td class="n">${esc(value)}</td>`;

function statsRow(name: string, s: Stats, monitored: boolean): string {
  const t = s.time_to_restore_seconds;
  const p = s.probes_sampled_around_deploys;
  return `<tr><td>${esc(name)}</td>${[
    s.deployments,
    s.failed,
    percent(s.change_failure_rate_percent),
    `${s.rollbacks} (${s.rollbacks_verified} verified)`,
    t.median === null ? null : `${duration(t.median)} / ${duration(t.p90)}`,
    t.unrestored,
    s.time_to_verdict_seconds.median === null ? null : duration(s.time_to_verdict_seconds.median),
    percent(p.availability_percent, 3),
    ...(monitored ? [percent(s.between_deploys.availability_percent, 3)] : []),
    millis(p.p95_ms_median),
  ]
    .map(num)
    .join('')}</tr>`;
}

function windowTable(w: Report['windows'][number], monitored: boolean): string {
  const th = (words: string) => `<th class="n">${words}</th>`;
  const head = [
    'gates',
    'failed',
    'change failure rate',
    'rollbacks',
    'time to restore median / p90',
    'not restored',
    'time to verdict, median',
    'availability, gates*',
    ...(monitored ? ['availability between deploys***'] : []),
    'p95, median of gates*',
  ]
    .map(th)
    .join('');
  const rows = [
    statsRow('all', w.overall, monitored),
    ...w.services.map((s) => statsRow(s.service, s, monitored)),
  ].join('');
  return `<h2>Last ${esc(w.name)}</h2><table><thead><tr><th>service</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function failedRow(f: Report['restores'][number]): string {
  const links = [
    ...(runLink(f.run_url) ? [`<a href="${esc(f.run_url)}">run</a>`] : []),
    ...(artifactLink(f.artifact_url) ? [`<a href="${esc(f.artifact_url)}">artifact</a>`] : []),
  ];
  return `<tr><td>${esc(f.service)}</td><td>${esc(f.verdict)}</td>${num(when(f.failed_at))}${num(f.seconds === null ? 'not yet' : duration(f.seconds))}<td>${esc(f.via)}</td><td>${links.length ? links.join(' · ') : `<code>${esc(f.record)}</code>`}</td></tr>`;
}

export function renderHtml(report: Report): string {
  const r = report.records;
  const monitored = r.monitor_runs > 0;
  const windows = report.windows.map((w) => windowTable(w, monitored)).join('');
  const failed = report.restores.slice(-100).map(failedRow).join('');
  const problems = [
    ...r.failed_checksum.map(
      (f) => `<li>failed its checksum: <code>${esc(f.path)}</code> (${esc(f.detail)})</li>`,
    ),
    ...r.skipped.map((s) => `<li>skipped: <code>${esc(s.path)}</code> (${esc(s.reason)})</li>`),
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>deploy-gate report ${esc(report.period)} to ${esc(when(report.generated_at))}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600}.n{text-align:right;font-variant-numeric:tabular-nums}td.n,.win{white-space:nowrap}
td.words{max-width:36em}
.chart{display:block;width:100%;height:auto;max-width:1100px;margin:.25em 0}
.chart text{font-size:12px;fill:#444}.chart text.name{font-weight:600;font-size:13px}.chart text.faint{fill:#b02020;opacity:.7}
.chart .grid{stroke:#e3e3e3}.chart .axis{stroke:#888}.chart .exhausted{fill:#fbeaea}
.ok{fill:#4a9d5b}.bad{fill:#d64545}.rb{fill:#3b6fd6}.next{fill:#999}
.warn{background:#fff4e5;border-left:4px solid #e69500;padding:.5em 1em}
.state{font-weight:600}.state.met{color:#2e7d32}.state.at-risk{color:#a06000}.state.breached{color:#b02020}.sub{color:#555}
.caption{color:#555;max-width:1100px}details{margin:0 0 1.5em}summary{cursor:pointer;color:#3b6fd6}
</style></head><body>
<h1>Deployment report — last ${esc(report.period)} to ${esc(when(report.generated_at))}</h1>
<p>Records: ${r.found} found, ${r.counted} counted${r.duplicates ? `, ${r.duplicates} duplicates counted once` : ''}${monitored ? `, ${r.monitor_runs} monitor run${r.monitor_runs === 1 ? '' : 's'} (availability between deploys, not deployments)` : ''}.</p>
${problems ? `<div class="warn"><p>${r.failed_checksum.length} record${r.failed_checksum.length === 1 ? '' : 's'} failed ${r.failed_checksum.length === 1 ? 'its' : 'their'} checksum, ${r.skipped.length} skipped; none of them is counted.</p><ul>${problems}</ul></div>` : ''}
<h2>Deployments and failures per day</h2>
${dailyChart(report.days)}
<h2>Time to restore</h2>
${restoreChart(report.restores)}
${sloHtml(report)}
${windows}
${incidentsHtml(report)}
<h2>Failed gates</h2>
<table><thead><tr><th>service</th><th>verdict</th><th class="n">failed at</th><th class="n">restored after</th><th>via</th><th>links</th></tr></thead><tbody>${failed}</tbody></table>
<p>* Seen by the gates' own probes, sampled around deploys only: not the availability of the service between deploys.</p>
${report.slo ? `<p>** Minutes the service was failing as the gates saw it (first failed probe to restore; not restored: to the window end), against window minutes × (1 − objective). Between deploys no gate looks. The budget by probe counts uses the probes of monitor runs in the window when there are any, else the gates' own.</p>` : ''}
${monitored ? `<p>*** Measured between deploys by scheduled monitor runs (mode: monitor): their probes that succeeded, of all they counted, in runs that started in the window.</p>` : ''}
</body></html>
`;
}
