/**
 * Raw inputs (INPUT_* variables, or any record of strings) to validated Settings. Every input is
 * checked before the first request, and every problem is reported at once, each naming the input,
 * the value and what is accepted.
 */
import { z } from 'zod';
import { INPUTS } from './input-spec.js';
import * as field from './field-parsers.js';
import { headerLines } from './header-lines.js';
import { MIN_SECRET_LENGTH, urlCredentialSecrets } from '../secrets/collect-secrets.js';
import { artifactNameInput, retentionDaysInput } from '../evidence/artifact-upload.js';
import { NOTIFY_ON } from '../notify/notify-on.js';
import { rollbackToSchema } from '../rollback/select-target.js';
import { isSecretName } from '../secrets/secret-names.js';
import { formatDuration } from '../gate/duration.js';
import type { Settings } from './settings.js';
import { formatProblem, sentence, SettingsError, shownValue, type Problem } from './problems.js';
import type { Setting } from './service-config.js';

export type RawInputs = Record<string, string>;

/** Every value with where it came from: the action inputs, a config file, fly.toml, a default. */
export type Values = Record<string, Setting>;

/** Inputs whose values must never be echoed, not even in an error message. */
export const SECRET_INPUTS: ReadonlySet<string> = new Set(
  INPUTS.filter((i) => i.secret).map((i) => i.name),
);

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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A job runs at most 6 h on GitHub-hosted runners: no wait of the gate needs longer. */
const JOB = 6 * HOUR;
const PER_REQUEST = { maxMs: 5 * MINUTE };

