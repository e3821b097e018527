export const id = 887;
export const ids = [887];
export const modules = {

/***/ 16887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubDeployments: () => (/* binding */ GitHubDeployments),
/* harmony export */   MAX_DESCRIPTION: () => (/* binding */ MAX_DESCRIPTION),
/* harmony export */   PAYLOAD_TOOL: () => (/* binding */ PAYLOAD_TOOL),
/* harmony export */   deploymentStateFor: () => (/* binding */ deploymentStateFor),
/* harmony export */   statusDescription: () => (/* binding */ statusDescription)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(35343);
/* harmony import */ var _secrets_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(34200);
/* harmony import */ var _service_paperwork_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61912);
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




/** GitHub's limit for a status description. */
const MAX_DESCRIPTION = 140;
/** Marks the deployments this tool created, so others in the same environment are left alone. */
const PAYLOAD_TOOL = 'deploy-gate';
/** How many deployments of the environment are read when looking for failed gates. */
const DEPLOYMENTS_PAGE = 100;
/** healthy → success; a failed gate → failure; no verdict (cancelled, error) → error. */
function deploymentStateFor(verdict) {
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
function statusDescription(text) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length <= MAX_DESCRIPTION ? line : `${line.slice(0, MAX_DESCRIPTION - 1)}…`;
}
const TERMINAL = new Set(['success', 'failure', 'error', 'inactive']);
function hint(status) {
    switch (status) {
        case 401:
            return ' (the token was rejected)';
        case 403:
            return ' (the workflow needs `permissions: deployments: write`, or a rate limit was hit)';
        case 404:
            return ' (repository or deployment not found, or the token cannot see it)';
        case 409:
            return ' (conflict)';
        case 422:
            return ' (GitHub rejected the request)';
        default:
            return status !== undefined && status >= 500 ? ' (GitHub is unavailable)' : '';
    }
}
function asPayload(value) {
    if (typeof value === 'string') {
        try {
            return asPayload(JSON.parse(value));
        }
        catch {
            return undefined;
        }
    }
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : undefined;
}
class GitHubDeployments {
    /** Undefined when no client could be made (an empty token); every call then warns. */
    octokit;
    redactor;
    timeoutMs;
    historyTimeoutMs;
    signal;
    constructor(options) {
        this.redactor = options.redactor ?? new _secrets_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .Redactor */ .p();
        this.redactor.addSecret(options.token);
        this.timeoutMs = options.timeoutMs ?? _service_paperwork_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_REQUEST_CAP_MS */ .sL;
        this.historyTimeoutMs = options.historyTimeoutMs ?? _service_paperwork_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_HISTORY_CAP_MS */ .HE;
        this.signal = options.signal;
        const silent = () => undefined;
        this.octokit = options.token.trim()
            ? (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
                baseUrl: options.apiUrl.replace(/\/+$/, ''),
                log: { debug: silent, info: silent, warn: silent, error: silent },
            })
            : undefined;
    }
    /**
     * Runs one API call under the timeout. A failure becomes a warning: the HTTP status and GitHub's
     * message when GitHub answered, the network cause (ECONNREFUSED, ...) when it did not.
     */
    async call(action, run, overall) {
        if (!this.octokit) {
            return {
                ok: false,
                warning: `GitHub deployments: could not ${action}: the token is empty. The verdict is unchanged.`,
            };
        }
        const timeout = AbortSignal.timeout(this.timeoutMs);
        const signals = [timeout, this.signal, overall].filter((s) => !!s);
        const signal = AbortSignal.any(signals);
        const why = () => this.signal?.aborted
            ? 'the step was cancelled'
            : overall?.aborted
                ? `the history read took longer than ${this.historyTimeoutMs} ms`
                : `no answer within ${this.timeoutMs} ms`;
        if (signal.aborted)
            return { ok: false, warning: this.warning(action, undefined, why()) };
        try {
            return { ok: true, value: await run(this.octokit, { signal }) };
        }
        catch (error) {
            return {
                ok: false,
                warning: this.warning(action, error, signal.aborted ? why() : undefined),
            };
        }
    }
    warning(action, error, stopped) {
        const status = error?.response?.status;
        const answered = typeof status === 'number';
        const what = stopped
            ? stopped
            : answered
                ? `HTTP ${status}: ${(0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .k)(error)}`
                : networkCause(error);
        return this.redactor.redactText(`GitHub deployments: could not ${action}: ${what}${answered ? hint(status) : ''}. The verdict is unchanged.`);
    }
    async createDeployment(req) {
        const action = `create a deployment in environment "${req.environment}"`;
        const payload = { tool: PAYLOAD_TOOL, ...req.payload };
        const result = await this.call(action, (octokit, request) => octokit.rest.repos.createDeployment({
            owner: req.owner,
            repo: req.repo,
            ref: req.sha,
            environment: req.environment,
            auto_merge: false,
            required_contexts: [],
            transient_environment: false,
            payload: payload,
            description: statusDescription(req.description ?? 'deploy-gate'),
            request,
        }));
        if (!result.ok)
            return result;
        const data = result.value.data;
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
    async postStatus(req) {
        const result = await this.call(`post status "${req.state}" on deployment ${req.deploymentId}`, (octokit, request) => octokit.rest.repos.createDeploymentStatus({
            owner: req.owner,
            repo: req.repo,
            deployment_id: req.deploymentId,
            state: req.state,
            description: statusDescription(this.redactor.redactText(req.description)),
            ...(req.logUrl ? { log_url: req.logUrl } : {}),
            ...(req.environmentUrl ? { environment_url: req.environmentUrl } : {}),
            request,
        }));
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
    async failedGateVersions(query) {
        const out = { versions: [], decidedBy: [], warnings: [] };
        // One bound for the whole read: each request has its own, but there can be 26 of them.
        const overall = AbortSignal.timeout(this.historyTimeoutMs);
        const listed = await this.call(`list deployments of environment "${query.environment}"`, (octokit, request) => octokit.rest.repos.listDeployments({
            owner: query.owner,
            repo: query.repo,
            environment: query.environment,
            per_page: DEPLOYMENTS_PAGE,
            request,
        }), overall);
        if (!listed.ok) {
            out.warnings.push(listed.warning);
            return out;
        }
        const deployments = listed.value.data;
        const ours = deployments
            .map((d) => ({ id: d.id, payload: asPayload(d.payload) }))
            .filter((d) => d.payload?.['tool'] === PAYLOAD_TOOL &&
            d.payload['fly_app'] === query.flyApp &&
            (query.service === undefined || d.payload['service'] === query.service) &&
            Number.isSafeInteger(d.payload['fly_release_version']))
            .sort((a, b) => b.id - a.id)
            .slice(0, query.limit ?? 25);
        const decided = new Map();
        for (const deployment of ours) {
            const version = deployment.payload?.['fly_release_version'];
            if (decided.has(version))
                continue;
            if (overall.aborted || this.signal?.aborted) {
                out.warnings.push(this.warning(`read the rest of environment "${query.environment}"'s gates`, undefined, this.signal?.aborted
                    ? 'the step was cancelled'
                    : `the history read took longer than ${this.historyTimeoutMs} ms`));
                break;
            }
            const state = await this.latestState(query, deployment.id, out.warnings, overall);
            if (state === undefined || !TERMINAL.has(state))
                continue;
            if (state === 'error')
                continue;
            decided.set(version, { version, deploymentId: deployment.id, state });
        }
        for (const entry of decided.values()) {
            out.decidedBy.push(entry);
            if (entry.state === 'failure')
                out.versions.push(entry.version);
        }
        out.versions.sort((a, b) => b - a);
        return out;
    }
    async latestState(repo, deploymentId, warnings, overall) {
        const listed = await this.call(`read the statuses of deployment ${deploymentId}`, (octokit, request) => octokit.rest.repos.listDeploymentStatuses({
            owner: repo.owner,
            repo: repo.repo,
            deployment_id: deploymentId,
            per_page: 100,
            request,
        }), overall);
        if (!listed.ok) {
            warnings.push(listed.warning);
            return undefined;
        }
        const statuses = listed.value.data;
        const latest = statuses.reduce((best, s) => (best === undefined || s.id > best.id ? s : best), undefined);
        return latest?.state;
    }
}
/**
 * Why no answer came: fetch reports "fetch failed" and keeps the reason in its cause chain
 * (`ECONNREFUSED`, `ENOTFOUND`, a TLS error).
 */
function networkCause(error) {
    const messages = [];
    let code;
    let current = error;
    for (let depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
        const e = current;
        if (typeof e.code === 'string')
            code ??= e.code;
        if (typeof e.message === 'string' && e.message)
            messages.push(e.message.split('\n')[0]);
        current = e.cause;
    }
    const deepest = messages.at(-1) ?? (0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .k)(error);
    return `no answer (${code && !deepest.includes(code) ? `${code}: ` : ''}${deepest})`;
}


/***/ })

};
