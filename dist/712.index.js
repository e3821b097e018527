export const id = 712;
export const ids = [712];
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

/***/ 88712:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  incidentIssues: () => (/* binding */ incidentIssues)
});

// UNUSED EXPORTS: IncidentIssueError, REOPEN_WITHIN_MS

// EXTERNAL MODULE: ./src/summary/outside-text.ts
var outside_text = __webpack_require__(42851);
// EXTERNAL MODULE: ./src/monitor/incident-marker.ts
var incident_marker = __webpack_require__(9065);
// EXTERNAL MODULE: ./src/summary/escape.ts
var summary_escape = __webpack_require__(87125);
;// CONCATENATED MODULE: ./src/monitor/incident-text.ts
/**
 * The words of an incident issue: its title, labels, body and comments (the hidden marker is
 * incident-marker.ts). Pure.
 *
 * Everything that can come from outside (evidence lines, service and SLO names from the config,
 * the rule text) goes through report/escape.ts: no mention, issue reference, link, image or raw
 * HTML can form from it. Evidence is also shown inside `<code>`, where GitHub never turns
 * `@name` or `#123` into a mention or a cross-reference, and CR/LF become visible `\r\n`.
 *
 * Severity labels (the issue's mapping of the alert levels):
 *   page   → `severity:critical` (P1: a human looks now)
 *   ticket → `severity:warning`  (P3: look within the working day)
 */



/** The closing comment's words for each reason, after "Resolved at <time>: ". */
const CLOSE_REASONS = {
    removed: 'the SLO is no longer in the config, so nothing measures it any more',
    evicted: 'the SLO is no longer in the config and its history was dropped from the ledger to make room for the configured services',
};
/** At most this many evidence lines, each at most EVIDENCE_LINE_MAX characters. */
const EVIDENCE_LINES_MAX = 10;
const EVIDENCE_LINE_MAX = 300;
/** Burn-rate windows shown at most (the workbook's rules use seven). */
const BURN_RATES_MAX = 12;
/** GitHub refuses titles over 256 characters; the service and SLO names are capped well below. */
const NAME_MAX = 80;
const SEVERITY_LABELS = {
    page: 'severity:critical',
    ticket: 'severity:warning',
};
const SEVERITY_NAMES = {
    page: 'critical',
    ticket: 'warning',
    none: 'none',
};
/** The labels of an incident at `level`: the incident label and its severity. */
function incidentLabels(label, level) {
    return level === 'none' ? [label] : [label, SEVERITY_LABELS[level]];
}
/** An issue title is plain text (GitHub renders no Markdown in it): one line, bounded. */
function incidentTitle(event) {
    const name = (text) => (0,outside_text/* capText */.yA)((0,outside_text/* oneLine */.TN)(text), NAME_MAX);
    const level = event.level === 'none' ? '' : ` (${event.level})`;
    return `deploy-gate: ${name(event.service)} ${name(event.slo)} SLO burning${level}`;
}
/** "23 min", "2 h 5 min", "3 d 4 h": how long an incident lasted, to the minute. */
function formatDuration(ms) {
    const minutes = Math.round(Math.max(ms, 0) / 60_000);
    if (minutes < 1)
        return 'under 1 min';
    if (minutes < 60)
        return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24)
        return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
    const days = Math.floor(hours / 24);
    return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
