/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external asset) that a
 * person reads at a glance. Every text from a record is HTML-escaped; only plain https run URLs
 * become links.
 */
import { runLink } from './render-md.js';
import type { Report, Stats } from './report-schema.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const esc = (text: string | number | null) =>
  text === null ? '–' : String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

const W = 720;
const H = 180;
const PAD = 28;

/** Deployments per day as bars, the failed part of each in red. */
function dailyChart(days: Report['days']): string {
  const max = Math.max(1, ...days.map((d) => d.deployments));
  const slot = (W - PAD * 2) / Math.max(1, days.length);
  const bar = Math.max(1, slot * 0.8);
  const y = (n: number) => ((H - PAD * 2) * n) / max;
  const bars = days
    .map((d, i) => {
      const x = PAD + i * slot;
      const all = y(d.deployments);
      const failed = y(d.failed);
      return `<g><title>${esc(d.date)}: ${d.deployments} gates, ${d.failed} failed</title><rect class="ok" x="${x.toFixed(1)}" y="${(H - PAD - all).toFixed(1)}" width="${bar.toFixed(1)}" height="${all.toFixed(1)}"/><rect class="bad" x="${x.toFixed(1)}" y="${(H - PAD - failed).toFixed(1)}" width="${bar.toFixed(1)}" height="${failed.toFixed(1)}"/></g>`;
    })
    .join('');
  const first = days[0]?.date ?? '';
  const last = days.at(-1)?.date ?? '';
  return `<svg class="chart" id="chart-deployments" role="img" aria-label="Deployments and failures per day" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#888"/>${bars}<text x="${PAD}" y="${H - 8}">${esc(first)}</text><text x="${W - PAD}" y="${H - 8}" text-anchor="end">${esc(last)}</text><text x="${PAD}" y="14">max ${max} gates/day</text></svg>`;
}

/** Time to restore of each restored failed gate of the period, oldest first. */
function restoreChart(restores: Report['restores']): string {
  const done = restores.filter((r) => r.seconds !== null).slice(-60);
  if (done.length === 0)
    return `<svg class="chart" id="chart-restore" role="img" aria-label="Time to restore" viewBox="0 0 ${W} 40" width="${W}" height="40"><text x="${PAD}" y="24">No failed gate was restored in the period.</text></svg>`;
  const max = Math.max(1, ...done.map((r) => r.seconds as number));
  const slot = (W - PAD * 2) / done.length;
  const bar = Math.max(1, slot * 0.8);
  const bars = done
    .map((r, i) => {
      const h = ((H - PAD * 2) * (r.seconds as number)) / max;
      return `<g><title>${esc(r.service)} ${esc(r.failed_at)}: ${r.seconds} s via ${esc(r.via)}</title><rect class="${r.via === 'rollback' ? 'rb' : 'next'}" x="${(PAD + i * slot).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}"/></g>`;
    })
    .join('');
  return `<svg class="chart" id="chart-restore" role="img" aria-label="Time to restore" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#888"/>${bars}<text x="${PAD}" y="14">max ${max} s</text><text x="${PAD}" y="${H - 8}">blue: verified rollback · grey: next healthy gate</text></svg>`;
}

function statsRow(name: string, s: Stats): string {
  const t = s.time_to_restore_seconds;
  const p = s.probes_sampled_around_deploys;
  const cells = [
    name,
    s.deployments,
    s.failed,
    s.change_failure_rate_percent === null ? null : `${s.change_failure_rate_percent} %`,
    `${s.rollbacks} (${s.rollbacks_verified} verified)`,
    t.median === null ? null : `${t.median} s / ${t.p90} s`,
    t.unrestored,
    s.time_to_verdict_seconds.median === null ? null : `${s.time_to_verdict_seconds.median} s`,
    p.availability_percent === null ? null : `${p.availability_percent} %`,
    p.p95_ms_median === null ? null : `${p.p95_ms_median} ms`,
  ];
  return `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
}

export function renderHtml(report: Report): string {
  const r = report.records;
  const windows = report.windows
    .map(
      (w) =>
        `<h2>Last ${esc(w.name)}</h2><table><thead><tr><th>service</th><th>gates</th><th>failed</th><th>change failure rate</th><th>rollbacks</th><th>time to restore median / p90</th><th>not restored</th><th>time to verdict (median)</th><th>availability*</th><th>p95* (median of gates)</th></tr></thead><tbody>${statsRow('all', w.overall)}${w.services.map((s) => statsRow(s.service, s)).join('')}</tbody></table>`,
    )
    .join('');
  const failed = report.restores
    .slice(-100)
    .map(
      (f) =>
        `<tr><td>${esc(f.service)}</td><td>${esc(f.verdict)}</td><td>${esc(f.failed_at)}</td><td>${f.seconds === null ? 'not yet' : `${f.seconds} s`}</td><td>${esc(f.via)}</td><td>${runLink(f.run_url) ? `<a href="${esc(f.run_url)}">run</a>` : esc(f.record)}</td></tr>`,
    )
    .join('');
  const problems = [
    ...r.failed_checksum.map(
      (f) => `<li>failed its checksum: <code>${esc(f.path)}</code> (${esc(f.detail)})</li>`,
    ),
    ...r.skipped.map((s) => `<li>skipped: <code>${esc(s.path)}</code> (${esc(s.reason)})</li>`),
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>deploy-gate report ${esc(report.period)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}td:first-child,th:first-child{text-align:left}
.chart text{font-size:11px;fill:#444}.ok{fill:#4a9d5b}.bad{fill:#d64545}.rb{fill:#3b6fd6}.next{fill:#999}
.warn{background:#fff4e5;border-left:4px solid #e69500;padding:.5em 1em}
</style></head><body>
<h1>Deployment report — last ${esc(report.period)} to ${esc(report.generated_at)}</h1>
<p>Records: ${r.found} found, ${r.counted} counted${r.duplicates ? `, ${r.duplicates} duplicates counted once` : ''}.</p>
${problems ? `<div class="warn"><p>${r.failed_checksum.length} record${r.failed_checksum.length === 1 ? '' : 's'} failed ${r.failed_checksum.length === 1 ? 'its' : 'their'} checksum, ${r.skipped.length} skipped; none of them is counted.</p><ul>${problems}</ul></div>` : ''}
<h2>Deployments and failures per day</h2>
${dailyChart(report.days)}
<h2>Time to restore</h2>
${restoreChart(report.restores)}
${windows}
<h2>Failed gates</h2>
<table><thead><tr><th>service</th><th>verdict</th><th>failed at</th><th>restored after</th><th>via</th><th>run</th></tr></thead><tbody>${failed}</tbody></table>
<p>* Seen by the gates' own probes, sampled around deploys only: not the availability of the service between deploys.</p>
</body></html>
`;
}
