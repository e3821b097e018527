/**
 * The whole main step as one function of its dependencies: Fly preflight, the gate (probes and
 * metrics), the rollback decision, the rollback, and its verification by the same gate. It
 * returns the outcome with every fact the reports need; it writes nothing but evidence.
 */
import type { Clock } from '../gate/clock.js';
import {
  runGate,
  uniformTargets,
  type GatePlan,
  type GateResult,
  type Prober,
} from '../gate/run-gate.js';
import { InFlightLimit } from '../gate/pacing.js';
import type { Attempt } from '../gate/types.js';
import type { MetricsVerdict } from '../metrics/judge-metrics.js';
import type { InstantQueryOptions, QueryOutcome } from '../metrics/prometheus-client.js';
import { flyEdgeQueries, flyPrometheusBaseUrl } from '../metrics/fly-edge.js';
import { pickFlyToken } from '../rollback/fly-token.js';
import type { FlySnapshot } from '../rollback/flyctl.js';
import type { ResponseExpectations, Settings } from '../settings/settings.js';
import type { EndpointGroup, ServiceSettings } from '../settings/service-settings.js';
import type { Recorder } from '../evidence/recorder.js';
import { prepareFly, PreflightError, type FlyContext, type ReleaseRef } from './fly-context.js';
import type { MetricsOutcome } from '../metrics/metrics-watch.js';
import {
  decideRollback,
  decisionTarget,
  executeRollback,
  judgeRollback,
  rollbackCommandEnv,
  type RollbackDecision,
  type RollbackRun,
} from '../rollback/decide-and-roll-back.js';
import { checkAfterRollback } from '../rollback/after-rollback.js';
import type { Confirmation } from '../rollback/confirm-rollback.js';

export type Verdict =
  'healthy' | 'unhealthy' | 'rolled-back' | 'rollback-failed' | 'cancelled' | 'error';

export interface RollbackReport {
  decision: RollbackDecision;
  /** Set when a rollback ran (not in dry-run). */
  run?: RollbackRun;
  startedAt?: number;
  endedAt?: number;
  /** The gate run against the rolled-back release. */
  verification?: GateResult;
  after?: FlySnapshot;
  /** Why the after-rollback snapshot could not be read. */
  afterError?: string;
  /** What Fly showed after the rollback (Fly rollbacks only). */
  confirmation?: Confirmation;
  /** The rollback ran and took effect (Fly confirmed it, or the command exited 0). */
  tookEffect?: boolean;
}

export interface Outcome {
  verdict: Verdict;
  reason: string;
  /** What a human should do now, when anything. */
  nextStep?: string;
  startedAt: number;
  endedAt: number;
  release?: GateResult;
  metrics?: MetricsOutcome;
  fly?: FlyContext;
  rollback?: RollbackReport;
}

export interface PipelineDeps {
  clock: Clock;
  /** Builds the prober for one run's request settings and a set of expectations (the release's, or the rollback's). */
  prober: (group: EndpointGroup, expect: ResponseExpectations) => Prober;
  env: NodeJS.ProcessEnv;
  recorder: Recorder;
  /** Lines for the step log. */
  log: (line: string) => void;
  /** Cancels the run (the runner's SIGINT/SIGTERM). */
  signal?: AbortSignal;
  random?: () => number;
  /** flyctl binary (tests point it at the fake). */
  flyctlBin?: string;
  metricsQuery?: (options: InstantQueryOptions) => Promise<QueryOutcome>;
  /** The folder this service's evidence goes to (handed to a rollback-command). */
  auditDir?: string;
  /** Fly versions known bad from outside (GitHub deployments whose gate failed). */
  knownBad?: ReadonlyMap<number, string>;
  /** Called with the outcome as it stands just before a rollback starts (for the record on disk). */
  onRollbackStart?: (interim: Outcome) => Promise<void> | void;
  /** Called once the Fly release under test is known, before the first probe. */
  onPreflight?: (fly: FlyContext) => Promise<void>;
  /** Bounds the requests in flight; by default one bound for the whole step (every service). */
  inFlight?: InFlightLimit;
}

/** One bound on the requests in flight for the step: a fleet's services share the runner. */
const stepInFlight = new InFlightLimit();

