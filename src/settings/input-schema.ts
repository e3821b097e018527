/**
 * The one schema of the action's inputs: each input's parser, turning its text (from the
 * workflow, a config file or fly.toml) into a typed value or an issue saying what is accepted.
 */
import { z } from 'zod';
import * as field from './field-parsers.js';
import { headerLines } from './header-lines.js';
import { artifactNameInput, retentionDaysInput } from '../evidence/artifact-upload.js';
import { NOTIFY_ON } from '../notify/notify-on.js';
import { rollbackToSchema } from '../rollback/select-target.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** A job runs at most 6 h on GitHub-hosted runners: no wait of the gate needs longer. */
const JOB = 6 * HOUR;
const PER_REQUEST = { maxMs: 5 * MINUTE };

export const inputSchema = z.object({
  url: field.httpUrls(),
  method: field.method(),
  headers: headerLines(),
  'expected-status': field.statusRanges(),
  'expect-body': field.bodyExpectation(),
  'expect-json': field.jsonAssertions(),
  'expected-version': z.string().transform((s) => s.trim()),
  'version-path': field.dottedPath(),
  'version-header': z.string().transform((s) => s.trim().toLowerCase()),
  'follow-redirects': field.boolean(),
  'initial-delay': field.duration({ maxMs: HOUR }),
  interval: field.positiveDuration({ maxMs: HOUR }),
  timeout: field.positiveDuration(PER_REQUEST),
  'startup-timeout': field.positiveDuration({ maxMs: JOB }),
  'success-threshold': field.integer(1, 1000),
  'failure-threshold': field.integer(1, 1000),
  'max-latency': field.optional(field.positiveDuration(PER_REQUEST)),
  'latency-slo': field.latencyObjectives(PER_REQUEST),
  'max-error-rate': field.percent(),
  'min-samples': field.integer(1, 100_000),
  confidence: field.confidence(),
  'observe-for': field.duration({ maxMs: JOB }),
  'audit-dir': field.nonEmpty('a folder path'),
  'artifact-name': field.optional(artifactNameInput()),
  'retention-days': retentionDaysInput(),
  'fly-app': field.flyApp(),
  'fly-config': z.string().transform((s) => s.trim()),
  'fly-api-token': field.secretToken(),
  rollback: field.oneOf(['auto', 'none'] as const),
  'rollback-to': field.optional(rollbackToSchema),
  'rollback-strategy': field.optional(
    field.oneOf(['canary', 'rolling', 'bluegreen', 'immediate'] as const),
  ),
  'rollback-timeout': field.positiveDuration({ maxMs: JOB }),
  'rollback-command': field.command(),
  'fail-on-rollback': field.boolean(),
  'dry-run': field.boolean(),
  'prometheus-url': field.optional(
    field.httpUrl({ example: 'https://prometheus.example.com', follows: 'the API path' }),
  ),
  'prometheus-token': field.secretToken(),
  metrics: field.optional(field.oneOf(['fly-edge'] as const)),
  'error-rate-query': z.string().transform((s) => s.trim()),
  'latency-query': z.string().transform((s) => s.trim()),
  'max-query-latency': field.optional(field.positiveDuration({ maxMs: HOUR })),
  'request-count-query': z.string().transform((s) => s.trim()),
  'min-requests': field.optional(field.integer(1, 1_000_000_000)),
  'on-no-data': field.oneOf(['inconclusive', 'pass', 'fail'] as const),
  'metrics-interval': field.positiveDuration({ maxMs: HOUR }),
  'github-token': field.secretToken(),
  environment: z.string().transform((s) => s.trim()),
  'environment-url': field.optional(field.httpUrl()),
  'webhook-url': field.optional(field.httpUrl()),
  'notify-on': field.oneOf(NOTIFY_ON),
  'runbook-url': field.optional(field.httpUrl()),
});

export type Parsed = z.output<typeof inputSchema>;
