/**
 * Which monitor owns which ledger entries. One ledger can serve several monitors: without
 * `records`, every monitor workflow of a repository loads and saves the same artifact, and a run
 * with the `service` input monitors one service of its config file. So an entry this run does not
 * configure is not necessarily gone: it may be another monitor's, or another leg's of the same
 * file. A run retires (quiets, closes, evicts) only what is provably its own to retire. Pure.
 */
import { capText } from '../summary/outside-text.js';
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
   * Every service of the run's config file, whichever the `service` input selects (the run's
   * own without a file). Absent when not known: then no whole service is retired.
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

const serviceOf = (entry: string) => entry.split('/')[0]!;

/** An entry's owner: its service's when that entry is there (a scope goes with its service). */
function ownerOf(ledger: Ledger, entry: string): string | undefined {
  return serviceLedger(ledger, serviceOf(entry))?.owner ?? serviceLedger(ledger, entry)?.owner;
}

/**
 * The entries this run may retire: a scope of a service it monitors that it no longer configures,
 * and every entry of a service this monitor wrote that its config file no longer names. Never an
 * entry with another owner, or none (written before owners were recorded).
 */
export function retirableEntries(ledger: Ledger, run: RunEntries): Set<string> {
  const out = new Set<string>();
  for (const entry of Object.keys(ledger.services)) {
    if (run.configured.has(entry)) continue;
    const service = serviceOf(entry);
    const droppedScope = entry !== service && run.monitored.has(service);
    const removed =
      run.fileServices !== undefined &&
      !run.fileServices.has(service) &&
      ownerOf(ledger, entry) === run.owner;
    if (droppedScope || removed) out.add(entry);
  }
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Why this run's entries cannot fit beside the entries it may not retire that still hold data or
 * an open alert at `now`, said before any request; empty when they fit. Retirable entries are
 * not counted: settleRetired drops them to make room when it must.
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
  const legs = byOwner.get(run.owner);
  if (legs)
    parts.push(
      `${legs} of this config file's other services, monitored by runs with another "service" input`,
    );
  const others = [...byOwner].filter(([owner]) => owner !== undefined && owner !== run.owner);
  others.sort((a, b) => b[1] - a[1]);
  for (const [owner, n] of others.slice(0, 3))
    parts.push(`${n} of ${JSON.stringify(capText(owner ?? '', 120))}`);
  const rest = others.slice(3).reduce((sum, [, n]) => sum + n, 0);
  if (rest) parts.push(`${rest} of ${plural(others.length - 3, 'more monitor', 'more monitors')}`);
  const unowned = byOwner.get(undefined);
  if (unowned) parts.push(`${unowned} written before deploy-gate recorded their monitor`);
  const needed = plural(run.configured.size, 'entry', 'entries');
  return [
    `monitor: this monitor needs ${needed} in the SLO ledger (its services and endpoint scopes), but the ledger holds at most ${LEDGER_LIMITS.services} and other monitors keep ${kept.length} there that still hold data inside the SLO window or an open alert (${parts.join('; ')}), which this monitor never drops; accepted: at most ${room} services and scopes beside them: give this monitor a ledger of its own (its own "records" folder: without "records", every monitor workflow of the repository shares the artifact ${LEDGER_ARTIFACT}), or remove the stale entries (start a new ledger by deleting the shared one, or wait until they hold no data inside the SLO window)`,
  ];
}
