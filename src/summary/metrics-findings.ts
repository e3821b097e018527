/** The metrics findings a report shows: those of the round the verdict rests on (or the last). */
import { judgeRound, type Finding } from '../metrics/judge-metrics.js';
import type { MetricsOutcome } from '../metrics/metrics-watch.js';

export function decisiveFindings(metrics: MetricsOutcome): Finding[] {
  const index = metrics.verdict.decidingRound ?? metrics.rounds.length - 1;
  const round = metrics.rounds[index];
  return round ? judgeRound(metrics.policy, round).findings : [];
}