/** "2026-03-01 10:05 UTC". */
function formatTime(ms) {
    return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
function number(value, digits = 2) {
    return String(Number(value.toFixed(digits)));
}
function percent(value, digits = 3) {
    return value === null || !Number.isFinite(value) ? 'no data' : `${number(value, digits)} %`;
}
/**
 * A link destination we can vouch for: an http(s) URL, in angle brackets (where only `<`, `>`
 * and line breaks could end it, and the URL parser percent-encodes all three).
 */
function incident_text_link(text, url) {
    return `[${text}](<${new URL(url).href}>)`;
}
/** Undefined when `url` is a usable http(s) link, else why not (for the input error). */
function linkProblem(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return 'is not a URL';
    }
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
        ? undefined
        : 'is not an http(s) URL';
}
function budgetSection(context) {
    const b = context.budget;
    const remaining = b.remainingPercent !== null && b.remainingPercent < 0
        ? `${percent(b.remainingPercent)} (overspent)`
        : percent(b.remainingPercent);
    return [
        '| SLI over the window | Budget remaining | Budget consumed |',
        '| --- | --- | --- |',
        `| ${percent(b.sliPercent)} | ${remaining} | ${number(b.consumedMinutes, 1)} of ${number(b.budgetMinutes, 1)} min |`,
    ];
}
function burnRateSection(context) {
    const windows = Object.entries(context.burnRates).slice(0, BURN_RATES_MAX);
    if (windows.length === 0)
        return ['No burn rates were computed.'];
    const show = (rate) => rate === null || !Number.isFinite(rate) ? 'no data' : number(rate);
    return [
        `| ${windows.map(([name]) => (0,summary_escape/* cell */.Hn)(name)).join(' | ')} |`,
        `| ${windows.map(() => '---').join(' | ')} |`,
        `| ${windows.map(([, rate]) => show(rate)).join(' | ')} |`,
    ];
}
/** Each line visible as written (controls as escapes), capped, and inert inside `<code>`. */
function evidenceSection(context) {
    const lines = context.evidence.slice(0, EVIDENCE_LINES_MAX);
    if (lines.length === 0)
        return ['No failing evidence was recorded in this run.'];
    const shown = lines.map((line) => `- ${(0,summary_escape/* code */.aY)((0,outside_text/* oneLine */.TN)((0,outside_text/* capText */.yA)(String(line), EVIDENCE_LINE_MAX)))}`);
    const more = context.evidence.length - lines.length;
    return more > 0 ? [...shown, `- … and ${more} more (in the run's evidence)`] : shown;
}
function linksLine(context) {
    const links = [
        context.runUrl ? incident_text_link('This workflow run', context.runUrl) : 'Workflow run: not known',
        context.runbookUrl ? incident_text_link('Runbook', context.runbookUrl) : 'Runbook: none configured',
    ];
    return links.join(' · ');
}
function stateSections(context) {
    return [
        '### Error budget',
        '',
        ...budgetSection(context),
        '',
        '### Burn rates',
        '',
        ...burnRateSection(context),
        '',
        '### Failing evidence',
        '',
        ...evidenceSection(context),
        '',
        linksLine(context),
    ];
}
function ruleText(event) {
    return event.rule ? (0,summary_escape/* code */.aY)(event.rule) : 'no rule named';
}
/** The body of a new incident issue: marker first, then what fired, the numbers and the links. */
function incidentBody(event, context) {
    return [
        (0,incident_marker/* incidentMarker */.X9)(event),
        `**${(0,summary_escape/* cell */.Hn)(event.service)}**: the ${(0,summary_escape/* cell */.Hn)(event.slo)} SLO is burning its error budget.`,
        '',
        `- Severity: **${SEVERITY_NAMES[event.level]}** (${event.level})`,
        `- Rule: ${ruleText(event)}`,
        `- Since: ${formatTime(event.since)}`,
        '',
        ...stateSections(context),
        '',
        'deploy-gate comments here as the incident evolves and closes this issue when it resolves.',
    ].join('\n');
}
/** A comment for an escalation, a level change while the incident lasts, or a repeated fire. */
function changeComment(event, context, previous) {
    const change = event.kind === 'escalated'
        ? `Escalated to **${event.level}** (${SEVERITY_NAMES[event.level]})`
        : event.kind === 'fired'
            ? `Fired again at **${event.level}** (${SEVERITY_NAMES[event.level]})`
            : `Now at **${event.level}** (${SEVERITY_NAMES[event.level]})`;
    const from = previous && previous !== event.level ? `, was ${previous}` : '';
    return [
        `${change}${from} at ${formatTime(event.at)}. Rule: ${ruleText(event)}.`,
        '',
        ...stateSections(context),
    ].join('\n');
}
/** The comment on an issue reopened because its incident fired again `closedAt` after its close. */
function reopenedComment(event, context, closedAt) {
    return [
        `Fired again ${formatDuration(event.at - closedAt)} after it resolved: ${ruleText(event)}, at **${event.level}** (${SEVERITY_NAMES[event.level]}) at ${formatTime(event.at)}.`,
        '',
        ...stateSections(context),
    ].join('\n');
}
/** The last comment: when it resolved, why when its burn was not seen to end, how long it lasted. */
function resolvedComment(event, context) {
    const why = context.closeReason ? `${CLOSE_REASONS[context.closeReason]}; ` : '';
    return [
        `Resolved at ${formatTime(event.at)}: ${why}the incident lasted ${formatDuration(event.at - event.since)} (since ${formatTime(event.since)}).`,
        '',
        '### Error budget',
        '',
        ...budgetSection(context),
        '',
        linksLine(context),
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/monitor/incident-input.ts
/**
 * What incident issues accept, checked before the first request: the client's options (names
 * GitHub accepts, a label the list filter can carry) and each event (a known kind and level,
 * times in order, bounded names, http(s) links only). A refusal names the input, its value and
 * what is accepted.
 */



/** A failed (or refused) incident-issue operation; `status` is GitHub's answer when it gave one. */
class IncidentIssueError extends Error {
    operation;
    status;
    name = 'IncidentIssueError';
    constructor(message, operation, status) {
        super(message);
        this.operation = operation;
        this.status = status;
    }
}
const LABEL_MAX = 50;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** Service and SLO names travel whole in the marker; config names are far shorter. */
const NAME_LENGTH_MAX = 200;
function refuse(input, value, accepted) {
    const shown = typeof value === 'string' ? (0,outside_text/* quoteOutside */.YM)(value) : String(value);
    throw new IncidentIssueError(`incident issues: ${input} ${shown} is not valid: ${accepted}`, 'validate input');
}
function validateOptions(options) {
    if (typeof options.token !== 'string' || options.token.trim() === '') {
        throw new IncidentIssueError('incident issues: the token is empty: a GitHub token with `issues: write` is needed', 'validate input');
    }
    if (!NAME.test(options.owner))
        refuse('owner', options.owner, 'letters, digits, `-`, `_`, `.`');
    if (!NAME.test(options.repo))
        refuse('repo', options.repo, 'letters, digits, `-`, `_`, `.`');
    if (options.baseUrl !== undefined && linkProblem(options.baseUrl)) {
        refuse('baseUrl', options.baseUrl, 'an http(s) URL of the REST API');
    }
    const label = options.label ?? incident_marker/* DEFAULT_LABEL */.$6;
    if (label.trim() === '' || label.length > LABEL_MAX || /[,\r\n]/.test(label)) {
        refuse('label', label, `1 to ${LABEL_MAX} characters, no comma or line break`);
    }
}
const KINDS = new Set(['fired', 'escalated', 'resolved', 'ongoing']);
const LEVELS = new Set(['ticket', 'page', 'none']);
function validateEvent(event, context, known) {
    if (!KINDS.has(event.kind))
        refuse('event.kind', event.kind, 'fired, escalated, resolved or ongoing');
    if (!LEVELS.has(event.level))
        refuse('event.level', event.level, 'ticket, page or none');
    if (event.level === 'none' && (event.kind === 'fired' || event.kind === 'escalated')) {
        refuse('event.level', event.level, `ticket or page for a ${event.kind} event`);
    }
    if (typeof event.service !== 'string' || !event.service.trim())
        refuse('event.service', event.service, 'a service name');
    if (typeof event.slo !== 'string' || !event.slo.trim())
        refuse('event.slo', event.slo, 'an SLO name');
    for (const [input, name] of [
        ['event.service', event.service],
        ['event.slo', event.slo],
    ]) {
        if (name.length > NAME_LENGTH_MAX)
            refuse(input, name, `at most ${NAME_LENGTH_MAX} characters`);
    }
    if (!Number.isFinite(event.since))
        refuse('event.since', event.since, 'epoch milliseconds');
    if (!Number.isFinite(event.at) || event.at < event.since) {
        refuse('event.at', event.at, 'epoch milliseconds, not before event.since');
    }
    if (known !== undefined && !(Number.isSafeInteger(known) && known > 0)) {
        refuse('known', known, 'a positive issue number');
    }
    for (const [input, url] of [
        ['context.runUrl', context.runUrl],
        ['context.runbookUrl', context.runbookUrl],
    ]) {
        if (url && linkProblem(url))
            refuse(input, url, 'an http(s) URL');
    }
    const reason = context.closeReason;
    if (reason !== undefined && !Object.hasOwn(CLOSE_REASONS, reason))
        refuse('context.closeReason', reason, Object.keys(CLOSE_REASONS).join(' or '));
}

;// CONCATENATED MODULE: ./src/monitor/incident-issue-shape.ts
/**
 * An issue as GitHub lists it, read for what incident issues need: its labels, its severity, and
 * whether its hidden marker names a given service and SLO (never its title). Pure.
 */


const labelNames = (issue) => (issue.labels ?? [])
    .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
    .filter((name) => name !== '');
/** The labels with the severity of `level` in place of any other; labels added by hand stay. */
function withLevel(labels, label, level) {
    const severities = new Set(Object.values(SEVERITY_LABELS));
    return [
        ...new Set([
            ...labels.filter((name) => !severities.has(name)),
            ...incidentLabels(label, level),
        ]),
    ];
}
function levelOf(labels) {
    if (labels.includes(SEVERITY_LABELS.page))
        return 'page';
    if (labels.includes(SEVERITY_LABELS.ticket))
        return 'ticket';
    return undefined;
}
/** True when the issue's marker names the event's service and SLO. */
function isIncidentOf(issue, event) {
    const marker = (0,incident_marker/* readMarker */.t7)(issue.body);
    return marker?.service === event.service && marker.slo === event.slo;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./src/github/call-failure.ts
var call_failure = __webpack_require__(45196);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(34200);
// EXTERNAL MODULE: ./src/service/paperwork.ts
var paperwork = __webpack_require__(61912);
;// CONCATENATED MODULE: ./src/monitor/github-retry.ts
/**
 * When to try a GitHub request again, and after how long. Pure: the caller sleeps.
 *
 * - Rate limits: 429 always; 403 only with `retry-after` or `x-ratelimit-remaining: 0` (GitHub
 *   sends `x-ratelimit-reset` on every response, so a 403 carrying it alone is a permission
 *   error). GitHub did not act on a rate-limited request, so any method may be retried.
 * - 5xx only for GET and PATCH: a POST that timed out inside GitHub may still have opened the
 *   issue or posted the comment, and a duplicate is worse than a late one (the next scheduled run
 *   finds the issue by its marker and catches up).
 * - A wait longer than the caller allows is not taken: the step reports the failure instead.
 */
/** GitHub asks for a minute when a secondary rate limit names no time. */
const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;
const SERVER_ERROR_BASE_WAIT_MS = 1_000;
function header(headers, name) {
    const value = headers?.[name];
    return value === undefined ? undefined : String(value);
}
/** The wait a rate-limited answer asks for, or undefined when it is not a rate limit. */
function rateLimitWaitMs(status, headers, now) {
    const retryAfter = Number(header(headers, 'retry-after'));
    const remaining = header(headers, 'x-ratelimit-remaining');
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    const hasRetryAfter = header(headers, 'retry-after') !== undefined && Number.isFinite(retryAfter);
    const exhausted = remaining === '0' && Number.isFinite(reset);
    if (status !== 429 && !(status === 403 && (hasRetryAfter || exhausted)))
        return undefined;
    if (hasRetryAfter)
        return Math.max(retryAfter, 0) * 1000;
    if (exhausted)
        return Math.max(reset * 1000 - now, 0);
    return RATE_LIMIT_DEFAULT_WAIT_MS;
}
function adviseRetry(attempt, method, status, headers, now, policy) {
    if (status === undefined)
        return { retry: false };
    const limited = rateLimitWaitMs(status, headers, now);
    const serverError = status >= 500 && (method === 'GET' || method === 'PATCH');
    if (limited === undefined && !serverError)
        return { retry: false };
    const what = limited !== undefined ? 'rate limited' : `HTTP ${status}`;
    if (attempt > policy.maxRetries) {
        return { retry: false, why: `${what} after ${attempt} attempts` };
    }
    const waitMs = limited ?? SERVER_ERROR_BASE_WAIT_MS * 2 ** (attempt - 1);
    if (waitMs > policy.maxWaitMs) {
        return {
            retry: false,
            why: `${what}: GitHub asks to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.ceil(policy.maxWaitMs / 1000)} s this step waits`,
        };
    }
    return { retry: true, waitMs, why: what };
}

;// CONCATENATED MODULE: ./src/monitor/issues-client.ts
/**
 * The Octokit behind incident issues: every request under its own timeout, rate limits and 5xx
 * answers retried as github-retry.ts decides, and every failure thrown as an IncidentIssueError
 * that names the operation and the HTTP status, with the token masked.
 */






const SCOPE = { feature: 'issues', access: 'write', item: 'issue', switchable: true };
/** A real wait that ends early on a cancel (the next attempt then fails as cancelled). */
function realSleep(ms, signal) {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
        }, { once: true });
    });
}
function issuesClient(options) {
    const { owner, repo } = options;
    const sleep = options.sleep ?? ((ms) => realSleep(ms, options.signal));
    const now = options.now ?? Date.now;
    const timeoutMs = options.timeoutMs ?? paperwork/* GITHUB_REQUEST_CAP_MS */.sL;
    const policy = {
        maxRetries: options.maxRetries ?? 2,
        maxWaitMs: options.maxWaitMs ?? 60_000,
    };
    const redactor = new redact/* Redactor */.p();
    redactor.addSecret(options.token);
    const silent = () => undefined;
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
        log: { debug: silent, info: silent, warn: silent, error: silent },
    });
    /** Why the last request gave up without retrying (a rate limit too long to wait, ...). */
    const gaveUp = new WeakMap();
    // Every request (each page of a search too) goes through here: a fresh timeout per attempt.
    octokit.hook.wrap('request', async (request, endpoint) => {
        for (let attempt = 1;; attempt += 1) {
            const signals = [AbortSignal.timeout(timeoutMs), options.signal].filter((s) => !!s);
            try {
                return await request({
                    ...endpoint,
                    request: { ...endpoint.request, signal: AbortSignal.any(signals) },
                });
            }
            catch (error) {
                // Octokit reports a network error or a timeout as status 500 without a response.
                const e = error;
                const status = e.response?.status;
                const advice = options.signal?.aborted
                    ? { retry: false }
                    : adviseRetry(attempt, endpoint.method, status, e.response?.headers, now(), policy);
                if (!advice.retry) {
                    if (advice.why && error !== null && typeof error === 'object')
                        gaveUp.set(error, advice.why);
                    throw error;
                }
                await sleep(advice.waitMs);
            }
        }
    });
    const where = `${owner}/${repo}`;
    async function call(operation, run) {
        try {
            return await run();
        }
        catch (error) {
            const status = (0,call_failure/* answeredStatus */.W)(error);
            const why = error !== null && typeof error === 'object' ? gaveUp.get(error) : undefined;
            const name = error.name;
            const detail = status === null && options.signal?.aborted
                ? 'the step was cancelled'
                : status === null && (name === 'AbortError' || name === 'TimeoutError')
                    ? `no answer within ${timeoutMs} ms`
                    : (0,call_failure/* callFailure */.zL)(error, SCOPE);
            throw new IncidentIssueError(redactor.redactText(`incident issues: could not ${operation} in ${where}: ${detail}${why ? ` (${why})` : ''}`), operation, status ?? undefined);
        }
    }
    return { octokit, call };
}

