/**
 * The action's public interface: every input and output, with its default and description.
 * action.yml and the README reference are generated from this list (scripts/sync-docs.ts) and a
 * test keeps them in sync, so defaults applied outside the runner match the runner's exactly.
 * This file has no imports so that the generator can load it with Node's own type stripping.
 */

export interface InputSpec {
  name: string;
  description: string;
  default?: string;
  required?: boolean;
  /** The README groups the reference by the issue area a reader looks for. */
  group: 'target' | 'policy' | 'evidence' | 'rollback' | 'metrics';
}

export interface OutputSpec {
  name: string;
  description: string;
}

export const INPUTS: readonly InputSpec[] = [
  {
    group: 'target',
    name: 'url',
    required: true,
    description:
      'One or more http(s) URLs to probe, one per line. Each is judged on its own; any failing URL fails the gate.',
  },
  { group: 'target', name: 'method', default: 'GET', description: 'HTTP method of every probe.' },
  {
    group: 'target',
    name: 'headers',
    default: '',
    description:
      'Request headers, one `Name: value` per line. Values are treated as secrets: masked in logs and redacted from every file, summary and output.',
  },
  {
    group: 'target',
    name: 'expected-status',
    default: '200-299',
    description: 'Accepted status codes: a list of codes and ranges, e.g. `200,204,300-399`.',
  },
  {
    group: 'target',
    name: 'expect-body',
    default: '',
    description:
      'The body must contain this substring, or match `/regex/flags`. Checked against the first 64 KiB.',
  },
  {
    group: 'target',
    name: 'expect-json',
    default: '',
    description:
      'JSON assertions, one per line: `path == value` or `path != value` with dotted paths (`components.database == ok`, `items.0.id == 7`).',
  },
  {
    group: 'target',
    name: 'expected-version',
    default: '',
    description:
      'The version the new release must serve, read at `version-path` in the JSON body or from the header `version-header`. A response with another version is a failed probe.',
  },
  {
    group: 'target',
    name: 'version-path',
    default: 'version',
    description: 'Dotted path of the version in the JSON body.',
  },
  {
    group: 'target',
    name: 'version-header',
    default: '',
    description: 'Read the version from this response header instead of the body.',
  },
  {
    group: 'target',
    name: 'follow-redirects',
    default: 'false',
    description:
      'Follow redirects (at most 5 hops, loops detected). When false a 3xx is judged as it is.',
  },
  {
    group: 'policy',
    name: 'initial-delay',
    default: '30s',
    description: 'Grace after the deploy before the first request.',
  },
  {
    group: 'policy',
    name: 'interval',
    default: '15s',
    description: 'Time between probes of one URL once it answers (startup successes and observe).',
  },
  {
    group: 'policy',
    name: 'timeout',
    default: '2s',
    description: 'Budget of one request: connect, headers and body together.',
  },
  {
    group: 'policy',
    name: 'startup-timeout',
    default: '90s',
    description:
      'Budget, from the first request, to reach `success-threshold` consecutive successes.',
  },
  {
    group: 'policy',
    name: 'success-threshold',
    default: '3',
    description: 'Consecutive successes that make a release healthy.',
  },
  {
    group: 'policy',
    name: 'failure-threshold',
    default: '8',
    description:
      'Consecutive failures, after the release was first seen healthy, that make it unhealthy.',
  },
  {
    group: 'policy',
    name: 'max-latency',
    default: '5s',
    description: 'A response slower than this is a failed probe (class `too-slow`).',
  },
  {
    group: 'policy',
    name: 'latency-slo',
    default: '',
    description:
      'Latency objectives over the judged window, e.g. `p95<500ms,p99<1s`. Judged once `min-samples` responses exist.',
  },
  {
    group: 'policy',
    name: 'max-error-rate',
    default: '5',
    description:
      'Percent of failed probes tolerated, judged on a 95% confidence bound (see Policy semantics).',
  },
  {
    group: 'policy',
    name: 'min-samples',
    default: '20',
    description: 'Probes needed before error rate and latency objectives are judged.',
  },
  {
    group: 'policy',
    name: 'observe-for',
    default: '5m',
    description:
      'After the success streak, keep probing this long (bake time) and judge error rate and latency over it. `0` ends the gate at the success streak.',
  },
  {
    group: 'evidence',
    name: 'audit-dir',
    default: 'deploy-gate-audit',
    description: "Folder for this run's audit records.",
  },
];

export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'verdict', description: '`healthy` or `unhealthy`.' },
  { name: 'reason', description: 'The rule that decided, with its numbers.' },
  { name: 'attempts', description: 'Probes sent, all URLs together.' },
  {
    name: 'error-rate',
    description: 'Failed probes in the judged window, percent (all URLs), e.g. `2.5`.',
  },
  { name: 'latency-p50-ms', description: 'Median response time in the judged window, ms.' },
  {
    name: 'latency-p95-ms',
    description: '95th percentile response time in the judged window, ms.',
  },
  {
    name: 'latency-p99-ms',
    description: '99th percentile response time in the judged window, ms.',
  },
  {
    name: 'duration-ms',
    description: 'Time the gate took, from the start of the step to the verdict, ms.',
  },
];
