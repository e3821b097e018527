/**
 * audit.json: what was deployed, what was checked, what was decided, what was done.
 *
 * Versioning: `schema_version` is semver. A minor version only adds optional fields; a major
 * version may change or remove fields. Objects are closed (no unknown keys) so a typo fails
 * validation instead of silently dropping evidence; validate a record with the schema of its own
 * `schema_version` (schema/audit.schema.json at the tool version named in `tool.version`). The
 * schema of a minor version also accepts the earlier minors of its major: they lack only
 * optional fields, so reports keep counting records written before an upgrade.
 */
import { z } from 'zod';

/** The version this tool writes. 1.1.0 added `service.not_judged` and `service.config_notes`. */
export const AUDIT_SCHEMA_VERSION = '1.1.0';
/** Every version this tool reads, oldest first: the minors of its major up to its own. */
export const AUDIT_SCHEMA_VERSIONS = ['1.0.0', AUDIT_SCHEMA_VERSION] as const;

/** Whether a record's `schema_version` is one this tool reads. */
export function readsAuditVersion(version: unknown): boolean {
  return (AUDIT_SCHEMA_VERSIONS as readonly unknown[]).includes(version);
}

export const VERDICTS = [
  'healthy',
  'unhealthy',
  'rolled-back',
  'rollback-failed',
  'cancelled',
  'error',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const RULE_OUTCOMES = ['pass', 'fail', 'not-judged', 'pending'] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

const isoDateTime = () => z.iso.datetime().describe('UTC, ISO 8601, e.g. 2026-03-01T12:00:00.000Z');
const count = () => z.number().int().min(0);
const unknownText = () => z.string().nullable();
/** A measured value or a limit: a number, or text when the rule compares text (a version). */
const measure = () => z.union([z.number(), z.string()]).nullable();

const deploymentSchema = z
  .strictObject({
    id: z.string().min(1).describe('Unique per run attempt: "<run_id>-<run_attempt>"'),
    run_id: z.number().int().positive().nullable(),
    run_attempt: z.number().int().positive().nullable(),
    repository: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/)
      .nullable()
      .describe('owner/name'),
    workflow: unknownText(),
    job: unknownText(),
    sha: z
      .string()
      .regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/)
      .nullable()
      .describe('The commit deployed (SHA-1 or SHA-256 object name)'),
    ref: unknownText(),
    run_url: z.url().nullable().describe('Link to the workflow run attempt'),
    approver: unknownText().describe('The GitHub actor whose action started the run'),
    environment: unknownText().optional().describe('The GitHub environment, when the job has one'),
  })
  .describe('The GitHub run that deployed and gated the release');

const healthChecksSchema = z
  .strictObject({
    attempts: count(),
    success_count: count(),
    failure_count: count(),
    duration_ms: z.number().min(0),
    error_rate: z.number().min(0).max(1).nullable().describe('Failures / attempts while observing'),
    not_counted: count()
      .optional()
      .describe(
        'Probes (among failure_count) not counted by any rule: our own event loop was stalled (runner-overloaded)',
      ),
    runner_max_delay_ms: z
      .number()
      .min(0)
      .optional()
      .describe('The longest such stall of our event loop, in ms'),
    latency_ms: z.strictObject({
      p50: z.number().min(0).nullable(),
      p95: z.number().min(0).nullable(),
      p99: z.number().min(0).nullable(),
    }),
  })
  .describe('HTTP probes of the release under test; null where nothing was measured');

const ruleSchema = z.strictObject({
  rule: z.string().min(1).describe('e.g. failure-threshold, max-error-rate, latency-slo'),
  target: z.string().describe('The URL (redacted) or metric the rule judged'),
  observed: measure(),
  limit: measure(),
  outcome: z.enum(RULE_OUTCOMES),
  message: z.string().describe('Why, with the numbers, e.g. "8 consecutive failures (limit 8)"'),
  evidence: z
    .number()
    .min(0)
    .optional()
    .describe(
      'Sequential rules: the likelihood ratio against the limit; the rule fails once it reaches 1/alpha',
    ),
  alpha: z
    .number()
    .gt(0)
    .lt(1)
    .optional()
    .describe('1 - confidence: the most often the rule may fail a release that meets its limit'),
});

const rollbackSchema = z
  .strictObject({
    triggered: z.boolean(),
    reason: unknownText(),
    from: unknownText().describe('The release rolled back from'),
    to: unknownText().describe('The release whose image was redeployed'),
    image: unknownText().describe('The image reference redeployed'),
    command: z.array(z.string()).describe('argv of the rollback command, redacted'),
    exit_code: z.number().int().nullable(),
    started_at: isoDateTime().nullable(),
    ended_at: isoDateTime().nullable(),
    verified: z.boolean().describe('Whether the rolled-back release passed the gate again'),
    verification_verdict: z.enum(['healthy', 'unhealthy', 'cancelled', 'error']).nullable(),
    created: z
      .strictObject({
        version: z.number().int().nonnegative(),
        image: z.string(),
        status: z
          .string()
          .nullable()
          .describe('Its status as flyctl releases listed it after the rollback'),
      })
      .nullable()
      .optional()
      .describe(
        'The Fly release the rollback created (flyctl printed it, or Fly lists it); null when none is known',
      ),
    took_effect: z
      .boolean()
      .optional()
      .describe(
        'Fly showed the rollback image on every started machine at a complete release (or the command exited 0)',
      ),
    overwritten: z
      .array(z.string())
      .optional()
      .describe(
        'Releases someone else deployed between our last check and the rollback, which it replaced',
      ),
  })
  .describe('null when no rollback was considered');

