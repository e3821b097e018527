/**
 * The workflow run this step belongs to, from the variables the runner sets: where the REST API
 * is (GITHUB_API_URL, also on GHES), the repository, the commit and the run's page. Read from an
 * injected environment (not @actions/github's import-time `context`) so tests can point it anywhere.
 */

export interface GitHubRun {
  /** REST API base, e.g. https://api.github.com or https://ghes.example.com/api/v3. */
  apiUrl: string;
  /** Web base, e.g. https://github.com. */
  serverUrl: string;
  owner: string;
  repo: string;
  /** The commit being deployed (GITHUB_SHA). */
  sha: string;
  runId: string;
  runAttempt: string;
}

export type GitHubRunResult = { ok: true; run: GitHubRun } | { ok: false; warning: string };

export function githubRunFromEnv(env: Record<string, string | undefined>): GitHubRunResult {
  const get = (name: string) => env[name]?.trim() ?? '';
  const repository = get('GITHUB_REPOSITORY');
  const [owner = '', repo = '', ...rest] = repository.split('/');
  const missing = ['GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_RUN_ID'].filter((n) => !get(n));
  if (missing.length > 0) {
    return {
      ok: false,
      warning: `GitHub deployments skipped: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set (not running in GitHub Actions?)`,
    };
  }
  if (!owner || !repo || rest.length > 0) {
    return {
      ok: false,
      warning: `GitHub deployments skipped: GITHUB_REPOSITORY ${JSON.stringify(repository)} is not owner/repo`,
    };
  }
  return {
    ok: true,
    run: {
      apiUrl: (get('GITHUB_API_URL') || 'https://api.github.com').replace(/\/+$/, ''),
      serverUrl: (get('GITHUB_SERVER_URL') || 'https://github.com').replace(/\/+$/, ''),
      owner,
      repo,
      sha: get('GITHUB_SHA'),
      runId: get('GITHUB_RUN_ID'),
      runAttempt: get('GITHUB_RUN_ATTEMPT') || '1',
    },
  };
}

/** The page of this run attempt: what `log_url` and notifications link to. */
export function runUrl(
  run: Pick<GitHubRun, 'serverUrl' | 'owner' | 'repo' | 'runId' | 'runAttempt'>,
): string {
  return `${run.serverUrl}/${run.owner}/${run.repo}/actions/runs/${run.runId}/attempts/${run.runAttempt}`;
}
