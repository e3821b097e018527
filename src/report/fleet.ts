/**
 * A fleet's verdict and summary: the worst service decides; the summary opens with one row per
 * service, then each service's own section.
 */
import type { Outcome, Verdict } from '../pipeline/run-pipeline.js';
import { cell } from './escape.js';
import { formatMs, formatPercent } from './format.js';
import { verdictHeadline, verdictIcon } from './gate-summary.js';

/** Worst first: a human must act, nothing was judged, a release is bad, a release was put back. */
const SEVERITY: readonly Verdict[] = [
  'rollback-failed',
  'error',
  'unhealthy',
  'rolled-back',
  'cancelled',
  'healthy',
];

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return SEVERITY.find((v) => verdicts.includes(v)) ?? 'healthy';
}

export interface FleetEntry {
  name: string;
  outcome: Outcome;
  summary: string;
}

export function fleetReason(entries: readonly FleetEntry[]): string {
  const worst = worstVerdict(entries.map((e) => e.outcome.verdict));
  const counts = SEVERITY.map(
    (v) => [v, entries.filter((e) => e.outcome.verdict === v).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  if (worst === 'healthy') return `all ${entries.length} services healthy`;
  const first = entries.find((e) => e.outcome.verdict === worst) as FleetEntry;
  return `${counts}; ${first.name}: ${first.outcome.reason}`;
}

export function fleetSummary(entries: readonly FleetEntry[]): string {
  const worst = worstVerdict(entries.map((e) => e.outcome.verdict));
  const lines = [
    verdictHeadline(worst, fleetReason(entries)),
    '| service | verdict | probes | error rate | p95 | rollback | reason |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  for (const e of entries) {
    const o = e.outcome;
    const t = o.release?.totals;
    const rb = o.rollback;
    const rollback = rb?.run
      ? rb.run.ok
        ? 'ran'
        : 'failed'
      : rb?.decision.action === 'dry-run'
        ? 'dry-run'
        : '–';
    lines.push(
      `| ${cell(e.name)} | ${verdictIcon(o.verdict)} ${o.verdict} | ${t?.attempts ?? 0} | ${formatPercent(t?.errorRate)} | ${formatMs(t?.p95)} | ${rollback} | ${cell(o.reason)} |`,
    );
  }
  return [lines.join('\n'), '', ...entries.map((e) => e.summary)].join('\n');
}
