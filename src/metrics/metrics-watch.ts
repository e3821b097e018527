/**
 * Runs the Prometheus queries beside the probes: a round every metrics-interval from the moment
 * the first URL enters observe (on a fixed grid, like the probes), until the gate ends; then one
 * closing round and the final verdict. A failing verdict (enough evidence over the request counts,
 * or a value beyond its limit for the persistence time) fails the gate at once (through `onFail`);
 * provider errors only ever make the metrics inconclusive.
 *
 * The closing round matters because `$window` covers everything since `since`: it is the one
 * round that sees the whole observation. Without it the verdict would rest on a round taken up to
 * one interval before the end, or, when observe-for is shorter than metrics-interval, on the
 * round taken the moment observation began.
 */
import type { Clock } from '../gate/clock.js';
import { collectRound, type MetricQueries } from './collect-round.js';
import { metricsVerdict } from './judge-metrics.js';
import { judgeRound } from './judge-round.js';
import type { MetricsRound, MetricsVerdict } from './judgement-types.js';
import { parseMetricsPolicy, type MetricsPolicy, type MetricsSettings } from './metrics-policy.js';
import type { InstantQueryOptions, QueryOutcome } from './prometheus-client.js';
import type { Recorder } from '../evidence/recorder.js';

/** Without request counts, a metric fails once beyond its limit for this many intervals. */
export const PERSIST_INTERVALS = 2;

/** A query may take this long at most (and never longer than the interval between rounds). */
export const QUERY_TIMEOUT_MS = 10_000;

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
  /**
   * Ends the rounds and gives the verdict. Unless the metrics already decided or the run was
   * cancelled, it first runs one closing round. After a cancellation the verdict is not final
   * (observation did not end): `pending` unless a round had already decided.
   * Rejects only when a round failed on something other than the query (a bug, a full disk).
   */
  finish(options?: { closingRound?: boolean }): Promise<MetricsOutcome>;
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
  /** The run's cancellation: stops the rounds and aborts queries in flight. */
  signal?: AbortSignal;
  query?: (options: InstantQueryOptions) => Promise<QueryOutcome>;
}): MetricsWatch {
  const { settings, clock, recorder, signal: cancel } = options;
  const intervalMs = settings.intervalMs;
  const policy = parseMetricsPolicy({
    ...(options.queries.errorRate ? { maxErrorRate: settings.maxErrorRate } : {}),
    ...(settings.maxLatencyMs !== undefined ? { maxLatencyMs: settings.maxLatencyMs } : {}),
    ...(settings.minRequests !== undefined ? { minRequests: settings.minRequests } : {}),
    onNoData: settings.onNoData,
    alpha: settings.alpha,
    // `for:` of two intervals: a value must be beyond its limit in three rounds in a row.
    persistMs: PERSIST_INTERVALS * intervalMs,
  });
  const rounds: MetricsRound[] = [];
  /** Ends the loop: finish(), or the run's cancellation. */
  const stop = new AbortController();
  const onCancel = () => stop.abort(cancel?.reason);
  cancel?.addEventListener('abort', onCancel, { once: true });
  if (cancel?.aborted) onCancel();
  let decided: MetricsVerdict | undefined;
  let loop: Promise<void> | undefined;
  let finished = false;
  /** An error that was not a cancellation, kept for finish() (never an unhandled rejection). */
  let broken: { error: unknown } | undefined;

  const runRound = async (signal: AbortSignal | undefined): Promise<void> => {
    const round = await collectRound({
      baseUrl: options.baseUrl,
      queries: options.queries,
      since: options.since,
      clock,
      timeoutMs: Math.min(QUERY_TIMEOUT_MS, intervalMs),
      ...(signal ? { signal } : {}),
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

  const runLoop = async (): Promise<void> => {
    const startedAt = clock.now();
    let slot = 0;
    while (!decided && !stop.signal.aborted) {
      await runRound(stop.signal);
      if (decided) return;
      // The next slot on the grid startedAt + k x interval; a round that overran skips slots
      // instead of firing late ones back to back.
      slot = Math.max(slot + 1, Math.floor((clock.now() - startedAt) / intervalMs) + 1);
      await clock.sleep(startedAt + slot * intervalMs - clock.now(), stop.signal);
    }
  };

  return {
    start() {
      if (loop || finished) return;
      loop = runLoop().catch((error: unknown) => {
        // Aborted queries and sleeps reject with the abort reason: that is how the loop ends.
        if (!stop.signal.aborted) broken = { error };
      });
    },
    async finish({ closingRound = true } = {}) {
      finished = true;
      stop.abort(new Error('gate ended'));
      await loop;
      cancel?.removeEventListener('abort', onCancel);
      if (broken) throw broken.error;
      // No closing round when the probes already failed: it could only delay the rollback.
      if (closingRound && !decided && !cancel?.aborted) {
        try {
          await runRound(cancel);
        } catch (error) {
          if (!cancel?.aborted) throw error;
        }
      }
      const verdict =
        decided ?? metricsVerdict(policy, rounds, { final: cancel?.aborted !== true });
      return { baseUrl: options.baseUrl, queries: options.queries, policy, rounds, verdict };
    },
  };
}
