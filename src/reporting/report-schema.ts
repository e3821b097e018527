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
});

const windowSchema = z.strictObject({
  name: z.string().describe('24h, 7d or the period'),
  from: iso(),
  to: iso(),
  overall: statsSchema,
  services: z.array(z.strictObject({ service: z.string() }).extend(statsSchema.shape)),
});

const restoreSchema = z.strictObject({
  service: z.string(),
  record: z.string().describe('The failed gate\'s folder, relative to "records"'),
  verdict: z.enum(VERDICTS),
  failed_at: iso().describe('The first failed probe of the release, else the verdict'),
  restored_at: iso().nullable(),
  seconds: seconds(),
  via: z.enum(['rollback', 'next-healthy-gate']).nullable(),
  run_url: z.string().nullable(),
});

export const reportSchema = z
  .strictObject({
    schema_version: z.literal(REPORT_SCHEMA_VERSION),
    generated_at: iso(),
    period: z.string(),
    records: z.strictObject({
      found: count().describe('Folders holding an audit.json'),
      counted: count(),
      duplicates: count().describe(
        'Same deployment id, service and start seen again: counted once',
      ),
      failed_checksum: z.array(z.strictObject({ path: z.string(), detail: z.string() })),
      skipped: z.array(z.strictObject({ path: z.string(), reason: z.string() })),
    }),
    windows: z.array(windowSchema),
    days: z
      .array(z.strictObject({ date: z.string(), deployments: count(), failed: count() }))
      .describe('The period, per UTC day, all services'),
    restores: z.array(restoreSchema).describe('Every failed gate of the period'),
  })
  .meta({
    title: 'deploy-gate report',
    description: 'report.json written by deploy-gate mode: report',
  });

export type Report = z.infer<typeof reportSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type Restore = z.infer<typeof restoreSchema>;

export function reportJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }), null, 2)}\n`;
}
