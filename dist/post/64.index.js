export const id = 64;
export const ids = [64];
export const modules = {

/***/ 66064:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubRunFromEnv: () => (/* binding */ githubRunFromEnv),
/* harmony export */   runUrl: () => (/* binding */ runUrl)
/* harmony export */ });
/**
 * The workflow run this step belongs to, from the variables the runner sets: where the REST API
 * is (GITHUB_API_URL, also on GHES), the repository, the commit and the run's page. Read from an
 * injected environment (not @actions/github's import-time `context`) so tests can point it anywhere.
 */
function githubRunFromEnv(env) {
    const get = (name) => env[name]?.trim() ?? '';
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
function runUrl(run) {
    return `${run.serverUrl}/${run.owner}/${run.repo}/actions/runs/${run.runId}/attempts/${run.runAttempt}`;
}


/***/ })

};
