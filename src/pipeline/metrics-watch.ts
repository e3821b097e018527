/**
 * Runs the Prometheus queries beside the probes: a round every metrics-interval from the moment
 * the first URL enters observe, until the gate ends; then one final verdict. A bad round fails
 * the gate at once (through `onFail`); provider errors only ever make the metrics inconclusive.
 */
import type { Clock } from '../gate/clock.js';
import { collectRound, type MetricQueries } from '../metrics/collect-round.js';
import {
  judgeRound,
  metricsVerdict,
  type MetricsRound,
  type MetricsVerdict,
} from '../metrics/judge-metrics.js';
import { parseMetricsPolicy, type MetricsPolicy } from '../metrics/metrics-policy.js';
import type { InstantQueryOptions, QueryOutcome } from '../metrics/prometheus-client.js';
import type { MetricsSettings } from '../settings/settings.js';
import type { Recorder } from '../evidence/recorder.js';

/** A query may take this long at most (and never longer than the interval between rounds). */
const QUERY_TIMEOUT_MS = 10_000;

export interface MetricsOutcome {
  baseUrl: string;
  queries: MetricQueries;
  policy: MetricsPolicy;
  rounds: MetricsRound[];
  verdict: MetricsVerdict;
}

export interface MetricsWatch {
  /** Begins the rounds (idempotent: the first URL to reach observe starts them). */
  start(): void;
  /** Ends the rounds and gives the final verdict; runs one round first if none ran. */
  finish(): Promise<MetricsOutcome>;
}

export function watchMetrics(options: {
  settings: MetricsSettings;
  baseUrl: string;
  queries: MetricQueries;
  token?: string;
  /** `$window` covers the time since this instant: the start of the gate. */
  since: number;
  clock: Clock;
  recorder: Recorder;
  onFail: (verdict: MetricsVerdict) => void;
  signal?: AbortSignal;
  query?: (options: InstantQueryOptions) => Promise<QueryOutcome>;
}): MetricsWatch {
  const { settings, clock, recorder } = options;
  const policy = parseMetricsPolicy({
    ...(options.queries.errorRate ? { maxErrorRate: settings.maxErrorRate } : {}),
    ...(settings.maxLatencyMs !== undefined ? { maxLatencyMs: settings.maxLatencyMs } : {}),
    ...(settings.minRequests !== undefined ? { minRequests: settings.minRequests } : {}),
    onNoData: settings.onNoData,
  });
  const rounds: MetricsRound[] = [];
  const stop = new AbortController();
  options.signal?.addEventListener('abort', () => stop.abort(options.signal?.reason), {
    once: true,
  });
  let decided: MetricsVerdict | undefined;
  let loop: Promise<void> | undefined;

  const runRound = async (signal: AbortSignal): Promise<void> => {
    const round = await collectRound({
      baseUrl: options.baseUrl,
      queries: options.queries,
      since: options.since,
      clock,
      timeoutMs: Math.min(QUERY_TIMEOUT_MS, settings.intervalMs),
      signal,
      ...(options.token ? { token: options.token } : {}),
      ...(options.query ? { query: options.query } : {}),
    });
    rounds.push(round);
    recorder.metricsRound(round, judgeRound(policy, round));
    const verdict = metricsVerdict(policy, rounds);
    if (verdict.status === 'fail' || verdict.status === 'inconclusive') {
      decided = verdict;
      if (verdict.status === 'fail') options.onFail(verdict);
    }
  };

  return {
    start() {
      loop ??= (async () => {
        while (!decided && !stop.signal.aborted) {
          await runRound(stop.signal);
          if (!decided) await clock.sleep(settings.intervalMs, stop.signal);
        }
      })().catch((error: unknown) => {
        if (!stop.signal.aborted) throw error;
      });
    },
    async finish() {
      stop.abort(new Error('gate ended'));
      await loop;
      if (!decided && rounds.length === 0 && !options.signal?.aborted)
        await runRound(new AbortController().signal);
      const verdict = decided ?? metricsVerdict(policy, rounds, { final: true });
      return { baseUrl: options.baseUrl, queries: options.queries, policy, rounds, verdict };
    },
  };
}
