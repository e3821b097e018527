/**
 * The whole main step as one function of its dependencies: Fly preflight, the gate (probes and
 * metrics), the rollback decision, the rollback, and its verification by the same gate. It
 * returns the outcome with every fact the reports need; it writes nothing but evidence.
 */
import type { Clock } from '../gate/clock.js';
import type { GateResult, Prober } from '../gate/run-gate.js';
import type { InFlightLimit } from '../gate/pacing.js';
import type { MetricsVerdict } from '../metrics/judgement-types.js';
import type { InstantQueryOptions, QueryOutcome } from '../metrics/prometheus-client.js';
import type { MetricsOutcome } from '../metrics/metrics-watch.js';
import type { ResponseExpectations } from '../probe/expectations.js';
import type { EndpointGroup, ServiceSettings } from '../settings/service-settings.js';
import type { Recorder } from '../evidence/recorder.js';
import { rollBackAndVerify, type RollbackReport } from '../rollback/roll-back-and-verify.js';
import { prepareFly, PreflightError, type FlyContext, type ReleaseRef } from './fly-context.js';
import { gateRelease, gateRollback } from './gate-release.js';

export type Verdict =
  'healthy' | 'unhealthy' | 'rolled-back' | 'rollback-failed' | 'cancelled' | 'error';

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

/**
 * Gates one service: its endpoint groups (each with its own request, expectations and policy)
 * under its service-wide Fly, rollback, metrics and evidence settings. A `url` input is one group.
 */
export async function runPipeline(settings: ServiceSettings, deps: PipelineDeps): Promise<Outcome> {
  const groups = settings.groups;
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

  const end = await rollBackAndVerify({
    settings,
    fly,
    failure,
    deps,
    // That record is paperwork: if it cannot be written, the rollback runs all the same.
    onStart: (interim) =>
      safeHook(deps, 'the record written before the rollback', () =>
        deps.onRollbackStart?.(done({ ...base, ...interim })),
      ),
    verify: () => gateRollback(groups, deps, release.attempts),
  });
  return done({ ...base, ...end });
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

export type { ReleaseRef };
