/**
 * Who owns which ledger entries: a run may retire only a dropped scope its own monitor wrote of a
 * service it monitors, or a service its own monitor wrote that its config file no longer names;
 * and it is refused before any probe when it would write an entry another monitor still holds
 * data in, or when the entries it may not drop leave it no room.
 */
import { describe, expect, it } from '@jest/globals';
import {
  ledgerRoomProblems,
  monitorOwner,
  ownedBy,
  ownershipProblems,
  retirableEntries,
  type RunEntries,
} from '../../src/monitor/ledger-owner.js';
import { addRun, emptyLedger, LEDGER_LIMITS, type Ledger } from '../../src/monitor/slo-ledger.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WINDOW = 30 * DAY;
const NOW = Date.UTC(2026, 4, 1, 12);
const MINE = 'octo/shop/.github/workflows/monitor.yml (config deploy-gate.yml)';
const THEIRS = 'octo/shop/.github/workflows/payments.yml (config payments.yml)';

/** Entries each with one run a minute before NOW; `owner: null` writes none (an older ledger). */
function ledgerOf(entries: ReadonlyArray<{ name: string; owner: string | null; end?: number }>) {
  let ledger = emptyLedger();
  for (const { name, owner, end = NOW - MINUTE } of entries) {
    const run = { service: name, startedAt: end - MINUTE, endedAt: end, total: 12, failed: 0 };
    ledger = addRun(ledger, { ...run, slow: {} }, end, {
      sloWindowMs: WINDOW,
      ...(owner ? { owner } : {}),
    });
  }
  return ledger;
}

function run(configured: string[], fileServices?: string[], owner = MINE): RunEntries {
  return {
    owner,
    configured: new Set(configured),
    monitored: new Set(configured.filter((name) => !name.includes('/'))),
    ...(fileServices ? { fileServices: new Set(fileServices) } : {}),
  };
}

