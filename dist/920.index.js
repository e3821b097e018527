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
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(35343);
/* harmony import */ var _evidence_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(30175);
/**
 * Posts a message to an incoming webhook (Slack, or anything Slack-compatible) with undici: one
 * attempt under a deadline, and one retry when the failure may pass (no answer, a 5xx, a 429).
 * A 429's Retry-After is honoured when it is within the cap; longer than that the message is
 * given up rather than holding the job. Other 4xx are never retried: the same request would be
 * refused again. Redirects are not followed.
 *
 * The webhook URL is a secret (it is the credential): it never appears in a warning, and failing
 * to notify is a warning, never a changed verdict. Nothing here throws.
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
async function attempt(url, body, timeoutMs, signal) {
    const deadline = AbortSignal.timeout(timeoutMs);
    const dispatcher = new undici__WEBPACK_IMPORTED_MODULE_0__.Agent({ connect: { timeout: timeoutMs } });
    try {
        const response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(url, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            dispatcher,
        });
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
            why: `${typeof code === 'string' ? `${code}: ` : ''}${(0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_2__/* .errorText */ .k)(error)}`,
        };
    }
    finally {
        await dispatcher.destroy().catch(() => undefined);
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
    const timeoutMs = options.timeoutMs ?? 10_000;
    const retryDelayMs = options.retryDelayMs ?? 2_000;
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    const sleep = options.sleep ?? realSleep;
    const now = options.now ?? Date.now;
    const redactor = options.redactor ?? new _evidence_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .Redactor */ .p();
    redactor.addSecret(url);
    // Slack's credential is the path (/services/T…/B…/<token>); a receiver may echo it alone.
    for (const part of secretParts(url))
        redactor.addSecret(part);
    const warn = (attempts, why) => ({
        ok: false,
        attempts,
        warning: redactor.redactText(`Notification not sent to the webhook (${attempts} attempt${attempts === 1 ? '' : 's'}): ${why}. The verdict is unchanged.`),
    });
    // The message is redacted as a whole too: no secret (the webhook URL included) leaves in it.
    const body = JSON.stringify(redactor.redact(message));
    for (let n = 1;; n += 1) {
        const result = await attempt(url, body, timeoutMs, options.signal);
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
            if (asked !== undefined && asked > maxRetryAfterMs) {
                return warn(n, `${why}; the server asked to retry after ${Math.ceil(asked / 1000)} s, longer than the ${Math.round(maxRetryAfterMs / 1000)} s this step waits`);
            }
            if (asked !== undefined)
                delay = asked;
        }
        await sleep(delay, options.signal);
    }
}


/***/ })

};
