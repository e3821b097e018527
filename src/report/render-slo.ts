/**
 * The SLO part of report.md and report.html: one row per service (its targets, then each window's
 * state and budget), the details per window below, the burn-down, and the top failing reasons.
 * Text from a record or the config (service names, reasons) goes through cell() in Markdown and
 * esc() in HTML.
 */
import { cell } from '../summary/escape.js';
import { burnDownChart } from './charts.js';
import { consumedText, millis, percent, remainingText } from './format.js';
import { esc } from './html-escape.js';
import type { FailingReason, Report, SloService, SloWindow } from './report-schema.js';

export { esc, burnDownChart };

/** Minutes as people read a budget: one decimal, "< 0.1" rather than a misleading 0. */
export function minutes(value: number): string {
  if (value > 0 && value < 0.05) return '< 0.1 min';
  return `${(Math.round(value * 10) / 10).toFixed(1)} min`;
}

/** "2.1 min of 43.2 min (4.8 %)"; far over: "61.3 min of 0.1 min, exhausted (425× over)". */
export function budgetText(b: NonNullable<SloWindow['budget']>): string {
  const spent = `${minutes(b.consumed_minutes)} of ${minutes(b.budget_minutes)}`;
  if (b.consumed_percent === null) return spent;
  const consumed = consumedText(b.consumed_percent);
  return consumed.startsWith('exhausted') ? `${spent}, ${consumed}` : `${spent} (${consumed})`;
}

/** The compact form for the one-row-per-service table: "4.8 % of 43.8 min". */
function budgetShort(b: NonNullable<SloWindow['budget']>): string {
  if (b.consumed_percent === null) return `${minutes(b.consumed_minutes)} spent`;
  const consumed = consumedText(b.consumed_percent);
  return consumed.startsWith('exhausted')
    ? consumed
    : `${consumed} of ${minutes(b.budget_minutes)}`;
}

const ICON: Record<SloWindow['state'], string> = {
  met: '🟢 met',
  'at risk': '🟠 at risk',
  breached: '🔴 breached',
  'no gates in window': '⚪ no gates in window',
  'no targets': '– no targets',
};

/** "≥ 99.95 % · p95 < 250 ms" */
export function targetsShort(targets: NonNullable<SloService['targets']>): string {
  return [
    targets.availability_percent === null ? null : `≥ ${targets.availability_percent} %`,
    targets.error_rate_percent === null ? null : `errors ≤ ${targets.error_rate_percent} %`,
    ...targets.latency.map((l) => `p${l.percentile} < ${l.limit_ms} ms`),
  ]
    .filter((t): t is string => t !== null)
    .join(' · ');
}

function targetText(w: SloWindow): string {
  return w.targets
    .map((t) => {
      const ratio = t.target === 'availability' || t.target === 'error_rate';
      const measured =
        t.measured === null ? '' : ` ${ratio ? percent(t.measured, 3) : millis(t.measured)}`;
      const over = t.gates_over
        ? `, ${t.gates_over} gate${t.gates_over === 1 ? '' : 's'} over`
        : '';
      return `${t.target}${measured} (${t.objective}${over}): ${t.state}`;
    })
    .join('; ');
}

function eventText(w: SloWindow): string {
  const e = w.event_budget;
  if (!e || e.remaining_percent === null) return '–';
  const source = e.source === 'monitor runs' ? 'monitor' : 'gate';
  return `${remainingText(e.remaining_percent)} (${e.failed} of ${e.total} ${source} probes failed)`;
}

/** Up to `count` dates spread over the burn-down, always with the last one. */
export function sampleDays<T>(days: readonly T[], count: number): T[] {
  if (days.length <= count) return [...days];
  const step = Math.ceil(days.length / count);
  const picked = days.filter((_, i) => (days.length - 1 - i) % step === 0);
  return picked.slice(-count);
}

function reasonsMarkdown(w: Report['windows'][number]): string[] {
  if (w.failing_reasons.length === 0) return [];
  return [
    '',
    `#### Top failing reasons, last ${cell(w.name)}`,
    '',
    '| reason | failed gates | services | latest, in its own words |',
    '|---|--:|---|---|',
    ...w.failing_reasons.map(
      (r) =>
        `| ${cell(r.reason)} | ${r.gates} | ${cell(r.services.join(', '))} | ${cell(r.example)} |`,
    ),
  ];
}

const noTargets = (s: SloService) =>
  s.in_config ? 'no targets in the config' : 'not in the config: no targets';

