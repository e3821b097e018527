/**
 * How an incident issue is found again: its label, and the hidden first line of its body (which
 * service and SLO it is about, and since when). The monitor writes and reads them, the report
 * only reads them: apart from the words, the report's bundle chunk carries only this.
 */

/** The label every incident issue carries unless the workflow names another. */
export const DEFAULT_LABEL = 'incident';

const MARKER_TAG = 'deploy-gate-incident';

/**
 * The hidden first line of the body that finds the issue again when the ledger is lost.
 * Names are percent-encoded: no space, `=`, `<` or `>` of theirs can end the comment or the field.
 */
export function incidentMarker(event: { service: string; slo: string; since: number }): string {
  const since = Number.isFinite(event.since) ? ` since=${new Date(event.since).toISOString()}` : '';
  return `<!-- ${MARKER_TAG} service=${encodeURIComponent(event.service)} slo=${encodeURIComponent(event.slo)}${since} -->`;
}

/** The decoded fields of the first marker in `text`; undefined without one, or undecodable. */
function markerFields(text: string): Map<string, string> | undefined {
  const match = new RegExp(`<!-- ${MARKER_TAG} ([^<>]*?) -->`).exec(text);
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const pair of (match[1] as string).split(' ')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      fields.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      return undefined;
    }
  }
  return fields;
}

/** The service and SLO an issue body's marker names, or undefined without a valid marker. */
export function readMarker(
  body: string | null | undefined,
): { service: string; slo: string } | undefined {
  if (!body) return undefined;
  const fields = markerFields(body);
  const service = fields?.get('service');
  const slo = fields?.get('slo');
  return service !== undefined && slo !== undefined ? { service, slo } : undefined;
}

/**
 * The marker when it is the body's first line, as incidentBody writes it, with `since` in epoch
 * ms (null when absent or not the ISO form incidentMarker writes). Report mode reads this only.
 */
export function readLeadingMarker(
  body: string | null | undefined,
): { service: string; slo: string; since: number | null } | undefined {
  const first = body?.split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
  if (!first.startsWith(`<!-- ${MARKER_TAG} `) || !first.endsWith(' -->')) return undefined;
  const fields = markerFields(first);
  const service = fields?.get('service');
  const slo = fields?.get('slo');
  if (service === undefined || slo === undefined) return undefined;
  const text = fields?.get('since') ?? '';
  const since = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/.test(text) ? Date.parse(text) : NaN;
  return { service, slo, since: Number.isFinite(since) ? since : null };
}
