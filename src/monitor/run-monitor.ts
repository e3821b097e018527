/**
 * One scheduled monitor run, without the runner: sample every service for observe-for, add the
 * run to the SLO ledger, and compute each SLO's budget, burn rates and alert, stepping the alert
 * state so an episode is announced once when it starts, once when it escalates, once when it
 * ends. No @actions/core and no file here (monitor-step.ts connects those).
 */
import type { Clock } from '../gate/clock.js';
import type { Attempt } from '../gate/types.js';
import type { LatencyObjective } from '../gate/types.js';
import type { Settings } from '../settings/settings.js';
import type { AlertEvent, AlertLevel } from './alert-state.js';
import { ALERT_WINDOWS, budgetState, type BudgetState, type SloObjective } from './burn-rate.js';
import { higherLevel, judgeSlo } from './judge-slo.js';
import {
  ledgerRoomProblems,
  ownedBy,
  ownershipProblems,
  serviceOf,
  type RunEntries,
} from './ledger-owner.js';
import { plural } from '../summary/format.js';
import { retireAlerts, settleRetired, type RetiredAlert } from './retired-entries.js';
import { countRun, failingEvidence } from './run-counts.js';
import { sampleServices, type SampleTarget } from './sample-services.js';
import { addRun, LEDGER_LIMITS, ledgerPart, type Ledger, type RunCounts } from './slo-ledger.js';

export interface MonitorService {
  name: string;
  targets: SampleTarget[];
  /** Latency objectives judged over all of the service's probes. */
  latency: LatencyObjective[];
  objectives: SloObjective[];
  /** Objectives of some endpoints only, each judged over those endpoints' probes. */
  scopes?: LatencyScope[];
  runbookUrl?: string;
}

/**
 * An endpoint's own latency objectives (`search_response_time_p90`): kept in the ledger under
 * `<service>/<endpoints>`, so their events are that endpoint's probes alone.
 */
export interface LatencyScope {
  /** The endpoints' labels, as the SLO names show them (`search`). */
  label: string;
  urls: string[];
  latency: LatencyObjective[];
  objectives: SloObjective[];
}

export interface SloState {
  /**
   * The ledger entry judged: the service (`api`) or one of its scopes (`api/search`). Its alert
   * events carry the same name, so issues, webhook and summary all name the alert by it.
   */
  entry: string;
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
  /**
   * Alerts of the service's SLOs no longer configured (its own, or a dropped scope's) that
   * resolved in this run: stepped quiet each run until they do.
   */
  retired: RetiredAlert[];
}

export interface MonitorResult {
  ledger: Ledger;
  services: ServiceState[];
  /** Alerts that resolved in this run of services this monitor no longer configures at all. */
  retired: RetiredAlert[];
  /** Ledger entries this monitor no longer configures, dropped to make room (retired-entries.ts). */
  evicted: string[];
  attempts: Attempt[];
  startedAt: number;
  endedAt: number;
}

/**
 * A service's SLOs from its endpoint groups: availability is 100 − max-error-rate (a config's
 * `slo_targets.availability` sets exactly that) over every probe; a latency objective `pNN<limit`
 * asks that NN % of responses be faster than the limit, over every probe when every group has it,
 * else over the probes of the groups that do (an endpoint's own objective).
 */
export function serviceObjectives(
  groups: ReadonlyArray<Pick<Settings, 'policy' | 'urls'> & { endpoints?: string[] }>,
): {
  objectives: SloObjective[];
  latency: LatencyObjective[];
  scopes: LatencyScope[];
} {
  const maxErrorRate = Math.min(...groups.map((r) => r.policy.maxErrorRate));
  const everywhere = (o: LatencyObjective) =>
    groups.every((g) => g.policy.latencySlo.some((x) => x.text === o.text));
  const latency = (groups[0]?.policy.latencySlo ?? []).filter(everywhere);
  const scopes = groups.flatMap((g): LatencyScope[] => {
    const own = g.policy.latencySlo.filter((o) => !everywhere(o));
    if (own.length === 0) return [];
    const label = scopeLabel(g.endpoints?.length ? g.endpoints : g.urls);
    return [
      { label, urls: g.urls, latency: own, objectives: own.map((o) => latencySlo(o, `${label} `)) },
    ];
  });
  return {
    latency,
    scopes,
    objectives: [
      { name: 'availability', kind: 'availability', target: 1 - maxErrorRate },
      ...latency.map((o) => latencySlo(o)),
    ],
  };
}

