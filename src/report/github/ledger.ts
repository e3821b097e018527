/**
 * The report's cache: what earlier reports read from each gate artifact (its facts, its failed
 * checksums and skipped records), keyed by artifact id, uploaded as the artifact
 * `deploy-gate-report-ledger`. The next report downloads the newest one first and fetches only the
 * artifacts it does not hold. An artifact's files never change after upload, so its entry stays
 * true; a download that failed is never written, so it is tried again next time.
 * A ledger is outside data like any artifact: checked with zod, and ignored (with the reason)
 * when it does not match this version exactly. URLs are never taken from it (see github-records.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { VERDICTS } from '../../evidence/audit-schema.js';
import type { GateFact } from '../read-record.js';

/** Raise when GateFact or the entry changes: an older ledger is then ignored, not misread. */
export const LEDGER_VERSION = 1;
export const LEDGER_FILE = 'ledger.json';
/** Far above any real ledger (7,000 records are ~3 MB); a bigger file is not read. */
export const MAX_LEDGER_BYTES = 64 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
const ms = () => z.number().int();

const factSchema = z.strictObject({
  path: text(2000),
  service: text(500),
  verdict: z.enum(VERDICTS),
  startedAt: ms(),
  endedAt: ms(),
  firstFailureAt: ms().nullable(),
  dryRun: z.boolean(),
  rollbackTriggered: z.boolean(),
  rollbackVerified: z.boolean(),
  attempts: z.number().int().min(0),
  successes: z.number().int().min(0),
  p95Ms: z.number().min(0).nullable(),
  latencyMs: z.strictObject({
    p50: z.number().min(0).nullable(),
    p95: z.number().min(0).nullable(),
    p99: z.number().min(0).nullable(),
  }),
  reasons: z.array(z.strictObject({ reason: text(500), example: text(1000) })).max(20),
  runUrl: text(2000).nullable(),
  artifactUrl: text(2000).nullable().optional(),
  deploymentId: text(500),
});

/** Fails to compile when GateFact gains or loses a field: add it above and raise LEDGER_VERSION. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const factMatchesGateFact: Same<z.infer<typeof factSchema>, GateFact> = true;
void factMatchesGateFact;

const entrySchema = z.strictObject({
  id: z.number().int().positive(),
  name: text(500),
  /** Audit folders found in the artifact. */
  found: z.number().int().min(0),
  facts: z.array(factSchema),
  failed_checksum: z.array(z.strictObject({ path: text(2000), detail: text(2000) })),
  skipped: z.array(z.strictObject({ path: text(2000), reason: text(2000) })),
});

export const ledgerSchema = z.strictObject({
  ledger_version: z.literal(LEDGER_VERSION),
  generated_at: z.iso.datetime(),
  artifacts: z.array(entrySchema),
});

export type Ledger = z.infer<typeof ledgerSchema>;
export type LedgerEntry = z.infer<typeof entrySchema>;

export type LedgerRead =
  { ok: true; entries: Map<number, LedgerEntry> } | { ok: false; reason: string };

/** Reads and checks a downloaded ledger folder; any problem is a reason, never a throw. */
export async function readLedger(dir: string): Promise<LedgerRead> {
  let raw: string;
  try {
    const bytes = await readFile(join(dir, LEDGER_FILE));
    if (bytes.length > MAX_LEDGER_BYTES)
      return { ok: false, reason: `${LEDGER_FILE} is larger than ${MAX_LEDGER_BYTES} bytes` };
    raw = bytes.toString('utf8');
  } catch {
    return { ok: false, reason: `the artifact holds no ${LEDGER_FILE}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: `${LEDGER_FILE} is not JSON` };
  }
  const parsed = ledgerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason:
        `${LEDGER_FILE} does not match ledger version ${LEDGER_VERSION}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, entries: new Map(parsed.data.artifacts.map((entry) => [entry.id, entry])) };
}

/** The ledger file's text: compact JSON (no indent: it is read by this code only). */
export function ledgerText(entries: Iterable<LedgerEntry>, now: number): string {
  const ledger: Ledger = {
    ledger_version: LEDGER_VERSION,
    generated_at: new Date(now).toISOString(),
    artifacts: [...entries].sort((a, b) => b.id - a.id),
  };
  return JSON.stringify(ledger);
}
