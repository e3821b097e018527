/**
 * The words of an incident issue: its title, labels, body and comments (the hidden marker is
 * incident-marker.ts). Pure.
 *
 * Everything that can come from outside (evidence lines, service and SLO names from the config,
 * the rule text) goes through report/escape.ts: no mention, issue reference, link, image or raw
 * HTML can form from it. Evidence is also shown inside `<code>`, where GitHub never turns
 * `@name` or `#123` into a mention or a cross-reference, and CR/LF become visible `\r\n`.
 *
 * Severity labels (the mapping of the alert levels):
 *   page   → `severity:critical` (P1: a human looks now)
 *   ticket → `severity:warning`  (P3: look within the working day)
 */
import { cell, code } from '../summary/escape.js';
import { capText, oneLine } from '../summary/outside-text.js';
import { incidentMarker } from './incident-marker.js';

export interface IncidentEvent {
  kind: 'fired' | 'escalated' | 'resolved' | 'ongoing';
  level: 'ticket' | 'page' | 'none';
  service: string;
  /** e.g. 'availability' or 'p95<500ms'. */
  slo: string;
  /** Epoch ms: when the incident started, and this event. */
  since: number;
  at: number;
  /** The alert rule that holds, e.g. 'page: 1h and 5m > 14.4'. */
  rule: string | null;
}

export interface IncidentContext {
  budget: {
    sliPercent: number | null;
    remainingPercent: number | null;
    consumedMinutes: number;
    budgetMinutes: number;
  };
  /** By window ('5m', '1h', ...); null where the window holds no data. */
  burnRates: Record<string, number | null>;
  /** Short failing-evidence lines: outside text, escaped and capped here. */
  evidence: string[];
  /** This workflow run's page (built from the runner's variables). */
  runUrl: string | null;
  runbookUrl?: string;
  /**
   * Why a resolved incident closed although nothing showed its burn ending: its SLO left the
   * config (`removed`), or its ledger entry was dropped to make room (`evicted`).
   */
  closeReason?: CloseReason;
}

export type CloseReason = 'removed' | 'evicted';

/** The closing comment's words for each reason, after "Resolved at <time>: ". */
export const CLOSE_REASONS: Record<CloseReason, string> = {
  removed: 'the SLO is no longer in the config, so nothing measures it any more',
  evicted:
    'the SLO is no longer in the config and its history was dropped from the ledger to make room for the configured services',
};

export type AlertLevel = IncidentEvent['level'];

/** At most this many evidence lines, each at most EVIDENCE_LINE_MAX characters. */
export const EVIDENCE_LINES_MAX = 10;
export const EVIDENCE_LINE_MAX = 300;
/** Burn-rate windows shown at most (the workbook's rules use seven). */
const BURN_RATES_MAX = 12;
/** GitHub refuses titles over 256 characters; the service and SLO names are capped well below. */
const NAME_MAX = 80;

export const SEVERITY_LABELS: Record<Exclude<AlertLevel, 'none'>, string> = {
  page: 'severity:critical',
  ticket: 'severity:warning',
};
const SEVERITY_NAMES: Record<AlertLevel, string> = {
  page: 'critical',
  ticket: 'warning',
  none: 'none',
};

/** The labels of an incident at `level`: the incident label and its severity. */
export function incidentLabels(label: string, level: AlertLevel): string[] {
  return level === 'none' ? [label] : [label, SEVERITY_LABELS[level]];
}

/** An issue title is plain text (GitHub renders no Markdown in it): one line, bounded. */
export function incidentTitle(event: Pick<IncidentEvent, 'service' | 'slo' | 'level'>): string {
  const name = (text: string) => capText(oneLine(text), NAME_MAX);
  const level = event.level === 'none' ? '' : ` (${event.level})`;
  return `deploy-gate: ${name(event.service)} ${name(event.slo)} SLO burning${level}`;
}

/** "23 min", "2 h 5 min", "3 d 4 h": how long an incident lasted, to the minute. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.max(ms, 0) / 60_000);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "2026-03-01 10:05 UTC". */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function number(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}

function percent(value: number | null, digits = 3): string {
  return value === null || !Number.isFinite(value) ? 'no data' : `${number(value, digits)} %`;
}

/**
 * A link destination we can vouch for: an http(s) URL, in angle brackets (where only `<`, `>`
 * and line breaks could end it, and the URL parser percent-encodes all three).
 */
function link(text: string, url: string): string {
  return `[${text}](<${new URL(url).href}>)`;
}

/** Undefined when `url` is a usable http(s) link, else why not (for the input error). */
export function linkProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:'
    ? undefined
    : 'is not an http(s) URL';
}