const inputSchema = z.object({
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
  'prometheus-url': field.optional(field.httpUrl('base')),
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

type Parsed = z.output<typeof inputSchema>;

/** Rules that tie inputs together; each problem names the inputs involved. */
/** A rule across inputs: the inputs it involves, and the sentence that names them. */
interface Rule {
  inputs: string[];
  message: string;
}

function crossFieldProblems(v: Parsed, raw: RawInputs): Rule[] {
  const problems: Rule[] = [...policyProblems(v), ...requestProblems(v, raw)];
  const rule = (inputs: string[], message: string) => problems.push({ inputs, message });
  const canRollBack = v['fly-app'] !== '' || v['rollback-command'] !== undefined;
  if (v['rollback-to'] && !canRollBack) {
    rule(
      ['rollback-to', 'fly-app', 'rollback-command'],
      'Input "rollback-to" is set, but there is no way to roll back: set "fly-app" (Fly.io) or "rollback-command"',
    );
  }
  if (v['rollback-strategy'] && v['fly-app'] === '')
    rule(
      ['rollback-strategy', 'fly-app'],
      'Input "rollback-strategy" needs "fly-app": it is a flyctl deploy option',
    );
  if (v.metrics === 'fly-edge') {
    if (v['fly-app'] === '')
      rule(
        ['metrics', 'fly-app'],
        'Input "metrics": "fly-edge" needs "fly-app": the queries are built for that app',
      );
    for (const name of ['error-rate-query', 'latency-query', 'request-count-query'] as const) {
      if (v[name])
        rule(
          [name, 'metrics'],
          `Input "${name}" cannot be combined with "metrics: fly-edge", which builds that query itself`,
        );
    }
  } else {
    const anyQuery = v['error-rate-query'] || v['latency-query'] || v['request-count-query'];
    if (anyQuery && !v['prometheus-url'])
      rule(
        ['error-rate-query', 'latency-query', 'request-count-query', 'prometheus-url'],
        'Inputs "error-rate-query", "latency-query" and "request-count-query" need "prometheus-url" (or "metrics: fly-edge")',
      );
    if (v['prometheus-url'] && !anyQuery)
      rule(
        ['prometheus-url', 'error-rate-query', 'latency-query'],
        'Input "prometheus-url" is set but no query is: set "error-rate-query" and/or "latency-query"',
      );
    if (v['max-query-latency'] !== undefined && !v['latency-query'])
      rule(
        ['max-query-latency', 'latency-query'],
        'Input "max-query-latency" is set but "latency-query" is missing: the limit needs a query to judge',
      );
    if (v['latency-query'] && v['max-query-latency'] === undefined)
      rule(
        ['latency-query', 'max-query-latency'],
        'Input "latency-query" is set but "max-query-latency" is missing: the query needs a limit',
      );
    if (v['min-requests'] !== undefined && !v['request-count-query'])
      rule(
        ['min-requests', 'request-count-query'],
        'Input "min-requests" is set but "request-count-query" is missing: the minimum needs a count to compare',
      );
  }
  return problems;
}

/** How an input's value is quoted in messages: hidden, or as JSON with URL credentials masked. */
export function shownInput(name: string, raw: RawInputs): string {
  return shownValue(raw[name] ?? '', SECRET_INPUTS.has(name));
}

/** One issue of one action input, as its message line. */
export function describeIssue(issue: z.core.$ZodIssue, name: string, raw: RawInputs): string {
  const values: Values = { [name]: { value: raw[name] ?? '', origin: { kind: 'action-input' } } };
  return formatProblem(problemAt(issue, name, values));
}

/**
 * A field's problem, told where its value was written: the file's line and field (a list item's
 * own line, from the issue's path), fly.toml's field, or the action input.
 */
function problemAt(issue: z.core.$ZodIssue, name: string, values: Values): Problem {
  const setting = values[name];
  const o = setting?.origin;
  if (o?.kind === 'file') {
    const index = issue.path[0];
    const item = typeof index === 'number' ? o.items?.[index] : undefined;
    // A list item's issue carries its own wording without the joined text's line number.
    const message =
      (item && (issue as { params?: { item?: string } }).params?.item) || issue.message;
    return {
      file: o.file,
      ...((item ?? o).line !== undefined ? { line: (item ?? o).line } : {}),
      scope: o.scope,
      field: item?.field ?? o.field,
      message: `${shownValue(item ? item.written : o.written, o.secret)} ${message}`,
    };
  }
  if (o?.kind === 'fly.toml')
    return {
      file: o.file,
      scope: '',
      field: o.field,
      message: `${shownValue(setting?.value, false)} ${issue.message}`,
    };
  if (issue.message.startsWith('Input "')) return sentence(issue.message);
  return {
    file: '',
    scope: '',
    field: name,
    message: `${shownInput(name, plain(values))} ${issue.message}`,
  };
}

type Fields = { values: Parsed; problems: Problem[]; failed: Set<string> };

const DEFAULTS = readInputs({});

/**
 * Every field on its own, so one bad field never hides another's problem. A field that fails is
 * given its default's value, so the rules across inputs can still run on the others.
 */
function parseFields(values: Values): Fields {
  const parsedValues: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const failed = new Set<string>();
  for (const [name, schema] of Object.entries(inputSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(values[name]?.value ?? DEFAULTS[name] ?? '');
    if (parsed.success) {
      parsedValues[name] = parsed.data;
      continue;
    }
    failed.add(name);
    problems.push(...parsed.error.issues.map((i) => problemAt(i, name, values)));
    const fallback = (schema as z.ZodType).safeParse(DEFAULTS[name] ?? '');
    parsedValues[name] = fallback.success ? fallback.data : undefined;
  }
  return { values: parsedValues as Parsed, problems, failed };
}

/** The values alone. */
function plain(values: Values): RawInputs {
  return {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(values).map(([k, s]) => [k, s.value])),
  };
}

/**
 * Problems of the values a file wrote, each at its line. The rules across values wait for the
 * final resolution, where every layer (action inputs, fly.toml) is known.
 */
export function fileProblems(values: Values): Problem[] {
  return parseFields(values).problems.filter((p) => p.file !== '');
}

/** Validates raw inputs into Settings; throws SettingsError listing every problem. */
export function parseInputs(raw: RawInputs): Settings {
  return parseSettings(
    Object.fromEntries(
      Object.entries(raw).map(([k, value]) => [k, { value, origin: { kind: 'action-input' } }]),
    ),
  );
}

/**
 * Validates values from any layer into Settings, once; every problem names where its value was
 * written. Throws SettingsError.
 */
export function parseSettings(values: Values): Settings {
  const raw = plain(values);
  const { values: v, problems, failed } = parseFields(values);
  // A rule across inputs is judged only when none of the inputs it names failed on its own.
  for (const rule of crossFieldProblems(v, raw))
    if (!rule.inputs.some((name) => failed.has(name))) problems.push(sentence(rule.message));
  if (problems.length) throw new SettingsError(problems);
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
      // Unset: a response that arrives within the timeout is fast enough.
      maxLatencyMs: v['max-latency'] ?? timeoutMs,
      latencySlo: v['latency-slo'],
      maxErrorRate: v['max-error-rate'],
      minSamples: v['min-samples'],
      alpha: v.confidence,
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
      ...urlSecrets(v),
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
      alpha: v.confidence,
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
  if (!parsed.success)
    throw new SettingsError(
      parsed.error.issues.map((i) => describeIssue(i, String(i.path[0] ?? '(unknown)'), raw)),
    );
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
  if (problems.length) throw new SettingsError(problems);
  return {
    ...(v.config ? { config: v.config } : {}),
    ...(v.service ? { service: v.service } : {}),
    maxParallel: v['max-parallel'],
    planOnly: v['plan-only'],
  };
}

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
function policyProblems(v: Parsed): Rule[] {
  const problems: Rule[] = [];
  const rule = (inputs: string[], message: string) => problems.push({ inputs, message });
  const interval = v.interval;
  const streakMs = (v['success-threshold'] - 1) * interval;
  if (streakMs >= v['startup-timeout']) {
    rule(
      ['success-threshold', 'interval', 'startup-timeout'],
      `Inputs "success-threshold" ${v['success-threshold']} at "interval" ${formatDuration(interval)} need ${formatDuration(streakMs)} from the first success, which "startup-timeout" ${formatDuration(v['startup-timeout'])} does not allow: no release could ever pass; raise startup-timeout or lower interval`,
    );
  }
  const observeProbes = Math.floor(v['observe-for'] / interval);
  const window = v['success-threshold'] + observeProbes;
  if (v['observe-for'] > 0 && observeProbes < v['failure-threshold'] && window < v['min-samples']) {
    rule(
      ['observe-for', 'interval', 'failure-threshold', 'min-samples'],
      `Input "observe-for" ${formatDuration(v['observe-for'])} at "interval" ${formatDuration(interval)} gives ${observeProbes} observe probes, fewer than "failure-threshold" ${v['failure-threshold']}, and ${window} judged probes, fewer than "min-samples" ${v['min-samples']}: consecutive failures could never fail the release, and no healthy verdict could count error rate and latency as judged; lengthen observe-for, or lower failure-threshold or min-samples`,
    );
  }
  return problems;
}

/** Credentials written into any URL input (the webhook URL is a secret as a whole already). */
function urlSecrets(v: Parsed): string[] {
  const urls = [
    ...v.url,
    v['prometheus-url'],
    v['webhook-url'],
    v['environment-url'],
    v['runbook-url'],
  ];
  return urls.flatMap((url) => (url ? urlCredentialSecrets(url) : []));
}

/** A probe that could never pass, whatever the release serves. */
function requestProblems(v: Parsed, raw: RawInputs): Rule[] {
  const problems: Rule[] = [];
  const rule = (inputs: string[], message: string) => problems.push({ inputs, message });
  const maxLatency = v['max-latency'];
  if (maxLatency !== undefined && maxLatency >= v.timeout) {
    rule(
      ['max-latency', 'timeout'],
      `Input "max-latency": ${shownInput('max-latency', raw)} is not below "timeout" ${formatDuration(v.timeout)}: the timeout ends a slower exchange first, so max-latency could never fail a probe; accepted: a duration below timeout, or empty (the timeout is the limit)`,
    );
  }
  if (v.method === 'HEAD') {
    const needsBody = [
      v['expect-body'] ? '"expect-body"' : '',
      v['expect-json'].length > 0 ? '"expect-json"' : '',
      v['expected-version'] && !v['version-header']
        ? '"expected-version" (read from the body)'
        : '',
    ].filter(Boolean);
    if (needsBody.length > 0)
      rule(
        ['method', 'expect-body', 'expect-json', 'expected-version', 'version-header'],
        `Input "method": ${shownInput('method', raw)} cannot be combined with ${needsBody.join(', ')}: a response to HEAD has no body, so no probe could pass; accepted: GET (or another method with a body), or HEAD with only status checks and "version-header"`,
      );
  }
  return problems;
}

/** `mode`: what the step does. Read first, before any other input, so each mode checks its own. */
export type Mode = 'gate' | 'report' | 'monitor';

export function parseMode(raw: RawInputs): Mode {
  const mode = (raw.mode ?? '').trim() || 'gate';
  if (mode === 'gate' || mode === 'report' || mode === 'monitor') return mode;
  throw new SettingsError([
    `Input "mode": ${shownInput('mode', raw)} is not a mode; accepted: gate, report, monitor`,
  ]);
}

const DAY = 24 * HOUR;

/** `period`: hours or days, 1h to 366d (the report's longest window, the monitor's SLO window). */
export function parsePeriod(raw: RawInputs): { ms: number; label: string } | string {
  const label = (raw.period ?? '').trim() || '30d';
  const match = /^([1-9]\d{0,3})(h|d)$/.exec(label);
  const ms = match ? Number(match[1]) * (match[2] === 'd' ? DAY : HOUR) : 0;
  if (!match || ms > 366 * DAY)
    return `Input "period": ${shownInput('period', raw)} is not a period; accepted: hours or days from 1h to 366d, e.g. 24h, 7d, 30d`;
  return { ms, label };
}
