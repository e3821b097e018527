export const id = 920;
export const ids = [920];
export const modules = {

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


/***/ })

};
