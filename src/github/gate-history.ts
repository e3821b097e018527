/**
 * Reading back earlier gates from an environment's deployments: which are this tool's gates of
 * one Fly app (and service), and the state each one ended in.
 */
import { PAYLOAD_TOOL, type FailedGateQuery } from './deployment-types.js';

/** Statuses after which a deployment's gate is over. */
export const TERMINAL = new Set(['success', 'failure', 'error', 'inactive']);

/** The payload as an object, whether GitHub returns it parsed or as a JSON string. */
function asPayload(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return asPayload(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** This app's gates (and this service's, when named), newest first, at most `query.limit`. */
export function gatesOf(
  deployments: ReadonlyArray<{ id: number; payload: unknown }>,
  query: FailedGateQuery,
): Array<{ id: number; version: number }> {
  return deployments
    .map((d) => ({ id: d.id, payload: asPayload(d.payload) }))
    .filter(
      (d) =>
        d.payload?.['tool'] === PAYLOAD_TOOL &&
        d.payload['fly_app'] === query.flyApp &&
        (query.service === undefined || d.payload['service'] === query.service) &&
        Number.isSafeInteger(d.payload['fly_release_version']),
    )
    .sort((a, b) => b.id - a.id)
    .slice(0, query.limit ?? 25)
    .map((d) => ({ id: d.id, version: d.payload?.['fly_release_version'] as number }));
}

/** The newest status (highest id) of a deployment, when it has any. */
export function newestState(
  statuses: ReadonlyArray<{ id: number; state: string }>,
): string | undefined {
  const latest = statuses.reduce<{ id: number; state: string } | undefined>(
    (best, s) => (best === undefined || s.id > best.id ? s : best),
    undefined,
  );
  return latest?.state;
}
