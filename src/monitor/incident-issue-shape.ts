/**
 * An issue as GitHub lists it, read for what incident issues need: its labels, its severity, and
 * whether its hidden marker names a given service and SLO (never its title). Pure.
 */
import { readMarker } from './incident-marker.js';
import {
  incidentLabels,
  SEVERITY_LABELS,
  type AlertLevel,
  type IncidentEvent,
} from './incident-text.js';

export interface FoundIssue {
  number: number;
  labels: string[];
}

export interface ClosedIssue extends FoundIssue {
  closedAt: number;
}

export interface ListedIssue {
  number: number;
  state?: string;
  closed_at?: string | null;
  body?: string | null;
  labels?: Array<string | { name?: string }>;
  pull_request?: unknown;
}

export const labelNames = (issue: ListedIssue): string[] =>
  (issue.labels ?? [])
    .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
    .filter((name) => name !== '');

/** The labels with the severity of `level` in place of any other; labels added by hand stay. */
export function withLevel(labels: string[], label: string, level: AlertLevel): string[] {
  const severities = new Set(Object.values(SEVERITY_LABELS));
  return [
    ...new Set([
      ...labels.filter((name) => !severities.has(name)),
      ...incidentLabels(label, level),
    ]),
  ];
}

export function levelOf(labels: string[]): AlertLevel | undefined {
  if (labels.includes(SEVERITY_LABELS.page)) return 'page';
  if (labels.includes(SEVERITY_LABELS.ticket)) return 'ticket';
  return undefined;
}

/** True when the issue's marker names the event's service and SLO. */
export function isIncidentOf(issue: ListedIssue, event: IncidentEvent): boolean {
  const marker = readMarker(issue.body);
  return marker?.service === event.service && marker.slo === event.slo;
}
