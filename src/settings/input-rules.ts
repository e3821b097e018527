/**
 * Rules across inputs: a policy whose rules could never fire, a probe that could never pass,
 * settings that need each other. Each rule names the inputs it involves, so a rule whose input
 * already failed on its own is not reported twice.
 */
import { formatDuration } from '../gate/duration.js';
import type { Parsed } from './input-schema.js';
import { shownInput, type RawInputs } from './read-inputs.js';

/** A rule across inputs: the inputs it involves, and the sentence that names them. */
export interface Rule {
  inputs: string[];
  message: string;
}

/** Rules that tie inputs together; each names the inputs it involves. */
export function crossFieldProblems(v: Parsed, raw: RawInputs): Rule[] {
  const problems: Rule[] = [...policyProblems(v), ...requestProblems(v, raw)];
  const rule = (inputs: string[], message: string) => problems.push({ inputs, message });
  const canRollBack = v['fly-app'] !== '' || v['rollback-command'] !== undefined;
  if (v['rollback-to'] && !canRollBack) {
    rule(
      ['rollback-to', 'fly-app', 'rollback-command'],
      'Input "rollback-to" is set, but there is no way to roll back: set "fly-app" (Fly.io) or "rollback-command"',
    );
  }
  if (v['rollback-strategy'] && v['fly-app'] === '')
    rule(
      ['rollback-strategy', 'fly-app'],
      'Input "rollback-strategy" needs "fly-app": it is a flyctl deploy option',
    );
  if (v.metrics === 'fly-edge') {
    if (v['fly-app'] === '')
      rule(
        ['metrics', 'fly-app'],
        'Input "metrics": "fly-edge" needs "fly-app": the queries are built for that app',
      );
    for (const name of ['error-rate-query', 'latency-query', 'request-count-query'] as const) {
      if (v[name])
        rule(
          [name, 'metrics'],
          `Input "${name}" cannot be combined with "metrics: fly-edge", which builds that query itself`,
        );
    }
  } else {
    const anyQuery = v['error-rate-query'] || v['latency-query'] || v['request-count-query'];
    if (anyQuery && !v['prometheus-url'])
      rule(
        ['error-rate-query', 'latency-query', 'request-count-query', 'prometheus-url'],
        'Inputs "error-rate-query", "latency-query" and "request-count-query" need "prometheus-url" (or "metrics: fly-edge")',
      );
    if (v['prometheus-url'] && !anyQuery)
      rule(
        ['prometheus-url', 'error-rate-query', 'latency-query'],
        'Input "prometheus-url" is set but no query is: set "error-rate-query" and/or "latency-query"',
      );
    if (v['max-query-latency'] !== undefined && !v['latency-query'])
      rule(
        ['max-query-latency', 'latency-query'],
        'Input "max-query-latency" is set but "latency-query" is missing: the limit needs a query to judge',
      );
    if (v['latency-query'] && v['max-query-latency'] === undefined)
      rule(
        ['latency-query', 'max-query-latency'],
        'Input "latency-query" is set but "max-query-latency" is missing: the query needs a limit',
      );
    if (v['min-requests'] !== undefined && !v['request-count-query'])
      rule(
        ['min-requests', 'request-count-query'],
        'Input "min-requests" is set but "request-count-query" is missing: the minimum needs a count to compare',
      );
  }
  return problems;
}

/** From the first success to a healthy startup: the rest of the success streak. */
export const successStreakMs = (successThreshold: number, intervalMs: number): number =>
  (successThreshold - 1) * intervalMs;

/** The probes a bake of observe-for holds at an interval. */
export const observeProbeCount = (observeForMs: number, intervalMs: number): number =>
  Math.floor(observeForMs / intervalMs);

/** A policy whose rules could never fire passes everything: refuse it, naming the inputs. */
function policyProblems(v: Parsed): Rule[] {
  const problems: Rule[] = [];
  const rule = (inputs: string[], message: string) => problems.push({ inputs, message });
  const interval = v.interval;
  const streakMs = successStreakMs(v['success-threshold'], interval);
  if (streakMs >= v['startup-timeout']) {
    rule(
      ['success-threshold', 'interval', 'startup-timeout'],
      `Inputs "success-threshold" ${v['success-threshold']} at "interval" ${formatDuration(interval)} need ${formatDuration(streakMs)} from the first success, which "startup-timeout" ${formatDuration(v['startup-timeout'])} does not allow: no release could ever pass; raise startup-timeout or lower interval`,
    );
  }
  const observeProbes = observeProbeCount(v['observe-for'], interval);
  const window = v['success-threshold'] + observeProbes;
  if (v['observe-for'] > 0 && observeProbes < v['failure-threshold'] && window < v['min-samples']) {
    rule(
      ['observe-for', 'interval', 'failure-threshold', 'min-samples'],
      `Input "observe-for" ${formatDuration(v['observe-for'])} at "interval" ${formatDuration(interval)} gives ${observeProbes} observe probes, fewer than "failure-threshold" ${v['failure-threshold']}, and ${window} judged probes, fewer than "min-samples" ${v['min-samples']}: consecutive failures could never fail the release, and no healthy verdict could count error rate and latency as judged; lengthen observe-for, or lower failure-threshold or min-samples`,
    );
  }
  return problems;
}

/** A probe that could never pass, whatever the release serves. */
function requestProblems(v: Parsed, raw: RawInputs): Rule[] {
  const problems: Rule[] = [];
  const rule = (inputs: string[], message: string) => problems.push({ inputs, message });
  const maxLatency = v['max-latency'];
  if (maxLatency !== undefined && maxLatency >= v.timeout) {
    rule(
      ['max-latency', 'timeout'],
      `Input "max-latency": ${shownInput('max-latency', raw)} is not below "timeout" ${formatDuration(v.timeout)}: the timeout ends a slower exchange first, so max-latency could never fail a probe; accepted: a duration below timeout, or empty (the timeout is the limit)`,
    );
  }
  if (v.method === 'HEAD') {
    const needsBody = [
      v['expect-body'] ? '"expect-body"' : '',
      v['expect-json'].length > 0 ? '"expect-json"' : '',
      v['expected-version'] && !v['version-header']
        ? '"expected-version" (read from the body)'
        : '',
    ].filter(Boolean);
    if (needsBody.length > 0)
      rule(
        ['method', 'expect-body', 'expect-json', 'expected-version', 'version-header'],
        `Input "method": ${shownInput('method', raw)} cannot be combined with ${needsBody.join(', ')}: a response to HEAD has no body, so no probe could pass; accepted: GET (or another method with a body), or HEAD with only status checks and "version-header"`,
      );
  }
  return problems;
}
