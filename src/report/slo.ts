/**
 * Compliance and error budgets per service (no I/O), from the gates' facts and the config's
 * slo_targets. The rule, one for every budget-like number:
 *
 *   consumed = what was spent / what the target allows, in percent
 *   breached  consumed > 100 %  (the budget remaining is below 0)
 *   at risk   consumed >= 75 %  (a quarter or less left: time to slow down, not yet to stop)
 *   met       below that
 *
 * 75 % is where the SRE workbook's slowest alert (10 % of a 30-day budget in 3 days) has long
 * fired for any steady burn, and it leaves a quarter of the window's budget to act in.
 *
 * Two budgets for availability, because they see different things:
 * - minutes: the window's minutes × (1 − objective), spent while the service was failing as the
 *   gates saw it (a failed gate's first failed probe, else its verdict, to its restore; an
 *   unrestored failure to the window's end; overlaps once). This one sets the budget's state.
 * - counts (Pyrra's): ((1 − objective) − failed / total) / (1 − objective) over probes: those of
 *   monitor runs in the window when there are any (they sample between deploys, on a schedule),
 *   else the gates' own, which sample only the minutes around deploys. The same counts set the
 *   availability and error_rate targets' state.
 */
import type { SloTargets } from '../settings/slo-targets.js';
import { betweenDeploys } from './monitor-counts.js';
import type { MonitorFact } from './read-monitor.js';
import type { GateFact } from './read-record.js';
import type {
  ComplianceState,
  Restore,
  Slo,
  SloService,
  SloWindow,
  TargetResult,
} from './report-schema.js';

export const AT_RISK_CONSUMED_PERCENT = 75;
const MINUTE = 60_000;
const DAY = 86_400_000;

export interface SloConfig {
  /** The config file, as the input named it. */
  file: string;
  /** Every service of the file; null when it sets no slo_targets. */
  services: ReadonlyMap<string, SloTargets | null>;
}

