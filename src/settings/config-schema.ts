/**
 * The shape of the service-matrix file, as zod schemas without transforms: they only check
 * structure (which fields exist, which YAML types they take). Values are judged later by the same
 * field parsers as the action inputs. schema/config.schema.json is generated from these schemas,
 * so editors complete exactly what the loader accepts.
 *
 * This module imports nothing but zod and the input list, so scripts/gen-config-schema.ts can load
 * it with Node's own type stripping.
 */
import { z } from 'zod';
import { INPUTS } from './input-spec.js';
import { METRICS_KEYS, NOT_JUDGED_FIELDS, POLICY_INPUTS } from './file-fields.js';

/** A YAML scalar written as text or a number: `15s`, `2`, `99.9%`, `200`. */
const textOrNumber = (description: string) =>
  z.union([z.string(), z.number()], { error: 'must be text or a number' }).describe(description);

const text = (description: string) => z.string({ error: 'must be text' }).describe(description);

const flag = (description: string) =>
  z.union([z.boolean(), z.string()], { error: 'must be true or false' }).describe(description);

const describedInput = (name: string): string => {
  const spec = INPUTS.find((input) => input.name === name);
  return spec ? `${spec.description} Same as the action input \`${name}\`.` : name;
};

const headers = z
  .record(
    z.string(),
    z.union([z.string(), z.number()], { error: 'a header value must be text or a number' }),
  )
  .describe(
    'Request headers as `Name: value`. Values are secrets: masked in logs and redacted everywhere; use ${VAR} to take them from the environment.',
  );

const expectedStatus = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))], {
    error: 'must be a status code, a range like 200-299, or a list of them',
  })
  .describe('Accepted status codes: `200`, `200-299`, `200,204` or a list `[200, 204]`.');

const expectJson = z
  .union([z.string(), z.array(z.string())], {
    error: 'must be an assertion like `status == ok` or a list of them',
  })
  .describe('JSON assertions `path == value` / `path != value`, as a list (or one per line).');

export const endpointObjectSchema = z
  .strictObject(
    {
      name: text('A label for this endpoint in reports. Default: its path or URL.').optional(),
      path: text(
        'Path joined to the service `base_url` (or https://<fly app>.fly.dev).',
      ).optional(),
      url: text('Absolute http(s) URL; instead of `path`.').optional(),
      method: text('HTTP method. Default GET.').optional(),
      headers: headers.optional(),
      expected_status: expectedStatus.optional(),
      expect_body: text('The body must contain this text, or match `/regex/flags`.').optional(),
      expect_json: expectJson.optional(),
      expected_version: textOrNumber(
        'The version this endpoint must serve, e.g. ${GITHUB_SHA}.',
      ).optional(),
      version_path: text(
        'Dotted path of the version in the JSON body. Default `version`.',
      ).optional(),
      version_header: text('Read the version from this response header instead.').optional(),
      follow_redirects: flag('Follow redirects (at most 5 hops). Default false.').optional(),
      latency_slo: text(
        'Latency objectives for this endpoint, e.g. `p90<5s` or `p95<500ms,p99<1s`.',
      ).optional(),
      max_latency: textOrNumber('A slower response is a failed probe, e.g. `5s`.').optional(),
      timeout: textOrNumber('Budget of one request to this endpoint, e.g. `2s`.').optional(),
      interval: textOrNumber('Time between probes of this endpoint, e.g. `60s`.').optional(),
    },
    { error: 'must be a mapping of fields' },
  )
  .describe('One endpoint to probe: a `path` (joined to the base URL) or a full `url`.');

export const endpointSchema = z.union(
  [
    z.string().describe('A path like /healthz (joined to the base URL) or a full http(s) URL.'),
    endpointObjectSchema,
  ],
  { error: 'must be a path, a URL, or an object with `path` or `url`' },
);

const notJudged = (what: string) =>
  z
    .union([z.string(), z.number(), z.boolean()], { error: 'must be text, a number or true/false' })
    .describe(`${what} Not judged by the gate: kept in the audit record and listed in the summary.`)
    .optional();
/** The not-judged fields under `prefix` (`''` for the service's own level), as schema fields. */
const notJudgedAt = (prefix: string) =>
  Object.fromEntries(
    Object.entries(NOT_JUDGED_FIELDS)
      .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('.'))
      .map(([path, what]) => [path.slice(prefix.length), notJudged(what)]),
  );

export const sloTargetsSchema = z
  .object(
    {
      availability: textOrNumber(
        'Share of successful probes, e.g. `99.9%`. Sets max-error-rate to 100 minus it, unless `error_rate` is given.',
      ).optional(),
      error_rate: textOrNumber(
        'Tolerated error rate, e.g. `<1%` or `1%`. Sets max-error-rate.',
      ).optional(),
      response_time_p50: textOrNumber('Median latency objective, e.g. `200ms`.').optional(),
      response_time_p90: textOrNumber('90th percentile latency objective, e.g. `5s`.').optional(),
      response_time_p95: textOrNumber(
        '95th percentile latency objective, e.g. `500ms`.',
      ).optional(),
      response_time_p99: textOrNumber('99th percentile latency objective, e.g. `1s`.').optional(),
      ...notJudgedAt('slo_targets.'),
    },
    { error: 'must be a mapping of fields' },
  )
  // Other percentiles (`response_time_p75`, `latency_p99.9`) are checked by the loader; the
  // published schema lists them as patternProperties.
  .catchall(textOrNumber('A latency objective at the percentile in the key, e.g. `500ms`.'))
  .describe(
    'Service level objectives judged over the gate: availability / error_rate set max-error-rate, `response_time_pNN` set latency objectives.',
  );

