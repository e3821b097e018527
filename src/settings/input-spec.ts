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
  group: 'target' | 'policy' | 'evidence' | 'rollback' | 'metrics' | 'fleet' | 'report';
}

export interface OutputSpec {
  name: string;
  description: string;
}

export const INPUTS: readonly InputSpec[] = [
  {
    group: 'target',
    name: 'url',
    default: '',
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
    group: 'rollback',
    name: 'fly-app',
    default: '',
    description:
      'The Fly.io app. Turns the Fly integration on: snapshots of releases, status and machines before probing, and rollback to the last good release when the gate fails.',
  },
  {
    group: 'rollback',
    name: 'fly-config',
    default: '',
    description: 'Path to fly.toml, passed to flyctl as `--config`.',
  },
  {
    group: 'rollback',
    name: 'fly-api-token',
    default: '',
    description:
      'Fly.io token. Default: the `FLY_API_TOKEN` or `FLY_ACCESS_TOKEN` environment variable. Masked at once; flyctl is handed exactly one token.',
  },
  {
    group: 'rollback',
    name: 'rollback',
    default: 'auto',
    description:
      '`auto`: roll back when the gate fails and a way to roll back is configured (`fly-app` or `rollback-command`). `none`: never roll back.',
  },
  {
    group: 'rollback',
    name: 'rollback-to',
    default: '',
    description:
      'Roll back to this release version (`v41` or `41`) or image ref. Default: the newest complete release older than the one under test that is not known to be bad.',
  },
  {
    group: 'rollback',
    name: 'rollback-strategy',
    default: '',
    description:
      "flyctl deploy `--strategy` for the rollback: `canary`, `rolling`, `bluegreen` or `immediate`. Default: flyctl's own.",
  },
  {
    group: 'rollback',
    name: 'rollback-timeout',
    default: '10m',
    description:
      'Bound on the whole rollback command; it is killed past it (verdict `rollback-failed`).',
  },
  {
    group: 'rollback',
    name: 'rollback-command',
    default: '',
    description:
      'For platforms other than Fly: a command run instead of flyctl to roll back, split into arguments (quotes group words; no shell). Context comes in `DEPLOY_GATE_*` environment variables.',
  },
  {
    group: 'rollback',
    name: 'fail-on-rollback',
    default: 'true',
    description:
      'A rolled-back deploy still fails the step (the deploy did fail). `false` lets the step pass when the rollback was verified healthy.',
  },
  {
    group: 'rollback',
    name: 'dry-run',
    default: 'false',
    description:
      'Decide and report everything, including the rollback that would run, but change nothing.',
  },
  {
    group: 'metrics',
    name: 'prometheus-url',
    default: '',
    description: 'Base URL of a Prometheus-compatible HTTP API; `/api/v1/query` is appended.',
  },
  {
    group: 'metrics',
    name: 'prometheus-token',
    default: '',
    description:
      'Sent as `Authorization`: a value starting with `FlyV1 ` or `Bearer ` as it is, anything else as `Bearer <token>`. Masked.',
  },
  {
    group: 'metrics',
    name: 'metrics',
    default: '',
    description:
      "`fly-edge`: build the three queries from Fly.io edge metrics for `fly-app`, on Fly's managed Prometheus for the app's organization.",
  },
  {
    group: 'metrics',
    name: 'error-rate-query',
    default: '',
    description:
      'PromQL giving the error ratio (0-1) of the new release; judged against `max-error-rate`. `$window` is replaced by the time since the gate started.',
  },
  {
    group: 'metrics',
    name: 'latency-query',
    default: '',
    description: 'PromQL giving a latency in seconds; judged against `max-query-latency`.',
  },
  {
    group: 'metrics',
    name: 'max-query-latency',
    default: '',
    description: 'Limit for `latency-query`, e.g. `500ms`.',
  },
  {
    group: 'metrics',
    name: 'request-count-query',
    default: '',
    description:
      'PromQL giving how many requests the new release served; below `min-requests` the metrics count as no data.',
  },
  {
    group: 'metrics',
    name: 'min-requests',
    default: '',
    description: 'Requests needed before the metrics are judged (needs `request-count-query`).',
  },
  {
    group: 'metrics',
    name: 'on-no-data',
    default: 'inconclusive',
    description:
      'What no data means: `inconclusive` (reported, neither a pass nor a rollback), `pass` or `fail`.',
  },
  {
    group: 'metrics',
    name: 'metrics-interval',
    default: '30s',
    description: 'How often the queries run during `observe-for`.',
  },
  {
    group: 'evidence',
    name: 'audit-dir',
    default: 'deploy-gate-audit',
    description:
      "Folder for this run's audit records: audit.json, probes.ndjson, Fly snapshots, summary.md, SHA256SUMS, manifest.json.",
  },
  {
    group: 'evidence',
    name: 'artifact-name',
    default: '',
    description:
      'Name of the uploaded evidence artifact. Default: unique per step and attempt, `deploy-gate-audit-[<service>-]<job>-<step>-<run id>-<attempt>`.',
  },
  {
    group: 'evidence',
    name: 'retention-days',
    default: '',
    description: "Days GitHub keeps the artifact (1-90). Default: the repository's setting.",
  },
  {
    group: 'fleet',
    name: 'config',
    default: '',
    description:
      "Path to a YAML file listing services (schema: `schema/config.schema.json`). Each service is gated concurrently with its own verdict, rollback and evidence; the step's verdict is the worst. Values in the file override these inputs. Either `url` or `config` is required.",
  },
  {
    group: 'fleet',
    name: 'service',
    default: '',
    description:
      'Gate only this service of `config`, e.g. `${{ matrix.service }}` in a fan-out job.',
  },
  {
    group: 'fleet',
    name: 'max-parallel',
    default: '4',
    description: 'Services of `config` gated at once.',
  },
  {
    group: 'fleet',
    name: 'plan-only',
    default: 'false',
    description:
      'With `config`: validate the file and set the `matrix` output, but gate nothing (for a planning job ahead of a matrix).',
  },
  {
    group: 'report',
    name: 'github-token',
    default: '',
    description:
      'Token for GitHub Deployments, e.g. `${{ github.token }}` with `permissions: deployments: write`. Masked.',
  },
  {
    group: 'report',
    name: 'environment',
    default: '',
    description:
      "GitHub environment: with `github-token`, deployment statuses (`in_progress`, then `success`, `failure` or `error`) show the gate's verdict on the environment page, and releases whose gate failed before are never rollback targets.",
  },
  {
    group: 'report',
    name: 'environment-url',
    default: '',
    description: 'URL shown on the environment page.',
  },
  {
    group: 'report',
    name: 'webhook-url',
    default: '',
    description: 'Slack-compatible incoming webhook for a message on failure and rollback. Masked.',
  },
  {
    group: 'report',
    name: 'notify-on',
    default: 'failure',
    description:
      'When to send the webhook message: `failure` (unhealthy, rolled-back, rollback-failed, error), `always`, or `never`.',
  },
  {
    group: 'report',
    name: 'runbook-url',
    default: '',
    description: 'Linked from the annotations, the job summary and the webhook message.',
  },
];