;// CONCATENATED MODULE: ./src/monitor/incident-issues.ts
/**
 * Incident issues for monitor mode, through the real Octokit of @actions/github: one open issue
 * per service and SLO while its alert lasts (labelled `incident` and `severity:critical` or
 * `severity:warning`), a comment when it escalates or changes level, and a last comment with its
 * duration when it resolves, then `state: closed`, `state_reason: completed`. An alert that fires
 * again within REOPEN_WITHIN_MS of its issue's close reopens that issue instead of opening another.
 *
 * The issue is found again by a hidden marker in its body (never by its title, which anyone can
 * edit or copy), among the open issues with the label, page by page. A known number (from the
 * ledger) is read back first and used only when it is still open and carries the same marker.
 *
 * Paperwork, not decision: every failure throws an IncidentIssueError naming the operation and
 * the HTTP status (never the token); the caller turns it into a warning. Rate limits and 5xx
 * answers are retried as github-retry.ts decides, with an injected sleep, a bounded number of times
 * (issues-client.ts).
 */







/**
 * A fire this soon after its incident's issue was closed reopens that issue. A slow burn sampled
 * by few probes resolves and fires again many times (about 14 in 20 days in bench/): one problem,
 * so one issue, with a comment per return. Longer apart, a fire is a new incident and a new issue.
 */
