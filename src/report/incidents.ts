/**
 * Incidents between deploys, from the incident issues monitor mode opened (no I/O). Separate from
 * the gates' time to restore: a gate measures a failed release to its rollback or the next
 * healthy gate; an incident issue measures an SLO alert between deploys to its close.
 *
 * Per window (ending when the report runs, a date in it when `from < date <= to`):
 *   opened            incidents whose start is in the window
 *   resolved          incidents closed as completed (the monitor's close) in the window
 *   still_open        of those opened in the window, the ones open when the report ran
 *   closed_unresolved incidents closed in the window for another reason (not planned, duplicate)
 *   time to restore   for each resolved one, start to close; median and p90 (nearest rank)
 * The start is the marker's `since` (when the alert fired), or the issue's creation when the
 * marker has none or names a later time.
 */
import { median, nearestRank } from './order-stats.js';
import type { IncidentStats, Report } from './report-schema.js';

export interface IncidentIssue {
  number: number;
  /** Built from the server, the repository and the number; null when any is not plain. */
  url: string | null;
  service: string;
  slo: string;
  /** Epoch ms. */
  startedAt: number;
  startFrom: 'marker' | 'issue created';
  closedAt: number | null;
  outcome: 'open' | 'restored' | 'closed unresolved';
}

export interface IncidentIssuesRead {
  repository: string;
  issues: IncidentIssue[];
  counts: {
    /** Items GitHub listed (pull requests included, as GitHub lists them). */
    listed: number;
    pullRequests: number;
    withoutMarker: number;
    /** A marker naming a service or SLO monitor mode would never write. */
    badMarker: number;
    malformed: number;
    pages: number;
    /** The page cap was reached: older incidents may be missing. */
    truncated: boolean;
  };
  /** Why the issues could not be listed; then there are none. */
  warning: string | null;
}

type Window = { name: string; from: number; to: number };
type Section = NonNullable<Report['incident_issues']>;

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);
const inWindow = (w: Window, at: number | null) => at !== null && at > w.from && at <= w.to;

export function incidentStats(issues: readonly IncidentIssue[], w: Window): IncidentStats {
  const opened = issues.filter((i) => inWindow(w, i.startedAt));
  const resolved = issues.filter((i) => i.outcome === 'restored' && inWindow(w, i.closedAt));
  const restoreMs = resolved.map((i) => Math.max(0, (i.closedAt as number) - i.startedAt));
  return {
    opened: opened.length,
    resolved: resolved.length,
    still_open: opened.filter((i) => i.outcome === 'open').length,
    closed_unresolved: issues.filter(
      (i) => i.outcome === 'closed unresolved' && inWindow(w, i.closedAt),
    ).length,
    time_to_restore_seconds: {
      median: seconds(median(restoreMs)),
      p90: seconds(nearestRank(restoreMs, 90)),
    },
  };
}

const anything = (s: IncidentStats) =>
  s.opened + s.resolved + s.still_open + s.closed_unresolved > 0;

export function incidentSection(read: IncidentIssuesRead, windows: readonly Window[]): Section {
  const period = windows.at(-1);
  const services = [...new Set(read.issues.map((i) => i.service))].sort();
  // The incidents the period shows: started or closed in it, or open now.
  const shown = read.issues.filter(
    (i) =>
      i.outcome === 'open' ||
      (period !== undefined && (inWindow(period, i.startedAt) || inWindow(period, i.closedAt))),
  );
  const c = read.counts;
  return {
    repository: read.repository,
    warning: read.warning,
    listed: c.listed,
    counted: read.issues.length,
    skipped: {
      pull_requests: c.pullRequests,
      without_marker: c.withoutMarker,
      bad_marker: c.badMarker,
      malformed: c.malformed,
    },
    truncated: c.truncated,
    windows: windows.map((w) => ({
      window: w.name,
      overall: incidentStats(read.issues, w),
      services: services
        .map((service) => ({
          service,
          ...incidentStats(
            read.issues.filter((i) => i.service === service),
            w,
          ),
        }))
        .filter(anything),
    })),
    incidents: shown.map((i) => ({
      number: i.number,
      url: i.url,
      service: i.service,
      slo: i.slo,
      started_at: iso(i.startedAt),
      start_from: i.startFrom,
      closed_at: i.closedAt === null ? null : iso(i.closedAt),
      outcome: i.outcome,
      restore_seconds:
        i.outcome === 'restored' && i.closedAt !== null
          ? seconds(Math.max(0, i.closedAt - i.startedAt))
          : null,
    })),
  };
}