export const monitoringSchema = z
  .strictObject(
    {
      interval: textOrNumber('Time between probes, e.g. `15s`. Sets `interval`.').optional(),
      timeout: textOrNumber('Budget of one request, e.g. `2s`. Sets `timeout`.').optional(),
      grace_period: textOrNumber(
        'Wait after the deploy before the first probe, e.g. `30s`. Sets `initial-delay`.',
      ).optional(),
    },
    { error: 'must be a mapping of fields' },
  )
  .describe('Probe settings.');

export const flySchema = z
  .strictObject(
    {
      app: text('The Fly.io app. Sets `fly-app`.').optional(),
      config: text(
        'Path to fly.toml (relative to the working directory). Sets `fly-config`; without a URL its [[http_service.checks]] give the endpoints and probe timing.',
      ).optional(),
      api_token: text(
        'A Fly.io token for this app, only as a ${VAR} reference (secrets never live in the file). Sets `fly-api-token`.',
      ).optional(),
    },
    { error: 'must be a mapping of fields' },
  )
  .describe('The Fly.io app of this service.');

export const rollbackSchema = z
  .strictObject(
    {
      mode: z
        .enum(['auto', 'none'], { error: 'must be auto or none' })
        .describe(describedInput('rollback'))
        .optional(),
      to: textOrNumber(describedInput('rollback-to')).optional(),
      strategy: z
        .enum(['canary', 'rolling', 'bluegreen', 'immediate'], {
          error: 'must be canary, rolling, bluegreen or immediate',
        })
        .describe(describedInput('rollback-strategy'))
        .optional(),
      timeout: textOrNumber(describedInput('rollback-timeout')).optional(),
      command: text(describedInput('rollback-command')).optional(),
      fail_on_rollback: flag(describedInput('fail-on-rollback')).optional(),
    },
    { error: 'must be a mapping of fields' },
  )
  .describe('Rollback settings.');

export const policySchema = z
  .strictObject(
    Object.fromEntries(
      POLICY_INPUTS.map((name) => [name, textOrNumber(describedInput(name)).optional()]),
    ),
    { error: 'must be a mapping of fields' },
  )
  .describe('Policy overrides, named exactly like the action inputs.');

export const metricsSchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(METRICS_KEYS).map(([key, input]) => [
        key,
        input === 'prometheus-token'
          ? text(`${describedInput(input)} Only as a \${VAR} reference.`).optional()
          : textOrNumber(describedInput(input)).optional(),
      ]),
    ),
    { error: 'must be a mapping of fields' },
  )
  .describe('Prometheus metrics judged during the gate, named like the action inputs.');

const serviceFields = {
  base_url: text(
    'Base URL that endpoint paths are joined to, e.g. https://api.example.com.',
  ).optional(),
  url: text('The base URL (alias of `base_url`), e.g. https://api.example.com.').optional(),
  ...notJudgedAt(''),
  health_endpoint: text('Health check path (or URL), e.g. /healthz. `null` drops a default.')
    .nullable()
    .optional(),
  build_endpoint: text(
    'Where the deployed build/version is read, e.g. /__build; judged against `expected_version`. `null` drops a default.',
  )
    .nullable()
    .optional(),
  expected_version: textOrNumber(
    'The version the new release must serve, e.g. ${GITHUB_SHA}. Checked on `build_endpoint` (or every endpoint without one).',
  ).optional(),
  version_path: text('Dotted path of the version in the JSON body. Default `version`.').optional(),
  version_header: text(
    'Read the version from this response header instead of the body.',
  ).optional(),
  headers: headers.optional(),
  endpoints: z.array(endpointSchema, { error: 'must be a list of endpoints' }).optional(),
  slo_targets: sloTargetsSchema.optional(),
  monitoring: monitoringSchema.optional(),
  fly: flySchema.optional(),
  rollback: rollbackSchema.optional(),
  policy: policySchema.optional(),
  metrics: metricsSchema.optional(),
  environment: text(
    'GitHub environment whose deployments show this gate. Sets `environment`.',
  ).optional(),
  environment_url: text('URL shown on the environment page. Sets `environment-url`.').optional(),
  runbook_url: text(
    'Runbook for this service, linked from annotations, summary and notifications. Sets `runbook-url`.',
  ).optional(),
};

export const serviceSchema = z
  .strictObject(
    {
      name: text(
        'Service name: letters, digits, `.`, `_`, `-` (used for folders and artifact names).',
      ).optional(),
      service: text('The service name (alias of `name`).').optional(),
      ...serviceFields,
    },
    { error: 'must be a mapping of fields' },
  )
  .meta({
    id: 'service',
    title: 'Service',
    description: 'One service: where to probe it, what to expect, and how to roll it back.',
  });

export const defaultsSchema = z
  .strictObject(serviceFields, { error: 'must be a mapping of fields' })
  .meta({
    id: 'defaults',
    title: 'Defaults',
    description:
      'Values every service takes unless it sets its own (they override the action inputs).',
  });

export const fileSchema = z
  .strictObject(
    {
      defaults: defaultsSchema.optional(),
      services: z.array(serviceSchema, { error: 'must be a list of services' }).min(1, {
        error: 'must list at least one service',
      }),
    },
    { error: 'must be a mapping of fields' },
  )
  .describe('A service matrix: optional defaults and a list of services.');

/** Every top-level key a service may have, for "did you mean" hints. */
export const SERVICE_KEYS: readonly string[] = Object.keys(serviceSchema.shape);

export type DefaultsDoc = z.output<typeof defaultsSchema>;
export type EndpointObjectDoc = z.output<typeof endpointObjectSchema>;
