/**
 * GitHub Deployments for the gate, through the real Octokit of @actions/github: one deployment per
 * gate run, its statuses (`in_progress` while gating, then `success`, `failure` or `error` with the
 * run as `log_url`), and the Fly releases an earlier gate failed, so a rollback never picks them.
 *
 * One deployment per gate run rather than reusing the latest one for the commit:
 * - a deployment's payload cannot change after creation, and ours records the Fly release and
 *   image the gate judged; a deployment someone else created (a deploy tool, or the job's own
 *   `environment:`, which GitHub Actions manages and overwrites with the job's result) has none;
 * - re-running a gate for the same commit judges a new release (a redeploy), and the environment's
 *   history should show both verdicts, which `failedGateVersions` reads back;
 * - `auto_merge: false` and `required_contexts: []`: the gate records what was deployed, it does
 *   not ask GitHub to merge or wait for commit checks (both would fail the request with 409).
 *
 * Best effort by design: every API failure (permissions, network, GitHub down) comes back as a
 * warning string and never changes the verdict. Nothing here throws.
 */
import { getOctokit } from '@actions/github';
import { Redactor } from '../secrets/redact.js';
import type { Verdict } from '../service/run-pipeline.js';
import { GITHUB_HISTORY_CAP_MS, GITHUB_REQUEST_CAP_MS } from '../service/paperwork.js';
import {
  PAYLOAD_TOOL,
  type ApiResult,
  type ClientOptions,
  type CreateDeploymentRequest,
  type CreatedDeployment,
  type DeploymentState,
  type FailedGateQuery,
  type FailedGateVersions,
  type GateHistoryEntry,
  type GatePayload,
  type Repo,
  type StatusRequest,
} from './deployment-types.js';
import { deploymentWarning } from './deployment-warning.js';
import { gatesOf, newestState, TERMINAL } from './gate-history.js';

/** GitHub's limit for a status description. */
export const MAX_DESCRIPTION = 140;

/** How many deployments of the environment are read when looking for failed gates. */
const DEPLOYMENTS_PAGE = 100;

/** healthy → success; a failed gate → failure; no verdict (cancelled, error) → error. */
export function deploymentStateFor(verdict: Verdict): Exclude<DeploymentState, 'in_progress'> {
  switch (verdict) {
    case 'healthy':
      return 'success';
    case 'unhealthy':
    case 'rolled-back':
    case 'rollback-failed':
      return 'failure';
    case 'cancelled':
    case 'error':
      return 'error';
  }
}

/** One line, at most 140 characters, ending with … when cut. */
export function statusDescription(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_DESCRIPTION ? line : `${line.slice(0, MAX_DESCRIPTION - 1)}…`;
}

type Octokit = ReturnType<typeof getOctokit>;

export class GitHubDeployments {
  /** Undefined when no client could be made (an empty token); every call then warns. */
  private readonly octokit: Octokit | undefined;
  private readonly redactor: Redactor;
  private readonly timeoutMs: number;
  private readonly historyTimeoutMs: number;
  private readonly signal: AbortSignal | undefined;

  constructor(options: ClientOptions) {
    this.redactor = options.redactor ?? new Redactor();
    this.redactor.addSecret(options.token);
    this.timeoutMs = options.timeoutMs ?? GITHUB_REQUEST_CAP_MS;
    this.historyTimeoutMs = options.historyTimeoutMs ?? GITHUB_HISTORY_CAP_MS;
    this.signal = options.signal;
    const silent = () => undefined;
    this.octokit = options.token.trim()
      ? getOctokit(options.token, {
          baseUrl: options.apiUrl.replace(/\/+$/, ''),
          log: { debug: silent, info: silent, warn: silent, error: silent },
        })
      : undefined;
  }

