/**
 * The numbers of the report, from gate facts alone (no I/O): per window (24 h, 7 d, the
 * period), for all services and each one. Every definition here is the README's, word for word.
 */
import { VERDICTS, type Verdict } from '../evidence/audit-schema.js';
import { topFailingReasons } from './failing-reasons.js';
import { incidentSection, type IncidentIssuesRead } from './incidents.js';
import { betweenDeploys, monitoredServices } from './monitor-counts.js';
import type { MonitorFact } from './read-monitor.js';
import type { GateFact } from './read-record.js';
import {
  REPORT_SCHEMA_VERSION,
  type BetweenDeploys,
  type Report,
  type Restore,
  type Stats,
} from './report-schema.js';
import { sloSection, type SloConfig } from './slo.js';
import { median, nearestRank } from './order-stats.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FAILED: ReadonlySet<Verdict> = new Set(['unhealthy', 'rolled-back', 'rollback-failed']);
const DECIDED: ReadonlySet<Verdict> = new Set([...FAILED, 'healthy']);

export interface AggregateOptions {
  /** The end of every window, epoch ms. */
  now: number;
  periodMs: number;
  periodLabel: string;
  records: Report['records'];
  /** Verified monitor runs: availability between deploys, never deployments. */
  monitors?: readonly MonitorFact[];
  /** The config file's SLO targets, when the config input was given. */
  slo?: SloConfig;
  /** Monitor mode's incident issues, when they were listed (or tried). */
  incidents?: IncidentIssuesRead;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

const mean = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
const secondsOrNull = (ms: number | null) => (ms === null ? null : round(ms / 1000, 3));

/** When a failed gate's service was restored: its verified rollback, else the next healthy gate. */
export function restoresOf(facts: readonly GateFact[]): Map<GateFact, Restore> {
  const byService = new Map<string, GateFact[]>();
  for (const fact of facts) {
    const list = byService.get(fact.service) ?? [];
    list.push(fact);
    byService.set(fact.service, list);
  }
  const restores = new Map<GateFact, Restore>();
  for (const list of byService.values()) {
    list.sort((a, b) => a.startedAt - b.startedAt || a.endedAt - b.endedAt);
    list.forEach((fact, index) => {
      if (!FAILED.has(fact.verdict)) return;
      const failedAt = fact.firstFailureAt ?? fact.endedAt;
      let restoredAt: number | null = null;
      let via: Restore['via'] = null;
      if (fact.rollbackVerified) {
        restoredAt = fact.endedAt;
        via = 'rollback';
      } else {
        const next = list.slice(index + 1).find((later) => later.verdict === 'healthy');
        if (next) {
          restoredAt = next.endedAt;
          via = 'next-healthy-gate';
        }
      }
      restores.set(fact, {
        service: fact.service,
        record: fact.path,
        verdict: fact.verdict,
        failed_at: new Date(failedAt).toISOString(),
        restored_at: restoredAt === null ? null : new Date(restoredAt).toISOString(),
        seconds: restoredAt === null ? null : round(Math.max(0, restoredAt - failedAt) / 1000, 3),
        via,
        run_url: fact.runUrl,
        artifact_url: fact.artifactUrl ?? null,
      });
    });
  }
  return restores;
}

export function stats(
  facts: readonly GateFact[],
  restores: ReadonlyMap<GateFact, Restore>,
  windowMs: number,
  between: BetweenDeploys,
): Stats {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Stats['verdicts'];
  for (const fact of facts) verdicts[fact.verdict] += 1;
  const decided = facts.filter((f) => DECIDED.has(f.verdict)).length;
  const failedFacts = facts.filter((f) => FAILED.has(f.verdict));
  const restoreMs = failedFacts
    .map((f) => restores.get(f)?.seconds)
    .filter((s): s is number => typeof s === 'number')
    .map((s) => s * 1000);
  const verdictMs = facts.map((f) => Math.max(0, f.endedAt - f.startedAt));
  const attempts = facts.reduce((sum, f) => sum + f.attempts, 0);
  const successes = facts.reduce((sum, f) => sum + f.successes, 0);
  const p95s = facts.map((f) => f.p95Ms).filter((p): p is number => p !== null);
  const rolled = facts.filter((f) => f.rollbackTriggered && !f.dryRun);
  return {
    deployments: facts.length,
    decided,
    failed: failedFacts.length,
    verdicts,
    change_failure_rate_percent: decided ? round((failedFacts.length / decided) * 100, 2) : null,
    deployments_per_day: round(facts.length / (windowMs / DAY), 2),
    rollbacks: rolled.length,
    rollbacks_verified: rolled.filter((f) => f.rollbackVerified).length,
    time_to_restore_seconds: {
      restored: restoreMs.length,
      unrestored: failedFacts.length - restoreMs.length,
      median: secondsOrNull(median(restoreMs)),
      p90: secondsOrNull(nearestRank(restoreMs, 90)),
      mean: secondsOrNull(mean(restoreMs)),
    },
    time_to_verdict_seconds: {
      median: secondsOrNull(median(verdictMs)),
      p90: secondsOrNull(nearestRank(verdictMs, 90)),
    },
    probes_sampled_around_deploys: {
      attempts,
      successes,
      availability_percent: attempts ? round((successes / attempts) * 100, 3) : null,
      p95_ms_median: median(p95s),
      p95_ms_max: p95s.length ? Math.max(...p95s) : null,
    },
    between_deploys: between,
  };
}

/** Counts each gate once: the same deployment id, service and start seen again is a copy. */
export function dedupe(facts: readonly GateFact[]): { unique: GateFact[]; duplicates: number } {
  const seen = new Set<string>();
  const unique: GateFact[] = [];
  for (const fact of facts) {
    const key = `${fact.deploymentId}\u0000${fact.service}\u0000${fact.startedAt}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(fact);
  }
  return { unique, duplicates: facts.length - unique.length };
}

export function aggregate(allFacts: readonly GateFact[], options: AggregateOptions): Report {
  const { now } = options;
  const monitors = options.monitors ?? [];
  const restores = restoresOf(allFacts);
  const windowList = [
    { name: '24h', ms: DAY },
    { name: '7d', ms: 7 * DAY },
    { name: options.periodLabel, ms: options.periodMs },
  ]
    .filter((w, i, all) => all.findIndex((o) => o.ms === w.ms) === i)
    .sort((a, b) => a.ms - b.ms);
  const inWindow = (ms: number) => (f: GateFact) => f.endedAt > now - ms && f.endedAt <= now;
  const services = [
    ...new Set([...allFacts.map((f) => f.service), ...monitoredServices(monitors)]),
  ].sort();
  const windows = windowList.map((w) => {
    const facts = allFacts.filter(inWindow(w.ms));
    const between = (service?: string) => betweenDeploys(monitors, now - w.ms, now, service);
    return {
      name: w.name,
      from: new Date(now - w.ms).toISOString(),
      to: new Date(now).toISOString(),
      overall: stats(facts, restores, w.ms, between()),
      services: services
        .map((service) => ({
          service,
          ...stats(
            facts.filter((f) => f.service === service),
            restores,
            w.ms,
            between(service),
          ),
        }))
        .filter((s) => s.deployments > 0 || s.between_deploys.monitor_runs > 0),
      failing_reasons: topFailingReasons(facts),
    };
  });
  const periodFacts = allFacts
    .filter(inWindow(options.periodMs))
    .sort((a, b) => a.endedAt - b.endedAt);
  const days = new Map<string, { date: string; deployments: number; failed: number }>();
  const firstDay = Math.floor((now - options.periodMs) / DAY) * DAY;
  for (let day = firstDay; day <= now; day += DAY) {
    const date = new Date(day).toISOString().slice(0, 10);
    days.set(date, { date, deployments: 0, failed: 0 });
  }
  for (const fact of periodFacts) {
    const entry = days.get(new Date(fact.endedAt).toISOString().slice(0, 10));
    if (!entry) continue;
    entry.deployments += 1;
    if (FAILED.has(fact.verdict)) entry.failed += 1;
  }
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    generated_at: new Date(now).toISOString(),
    period: options.periodLabel,
    records: options.records,
    windows,
    days: [...days.values()],
    restores: periodFacts.map((f) => restores.get(f)).filter((r): r is Restore => r !== undefined),
    slo: options.slo
      ? sloSection(
          options.slo,
          allFacts,
          monitors,
          [...restores.values()],
          windowList.map((w) => ({ name: w.name, from: now - w.ms, to: now })),
          [...days.keys()],
        )
      : null,
    incident_issues: options.incidents
      ? incidentSection(
          options.incidents,
          windowList.map((w) => ({ name: w.name, from: now - w.ms, to: now })),
        )
      : null,
  };
}
