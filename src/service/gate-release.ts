/**
 * The gate runs of one service: the release under test with the metrics watch beside it, and the
 * same gate against the rolled-back release.
 */
import { runGate, uniformTargets, type GatePlan, type GateResult } from '../gate/run-gate.js';
import { InFlightLimit } from '../gate/pacing.js';
import type { Attempt } from '../gate/types.js';
import { flyEdgeQueries, flyPrometheusBaseUrl } from '../metrics/fly-edge.js';
import type { MetricsOutcome } from '../metrics/metrics-watch.js';
import { pickFlyToken } from '../rollback/fly-token.js';
import type { ResponseExpectations } from '../probe/expectations.js';
import type { Settings } from '../settings/settings.js';
import {
  serviceUrls,
  type EndpointGroup,
  type ServiceSettings,
} from '../settings/service-settings.js';
import type { FlyContext } from './fly-context.js';
import type { PipelineDeps } from './run-pipeline.js';
import { probeLogger } from './probe-log.js';

/** One bound on the requests in flight for the step: a fleet's services share the runner. */
const stepInFlight = new InFlightLimit();

/** Probes, and beside them the metrics; a bad metrics round stops the probes at once. */
export async function gateRelease(
  settings: ServiceSettings,
  deps: PipelineDeps,
  fly: FlyContext | undefined,
): Promise<{ release: GateResult; metrics?: MetricsOutcome }> {
  const groups = settings.groups;
  const stop = new AbortController();
  deps.signal?.addEventListener('abort', () => stop.abort(deps.signal?.reason), { once: true });
  const since = deps.clock.now();
  // Only a run with metrics loads the Prometheus client, before its first probe.
  const watch =
    settings.metrics &&
    metricsWatch(await import('../metrics/metrics-watch.js'), settings, deps, fly, since, stop);
  let release: GateResult;
  try {
    release = await runGate(gatePlan(groups, deps, 'release'), {
      clock: deps.clock,
      onAttempt: attemptLogger(groups, deps),
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

/** The same gate against the rolled-back release; its attempts number on from the release's. */
export function gateRollback(
  groups: readonly EndpointGroup[],
  deps: PipelineDeps,
  releaseAttempts: readonly Attempt[],
): Promise<GateResult> {
  return runGate(gatePlan(groups, deps, 'rollback'), {
    clock: deps.clock,
    onAttempt: attemptLogger(groups, deps),
    nextSeq: sequenceAfter(releaseAttempts),
    inFlight: deps.inFlight ?? stepInFlight,
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
}

/** Records each attempt and logs it (probe-log.ts decides which). */
function attemptLogger(groups: readonly EndpointGroup[], deps: PipelineDeps): (a: Attempt) => void {
  const log = probeLogger(serviceUrls({ groups }).length, deps.clock, deps.log);
  return (a) => {
    deps.recorder.attempt(a);
    log(a);
  };
}

function gatePlan(
  groups: readonly EndpointGroup[],
  deps: PipelineDeps,
  run: 'release' | 'rollback',
): GatePlan {
  const targets = groups.flatMap((r) => {
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
