export const id = 526;
export const ids = [526];
export const modules = {

/***/ 22526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PERSIST_INTERVALS: () => (/* binding */ PERSIST_INTERVALS),
  QUERY_TIMEOUT_MS: () => (/* binding */ QUERY_TIMEOUT_MS),
  watchMetrics: () => (/* binding */ watchMetrics)
});

;// CONCATENATED MODULE: ./src/metrics/prom-duration.ts
/**
 * Prometheus duration strings for range selectors, and the `$window` placeholder.
 *
 * Canonical form: hours, minutes and seconds, largest first, zero parts left out
 * (`45s`, `1m35s`, `2m`, `1h5s`, `26h`). Prometheus 2.x (since 2.26) and VictoriaMetrics both
 * accept these compound durations; days and weeks are not used so one spelling exists per value.
 */
const SECOND_MS = 1000;
const MINUTE_S = 60;
const HOUR_S = 3600;
/**
 * `ms` as a Prometheus duration, rounded UP to whole seconds so a window never misses the
 * oldest part of the traffic it must cover. Prometheus rejects a zero range (`[0s]`), so the
 * result is at least `1s`.
 */
function promDuration(ms) {
    if (!Number.isFinite(ms)) {
        throw new RangeError(`promDuration: ms must be a finite number, got ${String(ms)}`);
    }
    const totalSeconds = Math.max(1, Math.ceil(ms / SECOND_MS));
    const hours = Math.floor(totalSeconds / HOUR_S);
    const minutes = Math.floor((totalSeconds % HOUR_S) / MINUTE_S);
    const seconds = totalSeconds % MINUTE_S;
    return ((hours > 0 ? `${hours}h` : '') +
        (minutes > 0 ? `${minutes}m` : '') +
        (seconds > 0 ? `${seconds}s` : ''));
}
/**
 * `$window` (or `${window}`) not followed by a name character, so a user's own `$windowSize`
 * placeholder (if any) is left alone.
 */
const WINDOW_PLACEHOLDER = /\$(?:window(?![A-Za-z0-9_])|\{window\})/g;
/** Replaces every `$window` in `query` with the time since the gate started, rounded up. */
function expandWindow(query, elapsedMs) {
    const window = promDuration(elapsedMs);
    return query.replace(WINDOW_PLACEHOLDER, window);
}

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./src/http/outbound.ts
var outbound = __webpack_require__(5014);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
;// CONCATENATED MODULE: ./src/metrics/prometheus-response.ts
/**
 * Turns the HTTP answer to `/api/v1/query` into a QueryOutcome. Pure: status and body in,
 * outcome out, so every shape Prometheus (or VictoriaMetrics, or a proxy) can send is testable.
 */


/** A sample as the API sends it: [unix seconds, "value as a string"]. */
const sampleSchema = schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* string */.YjP()]);
const successSchema = schemas/* object */.Ikc({
    status: schemas/* literal */.euz('success'),
    data: schemas/* discriminatedUnion */.gMt('resultType', [
        schemas/* object */.Ikc({
            resultType: schemas/* literal */.euz('vector'),
            result: schemas/* array */.YOg(schemas/* object */.Ikc({ metric: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()), value: sampleSchema })),
        }),
        schemas/* object */.Ikc({ resultType: schemas/* literal */.euz('scalar'), result: sampleSchema }),
        schemas/* object */.Ikc({ resultType: schemas/* literal */.euz('matrix'), result: schemas/* array */.YOg(schemas/* unknown */.L5J()) }),
        schemas/* object */.Ikc({ resultType: schemas/* literal */.euz('string'), result: sampleSchema }),
    ]),
    warnings: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});
