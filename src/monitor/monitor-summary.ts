/**
 * What a person sees of a monitor run: services in alert first (what fired, the burn rates that
 * fired it, the budget left), then one compact row per service and SLO. Outputs: the worst
 * service's numbers at the top level, every service's in `services` (JSON).
 */
import { capText, oneLine } from '../summary/outside-text.js';
import { cell, code } from '../summary/escape.js';
import type { MonitorResult, ServiceState, SloState } from './run-monitor.js';

const num = (value: number | null, digits = 2) =>
  value === null ? '–' : String(Math.round(value * 10 ** digits) / 10 ** digits);
const percent = (value: number | null, digits = 3) =>
  value === null ? '–' : `${num(value, digits)} %`;
const burn = (value: number | null) => (value === null ? '–' : `${num(value, 1)}×`);
const minutes = (value: number) => `${num(value, 1)} min`;
const ICON = { page: '🔴 page', ticket: '🟠 ticket', none: '🟢 none' } as const;

/** Worst first: paging, then ticketing, then the least budget left. */
function worst(a: ServiceState, b: ServiceState): number {
  const order = { page: 0, ticket: 1, none: 2 };
  return order[a.alert] - order[b.alert] || remaining(a) - remaining(b);
}
const remaining = (s: ServiceState) =>
  Math.min(...s.slos.map((slo) => slo.budget.remainingPercent ?? Infinity));

function alertLines(service: ServiceState): string[] {
  return service.slos
    .filter((slo) => slo.level !== 'none')
    .map(
      (slo) =>
        `- **${ICON[slo.level]}** ${cell(slo.entry)} ${cell(slo.objective.name)}: ${cell(slo.rule ?? '')}; burn 5m ${burn(slo.rates['5m'])}, 1h ${burn(slo.rates['1h'])}, 6h ${burn(slo.rates['6h'])}, 3d ${burn(slo.rates['3d'])}; budget left ${percent(slo.budget.remainingPercent, 1)}, ${num(Math.max(0, slo.budget.budgetMinutes - slo.budget.consumedMinutes), 1)} of ${minutes(slo.budget.budgetMinutes)}${slo.event ? ` · ${slo.event.kind} now` : ''}`,
    );
}

function row(slo: SloState): string {
  const b = slo.budget;
  return `| ${cell(slo.entry)} | ${cell(slo.objective.name)} | ${percent(b.sliPercent)} | ${percent(slo.objective.target * 100)} | ${percent(b.remainingPercent, 1)} | ${minutes(b.consumedMinutes)} of ${minutes(b.budgetMinutes)} | ${burn(slo.rates['1h'])} | ${burn(slo.rates['6h'])} | ${ICON[slo.level]} | ${percent(b.coveragePercent, 1)}${b.gaps.length ? `, ${b.gaps.length} gap${b.gaps.length === 1 ? '' : 's'}` : ''} |`;
}

export function monitorSummary(result: MonitorResult, window: string): string {
  const services = [...result.services].sort(worst);
  const inAlert = services.filter((s) => s.alert !== 'none');
  const probes = result.services.reduce((n, s) => n + s.counts.total, 0);
  const seconds = Math.round((result.endedAt - result.startedAt) / 1000);
  const lines = [
    `## deploy-gate monitor: ${inAlert.length === 0 ? 'every SLO within its burn-rate limits' : `${inAlert.length} service${inAlert.length === 1 ? '' : 's'} in alert`}`,
    '',
    `${result.services.length} service${result.services.length === 1 ? '' : 's'}, ${probes} probes over ${seconds} s; budgets over ${code(window)} from every monitor run kept in the ledger.`,
    '',
  ];
  for (const service of inAlert) {
    lines.push(...alertLines(service));
    for (const line of service.evidence.slice(0, 3))
      lines.push(`  - ${cell(capText(oneLine(line)))}`);
  }
  if (inAlert.length) lines.push('');
  lines.push(
    `| service | SLO | SLI | target | budget left | budget used | burn 1h | burn 6h | alert | watched of ${cell(window)} |`,
    '|---|---|--:|--:|--:|--:|--:|--:|---|--:|',
  );
  for (const service of services) for (const slo of service.slos) lines.push(row(slo));
  lines.push(
    '',
    'SLI and budget count the probes of every monitor run in the window (events, not time); a gap in the schedule is shown in coverage, never counted as uptime. Burn rate = error ratio over the window ÷ (1 − target). Alerts: page when 1h and 5m > 14.4 or 6h and 30m > 6; ticket when 1d and 2h > 3 or 3d and 6h > 1.',
    '',
  );
  return lines.join('\n');
}

/** The top-level outputs follow the service that most needs attention. */
export function monitorOutputs(result: MonitorResult): Record<string, string> {
  const services = [...result.services].sort(worst);
  const first = services[0];
  const availability = (s: ServiceState) =>
    s.slos.find((slo) => slo.objective.kind === 'availability');
  const a = first ? availability(first) : undefined;
  const fmt = (value: number | null | undefined, digits: number) =>
    value === null || value === undefined ? '' : num(value, digits);
  return {
    availability: fmt(a?.budget.sliPercent, 3),
    'error-budget-remaining': fmt(first ? remaining(first) : null, 2).replace('Infinity', ''),
    'burn-rate-1h': fmt(a?.rates['1h'], 2),
    'burn-rate-6h': fmt(a?.rates['6h'], 2),
    alert: first?.alert ?? 'none',
    services: JSON.stringify(
      services.map((s) => {
        const slo = availability(s);
        return {
          service: s.name,
          alert: s.alert,
          availability: slo?.budget.sliPercent ?? null,
          error_budget_remaining: Number.isFinite(remaining(s)) ? remaining(s) : null,
          burn_rate_1h: slo?.rates['1h'] ?? null,
          burn_rate_6h: slo?.rates['6h'] ?? null,
        };
      }),
    ),
  };
}
