/**
 * The SLO ledger as stored between runs: its shape, bounds and version, read and written. Pure.
 * How runs are counted into it is slo-ledger.ts.
 *
 * Versions: 1 held the counts and alert episodes; 2 adds each entry's optional `owner` (the
 * monitor that writes it, so a ledger shared by several monitors is never cleaned up by the wrong
 * one). Both are read; version 2 is written. An entry of a version 1 ledger has no owner.
 */
import { z } from 'zod';

export const LEDGER_VERSION = 2 as const;
/** Every version this action reads: an older one lacks only optional fields. */
const READABLE_VERSIONS = [1, LEDGER_VERSION] as const;
export const FINE_BUCKET_MS = 5 * 60_000;
export const COARSE_BUCKET_MS = 60 * 60_000;
export const FINE_PER_COARSE = COARSE_BUCKET_MS / FINE_BUCKET_MS;
export const DAY_MS = 86_400_000;
export const MAX_RETENTION_MS = 400 * DAY_MS;
export const SPACINGS_KEPT = 24;

export const LEDGER_LIMITS = {
  services: 200,
  objectives: 16,
  alerts: 64,
  text: 200,
  spans: 1000,
  owner: 500,
};

/**
 * A service, or `service/endpoints` (the ledger entry of an endpoint's own objectives); each part
 * like the config's service names: letters, digits, `.`, `_`, `-`, starting with a letter or digit.
 */
export const LEDGER_SERVICE_NAME =
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?$/;

/** Any text as one part of a ledger name: `-` for what a part cannot hold, `suffix` kept within 100. */
export function ledgerPart(text: string, fallback: string, suffix = ''): string {
  const clean = text.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || fallback;
  return clean.slice(0, 100 - suffix.length) + suffix;
}

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().min(1).max(LEDGER_LIMITS.text);
const row = z.array(count).refine((r) => r.length >= 3 && r.length <= 19, '3 to 19 numbers');
const level = z.enum(['ticket', 'page']);
const ascending = (rows: number[][]) => rows.every((r, i) => i === 0 || r[0]! > rows[i - 1]![0]!);
const consistent = (rows: number[][], objectives: number) =>
  rows.every((r) => r.length <= 3 + objectives && r.slice(2).every((n) => n <= r[1]!));

/** An open alert episode of one SLO (removed when it resolves); `peak` is its highest level. */
const alertRecordSchema = z.strictObject({
  level,
  peak: level,
  since: count,
  rule: text.nullable(),
  /** When the level first read 'none' in a quiet stretch still inside the resolve hold. */
  quietSince: count.nullable(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

const runHistorySchema = z.strictObject({
  lastStart: count,
  lastEnd: count,
  /** Start-to-start spacings of recent runs, in seconds, oldest first. */
  spacings: z.array(count).max(SPACINGS_KEPT),
  /** Watched spans [from, to] in epoch ms, ascending and disjoint. */
  covered: z.array(z.tuple([count, count])).max(LEDGER_LIMITS.spans),
});
export type RunHistory = z.infer<typeof runHistorySchema>;

const serviceSchema = z
  .strictObject({
    /**
     * The monitor that last wrote the entry (its workflow file and config: ledger-owner.ts);
     * absent in entries written before version 2.
     */
    owner: z.string().min(1).max(LEDGER_LIMITS.owner).optional(),
    objectives: z.array(text).max(LEDGER_LIMITS.objectives),
    fine: z.array(row).max(24 * FINE_PER_COARSE),
    coarse: z.array(row).max(MAX_RETENTION_MS / COARSE_BUCKET_MS + 1),
    runs: runHistorySchema.nullable(),
    alerts: z.record(z.string().regex(/^(?!__proto__$)[^]{1,200}$/), alertRecordSchema),
  })
  .refine((s) => ascending(s.fine) && ascending(s.coarse), 'bucket rows out of order')
  .refine(
    (s) => consistent(s.fine, s.objectives.length) && consistent(s.coarse, s.objectives.length),
    'a bucket row has more bad events than events, or more columns than objectives',
  )
  .refine((s) => Object.keys(s.alerts).length <= LEDGER_LIMITS.alerts, 'too many open alerts');
export type ServiceLedger = z.infer<typeof serviceSchema>;

const ledgerSchema = z
  .strictObject({
    version: z.literal(READABLE_VERSIONS),
    services: z.record(z.string().regex(LEDGER_SERVICE_NAME), serviceSchema),
  })
  .refine((l) => Object.keys(l.services).length <= LEDGER_LIMITS.services, 'too many services');
export type Ledger = { version: typeof LEDGER_VERSION; services: Record<string, ServiceLedger> };

export function emptyLedger(): Ledger {
  return { version: LEDGER_VERSION, services: {} };
}

export function emptyServiceLedger(): ServiceLedger {
  return { objectives: [], fine: [], coarse: [], runs: null, alerts: {} };
}

/** A service's ledger, or undefined (own keys only: 'constructor' is not a service). */
export function serviceLedger(ledger: Ledger, service: string): ServiceLedger | undefined {
  return Object.hasOwn(ledger.services, service) ? ledger.services[service] : undefined;
}

export function serializeLedger(ledger: Ledger): string {
  return JSON.stringify(ledger);
}

/** Reads a stored ledger. Never throws: anything unreadable starts an empty ledger, said why. */
export function parseLedger(text: string): { ledger: Ledger; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ledger: emptyLedger(), problem: 'the ledger is not JSON' };
  }
  const version = JSON.stringify((data as { version?: unknown } | null)?.version ?? null);
  if (!READABLE_VERSIONS.some((v) => version === String(v))) {
    const problem = `the ledger has version ${version.slice(0, 40)}; this action reads versions ${READABLE_VERSIONS.join(' and ')}`;
    return { ledger: emptyLedger(), problem };
  }
  const parsed = ledgerSchema.safeParse(data);
  // An older version lacks only optional fields: read, it is the current version.
  if (parsed.success) return { ledger: { ...parsed.data, version: LEDGER_VERSION } };
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join('.').slice(0, 120) || '(top)';
  return { ledger: emptyLedger(), problem: `the ledger is invalid at ${where}: ${issue?.message}` };
}
