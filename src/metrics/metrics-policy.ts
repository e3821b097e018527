/**
 * The metrics policy in the units the judge works in (fractions, milliseconds), validated with
 * zod. The settings layer converts action inputs (max-error-rate in percent, durations) into it.
 */
import { z } from 'zod';

export type OnNoData = 'inconclusive' | 'pass' | 'fail';

/** The metrics of a service as the settings give them: where to query, what, and the limits. */
export interface MetricsSettings {
  /** Where to query: a given base URL, or Fly's managed Prometheus for the app's organization. */
  source: { kind: 'url'; baseUrl: string } | { kind: 'fly-edge'; app: string };
  token?: string;
  queries: { errorRate?: string; latency?: string; requestCount?: string };
  /** Fraction 0..1 (the same max-error-rate the probes use). */
  maxErrorRate: number;
  /** 1 − confidence, as for the probes. */
  alpha: number;
  maxLatencyMs?: number;
  minRequests?: number;
  onNoData: OnNoData;
  intervalMs: number;
}

export interface MetricsPolicy {
  /** Highest acceptable error ratio, a fraction 0-1 (the input max-error-rate is in percent). */
  maxErrorRate?: number;
  /** Highest acceptable value of the latency query, in milliseconds (the query returns seconds). */
  maxLatencyMs?: number;
  /** Fewer requests than this in the window is "no data". Defaults to 1 when request-count is queried. */
  minRequests?: number;
  /** What "no data" at the end of observation means. */
  onNoData: OnNoData;
  /** This many rounds in a row that could not be queried make the verdict inconclusive. */
  maxConsecutiveErrors: number;
  /** With request counts, the error rate fails once the evidence against the limit reaches 1/alpha. */
  alpha: number;
  /** Without counts, a value must stay beyond its limit this long (Prometheus' `for:`) to fail. */
  persistMs: number;
}

export const DEFAULT_MAX_CONSECUTIVE_ERRORS = 3;
export const DEFAULT_ALPHA = 0.05;
/** A point estimate over an extrapolated window is noise; one minute above the limit is not. */
export const DEFAULT_PERSIST_MS = 60_000;
export const ON_NO_DATA_VALUES = ['inconclusive', 'pass', 'fail'] as const;

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

export const metricsPolicySchema = z.object({
  maxErrorRate: z
    .number({ error: (i) => `maxErrorRate must be a number, got ${show(i.input)}` })
    .min(0, {
      error: (i) => `maxErrorRate must be a fraction between 0 and 1, got ${show(i.input)}`,
    })
    .max(1, {
      error: (i) =>
        `maxErrorRate must be a fraction between 0 and 1 (max-error-rate 5 means 0.05), got ${show(i.input)}`,
    })
    .optional(),
  maxLatencyMs: z
    .number({ error: (i) => `maxLatencyMs must be a number, got ${show(i.input)}` })
    .positive({ error: (i) => `maxLatencyMs must be greater than 0, got ${show(i.input)}` })
    .optional(),
  minRequests: z
    .number({ error: (i) => `minRequests must be a number, got ${show(i.input)}` })
    .int({ error: (i) => `minRequests must be a whole number >= 0, got ${show(i.input)}` })
    .min(0, { error: (i) => `minRequests must be a whole number >= 0, got ${show(i.input)}` })
    .optional(),
  onNoData: z
    .enum(ON_NO_DATA_VALUES, {
      error: (i) => `onNoData must be one of ${ON_NO_DATA_VALUES.join(', ')}, got ${show(i.input)}`,
    })
    .default('inconclusive'),
  maxConsecutiveErrors: z
    .number({ error: (i) => `maxConsecutiveErrors must be a number, got ${show(i.input)}` })
    .int({ error: (i) => `maxConsecutiveErrors must be a whole number >= 1, got ${show(i.input)}` })
    .min(1, {
      error: (i) => `maxConsecutiveErrors must be a whole number >= 1, got ${show(i.input)}`,
    })
    .default(DEFAULT_MAX_CONSECUTIVE_ERRORS),
  alpha: z
    .number({ error: (i) => `alpha must be a number, got ${show(i.input)}` })
    .gt(0, { error: (i) => `alpha must be between 0 and 0.5, got ${show(i.input)}` })
    .max(0.5, { error: (i) => `alpha must be between 0 and 0.5, got ${show(i.input)}` })
    .default(DEFAULT_ALPHA),
  persistMs: z
    .number({ error: (i) => `persistMs must be a number, got ${show(i.input)}` })
    .min(0, { error: (i) => `persistMs must be 0 or more, got ${show(i.input)}` })
    .default(DEFAULT_PERSIST_MS),
});

/** Validates a policy, filling defaults; throws one error listing every problem. */
export function parseMetricsPolicy(input: unknown): MetricsPolicy {
  const result = metricsPolicySchema.safeParse(input);
  if (!result.success) {
    throw new RangeError(
      `invalid metrics policy: ${result.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return result.data;
}