const REOPEN_WITHIN_MS = 24 * 60 * 60 * 1000;
/** Config names inside an error message: one line each, short. */
const names = (event) => `${(0,outside_text/* oneLine */.TN)((0,outside_text/* capText */.yA)(event.service, 60))} ${(0,outside_text/* oneLine */.TN)((0,outside_text/* capText */.yA)(event.slo, 60))}`;
function incidentIssues(options) {
    validateOptions(options);
    const { owner, repo } = options;
    const label = options.label ?? incident_marker/* DEFAULT_LABEL */.$6;
    const maxPages = options.maxPages ?? 10;
    const { octokit, call } = issuesClient(options);
    /** The known issue when it is still this incident's open issue; undefined when gone or closed. */
    async function readKnown(known, event) {
        try {
            const { data } = await call(`read incident issue #${known}`, () => octokit.rest.issues.get({ owner, repo, issue_number: known }));
            const issue = data;
            if (issue.state !== 'open' || issue.pull_request || !isIncidentOf(issue, event))
                return undefined;
            return { number: issue.number, labels: labelNames(issue) };
        }
        catch (error) {
            // Deleted (410) or moved away (404): the marker search finds the open one, if any.
            const status = error.status;
            if (status === 404 || status === 410)
                return undefined;
            throw error;
        }
    }
    /** Open issues with the label, newest first, page by page; pull requests are skipped. */
    async function search(event) {
        return call(`find the open incident issue of ${names(event)}`, async () => {
            let pages = 0;
            const iterator = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
                owner,
                repo,
                state: 'open',
                labels: label,
                per_page: 100,
            });
            for await (const page of iterator) {
                for (const issue of page.data) {
                    if (issue.pull_request || !isIncidentOf(issue, event))
                        continue;
                    return { number: issue.number, labels: labelNames(issue) };
                }
                if ((pages += 1) >= maxPages)
                    break;
            }
            return undefined;
        });
    }
    /**
     * This incident's issue closed most recently within REOPEN_WITHIN_MS before the event, if any.
     * GitHub's `since` filters by update time, which a close sets, so the window's closes are all
     * listed; `closed_at` then decides (a comment after an old close also updates the issue).
     */
    async function recentlyClosed(event) {
        const after = event.at - REOPEN_WITHIN_MS;
        return call(`find a recently closed incident issue of ${names(event)}`, async () => {
            let pages = 0;
            let latest;
            const iterator = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
                owner,
                repo,
                state: 'closed',
                labels: label,
                since: new Date(after).toISOString(),
                per_page: 100,
            });
            for await (const page of iterator) {
                for (const issue of page.data) {
                    if (issue.pull_request || issue.state !== 'closed' || !isIncidentOf(issue, event))
                        continue;
                    const closedAt = Date.parse(issue.closed_at ?? '');
                    if (!(closedAt >= after) || (latest && latest.closedAt >= closedAt))
                        continue;
                    latest = { number: issue.number, labels: labelNames(issue), closedAt };
                }
                if ((pages += 1) >= maxPages)
                    break;
            }
            return latest;
        });
    }
    /** Open again, with the title and severity of the new fire, and say how soon it came back. */
    async function reopen(issue, event, context) {
        await call(`reopen incident issue #${issue.number}`, () => octokit.rest.issues.update({
            owner,
            repo,
            issue_number: issue.number,
            state: 'open',
            state_reason: 'reopened',
            title: incidentTitle(event),
            labels: withLevel(issue.labels, label, event.level),
        }));
        await comment(issue.number, reopenedComment(event, context, issue.closedAt));
        return { number: issue.number, action: 'reopened' };
    }
    async function locate(event, known) {
        return (known !== undefined ? await readKnown(known, event) : undefined) ?? search(event);
    }
    async function open(event, context) {
        const { data } = await call(`open an incident issue for ${names(event)}`, () => octokit.rest.issues.create({
            owner,
            repo,
            title: incidentTitle(event),
            body: incidentBody(event, context),
            labels: incidentLabels(label, event.level),
        }));
        return { number: data.number, action: 'opened' };
    }
    async function comment(issue, body) {
        await call(`comment on incident issue #${issue}`, () => octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body }));
    }
    /** New severity label and title; the labels people added by hand are kept. */
    async function relabel(issue, event) {
        const labels = withLevel(issue.labels, label, event.level);
        await call(`relabel incident issue #${issue.number}`, () => octokit.rest.issues.update({
            owner,
            repo,
            issue_number: issue.number,
            title: incidentTitle(event),
            labels,
        }));
    }
    return {
        async handle(event, context, known) {
            validateEvent(event, context, known);
            const found = await locate(event, known);
            if (event.kind === 'resolved') {
                if (!found)
                    return { number: 0, action: 'none' };
                await comment(found.number, resolvedComment(event, context));
                await call(`close incident issue #${found.number}`, () => octokit.rest.issues.update({
                    owner,
                    repo,
                    issue_number: found.number,
                    state: 'closed',
                    state_reason: 'completed',
                }));
                return { number: found.number, action: 'closed' };
            }
            if (!found) {
                if (event.level === 'none')
                    return { number: 0, action: 'none' };
                const closed = event.kind === 'fired' ? await recentlyClosed(event) : undefined;
                return closed ? reopen(closed, event, context) : open(event, context);
            }
            const previous = levelOf(found.labels);
            // While it lasts, an unchanged incident gets no comment: one every scheduled run is noise.
            if (event.kind === 'ongoing' && (previous === event.level || event.level === 'none')) {
                return { number: found.number, action: 'none' };
            }
            await comment(found.number, changeComment(event, context, previous));
            if (previous !== event.level)
                await relabel(found, event);
            return { number: found.number, action: 'commented' };
        },
    };
}


