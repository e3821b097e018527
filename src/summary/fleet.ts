/**
 * A fleet's verdict and summary: the worst service decides. The page opens with a sentence and
 * one table of services, worst first; then each failing service's own section (at `###`), then
 * the healthy ones folded. Bounded: sections that would take the page past its budget are left
 * to the artifact, with a note.
 */
import type { Outcome, Verdict } from '../service/run-pipeline.js';
import { decisionTarget } from '../rollback/decide-and-roll-back.js';
import type { ServiceSettings } from '../settings/service-settings.js';
import { cell } from './escape.js';
import { formatMs, formatPercent, plural } from './format.js';
import { headlineSentence } from './headline.js';
import { verdictIcon } from './verdict-icon.js';

/** Worst first: a human must act, nothing was judged, a release is bad, a release was put back. */
const SEVERITY: readonly Verdict[] = [
  'rollback-failed',
  'error',
  'unhealthy',
  'rolled-back',
  'cancelled',
  'healthy',
];

/** The fleet page's own budget (bytes); the evidence footer comes on top. */
export const FLEET_BUDGET = 48 * 1024;
/** Rows of the services table. */
const SERVICE_ROWS = 50;

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return SEVERITY.find((v) => verdicts.includes(v)) ?? 'healthy';
}

export interface FleetEntry {
  name: string;
  outcome: Outcome;
  summary: string;
  /** The service's endpoint groups (the headline names its version from them). */
  settings?: ServiceSettings;
}

export function fleetReason(entries: readonly FleetEntry[]): string {
  const worst = worstVerdict(entries.map((e) => e.outcome.verdict));
  const counts = SEVERITY.map(
    (v) => [v, entries.filter((e) => e.outcome.verdict === v).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  if (entries.length === 1 && entries[0]) return `${entries[0].name}: ${entries[0].outcome.reason}`;
  if (worst === 'healthy') return `all ${entries.length} services healthy`;
  const first = entries.find((e) => e.outcome.verdict === worst) as FleetEntry;
  return `${counts}; ${first.name}: ${first.outcome.reason}`;
}

const rank = (v: Verdict) => SEVERITY.indexOf(v);

function worstFirst(entries: readonly FleetEntry[]): FleetEntry[] {
  return [...entries].sort((a, b) => rank(a.outcome.verdict) - rank(b.outcome.verdict));
}

function sentenceOf(e: FleetEntry): string {
  return headlineSentence(e.outcome, e.settings, e.name);
}

function fleetHeadline(sorted: readonly FleetEntry[]): string {
  const n = sorted.length;
  const bad = sorted.filter((e) => e.outcome.verdict !== 'healthy');
  const worst = sorted[0];
  // One service of a file (a fan-out leg, or a one-service file): its own headline.
  if (n === 1 && worst) return `${verdictIcon(worst.outcome.verdict)} ${sentenceOf(worst)}`;
  if (!worst || bad.length === 0) return `✅ All ${n} services healthy`;
  const failed = bad.filter((e) => e.outcome.verdict !== 'cancelled').length;
  const counted = failed
    ? `${failed} of ${n} services failed`
    : `${bad.length} of ${n} services not judged`;
  return `${verdictIcon(worst.outcome.verdict)} ${sentenceOf(worst)} (${counted})`;
}

function rollbackCell(o: Outcome): string {
  const rb = o.rollback;
  if (rb?.run) {
    const target = decisionTarget(rb.decision);
    const to = target?.Version !== undefined ? ` to v${target.Version}` : '';
    const v = rb.verification ? `, verified ${verdictIcon(rb.verification.verdict)}` : '';
    return rb.run.ok ? `rolled back${to}${v}` : `rollback${to} failed`;
  }
  if (rb?.decision.action === 'dry-run') return 'dry run';
  if (rb?.decision.action === 'fail') return 'rollback impossible';
  return o.verdict === 'healthy' ? 'stays' : 'not rolled back';
}

export function fleetSummary(entries: readonly FleetEntry[]): string {
  const sorted = worstFirst(entries);
  const lines = [`## ${fleetHeadline(sorted)}`, ''];
  lines.push(
    '| service | verdict | ok | error rate | p95 | done |',
    '|---|---|---:|---:|---:|---|',
  );
  for (const e of sorted.slice(0, SERVICE_ROWS)) {
    const o = e.outcome;
    const rel = o.release;
    const t = rel?.totals;
    const ok = rel ? `${rel.attempts.filter((a) => a.ok).length} of ${rel.attempts.length}` : '–';
    lines.push(
      `| ${cell(e.name)} | ${verdictIcon(o.verdict)} ${o.verdict} | ${ok} | ${formatPercent(t?.errorRate)} | ${formatMs(t?.p95)} | ${rollbackCell(o)} |`,
    );
  }
  if (sorted.length > SERVICE_ROWS) {
    const rest = sorted.slice(SERVICE_ROWS);
    const healthy = rest.filter((e) => e.outcome.verdict === 'healthy').length;
    lines.push(
      '',
      `…and ${plural(rest.length, 'more service')} (${healthy} healthy): every service's record is in the artifact.`,
    );
  }
  lines.push('');
  let page = lines.join('\n');
  const left: string[] = [];
  const add = (text: string, name: string) => {
    if (Buffer.byteLength(page) + Buffer.byteLength(text) > FLEET_BUDGET) left.push(name);
    else page += `\n${text}`;
  };
  for (const e of sorted.filter((x) => x.outcome.verdict !== 'healthy')) add(e.summary, e.name);
  for (const e of sorted.filter((x) => x.outcome.verdict === 'healthy'))
    add(
      `<details><summary>${verdictIcon('healthy')} ${sentenceOf(e)}</summary>\n\n${e.summary}\n\n</details>\n`,
      e.name,
    );
  if (left.length)
    page += `\nFolded into the artifact to keep this page small: the sections of ${plural(left.length, 'service')} (${left.slice(0, 10).map(cell).join(', ')}${left.length > 10 ? ', …' : ''}); each service's folder holds its summary.md and audit.json.\n`;
  return page;
}
