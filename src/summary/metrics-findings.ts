/** The metrics findings a report shows: those of the round the verdict rests on (or the last). */
import { judgeRound } from '../metrics/judge-round.js';
import type { Finding } from '../metrics/judgement-types.js';
import type { MetricsOutcome } from '../metrics/metrics-watch.js';

export function decisiveFindings(metrics: MetricsOutcome): Finding[] {
  const index = metrics.verdict.decidingRound ?? metrics.rounds.length - 1;
  const round = metrics.rounds[index];
  return round ? judgeRound(metrics.policy, round).findings : [];
}
