/**
 * Redaction that keeps a record's structure. A secret can be short or common (`healthy`, `1`,
 * `GET`): masking it inside `verdict` or `schema_version` would turn a valid record into an
 * invalid one (`"un***"`), and an invalid record must never cost a verdict or a rollback. So a
 * shape names the structural fields (enums, versions, timestamps, identifiers deploy-gate makes,
 * the record's own keys), which are kept as they are; every other value is free text and goes
 * through the Redactor as before, secret-named keys included.
 */
import { REDACTED, type Redactor } from './redact.js';

/** `keep`: structural, never masked. */
export const KEEP = 'keep';

export type Shape =
  | typeof KEEP
  /** An object with known keys; keys not listed are free text. */
  | { fields: Readonly<Record<string, Shape>> }
  /** An array whose items all have one shape. */
  | { each: Shape }
  /** A map with free keys: how each key is shown, and the shape of every value. */
  | { keys: (key: string, redactor: Redactor) => string; values?: Shape };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of `value`, redacted but for what `shape` marks as structural. */
export function redactShaped<T>(value: T, shape: Shape | undefined, redactor: Redactor): T {
  return shaped(value, shape, redactor) as T;
}

function shaped(value: unknown, shape: Shape | undefined, redactor: Redactor): unknown {
  if (shape === KEEP) return value;
  if (shape === undefined) return redactor.redact(value);
  if ('each' in shape)
    return Array.isArray(value)
      ? value.map((v) => shaped(v, shape.each, redactor))
      : redactor.redact(value);
  if (!isRecord(value)) return redactor.redact(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if ('fields' in shape) {
      const field = shape.fields[key];
      // Unlisted: free text, with the Redactor's secret-named-key rule (via a one-key object).
      copy[key] =
        field === undefined
          ? Object.values(redactor.redact({ [key]: item }))[0]
          : shaped(item, field, redactor);
    } else {
      copy[shape.keys(key, redactor)] = shaped(item, shape.values, redactor);
    }
  }
  return copy;
}

/** A map key that is one of ours stays; any other is redacted as text. */
export function knownKeys(known: ReadonlySet<string>): (key: string, redactor: Redactor) => string {
  return (key, redactor) => (known.has(key) ? key : redactor.redactText(key) || REDACTED);
}