const apiErrorSchema = schemas/* object */.Ikc({
    status: schemas/* literal */.euz('error'),
    errorType: schemas/* string */.YjP().optional(),
    error: schemas/* string */.YjP(),
});
/** Prometheus writes special floats as Go does: "NaN", "+Inf", "-Inf" (VictoriaMetrics: "Inf"). */
function parseSampleValue(text) {
    switch (text) {
        case 'NaN':
            return Number.NaN;
        case '+Inf':
        case 'Inf':
            return Number.POSITIVE_INFINITY;
        case '-Inf':
            return Number.NEGATIVE_INFINITY;
    }
    // Number('') is 0 and Number(' 1 ') is 1: accept only what a float literal looks like.
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
        return undefined;
    return Number(text);
}
function describeLabels(labels) {
    const name = labels.__name__ ?? '';
    const pairs = Object.entries(labels)
        .filter(([key]) => key !== '__name__')
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    return `${name}{${pairs.join(',')}}`;
}
function zodSummary(error) {
    const first = error.issues[0];
    if (!first)
        return 'unexpected shape';
    const path = first.path.length > 0 ? first.path.join('.') : '(root)';
    return `${path}: ${first.message}`;
}
function valueOutcome(textValue, base, extra) {
    const value = parseSampleValue(textValue);
    if (value === undefined) {
        return {
            kind: 'error',
            errorClass: 'bad-response',
            message: `sample value ${JSON.stringify(textValue.slice(0, 40))} is not a number`,
            httpStatus: base.httpStatus,
        };
    }
    if (Number.isNaN(value)) {
        return {
            kind: 'error',
            errorClass: 'nan',
            message: 'the query returned NaN (often 0/0: no traffic in the window)',
            httpStatus: base.httpStatus,
            seriesCount: base.seriesCount,
        };
    }
    if (!Number.isFinite(value)) {
        return {
            kind: 'error',
            errorClass: 'inf',
            message: `the query returned ${value > 0 ? '+Inf' : '-Inf'} (often a division by zero)`,
            httpStatus: base.httpStatus,
            seriesCount: base.seriesCount,
        };
    }
    return {
        kind: 'value',
        value,
        ...base,
        ...(extra.labels ? { labels: extra.labels } : {}),
        ...(extra.warnings && extra.warnings.length > 0 ? { warnings: extra.warnings } : {}),
    };
}
/** Classifies one complete HTTP answer. `raw` and `durationMs` are added by the caller. */
function interpretQueryResponse(httpStatus, bodyText) {
    let json;
    let isJson = true;
    try {
        json = JSON.parse(bodyText);
    }
    catch {
        isJson = false;
    }
    // Prometheus sends its error envelope with 400, 422 or 503: the envelope says more than the status.
    const apiError = isJson ? apiErrorSchema.safeParse(json) : undefined;
    if (apiError?.success) {
        const { errorType, error } = apiError.data;
        return {
            kind: 'error',
            errorClass: 'api-error',
            message: `Prometheus error${errorType ? ` (${errorType})` : ''}: ${error.slice(0, 300)}`,
            ...(errorType ? { errorType } : {}),
            httpStatus,
        };
    }
    if (httpStatus < 200 || httpStatus > 299) {
        const reason = external_node_http_.STATUS_CODES[httpStatus] ?? 'unknown status';
        const hint = httpStatus === 401 || httpStatus === 403 ? ' (check prometheus-token and the org slug)' : '';
        return {
            kind: 'error',
            errorClass: 'http',
            message: `HTTP ${httpStatus} ${reason} from Prometheus${hint}`,
            httpStatus,
        };
    }
    if (!isJson) {
        return {
            kind: 'error',
            errorClass: 'bad-response',
            message: 'the answer is not JSON (is prometheus-url the Prometheus API base?)',
            httpStatus,
        };
    }
    const parsed = successSchema.safeParse(json);
    if (!parsed.success) {
        return {
            kind: 'error',
            errorClass: 'bad-response',
            message: `the answer is not a Prometheus query result (${zodSummary(parsed.error)})`,
            httpStatus,
        };
    }
    const { data, warnings } = parsed.data;
    const extra = warnings ? { warnings } : {};
    switch (data.resultType) {
        case 'scalar':
            return valueOutcome(data.result[1], { resultType: 'scalar', seriesCount: 0, httpStatus }, extra);
        case 'vector': {
            const [first, ...rest] = data.result;
            if (!first) {
                return {
                    kind: 'error',
                    errorClass: 'empty',
                    message: 'the query returned no series (metric absent or no samples in the window)',
                    seriesCount: 0,
                    httpStatus,
                };
            }
            if (rest.length > 0) {
                const shown = data.result.slice(0, 3).map((series) => describeLabels(series.metric));
                const more = data.result.length > 3 ? ', ...' : '';
                return {
                    kind: 'error',
                    errorClass: 'multiple-series',
                    message: `the query returned ${data.result.length} series, expected one (aggregate with sum/max): ${shown.join(', ')}${more}`,
                    seriesCount: data.result.length,
                    httpStatus,
                };
            }
            return valueOutcome(first.value[1], { resultType: 'vector', seriesCount: 1, httpStatus }, { labels: first.metric, ...extra });
        }
        case 'matrix':
            return {
                kind: 'error',
                errorClass: 'bad-response',
                message: 'the query returned a range vector (matrix); use an expression with one value, e.g. sum(rate(x[5m]))',
                httpStatus,
            };
        case 'string':
            return {
                kind: 'error',
                errorClass: 'bad-response',
                message: 'the query returned a string, expected a number',
                httpStatus,
            };
    }
}

