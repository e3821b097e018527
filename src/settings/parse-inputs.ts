/**
 * Raw inputs (INPUT_* variables, or any record of strings) to validated Settings. Every input is
 * checked before the first request, and every problem is reported at once, each naming the input,
 * the value and what is accepted.
 */
import { z } from 'zod';
import { INPUTS } from './input-spec.js';
import * as field from './field-parsers.js';
import { artifactNameInput, retentionDaysInput } from '../evidence/artifact-upload.js';
import { NOTIFY_ON } from '../notify/notify-on.js';
import { rollbackToSchema } from '../rollback/select-target.js';
import { isSecretName } from '../evidence/secret-names.js';
import { formatDuration } from './duration.js';
import type { Settings } from './settings.js';

export type RawInputs = Record<string, string>;

/** Inputs whose values must never be echoed, not even in an error message. */
const SECRET_INPUTS = new Set([
  'headers',
  'fly-api-token',
  'prometheus-token',
  'github-token',
  'webhook-url',
]);

/** The runner's env var for an input: upper-cased, spaces to `_`, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Reads every declared input from an environment. A missing or blank value takes the default from
 * input-spec.ts (the same one action.yml declares), so a run outside the runner behaves alike.
 */
export function readInputs(env: Record<string, string | undefined>): RawInputs {
  const raw: RawInputs = {};
  for (const spec of INPUTS) {
    const value = env[inputEnvName(spec.name)];
    raw[spec.name] = value === undefined || value.trim() === '' ? (spec.default ?? '') : value;
  }
  return raw;
}

const inputSchema = z.object({
  url: field.httpUrls(),
  method: field.method(),
  headers: field.headerLines(),
  'expected-status': field.statusRanges(),
  'expect-body': field.bodyExpectation(),
  'expect-json': field.jsonAssertions(),
  'expected-version': z.string().transform((s) => s.trim()),
  'version-path': field.nonEmpty('a dotted path such as version or build.sha'),
  'version-header': z.string().transform((s) => s.trim().toLowerCase()),
  'follow-redirects': field.boolean(),
  'initial-delay': field.duration(),
  interval: field.positiveDuration(),
  timeout: field.positiveDuration(),
  'startup-timeout': field.positiveDuration(),
  'success-threshold': field.integer(1, 1000),
  'failure-threshold': field.integer(1, 1000),
  'max-latency': field.positiveDuration(),
  'latency-slo': field.latencyObjectives(),
  'max-error-rate': field.percent(),
  'min-samples': field.integer(1, 100_000),
  'observe-for': field.duration(),
  'audit-dir': field.nonEmpty('a folder path'),
  'artifact-name': field.optional(artifactNameInput()),
  'retention-days': retentionDaysInput(),
  'fly-app': z.string().transform((s) => s.trim()),
  'fly-config': z.string().transform((s) => s.trim()),
  'fly-api-token': z.string().transform((s) => s.trim()),
  rollback: field.oneOf(['auto', 'none'] as const),
  'rollback-to': field.optional(rollbackToSchema),
  'rollback-strategy': field.optional(
    field.oneOf(['canary', 'rolling', 'bluegreen', 'immediate'] as const),
  ),
  'rollback-timeout': field.positiveDuration(),
  'rollback-command': field.command(),
  'fail-on-rollback': field.boolean(),
  'dry-run': field.boolean(),
  'prometheus-url': field.optional(field.httpUrl()),
  'prometheus-token': z.string().transform((s) => s.trim()),
  metrics: field.optional(field.oneOf(['fly-edge'] as const)),
  'error-rate-query': z.string().transform((s) => s.trim()),
  'latency-query': z.string().transform((s) => s.trim()),
  'max-query-latency': field.optional(field.positiveDuration()),
  'request-count-query': z.string().transform((s) => s.trim()),
  'min-requests': field.optional(field.integer(1, 1_000_000_000)),
  'on-no-data': field.oneOf(['inconclusive', 'pass', 'fail'] as const),
  'metrics-interval': field.positiveDuration(),
  'github-token': z.string().transform((s) => s.trim()),
  environment: z.string().transform((s) => s.trim()),
  'environment-url': field.optional(field.httpUrl()),
  'webhook-url': field.optional(field.httpUrl()),
  'notify-on': field.oneOf(NOTIFY_ON),
  'runbook-url': field.optional(field.httpUrl()),
});

type Parsed = z.output<typeof inputSchema>;

