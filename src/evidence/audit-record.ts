/**
 * The outcome as an audit record (schema/audit.schema.json): what was deployed, what was
 * checked, every rule with its numbers, what was done. Pure; the evidence layer redacts,
 * validates and writes it.
 */
import { AUDIT_SCHEMA_VERSION, type AuditRecord } from './audit-schema.js';
import type { RuleResult } from '../gate/policy.js';
import type { GateResult } from '../gate/run-gate.js';
import { decisionTarget } from '../rollback/decide-and-roll-back.js';
import type { Outcome } from '../service/run-pipeline.js';
import type { Settings } from '../settings/settings.js';
import {
  serviceDisplayName,
  serviceUrls,
  type EndpointGroup,
  type ServiceSettings,
} from '../settings/service-settings.js';
import { TOOL } from './tool-version.js';
import { decisiveFindings } from '../summary/metrics-findings.js';

const iso = (ms: number) => new Date(ms).toISOString();
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const positiveInt = (text: string | undefined) =>
  text && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null;

/** The run, from the variables the runner sets for every step. */
export function deploymentFromEnv(
  env: NodeJS.ProcessEnv,
  startedAt: number,
): AuditRecord['deployment'] {
  const runId = positiveInt(env.GITHUB_RUN_ID);
  const attempt = positiveInt(env.GITHUB_RUN_ATTEMPT);
  const repo =
    env.GITHUB_REPOSITORY && /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY)
      ? env.GITHUB_REPOSITORY
      : null;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const sha =
    env.GITHUB_SHA && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(env.GITHUB_SHA) ? env.GITHUB_SHA : null;
  return {
    id: runId ? `${runId}-${attempt ?? 1}` : `local-${iso(startedAt)}`,
    run_id: runId,
    run_attempt: attempt,
    repository: repo,
    workflow: env.GITHUB_WORKFLOW ?? null,
    job: env.GITHUB_JOB ?? null,
    sha,
    ref: env.GITHUB_REF ?? null,
    run_url:
      repo && runId
        ? `${server}/${repo}/actions/runs/${runId}${attempt ? `/attempts/${attempt}` : ''}`
        : null,
    approver: env.GITHUB_TRIGGERING_ACTOR ?? env.GITHUB_ACTOR ?? null,
  };
}

export function policyRecord(settings: Settings): AuditRecord['policy'] {
  const p = settings.policy;
  const m = settings.metrics;
  return {
    'initial-delay-ms': p.initialDelayMs,
    'interval-ms': p.intervalMs,
    'timeout-ms': p.timeoutMs,
    'startup-timeout-ms': p.startupTimeoutMs,
    'success-threshold': p.successThreshold,
    'failure-threshold': p.failureThreshold,
    'max-latency-ms': p.maxLatencyMs,
    'latency-slo': p.latencySlo.map((o) => o.text),
    'max-error-rate': p.maxErrorRate,
    'min-samples': p.minSamples,
    alpha: p.alpha,
    'observe-for-ms': p.observeForMs,
    'expected-status': settings.expect.statusText,
    'expected-version': orNull(settings.expect.version?.expected),
    'follow-redirects': settings.request.followRedirects,
    rollback: settings.rollback.mode,
    'rollback-timeout-ms': settings.rollback.timeoutMs,
    'dry-run': settings.rollback.dryRun,
    'fail-on-rollback': settings.rollback.failOnRollback,
    ...(m
      ? {
          'metrics-interval-ms': m.intervalMs,
          'max-query-latency-ms': orNull(m.maxLatencyMs),
          'min-requests': orNull(m.minRequests),
          'on-no-data': m.onNoData,
        }
      : {}),
  };
}

function rulesOf(gate: GateResult | undefined, label = ''): AuditRecord['rules'] {
  if (!gate) return [];
  return gate.urls.flatMap((u) =>
    u.assessment.rules.map((r: RuleResult) => ({
      rule: r.rule,
      target: `${u.url}${label}`,
      observed: r.observed,
      limit: r.limit,
      outcome: r.outcome,
      message: r.message,
      ...(r.evidence !== undefined && r.alpha !== undefined
        ? { evidence: r.evidence, alpha: r.alpha }
        : {}),
    })),
  );
}

