/**
 * Which monitor owns which ledger entries. One ledger can serve several monitors: without
 * `records`, every monitor workflow of a repository loads and saves the same artifact, and a run
 * with the `service` input monitors one service of its config file. So an entry this run does not
 * configure is not necessarily gone: it may be another monitor's, or another leg's of the same
 * file. A run retires (quiets, closes, evicts) only what is provably its own to retire. Pure.
 */
import { plural } from '../summary/format.js';
import { quoteOutside } from '../summary/outside-text.js';
import { LEDGER_ARTIFACT } from './ledger-file.js';
import { LEDGER_LIMITS, pruneLedger, serviceLedger, type Ledger } from './slo-ledger.js';

/** The entries a run writes and who it is. */
export interface RunEntries {
  /** This monitor (monitorOwner). */
  owner: string;
  /** The ledger entries this run writes: its services and their endpoint scopes. */
  configured: ReadonlySet<string>;
  /** The services this run monitors. */
  monitored: ReadonlySet<string>;
  /**
   * Every service of the run's config file, whichever the `service` input selects. Absent when
   * not known (no config file, or its list unreadable): then no whole service is retired.
   */
  fileServices?: ReadonlySet<string>;
}

/**
 * This monitor as the ledger records it: the workflow file (GITHUB_WORKFLOW_REF without its
 * `@ref`, so every branch's runs are one monitor) and the `config` input as written, or
 * `url inputs`. Outside a workflow the workflow part is `local`.
 */
export function monitorOwner(
  env: Record<string, string | undefined>,
  config: string | undefined,
): string {
  const ref = (env.GITHUB_WORKFLOW_REF ?? '').trim();
  // `owner/repo/.github/workflows/monitor.yml@refs/heads/main`: a branch may hold an `@` too.
  const workflow = ref ? (/^(.+?\.ya?ml)@/.exec(ref)?.[1] ?? ref.split('@')[0]!) : 'local';
  const source = config ? `config ${config}` : 'url inputs';
  return `${workflow} (${source})`.slice(0, LEDGER_LIMITS.owner);
}

/** The service a ledger entry belongs to: itself, or the service of a scope `api/search`. */
export const serviceOf = (entry: string): string => entry.split('/')[0] as string;

/**
 * An entry's owner: its own, else (a scope written before owners were recorded) its service's.
 * Never the service's over the scope's own: one monitor's service can hold another's scope.
 */
function ownerOf(ledger: Ledger, entry: string): string | undefined {
  const own = serviceLedger(ledger, entry)?.owner;
  return (
    own ?? (entry === serviceOf(entry) ? undefined : serviceLedger(ledger, serviceOf(entry))?.owner)
  );
}

/** Whether `entry` is `owner`'s own, or no one's (not there, or written before owners). */
export function ownedBy(ledger: Ledger, entry: string, owner: string): boolean {
  const recorded = serviceLedger(ledger, entry)?.owner;
  return recorded === undefined || recorded === owner;
}

/**
 * The entries this run may retire: a scope this monitor wrote of a service it monitors that it no
 * longer configures, and every entry of a service this monitor wrote that its config file no
 * longer names. Never an entry with another owner, or none (written before owners were recorded):
 * a scope goes by its own owner, as another monitor may keep a scope of a service of that name.
 */
export function retirableEntries(ledger: Ledger, run: RunEntries): Set<string> {
  const out = new Set<string>();
  for (const entry of Object.keys(ledger.services)) {
    if (run.configured.has(entry)) continue;
    const service = serviceOf(entry);
    const droppedScope =
      entry !== service &&
      run.monitored.has(service) &&
      serviceLedger(ledger, entry)?.owner === run.owner;
    const removed =
      run.fileServices !== undefined &&
      !run.fileServices.has(service) &&
      ownerOf(ledger, entry) === run.owner;
    if (droppedScope || removed) out.add(entry);
  }
  return out;
}

/** Where a monitor gets a ledger of its own, for the refusals below. */
const OWN_LEDGER = `its own "records" folder: without "records", every monitor workflow of the repository shares the artifact ${LEDGER_ARTIFACT}`;

/**
 * Why this run may not write entries another monitor still holds data in, said before any probe;
 * empty when it may. addRun records the writer as the entry's owner, so two monitors writing one
 * entry would take it from each other on every run, merge their events into one budget, and each
 * retire the other's alerts. An entry without an owner, or whose data has aged out, is claimed.
 */
