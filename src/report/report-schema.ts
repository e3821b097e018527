/**
 * report.json: what the gates of a period proved, per service and for all. Published as
 * schema/report.schema.json (a test keeps the file equal to this schema).
 */
import { z } from 'zod';
import { VERDICTS } from '../evidence/audit-schema.js';

export const REPORT_SCHEMA_VERSION = '1.0.0';

const iso = () => z.iso.datetime().describe('UTC, ISO 8601');
const count = () => z.number().int().min(0);
const seconds = () => z.number().min(0).nullable();

const betweenDeploysSchema = z
  .strictObject({
    monitor_runs: count().describe('Monitor runs (mode: monitor) that started in the window'),
    probes: count().describe('The probes those runs counted'),
    failed: count(),
    availability_percent: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .describe('(probes - failed) / probes * 100, 3 decimals; null without monitor probes'),
  })
  .describe(
    "Availability measured between deploys by scheduled monitor runs, next to the gates' sampled one",
  );

const statsSchema = z.strictObject({
  deployments: count().describe('Gates whose verdict falls in the window'),
  decided: count().describe(
    'Gates with verdict healthy, unhealthy, rolled-back or rollback-failed',
  ),
  failed: count().describe('Gates with verdict unhealthy, rolled-back or rollback-failed'),
  verdicts: z.strictObject(
    Object.fromEntries(VERDICTS.map((v) => [v, count()])) as Record<
      (typeof VERDICTS)[number],
      ReturnType<typeof count>
    >,
  ),
  change_failure_rate_percent: z
    .number()
    .min(0)
    .max(100)
    .nullable()
    .describe('failed / decided * 100, 2 decimals; null when no gate was decided'),
  deployments_per_day: z.number().min(0).describe('deployments / days in the window, 2 decimals'),
  rollbacks: count().describe('Gates whose rollback ran (dry runs not counted)'),
  rollbacks_verified: count().describe('Of those, rollbacks whose release passed the gate again'),
  time_to_restore_seconds: z.strictObject({
    restored: count().describe('Failed gates restored (verified rollback or a later healthy gate)'),
    unrestored: count().describe('Failed gates with neither, so far'),
    median: seconds(),
    p90: seconds(),
    mean: seconds(),
  }),
  time_to_verdict_seconds: z.strictObject({ median: seconds(), p90: seconds() }),
  probes_sampled_around_deploys: z.strictObject({
    attempts: count(),
    successes: count(),
    availability_percent: z.number().min(0).max(100).nullable(),
    p95_ms_median: z.number().min(0).nullable().describe("The median of the gates' own p95"),
    p95_ms_max: z.number().min(0).nullable().describe('The highest p95 any gate measured'),
  }),
  between_deploys: betweenDeploysSchema,
});

const failingReasonSchema = z.strictObject({
  reason: z
    .string()
    .describe(
      'A failed rule (e.g. consecutive-failures, latency-p95), `metric <name>`, or the reason text of a failed gate that names neither; at most 120 characters',
    ),
  gates: count().describe(
    'Failed gates of the window with this reason (a gate counts once per reason)',
  ),
  services: z.array(z.string()).describe('The services those gates judged'),
  example: z.string().describe("The latest such gate's own words, at most 200 characters"),
});

const windowSchema = z.strictObject({
  name: z.string().describe('24h, 7d or the period'),
  from: iso(),
  to: iso(),
  overall: statsSchema,
  services: z.array(z.strictObject({ service: z.string() }).extend(statsSchema.shape)),
  failing_reasons: z
    .array(failingReasonSchema)
    .describe('The top 10 reasons of the failed gates in the window, most gates first'),
});

export const COMPLIANCE_STATES = ['met', 'at risk', 'breached'] as const;
const percent = () => z.number().nullable();
const minutes = () => z.number();

const timeBudgetSchema = z
  .strictObject({
    objective_percent: z
      .number()
      .describe('The availability target, else 100 minus the error_rate target'),
    budget_minutes: minutes().min(0).describe('Window minutes * (1 - objective / 100), 3 decimals'),
    consumed_minutes: minutes()
      .min(0)
      .describe(
        "Minutes the service was failing as the gates saw it: from each failed gate's first failed probe (else its verdict) to its restore, unrestored ones to the window's end, overlaps once, clipped to the window",
      ),
    remaining_minutes: minutes().describe(
      'budget_minutes - consumed_minutes (negative: overspent)',
    ),
    consumed_percent: percent().describe(
      'consumed / budget * 100, 2 decimals; null when the budget is 0 minutes',
    ),
    remaining_percent: percent().describe('100 - consumed_percent'),
    state: z
      .enum(COMPLIANCE_STATES)
      .describe('breached: more than the budget consumed; at risk: 75 % or more; else met'),
  })
  .describe('The error budget in minutes of the window');

