/**
 * monitor.json: what one monitor run measured and concluded, per service and SLO. It sits next to
 * the run's probes.ndjson and is sealed with it (SHA256SUMS, manifest.json), like a gate's
 * audit.json; its own file name keeps it apart, so the report never counts a monitor run as a
 * deployment. Every string is redacted one by one, so the record keeps its structure.
 *
 * Versioning as audit.json's (audit-schema.ts): a minor version only adds optional fields, and
 * the schema accepts the earlier minors of its major, so reports keep reading older records.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Redactor } from '../secrets/redact.js';
import { ALERT_WINDOWS } from './burn-rate.js';
import type { MonitorResult } from './run-monitor.js';

export const MONITOR_RECORD_FILE = 'monitor.json';
/** The version this tool writes. 1.1.0 added each SLO's `entry`. */
export const MONITOR_SCHEMA_VERSION = '1.1.0';
/** Every version this tool reads, oldest first: the minors of its major up to its own. */
export const MONITOR_SCHEMA_VERSIONS = ['1.0.0', MONITOR_SCHEMA_VERSION] as const;

/** Whether a record's `schema_version` is one this tool reads. */
export function readsMonitorVersion(version: unknown): boolean {
  return (MONITOR_SCHEMA_VERSIONS as readonly unknown[]).includes(version);
}

const iso = () => z.iso.datetime();
const rate = z.number().min(0).nullable();

const sloSchema = z.strictObject({
  name: z.string(),
  entry: z
    .string()
    .optional()
    .describe(
      'The SLO ledger entry the SLO is judged and alerted under, as alerts and incident issues name it: the service (`api`) or an endpoint scope (`api/search`). Written since 1.1.0',
    ),
  kind: z.enum(['availability', 'latency']),
  target_percent: z.number().min(0).max(100),
  sli_percent: z.number().min(0).max(100).nullable(),
  budget_remaining_percent: z.number().nullable(),
  budget_consumed_minutes: z.number().min(0),
  budget_minutes: z.number().min(0),
  coverage_percent: z.number().min(0).max(100),
  gaps: z.array(z.strictObject({ from: iso(), to: iso() })),
  burn_rates: z.strictObject(
    Object.fromEntries(ALERT_WINDOWS.map((w) => [w, rate])) as Record<
      (typeof ALERT_WINDOWS)[number],
      typeof rate
    >,
  ),
  alert: z.enum(['none', 'ticket', 'page']),
  rule: z.string().nullable(),
  event: z.enum(['fired', 'escalated', 'resolved']).nullable(),
});

export const monitorRecordSchema = z.strictObject({
  schema_version: z
    .enum(MONITOR_SCHEMA_VERSIONS)
    .describe(
      `Written as ${MONITOR_SCHEMA_VERSION}; earlier minors of the same major lack only optional fields`,
    ),
  kind: z.literal('monitor'),
  started_at: iso(),
  ended_at: iso(),
  window: z.string().describe('The SLO window budgets are computed over, e.g. 30d'),
  run_url: z.string().nullable(),
  services: z.array(
    z.strictObject({
      service: z.string(),
      urls: z.array(z.string()),
      probes: z.number().int().min(0),
      failed: z.number().int().min(0),
      not_counted: z.number().int().min(0),
      alert: z.enum(['none', 'ticket', 'page']),
      slos: z.array(sloSchema),
      evidence: z.array(z.string()),
    }),
  ),
});

export type MonitorRecord = z.infer<typeof monitorRecordSchema>;

const round = (value: number | null, digits = 3) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export function monitorRecord(
  result: MonitorResult,
  context: { window: string; runUrl: string | null },
): MonitorRecord {
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    schema_version: MONITOR_SCHEMA_VERSION,
    kind: 'monitor',
    started_at: at(result.startedAt),
    ended_at: at(result.endedAt),
    window: context.window,
    run_url: context.runUrl,
    services: result.services.map((s) => ({
      service: s.name,
      urls: s.urls,
      probes: s.counts.total,
      failed: s.counts.failed,
      not_counted: result.attempts.filter(
        (a) => s.urls.includes(a.url) && a.failure?.class === 'runner-overloaded',
      ).length,
      alert: s.alert,
      slos: s.slos.map((slo) => ({
        name: slo.objective.name,
        entry: slo.entry,
        kind: slo.objective.kind,
        target_percent: round(slo.objective.target * 100, 4) as number,
        sli_percent: round(slo.budget.sliPercent),
        budget_remaining_percent: round(slo.budget.remainingPercent),
        budget_consumed_minutes: round(slo.budget.consumedMinutes) as number,
        budget_minutes: round(slo.budget.budgetMinutes) as number,
        coverage_percent: round(slo.budget.coveragePercent) as number,
        gaps: slo.budget.gaps.map((g) => ({ from: at(g.from), to: at(g.to) })),
        burn_rates: Object.fromEntries(
          ALERT_WINDOWS.map((w) => [w, round(slo.rates[w])]),
        ) as MonitorRecord['services'][number]['slos'][number]['burn_rates'],
        alert: slo.level,
        rule: slo.rule,
        event: slo.event?.kind ?? null,
      })),
      evidence: s.evidence,
    })),
  };
}

/** Every string value redacted on its own: a secret never survives, the JSON never breaks. */
function redactStrings(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactor.redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, redactor));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactStrings(v, redactor)]),
    );
  return value;
}

export function writeMonitorRecord(dir: string, record: MonitorRecord, redactor: Redactor): void {
  const redacted = monitorRecordSchema.parse(redactStrings(record, redactor));
  writeFileSync(join(dir, MONITOR_RECORD_FILE), `${JSON.stringify(redacted, null, 2)}\n`);
}
