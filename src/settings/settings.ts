/** The typed, validated settings every other module trusts. Built once, in parse-inputs.ts. */

export interface StatusRange {
  min: number;
  max: number;
}

export type BodyExpectation =
  { kind: 'substring'; text: string } | { kind: 'regex'; source: string; flags: string };

export interface JsonAssertion {
  path: string[];
  op: '==' | '!=';
  /** The literal as written, and as JSON when it parses as a number, boolean or null. */
  raw: string;
  literal: unknown;
  text: string;
}

export interface VersionExpectation {
  expected: string;
  /** Dotted path in the JSON body; ignored when `header` is set. */
  path: string[];
  header?: string;
}

export interface ResponseExpectations {
  status: StatusRange[];
  statusText: string;
  body?: BodyExpectation;
  json: JsonAssertion[];
  version?: VersionExpectation;
}

export interface RequestSettings {
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  followRedirects: boolean;
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
  maxLatencyMs: number;
  latencySlo: LatencyObjective[];
  /** Fraction, 0..1. */
  maxErrorRate: number;
  minSamples: number;
  observeForMs: number;
}

export interface Settings {
  urls: string[];
  request: RequestSettings;
  expect: ResponseExpectations;
  policy: Policy;
  auditDir: string;
  /** Every secret value read from the inputs, to mask and redact. */
  secrets: string[];
}