const eventBudgetSchema = z
  .strictObject({
    objective_percent: z.number(),
    source: z
      .enum(['monitor runs', 'gate probes'])
      .describe(
        'monitor runs: the probes of monitor runs that started in the window (used whenever there are any); gate probes: the probes of the gates, sampled around deploys',
      ),
    total: count().describe('The probes of the service in the window, from `source`'),
    failed: count(),
    remaining_percent: percent().describe(
      '((1 - objective) - failed / total) / (1 - objective) * 100, 2 decimals (counts over the whole window); null without probes or with a 100 % objective',
    ),
  })
  .describe('The error budget by probe counts');

const targetResultSchema = z.strictObject({
  target: z
    .string()
    .describe('availability, error_rate, or the latency key as written (response_time_p95)'),
  objective: z.string().describe('What the config asks, e.g. ">= 99.9 %", "< 500 ms"'),
  measured: z
    .number()
    .nullable()
    .describe(
      "availability / error_rate: percent of the probes event_budget counts (monitor runs' when there are any, else the gates', sampled around deploys); latency: the median of the gates' own percentile, ms",
    ),
  worst: z.number().nullable().describe('Latency: the highest percentile any gate measured, ms'),
  gates_over: count().nullable().describe('Latency: gates whose percentile was above the limit'),
  budget_consumed_percent: percent().describe(
    'availability / error_rate: observed error ratio / tolerated error ratio * 100, 2 decimals',
  ),
  state: z
    .enum([...COMPLIANCE_STATES, 'not measured'])
    .describe(
      'availability / error_rate: breached above 100 % of the budget consumed, at risk from 75 %; latency: breached when the median gate is over the limit, at risk when any gate is; not measured: no probes, or a percentile the gates do not record (they record p50, p95, p99)',
    ),
});

const sloWindowSchema = z.strictObject({
  window: z.string().describe('24h, 7d or the period'),
  gates: count().describe('Gates of the service whose verdict falls in the window'),
  state: z
    .enum([...COMPLIANCE_STATES, 'no gates in window', 'no targets'])
    .describe('The worst state of the budget and every target'),
  budget: timeBudgetSchema.nullable().describe('null without an availability or error_rate target'),
  event_budget: eventBudgetSchema.nullable(),
  targets: z.array(targetResultSchema),
});

const sloServiceSchema = z.strictObject({
  service: z.string(),
  in_config: z.boolean().describe('false: the records name a service the config file does not'),
  targets: z
    .strictObject({
      availability_percent: z.number().nullable(),
      error_rate_percent: z.number().nullable(),
      latency: z.array(
        z.strictObject({ key: z.string(), percentile: z.number(), limit_ms: z.number() }),
      ),
    })
    .nullable()
    .describe('slo_targets from the config file; null when it gives none for the service'),
  windows: z.array(sloWindowSchema),
  burn_down: z
    .array(
      z.strictObject({
        date: z.string().describe('UTC day'),
        consumed_minutes: minutes().min(0).describe('From the period start to the end of that day'),
        remaining_minutes: minutes(),
        remaining_percent: percent(),
      }),
    )
    .describe("The period's time budget, per UTC day; empty without a budget"),
});

const sloSchema = z
  .strictObject({
    config: z.string().describe('The config file the targets came from'),
    services: z.array(sloServiceSchema),
  })
  .nullable()
  .describe('Compliance and error budgets; null without the config input');

const restoreSchema = z.strictObject({
  service: z.string(),
  record: z.string().describe('The failed gate\'s folder, relative to "records"'),
  verdict: z.enum(VERDICTS),
  failed_at: iso().describe('The first failed probe of the release, else the verdict'),
  restored_at: iso().nullable(),
  seconds: seconds(),
  via: z.enum(['rollback', 'next-healthy-gate']).nullable(),
  run_url: z.string().nullable(),
  artifact_url: z
    .string()
    .nullable()
    .optional()
    .describe(
      "The gate's artifact, when the record was read from this repository's artifacts; built from GitHub's run and artifact ids only",
    ),
});

