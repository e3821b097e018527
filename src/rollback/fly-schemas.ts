/**
 * The JSON flyctl prints, validated at the edge. Objects are loose (flyctl adds fields over
 * time and we keep the raw text as evidence anyway); the fields we act on are strict.
 * flyctl's keys follow its Go structs: PascalCase for releases and status, snake_case for
 * machines. A Go nil slice prints as `null`, so lists accept `null` as empty.
 */
import { z } from 'zod';
import { valueAt } from '../probe/value-at.js';

const EXPECTED: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

const isoTime = z.iso.datetime({
  offset: true,
  error: 'expected an RFC 3339 timestamp like 2026-10-01T14:00:00Z',
});
const count = z.int().nonnegative();

export const flyReleaseSchema = z.looseObject({
  ID: z.string(),
  Version: count,
  Status: z.string(),
  ImageRef: z.string(),
  CreatedAt: isoTime,
  Stable: z.boolean().nullish(),
  InProgress: z.boolean().nullish(),
  Reason: z.string().nullish(),
  Description: z.string().nullish(),
  DeploymentStrategy: z.string().nullish(),
  User: z.looseObject({ Name: z.string().nullish(), Email: z.string().nullish() }).nullish(),
});
export const flyReleasesSchema = z
  .array(flyReleaseSchema)
  .nullable()
  .transform((list) => list ?? []);

export const flyStatusSchema = z.looseObject({
  ID: z.string(),
  Name: z.string(),
  Hostname: z.string(),
  Version: count,
  Organization: z.looseObject({
    Slug: z.string().min(1, 'expected the organization slug, got an empty string'),
    ID: z.string().nullish(),
    Name: z.string().nullish(),
  }),
  Status: z.string().nullish(),
  Deployed: z.boolean().nullish(),
  Machines: z.array(z.unknown()).nullish(),
});

export const flyMachineSchema = z.looseObject({
  id: z.string(),
  state: z.string(),
  name: z.string().nullish(),
  region: z.string().nullish(),
  image_ref: z.looseObject({
    registry: z.string().nullish(),
    repository: z.string().nullish(),
    tag: z.string().nullish(),
    digest: z.string().nullish(),
  }),
  config: z
    .looseObject({
      image: z.string().nullish(),
      metadata: z
        .looseObject({
          fly_release_version: z
            .string()
            .regex(/^\d+$/, 'expected a release version of digits like "42"')
            .optional(),
        })
        .nullish(),
    })
    .nullish(),
  checks: z.array(z.looseObject({ name: z.string(), status: z.string() })).nullish(),
});
export const flyMachinesSchema = z
  .array(flyMachineSchema)
  .nullable()
  .transform((list) => list ?? []);

/** The line `flyctl deploy` prints with FLY_EMIT_RELEASE_JSON=1. */
export const flyReleaseLineSchema = z.looseObject({
  id: z.string(),
  version: count,
  image_ref: z.string(),
});

export type FlyRelease = z.infer<typeof flyReleaseSchema>;
export type FlyStatus = z.infer<typeof flyStatusSchema>;
export type FlyMachine = z.infer<typeof flyMachineSchema>;
export type FlyReleaseLine = z.infer<typeof flyReleaseLineSchema>;

export type ReleaseStatusKind =
  'complete' | 'failed' | 'interrupted' | 'running' | 'pending' | 'unknown';

const KNOWN_STATUSES = new Set<string>(['complete', 'failed', 'interrupted', 'running', 'pending']);

/** The server's set of statuses is open: anything we do not know is 'unknown', never good. */
export function releaseStatusKind(status: string): ReleaseStatusKind {
  return KNOWN_STATUSES.has(status) ? (status as ReleaseStatusKind) : 'unknown';
}

export function isGoodReleaseStatus(status: string): boolean {
  return releaseStatusKind(status) === 'complete';
}

export type ParseOutcome<T> = { ok: true; data: T } | { ok: false; message: string };

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return `${shown} (${type})`;
}

function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('');
  return text.startsWith('.') ? text.slice(1) : text || '(top level)';
}

/** One line per problem: where, what was there, what is accepted. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const got = describeValue(valueAt(input, issue.path));
      const expected =
        issue.code === 'invalid_type'
          ? `expected ${EXPECTED[issue.expected] ?? issue.expected}`
          : issue.message;
      return `${formatPath(issue.path)}: ${expected}, got ${got}`;
    })
    .concat(issues.length > 5 ? [`... and ${issues.length - 5} more problems`] : [])
    .join('; ');
}

function excerpt(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** Parses flyctl's JSON text with `schema`; `what` names the command in messages. */
export function parseFlyJson<S extends z.ZodType>(
  schema: S,
  text: string,
  what: string,
): ParseOutcome<z.output<S>> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { ok: false, message: `${what} did not print JSON: "${excerpt(text)}"` };
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: `${what} printed JSON of an unexpected shape: ${formatIssues(parsed.error.issues, input)}`,
    };
  }
  return { ok: true, data: parsed.data };
}

/**
 * Finds the FLY_EMIT_RELEASE_JSON line in a deploy's stdout: the last line that is a JSON
 * object with a `version`. Null when there is none (an older flyctl, or the output was cut).
 */
export function findReleaseLine(stdout: string): ParseOutcome<FlyReleaseLine> | null {
  const lines = stdout.split(/\r?\n/).reverse();
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{') || !trimmed.includes('"version"')) continue;
    return parseFlyJson(flyReleaseLineSchema, trimmed, 'flyctl deploy (FLY_EMIT_RELEASE_JSON)');
  }
  return null;
}
