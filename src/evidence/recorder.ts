/**
 * Where the pipeline puts its evidence as it happens. The evidence layer implements it with
 * files (audit-dir); tests can collect in memory. Every call is synchronous so that a record is
 * on disk before the next step starts: a crash loses at most the step in flight.
 */
import type { Attempt } from '../gate/types.js';
import type { MetricsRound, RoundJudgement } from '../metrics/judgement-types.js';
import type { FlySnapshot } from '../rollback/flyctl-results.js';

export interface Recorder {
  attempt(attempt: Attempt): void;
  metricsRound(round: MetricsRound, judgement: RoundJudgement): void;
  flySnapshot(app: string, when: 'before' | 'after', snapshot: Partial<FlySnapshot>): void;
  rollbackOutput(text: string): void;
}

export const nullRecorder: Recorder = {
  attempt: () => undefined,
  metricsRound: () => undefined,
  flySnapshot: () => undefined,
  rollbackOutput: () => undefined,
};
