export const id = 342;
export const ids = [342,920];
export const modules = {

/***/ 59871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $6: () => (/* binding */ DEFAULT_LABEL),
/* harmony export */   $r: () => (/* binding */ validateEvent),
/* harmony export */   KI: () => (/* binding */ IncidentIssueError),
/* harmony export */   Lm: () => (/* binding */ validateOptions)
/* harmony export */ });
/* harmony import */ var _summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42851);
/* harmony import */ var _incident_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98304);
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
const DEFAULT_LABEL = 'incident';
const LABEL_MAX = 50;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** Service and SLO names travel whole in the marker; config names are far shorter. */
const NAME_LENGTH_MAX = 200;
function refuse(input, value, accepted) {
    const shown = typeof value === 'string' ? (0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .quoteOutside */ .YM)(value) : String(value);
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
    if (options.baseUrl !== undefined && (0,_incident_text_js__WEBPACK_IMPORTED_MODULE_0__/* .linkProblem */ .kD)(options.baseUrl)) {
        refuse('baseUrl', options.baseUrl, 'an http(s) URL of the REST API');
    }
    const label = options.label ?? DEFAULT_LABEL;
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
        if (url && (0,_incident_text_js__WEBPACK_IMPORTED_MODULE_0__/* .linkProblem */ .kD)(url))
            refuse(input, url, 'an http(s) URL');
    }
}


/***/ }),

/***/ 98304:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ incidentTitle),
/* harmony export */   EM: () => (/* binding */ changeComment),
/* harmony export */   Gs: () => (/* binding */ SEVERITY_LABELS),
/* harmony export */   OJ: () => (/* binding */ resolvedComment),
/* harmony export */   Ty: () => (/* binding */ incidentBody),
/* harmony export */   ZL: () => (/* binding */ readLeadingMarker),
/* harmony export */   _N: () => (/* binding */ reopenedComment),
/* harmony export */   kD: () => (/* binding */ linkProblem),
/* harmony export */   sV: () => (/* binding */ incidentLabels),
/* harmony export */   t7: () => (/* binding */ readMarker)
/* harmony export */ });
/* unused harmony exports EVIDENCE_LINES_MAX, EVIDENCE_LINE_MAX, incidentMarker, formatDuration, formatTime */
/* harmony import */ var _summary_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87125);
/* harmony import */ var _summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42851);
/**
 * The words of an incident issue: its title, labels, hidden marker, body and comments. Pure.
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
    const name = (text) => (0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .capText */ .yA)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(text), NAME_MAX);
    const level = event.level === 'none' ? '' : ` (${event.level})`;
    return `deploy-gate: ${name(event.service)} ${name(event.slo)} SLO burning${level}`;
}
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
function link(text, url) {
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
        `| ${windows.map(([name]) => (0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(name)).join(' | ')} |`,
        `| ${windows.map(() => '---').join(' | ')} |`,
        `| ${windows.map(([, rate]) => show(rate)).join(' | ')} |`,
    ];
}
/** Each line visible as written (controls as escapes), capped, and inert inside `<code>`. */
function evidenceSection(context) {
    const lines = context.evidence.slice(0, EVIDENCE_LINES_MAX);
    if (lines.length === 0)
        return ['No failing evidence was recorded in this run.'];
    const shown = lines.map((line) => `- ${(0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .capText */ .yA)(String(line), EVIDENCE_LINE_MAX)))}`);
    const more = context.evidence.length - lines.length;
    return more > 0 ? [...shown, `- … and ${more} more (in the run's evidence)`] : shown;
}
function linksLine(context) {
    const links = [
        context.runUrl ? link('This workflow run', context.runUrl) : 'Workflow run: not known',
        context.runbookUrl ? link('Runbook', context.runbookUrl) : 'Runbook: none configured',
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
    return event.rule ? (0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(event.rule) : 'no rule named';
}
/** The body of a new incident issue: marker first, then what fired, the numbers and the links. */
function incidentBody(event, context) {
    return [
        incidentMarker(event),
        `**${(0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(event.service)}**: the ${(0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(event.slo)} SLO is burning its error budget.`,
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
/** The last comment: when it resolved and how long it lasted. */
function resolvedComment(event, context) {
    return [
        `Resolved at ${formatTime(event.at)}: the incident lasted ${formatDuration(event.at - event.since)} (since ${formatTime(event.since)}).`,
        '',
        '### Error budget',
        '',
        ...budgetSection(context),
        '',
        linksLine(context),
    ].join('\n');
}


/***/ }),

/***/ 24920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sendWebhook: () => (/* binding */ sendWebhook)
/* harmony export */ });
/* unused harmony export retryAfterMs */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46752);
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(35343);
/* harmony import */ var _secrets_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(34200);
/* harmony import */ var _http_outbound_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5014);
/* harmony import */ var _service_paperwork_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(61912);
/**
 * Posts a message to an incoming webhook (Slack, or anything Slack-compatible) with undici: one
 * attempt under a deadline, and one retry when the failure may pass (no answer, a 5xx, a 429).
 * A Retry-After is honoured up to a cap: a longer one is waited for only as long as the cap, then
 * the one retry goes out, so the whole send is bounded (two attempts and one capped wait, see
 * ../paperwork.ts). Other 4xx are never retried: the same request would be refused again.
 * Redirects are not followed.
 *
 * The webhook URL is a secret (it is the credential): it never appears in a warning, and failing
 * to notify is a warning, never a changed verdict. Nothing here throws. The runner's proxy
 * variables apply, and userinfo in the URL is sent as Basic auth (../http/outbound.ts).
 */