  /**
   * Runs one API call under the timeout. A failure becomes a warning: the HTTP status and GitHub's
   * message when GitHub answered, the network cause (ECONNREFUSED, ...) when it did not.
   */
  private async call<T>(
    action: string,
    run: (octokit: Octokit, request: { signal: AbortSignal }) => Promise<T>,
    overall?: AbortSignal,
  ): Promise<ApiResult<T>> {
    if (!this.octokit) {
      return {
        ok: false,
        warning: `GitHub deployments: could not ${action}: the token is empty. The verdict is unchanged.`,
      };
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signals = [timeout, this.signal, overall].filter((s): s is AbortSignal => !!s);
    const signal = AbortSignal.any(signals);
    const why = () =>
      this.signal?.aborted
        ? 'the step was cancelled'
        : overall?.aborted
          ? `the history read took longer than ${this.historyTimeoutMs} ms`
          : `no answer within ${this.timeoutMs} ms`;
    if (signal.aborted) return { ok: false, warning: this.warning(action, undefined, why()) };
    try {
      return { ok: true, value: await run(this.octokit, { signal }) };
    } catch (error) {
      return {
        ok: false,
        warning: this.warning(action, error, signal.aborted ? why() : undefined),
      };
    }
  }

  private warning(action: string, error: unknown, stopped?: string): string {
    return deploymentWarning(this.redactor, action, error, stopped);
  }

  async createDeployment(req: CreateDeploymentRequest): Promise<ApiResult<CreatedDeployment>> {
    const action = `create a deployment in environment "${req.environment}"`;
    const payload: GatePayload = { tool: PAYLOAD_TOOL, ...req.payload };
    const result = await this.call(action, (octokit, request) =>
      octokit.rest.repos.createDeployment({
        owner: req.owner,
        repo: req.repo,
        ref: req.sha,
        environment: req.environment,
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        payload: payload as unknown as Record<string, unknown>,
        description: statusDescription(req.description ?? 'deploy-gate'),
        request,
      }),
    );
    if (!result.ok) return result;
    const data = result.value.data as { id?: unknown; url?: unknown; message?: unknown };
    // 202 means GitHub merged the default branch instead; with auto_merge off it should not happen.
    if (result.value.status !== 201 || typeof data.id !== 'number') {
      const message = typeof data.message === 'string' ? data.message : 'no deployment returned';
      return {
        ok: false,
        warning: this.warning(action, { response: { status: result.value.status }, message }),
      };
    }
    return { ok: true, value: { id: data.id, url: String(data.url ?? '') } };
  }

  async postStatus(req: StatusRequest): Promise<ApiResult<void>> {
    const result = await this.call(
      `post status "${req.state}" on deployment ${req.deploymentId}`,
      (octokit, request) =>
        octokit.rest.repos.createDeploymentStatus({
          owner: req.owner,
          repo: req.repo,
          deployment_id: req.deploymentId,
          state: req.state,
          description: statusDescription(this.redactor.redactText(req.description)),
          ...(req.logUrl ? { log_url: req.logUrl } : {}),
          ...(req.environmentUrl ? { environment_url: req.environmentUrl } : {}),
          request,
        }),
    );
    return result.ok ? { ok: true, value: undefined } : result;
  }

  /**
   * Fly release versions an earlier gate failed in this environment. A version counts as failed
   * when the newest of its gate deployments that finished ended in `failure`: a later passing gate
   * of the same release clears it, an `error` (no verdict) neither marks nor clears.
   *
   * One page (the newest 100 deployments of the environment) is read, and at most `limit` of this
   * app's gates in it: a rollback can only pick among the 25 releases flyctl lists, so older
   * history cannot change the choice, and the step stays at a bounded number of requests.
   */
  async failedGateVersions(query: FailedGateQuery): Promise<FailedGateVersions> {
    const out: FailedGateVersions = { versions: [], decidedBy: [], warnings: [] };
    // One bound for the whole read: each request has its own, but there can be 26 of them.
    const overall = AbortSignal.timeout(this.historyTimeoutMs);
    const listed = await this.call(
      `list deployments of environment "${query.environment}"`,
      (octokit, request) =>
        octokit.rest.repos.listDeployments({
          owner: query.owner,
          repo: query.repo,
          environment: query.environment,
          per_page: DEPLOYMENTS_PAGE,
          request,
        }),
      overall,
    );
    if (!listed.ok) {
      out.warnings.push(listed.warning);
      return out;
    }
    const deployments = listed.value.data as Array<{ id: number; payload: unknown }>;

    const ours = gatesOf(deployments, query);
    const decided = new Map<number, GateHistoryEntry>();
    for (const { id, version } of ours) {
      if (decided.has(version)) continue;
      if (overall.aborted || this.signal?.aborted) {
        out.warnings.push(
          this.warning(
            `read the rest of environment "${query.environment}"'s gates`,
            undefined,
            this.signal?.aborted
              ? 'the step was cancelled'
              : `the history read took longer than ${this.historyTimeoutMs} ms`,
          ),
        );
        break;
      }
      const state = await this.latestState(query, id, out.warnings, overall);
      if (state === undefined || !TERMINAL.has(state)) continue;
      if (state === 'error') continue;
      decided.set(version, { version, deploymentId: id, state });
    }
    for (const entry of decided.values()) {
      out.decidedBy.push(entry);
      if (entry.state === 'failure') out.versions.push(entry.version);
    }
    out.versions.sort((a, b) => b - a);
    return out;
  }

  private async latestState(
    repo: Repo,
    deploymentId: number,
    warnings: string[],
    overall: AbortSignal,
  ): Promise<string | undefined> {
    const listed = await this.call(
      `read the statuses of deployment ${deploymentId}`,
      (octokit, request) =>
        octokit.rest.repos.listDeploymentStatuses({
          owner: repo.owner,
          repo: repo.repo,
          deployment_id: deploymentId,
          per_page: 100,
          request,
        }),
      overall,
    );
    if (!listed.ok) {
      warnings.push(listed.warning);
      return undefined;
    }
    return newestState(listed.value.data as Array<{ id: number; state: string }>);
  }
}