const metricQuerySchema = z.strictObject({
  name: z.string().min(1),
  query: z.string().describe('PromQL, redacted'),
  observed: z.number().nullable(),
  limit: z.number().nullable(),
  outcome: z.enum(RULE_OUTCOMES),
  message: z.string(),
});

const policyValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number()])),
]);

const relativePath = z
  .string()
  .regex(/^(?!\/)(?!(?:.*\/)?\.\.(?:\/|$))[^\\\0]+$/)
  .describe('A path inside the audit folder, "/"-separated, no ".."');

export const auditRecordSchema = z
  .strictObject({
    schema_version: z
      .enum(AUDIT_SCHEMA_VERSIONS)
      .describe(
        `Written as ${AUDIT_SCHEMA_VERSION}; earlier minors of the same major lack only optional fields`,
      ),
    started_at: isoDateTime(),
    ended_at: isoDateTime(),
    deployment: deploymentSchema,
    service: z.strictObject({
      name: z.string().min(1),
      app: unknownText().describe('The Fly.io app, when there is one'),
      urls: z.array(z.string()).describe('Probed URLs, redacted'),
      not_judged: z
        .array(
          z.strictObject({
            field: z.string().describe('As written in the config file, e.g. `schedule`'),
            value: z.union([z.string(), z.number(), z.boolean()]),
          }),
        )
        .optional()
        .describe(
          'Fields of the config file the gate cannot judge (a schedule, a job success rate), kept as written',
        ),
      config_notes: z
        .array(z.string())
        .optional()
        .describe(
          'How the settings were read: which target set a limit, which defaults were fitted to the interval, where fly.toml timing came from',
        ),
    }),
    release_under_test: z.strictObject({
      version: unknownText(),
      image: unknownText(),
    }),
    verdict: z.enum(VERDICTS),
    reason: z.string().min(1),
    dry_run: z.boolean().optional(),
    health_checks: healthChecksSchema,
    policy: z
      .record(z.string().min(1), policyValue)
      .describe('Every threshold in force: name -> value'),
    rules: z.array(ruleSchema),
    rollback: rollbackSchema.nullable(),
    metrics: z
      .strictObject({
        endpoint: unknownText().describe('Query API URL, redacted'),
        queries: z.array(metricQuerySchema),
      })
      .optional(),
    files: z.array(relativePath).describe('The other evidence files in the folder'),
    tool: z.strictObject({ name: z.string().min(1), version: z.string().min(1) }),
  })
  .meta({
    title: 'deploy-gate audit record',
    description: `audit.json written by deploy-gate (schema ${AUDIT_SCHEMA_VERSION}; also valid for records of ${AUDIT_SCHEMA_VERSIONS.slice(0, -1).join(', ')}).`,
  });

export type AuditRecord = z.infer<typeof auditRecordSchema>;

/**
 * Cross-field facts JSON Schema cannot say. They are reported, not enforced: an inconsistent
 * record is still evidence and must still be written.
 */
export function auditConsistencyProblems(record: AuditRecord): string[] {
  const problems: string[] = [];
  if (Date.parse(record.ended_at) < Date.parse(record.started_at)) {
    problems.push(`ended_at ${record.ended_at} is before started_at ${record.started_at}`);
  }
  const checks = record.health_checks;
  if (checks.success_count + checks.failure_count !== checks.attempts) {
    problems.push(
      `health_checks: success_count ${checks.success_count} + failure_count ${checks.failure_count} != attempts ${checks.attempts}`,
    );
  }
  const rollback = record.rollback;
  if (record.verdict === 'rolled-back' && !(rollback?.triggered && rollback.verified)) {
    problems.push('verdict rolled-back needs a triggered and verified rollback');
  }
  if (record.verdict === 'rollback-failed' && !rollback) {
    problems.push(
      'verdict rollback-failed needs a rollback record (what was tried, or why none could run)',
    );
  }
  if (record.verdict === 'healthy' && record.rules.some((rule) => rule.outcome === 'fail')) {
    problems.push('verdict healthy but a rule failed');
  }
  if (
    rollback?.started_at &&
    rollback.ended_at &&
    Date.parse(rollback.ended_at) < Date.parse(rollback.started_at)
  ) {
    problems.push(
      `rollback.ended_at ${rollback.ended_at} is before started_at ${rollback.started_at}`,
    );
  }
  return problems;
}