;// CONCATENATED MODULE: ./src/metrics/prometheus-client.ts
/**
 * PromQL instant queries over HTTP (undici). Every failure comes back as a classified outcome;
 * only a cancellation by the caller's signal throws.
 *
 * The query goes as a POST form (`application/x-www-form-urlencoded`), which the Prometheus
 * HTTP API and VictoriaMetrics accept for /api/v1/query: a long PromQL expression cannot hit a
 * URL length limit, and it stays out of access logs of proxies on the way. GET is available
 * for endpoints that refuse POST.
 *
 * The runner's proxy variables apply, and `https://user:pw@host/...` is sent as Basic auth unless
 * a token is given (../http/outbound.ts).
 */





/** Bytes of the body kept in an outcome's `raw`. */
const RAW_LIMIT_BYTES = 2048;
/** Bodies larger than this are not read further: an instant query for one number is small. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const REDACTED = '***';
/**
 * Authorization header value: a token that already names its scheme (`FlyV1 ...` from
 * `fly tokens create`, or `Bearer ...`) is sent as is, anything else as `Bearer <token>`.
 */
function authorizationHeader(token) {
    const trimmed = token.trim();
    if (/^(FlyV1|Bearer) \S/.test(trimmed))
        return trimmed;
    return `Bearer ${trimmed}`;
}
const prometheusBaseUrlSchema = schemas/* string */.YjP()
    .trim()
    .refine((value) => {
    try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '';
    }
    catch {
        return false;
    }
}, {
    error: (issue) => `prometheus-url ${JSON.stringify(issue.input)} is not accepted: use an http(s) URL without a query string, e.g. https://api.fly.io/prometheus/<org-slug>`,
});
const optionsSchema = schemas/* object */.Ikc({
    baseUrl: prometheusBaseUrlSchema,
    query: schemas/* string */.YjP().trim().min(1, { error: 'query must not be empty' }),
    timeoutMs: schemas/* number */.aig()
        .int()
        .positive({
        error: (issue) => `timeoutMs must be a positive integer, got ${String(issue.input)}`,
    }),
    method: schemas/* enum */.k5n(['POST', 'GET']).default('POST'),
    maxBodyBytes: schemas/* number */.aig().int().positive().default(DEFAULT_MAX_BODY_BYTES),
});
/**
 * The query endpoint for a base URL, with or without a trailing slash. A URL that already ends
 * in /api/v1/query is used as given rather than doubled.
 */