const incidentStatsSchema = z.strictObject({
  opened: count().describe('Incidents whose start falls in the window'),
  resolved: count().describe(
    'Incidents closed as completed (the monitor resolved them) in the window',
  ),
  still_open: count().describe(
    'Of the incidents opened in the window, those open when the report ran',
  ),
  closed_unresolved: count().describe(
    'Incidents closed in the window for another reason (not planned, duplicate): no time to restore',
  ),
  time_to_restore_seconds: z
    .strictObject({ median: seconds(), p90: seconds() })
    .describe('Start to close of each incident resolved in the window; p90 by nearest rank'),
});

const incidentIssuesSchema = z
  .strictObject({
    repository: z.string().describe('owner/repo whose issues were listed'),
    warning: z
      .string()
      .nullable()
      .describe(
        'Why the issues could not be listed (then nothing below is counted); null when they were',
      ),
    listed: count().describe(
      'Items GitHub listed with the label `incident`, updated since the period start, pull requests included',
    ),
    counted: count().describe('Of those, issues whose body starts with the incident marker'),
    skipped: z.strictObject({
      pull_requests: count(),
      without_marker: count().describe('No marker as the first line of the body'),
      bad_marker: count().describe('A marker naming a service or SLO monitor mode never writes'),
      malformed: count().describe('Fields GitHub gives missing or not dates'),
    }),
    truncated: z.boolean().describe('true: more pages than the report reads (1,000 issues)'),
    windows: z.array(
      z.strictObject({
        window: z.string().describe('24h, 7d or the period'),
        overall: incidentStatsSchema,
        services: z.array(
          z.strictObject({ service: z.string() }).extend(incidentStatsSchema.shape),
        ),
      }),
    ),
    incidents: z
      .array(
        z.strictObject({
          number: z.number().int().positive(),
          url: z
            .string()
            .nullable()
            .describe(
              'https://<server host>/<owner>/<repo>/issues/<number>, built from the number',
            ),
          service: z.string(),
          slo: z.string().describe('availability, or a latency objective such as p95<500ms'),
          started_at: iso().describe("The marker's since, else the issue's creation"),
          start_from: z.enum(['marker', 'issue created']),
          closed_at: iso().nullable(),
          outcome: z.enum(['open', 'restored', 'closed unresolved']),
          restore_seconds: seconds().describe('closed_at - started_at for a restored incident'),
        }),
      )
      .describe('Incidents started or closed in the period, and every open one listed'),
  })
  .nullable()
  .describe(
    "Incidents between deploys, from monitor mode's incident issues; a time to restore separate from the gates'. null when the issues were not read (no github-token or no GITHUB_REPOSITORY)",
  );

export const reportSchema = z
  .strictObject({
    schema_version: z.literal(REPORT_SCHEMA_VERSION),
    generated_at: iso(),
    period: z.string(),
    records: z.strictObject({
      found: count().describe(
        'Folders holding an audit.json (a gate) or a monitor.json (a monitor run)',
      ),
      counted: count().describe('Gate records counted as deployments'),
      duplicates: count().describe(
        'Same deployment id, service and start seen again: counted once',
      ),
      monitor_runs: count().describe(
        'Verified monitor runs read: availability between deploys, never counted as deployments',
      ),
      failed_checksum: z.array(z.strictObject({ path: z.string(), detail: z.string() })),
      skipped: z.array(z.strictObject({ path: z.string(), reason: z.string() })),
    }),
    windows: z.array(windowSchema),
    days: z
      .array(z.strictObject({ date: z.string(), deployments: count(), failed: count() }))
      .describe('The period, per UTC day, all services'),
    restores: z.array(restoreSchema).describe('Every failed gate of the period'),
    slo: sloSchema,
    incident_issues: incidentIssuesSchema,
  })
  .meta({
    title: 'deploy-gate report',
    description: 'report.json written by deploy-gate mode: report',
  });

export type Report = z.infer<typeof reportSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type BetweenDeploys = z.infer<typeof betweenDeploysSchema>;
export type Restore = z.infer<typeof restoreSchema>;
export type IncidentStats = z.infer<typeof incidentStatsSchema>;
export type FailingReason = z.infer<typeof failingReasonSchema>;
export type Slo = NonNullable<z.infer<typeof sloSchema>>;
export type SloService = z.infer<typeof sloServiceSchema>;
export type SloWindow = z.infer<typeof sloWindowSchema>;
export type TargetResult = z.infer<typeof targetResultSchema>;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

export function reportJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }), null, 2)}\n`;
}
