/** The rules table of a metrics verdict: each limit, what the deciding round observed, its outcome. */
import type { MetricsPolicy } from './metrics-policy.js';
import type { Finding, MetricName, RoundJudgement, RuleResult } from './judgement-types.js';
import { effectiveMinRequests } from './judge-round.js';

export function rulesFor(
  policy: MetricsPolicy,
  judgement: RoundJudgement | undefined,
  errorRun: number,
): RuleResult[] {
  const rules: RuleResult[] = [];
  const outcomeOf = (f: Finding): RuleResult['outcome'] =>
    f.status === 'good'
      ? 'pass'
      : f.status === 'bad'
        ? 'fail'
        : f.status === 'no-data'
          ? 'no-data'
          : 'error';
  const find = (name: MetricName) => judgement?.findings.find((f) => f.name === name);

  const errorRate = find('error-rate');
  if (errorRate && policy.maxErrorRate !== undefined) {
    rules.push({
      rule: 'max-error-rate',
      observed: errorRate.observed ?? null,
      limit: policy.maxErrorRate,
      unit: 'ratio',
      outcome: outcomeOf(errorRate),
      ...(errorRate.evidence !== undefined
        ? { evidence: errorRate.evidence, alpha: errorRate.alpha ?? policy.alpha }
        : {}),
    });
  }
  const latency = find('latency');
  if (latency && policy.maxLatencyMs !== undefined) {
    rules.push({
      rule: 'max-latency',
      observed: latency.observed ?? null,
      limit: policy.maxLatencyMs,
      unit: 'ms',
      outcome: outcomeOf(latency),
    });
  }
  const requests = find('request-count');
  if (requests) {
    rules.push({
      rule: 'min-requests',
      observed: requests.observed ?? null,
      limit: effectiveMinRequests(policy),
      unit: 'requests',
      outcome: outcomeOf(requests),
    });
  }
  rules.push({
    rule: 'max-consecutive-errors',
    observed: errorRun,
    limit: policy.maxConsecutiveErrors,
    unit: 'rounds',
    outcome: errorRun >= policy.maxConsecutiveErrors ? 'inconclusive' : 'pass',
  });
  return rules;
}
