/**
 * Ready-made queries over Fly.io's built-in edge metrics (`metrics: fly-edge`), read from the
 * managed Prometheus of the app's organisation.
 *
 * Edge metrics carry the labels app, region, host and status (no instance). Every query uses
 * `$window` so it covers only the traffic since the gate started, i.e. the new release's.
 */

/** Base URL of Fly's managed Prometheus for an organisation; `/api/v1/query` goes after it. */
export function flyPrometheusBaseUrl(orgSlug: string): string {
  const slug = orgSlug.trim();
  if (slug === '') {
    throw new RangeError('flyPrometheusBaseUrl: orgSlug must not be empty (Organization.Slug)');
  }
  return `https://api.fly.io/prometheus/${encodeURIComponent(slug)}`;
}

/**
 * A PromQL double-quoted string literal holding `value` exactly. PromQL unquotes strings with
 * Go's rules, so backslash, double quote and control characters must be escaped.
 */
export function promqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export const FLY_EDGE_RESPONSES = 'fly_edge_http_responses_count';
export const FLY_EDGE_RESPONSE_TIME_BUCKET = 'fly_edge_http_response_time_seconds_bucket';

/**
 * Server errors, whichever way `status` is filled. docs/INTERFACES.md leaves open whether it holds the
 * numeric code ("503") or a class ("5xx"); label regexes are fully anchored, so this matches
 * exactly 500-599 and "5xx", and never "50" or "4xx".
 */
export const SERVER_ERROR_STATUS = '5[0-9][0-9]|5xx';

export interface FlyEdgeQueries {
  /** Fraction (0-1) of responses with a 5xx status in the window. */
  errorRate: string;
  /** 95th percentile response time in seconds over the window. */
  latency: string;
  /** Number of responses in the window. */
  requestCount: string;
}

/** The three gate queries for `app`, with `$window` left for the caller to expand each round. */
export function flyEdgeQueries(app: string): FlyEdgeQueries {
  if (app.trim() === '') throw new RangeError('flyEdgeQueries: app must not be empty');
  const appMatcher = `app=${promqlString(app)}`;
  const all = `sum(increase(${FLY_EDGE_RESPONSES}{${appMatcher}}[$window]))`;
  const errors = `sum(increase(${FLY_EDGE_RESPONSES}{${appMatcher},status=~${promqlString(SERVER_ERROR_STATUS)}}[$window]))`;
  return {
    // No 5xx series at all makes the numerator empty, and `empty / x` is empty, not 0; `or`
    // falls back to 0 * total so "no errors" reads 0 while "no traffic" still reads NaN/empty.
    errorRate: `(${errors} or ${all} * 0) / ${all}`,
    latency: `histogram_quantile(0.95, sum by (le) (increase(${FLY_EDGE_RESPONSE_TIME_BUCKET}{${appMatcher}}[$window])))`,
    requestCount: all,
  };
}