/** Rules that tie inputs together; each problem names the inputs involved. */
function crossFieldProblems(v: Parsed): string[] {
  const problems: string[] = [...policyProblems(v)];
  const canRollBack = v['fly-app'] !== '' || v['rollback-command'] !== undefined;
  if (v['rollback-to'] && !canRollBack) {
    problems.push(
      'Input "rollback-to" is set, but there is no way to roll back: set "fly-app" (Fly.io) or "rollback-command"',
    );
  }
  if (v['rollback-strategy'] && v['fly-app'] === '')
    problems.push('Input "rollback-strategy" needs "fly-app": it is a flyctl deploy option');
  if (v.metrics === 'fly-edge') {
    if (v['fly-app'] === '')
      problems.push(
        'Input "metrics": "fly-edge" needs "fly-app": the queries are built for that app',
      );
    for (const name of ['error-rate-query', 'latency-query', 'request-count-query'] as const) {
      if (v[name])
        problems.push(
          `Input "${name}" cannot be combined with "metrics: fly-edge", which builds that query itself`,
        );
    }
  } else {
    const anyQuery = v['error-rate-query'] || v['latency-query'] || v['request-count-query'];
    if (anyQuery && !v['prometheus-url'])
      problems.push(
        'Inputs "error-rate-query", "latency-query" and "request-count-query" need "prometheus-url" (or "metrics: fly-edge")',
      );
    if (v['prometheus-url'] && !anyQuery)
      problems.push(
        'Input "prometheus-url" is set but no query is: set "error-rate-query" and/or "latency-query"',
      );
    if (v['max-query-latency'] !== undefined && !v['latency-query'])
      problems.push(
        'Input "max-query-latency" is set but "latency-query" is missing: the limit needs a query to judge',
      );
    if (v['latency-query'] && v['max-query-latency'] === undefined)
      problems.push(
        'Input "latency-query" is set but "max-query-latency" is missing: the query needs a limit',
      );
    if (v['min-requests'] !== undefined && !v['request-count-query'])
      problems.push(
        'Input "min-requests" is set but "request-count-query" is missing: the minimum needs a count to compare',
      );
  }
  return problems;
}

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? (problems[0] as string)
        : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`,
    );
    this.name = 'InputError';
  }
}

function describeIssue(issue: z.core.$ZodIssue, raw: RawInputs): string {
  // Schemas shared with the evidence layer name the input themselves.
  if (issue.message.startsWith('Input "')) return issue.message;
  const name = String(issue.path[0] ?? '(unknown)');
  const value = raw[name] ?? '';
  const shown = SECRET_INPUTS.has(name)
    ? '(value hidden: it holds secrets)'
    : JSON.stringify(value);
  return `Input "${name}": ${shown} ${issue.message}`;
}

/** Validates raw inputs into Settings; throws InputError listing every problem. */
export function parseInputs(raw: RawInputs): Settings {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => describeIssue(i, raw)));
  const v = parsed.data;
  const problems = crossFieldProblems(v);
  if (problems.length) throw new InputError(problems);
  const flyApp = v['fly-app'];
  const timeoutMs = v.timeout;
  return {
    urls: v.url,
    request: {
      method: v.method,
      headers: v.headers,
      timeoutMs,
      followRedirects: v['follow-redirects'],
    },
    expect: {
      status: v['expected-status'],
      statusText: raw['expected-status']?.replace(/\s+/g, '') ?? '',
      body: v['expect-body'],
      json: v['expect-json'],
      version: v['expected-version']
        ? {
            expected: v['expected-version'],
            path: field.splitPath(v['version-path']),
            ...(v['version-header'] ? { header: v['version-header'] } : {}),
          }
        : undefined,
    },
    policy: {
      initialDelayMs: v['initial-delay'],
      intervalMs: v.interval,
      timeoutMs,
      startupTimeoutMs: v['startup-timeout'],
      successThreshold: v['success-threshold'],
      failureThreshold: v['failure-threshold'],
      maxLatencyMs: v['max-latency'],
      latencySlo: v['latency-slo'],
      maxErrorRate: v['max-error-rate'],
      minSamples: v['min-samples'],
      observeForMs: v['observe-for'],
    },
    ...(flyApp
      ? {
          fly: {
            app: flyApp,
            ...(v['fly-config'] ? { config: v['fly-config'] } : {}),
            ...(v['fly-api-token'] ? { tokenInput: v['fly-api-token'] } : {}),
          },
        }
      : {}),
    rollback: {
      mode: v.rollback,
      ...(v['rollback-to'] ? { to: v['rollback-to'] } : {}),
      ...(v['rollback-strategy'] ? { strategy: v['rollback-strategy'] } : {}),
      timeoutMs: v['rollback-timeout'],
      ...(v['rollback-command'] ? { command: v['rollback-command'] } : {}),
      failOnRollback: v['fail-on-rollback'],
      dryRun: v['dry-run'],
    },
    ...metricsSettings(v),
    evidence: {
      dir: v['audit-dir'],
      ...(v['artifact-name'] ? { artifactName: v['artifact-name'] } : {}),
      ...(v['retention-days'] !== undefined ? { retentionDays: v['retention-days'] } : {}),
    },
    ...(v['github-token'] && v.environment
      ? {
          deployments: {
            token: v['github-token'],
            environment: v.environment,
            ...(v['environment-url'] ? { environmentUrl: v['environment-url'] } : {}),
          },
        }
      : {}),
    ...(v['webhook-url'] ? { notify: { webhookUrl: v['webhook-url'], on: v['notify-on'] } } : {}),
    ...(v['runbook-url'] ? { runbookUrl: v['runbook-url'] } : {}),
    secrets: [
      ...headerSecrets(v.headers),
      v['fly-api-token'],
      v['prometheus-token'],
      v['github-token'],
      v['webhook-url'] ?? '',
    ].filter((s) => s !== ''),
  };
}

function metricsSettings(v: Parsed): Pick<Settings, 'metrics'> {
  const fromFly = v.metrics === 'fly-edge';
  if (!fromFly && !v['prometheus-url']) return {};
  const queries = {
    ...(v['error-rate-query'] ? { errorRate: v['error-rate-query'] } : {}),
    ...(v['latency-query'] ? { latency: v['latency-query'] } : {}),
    ...(v['request-count-query'] ? { requestCount: v['request-count-query'] } : {}),
  };
  return {
    metrics: {
      source: fromFly
        ? { kind: 'fly-edge', app: v['fly-app'] }
        : { kind: 'url', baseUrl: v['prometheus-url'] as string },
      ...(v['prometheus-token'] ? { token: v['prometheus-token'] } : {}),
      queries,
      maxErrorRate: v['max-error-rate'],
      ...(v['max-query-latency'] !== undefined ? { maxLatencyMs: v['max-query-latency'] } : {}),
      ...(v['min-requests'] !== undefined ? { minRequests: v['min-requests'] } : {}),
      onNoData: v['on-no-data'],
      intervalMs: v['metrics-interval'],
    },
  };
}

/** Inputs that shape the whole run rather than one service. */
export interface RunOptions {
  config?: string;
  service?: string;
  maxParallel: number;
  planOnly: boolean;
}

const runSchema = z.object({
  config: z.string().transform((s) => s.trim()),
  service: z.string().transform((s) => s.trim()),
  'max-parallel': field.integer(1, 64),
  'plan-only': field.boolean(),
});

export function parseRunOptions(raw: RawInputs): RunOptions {
  const parsed = runSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => describeIssue(i, raw)));
  const v = parsed.data;
  const problems: string[] = [];
  if (v.service && !v.config)
    problems.push(
      `Input "service": ${JSON.stringify(v.service)} needs "config": it names a service of the config file`,
    );
  if (v['plan-only'] && !v.config)
    problems.push('Input "plan-only" needs "config": it plans the services of the config file');
  if (v.config && raw.url?.trim())
    problems.push(
      'Inputs "url" and "config" are both set: give the URLs in the config file (or drop "config")',
    );
  if (problems.length) throw new InputError(problems);
  return {
    ...(v.config ? { config: v.config } : {}),
    ...(v.service ? { service: v.service } : {}),
    maxParallel: v['max-parallel'],
    planOnly: v['plan-only'],
  };
}

/** A header value shorter than this is masked only when its name says it is a secret. */
const MIN_SECRET_LENGTH = 6;

/**
 * Header values are secrets, but masking a value like `2` or `json` would garble every log line
 * and timestamp: short values are secrets only under a secret-looking name (Authorization, ...).
 */
function headerSecrets(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(
      ([name, value]) =>
        value.length >= MIN_SECRET_LENGTH || (value !== '' && isSecretName(name, 'structured')),
    )
    .map(([, value]) => value);
}

/** A policy whose rules could never fire passes everything: refuse it, naming the inputs. */
function policyProblems(v: Parsed): string[] {
  const problems: string[] = [];
  const interval = v.interval;
  const streakMs = (v['success-threshold'] - 1) * interval;
  if (streakMs >= v['startup-timeout']) {
    problems.push(
      `Inputs "success-threshold" ${v['success-threshold']} at "interval" ${formatDuration(interval)} need ${formatDuration(streakMs)} from the first success, which "startup-timeout" ${formatDuration(v['startup-timeout'])} does not allow: no release could ever pass; raise startup-timeout or lower interval`,
    );
  }
  const observeProbes = Math.floor(v['observe-for'] / interval);
  const window = v['success-threshold'] + observeProbes;
  if (v['observe-for'] > 0 && observeProbes < v['failure-threshold'] && window < v['min-samples']) {
    problems.push(
      `Input "observe-for" ${formatDuration(v['observe-for'])} at "interval" ${formatDuration(interval)} gives ${observeProbes} observe probes, fewer than "failure-threshold" ${v['failure-threshold']}, and ${window} judged probes, fewer than "min-samples" ${v['min-samples']}: nothing could fail the release while observing; lengthen observe-for, or lower failure-threshold or min-samples`,
    );
  }
  return problems;
}