function healthChecks(gate: GateResult | undefined): AuditRecord['health_checks'] {
  const attempts = gate?.attempts ?? [];
  const successes = attempts.filter((a) => a.ok).length;
  return {
    attempts: attempts.length,
    success_count: successes,
    failure_count: attempts.length - successes,
    duration_ms: gate ? gate.endedAt - gate.startedAt : 0,
    error_rate: orNull(gate?.totals.errorRate ?? undefined),
    ...(gate?.totals.notCounted ? { not_counted: gate.totals.notCounted } : {}),
    ...(gate?.totals.runnerMaxDelayMs !== undefined
      ? { runner_max_delay_ms: Math.round(gate.totals.runnerMaxDelayMs) }
      : {}),
    latency_ms: {
      p50: orNull(gate?.totals.p50),
      p95: orNull(gate?.totals.p95),
      p99: orNull(gate?.totals.p99),
    },
  };
}

function rollbackRecord(outcome: Outcome): AuditRecord['rollback'] {
  const rb = outcome.rollback;
  if (!rb) return null;
  const target = decisionTarget(rb.decision);
  const run = rb.run;
  return {
    triggered: run !== undefined,
    reason: rb.decision.reason,
    from: outcome.fly ? `v${outcome.fly.underTest.version}` : null,
    to: target?.Version !== undefined ? `v${target.Version}` : null,
    image: orNull(target?.ImageRef),
    command: run?.command ?? [],
    exit_code: orNull(run?.result?.exitCode ?? undefined),
    started_at: rb.startedAt !== undefined && run ? iso(rb.startedAt) : null,
    ended_at: rb.endedAt !== undefined && run ? iso(rb.endedAt) : null,
    verified: rb.verification?.verdict === 'healthy',
    verification_verdict: orNull(rb.verification?.verdict),
    created: run?.created
      ? {
          version: run.created.version,
          image: run.created.image ?? '',
          status: rb.confirmation?.created?.status ?? null,
        }
      : null,
    took_effect: rb.tookEffect === true,
    overwritten: (rb.confirmation?.overwritten ?? []).map(
      (r) => `v${r.Version} ${r.ImageRef} (${r.Status})`,
    ),
  };
}

/**
 * The policy of every endpoint group: the first group's thresholds as they are, then each other
 * group's thresholds that differ, keyed `<its URLs>: <threshold>` (a search endpoint's own SLO).
 */
function fleetPolicyRecord(service: ServiceSettings): AuditRecord['policy'] {
  const [first, ...others] = service.groups as [EndpointGroup, ...EndpointGroup[]];
  const base = policyRecord({ ...service, ...first });
  const record = { ...base };
  for (const run of others) {
    for (const [key, value] of Object.entries(policyRecord({ ...service, ...run }))) {
      if (JSON.stringify(value) !== JSON.stringify(base[key]))
        record[`${run.urls.join(', ')}: ${key}`] = value;
    }
  }
  return record;
}

/** The audit record of one service. */
export function auditRecord(
  outcome: Outcome,
  settings: ServiceSettings,
  env: NodeJS.ProcessEnv,
  files: string[],
): AuditRecord {
  const groups = settings.groups;
  const fly = outcome.fly;
  const metrics = outcome.metrics;
  return {
    schema_version: AUDIT_SCHEMA_VERSION,
    started_at: iso(outcome.startedAt),
    ended_at: iso(outcome.endedAt),
    deployment: deploymentFromEnv(env, outcome.startedAt),
    service: {
      name: serviceDisplayName(settings),
      app: orNull(fly?.app),
      urls: [...new Set(serviceUrls(settings))],
      ...(settings.notJudged.length ? { not_judged: settings.notJudged } : {}),
      ...(settings.notes.length ? { config_notes: settings.notes } : {}),
    },
    release_under_test: {
      version: fly
        ? String(fly.underTest.version)
        : orNull(groups.find((g) => g.expect.version?.expected)?.expect.version?.expected),
      image: orNull(fly?.underTest.image),
    },
    verdict: outcome.verdict,
    reason: outcome.reason,
    dry_run: settings.rollback.dryRun,
    health_checks: healthChecks(outcome.release),
    policy: fleetPolicyRecord(settings),
    rules: [
      ...rulesOf(outcome.release),
      ...rulesOf(outcome.rollback?.verification, ' (rolled-back release)'),
    ],
    rollback: rollbackRecord(outcome),
    ...(metrics
      ? {
          metrics: {
            endpoint: `${metrics.baseUrl}/api/v1/query`,
            queries: decisiveFindings(metrics).map((f) => ({
              name: f.name,
              query: f.query,
              observed: orNull(f.observed),
              limit: orNull(f.limit),
              outcome: f.status === 'good' ? 'pass' : f.status === 'bad' ? 'fail' : 'not-judged',
              message: f.message,
            })),
          },
        }
      : {}),
    files,
    tool: { name: TOOL.name, version: TOOL.version },
  };
}
