/**
 * What the config file says about each service, as action-input strings (`interval: "15s"`,
 * `latency-slo: "p95<500ms"`), each remembering where it was written so a problem found later
 * (by the same parseSettings that validates the action inputs) still points at the file's line.
 */

import type { SloTargets } from './slo-targets.js';

/** Where a value came from. */
export type Origin =
  | {
      kind: 'file';
      file: string;
      line?: number;
      /** `service "api"` or `defaults`. */
      scope: string;
      /** Field as written: `monitoring.interval`, `endpoints[0].expected_status`. */
      field: string;
      /** The value as written, before ${VAR} expansion (what messages quote). */
      written: unknown;
      /** A secret (header values, tokens): messages never quote it. */
      secret: boolean;
      /** For values joined from a list (expect_json): where each item was written. */
      items?: Array<{ field: string; line?: number; written: unknown }>;
    }
  | { kind: 'action-input' }
  | { kind: 'fly.toml'; file: string; field: string }
  | { kind: 'input-default' };

export interface Setting {
  value: string;
  origin: Origin;
}

/** Input name → value with its origin. */
export type Settings = Record<string, Setting>;

export type EndpointTarget = { kind: 'url'; url: string } | { kind: 'path'; path: string };

export interface EndpointConfig {
  /** For reports: the endpoint's `name`, `health`, `build`, or its path/URL. */
  label: string;
  /** A full URL, or a path joined later to the base URL (base_url, or the Fly app's hostname). */
  target: EndpointTarget;
  targetOrigin: Origin;
  /** Endpoint inputs (method, headers, expected-status, expected-version, latency-slo, ...). */
  inputs: Settings;
  /**
   * Objectives written for this endpoint by name (`search_response_time_p90`): they join the
   * service's latency-slo, from whichever layer it comes, rather than replace it.
   */
  objectives?: Setting;
}

/** A field the gate cannot judge (schedule, job_success_rate, ...), kept as written. */
export interface NotJudged {
  /** As written: `schedule`, `slo_targets.job_success_rate`. */
  field: string;
  value: string | number | boolean;
}

export interface ServiceConfig {
  name: string;
  file: string;
  line?: number;
  /** Service-wide inputs (policy, fly, rollback, metrics, environment, ...), defaults applied. */
  inputs: Settings;
  baseUrl?: Setting;
  /** Empty when the service names no endpoint (the action's url or fly.toml supply them). */
  endpoints: EndpointConfig[];
  /**
   * The service's endpoint-level settings (expected_version, version_path, version_header,
   * headers) for URLs it does not list itself: base_url, the url input, fly.toml's checks.
   */
  endpointInputs: Settings;
  /** How the file's wording was read, e.g. which SLO set max-error-rate. */
  notes: string[];
  /** slo_targets as numbers (service over defaults); absent when neither sets any. */
  slo?: SloTargets;
  /** Fields recorded but not judged by the gate (service over defaults). */
  notJudged: NotJudged[];
}

export interface ServiceFile {
  file: string;
  /** The file-level `defaults`, already applied to every service; kept for reports. */
  defaults: Settings;
  services: ServiceConfig[];
}

/** Every value of `values` with one origin: a whole layer (the action inputs, the defaults). */
export function layerOf(values: Record<string, string>, origin: Origin): Settings {
  return Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, origin }]));
}

/** The values alone, without their origins. */
export function plainInputs(settings: Settings): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.value]));
}