const MAX_ATTEMPTS = 2;
/** Enough of an error body to read ("invalid_payload", "no_service"), never a page. */
const MAX_BODY_EXCERPT = 200;
const MAX_BODY_READ = 4096;
const realSleep = (ms, signal) => new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
});
/** Retry-After as milliseconds: delta-seconds or an HTTP-date; undefined when unreadable. */
function retryAfterMs(value, now) {
    if (value === undefined || value.trim() === '')
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
async function readExcerpt(body) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_READ)
            break;
    }
    return Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, MAX_BODY_EXCERPT);
}
async function attempt(url, authorization, body, timeoutMs, signal) {
    const deadline = AbortSignal.timeout(timeoutMs);
    let dispatcher;
    try {
        dispatcher = (0,_http_outbound_js__WEBPACK_IMPORTED_MODULE_2__/* .openDispatcher */ .y_)(url, { connectTimeoutMs: timeoutMs }).dispatcher;
        const both = signal ? AbortSignal.any([signal, deadline]) : deadline;
        const response = await (0,_http_outbound_js__WEBPACK_IMPORTED_MODULE_2__/* .untilAborted */ .Eu)((0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(url, {
            method: 'POST',
            body,
            headers: (0,_http_outbound_js__WEBPACK_IMPORTED_MODULE_2__/* .withAuthorization */ .AM)({ 'content-type': 'application/json; charset=utf-8' }, authorization),
            signal: both,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            dispatcher,
        }), both);
        const excerpt = await readExcerpt(response.body);
        if (response.statusCode >= 200 && response.statusCode < 300) {
            return { kind: 'sent', status: response.statusCode };
        }
        const retryAfter = response.headers['retry-after'];
        return {
            kind: 'refused',
            status: response.statusCode,
            body: excerpt,
            ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
        };
    }
    catch (error) {
        if (deadline.aborted)
            return { kind: 'no-answer', why: `no response within ${timeoutMs} ms` };
        if (signal?.aborted)
            return { kind: 'no-answer', why: 'cancelled' };
        const code = error.code;
        return {
            kind: 'no-answer',
            why: `${typeof code === 'string' ? `${code}: ` : ''}${(0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_4__/* .errorText */ .k)(error)}`,
        };
    }
    finally {
        await dispatcher?.destroy().catch(() => undefined);
    }
}
/** The parts of a webhook URL that identify it on their own: its path and query. */
function secretParts(url) {
    try {
        const parsed = new URL(url);
        return [parsed.pathname, parsed.search.slice(1)].filter((part) => part.length >= 8);
    }
    catch {
        return [];
    }
}
async function sendWebhook(url, message, options = {}) {
    const timeoutMs = options.timeoutMs ?? _service_paperwork_js__WEBPACK_IMPORTED_MODULE_3__/* .WEBHOOK_ATTEMPT_CAP_MS */ .wV;
    const retryDelayMs = options.retryDelayMs ?? 2_000;
    const maxRetryAfterMs = options.maxRetryAfterMs ?? _service_paperwork_js__WEBPACK_IMPORTED_MODULE_3__/* .WEBHOOK_RETRY_WAIT_CAP_MS */ .fM;
    const sleep = options.sleep ?? realSleep;
    const now = options.now ?? Date.now;
    const redactor = options.redactor ?? new _secrets_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .Redactor */ .p();
    const target = (0,_http_outbound_js__WEBPACK_IMPORTED_MODULE_2__/* .splitUrlCredentials */ .CN)(url);
    redactor.addSecret(url);
    redactor.addSecret(target.url);
    // `user:pw` as a whole: the redactor derives its base64 and a password long enough to mask.
    const userinfo = target.credentials;
    if (userinfo)
        redactor.addSecret(`${userinfo.username}:${userinfo.password}`);
    // Slack's credential is the path (/services/T…/B…/<token>); a receiver may echo it alone.
    for (const part of secretParts(target.url))
        redactor.addSecret(part);
    const warn = (attempts, why) => ({
        ok: false,
        attempts,
        warning: redactor.redactText(`Notification not sent to the webhook (${attempts} attempt${attempts === 1 ? '' : 's'}): ${why}. The verdict is unchanged.`),
    });
    // The message is redacted as a whole too: no secret (the webhook URL included) leaves in it.
    const body = JSON.stringify(redactor.redact(message));
    for (let n = 1;; n += 1) {
        const result = await attempt(target.url, target.authorization, body, timeoutMs, options.signal);
        if (result.kind === 'sent')
            return { ok: true, attempts: n, status: result.status };
        const why = result.kind === 'no-answer'
            ? result.why
            : `HTTP ${result.status}${result.body ? ` (${result.body})` : ''}`;
        if (options.signal?.aborted)
            return warn(n, why);
        if (result.kind === 'refused' && result.status !== 429 && result.status < 500) {
            return warn(n, `${why}; not retried, the same message would be refused again`);
        }
        if (n >= MAX_ATTEMPTS)
            return warn(n, why);
        let delay = retryDelayMs;
        if (result.kind === 'refused') {
            const asked = retryAfterMs(result.retryAfter, now());
            // A longer Retry-After is cut to the cap: the retry may then be refused again, which
            // costs one request and ends the send; waiting longer would hold the whole job.
            if (asked !== undefined)
                delay = Math.min(asked, maxRetryAfterMs);
        }
        await sleep(delay, options.signal);
        if (options.signal?.aborted)
            return warn(n, `${why}; cancelled before the retry`);
    }
}


/***/ }),

