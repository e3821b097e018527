/**
 * What a probe sends and what it judges a response against: the probe's contract. The settings
 * build it from the inputs; the rollback's verification builds its own (a version that must no
 * longer be served).
 */

export interface RequestSettings {
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  followRedirects: boolean;
}

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

interface VersionExpectation {
  /** The version that must be served (expected-version). */
  expected?: string;
  /** A version that must not be served: the bad release, when verifying a rollback. */
  forbidden?: string;
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
