export const id = 819;
export const ids = [819];
export const modules = {

/***/ 45196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ answeredStatus),
/* harmony export */   zL: () => (/* binding */ callFailure)
/* harmony export */ });
/* unused harmony exports statusHint, networkCause */
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35343);
/* harmony import */ var _summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42851);
/**
 * What a failed GitHub API call means, in words every caller shares: `callFailure` is the clause a
 * caller puts in its own sentence, the HTTP status GitHub answered with a hint and GitHub's
 * message, or the cause of no answer at all.
 */


/**
 * The usual meaning of `status`, or '' when there is none worth saying. A 403 is a missing
 * permission or a rate limit: `rateLimited` is true or false when the caller has already told them
 * apart from GitHub's headers, and left out when it has not (then the hint names both).
 */
function statusHint(status, scope, rateLimited) {
    const permission = `\`permissions: ${scope.feature}: ${scope.access}\``;
    switch (status) {
        case 401:
            return 'the token was rejected';
        case 403:
            if (rateLimited === true)
                return 'a rate limit was hit';
            return `the workflow needs ${permission}${rateLimited === false ? '' : ', or a rate limit was hit'}`;
        case 404:
            return `repository${scope.item ? ` or ${scope.item}` : ''} not found, or the token cannot see it; check ${permission}`;
        case 409:
            return 'GitHub reported a conflict';
        case 410:
            // GitHub documents 410 for features a repository can switch off (issues, and a deleted
            // issue); its Deployments endpoints document none, so no meaning is guessed for them.
            if (!scope.switchable)
                return '';
            return `${scope.item ? `the ${scope.item} was deleted, or ` : ''}${scope.feature} are disabled in the repository`;
        case 422:
            return 'GitHub rejected the request as invalid';
        case 429:
            return 'a rate limit was hit';
        default:
            return status !== null && status !== undefined && status >= 500
                ? 'GitHub is unavailable'
                : '';
    }
}
/** Longest outside text kept: a TLS error names certificates, but the line stays short. */
const MAX_TEXT = 300;
/**
 * Why no answer came, as one capped line. fetch says only "fetch failed" and keeps the reason
 * (`ECONNREFUSED`, `ENOTFOUND`, a TLS error) down its cause chain: the deepest message says the
 * most, and the first `code` found is added when that message leaves it out.
 */
function networkCause(error) {
    const messages = [];
    let code;
    let current = error;
    for (let depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
        const e = current;
        if (typeof e.code === 'string' && e.code)
            code ??= e.code;
        if (typeof e.message === 'string' && e.message)
            messages.push((0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .k)(e));
        current = e.cause;
    }
    const deepest = messages.at(-1) ?? code ?? (0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .k)(error);
    const text = code && !deepest.includes(code) ? `${code}: ${deepest}` : deepest;
    return (0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .capText */ .yA)(text, MAX_TEXT));
}
/**
 * The status GitHub answered with, or null when no answer came. Octokit reports a network failure
 * or a timeout as `status: 500` without a `response`, so only `response.status` tells an answer.
 */
function answeredStatus(error) {
    const status = error?.response
        ?.status;
    return typeof status === 'number' ? status : null;
}
/**
 * A failed call as one clause for the caller's sentence: `HTTP 403 (hint): GitHub's message` (one
 * capped line) when GitHub answered, `no answer (cause)` when it did not. `rateLimited` goes to
 * statusHint. Callers redact the sentence they build.
 */
function callFailure(error, scope, rateLimited) {
    const status = answeredStatus(error);
    if (status === null)
        return `no answer (${networkCause(error)})`;
    const hint = statusHint(status, scope, rateLimited);
    return `HTTP ${status}${hint ? ` (${hint})` : ''}: ${(0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .capText */ .yA)((0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .k)(error), MAX_TEXT))}`;
}


/***/ }),

/***/ 23819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubDeployments: () => (/* binding */ GitHubDeployments),
  MAX_DESCRIPTION: () => (/* binding */ MAX_DESCRIPTION),
  deploymentStateFor: () => (/* binding */ deploymentStateFor),
  statusDescription: () => (/* binding */ statusDescription)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(34200);
