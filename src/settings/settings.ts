/** The typed, validated settings every other module trusts. Built once, in parse-inputs.ts. */
import type { Policy } from '../gate/types.js';
import type { RollbackTo } from '../rollback/select-target.js';

export type { LatencyObjective, Policy } from '../gate/types.js';

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

export interface RequestSettings {
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  followRedirects: boolean;
}

export interface Settings {
  urls: string[];
  request: RequestSettings;
  expect: ResponseExpectations;
  policy: Policy;
  fly?: FlySettings;
  rollback: RollbackSettings;
  metrics?: MetricsSettings;
  evidence: EvidenceSettings;
  /** GitHub Deployments: statuses on the environment page (github-token + environment). */
  deployments?: { token: string; environment: string; environmentUrl?: string };
  /** A Slack-compatible webhook message (webhook-url, notify-on). */
  notify?: { webhookUrl: string; on: 'failure' | 'always' | 'never' };
  runbookUrl?: string;
  /** Every secret value read from the inputs, to mask and redact. */
  secrets: string[];
}

export type RollbackStrategy = 'canary' | 'rolling' | 'bluegreen' | 'immediate';

export interface FlySettings {
  app: string;
  /** Path to fly.toml, passed as --config. */
  config?: string;
  /** The fly-api-token input, when given (the environment's tokens are resolved later). */
  tokenInput?: string;
}

export interface RollbackSettings {
  mode: 'auto' | 'none';
  /** A version number, or an image ref, as given in rollback-to. */
  to?: RollbackTo;
  strategy?: RollbackStrategy;
  timeoutMs: number;
  /** rollback-command split into arguments; the first is the program. */
  command?: string[];
  failOnRollback: boolean;
  dryRun: boolean;
}

export type OnNoData = 'inconclusive' | 'pass' | 'fail';

export interface MetricsSettings {
  /** Where to query: a given base URL, or Fly's managed Prometheus for the app's organization. */
  source: { kind: 'url'; baseUrl: string } | { kind: 'fly-edge'; app: string };
  token?: string;
  queries: { errorRate?: string; latency?: string; requestCount?: string };
  /** Fraction 0..1 (the same max-error-rate the probes use). */
  maxErrorRate: number;
  /** 1 − confidence, as for the probes. */
  alpha: number;
  maxLatencyMs?: number;
  minRequests?: number;
  onNoData: OnNoData;
  intervalMs: number;
}

export interface EvidenceSettings {
  dir: string;
  artifactName?: string;
  retentionDays?: number;
}