export interface Window {
  name: string;
  from: number;
  to: number;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export function stateOf(consumedPercent: number | null, overspent: boolean): ComplianceState {
  if (overspent) return 'breached';
  if (consumedPercent !== null && consumedPercent >= AT_RISK_CONSUMED_PERCENT) return 'at risk';
  return 'met';
}

const RANK: Record<string, number> = { met: 0, 'at risk': 1, breached: 2 };

/** [start, end) spans the service was failing as the gates saw it, merged; end may be Infinity. */
export function downtimeSpans(restores: readonly Restore[]): Array<[number, number]> {
  const spans = restores
    .map((r): [number, number] => [
      Date.parse(r.failed_at),
      r.restored_at === null ? Infinity : Date.parse(r.restored_at),
    ])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Milliseconds of the spans inside [from, to]. */
export function downtimeWithin(spans: ReadonlyArray<[number, number]>, from: number, to: number) {
  let ms = 0;
  for (const [start, end] of spans) ms += Math.max(0, Math.min(end, to) - Math.max(start, from));
  return ms;
}

/** The availability objective the budgets use: availability, else 100 − error_rate (as the gate). */
export function objectiveOf(targets: SloTargets): number | undefined {
  if (targets.availability !== undefined) return targets.availability;
  return targets.errorRate === undefined ? undefined : 100 - targets.errorRate;
}

function timeBudget(objective: number, spans: Array<[number, number]>, w: Window) {
  const budgetMs = (w.to - w.from) * ((100 - objective) / 100);
  const consumedMs = downtimeWithin(spans, w.from, w.to);
  const consumedPercent = budgetMs > 0 ? round((consumedMs / budgetMs) * 100, 2) : null;
  return {
    objective_percent: objective,
    budget_minutes: round(budgetMs / MINUTE, 3),
    consumed_minutes: round(consumedMs / MINUTE, 3),
    remaining_minutes: round((budgetMs - consumedMs) / MINUTE, 3),
    consumed_percent: consumedPercent,
    remaining_percent: consumedPercent === null ? null : round(100 - consumedPercent, 2),
    state: stateOf(consumedPercent, consumedMs > budgetMs),
  };
}

/** Observed error ratio against the tolerated one (both in percent). */
function ratioTarget(
  target: string,
  objective: string,
  measured: number | null,
  observedErrorPercent: number | null,
  toleratedPercent: number,
): TargetResult {
  const consumed =
    observedErrorPercent === null || toleratedPercent <= 0
      ? null
      : round((observedErrorPercent / toleratedPercent) * 100, 2);
  const overspent = observedErrorPercent !== null && observedErrorPercent > toleratedPercent;
  return {
    target,
    objective,
    measured,
    worst: null,
    gates_over: null,
    budget_consumed_percent: consumed,
    state: observedErrorPercent === null ? 'not measured' : stateOf(consumed, overspent),
  };
}

/** The median of the gates' own pNN against the limit; only p50, p95 and p99 are recorded. */
function latencyTarget(
  facts: readonly GateFact[],
  target: { key: string; percentile: number; limitMs: number },
): TargetResult {
  const field = ({ 50: 'p50', 95: 'p95', 99: 'p99' } as const)[target.percentile];
  const values = field
    ? facts.map((f) => f.latencyMs[field]).filter((v): v is number => v !== null)
    : [];
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length
    ? sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
    : null;
  const over = values.filter((v) => v > target.limitMs).length;
  return {
    target: target.key,
    objective: `< ${target.limitMs} ms`,
    measured: median,
    worst: sorted.length ? (sorted.at(-1) as number) : null,
    gates_over: field ? over : null,
    budget_consumed_percent: null,
    state:
      median === null
        ? 'not measured'
        : median > target.limitMs
          ? 'breached'
          : over > 0
            ? 'at risk'
            : 'met',
  };
}

function serviceWindow(
  targets: SloTargets | null,
  facts: readonly GateFact[],
  monitors: readonly MonitorFact[],
  service: string,
  spans: Array<[number, number]>,
  w: Window,
): SloWindow {
  const inWindow = facts.filter((f) => f.endedAt > w.from && f.endedAt <= w.to);
  if (!targets)
    return {
      window: w.name,
      gates: inWindow.length,
      state: 'no targets',
      budget: null,
      event_budget: null,
      targets: [],
    };
  const monitored = betweenDeploys(monitors, w.from, w.to, service);
  const fromMonitor = monitored.probes > 0;
  const gateTotal = inWindow.reduce((sum, f) => sum + f.attempts, 0);
  const total = fromMonitor ? monitored.probes : gateTotal;
  const failed = fromMonitor
    ? monitored.failed
    : gateTotal - inWindow.reduce((sum, f) => sum + f.successes, 0);
  const errorPercent = total ? (failed / total) * 100 : null;
  const objective = objectiveOf(targets);
  const budget = objective === undefined ? null : timeBudget(objective, spans, w);
  const allowed = objective === undefined ? 0 : 100 - objective;
  const results: TargetResult[] = [];
  if (targets.availability !== undefined)
    results.push(
      ratioTarget(
        'availability',
        `>= ${targets.availability} %`,
        errorPercent === null ? null : round(100 - errorPercent, 3),
        errorPercent,
        100 - targets.availability,
      ),
    );
  if (targets.errorRate !== undefined)
    results.push(
      ratioTarget(
        'error_rate',
        `<= ${targets.errorRate} %`,
        errorPercent === null ? null : round(errorPercent, 3),
        errorPercent,
        targets.errorRate,
      ),
    );
  for (const latency of targets.latency) results.push(latencyTarget(inWindow, latency));
  const states = [budget?.state, ...results.map((r) => r.state)].filter(
    (s): s is ComplianceState => s !== undefined && s in RANK,
  );
  const worst = states.reduce<ComplianceState>((a, b) => (RANK[b]! > RANK[a]! ? b : a), 'met');
  return {
    window: w.name,
    gates: inWindow.length,
    state: inWindow.length === 0 && !fromMonitor && worst === 'met' ? 'no gates in window' : worst,
    budget,
    event_budget:
      objective === undefined
        ? null
        : {
            objective_percent: objective,
            source: fromMonitor ? 'monitor runs' : 'gate probes',
            total,
            failed,
            remaining_percent:
              total && allowed > 0
                ? round(((allowed / 100 - failed / total) / (allowed / 100)) * 100, 2)
                : null,
          },
    targets: results,
  };
}

/** The period's minute budget at the end of each UTC day (the last day ends now). */
function burnDown(
  targets: SloTargets | null,
  spans: Array<[number, number]>,
  period: Window,
  days: readonly string[],
): SloService['burn_down'] {
  const objective = targets ? objectiveOf(targets) : undefined;
  if (objective === undefined) return [];
  const budgetMs = (period.to - period.from) * ((100 - objective) / 100);
  return days.map((date) => {
    const end = Math.min(Date.parse(`${date}T00:00:00.000Z`) + DAY, period.to);
    const consumedMs = downtimeWithin(spans, period.from, Math.max(period.from, end));
    const consumedPercent = budgetMs > 0 ? (consumedMs / budgetMs) * 100 : null;
    return {
      date,
      consumed_minutes: round(consumedMs / MINUTE, 3),
      remaining_minutes: round((budgetMs - consumedMs) / MINUTE, 3),
      remaining_percent: consumedPercent === null ? null : round(100 - consumedPercent, 2),
    };
  });
}

/**
 * Every service of the config file and of the records. `windows` end with the period; `days`
 * are the period's UTC days; `restores` are every failed gate's restore (any time: a failure
 * before a window that lasts into it spends that window's budget too).
 */
export function sloSection(
  config: SloConfig,
  facts: readonly GateFact[],
  monitors: readonly MonitorFact[],
  restores: readonly Restore[],
  windows: readonly Window[],
  days: readonly string[],
): Slo {
  const names = [
    ...new Set([
      ...config.services.keys(),
      ...facts.map((f) => f.service),
      ...monitors.flatMap((m) => m.services.map((s) => s.service)),
    ]),
  ].sort();
  const period = windows.at(-1) as Window;
  return {
    config: config.file,
    services: names.map((service) => {
      const targets = config.services.get(service) ?? null;
      const own = facts.filter((f) => f.service === service);
      const spans = downtimeSpans(restores.filter((r) => r.service === service));
      return {
        service,
        in_config: config.services.has(service),
        targets: targets && {
          availability_percent: targets.availability ?? null,
          error_rate_percent: targets.errorRate ?? null,
          latency: targets.latency.map((l) => ({
            key: l.key,
            percentile: l.percentile,
            limit_ms: l.limitMs,
          })),
        },
        windows: windows.map((w) => serviceWindow(targets, own, monitors, service, spans, w)),
        burn_down: burnDown(targets, spans, period, days),
      };
    }),
  };
}
