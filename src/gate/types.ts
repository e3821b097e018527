/** Shapes shared by the prober, the gate and the evidence: plain data, no I/O. */

/** Why one probe failed. Classified from error codes and response facts, never from message text. */
export type FailureClass =
  | 'dns'
  | 'refused'
  | 'reset'
  | 'timeout-connect'
  | 'timeout-headers'
  | 'timeout-body'
  | 'tls'
  | 'network'
  | 'redirect'
  | 'status'
  | 'assertion'
  | 'version'
  | 'too-slow'
  /** Not the release's doing: our own event loop was stalled while this probe was in flight. */
  | 'runner-overloaded';

export interface ProbeFailure {
  class: FailureClass;
  /** One line a reviewer understands, e.g. "connection refused" or "status 503 not in 200-299". */
  message: string;
  /**
   * The low-level code it was classified from (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, ...); for
   * `runner-overloaded`, the class the probe would have had (`timeout-body`, `too-slow`).
   */
  code?: string;
}

/** What one HTTP exchange showed. Bodies are never kept whole: an excerpt and a digest. */
export interface ProbeResult {
  ok: boolean;
  failure?: ProbeFailure;
  /** HTTP status of the final response, when one arrived. */
  status?: number;
  /** From the first byte sent to the end of what was read (or to the error). */
  latencyMs: number;
  /** The version the response declared (body path or header), when one is configured and present. */
  versionSeen?: string;
  /** Selected response headers, lower-cased names (not yet redacted). */
  headers?: Record<string, string>;
  /** SHA-256 (hex) of the bytes read, at most the first 64 KiB. */
  bodySha256?: string;
  /** Up to 256 characters of the body as text (not yet redacted). */
  bodyExcerpt?: string;
  bodyBytesRead?: number;
  /** True when the body was longer than what was read. */
  bodyTruncated?: boolean;
  /** Redirect hops followed, in order (absolute URLs). */
  redirects?: string[];
  /**
   * How long our own event loop was stalled while this probe was in flight (the deadline timer
   * firing late, or the loop-lag sampler): time the release was not given. Absent when unmeasured.
   */
  runnerDelayMs?: number;
}

/** Startup (until the success streak) then observe (the bake time). */
export type GatePhase = 'startup' | 'observe';

/** Which release a gate run judged: the one just deployed, or the one a rollback put back. */
export type GateRunKind = 'release' | 'rollback';

/** One probe as the gate recorded it. */
export interface Attempt extends ProbeResult {
  /** 1-based, per gate run across all URLs: the order attempts were made. */
  seq: number;
  url: string;
  method: string;
  phase: GatePhase;
  run: GateRunKind;
  /** Epoch ms (from the injected clock) when the probe was planned to fire and when it did. */
  scheduledAt: number;
  startedAt: number;
}

export interface LatencyObjective {
  /** 95 for p95. */
  percentile: number;
  limitMs: number;
  text: string;
}

/** The rollback policy for one URL: every threshold the gate judges against. */
export interface Policy {
  initialDelayMs: number;
  intervalMs: number;
  timeoutMs: number;
  startupTimeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
  /** max-latency, below timeoutMs; the timeout itself when unset. */
  maxLatencyMs: number;
  latencySlo: LatencyObjective[];
  /** Fraction, 0..1. */
  maxErrorRate: number;
  /** Judged probes a healthy verdict needs before it counts a rule as judged (failing needs none). */
  minSamples: number;
  /** 1 − confidence: the most a rule may roll back a release that meets its limit. */
  alpha: number;
  observeForMs: number;
}

/**
 * What the gate keeps of an attempt once its evidence is written: what the rules, the verdict
 * and the summary read. Response headers, body excerpt and digest, and redirects stay in
 * probes.ndjson only; 1,000 URLs over an hour's bake at 5 s make 720,000 attempts, and every
 * response header of each would stay in memory until the end.
 */
export function keptForJudging(attempt: Attempt): Attempt {
  // A rest copy, not `delete`: deleting fields turns every kept object into a slower, larger
  // dictionary (about 880 bytes each against 150, measured with 8 headers).
  const {
    headers: _headers,
    bodySha256: _bodySha256,
    bodyExcerpt: _bodyExcerpt,
    bodyBytesRead: _bodyBytesRead,
    bodyTruncated: _bodyTruncated,
    redirects: _redirects,
    ...kept
  } = attempt;
  return kept;
}