export const OUTPUTS: readonly OutputSpec[] = [
  {
    name: 'verdict',
    description:
      '`healthy`, `unhealthy`, `rolled-back`, `rollback-failed`, `cancelled`, or `error` (invalid inputs or an internal fault).',
  },
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
  {
    name: 'rolled-back',
    description: '`true` when a rollback ran (not in dry-run), else `false`.',
  },
  { name: 'release-under-test', description: 'Fly release version that was judged, e.g. `42`.' },
  {
    name: 'rollback-version',
    description: 'Fly release version the rollback created (or would target, in dry-run).',
  },
  {
    name: 'rollback-image',
    description: 'Image ref rolled back to (or that would be, in dry-run).',
  },
  { name: 'audit-dir', description: 'Absolute path of the audit folder.' },
  {
    name: 'artifact-id',
    description: 'ID of the uploaded evidence artifact (empty when the upload did not happen).',
  },
  {
    name: 'artifact-digest',
    description: 'SHA-256 digest of the uploaded artifact, as the artifact service reports it.',
  },
  {
    name: 'matrix',
    description: 'With `config`: JSON for `strategy.matrix`, `{"service":["api","dashboard"]}`.',
  },
  {
    name: 'services',
    description:
      'With `config`: JSON array, one object per gated service: `service`, `verdict`, `reason`, `rolled-back`.',
  },
];