function queryEndpoint(baseUrl) {
    const base = new URL(baseUrl);
    const path = base.pathname.replace(/\/+$/, '');
    base.pathname = path.endsWith('/api/v1/query') ? path : `${path}/api/v1/query`;
    return base;
}
/** Network failures, classified by their code (Node's errno names and undici's codes). */
const TIMEOUT_CODES = new Set([
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'ETIMEDOUT',
]);
function errorCode(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const { code, cause } = error;
    if (typeof code === 'string')
        return code;
    return errorCode(cause);
}
function classifyNetworkError(code) {
    return code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'unreachable';
}
/** Below this a password is not masked on its own: it would match innocent text. */
const MIN_MASKED_PASSWORD = 6;
/** Replaces the token or URL credentials (and the headers made from them) wherever echoed. */
function redactor(token, basic) {
    const secrets = [];
    if (token !== undefined && token.trim() !== '') {
        const header = authorizationHeader(token);
        secrets.push(header, token.trim(), header.replace(/^(FlyV1|Bearer) /, ''));
    }
    if (basic) {
        secrets.push(basic.header, basic.header.replace(/^Basic /, ''));
        if (basic.password.length >= MIN_MASKED_PASSWORD)
            secrets.push(basic.password);
    }
    const longestFirst = [...new Set(secrets)]
        .filter((secret) => secret !== '')
        .sort((a, b) => b.length - a.length);
    return (text) => longestFirst.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}