describe('monitorOwner', () => {
  it('is the workflow file without its ref, and the config as written', () => {
    const env = { GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/monitor.yml@refs/heads/main' };
    expect(monitorOwner(env, 'deploy-gate.yml')).toBe(MINE);
    // Every branch's runs are one monitor, even a branch whose name holds an `@`.
    const branch = {
      GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/monitor.yml@refs/heads/a@b',
    };
    expect(monitorOwner(branch, 'deploy-gate.yml')).toBe(MINE);
    const pull = { GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/m.yaml@refs/pull/7/merge' };
    expect(monitorOwner(pull, undefined)).toBe('octo/shop/.github/workflows/m.yaml (url inputs)');
  });

  it('is local outside a workflow, still naming the config', () => {
    expect(monitorOwner({}, './configs/a.yml')).toBe('local (config ./configs/a.yml)');
    expect(monitorOwner({ GITHUB_WORKFLOW_REF: ' ' }, undefined)).toBe('local (url inputs)');
  });

  it('stays within the ledger’s bound', () => {
    expect(monitorOwner({}, 'c'.repeat(900))).toHaveLength(LEDGER_LIMITS.owner);
  });
});

describe('retirableEntries', () => {
  const ledger = ledgerOf([
    { name: 'api', owner: MINE },
    { name: 'api/search', owner: MINE },
    { name: 'web', owner: MINE },
    { name: 'billing', owner: MINE },
    { name: 'billing/search', owner: null },
    { name: 'payments', owner: THEIRS },
    { name: 'legacy', owner: null },
  ]);

  it('retires a dropped scope, and a removed service of this monitor with its scopes', () => {
    // The file names api and web; this run (the `service: api` leg) monitors api, without scopes.
    expect([...retirableEntries(ledger, run(['api'], ['api', 'web']))].sort()).toEqual([
      'api/search',
      'billing',
      'billing/search',
    ]);
  });

  it('never retires another monitor’s entry, one without an owner, or another leg’s', () => {
    const retirable = retirableEntries(ledger, run(['api'], ['api', 'web']));
    for (const name of ['payments', 'legacy', 'web']) expect(retirable.has(name)).toBe(false);
    // Another monitor of the same ledger whose file names none of these retires none of them.
    expect([...retirableEntries(ledger, run(['shop'], ['shop'], THEIRS))]).toEqual(['payments']);
  });

  it('retires no whole service when the file’s services are not known', () => {
    expect([...retirableEntries(ledger, run(['api']))]).toEqual(['api/search']);
  });

  it('never retires another monitor’s scope, or one without an owner, of a service it monitors', () => {
    // Monitor B writes `api`; monitor A keeps `api/search` (its own `api` has a search objective);
    // `api/stats` predates owners. B configures `api` without either scope.
    const shared = ledgerOf([
      { name: 'api', owner: MINE },
      { name: 'api/search', owner: THEIRS },
      { name: 'api/stats', owner: null },
      { name: 'api/old', owner: MINE },
    ]);
    expect([...retirableEntries(shared, run(['api'], ['api']))]).toEqual(['api/old']);
    expect([...retirableEntries(shared, run(['api']))]).toEqual(['api/old']);
  });

  it('goes by a scope’s own owner when its whole service is removed', () => {
    const shared = ledgerOf([
      { name: 'billing', owner: MINE },
      { name: 'billing/search', owner: THEIRS },
      { name: 'billing/stats', owner: null },
    ]);
    expect([...retirableEntries(shared, run(['api'], ['api']))].sort()).toEqual([
      'billing',
      'billing/stats',
    ]);
  });
});

describe('ownedBy', () => {
  it('is true for this monitor’s entry, one without an owner, or none; false for another’s', () => {
    const ledger = ledgerOf([
      { name: 'api', owner: MINE },
      { name: 'web', owner: THEIRS },
      { name: 'legacy', owner: null },
    ]);
    expect(['api', 'web', 'legacy', 'new'].map((name) => ownedBy(ledger, name, MINE))).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });
});

describe('ownershipProblems', () => {
  it('refuses entries another monitor still holds data in, naming them, it, and what to do', () => {
    const ledger = ledgerOf([
      { name: 'api', owner: THEIRS },
      { name: 'api/search', owner: THEIRS },
      { name: 'web', owner: MINE },
    ]);
    expect(ownershipProblems(ledger, run(['api', 'api/search', 'web']), NOW, WINDOW)).toEqual([
      `monitor: 2 SLO ledger entries this monitor writes belong to another monitor that still has data in them inside the SLO window ("api", "api/search" of "${THEIRS}"); two monitors writing one entry would merge their events into one error budget and close each other's alerts; accepted: entries no other monitor has written inside the SLO window: give this monitor a ledger of its own (its own "records" folder: without "records", every monitor workflow of the repository shares the artifact deploy-gate-monitor-ledger), or give the two monitors' services distinct names`,
    ]);
    expect(ownershipProblems(ledger, run(['api']), NOW, WINDOW)).toEqual([
      expect.stringMatching(
        /^monitor: 1 SLO ledger entry this monitor writes belongs to another monitor that still has data in it inside the SLO window \("api" of /,
      ),
    ]);
  });

  it('claims an entry without an owner, its own, or one whose data has aged out', () => {
    const ledger = ledgerOf([
      { name: 'legacy', owner: null },
      { name: 'web', owner: MINE },
      { name: 'old', owner: THEIRS, end: NOW - 31 * DAY },
    ]);
    expect(ownershipProblems(ledger, run(['legacy', 'web', 'old', 'new']), NOW, WINDOW)).toEqual(
      [],
    );
    // The same entry a day before its data aged out is still the other monitor's.
    expect(ownershipProblems(ledger, run(['old']), NOW - 2 * DAY, WINDOW)).toHaveLength(1);
  });

  it('quotes another monitor’s name on one line, and bounds the lists', () => {
    const odd = 'evil.yml\r\n::error::forged (url inputs)';
    const entries = [
      ...Array.from({ length: 7 }, (_, i) => ({ name: `a-${i}`, owner: odd })),
      ...['b', 'c', 'd', 'e'].map((name) => ({ name, owner: `${name}.yml (url inputs)` })),
    ];
    const [problem] = ownershipProblems(
      ledgerOf(entries),
      run(entries.map((e) => e.name)),
      NOW,
      WINDOW,
    );
    expect(problem).not.toMatch(/[\r\n]/);
    expect(problem).toMatch(/^monitor: 11 SLO ledger entries this monitor writes belong to /);
    expect(problem).toContain(
      '"a-0", "a-1", "a-2", "a-3", "a-4" and 2 more of "evil.yml\\r\\n::error::forged (url inputs)"; "b" of "b.yml (url inputs)"; "c" of "c.yml (url inputs)"; entries of 2 more monitors); two monitors',
    );
  });
});

describe('ledgerRoomProblems', () => {
  /** `count` entries named `prefix-NNN`, by `owner`. */
  const many = (prefix: string, count: number, owner: string | null) =>
    Array.from({ length: count }, (_, i) => ({
      name: `${prefix}-${String(i).padStart(3, '0')}`,
      owner,
    }));
  const names = (prefix: string, count: number) => many(prefix, count, null).map((e) => e.name);

  it('lets a run fill what other monitors leave, its own removed services counted as room', () => {
    const ledger: Ledger = ledgerOf([...many('pay', 100, THEIRS), ...many('old', 50, MINE)]);
    const fits = run(names('api', 100), names('api', 100));
    expect(ledgerRoomProblems(ledger, fits, NOW, WINDOW)).toEqual([]);
  });

  it('refuses one entry more, naming who holds the rest and what to do', () => {
    const ledger = ledgerOf([
      ...many('pay', 90, THEIRS),
      ...many('legacy', 20, null),
      ...many('leg', 10, MINE),
    ]);
    // 120 entries this run may not drop: 90 of another workflow, 20 without an owner, and 10
    // services of its own file that another `service` leg monitors.
    const crowded = run(names('api', 81), [...names('api', 81), ...names('leg', 10)]);
    expect(ledgerRoomProblems(ledger, crowded, NOW, WINDOW)).toEqual([
      `monitor: this monitor needs 81 entries in the SLO ledger (its services and endpoint scopes), but the ledger holds at most 200 and keeps 120 entries there that this run may not drop, still holding data inside the SLO window or an open alert (10 of this config file's other services, monitored by runs with another "service" input; 90 of "${THEIRS}"; 20 written before deploy-gate recorded their monitor); accepted: at most 80 services and scopes beside them: give this monitor a ledger of its own (its own "records" folder: without "records", every monitor workflow of the repository shares the artifact deploy-gate-monitor-ledger), or remove the stale entries (start a new ledger by deleting the shared one, or wait until they hold no data inside the SLO window)`,
    ]);
    expect(
      ledgerRoomProblems(ledger, run(names('api', 80), names('api', 80)), NOW, WINDOW),
    ).toEqual([]);
  });

  it('does not call its own entries another leg’s when the file’s services are not known', () => {
    // No config file (url inputs): every step of the workflow is one owner, and whether its other
    // entries are another step's or removed ones, none is retired.
    const ledger = ledgerOf([...many('pay', 150, THEIRS), ...many('own', 10, MINE)]);
    const [problem] = ledgerRoomProblems(ledger, run(names('api', 41)), NOW, WINDOW);
    expect(problem).toContain(
      `keeps 160 entries there that this run may not drop, still holding data inside the SLO window or an open alert (10 of this monitor's own for services this run does not monitor, none of which it retires without its config file's list of services; 150 of "${THEIRS}")`,
    );
    expect(problem).not.toContain(`of ${JSON.stringify(MINE)}`);
    expect(problem).not.toContain('"service" input');
  });

  it('counts only entries still holding data inside the SLO window', () => {
    const old = many('pay', 190, THEIRS).map((e) => ({ ...e, end: NOW - 31 * DAY }));
    const ledger = ledgerOf(old);
    expect(
      ledgerRoomProblems(ledger, run(names('api', 50), names('api', 50)), NOW, WINDOW),
    ).toEqual([]);
    expect(
      ledgerRoomProblems(ledger, run(names('api', 50), names('api', 50)), NOW - 2 * DAY, WINDOW),
    ).toHaveLength(1);
  });
});
