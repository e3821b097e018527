/**
 * Ledger entries a monitor no longer configures, in simulated time: their alerts resolve once,
 * their history goes once it has aged out, they never stop a config that fits the ledger from
 * being monitored, and a monitor never retires another monitor's entries in a shared ledger
 * (the default artifact is one per repository, whatever the workflow).
 */
import { describe, expect, it } from '@jest/globals';
import { stepAlert } from '../../src/monitor/alert-state.js';
import { alertMessage } from '../../src/monitor/alert-message.js';
import type { RunEntries } from '../../src/monitor/ledger-owner.js';
import { Redactor } from '../../src/secrets/redact.js';
import { evictionNote, settleRetired } from '../../src/monitor/retired-entries.js';
import {
  runMonitor,
  type MonitorOwnership,
  type MonitorResult,
  type MonitorService,
} from '../../src/monitor/run-monitor.js';
import {
  addRun,
  emptyLedger,
  emptyServiceLedger,
  LEDGER_LIMITS,
  serviceLedger,
  type AlertRecord,
  type Ledger,
} from '../../src/monitor/slo-ledger.js';
import { failing, ok, scriptedProber } from '../helpers/scripted-prober.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOW = 30 * DAY;
/** When the stored ledger was last written. */
const SAVED = Date.UTC(2026, 4, 1, 12);
const PAGE_RULE = 'page: 1h and 5m > 14.4';
const MINE = 'octo/shop/.github/workflows/monitor.yml (config deploy-gate.yml)';
const THEIRS = 'octo/shop/.github/workflows/payments.yml (config payments.yml)';

/** The ledger a scheduled monitor leaves: each entry's one run, written in time order. */
function ledgerOf(runs: ReadonlyArray<{ name: string; end: number; owner?: string | null }>) {
  let ledger = emptyLedger();
  for (const { name, end, owner = MINE } of [...runs].sort((a, b) => a.end - b.end)) {
    const run = { service: name, startedAt: end - MINUTE, endedAt: end, total: 12, failed: 0 };
    const how = { sloWindowMs: WINDOW, ...(owner ? { owner } : {}) };
    ledger = addRun(ledger, { ...run, slow: {} }, end, how);
  }
  return ledger;
}

const openPage = (ledger: Ledger, name: string, since: number) =>
  stepAlert(ledger, name, 'availability', 'page', PAGE_RULE, since).ledger;

/** Configured services, each with one URL, down while `down(name, now)` holds. */
function services(
  clock: VirtualClock,
  names: readonly string[],
  down: (name: string, now: number) => boolean = () => false,
): MonitorService[] {
  const prober = scriptedProber(clock, (url, _call, now) =>
    down(new URL(url).hostname.split('.')[0]!, now) ? failing('status', 5) : ok(40),
  );
  return names.map((name) => ({
    name,
    latency: [],
    objectives: [{ name: 'availability', kind: 'availability', target: 0.999 }],
    targets: [
      {
        service: name,
        url: `http://${name}.test/healthz`,
        method: 'GET',
        intervalMs: 5_000,
        timeoutMs: 2_000,
        probe: prober.probe,
      },
    ],
  }));
}

/** One monitor run of `configured` by the monitor whose file names `configured` alone. */
function monitor(
  clock: VirtualClock,
  ledger: Ledger,
  configured: MonitorService[],
  ownership: MonitorOwnership = { owner: MINE, fileServices: configured.map((s) => s.name) },
): Promise<MonitorResult> {
  return clock.run(
    runMonitor({
      services: configured,
      ledger,
      clock,
      observeForMs: MINUTE,
      windowMs: WINDOW,
      ownership,
    }),
  );
}

/**
 * The refusal of a run of MINE: runMonitor refuses before its first sleep, so no virtual time
 * passes (a run that went on to sample would wait forever and time the test out).
 */
const refusal = (clock: VirtualClock, ledger: Ledger, configured: MonitorService[]) =>
  runMonitor({
    services: configured,
    ledger,
    clock,
    observeForMs: MINUTE,
    windowMs: WINDOW,
    ownership: { owner: MINE, fileServices: configured.map((s) => s.name) },
  });

/** The entries of a run of MINE monitoring `configured`, its file naming those only. */
const runOf = (configured: readonly string[]): RunEntries => ({
  owner: MINE,
  configured: new Set(configured),
  monitored: new Set(configured.filter((name) => !name.includes('/'))),
  fileServices: new Set(configured.filter((name) => !name.includes('/'))),
});

