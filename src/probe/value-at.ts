/**
 * The value at a path in parsed data (a JSON body, YAML, flyctl's output, a record on disk). Only
 * the data's own keys and array indexes count: `toString`, `constructor` or an array's `length`
 * are JavaScript, not what was written or sent.
 */
export function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || typeof key === 'symbol')
      return undefined;
    if (Array.isArray(current) ? !/^\d+$/.test(String(key)) : !Object.hasOwn(current, key))
      return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
