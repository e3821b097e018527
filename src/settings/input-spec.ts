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
  /** Never echoed, not even in an error message; masked and redacted everywhere. */
  secret?: true;
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
  {
    group: 'target',
    name: 'method',
    default: 'GET',
    description:
      'HTTP method of every probe: `GET`, `HEAD`, `POST`, `PUT`, `PATCH`, `DELETE` or `OPTIONS`. `HEAD` gets no body, so it cannot be combined with `expect-body`, `expect-json` or a version read from the body.',
  },
  {
    group: 'target',
    name: 'headers',
    secret: true,
    default: '',
    description:
      'Request headers, one `Name: value` per line. Values of 6 characters or more, and every value under a secret-looking name (`Authorization`, `X-Api-Key`, ...), are secrets: masked in logs and redacted from every file, summary and output; a shorter value under an ordinary name is not (a server that echoes it shows it), and a value under a secret-looking name needs at least 6 characters. Headers HTTP clients cannot send (`Transfer-Encoding`, `Upgrade`, `Expect`, `Keep-Alive`, `Content-Length`, control or non-Latin-1 characters) are refused.',
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
      'The body must contain this substring, or match `/regex/flags` (RE2 syntax, matched in linear time: no backreferences or lookaround; flags `i`, `m`, `s`). Checked against the first 64 KiB.',
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
    description: 'Dotted path of the version in the JSON body (own keys and array indexes only).',
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
    description: 'Grace after the deploy before the first request. At most 1h.',
  },
  {
    group: 'policy',
    name: 'interval',
    default: '5s',
    description:
      'Time between probes of one URL once it answers (startup successes and observe). At most 1h.',
  },
  {
    group: 'policy',
    name: 'timeout',
    default: '2s',
    description: 'Budget of one request: connect, headers and body together. At most 5m.',
  },
  {
    group: 'policy',
    name: 'startup-timeout',
    default: '90s',
    description:
      'Budget, from the first request, to reach `success-threshold` consecutive successes. At most 6h.',
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
    default: '',
    description:
      'A response slower than this is a failed probe (class `too-slow`). Must be below `timeout`, which would end a slower exchange first. Default: the `timeout` itself.',
  },
  {
    group: 'policy',
    name: 'latency-slo',
    default: '',
    description:
      'Latency objectives over the judged probes, e.g. `p95<500ms,p99<1s`: percentiles `p50` to `p99.9` (one decimal at most), each once, limits up to 5m. A timed-out probe counts as slower than every objective. Judged sequentially, like `max-error-rate`.',
  },
  {
    group: 'policy',
    name: 'max-error-rate',
    default: '5',
    description:
      'Percent of failed probes tolerated. Judged sequentially after every probe: a release at or below it is rolled back by this rule in at most 1 − `confidence` of gates, however long the bake (see Policy semantics).',
  },
  {
    group: 'policy',
    name: 'min-samples',
    default: '20',
    description:
      'Judged probes needed before a healthy verdict counts error rate and latency as judged (fewer: reported as not judged). No longer delays a failure: the sequential rule may fail from the first judged probe.',
  },
  {
    group: 'policy',
    name: 'confidence',
    default: '95',
    description:
      'Percent confidence of every error-rate and latency verdict, probes and metrics alike: 95 means a release that meets a limit is rolled back by that rule in at most 1 in 20 gates, however long it is watched; 99 in at most 1 in 100 (slower to catch a bad release). 50 to 99.99.',
  },
  {
    group: 'policy',
    name: 'observe-for',
    default: '5m',
    description:
      'After the success streak, keep probing this long (bake time) and judge error rate and latency over it. `0` ends the gate at the success streak. At most 6h.',
  },
  {
    group: 'rollback',
    name: 'fly-app',
    default: '',
    description:
      'The Fly.io app (its name: 1-63 lowercase letters, digits and dashes). Turns the Fly integration on: snapshots of releases, status and machines before probing, and rollback to the last good release when the gate fails.',
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
    secret: true,
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
      'Bound on the whole rollback command; it is killed past it (verdict `rollback-failed`). At most 6h.',
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
    description:
      'Base URL of a Prometheus-compatible HTTP API, without a query string; `/api/v1/query` is appended.',
  },
  {
    group: 'metrics',
    name: 'prometheus-token',
    secret: true,
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
    description: 'Limit for `latency-query`, e.g. `500ms`. At most 1h.',
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
    description: 'How often the queries run during `observe-for`. At most 1h.',
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
      "Path to a YAML file listing services (schema: `schema/config.schema.json`). Each service is gated concurrently with its own verdict, rollback and evidence; the step's verdict is the worst. Values in the file override these inputs. Either `url` or `config` is required. With `mode: report`: the services' `slo_targets`, for compliance and error budgets.",
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
    name: 'mode',
    default: 'gate',
    description:
      '`gate`: probe and judge a deploy (everything above). `report`: gate nothing; read the sealed audit records under `records` and write the deployment report (see Reports). `monitor`: for `on: schedule`; probe every service for `observe-for`, never roll back, and track SLO budgets and burn-rate alerts across runs (see Monitoring between deploys).',
  },
  {
    group: 'report',
    name: 'period',
    default: '30d',
    description:
      'With `mode: report`: the longest window of the report, in hours or days (`24h`, `7d`, `30d`; 1h to 366d). The report also covers the last 24 h and 7 d. With `mode: monitor`: the SLO window error budgets are computed over.',
  },
  {
    group: 'report',
    name: 'incident-issues',
    default: 'false',
    description:
      'With `mode: monitor`: open a GitHub issue (label `incident`) when an SLO alert starts, comment when it escalates, close it when it resolves. Needs `github-token` with `issues: write`.',
  },
  {
    group: 'report',
    name: 'records',
    default: '',
    description:
      "With `mode: report`: a folder holding audit folders at any depth (artifacts fetched some other way). Each is verified against its SHA256SUMS before it counts. Empty (the default): the report reads this repository's workflow artifacts through the REST API, which needs `github-token` with `permissions: actions: read` (see Reports, Where the records come from). With `mode: monitor`: a folder that keeps the SLO ledger (`monitor-ledger.json`) between runs, kept by you (e.g. actions/cache); empty (the default): with `github-token` the ledger travels as the artifact `deploy-gate-monitor-ledger` (needs `actions: read`; see Monitoring between deploys).",
  },
  {
    group: 'report',
    name: 'artifact-prefix',
    default: 'deploy-gate-audit',
    description:
      "With `mode: report` and no `records`: the artifacts read are those whose name starts with this. The default matches the gate's default `artifact-name`; set it to the common start of your own names.",
  },
  {
    group: 'report',
    name: 'github-token',
    secret: true,
    default: '',
    description:
      "Token for GitHub Deployments, e.g. `${{ github.token }}`, with the job's `permissions:` listing `deployments: write` and `contents: read` (a job that lists permissions gets none it does not list). With `mode: report` and no `records`: reads this repository's artifacts, which needs `actions: read`. Masked.",
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
    secret: true,
    default: '',
    description:
      'Slack-compatible incoming webhook for a message on failure and rollback (with `mode: report`: when an SLO is breached or an error budget is nearly spent). Masked.',
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
  {
    name: 'attempts',
    description:
      'Probes sent to the release under test, all URLs together (the `health_checks.attempts` of audit.json); the rollback verification is not counted here.',
  },
  {
    name: 'verification-attempts',
    description:
      'Probes sent to the rolled-back release to verify it (0 when no rollback ran). Probes sent in all: `attempts` + `verification-attempts`.',
  },
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
    name: 'artifact-name',
    description:
      'Name of the evidence artifact (the `artifact-name` input, or the default), for `actions/download-artifact` and `gh run download --name`. Set even when the upload failed; empty only when no evidence folder could be written (a refused `audit-dir`).',
  },
  {
    name: 'artifact-digest',
    description: 'SHA-256 digest of the uploaded artifact, as the artifact service reports it.',
  },
  {
    name: 'deployments',
    description: 'With `mode: report`: gates recorded in the period (all services).',
  },
  {
    name: 'failed-deployments',
    description:
      'With `mode: report`: gates in the period whose verdict was `unhealthy`, `rolled-back` or `rollback-failed`.',
  },
  {
    name: 'change-failure-rate',
    description:
      'With `mode: report`: `failed-deployments` over decided gates in the period, percent, number only (empty when no gate was decided).',
  },
  {
    name: 'rollbacks',
    description: 'With `mode: report`: rollbacks that ran in the period (dry runs not counted).',
  },
  {
    name: 'mttr-seconds',
    description:
      'With `mode: report`: mean time to restore of the failed gates in the period that were restored, seconds (empty when none).',
  },
  {
    name: 'report-dir',
    description:
      'With `mode: report`: absolute path of the folder holding report.json, report.md and report.html.',
  },
  {
    name: 'availability',
    description:
      'With `mode: monitor`: availability over the SLO window (percent of good probes of every monitor run in the ledger) of the service most in need of attention.',
  },
  {
    name: 'error-budget-remaining',
    description:
      "With `mode: monitor`: the least error budget left over that service's SLOs, percent (negative when overspent).",
  },
  {
    name: 'burn-rate-1h',
    description:
      "With `mode: monitor`: that service's availability burn rate over the last hour (error ratio ÷ (1 − target)).",
  },
  {
    name: 'burn-rate-6h',
    description: 'With `mode: monitor`: the same over the last 6 hours.',
  },
  {
    name: 'alert',
    description:
      'With `mode: monitor`: `page`, `ticket` or `none`, the highest alert of any service (see the alert rules).',
  },
  {
    name: 'matrix',
    description: 'With `config`: JSON for `strategy.matrix`, `{"service":["api","dashboard"]}`.',
  },
  {
    name: 'services',
    description:
      'With `config`: JSON array, one object per gated service: `service`, `verdict`, `reason`, `rolled-back`. With `mode: monitor`: one object per service: `service`, `alert`, `availability`, `error_budget_remaining`, `burn_rate_1h`, `burn_rate_6h`.',
  },
];
