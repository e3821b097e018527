/** One line of probes.ndjson: what one probe sent and saw, redacted, with a schema auditors can check. */
import { z } from 'zod';
import type { Attempt, FailureClass, GatePhase, GateRunKind } from '../gate/types.js';
import { isSecretName } from '../secrets/secret-names.js';
import type { Redactor } from '../secrets/redact.js';
import { KEEP, knownKeys, type Shape } from '../secrets/redact-shape.js';

export const PROBE_LINE_SCHEMA_VERSION = '1.0.0';

/** Response headers worth keeping as evidence; everything else is dropped. */
export const PROBE_HEADER_ALLOW_LIST = [
  'content-type',
  'content-length',
  'server',
  'date',
  'cache-control',
  'location',
  'x-request-id',
  'fly-request-id',
  'via',
] as const;

/** Excerpts are short by design: they show what came back, they are not a copy of it. */
export const MAX_EXCERPT_CHARS = 256;
/** Bounds a hostile header (a huge `via`) so a line stays a line. */
export const MAX_HEADER_VALUE_CHARS = 1024;

const FAILURE_CLASSES = [
  'dns',
  'refused',
  'reset',
  'timeout-connect',
  'timeout-headers',
  'timeout-body',
  'tls',
  'network',
  'redirect',
  'status',
  'assertion',
  'version',
  'too-slow',
  'runner-overloaded',
] as const satisfies readonly FailureClass[];
const GATE_PHASES = ['startup', 'observe'] as const satisfies readonly GatePhase[];
const GATE_RUN_KINDS = ['release', 'rollback'] as const satisfies readonly GateRunKind[];

/** True only when `Listed` covers every member of `All`. */
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
// Compile-time guard: a value added in gate/types.ts but not listed here fails tsc.
const _everyValueListed: [
  Covers<FailureClass, (typeof FAILURE_CLASSES)[number]>,
  Covers<GatePhase, (typeof GATE_PHASES)[number]>,
  Covers<GateRunKind, (typeof GATE_RUN_KINDS)[number]>,
] = [true, true, true];
void _everyValueListed;

const isoDateTime = z.iso.datetime().describe('UTC, ISO 8601 with milliseconds');

export const probeLineSchema = z
  .strictObject({
    seq: z.number().int().min(1).describe('Order of the attempt in this gate run, from 1'),
    time: isoDateTime.describe('When the request was sent'),
    scheduled_at: isoDateTime.describe('When the schedule planned to send it'),
    run: z
      .enum(GATE_RUN_KINDS)
      .describe('Which release was probed: the one deployed, or the one a rollback put back'),
    phase: z.enum(GATE_PHASES),
    method: z.string().min(1),
    url: z.string().min(1).describe('Redacted'),
    ok: z.boolean().describe('Whether this probe passed every check'),
    status: z.number().int().min(100).max(999).nullable(),
    latency_ms: z.number().min(0),
    error: z
      .strictObject({
        class: z.enum(FAILURE_CLASSES),
        message: z.string(),
        code: z.string().nullable(),
      })
      .nullable(),
    headers: z.record(z.string(), z.string()).describe('Allow-listed response headers, redacted'),
    body_sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable()
      .describe('SHA-256 of the bytes read (at most the first 64 KiB)'),
    body_excerpt: z.string().max(MAX_EXCERPT_CHARS).nullable().describe('Redacted'),
    body_bytes_read: z.number().int().min(0).nullable(),
    body_truncated: z.boolean().nullable(),
    version_seen: z.string().nullable(),
    redirects: z.array(z.string()).describe('Hops followed, redacted'),
    runner_delay_ms: z
      .number()
      .min(0)
      .optional()
      .describe(
        'How long our own event loop was stalled while the probe was in flight, when measured (error class runner-overloaded: not counted by any rule)',
      ),
  })
  .meta({
    title: 'deploy-gate probe line',
    description: `One line of probes.ndjson (line schema ${PROBE_LINE_SCHEMA_VERSION}).`,
  });

export type ProbeLine = z.infer<typeof probeLineSchema>;

/** What redaction leaves alone in a probe line: enums, numbers, times, allow-listed header names. */
export const PROBE_LINE_SHAPE: Shape = {
  fields: {
    seq: KEEP,
    time: KEEP,
    scheduled_at: KEEP,
    run: KEEP,
    phase: KEEP,
    method: KEEP,
    ok: KEEP,
    status: KEEP,
    latency_ms: KEEP,
    error: { fields: { class: KEEP, code: KEEP } },
    headers: { keys: knownKeys(new Set(PROBE_HEADER_ALLOW_LIST)) },
    body_sha256: KEEP,
    body_bytes_read: KEEP,
    body_truncated: KEEP,
    runner_delay_ms: KEEP,
  },
};

export interface ProbeLineOptions {
  redactor: Redactor;
  /** The header the deploy declares its version in (the `version-header` input), if any. */
  versionHeader?: string;
}

/** Cuts at a code-unit limit without leaving half a surrogate pair. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

function selectHeaders(
  headers: Record<string, string> | undefined,
  versionHeader: string | undefined,
  redactor: Redactor,
): Record<string, string> {
  const wanted = new Set<string>(PROBE_HEADER_ALLOW_LIST);
  if (versionHeader) wanted.add(versionHeader.toLowerCase());
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (!wanted.has(lower) || isSecretName(lower, 'structured')) continue;
    const redacted = lower === 'location' ? redactor.redactUrl(value) : redactor.redactText(value);
    kept[lower] = cut(redacted, MAX_HEADER_VALUE_CHARS);
  }
  return kept;
}

/** Maps a recorded attempt to its probes.ndjson line. Everything textual is redacted here. */
export function toProbeLine(attempt: Attempt, options: ProbeLineOptions): ProbeLine {
  const { redactor } = options;
  const failure = attempt.failure;
  return {
    seq: attempt.seq,
    time: new Date(attempt.startedAt).toISOString(),
    scheduled_at: new Date(attempt.scheduledAt).toISOString(),
    run: attempt.run,
    phase: attempt.phase,
    method: attempt.method,
    url: redactor.redactUrl(attempt.url),
    ok: attempt.ok,
    status: attempt.status ?? null,
    latency_ms: attempt.latencyMs,
    error: failure
      ? {
          class: failure.class,
          message: redactor.redactText(failure.message),
          code: failure.code ?? null,
        }
      : null,
    headers: selectHeaders(attempt.headers, options.versionHeader, redactor),
    body_sha256: attempt.bodySha256 ?? null,
    body_excerpt:
      attempt.bodyExcerpt === undefined
        ? null
        : cut(redactor.redactExcerpt(attempt.bodyExcerpt), MAX_EXCERPT_CHARS),
    body_bytes_read: attempt.bodyBytesRead ?? null,
    body_truncated: attempt.bodyTruncated ?? null,
    version_seen:
      attempt.versionSeen === undefined ? null : redactor.redactText(attempt.versionSeen),
    redirects: (attempt.redirects ?? []).map((hop) => redactor.redactUrl(hop)),
    ...(attempt.runnerDelayMs !== undefined
      ? { runner_delay_ms: Math.round(attempt.runnerDelayMs) }
      : {}),
  };
}