/***/ 35342:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reportStep: () => (/* binding */ reportStep)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(70819);
// EXTERNAL MODULE: ./src/summary/summary-bounds.ts
var summary_bounds = __webpack_require__(38504);
// EXTERNAL MODULE: ./src/summary/outside-text.ts
var outside_text = __webpack_require__(42851);
// EXTERNAL MODULE: ./src/summary/runner-files.ts
var runner_files = __webpack_require__(83858);
// EXTERNAL MODULE: ./src/settings/read-inputs.ts
var read_inputs = __webpack_require__(15775);
// EXTERNAL MODULE: ./src/evidence/artifact-upload.ts
var artifact_upload = __webpack_require__(39585);
// EXTERNAL MODULE: ./src/settings/field-parsers.ts + 2 modules
var field_parsers = __webpack_require__(1966);
// EXTERNAL MODULE: ./src/settings/problems.ts
var settings_problems = __webpack_require__(91477);
// EXTERNAL MODULE: ./src/settings/parse-inputs.ts
var parse_inputs = __webpack_require__(2618);
// EXTERNAL MODULE: ./src/settings/run-options.ts
var run_options = __webpack_require__(75143);
;// CONCATENATED MODULE: ./src/report/report-inputs.ts
/**
 * The inputs of `mode: report`, checked before anything is read: every problem names the input,
 * the value and what is accepted, as the gate's inputs do.
 */





function parseReportInputs(raw) {
    const problems = [];
    const parsed = (0,run_options/* parsePeriod */.DB)(raw);
    if (typeof parsed === 'string')
        problems.push(parsed);
    const { ms: periodMs, label: period } = typeof parsed === 'string' ? { ms: 0, label: '' } : parsed;
    const records = (raw.records ?? '').trim();
    const token = field_parsers/* secretToken */.Iq().safeParse(raw['github-token'] ?? '');
    if (!token.success)
        problems.push(...token.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'github-token', raw)));
    else if (!records && !token.data)
        problems.push('Input "github-token" is empty while "records" is empty: the report then reads this repository\'s workflow artifacts, which needs a token; accepted: `github-token: ${{ github.token }}` with the job\'s `permissions: actions: read`, or `records:` a folder of audit records');
    const prefix = (0,artifact_upload/* artifactNameInput */.Mn)('artifact-prefix').safeParse((raw['artifact-prefix'] ?? '').trim());
    if (!prefix.success)
        problems.push(...prefix.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'artifact-prefix', raw)));
    const retention = (0,artifact_upload/* retentionDaysInput */.Ig)().safeParse(raw['retention-days'] ?? '');
    if (!retention.success)
        problems.push(...retention.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'retention-days', raw)));
    const reportDir = (raw['audit-dir'] ?? '').trim();
    if (!reportDir)
        problems.push('Input "audit-dir" is empty: the report needs a folder to write to');
    const webhook = field_parsers/* optional */.lq(field_parsers/* httpUrl */.q3()).safeParse(raw['webhook-url'] ?? '');
    if (!webhook.success)
        problems.push(...webhook.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'webhook-url', raw)));
    if (problems.length ||
        !token.success ||
        !prefix.success ||
        !retention.success ||
        !webhook.success)
        throw new settings_problems/* SettingsError */.GN(problems);
    return {
        periodMs,
        periodLabel: period,
        records,
        reportDir,
        token: token.data,
        artifactPrefix: prefix.data,
        retentionDays: retention.data,
        config: (raw.config ?? '').trim(),
        webhookUrl: webhook.data,
    };
}

// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(34200);
// EXTERNAL MODULE: ./src/report/github/from-env.ts
var from_env = __webpack_require__(63276);
// EXTERNAL MODULE: ./src/report/github/github-records.ts
var github_records = __webpack_require__(78418);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./src/gate/clock.ts
var clock = __webpack_require__(38553);
// EXTERNAL MODULE: ./src/evidence/error-text.ts
var error_text = __webpack_require__(35343);
// EXTERNAL MODULE: ./src/monitor/incident-input.ts
var incident_input = __webpack_require__(59871);
// EXTERNAL MODULE: ./src/monitor/incident-text.ts
var incident_text = __webpack_require__(98304);
// EXTERNAL MODULE: ./src/report/github/list-artifacts.ts
var list_artifacts = __webpack_require__(4908);
// EXTERNAL MODULE: ./src/report/github/rate-limit.ts
var rate_limit = __webpack_require__(90778);
;// CONCATENATED MODULE: ./src/report/github/incident-issues-source.ts
/**
 * The incident issues monitor mode opened, as the report reads them: `GET /repos/{owner}/{repo}/issues`
 * with `labels=incident`, `state=all`, `since=<period start>`, 100 per page, through the report's
 * rate limiter (rate-limit.ts). GitHub's `since` keeps issues *updated* since then, so the period
 * is applied again to the dates by incidents.ts.
 *
 * Trusted from each issue: GitHub's own fields (number, state, state_reason, created_at,
 * closed_at, labels, the pull_request key) and the hidden marker only when it is the body's first
 * line (monitoring/incident-text.ts). Never the title, the rest of the body, or html_url: links
 * are built from the server, the repository and the number.
 *
 * Paperwork: a listing that fails (401, 403 without `issues: read`, 404, a network error, a rate
 * limit beyond the policy) becomes a warning; the report's other numbers stand.
 */









