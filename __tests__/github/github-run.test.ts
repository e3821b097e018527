import { githubRunFromEnv, runUrl } from '../../src/github/github-run.js';

const env = {
  GITHUB_REPOSITORY: 'octo/shop',
  GITHUB_SHA: 'c0ffee',
  GITHUB_RUN_ID: '777',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_API_URL: 'https://ghes.example.com/api/v3/',
  GITHUB_SERVER_URL: 'https://ghes.example.com',
};

describe('githubRunFromEnv', () => {
  it('reads the run from the runner variables, GHES included', () => {
    const result = githubRunFromEnv(env);
    expect(result).toEqual({
      ok: true,
      run: {
        apiUrl: 'https://ghes.example.com/api/v3',
        serverUrl: 'https://ghes.example.com',
        owner: 'octo',
        repo: 'shop',
        sha: 'c0ffee',
        runId: '777',
        runAttempt: '2',
      },
    });
    expect(result.ok && runUrl(result.run)).toBe(
      'https://ghes.example.com/octo/shop/actions/runs/777/attempts/2',
    );
  });

  it('defaults to github.com and the first attempt', () => {
    const result = githubRunFromEnv({
      GITHUB_REPOSITORY: 'octo/shop',
      GITHUB_SHA: 'c0ffee',
      GITHUB_RUN_ID: '1',
    });
    expect(result.ok && [result.run.apiUrl, result.run.serverUrl, result.run.runAttempt]).toEqual([
      'https://api.github.com',
      'https://github.com',
      '1',
    ]);
  });

  it('explains what is missing outside Actions', () => {
    expect(githubRunFromEnv({})).toEqual({
      ok: false,
      warning:
        'GitHub deployments skipped: GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_RUN_ID are not set (not running in GitHub Actions?)',
    });
    expect(githubRunFromEnv({ ...env, GITHUB_REPOSITORY: 'shop' })).toEqual({
      ok: false,
      warning: 'GitHub deployments skipped: GITHUB_REPOSITORY "shop" is not owner/repo',
    });
  });
});