/**
 * Gates one service: its endpoint groups (each with its own request, expectations and policy)
 * under its service-wide Fly, rollback, metrics and evidence settings. A `url` input is one group.
 */
export async function runPipeline(settings: ServiceSettings, deps: PipelineDeps): Promise<Outcome> {
  const runs = settings.groups;
  const startedAt = deps.clock.now();
  const done = (o: Omit<Outcome, 'startedAt' | 'endedAt'>): Outcome => ({
    ...o,
    startedAt,
    endedAt: deps.clock.now(),
  });

  let fly: FlyContext | undefined;
  if (settings.fly) {
    try {
      fly = await prepareFly({
        fly: settings.fly,
        rollback: settings.rollback,
        env: deps.env,
        recorder: deps.recorder,
        ...(deps.signal ? { signal: deps.signal } : {}),
        ...(deps.flyctlBin ? { bin: deps.flyctlBin } : {}),
        ...(deps.knownBad ? { knownBad: deps.knownBad } : {}),
        clock: deps.clock,
        log: deps.log,
      });
    } catch (error) {
      if (!(error instanceof PreflightError)) throw error;
      if (deps.signal?.aborted)
        return done({
          verdict: 'cancelled',
          reason: `cancelled during the Fly preflight (${error.message})`,
        });
      return done({ verdict: 'error', reason: error.message, nextStep: error.message });
    }
    deps.log(
      `Fly app ${fly.app}: release under test v${fly.underTest.version}${fly.underTest.image ? ` (${fly.underTest.image})` : ''}; rollback target: ${fly.target.ok ? fly.target.why : fly.target.reason}`,
    );
    await deps.onPreflight?.(fly);
  }

  const { release, metrics } = await gateRelease(settings, deps, fly);
  const base = { release, ...(metrics ? { metrics } : {}), ...(fly ? { fly } : {}) };
  if (release.verdict === 'cancelled' && deps.signal?.aborted)
    return done({ ...base, verdict: 'cancelled', reason: release.reason });
  // Our own lateness spoiled the evidence: neither a rollback nor a pass (gate/lateness.ts).
  if (release.verdict === 'error')
    return done({
      ...base,
      verdict: 'error',
      reason: release.reason,
      nextStep:
        'Re-run the gate on a less loaded runner, or probe fewer URLs or less often: the release was not judged.',
    });

  const failure = judgeFailure(release, metrics?.verdict);
  if (!failure)
    return done({ ...base, verdict: 'healthy', reason: healthyReason(release, metrics?.verdict) });

  // Just before changing anything, look again: a newer deploy (even one still running) may
  // have taken over. Read-only, so dry-run looks too.
  const decisionStarted = deps.clock.now();
  const latest =
    fly && settings.rollback.mode === 'auto' && failure.rule !== 'expected-version'
      ? await newestRelease(fly, settings.rollback.timeoutMs)
      : undefined;
  const decision = decideRollback({
    settings: settings.rollback,
    ...(fly ? { fly } : {}),
    ...(failure.rule ? { decidedBy: failure.rule } : {}),
    ...(latest ? { latest } : {}),
  });
  deps.log(`Gate failed: ${failure.reason}. Rollback: ${decision.reason}`);
  if (decision.action === 'skip' || decision.action === 'dry-run') {
    // Say why no rollback ran only where one was asked for; the summary always says it.
    const asked =
      settings.rollback.mode === 'auto' &&
      (fly !== undefined || settings.rollback.command !== undefined);
    return done({
      ...base,
      verdict: 'unhealthy',
      reason: asked ? `${failure.reason} (not rolled back: ${decision.reason})` : failure.reason,
      rollback: { decision },
    });
  }
  if (decision.action === 'fail') {
    return done({
      ...base,
      verdict: 'rollback-failed',
      reason: `${failure.reason}; rollback impossible: ${decision.reason}`,
      nextStep: `Roll back by hand now: ${decision.reason}.`,
      rollback: { decision },
    });
  }

  const rollbackStarted = deps.clock.now();
  // If the step dies while the rollback runs, the record on disk must already say so; but that
  // record is paperwork: if it cannot be written, the rollback runs all the same.
  await safeHook(deps, 'the record written before the rollback', () =>
    deps.onRollbackStart?.(
      done({
        ...base,
        verdict: 'rollback-failed',
        reason: `${failure.reason}; a rollback was started (${decision.reason}) and the step ended before it finished: outcome unknown`,
        nextStep: fly
          ? `Check what serves now: \`flyctl releases --app ${fly.app}\` (did a release newer than v${fly.underTest.version} complete?) and \`flyctl machines list --app ${fly.app}\` (which image each machine runs).`
          : 'Check what serves now: the rollback-command may or may not have finished.',
        rollback: {
          decision,
          startedAt: rollbackStarted,
          run: {
            ok: false,
            problem: 'did not finish',
            command: plannedCommand(settings, fly, decision),
          },
        },
      }),
    ),
  );
  const run = await executeRollback({
    settings: settings.rollback,
    ...(fly ? { fly } : {}),
    ...(decision.target ? { target: decision.target } : {}),
    env: deps.env,
    commandEnv: rollbackCommandEnv({
      reason: failure.reason,
      urls: runs.flatMap((r) => r.urls),
      ...(fly ? { fly } : {}),
      ...(decision.target ? { target: decision.target } : {}),
      auditDir: deps.auditDir ?? settings.evidence.dir,
    }),
    recorder: deps.recorder,
    log: deps.log,
    // The re-read before the rollback spent part of its budget.
    timeoutMs: Math.max(1000, settings.rollback.timeoutMs - (deps.clock.now() - decisionStarted)),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const report: RollbackReport = {
    decision,
    run,
    startedAt: rollbackStarted,
    endedAt: deps.clock.now(),
  };
  if (fly && (settings.rollback.command || !run.ok)) {
    // Evidence only: what Fly shows after a failed deploy, or after the user's own command.
    const checked = await checkAfterRollback({
      flyctl: fly.flyctl,
      recorder: deps.recorder,
      clock: deps.clock,
      targetImage: decision.target?.ImageRef ?? '',
      newestBefore: latest?.version ?? fly.underTest.version,
      poll: false,
    });
    if (checked.after) report.after = checked.after;
    if (checked.afterError !== undefined) report.afterError = checked.afterError;
  }
  if (!run.ok) {
    return done({
      ...base,
      verdict: 'rollback-failed',
      reason: `${failure.reason}; the rollback failed: ${run.problem}`,
      nextStep: `The bad release may still be serving. Roll back by hand now (${run.problem}).`,
      rollback: report,
    });
  }

  if (fly && !settings.rollback.command) {
    // flyctl exiting 0 is not proof: confirm from Fly that the machines moved.
    deps.log('Rollback deploy returned; reading Fly to confirm it took effect');
    const checked = await checkAfterRollback({
      flyctl: fly.flyctl,
      recorder: deps.recorder,
      clock: deps.clock,
      targetImage: decision.target?.ImageRef ?? '',
      ...(run.created ? { createdVersion: run.created.version } : {}),
      newestBefore: latest?.version ?? fly.underTest.version,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (checked.after) report.after = checked.after;
    if (checked.afterError !== undefined) report.afterError = checked.afterError;
    if (checked.confirmation) report.confirmation = checked.confirmation;
    report.tookEffect = checked.confirmation?.tookEffect === true;
    const found = checked.confirmation?.created;
    // No release line printed: the release Fly lists for our image is the one we created.
    if (!run.created && found && report.tookEffect)
      run.created = { version: found.version, image: found.image };
    if (!report.tookEffect) {
      report.endedAt = deps.clock.now();
      const final = judgeRollback({
        failureReason: failure.reason,
        to: describeRollbackTarget(decision, run),
        ...(checked.confirmation ? { confirmation: checked.confirmation } : {}),
        ...(checked.afterError !== undefined ? { afterError: checked.afterError } : {}),
        cancelled: deps.signal?.aborted === true,
        oldVersionStillServes: false,
      });
      return done({ ...base, ...final, rollback: report });
    }
  } else {
    report.tookEffect = true;
  }

  deps.log('Rollback done; verifying the rolled-back release with the same gate');
  const verification = await runGate(gatePlan(runs, deps, 'rollback'), {
    clock: deps.clock,
    onAttempt: (a) => {
      deps.recorder.attempt(a);
      deps.log(
        `#${a.seq} verify ${a.url} -> ${a.ok ? `ok ${a.status}` : `${a.failure?.class}: ${a.failure?.message}`} in ${Math.round(a.latencyMs)} ms`,
      );
    },
    nextSeq: sequenceAfter(release.attempts),
    inFlight: deps.inFlight ?? stepInFlight,
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  report.verification = verification;
  report.endedAt = deps.clock.now();
  // The failed release's version, seen again during verification: it still serves.
  const badVersions = new Set(runs.flatMap((r) => r.expect.version?.expected ?? []));
  const final = judgeRollback({
    failureReason: failure.reason,
    to: describeRollbackTarget(decision, run),
    ...(report.confirmation ? { confirmation: report.confirmation } : {}),
    verification,
    cancelled: deps.signal?.aborted === true,
    oldVersionStillServes: verification.attempts.some(
      (a) => a.versionSeen !== undefined && badVersions.has(a.versionSeen),
    ),
  });
  return done({ ...base, ...final, rollback: report });
}

/** Runs a reporting hook; its failure is logged, never allowed to stop the decision or the rollback. */
async function safeHook(
  deps: PipelineDeps,
  what: string,
  hook: () => Promise<void> | void,
): Promise<void> {
  try {
    await hook();
  } catch (error) {
    deps.log(
      `${what} failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); going on`,
    );
  }
}

/** The command a rollback is about to run, for the record written before it starts. */
function plannedCommand(
  settings: Pick<Settings, 'rollback'>,
  fly: FlyContext | undefined,
  decision: RollbackDecision,
): string[] {
  if (settings.rollback.command) return settings.rollback.command;
  const image = decisionTarget(decision)?.ImageRef ?? '';
  return ['flyctl', 'deploy', '--image', image, '--app', fly?.app ?? '', '--yes'];
}

/** The newest release flyctl lists now, or why it could not be read. Shares the rollback's budget. */
async function newestRelease(
  fly: FlyContext,
  budgetMs: number,
): Promise<{ version?: number; error?: string; listsUnderTest?: boolean }> {
  try {
    const { data } = await fly.flyctl.releases(Math.min(budgetMs, 60_000));
    return {
      version: Math.max(0, ...data.map((r) => r.Version)),
      listsUnderTest: data.some((r) => r.Version === fly.underTest.version),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function gatePlan(
  runs: readonly EndpointGroup[],
  deps: PipelineDeps,
  run: 'release' | 'rollback',
): GatePlan {
  const targets = runs.flatMap((r) => {
    const expect = run === 'rollback' ? verifyExpectations(r.expect) : r.expect;
    const expectedVersion = run === 'release' ? r.expect.version?.expected : undefined;
    return uniformTargets(r.urls, {
      method: r.request.method,
      policy: r.policy,
      probe: deps.prober(r, expect),
      ...(expectedVersion ? { expectedVersion } : {}),
    });
  });
  return { targets, run };
}

/** Probes, and beside them the metrics; a bad metrics round stops the probes at once. */
async function gateRelease(
  settings: ServiceSettings,
  deps: PipelineDeps,
  fly: FlyContext | undefined,
): Promise<{ release: GateResult; metrics?: MetricsOutcome }> {
  const runs = settings.groups;
  const stop = new AbortController();
  deps.signal?.addEventListener('abort', () => stop.abort(deps.signal?.reason), { once: true });
  const since = deps.clock.now();
  // Only a run with metrics loads the Prometheus client, before its first probe.
  const watch =
    settings.metrics &&
    metricsWatch(await import('../metrics/metrics-watch.js'), settings, deps, fly, since, stop);
  let release: GateResult;
  try {
    release = await runGate(gatePlan(runs, deps, 'release'), {
      clock: deps.clock,
      onAttempt: (a) => {
        deps.recorder.attempt(a);
        deps.log(
          `#${a.seq} ${a.phase} ${a.url} -> ${a.ok ? `ok ${a.status}` : `${a.failure?.class}: ${a.failure?.message}`} in ${Math.round(a.latencyMs)} ms`,
        );
      },
      onObserveStart: () => watch?.start(),
      signal: stop.signal,
      inFlight: deps.inFlight ?? stepInFlight,
      ...(deps.random ? { random: deps.random } : {}),
    });
  } catch (error) {
    // Never leave the metrics loop running behind a failed gate: it would keep the step alive.
    stop.abort(error);
    await watch?.finish({ closingRound: false }).catch(() => undefined);
    throw error;
  }
  if (!watch) return { release };
  return {
    release,
    metrics: await watch.finish({ closingRound: release.verdict !== 'unhealthy' }),
  };
}

function metricsWatch(
  { watchMetrics }: typeof import('../metrics/metrics-watch.js'),
  settings: Pick<Settings, 'metrics' | 'fly'>,
  deps: PipelineDeps,
  fly: FlyContext | undefined,
  since: number,
  stop: AbortController,
) {
  const m = settings.metrics!;
  const edge = m.source.kind === 'fly-edge';
  const baseUrl = edge
    ? flyPrometheusBaseUrl(fly!.orgSlug)
    : (m.source as { baseUrl: string }).baseUrl;
  const queries = edge ? flyEdgeQueries(fly!.app) : m.queries;
  // Fly's managed Prometheus takes the app's own Fly token when no other is given.
  const token =
    m.token ?? (edge ? pickFlyToken(settings.fly?.tokenInput, deps.env)?.token : undefined);
  return watchMetrics({
    settings: m,
    baseUrl,
    queries:
      edge && m.maxLatencyMs === undefined
        ? { errorRate: queries.errorRate, requestCount: queries.requestCount }
        : queries,
    ...(token ? { token } : {}),
    since,
    clock: deps.clock,
    recorder: deps.recorder,
    onFail: () => stop.abort(new Error('metrics failed the gate')),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.metricsQuery ? { query: deps.metricsQuery } : {}),
  });
}

/** The failing rule of the probes or the metrics, or undefined when both passed. */
function judgeFailure(
  release: GateResult,
  metrics: MetricsVerdict | undefined,
): { reason: string; rule?: string } | undefined {
  if (release.verdict === 'unhealthy')
    return {
      reason: release.reason,
      ...(release.decidedBy ? { rule: release.decidedBy.rule.rule } : {}),
    };
  if (metrics?.status === 'fail')
    return { reason: `metrics: ${metrics.reasons.join('; ')}`, rule: 'metrics' };
  if (release.verdict !== 'healthy') return { reason: release.reason };
  return undefined;
}

function healthyReason(release: GateResult, metrics: MetricsVerdict | undefined): string {
  if (!metrics) return release.reason;
  const how =
    metrics.status === 'pass'
      ? 'metrics passed'
      : `metrics ${metrics.status}: ${metrics.reasons[0] ?? ''}`;
  return `${release.reason}; ${how}`;
}

/**
 * The rolled-back release must not serve the version the gate just failed: whenever a version
 * is read, every verification response that counts is attributable to another release, even
 * when the failed one was judged on its status and never showed its version (a 503).
 */
export function verifyExpectations(expect: ResponseExpectations): ResponseExpectations {
  const bad = expect.version?.expected;
  if (!expect.version || bad === undefined) return expect;
  return {
    ...expect,
    version: {
      path: expect.version.path,
      ...(expect.version.header ? { header: expect.version.header } : {}),
      forbidden: bad,
    },
  };
}

function sequenceAfter(attempts: readonly Attempt[]): () => number {
  let seq = attempts.reduce((max, a) => Math.max(max, a.seq), 0);
  return () => ++seq;
}

function describeRollbackTarget(decision: RollbackDecision, run: RollbackRun): string {
  const target = decisionTarget(decision);
  const created = run.created ? `, now release v${run.created.version}` : '';
  if (target?.Version !== undefined) return `v${target.Version}${created}`;
  if (target) return `${target.ImageRef}${created}`;
  return `the previous release (via \`${run.command.join(' ')}\`)`;
}

export type { ReleaseRef };
