/**
 * A record folder verified against its SHA256SUMS with each file read once (seal.ts
 * verifyEvidenceReading): the record files the report parses come back as the bytes that were
 * hashed. Only a file over MAX_HELD_BYTES is hashed by stream and left for the reader to stream.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_FILES } from '../evidence/layout.js';
import { verifyEvidenceReading } from '../evidence/seal.js';
import { MONITOR_RECORD_FILE } from '../monitor/monitor-record.js';

/** Above this a file is streamed, not held: memory stays bounded whatever a record holds. */
export const MAX_HELD_BYTES = 1024 * 1024;

const PARSED = new Set<string>([EVIDENCE_FILES.audit, EVIDENCE_FILES.probes, MONITOR_RECORD_FILE]);

export type VerifiedFolder =
  | {
      ok: true;
      contents: ReadonlyMap<string, Buffer>;
      /** A parsed file as text (a large one read again after its stream was hashed); null: absent. */
      text: (file: string) => Promise<string | null>;
    }
  | { ok: false; detail: string };

export async function verifyFolder(dir: string): Promise<VerifiedFolder> {
  const verified = await verifyEvidenceReading(dir, { keep: PARSED, maxBytes: MAX_HELD_BYTES });
  if (!verified.ok) {
    const first = verified.mismatches[0];
    const more = verified.mismatches.length - 1;
    return {
      ok: false,
      detail: first
        ? `${first.kind} ${first.path}${more > 0 ? ` (and ${more} more)` : ''}`
        : 'unverified',
    };
  }
  const { contents } = verified;
  return {
    ok: true,
    contents,
    text: async (file) => {
      const held = contents.get(file);
      if (held) return held.toString('utf8');
      return readFile(join(dir, file), 'utf8').catch(() => null);
    },
  };
}
