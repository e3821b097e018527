/**
 * GitHub Deployments for one gated service: the releases whose gate failed before (never a
 * rollback target), a deployment with the Fly release in its payload once the release under
 * test is known, `in_progress` while gating, the verdict's state at the end. Every API problem
 * becomes a warning; none changes a verdict. Octokit is loaded only when this is configured.
 */
import type { FlyContext } from '../service/fly-context.js';
import type { DeploymentState } from './deployment-types.js';
import type { Outcome, Verdict } from '../service/run-pipeline.js';
import type { Redactor } from '../secrets/redact.js';
import type { Settings } from '../settings/settings.js';
import { graceAfter } from '../service/paperwork.js';

export interface ServiceDeployment {
  /** Fly versions whose deployment failed its gate before, with the reason. */
  knownBad: ReadonlyMap<number, string>;
  /** Creates the deployment and posts `in_progress` (with the Fly release, when there is one). */
  start(fly?: FlyContext): Promise<void>;
  /** Posts the verdict's state. */
  finish(outcome: Outcome): Promise<void>;
}

export interface DeploymentOptions {
  deployments: NonNullable<Settings['deployments']>;
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  warn: (message: string) => void;
  /** The step's cancellation: requests under way get CANCEL_GRACE_MS more, then stop. */
  signal?: AbortSignal;
}

/** The client, the repository and the run's page, or undefined (with a warning) outside a run. */
async function connect(options: DeploymentOptions) {
  const { githubRunFromEnv, runUrl } = await import('./github-run.js');
  const found = githubRunFromEnv(options.env);
  if (!found.ok) {
    options.warn(found.warning);
    return undefined;
  }
  const { run } = found;
  const github = await import('./deployments.js');
  const client = new github.GitHubDeployments({
    token: options.deployments.token,
    apiUrl: run.apiUrl,
    redactor: options.redactor,
    signal: graceAfter(options.signal),
  });
  const repo = { owner: run.owner, repo: run.repo };
  const logUrl = runUrl(run);
  /** Posts a status; a failure is a warning. */
  const post = async (deploymentId: number, state: DeploymentState, description: string) => {
    const posted = await client.postStatus({
      ...repo,
      deploymentId,
      state,
      description,
      logUrl,
      ...(options.deployments.environmentUrl
        ? { environmentUrl: options.deployments.environmentUrl }
        : {}),
    });
    if (!posted.ok) options.warn(posted.warning);
  };
  /** The final state of a verdict. A release that never served was not judged: `failure` would
   * mark the release under test (possibly the last good one) as bad for every later rollback. */
  const finalState = (verdict: Verdict, neverServed: boolean) =>
    neverServed ? 'error' : github.deploymentStateFor(verdict);
  return { client, run, repo, logUrl, post, finalState };
}

export async function openDeployment(
  options: DeploymentOptions & {
    service?: string;
    flyApp?: string;
    /** Told the id once the deployment exists (the post step closes it if the step is killed). */
    onCreated?: (id: number) => void;
  },
): Promise<ServiceDeployment | undefined> {
  const api = await connect(options);
  if (!api) return undefined;
  const { client, run, repo, logUrl } = api;
  const environment = options.deployments.environment;
  const knownBad = new Map<number, string>();
  if (options.flyApp) {
    const history = await client.failedGateVersions({
      ...repo,
      environment,
      flyApp: options.flyApp,
      ...(options.service ? { service: options.service } : {}),
    });
    for (const warning of history.warnings) options.warn(warning);
    for (const entry of history.decidedBy.filter((e) => e.state === 'failure'))
      knownBad.set(
        entry.version,
        `its gate failed before (GitHub deployment ${entry.deploymentId} in ${environment})`,
      );
  }
  let deploymentId: number | undefined;
  return {
    knownBad,
    async start(fly) {
      const created = await client.createDeployment({
        ...repo,
        sha: run.sha,
        environment,
        description: `deploy-gate${options.service ? ` ${options.service}` : ''}: gating`,
        payload: {
          ...(options.service ? { service: options.service } : {}),
          ...(fly
            ? {
                fly_app: fly.app,
                fly_release_version: fly.underTest.version,
                ...(fly.underTest.image ? { fly_image: fly.underTest.image } : {}),
              }
            : {}),
          run_id: run.runId,
          run_attempt: run.runAttempt,
          run_url: logUrl,
        },
      });
      if (!created.ok) return options.warn(created.warning);
      deploymentId = created.value.id;
      options.onCreated?.(deploymentId);
      await api.post(deploymentId, 'in_progress', 'deploy-gate is probing the release');
    },
    async finish(outcome) {
      if (deploymentId === undefined) return;
      const neverServed = outcome.release?.decidedBy?.rule.rule === 'expected-version';
      await api.post(
        deploymentId,
        api.finalState(outcome.verdict, neverServed),
        `${outcome.verdict}: ${outcome.reason}`,
      );
    },
  };
}

/**
 * For the post step: a main step killed while gating left its deployment `in_progress`; this
 * posts the verdict of the completed record, so the environment page does not claim a gate runs.
 */
export async function closeDeployment(
  options: DeploymentOptions & {
    deploymentId: number;
    verdict: Verdict;
    reason: string;
    neverServed: boolean;
  },
): Promise<void> {
  const api = await connect(options);
  if (!api) return;
  await api.post(
    options.deploymentId,
    api.finalState(options.verdict, options.neverServed),
    `${options.verdict}: ${options.reason}`,
  );
}