export function sloMarkdown(report: Report): string[] {
  const lines: string[] = [];
  const slo = report.slo;
  if (slo) {
    const names = slo.services[0]?.windows.map((w) => w.window) ?? [];
    lines.push(
      '',
      `### SLO compliance (targets from ${cell(slo.config)})`,
      '',
      `| service | targets | ${names.map((n) => `${cell(n)}: state, budget spent²`).join(' | ')} |`,
      `|---|---|${names.map(() => '---').join('|')}|`,
      ...slo.services.map((s) =>
        s.targets
          ? `| ${cell(s.service)} | ${cell(targetsShort(s.targets))} | ${s.windows.map((w) => `${ICON[w.state]}${w.budget ? ` · ${budgetShort(w.budget)}` : ''}`).join(' | ')} |`
          : `| ${cell(s.service)} | ${noTargets(s)} | ${names.map(() => '–').join(' | ')} |`,
      ),
      '',
      '<details><summary>Per window: budgets, probe counts, every target</summary>',
      '',
      '| service | window | state | error budget spent² | budget by probe counts¹ | targets¹ |',
      '|---|---|---|---|---|---|',
    );
    for (const s of slo.services) {
      if (!s.targets) {
        lines.push(`| ${cell(s.service)} | all | ${noTargets(s)} | – | – | – |`);
        continue;
      }
      for (const w of s.windows)
        lines.push(
          `| ${cell(s.service)} | ${cell(w.window)} | ${ICON[w.state]} | ${w.budget ? budgetText(w.budget) : '–'} | ${eventText(w)} | ${cell(targetText(w))} |`,
        );
    }
    lines.push('', '</details>');
    const withBudget = slo.services.filter((s) => s.burn_down.length > 0);
    if (withBudget.length) {
      const dates = sampleDays(withBudget[0]?.burn_down ?? [], 8).map((d) => d.date);
      lines.push(
        '',
        `#### Error budget remaining, end of day (last ${cell(report.period)})`,
        '',
        `| service | ${dates.join(' | ')} |`,
        `|---|${dates.map(() => '--:').join('|')}|`,
        ...withBudget.map((s) => {
          const byDate = new Map(s.burn_down.map((d) => [d.date, d]));
          return `| ${cell(s.service)} | ${dates
            .map((date) => {
              const d = byDate.get(date);
              if (!d) return '–';
              if (d.remaining_percent !== null && d.remaining_percent < 0)
                return remainingText(d.remaining_percent);
              return `${minutes(d.remaining_minutes)} (${percent(d.remaining_percent, 1)})`;
            })
            .join(' | ')} |`;
        }),
      );
    }
  }
  for (const w of report.windows) lines.push(...reasonsMarkdown(w));
  return lines;
}

export const SLO_FOOTNOTE =
  "² Minutes the service was failing as the gates saw it (first failed probe to restore; not restored: to the window end), against window minutes × (1 − objective). Between deploys no gate looks. Budget by probe counts: the probes of monitor runs (mode: monitor) in the window when there are any, else the gates' own.";

function reasonsHtml(w: Report['windows'][number]): string {
  if (w.failing_reasons.length === 0) return '';
  const rows = w.failing_reasons
    .map(
      (r: FailingReason) =>
        `<tr><td>${esc(r.reason)}</td><td class="n">${r.gates}</td><td>${esc(r.services.join(', '))}</td><td class="words">${esc(r.example)}</td></tr>`,
    )
    .join('');
  return `<h3>Top failing reasons, last ${esc(w.name)}</h3><table class="reasons"><thead><tr><th>reason</th><th class="n">failed gates</th><th>services</th><th>latest, in its own words</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const stateClass = (state: string) => `state ${state.replace(/ /g, '-')}`;

function compactRow(s: SloService, windows: number): string {
  if (!s.targets)
    return `<tr><td>${esc(s.service)}</td><td>${noTargets(s)}</td>${'<td>–</td>'.repeat(windows)}</tr>`;
  const cells = s.windows
    .map(
      (w) =>
        `<td class="win"><span class="${stateClass(w.state)}">${esc(w.state)}</span>${w.budget ? ` <span class="sub">${esc(budgetShort(w.budget))}</span>` : ''}</td>`,
    )
    .join('');
  return `<tr><td>${esc(s.service)}</td><td class="win">${esc(targetsShort(s.targets))}</td>${cells}</tr>`;
}

export function sloHtml(report: Report): string {
  const slo = report.slo;
  let body = '';
  if (slo) {
    const names = slo.services[0]?.windows.map((w) => w.window) ?? [];
    const compact = slo.services.map((s) => compactRow(s, names.length)).join('');
    const details = slo.services
      .flatMap((s) =>
        s.targets
          ? s.windows.map(
              (w) =>
                `<tr><td>${esc(s.service)}</td><td>${esc(w.window)}</td><td><span class="${stateClass(w.state)}">${esc(w.state)}</span></td><td class="n">${w.budget ? esc(budgetText(w.budget)) : '–'}</td><td class="n">${esc(eventText(w))}</td><td class="words">${esc(targetText(w))}</td></tr>`,
            )
          : [
              `<tr><td>${esc(s.service)}</td><td>all</td><td>${noTargets(s)}</td><td>–</td><td>–</td><td>–</td></tr>`,
            ],
      )
      .join('');
    body += `<h2>SLO compliance</h2><p>Targets from <code>${esc(slo.config)}</code>. State and error budget spent** per window.</p><table class="slo"><thead><tr><th>service</th><th>targets</th>${names.map((n) => `<th>last ${esc(n)}</th>`).join('')}</tr></thead><tbody>${compact}</tbody></table><details><summary>Per window: budgets, probe counts, every target</summary><table class="slo-details"><thead><tr><th>service</th><th>window</th><th>state</th><th class="n">error budget spent**</th><th class="n">budget by probe counts*</th><th>targets*</th></tr></thead><tbody>${details}</tbody></table></details>`;
  }
  body += `<h2>Error budget burn-down</h2>${burnDownChart(slo)}<p class="caption">Error budget remaining at the end of each UTC day of the last ${esc(report.period)}, as a percent of the period's budget in minutes (the minutes each service was failing as the gates saw it). Every panel has the same scale; below 0 % the budget is exhausted, and a line below −100 % is drawn at −100 % (the exact numbers are in report.json).</p>`;
  body += report.windows.map(reasonsHtml).join('');
  return body;
}