function budgetSection(context: IncidentContext): string[] {
  const b = context.budget;
  const remaining =
    b.remainingPercent !== null && b.remainingPercent < 0
      ? `${percent(b.remainingPercent)} (overspent)`
      : percent(b.remainingPercent);
  return [
    '| SLI over the window | Budget remaining | Budget consumed |',
    '| --- | --- | --- |',
    `| ${percent(b.sliPercent)} | ${remaining} | ${number(b.consumedMinutes, 1)} of ${number(b.budgetMinutes, 1)} min |`,
  ];
}

function burnRateSection(context: IncidentContext): string[] {
  const windows = Object.entries(context.burnRates).slice(0, BURN_RATES_MAX);
  if (windows.length === 0) return ['No burn rates were computed.'];
  const show = (rate: number | null) =>
    rate === null || !Number.isFinite(rate) ? 'no data' : number(rate);
  return [
    `| ${windows.map(([name]) => cell(name)).join(' | ')} |`,
    `| ${windows.map(() => '---').join(' | ')} |`,
    `| ${windows.map(([, rate]) => show(rate)).join(' | ')} |`,
  ];
}

/** Each line visible as written (controls as escapes), capped, and inert inside `<code>`. */
function evidenceSection(context: IncidentContext): string[] {
  const lines = context.evidence.slice(0, EVIDENCE_LINES_MAX);
  if (lines.length === 0) return ['No failing evidence was recorded in this run.'];
  const shown = lines.map((line) => `- ${code(oneLine(capText(String(line), EVIDENCE_LINE_MAX)))}`);
  const more = context.evidence.length - lines.length;
  return more > 0 ? [...shown, `- … and ${more} more (in the run's evidence)`] : shown;
}

function linksLine(context: IncidentContext): string {
  const links = [
    context.runUrl ? link('This workflow run', context.runUrl) : 'Workflow run: not known',
    context.runbookUrl ? link('Runbook', context.runbookUrl) : 'Runbook: none configured',
  ];
  return links.join(' · ');
}

function stateSections(context: IncidentContext): string[] {
  return [
    '### Error budget',
    '',
    ...budgetSection(context),
    '',
    '### Burn rates',
    '',
    ...burnRateSection(context),
    '',
    '### Failing evidence',
    '',
    ...evidenceSection(context),
    '',
    linksLine(context),
  ];
}

function ruleText(event: IncidentEvent): string {
  return event.rule ? code(event.rule) : 'no rule named';
}

/** The body of a new incident issue: marker first, then what fired, the numbers and the links. */
export function incidentBody(event: IncidentEvent, context: IncidentContext): string {
  return [
    incidentMarker(event),
    `**${cell(event.service)}**: the ${cell(event.slo)} SLO is burning its error budget.`,
    '',
    `- Severity: **${SEVERITY_NAMES[event.level]}** (${event.level})`,
    `- Rule: ${ruleText(event)}`,
    `- Since: ${formatTime(event.since)}`,
    '',
    ...stateSections(context),
    '',
    'deploy-gate comments here as the incident evolves and closes this issue when it resolves.',
  ].join('\n');
}

/** A comment for an escalation, a level change while the incident lasts, or a repeated fire. */
export function changeComment(
  event: IncidentEvent,
  context: IncidentContext,
  previous: AlertLevel | undefined,
): string {
  const change =
    event.kind === 'escalated'
      ? `Escalated to **${event.level}** (${SEVERITY_NAMES[event.level]})`
      : event.kind === 'fired'
        ? `Fired again at **${event.level}** (${SEVERITY_NAMES[event.level]})`
        : `Now at **${event.level}** (${SEVERITY_NAMES[event.level]})`;
  const from = previous && previous !== event.level ? `, was ${previous}` : '';
  return [
    `${change}${from} at ${formatTime(event.at)}. Rule: ${ruleText(event)}.`,
    '',
    ...stateSections(context),
  ].join('\n');
}

/** The comment on an issue reopened because its incident fired again `closedAt` after its close. */
export function reopenedComment(
  event: IncidentEvent,
  context: IncidentContext,
  closedAt: number,
): string {
  return [
    `Fired again ${formatDuration(event.at - closedAt)} after it resolved: ${ruleText(event)}, at **${event.level}** (${SEVERITY_NAMES[event.level]}) at ${formatTime(event.at)}.`,
    '',
    ...stateSections(context),
  ].join('\n');
}

/** The last comment: when it resolved, why when its burn was not seen to end, how long it lasted. */
export function resolvedComment(event: IncidentEvent, context: IncidentContext): string {
  const why = context.closeReason ? `${CLOSE_REASONS[context.closeReason]}; ` : '';
  return [
    `Resolved at ${formatTime(event.at)}: ${why}the incident lasted ${formatDuration(event.at - event.since)} (since ${formatTime(event.since)}).`,
    '',
    '### Error budget',
    '',
    ...budgetSection(context),
    '',
    linksLine(context),
  ].join('\n');
}
