/**
 * One scheduled monitor run, without the runner: sample every service for observe-for, add the
 * run to the SLO ledger, and compute each SLO's budget, burn rates and alert, stepping the alert
 * state so an episode is announced once when it starts, once when it escalates, once when it
 * ends. No @actions/core and no file here (monitor-step.ts connects those).
 */
import type { Clock } from '../gate/clock.js';
import type { Attempt } from '../gate/types.js';
import type { LatencyObjective, Settings } from '../settings/settings.js';
import { stepAlert, type AlertEvent, type AlertLevel } from './alert-state.js';
import { ALERT_WINDOWS, budgetState, type BudgetState, type SloObjective } from './burn-rate.js';
import { higherLevel, judgeSlo } from './judge-slo.js';
import { countRun, failingEvidence } from './run-counts.js';
import { sampleServices, type SampleTarget } from './sample-services.js';
import { addRun, serviceLedger, type Ledger, type RunCounts } from './slo-ledger.js';

export interface MonitorService {
  name: string;
  targets: SampleTarget[];
  /** Latency objectives judged over all of the service's probes. */
  latency: LatencyObjective[];
  objectives: SloObjective[];
  runbookUrl?: string;
}

export interface SloState {
  objective: SloObjective;
  budget: BudgetState;
  rates: Record<(typeof ALERT_WINDOWS)[number], number | null>;
  level: AlertLevel;
  rule: string | null;
  event: AlertEvent | null;
}

export interface ServiceState {
  name: string;
  urls: string[];
  counts: RunCounts;
  slos: SloState[];
  /** The highest level over the service's SLOs. */
  alert: AlertLevel;
  evidence: string[];
  runbookUrl?: string;
  /** Alerts of SLOs no longer configured: stepped quiet each run until they resolve. */
  retired: AlertEvent[];
}

export interface MonitorResult {
  ledger: Ledger;
  services: ServiceState[];
  attempts: Attempt[];
  startedAt: number;
  endedAt: number;
}

/**
 * A service's SLOs from its settings: availability is 100 − max-error-rate (a config's
 * `slo_targets.availability` sets exactly that), and each latency objective `pNN<limit` asks that
 * NN % of responses be faster than the limit. Objectives of several endpoint groups are merged.
 */
export function serviceObjectives(runs: ReadonlyArray<Pick<Settings, 'policy'>>): {
  objectives: SloObjective[];
  latency: LatencyObjective[];
} {
  const maxErrorRate = Math.min(...runs.map((r) => r.policy.maxErrorRate));
  const latency = new Map<string, LatencyObjective>();
  for (const run of runs) for (const o of run.policy.latencySlo) latency.set(o.text, o);
  return {
    latency: [...latency.values()],
    objectives: [
      { name: 'availability', kind: 'availability', target: 1 - maxErrorRate },
      ...[...latency.values()].map((o): SloObjective => ({
        name: o.text,
        kind: 'latency',
        target: o.percentile / 100,
        objective: o.text,
      })),
    ],
  };
}

export async function runMonitor(options: {
  services: readonly MonitorService[];
  ledger: Ledger;
  clock: Clock;
  observeForMs: number;
  /** The SLO window budgets are computed over (default 30 d). */
  windowMs: number;
  signal?: AbortSignal;
  onAttempt?: (attempt: Attempt) => void;
}): Promise<MonitorResult> {
  const { clock } = options;
  const startedAt = clock.now();
  const attempts = await sampleServices(
    options.services.flatMap((s) => s.targets),
    {
      clock,
      observeForMs: options.observeForMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    },
  );
  const endedAt = clock.now();
  let ledger = options.ledger;
  const services: ServiceState[] = [];
  for (const service of options.services) {
    const urls = service.targets.map((t) => t.url);
    const mine = attempts.filter((a) => urls.includes(a.url));
    const counts = countRun({
      service: service.name,
      attempts: mine,
      objectives: service.latency,
      startedAt,
      endedAt,
    });
    ledger = addRun(ledger, counts, endedAt, { sloWindowMs: options.windowMs });
    const slos: SloState[] = [];
    for (const objective of service.objectives) {
      const judged = judgeSlo(ledger, service.name, objective, endedAt);
      ledger = judged.ledger;
      slos.push({
        objective,
        budget: budgetState(ledger, service.name, objective, endedAt, options.windowMs),
        rates: judged.rates,
        level: judged.level,
        rule: judged.rule,
        event: judged.event,
      });
    }
    const retired: AlertEvent[] = [];
    const current = new Set(service.objectives.map((o) => o.name));
    for (const slo of Object.keys(serviceLedger(ledger, service.name)?.alerts ?? {})) {
      if (current.has(slo)) continue;
      const stepped = stepAlert(ledger, service.name, slo, 'none', null, endedAt);
      ledger = stepped.ledger;
      if (stepped.event) retired.push(stepped.event);
    }
    services.push({
      name: service.name,
      retired,
      urls,
      counts,
      slos,
      alert: slos.reduce<AlertLevel>((max, s) => higherLevel(max, s.level), 'none'),
      evidence: failingEvidence(mine),
      ...(service.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
    });
  }
  return { ledger, services, attempts, startedAt, endedAt };
}