/***/ }),

/***/ 9065:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $6: () => (/* binding */ DEFAULT_LABEL),
/* harmony export */   X9: () => (/* binding */ incidentMarker),
/* harmony export */   ZL: () => (/* binding */ readLeadingMarker),
/* harmony export */   t7: () => (/* binding */ readMarker)
/* harmony export */ });
/**
 * How an incident issue is found again: its label, and the hidden first line of its body (which
 * service and SLO it is about, and since when). The monitor writes and reads them, the report
 * only reads them: apart from the issue's words, the report's bundle chunk carries only this.
 */
/** The label every incident issue carries unless the workflow names another. */
const DEFAULT_LABEL = 'incident';
const MARKER_TAG = 'deploy-gate-incident';
/**
 * The hidden first line of the body that finds the issue again when the ledger is lost.
 * Names are percent-encoded: no space, `=`, `<` or `>` of theirs can end the comment or the field.
 */
function incidentMarker(event) {
    const since = Number.isFinite(event.since) ? ` since=${new Date(event.since).toISOString()}` : '';
    return `<!-- ${MARKER_TAG} service=${encodeURIComponent(event.service)} slo=${encodeURIComponent(event.slo)}${since} -->`;
}
/** The decoded fields of the first marker in `text`; undefined without one, or undecodable. */
function markerFields(text) {
    const match = new RegExp(`<!-- ${MARKER_TAG} ([^<>]*?) -->`).exec(text);
    if (!match)
        return undefined;
    const fields = new Map();
    for (const pair of match[1].split(' ')) {
        const at = pair.indexOf('=');
        if (at <= 0)
            continue;
        try {
            fields.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
        }
        catch {
            return undefined;
        }
    }
    return fields;
}
/** The service and SLO an issue body's marker names, or undefined without a valid marker. */
function readMarker(body) {
    if (!body)
        return undefined;
    const fields = markerFields(body);
    const service = fields?.get('service');
    const slo = fields?.get('slo');
    return service !== undefined && slo !== undefined ? { service, slo } : undefined;
}
/**
 * The marker when it is the body's first line, as incidentBody writes it, with `since` in epoch
 * ms (null when absent or not the ISO form incidentMarker writes). Report mode reads this only.
 */
function readLeadingMarker(body) {
    const first = body?.split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
    if (!first.startsWith(`<!-- ${MARKER_TAG} `) || !first.endsWith(' -->'))
        return undefined;
    const fields = markerFields(first);
    const service = fields?.get('service');
    const slo = fields?.get('slo');
    if (service === undefined || slo === undefined)
        return undefined;
    const text = fields?.get('since') ?? '';
    const since = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/.test(text) ? Date.parse(text) : NaN;
    return { service, slo, since: Number.isFinite(since) ? since : null };
}


/***/ })

};
