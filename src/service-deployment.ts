/**
 * GitHub Deployments for one gated service: the releases whose gate failed before (never a
 * rollback target), a deployment with the Fly release in its payload once the release under
 * test is known, `in_progress` while gating, the verdict's state at the end. Every API problem
 * becomes a warning; none changes a verdict. Octokit is loaded only when this is configured.
 */
import type { FlyContext } from './pipeline/fly-context.js';
import type { Outcome } from './pipeline/run-pipeline.js';
import type { Redactor } from './evidence/redact.js';
import type { Settings } from './settings/settings.js';

export interface ServiceDeployment {
  /** Fly versions whose deployment failed its gate before, with the reason. */
  knownBad: ReadonlyMap<number, string>;
  /** Creates the deployment and posts `in_progress` (with the Fly release, when there is one). */
  start(fly?: FlyContext): Promise<void>;
  /** Posts the verdict's state. */
  finish(outcome: Outcome): Promise<void>;
}

export async function openDeployment(options: {
  deployments: NonNullable<Settings['deployments']>;
  service?: string;
  flyApp?: string;
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  warn: (message: string) => void;
}): Promise<ServiceDeployment | undefined> {
  const { githubRunFromEnv, runUrl } = await import('./github/github-run.js');
  const found = githubRunFromEnv(options.env);
  if (!found.ok) {
    options.warn(found.warning);
    return undefined;
  }
  const { run } = found;
  const { GitHubDeployments, deploymentStateFor, statusDescription } =
    await import('./github/deployments.js');
  const client = new GitHubDeployments({
    token: options.deployments.token,
    apiUrl: run.apiUrl,
    redactor: options.redactor,
  });
  const repo = { owner: run.owner, repo: run.repo };
  const environment = options.deployments.environment;
  const logUrl = runUrl(run);
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
  const post = async (
    state: 'in_progress' | 'success' | 'failure' | 'error',
    description: string,
  ) => {
    if (deploymentId === undefined) return;
    const posted = await client.postStatus({
      ...repo,
      deploymentId,
      state,
      description: statusDescription(description),
      logUrl,
      ...(options.deployments.environmentUrl
        ? { environmentUrl: options.deployments.environmentUrl }
        : {}),
    });
    if (!posted.ok) options.warn(posted.warning);
  };
  return {
    knownBad,
    async start(fly) {
      const created = await client.createDeployment({
        ...repo,
        sha: run.sha,
        environment,
        description: statusDescription(
          `deploy-gate${options.service ? ` ${options.service}` : ''}: gating`,
        ),
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
      await post('in_progress', 'deploy-gate is probing the release');
    },
    async finish(outcome) {
      // A release that never served was not judged: `failure` would mark the release under test
      // (possibly the last good one) as bad for every later rollback.
      const neverServed = outcome.release?.decidedBy?.rule.rule === 'expected-version';
      await post(
        neverServed ? 'error' : deploymentStateFor(outcome.verdict),
        `${outcome.verdict}: ${outcome.reason}`,
      );
    },
  };
}