export function ownershipProblems(
  ledger: Ledger,
  run: RunEntries,
  now: number,
  windowMs: number,
): string[] {
  const held = pruneLedger(ledger, now, { sloWindowMs: windowMs });
  const taken = new Map<string, string[]>();
  for (const entry of [...run.configured].sort()) {
    const svc = serviceLedger(held, entry);
    const owner = svc?.owner;
    if (!owner || owner === run.owner || svc.fine.length + svc.coarse.length === 0) continue;
    taken.set(owner, [...(taken.get(owner) ?? []), entry]);
  }
  if (taken.size === 0) return [];
  const count = [...taken.values()].reduce((n, entries) => n + entries.length, 0);
  const groups = [...taken].slice(0, 3).map(([owner, entries]) => {
    const shown = entries.slice(0, 5).map((entry) => quoteOutside(entry));
    const more = entries.length > 5 ? ` and ${entries.length - 5} more` : '';
    return `${shown.join(', ')}${more} of ${quoteOutside(owner, 120)}`;
  });
  if (taken.size > 3)
    groups.push(`entries of ${plural(taken.size - 3, 'more monitor', 'more monitors')}`);
  const entries = plural(count, 'SLO ledger entry', 'SLO ledger entries');
  return [
    `monitor: ${entries} this monitor writes ${count === 1 ? 'belongs' : 'belong'} to another monitor that still has data in ${count === 1 ? 'it' : 'them'} inside the SLO window (${groups.join('; ')}); two monitors writing one entry would merge their events into one error budget and close each other's alerts; accepted: entries no other monitor has written inside the SLO window: give this monitor a ledger of its own (${OWN_LEDGER}), or give the two monitors' services distinct names`,
  ];
}

/**
 * Why this run's entries cannot fit beside the entries it may not retire that still hold data or
 * an open alert at `now`, said before any probe; empty when they fit. Retirable entries are not
 * counted: settleRetired drops them to make room when it must.
 */
export function ledgerRoomProblems(
  ledger: Ledger,
  run: RunEntries,
  now: number,
  windowMs: number,
): string[] {
  const retirable = retirableEntries(ledger, run);
  const kept = Object.keys(pruneLedger(ledger, now, { sloWindowMs: windowMs }).services).filter(
    (entry) => !run.configured.has(entry) && !retirable.has(entry),
  );
  const room = LEDGER_LIMITS.services - kept.length;
  if (run.configured.size <= room) return [];
  const byOwner = new Map<string | undefined, number>();
  for (const entry of kept) {
    const owner = ownerOf(ledger, entry);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
  }
  const parts: string[] = [];
  const own = byOwner.get(run.owner);
  // Another leg's services only when the file's list says so; else they may be removed ones too.
  if (own)
    parts.push(
      run.fileServices
        ? `${own} of this config file's other services, monitored by runs with another "service" input`
        : `${own} of this monitor's own for services this run does not monitor, none of which it retires without its config file's list of services`,
    );
  const others = [...byOwner].filter(([owner]) => owner !== undefined && owner !== run.owner);
  others.sort((a, b) => b[1] - a[1]);
  for (const [owner, n] of others.slice(0, 3))
    parts.push(`${n} of ${quoteOutside(owner ?? '', 120)}`);
  const rest = others.slice(3).reduce((sum, [, n]) => sum + n, 0);
  if (rest) parts.push(`${rest} of ${plural(others.length - 3, 'more monitor', 'more monitors')}`);
  const unowned = byOwner.get(undefined);
  if (unowned) parts.push(`${unowned} written before deploy-gate recorded their monitor`);
  const needed = plural(run.configured.size, 'entry', 'entries');
  const held = plural(kept.length, 'entry', 'entries');
  return [
    `monitor: this monitor needs ${needed} in the SLO ledger (its services and endpoint scopes), but the ledger holds at most ${LEDGER_LIMITS.services} and keeps ${held} there that this run may not drop, still holding data inside the SLO window or an open alert (${parts.join('; ')}); accepted: at most ${room} services and scopes beside them: give this monitor a ledger of its own (${OWN_LEDGER}), or remove the stale entries (start a new ledger by deleting the shared one, or wait until they hold no data inside the SLO window)`,
  ];
}
