/**
 * Raw inputs (INPUT_* variables, or any record of strings) to validated Settings. Every input is
 * checked before the first request, and every problem is reported at once, each naming the input,
 * the value and what is accepted.
 */
import { z } from 'zod';
import { INPUTS } from './input-spec.js';
import * as field from './field-parsers.js';
import type { Settings } from './settings.js';

export type RawInputs = Record<string, string>;

/** Inputs whose values must never be echoed, not even in an error message. */
const SECRET_INPUTS = new Set(['headers']);

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
});

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
    auditDir: v['audit-dir'],
    secrets: Object.values(v.headers).filter((s) => s !== ''),
  };
}
