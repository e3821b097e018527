/** What one PromQL instant query gave: a number, or why there is none. Plain data, no I/O. */

export type QueryErrorClass =
  /** No HTTP answer: connection refused, reset, DNS, TLS... (classified by error code). */
  | 'unreachable'
  /** No complete answer within the timeout. */
  | 'timeout'
  /** A non-2xx HTTP status without a Prometheus error body (proxy error page, 503, 401...). */
  | 'http'
  /** Prometheus answered `{"status":"error"}`: bad query, execution error, server timeout. */
  | 'api-error'
  /** Not the JSON Prometheus sends, a range vector or string result, or too large. */
  | 'bad-response'
  /** The single value is NaN: typically 0/0, i.e. no traffic in the window. */
  | 'nan'
  /** The single value is +Inf or -Inf: typically x/0. */
  | 'inf'
  /** An instant vector without any series: the metric is absent or has no samples. */
  | 'empty'
  /** More than one series: the query must aggregate to one number (sum, histogram_quantile...). */
  | 'multiple-series';

export interface QueryValue {
  kind: 'value';
  value: number;
  resultType: 'vector' | 'scalar';
  /** 1 for a vector (anything else is an error), 0 for a scalar. */
  seriesCount: number;
  /** Labels of the one series (empty after an aggregation); absent for a scalar. */
  labels?: Record<string, string>;
  /** Warnings Prometheus attached to the answer. */
  warnings?: string[];
  /** The response body, trimmed, with the token redacted. */
  raw: string;
  httpStatus: number;
  durationMs: number;
}

export interface QueryError {
  kind: 'error';
  errorClass: QueryErrorClass;
  /** One line a reviewer understands; never holds the token. */
  message: string;
  /** Prometheus' `errorType` (bad_data, execution, timeout...) for 'api-error'. */
  errorType?: string;
  /** Low-level error code for 'unreachable'/'timeout' (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT...). */
  code?: string;
  /** Number of series for 'empty' (0) and 'multiple-series'. */
  seriesCount?: number;
  raw?: string;
  httpStatus?: number;
  durationMs: number;
}

export type QueryOutcome = QueryValue | QueryError;
