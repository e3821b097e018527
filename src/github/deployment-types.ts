/** What the GitHub Deployments client (deployments.ts) is asked and answers. */
import type { Redactor } from '../secrets/redact.js';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

/** Marks the deployments this tool created, so others in the same environment are left alone. */
export const PAYLOAD_TOOL = 'deploy-gate';

export interface GatePayload {
  tool: typeof PAYLOAD_TOOL;
  service?: string;
  fly_app?: string;
  fly_release_version?: number;
  fly_image?: string;
  run_id?: string;
  run_attempt?: string;
  run_url?: string;
}

export interface ClientOptions {
  token: string;
  /** REST API base (GITHUB_API_URL). */
  apiUrl: string;
  /** Bound on each request. */
  timeoutMs?: number;
  /** Bound on the history read (failedGateVersions) as a whole: it makes up to 26 requests. */
  historyTimeoutMs?: number;
  /** Ends every request under way and refuses new ones (a cancelled step, after its grace). */
  signal?: AbortSignal;
  /** Masks secrets in warnings; the token is always added. */
  redactor?: Redactor;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; warning: string };

export interface Repo {
  owner: string;
  repo: string;
}

export interface CreateDeploymentRequest extends Repo {
  /** The commit that was deployed. */
  sha: string;
  environment: string;
  description?: string;
  payload: Omit<GatePayload, 'tool'>;
}

export interface CreatedDeployment {
  id: number;
  url: string;
}

export interface StatusRequest extends Repo {
  deploymentId: number;
  state: DeploymentState;
  description: string;
  /** The run's page. */
  logUrl?: string;
  environmentUrl?: string;
}

export interface FailedGateQuery extends Repo {
  environment: string;
  flyApp: string;
  /** Only deployments of this service (a fleet may share an environment and an app). */
  service?: string;
  /** Deployments checked at most (newest first); flyctl lists only 25 releases anyway. */
  limit?: number;
}

export interface GateHistoryEntry {
  version: number;
  deploymentId: number;
  state: string;
}

export interface FailedGateVersions {
  /** Fly release versions whose latest gate ended in `failure`, newest first. */
  versions: number[];
  /** The deployment that decided each version, for the audit record. */
  decidedBy: GateHistoryEntry[];
  warnings: string[];
}