/** 10 pages of 100: a month of incidents of a large fleet, and a bound on requests. */
const MAX_ISSUE_PAGES = 10;
/** Service names as monitor mode writes them (monitor-step.ts: letters, digits, `.`, `_`, `-`). */
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** `availability`, or a latency objective as the latency-slo input writes it (`p95<500ms`). */
const SLO = /^(?:availability|p\d{1,2}(?:\.\d)?<[0-9][0-9A-Za-z.]{0,19})$/;
/** GitHub's owner and repository names: links are built only from names of this shape. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const issueSchema = schemas/* object */.Ikc({
    number: schemas/* number */.aig().int().positive(),
    state: schemas/* enum */.k5n(['open', 'closed']),
    state_reason: schemas/* string */.YjP().nullish(),
    created_at: schemas/* string */.YjP(),
    closed_at: schemas/* string */.YjP().nullish(),
    body: schemas/* string */.YjP().nullish(),
    labels: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* object */.Ikc({ name: schemas/* string */.YjP().nullish() })])).optional(),
    pull_request: schemas/* unknown */.L5J().optional(),
});
/** `https://<server host>/<owner>/<repo>/issues/<number>`; null when any part is not plain. */
function issueUrl(source, number) {
    let host;
    try {
        host = new URL(source.serverUrl).host;
    }
    catch {
        return null;
    }
    if (!OWNER.test(source.owner) || !REPO.test(source.repo) || !Number.isSafeInteger(number))
        return null;
    return `https://${host}/${source.owner}/${source.repo}/issues/${number}`;
}
function hint(status) {
    switch (status) {
        case 401:
            return ': the token was rejected';
        case 403:
            return ': the token may not read issues (the job needs `permissions: issues: read`)';
        case 404:
            return ': repository not found, or the token cannot see its issues (`permissions: issues: read`)';
        case 410:
            return ': issues are disabled in this repository';
        default:
            return '';
    }
}
const epoch = (text) => typeof text === 'string' ? Date.parse(text) : Number.NaN;
/** Lists the period's incident issues; never throws for what GitHub answers. */
async function readIncidentIssues(source) {
    const repository = `${source.owner}/${source.repo}`;
    const read = {
        repository,
        issues: [],
        counts: {
            listed: 0,
            pullRequests: 0,
            withoutMarker: 0,
            badMarker: 0,
            malformed: 0,
            pages: 0,
            truncated: false,
        },
        warning: null,
    };
    const limiter = new rate_limit/* RateLimiter */.v$(source.clock, source.policy ?? rate_limit/* RATE_LIMIT_POLICY */.ih, (what, ms) => source.log(`rate limited: waiting ${Math.ceil(ms / 1000)} s before retrying ${what}`));
    const octokit = (0,list_artifacts/* withRateLimits */.Pg)(source.octokit, limiter);
    const maxPages = source.maxPages ?? MAX_ISSUE_PAGES;
    try {
        const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
            owner: source.owner,
            repo: source.repo,
            labels: incident_input/* DEFAULT_LABEL */.$6,
            state: 'all',
            since: new Date(source.from).toISOString(),
            per_page: 100,
        });
        for await (const page of pages) {
            read.counts.pages += 1;
            for (const raw of page.data) {
                read.counts.listed += 1;
                const issue = toIncident(raw, source, read.counts);
                if (issue)
                    read.issues.push(issue);
            }
            if (read.counts.pages >= maxPages) {
                read.counts.truncated = true;
                break;
            }
        }
    }
    catch (error) {
        const { status } = (0,rate_limit/* httpFacts */.o1)(error);
        read.warning = source.redactor.redactText(`incident issues of ${repository} not read${status === null ? '' : ` (HTTP ${status})`}${hint(status)}: ${(0,outside_text/* oneLine */.TN)((0,outside_text/* capText */.yA)((0,error_text/* errorText */.k)(error), 300))}`);
        read.issues = [];
    }
    read.issues.sort((a, b) => a.startedAt - b.startedAt || a.number - b.number);
    return read;
}
/** One listed item as an incident, or null (counted by why) when it is not one we can trust. */
function toIncident(raw, source, counts) {
    const parsed = issueSchema.safeParse(raw);
    if (!parsed.success) {
        counts.malformed += 1;
        return null;
    }
    const issue = parsed.data;
    if (issue.pull_request !== undefined && issue.pull_request !== null) {
        counts.pullRequests += 1;
        return null;
    }
    const labels = (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
    const marker = labels.includes(incident_input/* DEFAULT_LABEL */.$6) ? (0,incident_text/* readLeadingMarker */.ZL)(issue.body) : undefined;
    if (!marker) {
        counts.withoutMarker += 1;
        return null;
    }
    if (!SERVICE.test(marker.service) || !SLO.test(marker.slo)) {
        counts.badMarker += 1;
        return null;
    }
    const createdAt = epoch(issue.created_at);
    const closedAt = issue.state === 'closed' ? epoch(issue.closed_at) : Number.NaN;
    if (!Number.isFinite(createdAt) || (issue.state === 'closed' && !Number.isFinite(closedAt))) {
        counts.malformed += 1;
        return null;
    }
    // The marker's start is used when it is not after the issue was opened (the alert fires first).
    const fromMarker = marker.since !== null && marker.since <= createdAt;
    const reason = issue.state_reason ?? null;
    return {
        number: issue.number,
        url: issueUrl(source, issue.number),
        service: marker.service,
        slo: marker.slo,
        startedAt: fromMarker ? marker.since : createdAt,
        startFrom: fromMarker ? 'marker' : 'issue created',
        closedAt: issue.state === 'closed' ? closedAt : null,
        outcome: issue.state === 'open'
            ? 'open'
            : reason === null || reason === 'completed'
                ? 'restored'
                : 'closed unresolved',
    };
}
/** The source as the runner sets it up (GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SERVER_URL). */
function incidentSourceFromEnv(env, inputs) {
    const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
    const [owner = '', repo = '', ...rest] = repository.split('/');
    if (!owner || !repo || rest.length > 0)
        return {
            ok: false,
            reason: `GITHUB_REPOSITORY ${JSON.stringify((0,outside_text/* capText */.yA)((0,outside_text/* oneLine */.TN)(repository), 100))} is not owner/repo`,
        };
    const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
    const serverUrl = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
    const silent = () => undefined;
    return {
        ok: true,
        source: {
            octokit: (0,github/* getOctokit */.Q)(inputs.token, {
                baseUrl: apiUrl,
                log: { debug: silent, info: silent, warn: silent, error: silent },
            }),
            owner,
            repo,
            serverUrl,
            from: inputs.from,
            clock: clock/* realClock */.d,
            log: inputs.log,
            redactor: inputs.redactor,
        },
    };
}

// EXTERNAL MODULE: ./src/report/github/upload-report.ts
var upload_report = __webpack_require__(70610);
// EXTERNAL MODULE: ./src/report/run-report.ts + 18 modules
var run_report = __webpack_require__(20013);
// EXTERNAL MODULE: ./src/github/github-run.ts
var github_run = __webpack_require__(66064);
// EXTERNAL MODULE: ./src/notify/slack-message.ts + 1 modules
var slack_message = __webpack_require__(28041);
// EXTERNAL MODULE: ./src/notify/webhook.ts
var webhook = __webpack_require__(24920);
// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(83303);
;// CONCATENATED MODULE: ./src/report/budget-notify.ts



const NEARLY_SPENT_PERCENT = 75;
const MOSTLY_SPENT_PERCENT = 90;
const MAX_SERVICES = 20;
const MAX_RUN_LINKS = 3;
const MAX_LINE = 600;
const ORDER = ['none', 'warning', 'error', 'critical'];
const worse = (a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a);
const min = (value) => `${Math.round(value * 10) / 10} min`;
function levelOf(s, window) {
    const w = s.windows.find((x) => x.window === window);
    if (!w || !s.targets)
        return { level: 'none', summary: '' };
    let level = 'none';
    const parts = [];
    const b = w.budget;
    if (b) {
        const gone = b.consumed_percent;
        if (b.state === 'breached')
            level = 'critical';
        else if (gone !== null && gone >= MOSTLY_SPENT_PERCENT)
            level = 'error';
        else if (gone !== null && gone >= NEARLY_SPENT_PERCENT)
            level = 'warning';
        parts.push(`error budget ${min(b.consumed_minutes)} of ${min(b.budget_minutes)}${gone === null ? '' : ` (${gone} %)`} spent, ${b.state}`);
    }
    for (const t of w.targets) {
        if (t.target === 'availability' || t.target === 'error_rate' || t.state !== 'breached')
            continue;
        level = worse(level, 'error');
        parts.push(`${t.target} ${t.measured} ms (median gate; objective ${t.objective}) breached`);
    }
    return { level, summary: parts.join('; ') };
}
/** What to send, or null when every budget and target is fine. */
function budgetAlert(report) {
    const period = report.windows.at(-1)?.name;
    if (!report.slo || period === undefined)
        return null;
    let overall = 'none';
    const services = [];
    for (const s of report.slo.services) {
        const { level, summary } = levelOf(s, period);
        if (level === 'none')
            continue;
        overall = worse(overall, level);
        const runs = report.restores
            .filter((r) => r.service === s.service)
            .map((r) => r.run_url)
            .filter(links/* runLink */.u)
            .slice(-MAX_RUN_LINKS);
        services.push({ service: s.service, severity: level, summary, runs });
    }
    if (overall === 'none')
        return null;
    services.sort((a, b) => ORDER.indexOf(b.severity) - ORDER.indexOf(a.severity));
    return { severity: overall, period, services };
}
const EMOJI = {
    critical: ':rotating_light:',
    error: ':x:',
    warning: ':warning:',
    info: ':information_source:',
};
const cut = (text, max) => text.length <= max ? text : `${text.slice(0, max - 1)}…`;
function budgetMessage(alert, reportRunUrl) {
    const shown = alert.services.slice(0, MAX_SERVICES);
    const title = `SLO report (${alert.period}): ${alert.services.length} service${alert.services.length === 1 ? '' : 's'} breached or nearly out of error budget`;
    const lines = shown.map((s) => {
        const runs = s.runs.map((url, i) => (0,slack_message/* link */.nf)(url, `failed run ${i + 1}`)).join(' · ');
        return `• *${(0,slack_message/* escapeMrkdwn */.fO)(cut(s.service, 100))}* [${s.severity}]: ${(0,slack_message/* escapeMrkdwn */.fO)(cut(s.summary, MAX_LINE))}${runs ? ` — ${runs}` : ''}`;
    });
    if (alert.services.length > shown.length)
        lines.push(`…and ${alert.services.length - shown.length} more in the report`);
    const reportLink = reportRunUrl && (0,links/* runLink */.u)(reportRunUrl) ? (0,slack_message/* link */.nf)(reportRunUrl, 'Report run') : '';
    const text = [
        `${EMOJI[alert.severity]} [${alert.severity.toUpperCase()}] ${(0,slack_message/* escapeMrkdwn */.fO)(title)}`,
        ...lines,
        reportLink,
    ]
        .filter(Boolean)
        .join('\n');
    const blocks = [
        {
            type: 'header',
            text: {
                type: 'plain_text',
                text: cut(`${EMOJI[alert.severity]} ${title}`, 150),
                emoji: true,
            },
        },
        { type: 'section', text: { type: 'mrkdwn', text: cut(lines.join('\n'), 3000) } },
    ];
    if (reportLink)
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: reportLink }] });
    return { text, blocks };
}
/** Sends the message when there is one; a failure is a warning, never a failed report. */
async function notifyBudgets(report, webhookUrl, options) {
    const alert = budgetAlert(report);
    if (!alert)
        return {
            sent: false,
            severity: null,
            message: 'no SLO breached, no budget nearly spent: no webhook message',
        };
    const sent = await (0,webhook.sendWebhook)(webhookUrl, budgetMessage(alert, options.reportRunUrl), options);
    if (sent.ok)
        return {
            sent: true,
            severity: alert.severity,
            message: `webhook notified (SLO ${alert.severity}: ${alert.services.map((s) => s.service).join(', ')}; HTTP ${sent.status})`,
        };
    return {
        sent: false,
        severity: alert.severity,
        message: 'webhook not notified',
        warning: sent.warning.replace('The verdict is unchanged.', 'The report is unchanged.'),
    };
}