function trimRaw(text) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= RAW_LIMIT_BYTES)
        return text;
    // Cutting bytes may split a character; the decoder turns the stray tail into U+FFFD.
    return `${bytes.subarray(0, RAW_LIMIT_BYTES).toString('utf8')}... (${bytes.length} bytes)`;
}
class BodyTooLarge extends Error {
}
async function readBounded(body, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > limit) {
            body.destroy();
            throw new BodyTooLarge(`the answer is larger than ${limit} bytes`);
        }
        chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks).toString('utf8');
}
/** Runs one instant query. Resolves with a value or a classified error; never leaks the token. */
async function queryInstant(options) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
        throw new TypeError(`queryInstant: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    const { baseUrl, query, timeoutMs, method, maxBodyBytes } = parsed.data;
    const { token, signal: callerSignal } = options;
    const target = (0,outbound/* splitUrlCredentials */.CN)(baseUrl);
    const basic = target.authorization && target.credentials
        ? { header: target.authorization, password: target.credentials.password }
        : undefined;
    const redact = redactor(token, basic);
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
    const url = queryEndpoint(target.url);
    const form = new URLSearchParams({ query }).toString();
    if (method === 'GET')
        url.search = form;
    const headers = {
        accept: 'application/json',
        'user-agent': 'deploy-gate',
    };
    // The token input is explicit; URL credentials are the fall-back (both would be one header).
    if (token !== undefined && token.trim() !== '')
        headers.authorization = authorizationHeader(token);
    else if (target.authorization)
        headers.authorization = target.authorization;
    if (method === 'POST')
        headers['content-type'] = 'application/x-www-form-urlencoded';
    const started = external_node_perf_hooks_.performance.now();
    const elapsed = () => Math.round(external_node_perf_hooks_.performance.now() - started);
    let httpStatus;
    let bodyText;
    let own;
    let via;
    try {
        let dispatcher = options.dispatcher;
        if (dispatcher === undefined) {
            ({ dispatcher, via } = (0,outbound/* openDispatcher */.y_)(url, { connectTimeoutMs: timeoutMs }));
            own = dispatcher;
        }
        const response = await (0,outbound/* untilAborted */.Eu)((0,undici.request)(url, {
            method,
            headers,
            ...(method === 'POST' ? { body: form } : {}),
            signal,
            // Backstops behind the overall signal, so a stalled socket is torn down by undici too.
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            dispatcher,
        }), signal);
        httpStatus = response.statusCode;
        bodyText = await readBounded(response.body, maxBodyBytes);
    }
    catch (error) {
        if (callerSignal?.aborted)
            throw callerSignal.reason;
        const base = { durationMs: elapsed(), ...(httpStatus !== undefined ? { httpStatus } : {}) };
        if (error instanceof BodyTooLarge) {
            return { kind: 'error', errorClass: 'bad-response', message: error.message, ...base };
        }
        // Whichever fired first (our signal, or undici's own headers/body timer), it is a timeout.
        const code = timeoutSignal.aborted ? undefined : errorCode(error);
        const errorClass = timeoutSignal.aborted ? 'timeout' : classifyNetworkError(code);
        const message = errorClass === 'timeout'
            ? `no complete answer within ${timeoutMs} ms${code ? ` (${code})` : ''}`
            : `Prometheus unreachable at ${url.origin}${via ? ` via proxy ${via}` : ''} (${code ?? 'no error code'})`;
        return { kind: 'error', errorClass, message, ...(code !== undefined ? { code } : {}), ...base };
    }
    finally {
        own?.destroy().catch(() => undefined);
    }
    const durationMs = elapsed();
    const outcome = interpretQueryResponse(httpStatus, bodyText);
    const raw = trimRaw(redact(bodyText));
    if (outcome.kind === 'value') {
        // Warnings and labels come from the server too: a proxy that echoes headers must not leak.
        const { warnings, labels } = outcome;
        return {
            ...outcome,
            ...(warnings ? { warnings: warnings.map(redact) } : {}),
            ...(labels
                ? {
                    labels: Object.fromEntries(Object.entries(labels).map(([key, value]) => [redact(key), redact(value)])),
                }
                : {}),
            raw,
            durationMs,
        };
    }
    return { ...outcome, message: redact(outcome.message), raw, durationMs };
}

;// CONCATENATED MODULE: ./src/metrics/collect-round.ts


const NAMES = [
    ['errorRate', 'error-rate'],
    ['latency', 'latency'],
    ['requestCount', 'request-count'],
];
async function collectRound(options) {
    const { clock, queries, since } = options;
    const run = options.query ?? queryInstant;
    const at = clock.now();
    const elapsedMs = at - since;
    const planned = NAMES.flatMap(([key, name]) => {
        const template = queries[key];
        return template === undefined ? [] : [{ name, query: expandWindow(template, elapsedMs) }];
    });
    const measurements = await Promise.all(planned.map(async ({ name, query }) => {
        const outcome = await run({
            baseUrl: options.baseUrl,
            query,
            timeoutMs: options.timeoutMs,
            ...(options.token !== undefined ? { token: options.token } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
        });
        return { at, name, query, outcome };
    }));
    return { at, measurements };
}

// EXTERNAL MODULE: ./src/metrics/metrics-evidence.ts
var metrics_evidence = __webpack_require__(80052);
// EXTERNAL MODULE: ./src/metrics/judge-round.ts + 1 modules
var judge_round = __webpack_require__(27937);
;// CONCATENATED MODULE: ./src/metrics/verdict-rules.ts

function rulesFor(policy, judgement, errorRun) {
    const rules = [];
    const outcomeOf = (f) => f.status === 'good'
        ? 'pass'
        : f.status === 'bad'
            ? 'fail'
            : f.status === 'no-data'
                ? 'no-data'
                : 'error';
    const find = (name) => judgement?.findings.find((f) => f.name === name);
    const errorRate = find('error-rate');
    if (errorRate && policy.maxErrorRate !== undefined) {
        rules.push({
            rule: 'max-error-rate',
            observed: errorRate.observed ?? null,
            limit: policy.maxErrorRate,
            unit: 'ratio',
            outcome: outcomeOf(errorRate),
            ...(errorRate.evidence !== undefined
                ? { evidence: errorRate.evidence, alpha: errorRate.alpha ?? policy.alpha }
                : {}),
        });
    }
    const latency = find('latency');
    if (latency && policy.maxLatencyMs !== undefined) {
        rules.push({
            rule: 'max-latency',
            observed: latency.observed ?? null,
            limit: policy.maxLatencyMs,
            unit: 'ms',
            outcome: outcomeOf(latency),
        });
    }
    const requests = find('request-count');
    if (requests) {
        rules.push({
            rule: 'min-requests',
            observed: requests.observed ?? null,
            limit: (0,judge_round/* effectiveMinRequests */.IP)(policy),
            unit: 'requests',
            outcome: outcomeOf(requests),
        });
    }
    rules.push({
        rule: 'max-consecutive-errors',
        observed: errorRun,
        limit: policy.maxConsecutiveErrors,
        unit: 'rounds',
        outcome: errorRun >= policy.maxConsecutiveErrors ? 'inconclusive' : 'pass',
    });
    return rules;
}

;// CONCATENATED MODULE: ./src/metrics/judge-metrics.ts



/**
 * The verdict over every round so far. Call it after each round with `final: false` (pending
 * until something decides), and once at the end of observation with `final: true`.
 */
function metricsVerdict(policy, rounds, options = {}) {
    const judgements = rounds.map((round) => (0,judge_round/* judgeRound */.C4)(policy, round));
    const counts = { rounds: judgements.length, good: 0, bad: 0, noData: 0, providerError: 0 };
    for (const j of judgements) {
        if (j.status === 'good')
            counts.good += 1;
        else if (j.status === 'bad')
            counts.bad += 1;
        else if (j.status === 'no-data')
            counts.noData += 1;
        else
            counts.providerError += 1;
    }
    let errorRun = 0;
    let lastJudged;
    const badSince = new Map();
    for (const [index, j] of judgements.entries()) {
        const decided = (0,metrics_evidence/* persistence */.k)(policy, badSince, j);
        if (decided.reason) {
            return {
                status: 'fail',
                reasons: [decided.reason],
                rules: rulesFor(policy, j, errorRun),
                counts,
                decidingRound: index,
            };
        }
        if (j.status === 'bad') {
            // Beyond a limit, not for long enough yet: judged, but not a failure.
            errorRun = 0;
            lastJudged = index;
            continue;
        }
        if (j.status === 'provider-error') {
            errorRun += 1;
            if (errorRun >= policy.maxConsecutiveErrors) {
                const last = j.reasons[0] ?? 'unknown error';
                return {
                    status: 'inconclusive',
                    reasons: [
                        `${errorRun} metrics rounds in a row could not be judged (limit ${policy.maxConsecutiveErrors}); last: ${last}`,
                    ],
                    rules: rulesFor(policy, j, errorRun),
                    counts,
                    decidingRound: index,
                };
            }
        }
        else {
            errorRun = 0;
            lastJudged = index;
        }
    }
    const latestIndex = judgements.length - 1;
    const latest = judgements[latestIndex];
    const trailingErrors = errorRun > 0
        ? [`the last ${errorRun} round(s) could not be judged; last: ${latest?.reasons[0] ?? ''}`]
        : [];
    if (!options.final) {
        const reasons = latest === undefined
            ? ['waiting for the first metrics round']
            : [`${judgements.length} round(s) so far, latest ${latest.status}`, ...latest.reasons];
        return {
            status: 'pending',
            reasons,
            rules: rulesFor(policy, latest, errorRun),
            counts,
            ...(latest ? { decidingRound: latestIndex } : {}),
        };
    }
    if (latest === undefined) {
        return {
            status: 'inconclusive',
            reasons: ['no metrics round completed'],
            rules: rulesFor(policy, undefined, 0),
            counts,
        };
    }
    const judged = lastJudged === undefined ? undefined : judgements[lastJudged];
    if (lastJudged === undefined || judged === undefined) {
        return {
            status: 'inconclusive',
            reasons: [
                `no metrics round could be judged (${judgements.length} with provider errors)`,
                ...trailingErrors,
            ],
            rules: rulesFor(policy, latest, errorRun),
            counts,
            decidingRound: latestIndex,
        };
    }
    const rules = rulesFor(policy, judged, errorRun);
    if (judged.status === 'good') {
        const summary = judged.findings.map((f) => f.message).join('; ');
        return {
            status: 'pass',
            reasons: [`metrics within limits: ${summary}`, ...trailingErrors],
            rules,
            counts,
            decidingRound: lastJudged,
        };
    }
    if (judged.status === 'bad') {
        return {
            status: 'inconclusive',
            reasons: [
                ...judged.reasons.map((r) => `${r} (beyond the limit at the end, for less than ${policy.persistMs / 1000}s)`),
                ...trailingErrors,
            ],
            rules,
            counts,
            decidingRound: lastJudged,
        };
    }
    // judged.status is 'no-data': provider-error rounds never become lastJudged.
    return {
        status: policy.onNoData,
        reasons: [
            ...judged.reasons.map((r) => `${r} (on-no-data: ${policy.onNoData})`),
            ...trailingErrors,
        ],
        rules,
        counts,
        decidingRound: lastJudged,
    };
}

;// CONCATENATED MODULE: ./src/metrics/metrics-policy.ts
/**
 * The metrics policy in the units the judge works in (fractions, milliseconds), validated with
 * zod. The settings layer converts action inputs (max-error-rate in percent, durations) into it.
 */

const DEFAULT_MAX_CONSECUTIVE_ERRORS = 3;
const DEFAULT_ALPHA = 0.05;
/** A point estimate over an extrapolated window is noise; one minute above the limit is not. */
const DEFAULT_PERSIST_MS = 60_000;
const ON_NO_DATA_VALUES = ['inconclusive', 'pass', 'fail'];
const show = (value) => JSON.stringify(value) ?? String(value);
const metricsPolicySchema = schemas/* object */.Ikc({
    maxErrorRate: schemas/* number */.aig({ error: (i) => `maxErrorRate must be a number, got ${show(i.input)}` })
        .min(0, {
        error: (i) => `maxErrorRate must be a fraction between 0 and 1, got ${show(i.input)}`,
    })
        .max(1, {
        error: (i) => `maxErrorRate must be a fraction between 0 and 1 (max-error-rate 5 means 0.05), got ${show(i.input)}`,
    })
        .optional(),
    maxLatencyMs: schemas/* number */.aig({ error: (i) => `maxLatencyMs must be a number, got ${show(i.input)}` })
        .positive({ error: (i) => `maxLatencyMs must be greater than 0, got ${show(i.input)}` })
        .optional(),
    minRequests: schemas/* number */.aig({ error: (i) => `minRequests must be a number, got ${show(i.input)}` })
        .int({ error: (i) => `minRequests must be a whole number >= 0, got ${show(i.input)}` })
        .min(0, { error: (i) => `minRequests must be a whole number >= 0, got ${show(i.input)}` })
        .optional(),
    onNoData: schemas/* enum */.k5n(ON_NO_DATA_VALUES, {
        error: (i) => `onNoData must be one of ${ON_NO_DATA_VALUES.join(', ')}, got ${show(i.input)}`,
    })
        .default('inconclusive'),
    maxConsecutiveErrors: schemas/* number */.aig({ error: (i) => `maxConsecutiveErrors must be a number, got ${show(i.input)}` })
        .int({ error: (i) => `maxConsecutiveErrors must be a whole number >= 1, got ${show(i.input)}` })
        .min(1, {
        error: (i) => `maxConsecutiveErrors must be a whole number >= 1, got ${show(i.input)}`,
    })
        .default(DEFAULT_MAX_CONSECUTIVE_ERRORS),
    alpha: schemas/* number */.aig({ error: (i) => `alpha must be a number, got ${show(i.input)}` })
        .gt(0, { error: (i) => `alpha must be between 0 and 0.5, got ${show(i.input)}` })
        .max(0.5, { error: (i) => `alpha must be between 0 and 0.5, got ${show(i.input)}` })
        .default(DEFAULT_ALPHA),
    persistMs: schemas/* number */.aig({ error: (i) => `persistMs must be a number, got ${show(i.input)}` })
        .min(0, { error: (i) => `persistMs must be 0 or more, got ${show(i.input)}` })
        .default(DEFAULT_PERSIST_MS),
});
/** Validates a policy, filling defaults; throws one error listing every problem. */
function parseMetricsPolicy(input) {
    const result = metricsPolicySchema.safeParse(input);
    if (!result.success) {
        throw new RangeError(`invalid metrics policy: ${result.error.issues.map((i) => i.message).join('; ')}`);
    }
    return result.data;
}

;// CONCATENATED MODULE: ./src/metrics/metrics-watch.ts




/** Without request counts, a metric fails once beyond its limit for this many intervals. */
const PERSIST_INTERVALS = 2;
/** A query may take this long at most (and never longer than the interval between rounds). */
const QUERY_TIMEOUT_MS = 10_000;
function watchMetrics(options) {
    const { settings, clock, recorder, signal: cancel } = options;
    const intervalMs = settings.intervalMs;
    const policy = parseMetricsPolicy({
        ...(options.queries.errorRate ? { maxErrorRate: settings.maxErrorRate } : {}),
        ...(settings.maxLatencyMs !== undefined ? { maxLatencyMs: settings.maxLatencyMs } : {}),
        ...(settings.minRequests !== undefined ? { minRequests: settings.minRequests } : {}),
        onNoData: settings.onNoData,
        alpha: settings.alpha,
        // `for:` of two intervals: a value must be beyond its limit in three rounds in a row.
        persistMs: PERSIST_INTERVALS * intervalMs,
    });
    const rounds = [];
    /** Ends the loop: finish(), or the run's cancellation. */
    const stop = new AbortController();
    const onCancel = () => stop.abort(cancel?.reason);
    cancel?.addEventListener('abort', onCancel, { once: true });
    if (cancel?.aborted)
        onCancel();
    let decided;
    let loop;
    let finished = false;
    /** An error that was not a cancellation, kept for finish() (never an unhandled rejection). */
    let broken;
    const runRound = async (signal) => {
        const round = await collectRound({
            baseUrl: options.baseUrl,
            queries: options.queries,
            since: options.since,
            clock,
            timeoutMs: Math.min(QUERY_TIMEOUT_MS, intervalMs),
            ...(signal ? { signal } : {}),
            ...(options.token ? { token: options.token } : {}),
            ...(options.query ? { query: options.query } : {}),
        });
        rounds.push(round);
        recorder.metricsRound(round, (0,judge_round/* judgeRound */.C4)(policy, round));
        const verdict = metricsVerdict(policy, rounds);
        if (verdict.status === 'fail' || verdict.status === 'inconclusive') {
            decided = verdict;
            if (verdict.status === 'fail')
                options.onFail(verdict);
        }
    };
    const runLoop = async () => {
        const startedAt = clock.now();
        let slot = 0;
        while (!decided && !stop.signal.aborted) {
            await runRound(stop.signal);
            if (decided)
                return;
            // The next slot on the grid startedAt + k x interval; a round that overran skips slots
            // instead of firing late ones back to back.
            slot = Math.max(slot + 1, Math.floor((clock.now() - startedAt) / intervalMs) + 1);
            await clock.sleep(startedAt + slot * intervalMs - clock.now(), stop.signal);
        }
    };
    return {
        start() {
            if (loop || finished)
                return;
            loop = runLoop().catch((error) => {
                // Aborted queries and sleeps reject with the abort reason: that is how the loop ends.
                if (!stop.signal.aborted)
                    broken = { error };
            });
        },
        async finish({ closingRound = true } = {}) {
            finished = true;
            stop.abort(new Error('gate ended'));
            await loop;
            cancel?.removeEventListener('abort', onCancel);
            if (broken)
                throw broken.error;
            // No closing round when the probes already failed: it could only delay the rollback.
            if (closingRound && !decided && !cancel?.aborted) {
                try {
                    await runRound(cancel);
                }
                catch (error) {
                    if (!cancel?.aborted)
                        throw error;
                }
            }
            const verdict = decided ?? metricsVerdict(policy, rounds, { final: cancel?.aborted !== true });
            return { baseUrl: options.baseUrl, queries: options.queries, policy, rounds, verdict };
        },
    };
}


/***/ })

};
