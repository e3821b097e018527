/**
 * A zod structure issue as a config problem: the field path as written, the value (hidden when it
 * may hold a secret), and what is accepted. An unknown field names the closest known one, so a
 * typo like `sucess-threshold` or `slo_target` is fixed at a glance.
 */
import { z } from 'zod';
import { shownValue } from './problems.js';
import type { Path } from './yaml-source.js';
import { FILE_INPUTS, PERCENTILE_KEY } from './file-fields.js';
import { SECRET_INPUTS } from './read-inputs.js';

export interface IssueAt {
  /** Relative to the mapping that was validated. */
  path: Path;
  message: string;
}

/** Header values, and fields that set a secret input (tokens), are never quoted. */
export function isSecretPath(path: Path): boolean {
  const names = path.filter((p): p is string => typeof p === 'string');
  const input = FILE_INPUTS[names.join('.')];
  return names.includes('headers') || (input !== undefined && SECRET_INPUTS.has(input));
}

export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  written: (path: Path) => unknown,
): IssueAt[] {
  const out: IssueAt[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        const close = closest(key, known);
        // `search_response_time_p90` next to `search_timeout`: an SLO target, one level down.
        const target = path.length === 0 && PERCENTILE_KEY.test(key);
        out.push({
          path: [...path, key],
          message:
            `is not a known field${close ? `; did you mean "${close}"?` : target ? ' here: an SLO target goes under slo_targets;' : ';'}` +
            (known.length > 0 ? ` accepted: ${known.join(', ')}` : ''),
        });
      }
      continue;
    }
    const value = written(path);
    const shown = value === null ? 'is empty;' : shownValue(value, isSecretPath(path));
    out.push({ path, message: `${shown} ${issue.message}` });
  }
  return out;
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas reachable at a path (through optional, nullable, arrays and unions). */
function objectsAt(schema: z.ZodType, path: Path): Def[] {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType)
    return objectsAt(def.innerType, path);
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => objectsAt(o, path));
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'array' && def.element && typeof head === 'number')
    return objectsAt(def.element, rest);
  const child = def.type === 'object' ? def.shape?.[String(head)] : undefined;
  return child ? objectsAt(child, rest) : [];
}

export function knownKeys(schema: z.ZodType, path: Path): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((def) => Object.keys(def.shape ?? {})))];
}

/** The known key nearest to a typo, when it is near enough to be a likely intent. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (norm(candidate) === norm(word)) return candidate;
    const d = distance(norm(word), norm(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4))
    ? best
    : undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