// EXTERNAL MODULE: ./src/service/paperwork.ts
var paperwork = __webpack_require__(61912);
;// CONCATENATED MODULE: ./src/github/deployment-types.ts
/** Marks the deployments this tool created, so others in the same environment are left alone. */
const PAYLOAD_TOOL = 'deploy-gate';

// EXTERNAL MODULE: ./src/github/call-failure.ts
var call_failure = __webpack_require__(45196);
;// CONCATENATED MODULE: ./src/github/deployment-warning.ts

const SCOPE = { feature: 'deployments', access: 'write', item: 'deployment' };
/** `stopped` says why the call was cut short (a timeout, a cancel), when it was. */
function deploymentWarning(redactor, action, error, stopped) {
    const what = stopped || (0,call_failure/* callFailure */.zL)(error, SCOPE);
    return redactor.redactText(`GitHub deployments: could not ${action}: ${what}. The verdict is unchanged.`);
}

;// CONCATENATED MODULE: ./src/github/gate-history.ts
/**
 * Reading back earlier gates from an environment's deployments: which are this tool's gates of
 * one Fly app (and service), and the state each one ended in.
 */

/** Statuses after which a deployment's gate is over. */
const TERMINAL = new Set(['success', 'failure', 'error', 'inactive']);
/** The payload as an object, whether GitHub returns it parsed or as a JSON string. */
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
/** This app's gates (and this service's, when named), newest first, at most `query.limit`. */
function gatesOf(deployments, query) {
    return deployments
        .map((d) => ({ id: d.id, payload: asPayload(d.payload) }))
        .filter((d) => d.payload?.['tool'] === PAYLOAD_TOOL &&
        d.payload['fly_app'] === query.flyApp &&
        (query.service === undefined || d.payload['service'] === query.service) &&
        Number.isSafeInteger(d.payload['fly_release_version']))
        .sort((a, b) => b.id - a.id)
        .slice(0, query.limit ?? 25)
        .map((d) => ({ id: d.id, version: d.payload?.['fly_release_version'] }));
}
/** The newest status (highest id) of a deployment, when it has any. */
function newestState(statuses) {
    const latest = statuses.reduce((best, s) => (best === undefined || s.id > best.id ? s : best), undefined);
    return latest?.state;
}

;// CONCATENATED MODULE: ./src/github/deployments.ts
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
class GitHubDeployments {
    /** Undefined when no client could be made (an empty token); every call then warns. */
    octokit;
    redactor;
    timeoutMs;
    historyTimeoutMs;
    signal;
    constructor(options) {
        this.redactor = options.redactor ?? new redact/* Redactor */.p();
        this.redactor.addSecret(options.token);
        this.timeoutMs = options.timeoutMs ?? paperwork/* GITHUB_REQUEST_CAP_MS */.sL;
        this.historyTimeoutMs = options.historyTimeoutMs ?? paperwork/* GITHUB_HISTORY_CAP_MS */.HE;
        this.signal = options.signal;
        const silent = () => undefined;
        this.octokit = options.token.trim()
            ? (0,github/* getOctokit */.Q)(options.token, {
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
        return deploymentWarning(this.redactor, action, error, stopped);
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
        const ours = gatesOf(deployments, query);
        const decided = new Map();
        for (const { id, version } of ours) {
            if (decided.has(version))
                continue;
            if (overall.aborted || this.signal?.aborted) {
                out.warnings.push(this.warning(`read the rest of environment "${query.environment}"'s gates`, undefined, this.signal?.aborted
                    ? 'the step was cancelled'
                    : `the history read took longer than ${this.historyTimeoutMs} ms`));
                break;
            }
            const state = await this.latestState(query, id, out.warnings, overall);
            if (state === undefined || !TERMINAL.has(state))
                continue;
            if (state === 'error')
                continue;
            decided.set(version, { version, deploymentId: id, state });
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
        return newestState(listed.value.data);
    }
}


/***/ })

};
