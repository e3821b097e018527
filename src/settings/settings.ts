/**
 * The settings every other module trusts, built from the one parse of the inputs
 * (input-schema.ts, run by parse-inputs.ts). Their type is what toSettings returns, not a second
 * hand-written shape; each part is the contract of the room that uses it: the probe's request
 * and expectations, the gate's policy, the rollback's and the metrics' settings.
 */
import type { Policy } from '../gate/types.js';
import type { MetricsSettings } from '../metrics/metrics-policy.js';
import type { RequestSettings, ResponseExpectations } from '../probe/expectations.js';
import type { FlySettings, RollbackSettings } from '../rollback/rollback-settings.js';
import { MIN_SECRET_LENGTH, urlCredentialSecrets } from '../secrets/collect-secrets.js';
import { isSecretName } from '../secrets/secret-names.js';
import { splitPath } from './body-checks.js';
import type { Parsed } from './input-schema.js';
import type { RawInputs } from './read-inputs.js';

export type Settings = ReturnType<typeof toSettings>;

/** Validated input values (`raw` for the texts kept as written) as the settings. */
export function toSettings(v: Parsed, raw: RawInputs) {
  const timeoutMs = v.timeout;
  const request: RequestSettings = {
    method: v.method,
    headers: v.headers,
    timeoutMs,
    followRedirects: v['follow-redirects'],
  };
  const expect: ResponseExpectations = {
    status: v['expected-status'],
    statusText: raw['expected-status']?.replace(/\s+/g, '') ?? '',
    body: v['expect-body'],
    json: v['expect-json'],
    version: v['expected-version']
      ? {
          expected: v['expected-version'],
          path: splitPath(v['version-path']),
          ...(v['version-header'] ? { header: v['version-header'] } : {}),
        }
      : undefined,
  };
  const policy: Policy = {
    initialDelayMs: v['initial-delay'],
    intervalMs: v.interval,
    timeoutMs,
    startupTimeoutMs: v['startup-timeout'],
    successThreshold: v['success-threshold'],
    failureThreshold: v['failure-threshold'],
    // Unset: a response that arrives within the timeout is fast enough.
    maxLatencyMs: v['max-latency'] ?? timeoutMs,
    latencySlo: v['latency-slo'],
    maxErrorRate: v['max-error-rate'],
    minSamples: v['min-samples'],
    alpha: v.confidence,
    observeForMs: v['observe-for'],
  };
  const rollback: RollbackSettings = {
    mode: v.rollback,
    ...(v['rollback-to'] ? { to: v['rollback-to'] } : {}),
    ...(v['rollback-strategy'] ? { strategy: v['rollback-strategy'] } : {}),
    timeoutMs: v['rollback-timeout'],
    ...(v['rollback-command'] ? { command: v['rollback-command'] } : {}),
    failOnRollback: v['fail-on-rollback'],
    dryRun: v['dry-run'],
  };
  const fly: FlySettings | undefined = v['fly-app']
    ? {
        app: v['fly-app'],
        ...(v['fly-config'] ? { config: v['fly-config'] } : {}),
        ...(v['fly-api-token'] ? { tokenInput: v['fly-api-token'] } : {}),
      }
    : undefined;
  return {
    urls: v.url,
    request,
    expect,
    policy,
    ...(fly ? { fly } : {}),
    rollback,
    ...metricsSettings(v),
    evidence: {
      dir: v['audit-dir'],
      ...(v['artifact-name'] ? { artifactName: v['artifact-name'] } : {}),
      ...(v['retention-days'] !== undefined ? { retentionDays: v['retention-days'] } : {}),
    },
    /** GitHub Deployments: statuses on the environment page (github-token + environment). */
    ...(v['github-token'] && v.environment
      ? {
          deployments: {
            token: v['github-token'],
            environment: v.environment,
            ...(v['environment-url'] ? { environmentUrl: v['environment-url'] } : {}),
          },
        }
      : {}),
    /** A Slack-compatible webhook message (webhook-url, notify-on). */
    ...(v['webhook-url'] ? { notify: { webhookUrl: v['webhook-url'], on: v['notify-on'] } } : {}),
    ...(v['runbook-url'] ? { runbookUrl: v['runbook-url'] } : {}),
    /** Every secret value read from the inputs, to mask and redact. */
    secrets: [
      ...headerSecrets(v.headers),
      v['fly-api-token'],
      v['prometheus-token'],
      v['github-token'],
      v['webhook-url'] ?? '',
      ...urlSecrets(v),
    ].filter((s) => s !== ''),
  };
}

function metricsSettings(v: Parsed): { metrics?: MetricsSettings } {
  const fromFly = v.metrics === 'fly-edge';
  if (!fromFly && !v['prometheus-url']) return {};
  const queries = {
    ...(v['error-rate-query'] ? { errorRate: v['error-rate-query'] } : {}),
    ...(v['latency-query'] ? { latency: v['latency-query'] } : {}),
    ...(v['request-count-query'] ? { requestCount: v['request-count-query'] } : {}),
  };
  return {
    metrics: {
      source: fromFly
        ? { kind: 'fly-edge', app: v['fly-app'] }
        : { kind: 'url', baseUrl: v['prometheus-url'] as string },
      ...(v['prometheus-token'] ? { token: v['prometheus-token'] } : {}),
      queries,
      maxErrorRate: v['max-error-rate'],
      alpha: v.confidence,
      ...(v['max-query-latency'] !== undefined ? { maxLatencyMs: v['max-query-latency'] } : {}),
      ...(v['min-requests'] !== undefined ? { minRequests: v['min-requests'] } : {}),
      onNoData: v['on-no-data'],
      intervalMs: v['metrics-interval'],
    },
  };
}

/**
 * Header values are secrets, but masking a value like `2` or `json` would garble every log line
 * and timestamp: short values are secrets only under a secret-looking name (Authorization, ...).
 */
function headerSecrets(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(
      ([name, value]) =>
        value.length >= MIN_SECRET_LENGTH || (value !== '' && isSecretName(name, 'structured')),
    )
    .map(([, value]) => value);
}

/** Credentials written into any URL input (the webhook URL is a secret as a whole already). */
function urlSecrets(v: Parsed): string[] {
  const urls = [
    ...v.url,
    v['prometheus-url'],
    v['webhook-url'],
    v['environment-url'],
    v['runbook-url'],
  ];
  return urls.flatMap((url) => (url ? urlCredentialSecrets(url) : []));
}