const latencySlo = (o: LatencyObjective, prefix = ''): SloObjective => ({
  name: `${prefix}${o.text}`,
  kind: 'latency',
  target: o.percentile / 100,
  objective: o.text,
});

/**
 * A scope's name in SLO names and alerts: its first endpoint, and how many more share its
 * objectives. Bounded, so an SLO name stays within the ledger's 200 characters.
 */
function scopeLabel(endpoints: readonly string[]): string {
  const first = (endpoints[0] ?? 'endpoint').slice(0, 60);
  return endpoints.length > 1 ? `${first}+${endpoints.length - 1} more` : first;
}

/**
 * Each scope of a service with its ledger entry (`api/search`), the one name its alerts go by.
 * Two labels can clean to one ledger name (`/search`, `search`): each scope keeps its own.
 */
function scopeEntries(
  service: Pick<MonitorService, 'name' | 'scopes'>,
): { entry: string; scope: LatencyScope }[] {
  const taken = new Set<string>();
  return (service.scopes ?? []).map((scope) => {
    const named = (suffix?: string) =>
      `${service.name}/${ledgerPart(scope.label, 'endpoint', suffix)}`;
    let entry = named();
    for (let n = 2; taken.has(entry); n += 1) entry = named(`-${n}`);
    taken.add(entry);
    return { entry, scope };
  });
}

const configuredScopes = (services: readonly MonitorService[]) =>
  new Set(services.flatMap((s) => scopeEntries(s).map((e) => e.entry)));

/** Who runs this monitor, for the entries it writes and those it may retire (ledger-owner.ts). */
export interface MonitorOwnership {
  /** monitorOwner: the workflow file and config. */
  owner: string;
  /** Every service of the config file, whatever `service` selects; absent when not known. */
  fileServices?: readonly string[];
}

function runEntries(services: readonly MonitorService[], how: MonitorOwnership): RunEntries {
  const monitored = new Set(services.map((s) => s.name));
  return {
    owner: how.owner,
    configured: new Set([...monitored, ...configuredScopes(services)]),
    monitored,
    ...(how.fileServices ? { fileServices: new Set(how.fileServices) } : {}),
  };
}

/**
 * Why these services cannot be monitored, said before any request: each service and each scope
 * is one ledger entry, and addRun refuses a new entry past the ledger's limit, which would fail
 * the run only after its sampling. Empty when they fit. The config alone: what else the ledger
 * holds is ledgerProblems' part.
 */
export function ledgerLimitProblems(services: readonly MonitorService[]): string[] {
  const names = new Set(services.map((s) => s.name));
  const scopes = configuredScopes(services);
  const entries = names.size + scopes.size;
  if (entries <= LEDGER_LIMITS.services) return [];
  return [
    `monitor: the config's ${plural(names.size, 'service')} and ${plural(scopes.size, 'endpoint scope')} (endpoints with their own latency objective, e.g. search_response_time_p90) need ${entries} SLO ledger entries; the ledger holds at most ${LEDGER_LIMITS.services}; accepted: at most ${LEDGER_LIMITS.services} services and scopes per ledger (split the services over monitors, each with its own "records" folder: without "records" all monitors of a repository share one ledger)`,
  ];
}

/**
 * Why this run cannot be monitored, said before any probe: its config past the ledger's limit,
 * entries it would write that another monitor still holds data in (ownershipProblems), or no room
 * beside entries it may not drop (ledgerRoomProblems). Empty when it fits, so addRun never
 * refuses an entry after the sampling, nor takes one from another monitor.
 */
export function ledgerProblems(
  services: readonly MonitorService[],
  ledger: Ledger,
  ownership: MonitorOwnership,
  now: number,
  windowMs: number,
): string[] {
  const limit = ledgerLimitProblems(services);
  if (limit.length) return limit;
  const run = runEntries(services, ownership);
  return [
    ...ownershipProblems(ledger, run, now, windowMs),
    ...ledgerRoomProblems(ledger, run, now, windowMs),
  ];
}

