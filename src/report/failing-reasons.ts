/**
 * The top reasons failed gates failed (no I/O): each failed gate counts once under every reason
 * it names (its failed rules and metric queries, see read-record.ts failureReasons).
 */
import type { GateFact } from './read-record.js';
import type { FailingReason } from './report-schema.js';

export const TOP_REASONS = 10;

/** Most gates first; a tie goes to the reason seen last (latest gate), then by name. */
export function topFailingReasons(facts: readonly GateFact[], top = TOP_REASONS): FailingReason[] {
  const byReason = new Map<
    string,
    { gates: number; services: Set<string>; example: string; latest: number }
  >();
  for (const fact of facts) {
    for (const { reason, example } of fact.reasons) {
      const entry = byReason.get(reason) ?? {
        gates: 0,
        services: new Set<string>(),
        example,
        latest: -Infinity,
      };
      entry.gates += 1;
      entry.services.add(fact.service);
      if (fact.endedAt >= entry.latest) {
        entry.latest = fact.endedAt;
        entry.example = example;
      }
      byReason.set(reason, entry);
    }
  }
  return [...byReason]
    .sort(
      ([a, x], [b, y]) => y.gates - x.gates || y.latest - x.latest || (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, top)
    .map(([reason, e]) => ({
      reason,
      gates: e.gates,
      services: [...e.services].sort(),
      example: e.example,
    }));
}