// EXTERNAL MODULE: ./src/settings/load-config.ts + 7 modules
var load_config = __webpack_require__(15037);
;// CONCATENATED MODULE: ./src/report/slo-config.ts
/**
 * The report's SLO targets: the config file read by the gate's own loader, so it is checked
 * exactly as a gate checks it (structure, ${VAR}, every value) and a problem names file:line.
 * Only where-to-probe (fly.toml, URLs) is left to the gate: targets do not depend on it.
 * Throws the loader's SettingsError.
 */

const hasAny = (t) => t !== undefined &&
    (t.availability !== undefined || t.errorRate !== undefined || t.latency.length > 0);
async function loadSloConfig(file, env) {
    const loaded = await (0,load_config.loadServiceConfig)(file, { env });
    return {
        file,
        services: new Map(loaded.services.map((s) => [s.name, hasAny(s.slo) ? s.slo : null])),
    };
}

;// CONCATENATED MODULE: ./src/report/report-step.ts
/** `mode: report` as a step: inputs, the report, then outputs, job summary and annotations. */

















async function reportStep(env) {
    let inputs;
    try {
        inputs = parseReportInputs((0,read_inputs/* readInputs */.Ko)(env));
    }
    catch (error) {
        if (error instanceof settings_problems/* SettingsError */.GN)
            return core/* setFailed */.C1(error.message);
        throw error;
    }
    if (inputs.token)
        core/* setSecret */.Pq(inputs.token);
    if (inputs.webhookUrl)
        core/* setSecret */.Pq(inputs.webhookUrl);
    const redactor = new redact/* Redactor */.p();
    redactor.addSecret(inputs.token);
    if (inputs.webhookUrl)
        redactor.addSecret(inputs.webhookUrl);
    // The config is checked before any request, as every input is.
    let slo;
    if (inputs.config) {
        try {
            slo = await loadSloConfig(inputs.config, env);
        }
        catch (error) {
            if (error instanceof settings_problems/* SettingsError */.GN)
                return core/* setFailed */.C1(error.message);
            throw error;
        }
    }
    const now = Date.now();
    let github;
    let note = '';
    if (!inputs.records) {
        const setup = (0,from_env/* sourceFromEnv */.H)(env, {
            token: inputs.token,
            prefix: inputs.artifactPrefix,
            from: now - inputs.periodMs,
            redactor,
            log: (line) => core/* info */.pq((0,outside_text/* logLine */.BP)(redactor.redactText(line))),
        });
        if (!setup.ok)
            return core/* setFailed */.C1(`deploy-gate report: ${setup.problem}`);
        const { owner, repo } = setup.source;
        try {
            github = await (0,github_records/* readGitHubRecords */.sZ)(setup.source);
        }
        catch (error) {
            if (error instanceof github_records/* ArtifactsError */.u9)
                return core/* setFailed */.C1((0,outside_text/* logLine */.BP)(`deploy-gate report: ${error.message}`));
            return core/* setFailed */.C1((0,outside_text/* logLine */.BP)(redactor.redactText(`deploy-gate report: ${(0,outside_text/* errorSentence */.O8)(error)}`)));
        }
        note = (0,from_env/* sourceNote */.G)(`${owner}/${repo}`, inputs.artifactPrefix, github.counts);
    }
    // Monitor mode's incident issues, whenever a token is given (with `records` too): paperwork,
    // so a listing that fails is a warning and the gates' numbers stand.
    let incidents;
    if (inputs.token) {
        const setup = incidentSourceFromEnv(env, {
            token: inputs.token,
            from: now - inputs.periodMs,
            redactor,
            log: (line) => core/* info */.pq((0,outside_text/* logLine */.BP)(redactor.redactText(line))),
        });
        if (setup.ok)
            incidents = await readIncidentIssues(setup.source);
        else
            core/* info */.pq((0,outside_text/* logLine */.BP)(`incident issues not read: ${setup.reason}`));
    }
    let result;
    try {
        result = await (0,run_report/* runReport */.qi)({
            ...inputs,
            now,
            ...(github ? { read: github, sourceNote: note } : {}),
            ...(slo ? { slo } : {}),
            ...(incidents ? { incidents } : {}),
        });
    }
    catch (error) {
        if (error instanceof run_report/* RecordsError */.XN)
            return core/* setFailed */.C1(`deploy-gate report: ${error.message}`);
        return core/* setFailed */.C1(`deploy-gate report: ${(0,outside_text/* errorSentence */.O8)(error)}`);
    }
    const { report, reportDir } = result;
    const period = report.windows.at(-1)?.overall;
    const outputs = {
        deployments: String(period?.deployments ?? 0),
        'failed-deployments': String(period?.failed ?? 0),
        'change-failure-rate': String(period?.change_failure_rate_percent ?? ''),
        rollbacks: String(period?.rollbacks ?? 0),
        'mttr-seconds': String(period?.time_to_restore_seconds.mean ?? ''),
        'report-dir': reportDir,
    };
    (0,runner_files/* safeWrite */.TC)('GITHUB_OUTPUT', () => {
        for (const [name, value] of Object.entries(outputs))
            core/* setOutput */.uH(name, (0,outside_text/* outputValue */.rP)(value));
    });
    await (0,runner_files/* safeWriteAsync */.d0)('GITHUB_STEP_SUMMARY', () => core/* summary */.z.addRaw((0,summary_bounds/* boundSummary */.B)(result.markdown)).write());
    const failed = report.records.failed_checksum;
    if (failed.length)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(`${failed.length} record${failed.length === 1 ? '' : 's'} failed ${failed.length === 1 ? 'its' : 'their'} checksum: ${failed.map((f) => f.path).join(', ')}`));
    for (const s of report.records.skipped)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(`record ${s.path} skipped: ${s.reason}`));
    if (incidents?.warning)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(incidents.warning));
    if (report.records.found === 0)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(inputs.records
            ? `no audit records under ${inputs.records}`
            : `no audit records in the artifacts named ${inputs.artifactPrefix}* of the period`));
    const uploads = await (0,upload_report/* uploadReport */.a3)({
        reportDir,
        ledger: github ? github.ledger : null,
        now,
        tempDir: env.RUNNER_TEMP?.trim() || (0,external_node_os_.tmpdir)(),
        retentionDays: inputs.retentionDays,
        redactor,
        env,
    });
    if (uploads.skipped)
        core/* info */.pq((0,outside_text/* logLine */.BP)(`report not uploaded as an artifact: ${uploads.skipped}`));
    for (const outcome of [uploads.report, uploads.ledger]) {
        if (!outcome)
            continue;
        if (outcome.uploaded)
            core/* info */.pq((0,outside_text/* logLine */.BP)(`uploaded artifact ${outcome.name} (id ${outcome.id})`));
        else
            core/* warning */.$e((0,outside_text/* logLine */.BP)(outcome.warning));
    }
    if (inputs.webhookUrl) {
        const run = (0,github_run.githubRunFromEnv)(env);
        const sent = await notifyBudgets(report, inputs.webhookUrl, {
            redactor,
            ...(run.ok ? { reportRunUrl: (0,github_run.runUrl)(run.run) } : {}),
        });
        if (sent.warning)
            core/* warning */.$e((0,outside_text/* logLine */.BP)(sent.warning));
        else
            core/* info */.pq((0,outside_text/* logLine */.BP)(sent.message));
    }
    core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate report: ${outputs.deployments} gates in ${report.period}, ${outputs['failed-deployments']} failed; ${reportDir}`));
}


/***/ })

};