export async function runMonitor(options: {
  services: readonly MonitorService[];
  ledger: Ledger;
  clock: Clock;
  observeForMs: number;
  /** The SLO window budgets are computed over (default 30 d). */
  windowMs: number;
  ownership: MonitorOwnership;
  signal?: AbortSignal;
  onAttempt?: (attempt: Attempt) => void;
}): Promise<MonitorResult> {
  const { clock, ownership } = options;
  const startedAt = clock.now();
  const refused = ledgerProblems(
    options.services,
    options.ledger,
    ownership,
    startedAt,
    options.windowMs,
  );
  if (refused.length) throw new RangeError(refused.join('\n'));
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
  const run = runEntries(options.services, ownership);
  // Settled at the end: later than the check above, so it drops at least as much.
  const settled = settleRetired(options.ledger, run, endedAt, options.windowMs);
  let ledger = settled.ledger;
  // A retired scope's alerts go with its service while that is configured (runbook, evidence).
  const services: ServiceState[] = [];
  for (const service of options.services) {
    const urls = service.targets.map((t) => t.url);
    const mine = attempts.filter((a) => urls.includes(a.url));
    const judge = (
      name: string,
      probes: Attempt[],
      latency: LatencyObjective[],
      objectives: SloObjective[],
    ) => {
      const judged = judgeEntry(
        ledger,
        { name, probes, latency, objectives, startedAt, endedAt },
        { windowMs: options.windowMs, owner: ownership.owner },
      );
      ledger = judged.ledger;
      return judged;
    };
    const main = judge(service.name, mine, service.latency, service.objectives);
    const slos = [...main.slos];
    const retired = [
      ...settled.retired.filter((e) => serviceOf(e.service) === service.name),
      ...main.retired,
    ];
    for (const { entry: name, scope } of scopeEntries(service)) {
      const judged = judge(
        name,
        mine.filter((a) => scope.urls.includes(a.url)),
        scope.latency,
        scope.objectives,
      );
      slos.push(...judged.slos);
      retired.push(...judged.retired);
    }
    services.push({
      name: service.name,
      retired,
      urls,
      counts: main.counts,
      slos,
      alert: slos.reduce<AlertLevel>((max, s) => higherLevel(max, s.level), 'none'),
      evidence: failingEvidence(mine),
      ...(service.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
    });
  }
  const retired = settled.retired.filter((e) => !run.monitored.has(serviceOf(e.service)));
  return { ledger, services, retired, evicted: settled.evicted, attempts, startedAt, endedAt };
}

/**
 * One ledger entry's run: its events counted, its SLOs judged, and alerts of SLOs it no longer
 * configures stepped quiet if the entry was this monitor's (or no one's) before this run wrote it.
 */
function judgeEntry(
  start: Ledger,
  run: {
    name: string;
    probes: Attempt[];
    latency: LatencyObjective[];
    objectives: SloObjective[];
    startedAt: number;
    endedAt: number;
  },
  how: { windowMs: number; owner: string },
): { ledger: Ledger; counts: RunCounts; slos: SloState[]; retired: RetiredAlert[] } {
  const { windowMs, owner } = how;
  const { name, endedAt } = run;
  const counts = countRun({
    service: name,
    attempts: run.probes,
    objectives: run.latency,
    startedAt: run.startedAt,
    endedAt,
  });
  let ledger = addRun(start, counts, endedAt, { sloWindowMs: windowMs, owner });
  const slos: SloState[] = [];
  for (const objective of run.objectives) {
    const judged = judgeSlo(ledger, name, objective, endedAt);
    ledger = judged.ledger;
    slos.push({
      entry: name,
      objective,
      budget: budgetState(ledger, name, objective, endedAt, windowMs),
      rates: judged.rates,
      level: judged.level,
      rule: judged.rule,
      event: judged.event,
    });
  }
  // Another monitor's alerts are not this run's to close (ownershipProblems refuses most such runs).
  if (!ownedBy(start, name, owner)) return { ledger, counts, slos, retired: [] };
  const kept = new Set(run.objectives.map((o) => o.name));
  const quiet = retireAlerts(ledger, name, kept, endedAt, 'removed');
  return { ledger: quiet.ledger, counts, slos, retired: quiet.retired };
}
