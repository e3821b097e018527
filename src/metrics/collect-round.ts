/**
 * Runs one round of the configured metric queries (in parallel) and returns it ready for the
 * judge. The query function is injected so the gate can run this against fakes or for real.
 */
import type { Clock } from '../gate/clock.js';
import type { Measurement, MetricName, MetricsRound } from './judgement-types.js';
import { expandWindow } from './prom-duration.js';
import { queryInstant, type InstantQueryOptions } from './prometheus-client.js';
import type { QueryOutcome } from './query-outcome.js';

/** The queries to run, with `$window` still in them; absent ones are not run. */
export interface MetricQueries {
  errorRate?: string;
  latency?: string;
  requestCount?: string;
}

export interface CollectRoundOptions {
  baseUrl: string;
  token?: string;
  queries: MetricQueries;
  /** When the gate started observing the new release: `$window` covers now - since. */
  since: number;
  clock: Clock;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Defaults to the real HTTP client. */
  query?: (options: InstantQueryOptions) => Promise<QueryOutcome>;
}

const NAMES: ReadonlyArray<[keyof MetricQueries, MetricName]> = [
  ['errorRate', 'error-rate'],
  ['latency', 'latency'],
  ['requestCount', 'request-count'],
];

export async function collectRound(options: CollectRoundOptions): Promise<MetricsRound> {
  const { clock, queries, since } = options;
  const run = options.query ?? queryInstant;
  const at = clock.now();
  const elapsedMs = at - since;

  const planned = NAMES.flatMap(([key, name]) => {
    const template = queries[key];
    return template === undefined ? [] : [{ name, query: expandWindow(template, elapsedMs) }];
  });
  const measurements = await Promise.all(
    planned.map(async ({ name, query }): Promise<Measurement> => {
      const outcome = await run({
        baseUrl: options.baseUrl,
        query,
        timeoutMs: options.timeoutMs,
        ...(options.token !== undefined ? { token: options.token } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { at, name, query, outcome };
    }),
  );
  return { at, measurements };
}
