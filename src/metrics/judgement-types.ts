/**
 * The shapes of the metrics judgement (judge-round.ts, judge-metrics.ts): what a query measured,
 * what each measurement and round was judged, and the verdict with its rules.
 */
import type { QueryErrorClass, QueryOutcome } from './query-outcome.js';

export type MetricName = 'error-rate' | 'latency' | 'request-count';

export interface Measurement {
  /** Epoch ms (from the injected clock) when the query was sent. */
  at: number;
  name: MetricName;
  /** The query as sent, `$window` already expanded. */
  query: string;
  outcome: QueryOutcome;
}

export interface MetricsRound {
  /** Epoch ms when the round started. */
  at: number;
  measurements: Measurement[];
}

export type FindingStatus = 'good' | 'bad' | 'no-data' | 'provider-error';

export interface Finding {
  name: MetricName;
  query: string;
  status: FindingStatus;
  /** In the policy's units: ratio for error-rate, ms for latency, requests for request-count. */
  observed?: number;
  limit?: number;
  errorClass?: QueryErrorClass;
  /** One line with the numbers that decided it. */
  message: string;
  /** Error rate judged on request counts: the evidence against the limit (fails at 1/alpha). */
  evidence?: number;
  alpha?: number;
}

export interface RoundJudgement {
  at: number;
  status: FindingStatus;
  findings: Finding[];
  /** Why the round is not good, one line per finding that made it so. */
  reasons: string[];
}

export type MetricsStatus = 'pending' | 'pass' | 'fail' | 'inconclusive';

export type RuleName = 'max-error-rate' | 'max-latency' | 'min-requests' | 'max-consecutive-errors';

export interface RuleResult {
  rule: RuleName;
  /** null when the round gave no number for it (no data, provider error). */
  observed: number | null;
  limit: number;
  unit: 'ratio' | 'ms' | 'requests' | 'rounds';
  outcome: 'pass' | 'fail' | 'no-data' | 'error' | 'inconclusive';
  evidence?: number;
  alpha?: number;
}

export interface MetricsVerdict {
  status: MetricsStatus;
  reasons: string[];
  /** The limits as they stood in the round that decided (or the latest round). */
  rules: RuleResult[];
  counts: { rounds: number; good: number; bad: number; noData: number; providerError: number };
  /** Index in `rounds` of the round the verdict rests on, when there is one. */
  decidingRound?: number;
}
