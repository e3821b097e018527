/**
 * Where each field of the service-matrix file goes: the action input it sets, the patterns of the
 * keys a team names itself (`search_endpoint`, `search_response_time_p90`), and the fields kept
 * but not judged. config-schema.ts declares the same fields with their types and descriptions
 * (tests keep the two equal). Imports nothing but the input list, for the schema script.
 */
import { INPUTS } from './input-spec.js';

/** The `policy:` block takes the action's policy inputs under their own names. */
export const POLICY_INPUTS: readonly string[] = INPUTS.filter((i) => i.group === 'policy').map(
  (i) => i.name,
);

/** The `metrics:` block: the metrics inputs by name; `preset` is the `metrics` input. */
export const METRICS_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  INPUTS.filter((i) => i.group === 'metrics').map((i) => [
    i.name === 'metrics' ? 'preset' : i.name,
    i.name,
  ]),
);

/**
 * Every field of a service (or `defaults`) that sets one action input, by its path in the file:
 * the one table the loader reads values with. config-schema.ts's block schemas declare the same
 * keys with their types and descriptions (a test keeps the two equal).
 */
export const FILE_INPUTS: Readonly<Record<string, string>> = {
  'monitoring.interval': 'interval',
  'monitoring.timeout': 'timeout',
  'monitoring.grace_period': 'initial-delay',
  'fly.app': 'fly-app',
  'fly.config': 'fly-config',
  'fly.api_token': 'fly-api-token',
  'rollback.mode': 'rollback',
  'rollback.to': 'rollback-to',
  'rollback.strategy': 'rollback-strategy',
  'rollback.timeout': 'rollback-timeout',
  'rollback.command': 'rollback-command',
  'rollback.fail_on_rollback': 'fail-on-rollback',
  ...Object.fromEntries(POLICY_INPUTS.map((name) => [`policy.${name}`, name])),
  ...Object.fromEntries(
    Object.entries(METRICS_KEYS).map(([key, input]) => [`metrics.${key}`, input]),
  ),
  environment: 'environment',
  environment_url: 'environment-url',
  runbook_url: 'runbook-url',
};

/**
 * The endpoint fields that set one input each, for that endpoint. `name`, `path` and `url` say
 * which endpoint it is; `headers`, `expected_status` and `expect_json` have readers of their own
 * (a test keeps this table and config-schema.ts's endpoint schema equal).
 */
export const ENDPOINT_INPUTS: Readonly<Record<string, string>> = {
  method: 'method',
  expect_body: 'expect-body',
  expected_version: 'expected-version',
  version_path: 'version-path',
  version_header: 'version-header',
  follow_redirects: 'follow-redirects',
  latency_slo: 'latency-slo',
  max_latency: 'max-latency',
  timeout: 'timeout',
  interval: 'interval',
};

/** A service's version check, applied to its build endpoint (or each endpoint without its own). */
export const VERSION_INPUTS: Readonly<Record<string, string>> = Object.fromEntries(
  ['expected_version', 'version_path', 'version_header'].map((key) => [
    key,
    ENDPOINT_INPUTS[key] as string,
  ]),
);

/**
 * `response_time_p95`, `latency_p99.9`: a latency objective at that percentile, for every
 * endpoint; `search_response_time_p90`: for the endpoint named `search` only.
 */
export const PERCENTILE_KEY =
  /^(?:([a-z][a-z0-9]*(?:_[a-z0-9]+)*?)_)?(?:response_time|latency)_p(\d+(?:\.\d+)?)$/;

/**
 * A named endpoint and its timing, as service matrices write them: `search_endpoint: /search`,
 * `search_interval: 60s`, `search_timeout: 10s` (also `health_interval` for `health_endpoint`).
 */
export const NAMED_FIELD = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*?)_(endpoint|interval|timeout)$/;

/**
 * Fields a service matrix keeps for other tools (a monitor's cron, a job's success rate): the gate
 * cannot judge them, so it records them and lists them as not judged instead of refusing the file.
 * By path in a service; this table is the only list of them.
 */
export const NOT_JUDGED_FIELDS: Readonly<Record<string, string>> = {
  schedule: 'A cron schedule for a scheduled monitor, e.g. `0 */1 * * *`.',
  job_success_rate: 'Share of successful scheduled jobs, e.g. `95%`.',
  description: 'What the service is.',
  owner: 'Who owns the service.',
  'slo_targets.job_success_rate': 'Share of successful scheduled jobs, e.g. `95%`.',
};