const names = (prefix: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(from + i).padStart(3, '0')}`);

/** Every alert closed in a run: the service's own and those of services no longer configured. */
const closed = (result: MonitorResult) => [
  ...result.retired,
  ...result.services.flatMap((s) => s.retired),
];

describe('a ledger shared by two monitor workflows', () => {
  it('leaves the other workflow’s alert alone: one page, one resolve, no false lines', async () => {
    // Workflow B monitors api (down for half an hour), workflow A monitors web; both load and save
    // the same ledger (the default artifact), one after the other every 5 minutes, for a day.
    // Before owners, A resolved B's page 35 minutes after it fired, and B fired it again.
    const clock = new VirtualClock(SAVED);
    const outage = SAVED + 2 * HOUR;
    const down = (name: string, now: number) =>
      name === 'api' && now >= outage && now < outage + 30 * MINUTE;
    const a: MonitorOwnership = {
      owner: 'octo/shop/.github/workflows/web.yml (config web.yml)',
      fileServices: ['web'],
    };
    const b: MonitorOwnership = {
      owner: 'octo/shop/.github/workflows/api.yml (config api.yml)',
      fileServices: ['api'],
    };
    let ledger = emptyLedger();
    const events: string[] = [];
    const webhookOfA: string[] = [];
    while (clock.now() < SAVED + DAY) {
      const slot = clock.now();
      const ofB = await monitor(clock, ledger, services(clock, ['api'], down), b);
      events.push(...ofB.services[0]!.slos.flatMap((s) => (s.event ? [`B ${s.event.kind}`] : [])));
      events.push(...closed(ofB).map((e) => `B closed ${e.service}`));
      const ofA = await monitor(clock, ofB.ledger, services(clock, ['web'], down), a);
      events.push(...closed(ofA).map((e) => `A closed ${e.service}`));
      expect([ofA.evicted, ofB.evicted]).toEqual([[], []]);
      const message = alertMessage(ofA, {}, new Redactor());
      if (message) webhookOfA.push(JSON.stringify(message.blocks));
      ledger = ofA.ledger;
      await clock.run(clock.sleep(slot + 5 * MINUTE - clock.now()));
    }
    expect(events).toEqual(['B fired', 'B resolved']);
    expect(webhookOfA).toEqual([]);
    expect(serviceLedger(ledger, 'api')?.owner).toBe(b.owner);
    expect(serviceLedger(ledger, 'web')?.owner).toBe(a.owner);
  });

  it('refuses, before any request, a monitor whose entries do not fit beside the other’s', async () => {
    // Monitor A keeps 120 services in the shared ledger; B's config needs 100 more.
    const ledger = ledgerOf(
      names('web', 120).map((name) => ({ name, end: SAVED - 5 * MINUTE, owner: THEIRS })),
    );
    const clock = new VirtualClock(SAVED);
    const prober = scriptedProber(clock, () => ok(40));
    const configured = services(clock, names('api', 100)).map((s) => ({
      ...s,
      targets: s.targets.map((t) => ({ ...t, probe: prober.probe })),
    }));
    await expect(refusal(clock, ledger, configured)).rejects.toThrow(
      /^monitor: this monitor needs 100 entries in the SLO ledger .* keeps 120 entries there that this run may not drop, .*\(120 of "octo\/shop\/\.github\/workflows\/payments\.yml \(config payments\.yml\)"\).*accepted: at most 80 services and scopes beside them: give this monitor a ledger of its own/,
    );
    expect(prober.calls).toEqual([]);
  });
});

/** A page opened 3 hours before SAVED and quiet for 2: past its hold, the next quiet step ends it. */
const quietPage: AlertRecord = {
  level: 'page',
  peak: 'page',
  since: SAVED - 3 * HOUR,
  rule: PAGE_RULE,
  quietSince: SAVED - 2 * HOUR,
};

/** `ledger` with `alerts` open on entry `name`. */
const withAlerts = (ledger: Ledger, name: string, alerts: Record<string, AlertRecord>): Ledger => ({
  ...ledger,
  services: { ...ledger.services, [name]: { ...ledger.services[name]!, alerts } },
});

describe('two monitors with one service name in a shared ledger', () => {
  it('refuses, before any probe, the second monitor writing the other’s live entry', async () => {
    // THEIRS monitors `api` every 5 minutes; this monitor's config names an `api` too.
    const ledger = ledgerOf([{ name: 'api', end: SAVED - 5 * MINUTE, owner: THEIRS }]);
    const clock = new VirtualClock(SAVED);
    const prober = scriptedProber(clock, () => ok(40));
    const configured = services(clock, ['api']).map((s) => ({
      ...s,
      targets: s.targets.map((t) => ({ ...t, probe: prober.probe })),
    }));
    await expect(refusal(clock, ledger, configured)).rejects.toThrow(
      /^monitor: 1 SLO ledger entry this monitor writes belongs to another monitor that still has data in it inside the SLO window \("api" of ".*payments\.yml \(config payments\.yml\)"\); .*its own "records" folder.*distinct names$/,
    );
    expect(prober.calls).toEqual([]);
  });

  it('claims an entry without an owner, or one whose data has aged out', async () => {
    const ledger = ledgerOf([
      { name: 'api', end: SAVED - 5 * MINUTE, owner: null },
      { name: 'web', end: SAVED - 31 * DAY, owner: THEIRS },
    ]);
    const clock = new VirtualClock(SAVED);
    const result = await monitor(clock, ledger, services(clock, ['api', 'web']));
    expect(result.services.map((s) => s.counts.total)).toEqual([12, 12]);
    expect(serviceLedger(result.ledger, 'api')?.owner).toBe(MINE);
    expect(serviceLedger(result.ledger, 'web')?.owner).toBe(MINE);
  });

  it('never quiets another monitor’s alert of an objective this run does not configure', async () => {
    // THEIRS last measured `api` 31 days ago and left its p99 page open; `legacy`, written before
    // owners, has one too. This monitor configures both with availability alone.
    let ledger = ledgerOf([
      { name: 'api', end: SAVED - 31 * DAY, owner: THEIRS },
      { name: 'legacy', end: SAVED - 31 * DAY, owner: null },
    ]);
    ledger = withAlerts(ledger, 'api', { 'p99<300ms': quietPage });
    ledger = withAlerts(ledger, 'legacy', { 'p99<300ms': quietPage });
    const clock = new VirtualClock(SAVED);
    const result = await monitor(clock, ledger, services(clock, ['api', 'legacy']));
    // The entry had no owner: its alert is this monitor's to end. The other monitor's is not.
    expect(closed(result).map((e) => `${e.service} ${e.slo} ${e.kind} ${e.reason}`)).toEqual([
      'legacy p99<300ms resolved removed',
    ]);
    expect(serviceLedger(result.ledger, 'api')?.alerts).toEqual({ 'p99<300ms': quietPage });
  });

  it('never closes or evicts another monitor’s scope of a service of the same name', async () => {
    // A ledger from before that refusal: this monitor writes `api` (no search objective), THEIRS
    // kept `api/search`, its page still open, its last run the oldest. 198 services this monitor
    // no longer configures fill the rest; adding `web` needs one place.
    const gone = names('gone', 197);
    let ledger = ledgerOf([
      { name: 'api/search', end: SAVED - 3 * DAY, owner: THEIRS },
      ...gone.map((name, i) => ({ name, end: SAVED - 2 * DAY + i * MINUTE })),
      { name: 'old', end: SAVED - 2 * DAY - MINUTE },
      { name: 'api', end: SAVED - 5 * MINUTE },
    ]);
    ledger = withAlerts(ledger, 'api/search', { 'search p90<500ms': quietPage });
    expect(Object.keys(ledger.services)).toHaveLength(LEDGER_LIMITS.services);
    const clock = new VirtualClock(SAVED);
    const result = await monitor(clock, ledger, services(clock, ['api', 'web']));
    expect(result.evicted).toEqual(['old']);
    expect(closed(result)).toEqual([]);
    expect(serviceLedger(result.ledger, 'api/search')).toEqual(ledger.services['api/search']);
  });
});

describe('a ledger holding entries of services no longer configured', () => {
  it('fits after their aged-out history is dropped: no crash, nothing else dropped', async () => {
    // Saved a day ago: 150 retired services whose last data is 29.5 days old (still inside the
    // window then, outside it now), 45 retired recently, and 5 services still configured.
    const stale = names('stale', 150);
    const recent = names('recent', 45);
    const kept = names('api', 5);
    const ledger = ledgerOf([
      ...stale.map((name, i) => ({ name, end: SAVED - 29.5 * DAY + i * 1000 })),
      ...recent.map((name, i) => ({ name, end: SAVED - 2 * HOUR + i * 1000 })),
      ...kept.map((name, i) => ({ name, end: SAVED - 5 * MINUTE + i * 1000 })),
    ]);
    expect(Object.keys(ledger.services)).toHaveLength(LEDGER_LIMITS.services);
    // The config keeps the 5 and adds 100: 200 held + 100 new before pruning, 150 after.
    const configured = [...kept, ...names('api', 100, 5)];

    const clock = new VirtualClock(SAVED + DAY);
    const result = await monitor(clock, ledger, services(clock, configured));
    expect(result.evicted).toEqual([]);
    expect(evictionNote(result.evicted, 0)).toBe('');
    expect(Object.keys(result.ledger.services).sort()).toEqual([...configured, ...recent].sort());
    expect(result.services.map((s) => s.counts.total)).toEqual(configured.map(() => 12));
  });

  it('cannot fit: the oldest retired entries make room, their open alerts resolved at once', async () => {
    // 198 retired services, last run one by one a minute apart from two days ago; gone-000 and
    // gone-001 ran last at the same moment (name breaks the tie). 2 services still configured.
    const retired = names('gone', 198);
    const end = (i: number) => SAVED - 2 * DAY + Math.max(i, 1) * MINUTE;
    let ledger = ledgerOf([
      ...retired.map((name, i) => ({ name, end: end(i) })),
      { name: 'api-000', end: SAVED - 5 * MINUTE },
      { name: 'api-001', end: SAVED - 5 * MINUTE },
    ]);
    ledger = openPage(ledger, 'gone-001', SAVED - 3 * HOUR);
    ledger = openPage(ledger, 'gone-100', SAVED - 3 * HOUR);
    const configured = names('api', 5);

    const clock = new VirtualClock(SAVED + 5 * MINUTE);
    const result = await monitor(clock, ledger, services(clock, configured));
    // 200 held + 3 new: the three oldest retired entries go, oldest first.
    expect(result.evicted).toEqual(['gone-000', 'gone-001', 'gone-002']);
    const held = Object.keys(result.ledger.services);
    expect(held).toHaveLength(LEDGER_LIMITS.services);
    expect(held).toEqual(expect.arrayContaining([...configured, ...retired.slice(3)]));
    // The dropped entry's incident ends now, said why; the kept one's is stepped quiet.
    expect(result.retired).toEqual([
      expect.objectContaining({
        service: 'gone-001',
        slo: 'availability',
        kind: 'resolved',
        reason: 'evicted',
        since: SAVED - 3 * HOUR,
        at: result.endedAt,
        durationMs: result.endedAt - (SAVED - 3 * HOUR),
      }),
    ]);
    expect(serviceLedger(result.ledger, 'gone-100')?.alerts['availability']).toMatchObject({
      quietSince: result.endedAt,
    });
    const message = alertMessage(result, {}, new Redactor());
    expect(message?.text).toBe('deploy-gate monitor: 1 SLO alert change');
    const minutes = Math.round((result.endedAt - (SAVED - 3 * HOUR)) / MINUTE);
    expect(JSON.stringify(message?.blocks[0])).toContain(
      `:white_check_mark: *resolved* gone-001 availability: SLO no longer in the config, dropped from the ledger to make room, closed after ${minutes} min`,
    );
    expect(evictionNote(result.evicted, 1)).toBe(
      'deploy-gate monitor: the ledger holds at most 200 services and endpoint scopes; dropped the history of 3 SLO ledger entries this monitor no longer configures, oldest last run first, to make room for the configured ones: gone-000, gone-001, gone-002 (their open alerts resolved)',
    );
  });

  it('never quiets or drops entries of other monitors or of no recorded monitor', async () => {
    // Full: 2 configured, 99 of another workflow, 99 from before owners; each with an open page.
    let ledger = ledgerOf([
      ...names('pay', 99).map((name) => ({ name, end: SAVED - DAY, owner: THEIRS })),
      ...names('legacy', 99).map((name) => ({ name, end: SAVED - DAY, owner: null })),
      { name: 'api-000', end: SAVED - 5 * MINUTE },
      { name: 'api-001', end: SAVED - 5 * MINUTE },
    ]);
    ledger = openPage(ledger, 'pay-000', SAVED - 3 * HOUR);
    ledger = openPage(ledger, 'legacy-000', SAVED - 3 * HOUR);
    const clock = new VirtualClock(SAVED + HOUR);
    const result = await monitor(clock, ledger, services(clock, names('api', 2)));
    expect(closed(result)).toEqual([]);
    expect(result.evicted).toEqual([]);
    for (const name of ['pay-000', 'legacy-000'])
      expect(serviceLedger(result.ledger, name)?.alerts).toEqual(ledger.services[name]?.alerts);
    // One more service would need room no one may make: refused before sampling.
    await expect(refusal(clock, ledger, services(clock, names('api', 3)))).rejects.toThrow(
      /keeps 198 entries there that this run may not drop, .*\(99 of ".*payments\.yml \(config payments\.yml\)"; 99 written before deploy-gate recorded their monitor\)/,
    );
  });
});

describe('settleRetired', () => {
  it('steps a removed service’s alert quiet until it resolves once, then forgets the service once its data ages out', () => {
    let ledger = openPage(ledgerOf([{ name: 'old', end: SAVED - HOUR }]), 'old', SAVED - 2 * HOUR);
    const settle = (now: number) => {
      const settled = settleRetired(ledger, runOf(['api']), now, WINDOW);
      ledger = settled.ledger;
      expect(settled.evicted).toEqual([]);
      return settled.retired.map((e) => `${e.service} ${e.slo} ${e.kind} ${e.durationMs}`);
    };
    expect(settle(SAVED)).toEqual([]);
    expect(settle(SAVED + 29 * MINUTE)).toEqual([]);
    // Quiet for the page rule's hold (30 min): resolved, lasting until its first quiet reading.
    expect(settle(SAVED + 30 * MINUTE)).toEqual([`old availability resolved ${2 * HOUR}`]);
    expect(serviceLedger(ledger, 'old')?.alerts).toEqual({});
    expect(settle(SAVED + 31 * MINUTE)).toEqual([]);
    // Its data still counts inside the window; once past it, the entry is gone.
    expect(Object.keys(ledger.services)).toEqual(['old']);
    expect(settle(SAVED + WINDOW + DAY)).toEqual([]);
    expect(ledger.services).toEqual({});
  });

  it('keeps an entry that holds only an open alert until that alert resolves', () => {
    const owned = {
      version: 2 as const,
      services: { old: { ...emptyServiceLedger(), owner: MINE } },
    };
    let ledger = openPage(owned, 'old', SAVED);
    ledger = settleRetired(ledger, runOf([]), SAVED + WINDOW, WINDOW).ledger;
    expect(Object.keys(ledger.services)).toEqual(['old']);
    const settled = settleRetired(ledger, runOf([]), SAVED + WINDOW + HOUR, WINDOW);
    expect(settled.retired.map((e) => `${e.kind} ${e.reason}`)).toEqual(['resolved removed']);
    expect(settled.ledger.services).toEqual({});
  });

  it('never drops a configured entry to make room, however old its last run', () => {
    const ledger = ledgerOf(
      names('svc', LEDGER_LIMITS.services).map((name, i) => ({ name, end: SAVED + i })),
    );
    const settled = settleRetired(
      ledger,
      runOf(names('svc', LEDGER_LIMITS.services)),
      SAVED + HOUR,
      WINDOW,
    );
    expect(settled.evicted).toEqual([]);
    expect(settled.ledger).toEqual(ledger);
  });

  it('drops a removed service with its scopes, never one without the other', () => {
    // 196 configured; billing and its scope billing/search were written by one run (one lastEnd),
    // billing-old ran last at that same moment: by name alone, billing-old would split them.
    const configured = names('svc', 196);
    const ledger = ledgerOf([
      ...configured.map((name) => ({ name, end: SAVED - 5 * MINUTE })),
      { name: 'billing', end: SAVED - DAY },
      { name: 'billing/search', end: SAVED - DAY },
      { name: 'billing-old', end: SAVED - DAY },
      { name: 'zeta', end: SAVED - 2 * HOUR },
    ]);
    const two = [...configured, 'svc-196', 'svc-197'];
    const settled = settleRetired(ledger, runOf(two), SAVED, WINDOW);
    expect(settled.evicted).toEqual(['billing', 'billing/search']);
    expect(Object.keys(settled.ledger.services)).toEqual(
      expect.arrayContaining(['billing-old', 'zeta']),
    );
    // Needing three places, the next group goes whole too.
    const three = settleRetired(ledger, runOf([...two, 'svc-198']), SAVED, WINDOW);
    expect(three.evicted).toEqual(['billing', 'billing/search', 'billing-old']);
  });
});

describe('evictionNote', () => {
  it('names the first ten dropped entries and counts the rest', () => {
    const note = evictionNote(names('gone', 13), 0);
    expect(note).toContain('dropped the history of 13 SLO ledger entries');
    expect(note).toContain(
      'gone-000, gone-001, gone-002, gone-003, gone-004, gone-005, gone-006, gone-007, gone-008, gone-009 and 3 more',
    );
    expect(evictionNote(['gone-000'], 0)).toContain('of 1 SLO ledger entry this monitor');
  });

  it('says their open alerts resolved only when some were open', () => {
    expect(evictionNote(['gone-000'], 0)).not.toContain('alerts');
    expect(evictionNote(['gone-000'], 0)).toMatch(/: gone-000$/);
    expect(evictionNote(['gone-000'], 2)).toMatch(/: gone-000 \(their open alerts resolved\)$/);
  });
});
