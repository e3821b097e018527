export const id = 697;
export const ids = [697];
export const modules = {

/***/ 24062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   wF: () => (/* binding */ describeIssues)
/* harmony export */ });
/* unused harmony exports isSecretPath, knownKeys */
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91477);
/* harmony import */ var _file_fields_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75105);
/* harmony import */ var _read_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15775);



/** Header values, and fields that set a secret input (tokens), are never quoted. */
function isSecretPath(path) {
    const names = path.filter((p) => typeof p === 'string');
    const input = _file_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .FILE_INPUTS */ .zN[names.join('.')];
    return names.includes('headers') || (input !== undefined && _read_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .SECRET_INPUTS */ .pH.has(input));
}
function describeIssues(issues, schema, written) {
    const out = [];
    for (const issue of issues) {
        const path = issue.path.filter((p) => typeof p !== 'symbol');
        if (issue.code === 'unrecognized_keys') {
            const known = knownKeys(schema, path);
            for (const key of issue.keys) {
                const close = closest(key, known);
                // `search_response_time_p90` next to `search_timeout`: an SLO target, one level down.
                const target = path.length === 0 && _file_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .PERCENTILE_KEY */ .eN.test(key);
                out.push({
                    path: [...path, key],
                    message: `is not a known field${close ? `; did you mean "${close}"?` : target ? ' here: an SLO target goes under slo_targets;' : ';'}` +
                        (known.length > 0 ? ` accepted: ${known.join(', ')}` : ''),
                });
            }
            continue;
        }
        const value = written(path);
        const shown = value === null ? 'is empty;' : (0,_problems_js__WEBPACK_IMPORTED_MODULE_0__/* .shownValue */ .JJ)(value, isSecretPath(path));
        out.push({ path, message: `${shown} ${issue.message}` });
    }
    return out;
}
const defOf = (schema) => schema._zod.def;
/** The object schemas reachable at a path (through optional, nullable, arrays and unions). */
function objectsAt(schema, path) {
    const def = defOf(schema);
    if ((def.type === 'optional' || def.type === 'nullable') && def.innerType)
        return objectsAt(def.innerType, path);
    if (def.type === 'union')
        return (def.options ?? []).flatMap((o) => objectsAt(o, path));
    if (path.length === 0)
        return def.type === 'object' ? [def] : [];
    const [head, ...rest] = path;
    if (def.type === 'array' && def.element && typeof head === 'number')
        return objectsAt(def.element, rest);
    const child = def.type === 'object' ? def.shape?.[String(head)] : undefined;
    return child ? objectsAt(child, rest) : [];
}
function knownKeys(schema, path) {
    return [...new Set(objectsAt(schema, path).flatMap((def) => Object.keys(def.shape ?? {})))];
}
/** The known key nearest to a typo, when it is near enough to be a likely intent. */
function closest(word, candidates) {
    const norm = (s) => s.toLowerCase().replace(/[-_\s]/g, '');
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (norm(candidate) === norm(word))
            return candidate;
        const d = distance(norm(word), norm(candidate));
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 4))
        ? best
        : undefined;
}
/** Levenshtein distance. */
function distance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        }
        previous = current;
    }
    return previous[b.length];
}


/***/ }),

/***/ 75105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FN: () => (/* binding */ METRICS_KEYS),
/* harmony export */   aZ: () => (/* binding */ NOT_JUDGED_FIELDS),
/* harmony export */   ak: () => (/* binding */ ENDPOINT_INPUTS),
/* harmony export */   bL: () => (/* binding */ NAMED_FIELD),
/* harmony export */   eN: () => (/* binding */ PERCENTILE_KEY),
/* harmony export */   hq: () => (/* binding */ VERSION_INPUTS),
/* harmony export */   x8: () => (/* binding */ POLICY_INPUTS),
/* harmony export */   zN: () => (/* binding */ FILE_INPUTS)
/* harmony export */ });
/* harmony import */ var _input_spec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81509);
/**
 * Where each field of the service-matrix file goes: the action input it sets, the patterns of the
 * keys a team names itself (`search_endpoint`, `search_response_time_p90`), and the fields kept
 * but not judged. config-schema.ts declares the same fields with their types and descriptions
 * (tests keep the two equal). Imports nothing but the input list, for the schema script.
 */

/** The `policy:` block takes the action's policy inputs under their own names. */
const POLICY_INPUTS = _input_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUTS */ .m.filter((i) => i.group === 'policy').map((i) => i.name);
/** The `metrics:` block: the metrics inputs by name; `preset` is the `metrics` input. */
const METRICS_KEYS = Object.fromEntries(_input_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUTS */ .m.filter((i) => i.group === 'metrics').map((i) => [
    i.name === 'metrics' ? 'preset' : i.name,
    i.name,
]));
/**
 * Every field of a service (or `defaults`) that sets one action input, by its path in the file:
 * the one table the loader reads values with. config-schema.ts's block schemas declare the same
 * keys with their types and descriptions (a test keeps the two equal).
 */
const FILE_INPUTS = {
    'monitoring.interval': 'interval',
    'monitoring.timeout': 'timeout',
    'monitoring.grace_period': 'initial-delay',
    'fly.app': 'fly-app',
    'fly.config': 'fly-config',
    'fly.api_token': 'fly-api-token',
    'rollback.mode': 'rollback',
    'rollback.to': 'rollback-to',
    'rollback.strategy': 'rollback-strategy',
    'rollback.timeout': 'rollback-timeout',
    'rollback.command': 'rollback-command',
    'rollback.fail_on_rollback': 'fail-on-rollback',
    ...Object.fromEntries(POLICY_INPUTS.map((name) => [`policy.${name}`, name])),
    ...Object.fromEntries(Object.entries(METRICS_KEYS).map(([key, input]) => [`metrics.${key}`, input])),
    environment: 'environment',
    environment_url: 'environment-url',
    runbook_url: 'runbook-url',
};
/**
 * The endpoint fields that set one input each, for that endpoint. `name`, `path` and `url` say
 * which endpoint it is; `headers`, `expected_status` and `expect_json` have readers of their own
 * (a test keeps this table and config-schema.ts's endpoint schema equal).
 */
const ENDPOINT_INPUTS = {
    method: 'method',
    expect_body: 'expect-body',
    expected_version: 'expected-version',
    version_path: 'version-path',
    version_header: 'version-header',
    follow_redirects: 'follow-redirects',
    latency_slo: 'latency-slo',
    max_latency: 'max-latency',
    timeout: 'timeout',
    interval: 'interval',
};
/** A service's version check, applied to its build endpoint (or each endpoint without its own). */
const VERSION_INPUTS = Object.fromEntries(['expected_version', 'version_path', 'version_header'].map((key) => [
    key,
    ENDPOINT_INPUTS[key],
]));
/**
 * `response_time_p95`, `latency_p99.9`: a latency objective at that percentile, for every
 * endpoint; `search_response_time_p90`: for the endpoint named `search` only.
 */
const PERCENTILE_KEY = /^(?:([a-z][a-z0-9]*(?:_[a-z0-9]+)*?)_)?(?:response_time|latency)_p(\d+(?:\.\d+)?)$/;
/**
 * A named endpoint and its timing, as service matrices write them: `search_endpoint: /search`,
 * `search_interval: 60s`, `search_timeout: 10s` (also `health_interval` for `health_endpoint`).
 */
const NAMED_FIELD = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*?)_(endpoint|interval|timeout)$/;
/**
 * Fields a service matrix keeps for other tools (a monitor's cron, a job's success rate): the gate
 * cannot judge them, so it records them and lists them as not judged instead of refusing the file.
 * By path in a service; this table is the only list of them.
 */
const NOT_JUDGED_FIELDS = {
    schedule: 'A cron schedule for a scheduled monitor, e.g. `0 */1 * * *`.',
    job_success_rate: 'Share of successful scheduled jobs, e.g. `95%`.',
    description: 'What the service is.',
    owner: 'Who owns the service.',
    'slo_targets.job_success_rate': 'Share of successful scheduled jobs, e.g. `95%`.',
};


/***/ }),

/***/ 91697:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ loadServiceConfig)
});

// UNUSED EXPORTS: parseServiceConfig

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/evidence/special-paths.ts
var special_paths = __webpack_require__(69931);
// EXTERNAL MODULE: ./src/settings/problems.ts
var settings_problems = __webpack_require__(91477);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./src/settings/input-spec.ts
var input_spec = __webpack_require__(81509);
// EXTERNAL MODULE: ./src/settings/file-fields.ts
var file_fields = __webpack_require__(75105);
;// CONCATENATED MODULE: ./src/settings/config-schema.ts
/**
 * The shape of the service-matrix file, as zod schemas without transforms: they only check
 * structure (which fields exist, which YAML types they take). Values are judged later by the same
 * field parsers as the action inputs. schema/config.schema.json is generated from these schemas,
 * so editors complete exactly what the loader accepts.
 *
 * This module imports nothing but zod and the input list, so scripts/gen-config-schema.ts can load
 * it with Node's own type stripping.
 */



/** A YAML scalar written as text or a number: `15s`, `2`, `99.9%`, `200`. */
const textOrNumber = (description) => schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()], { error: 'must be text or a number' }).describe(description);
const config_schema_text = (description) => schemas/* string */.YjP({ error: 'must be text' }).describe(description);
const flag = (description) => schemas/* union */.KCZ([schemas/* boolean */.zMY(), schemas/* string */.YjP()], { error: 'must be true or false' }).describe(description);
const describedInput = (name) => {
    const spec = input_spec/* INPUTS */.m.find((input) => input.name === name);
    return spec ? `${spec.description} Same as the action input \`${name}\`.` : name;
};
const headers = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()], { error: 'a header value must be text or a number' }))
    .describe('Request headers as `Name: value`. Values are secrets: masked in logs and redacted everywhere; use ${VAR} to take them from the environment.');
const expectedStatus = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]))], {
    error: 'must be a status code, a range like 200-299, or a list of them',
})
    .describe('Accepted status codes: `200`, `200-299`, `200,204` or a list `[200, 204]`.');
const expectJson = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())], {
    error: 'must be an assertion like `status == ok` or a list of them',
})
    .describe('JSON assertions `path == value` / `path != value`, as a list (or one per line).');
const endpointObjectSchema = schemas/* strictObject */.rej({
    name: config_schema_text('A label for this endpoint in reports. Default: its path or URL.').optional(),
    path: config_schema_text('Path joined to the service `base_url` (or https://<fly app>.fly.dev).').optional(),
    url: config_schema_text('Absolute http(s) URL; instead of `path`.').optional(),
    method: config_schema_text('HTTP method. Default GET.').optional(),
    headers: headers.optional(),
    expected_status: expectedStatus.optional(),
    expect_body: config_schema_text('The body must contain this text, or match `/regex/flags`.').optional(),
    expect_json: expectJson.optional(),
    expected_version: textOrNumber('The version this endpoint must serve, e.g. ${GITHUB_SHA}.').optional(),
    version_path: config_schema_text('Dotted path of the version in the JSON body. Default `version`.').optional(),
    version_header: config_schema_text('Read the version from this response header instead.').optional(),
    follow_redirects: flag('Follow redirects (at most 5 hops). Default false.').optional(),
    latency_slo: config_schema_text('Latency objectives for this endpoint, e.g. `p90<5s` or `p95<500ms,p99<1s`.').optional(),
    max_latency: textOrNumber('A slower response is a failed probe, e.g. `5s`.').optional(),
    timeout: textOrNumber('Budget of one request to this endpoint, e.g. `2s`.').optional(),
    interval: textOrNumber('Time between probes of this endpoint, e.g. `60s`.').optional(),
}, { error: 'must be a mapping of fields' })
    .describe('One endpoint to probe: a `path` (joined to the base URL) or a full `url`.');
const endpointSchema = schemas/* union */.KCZ([
    schemas/* string */.YjP().describe('A path like /healthz (joined to the base URL) or a full http(s) URL.'),
    endpointObjectSchema,
], { error: 'must be a path, a URL, or an object with `path` or `url`' });
const notJudged = (what) => schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()], { error: 'must be text, a number or true/false' })
    .describe(`${what} Not judged by the gate: kept in the audit record and listed in the summary.`)
    .optional();
/** The not-judged fields under `prefix` (`''` for the service's own level), as schema fields. */
const notJudgedAt = (prefix) => Object.fromEntries(Object.entries(file_fields/* NOT_JUDGED_FIELDS */.aZ)
    .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('.'))
    .map(([path, what]) => [path.slice(prefix.length), notJudged(what)]));
const sloTargetsSchema = schemas/* object */.Ikc({
    availability: textOrNumber('Share of successful probes, e.g. `99.9%`. Sets max-error-rate to 100 minus it, unless `error_rate` is given.').optional(),
    error_rate: textOrNumber('Tolerated error rate, e.g. `<1%` or `1%`. Sets max-error-rate.').optional(),
    response_time_p50: textOrNumber('Median latency objective, e.g. `200ms`.').optional(),
    response_time_p90: textOrNumber('90th percentile latency objective, e.g. `5s`.').optional(),
    response_time_p95: textOrNumber('95th percentile latency objective, e.g. `500ms`.').optional(),
    response_time_p99: textOrNumber('99th percentile latency objective, e.g. `1s`.').optional(),
    ...notJudgedAt('slo_targets.'),
}, { error: 'must be a mapping of fields' })
    // Other percentiles (`response_time_p75`, `latency_p99.9`) are checked by the loader; the
    // published schema lists them as patternProperties.
    .catchall(textOrNumber('A latency objective at the percentile in the key, e.g. `500ms`.'))
    .describe('Service level objectives judged over the gate: availability / error_rate set max-error-rate, `response_time_pNN` set latency objectives.');
const monitoringSchema = schemas/* strictObject */.rej({
    interval: textOrNumber('Time between probes, e.g. `15s`. Sets `interval`.').optional(),
    timeout: textOrNumber('Budget of one request, e.g. `2s`. Sets `timeout`.').optional(),
    grace_period: textOrNumber('Wait after the deploy before the first probe, e.g. `30s`. Sets `initial-delay`.').optional(),
}, { error: 'must be a mapping of fields' })
    .describe('Probe settings.');
const flySchema = schemas/* strictObject */.rej({
    app: config_schema_text('The Fly.io app. Sets `fly-app`.').optional(),
    config: config_schema_text('Path to fly.toml (relative to the working directory). Sets `fly-config`; without a URL its [[http_service.checks]] give the endpoints and probe timing.').optional(),
    api_token: config_schema_text('A Fly.io token for this app, only as a ${VAR} reference (secrets never live in the file). Sets `fly-api-token`.').optional(),
}, { error: 'must be a mapping of fields' })
    .describe('The Fly.io app of this service.');
const rollbackSchema = schemas/* strictObject */.rej({
    mode: schemas/* enum */.k5n(['auto', 'none'], { error: 'must be auto or none' })
        .describe(describedInput('rollback'))
        .optional(),
    to: textOrNumber(describedInput('rollback-to')).optional(),
    strategy: schemas/* enum */.k5n(['canary', 'rolling', 'bluegreen', 'immediate'], {
        error: 'must be canary, rolling, bluegreen or immediate',
    })
        .describe(describedInput('rollback-strategy'))
        .optional(),
    timeout: textOrNumber(describedInput('rollback-timeout')).optional(),
    command: config_schema_text(describedInput('rollback-command')).optional(),
    fail_on_rollback: flag(describedInput('fail-on-rollback')).optional(),
}, { error: 'must be a mapping of fields' })
    .describe('Rollback settings.');
const policySchema = schemas/* strictObject */.rej(Object.fromEntries(file_fields/* POLICY_INPUTS */.x8.map((name) => [name, textOrNumber(describedInput(name)).optional()])), { error: 'must be a mapping of fields' })
    .describe('Policy overrides, named exactly like the action inputs.');
const metricsSchema = schemas/* strictObject */.rej(Object.fromEntries(Object.entries(file_fields/* METRICS_KEYS */.FN).map(([key, input]) => [
    key,
    input === 'prometheus-token'
        ? config_schema_text(`${describedInput(input)} Only as a \${VAR} reference.`).optional()
        : textOrNumber(describedInput(input)).optional(),
])), { error: 'must be a mapping of fields' })
    .describe('Prometheus metrics judged during the gate, named like the action inputs.');
const serviceFields = {
    base_url: config_schema_text('Base URL that endpoint paths are joined to, e.g. https://api.example.com.').optional(),
    url: config_schema_text('The base URL (alias of `base_url`), e.g. https://api.example.com.').optional(),
    ...notJudgedAt(''),
    health_endpoint: config_schema_text('Health check path (or URL), e.g. /healthz. `null` drops a default.')
        .nullable()
        .optional(),
    build_endpoint: config_schema_text('Where the deployed build/version is read, e.g. /__build; judged against `expected_version`. `null` drops a default.')
        .nullable()
        .optional(),
    expected_version: textOrNumber('The version the new release must serve, e.g. ${GITHUB_SHA}. Checked on `build_endpoint` (or every endpoint without one).').optional(),
    version_path: config_schema_text('Dotted path of the version in the JSON body. Default `version`.').optional(),
    version_header: config_schema_text('Read the version from this response header instead of the body.').optional(),
    headers: headers.optional(),
    endpoints: schemas/* array */.YOg(endpointSchema, { error: 'must be a list of endpoints' }).optional(),
    slo_targets: sloTargetsSchema.optional(),
    monitoring: monitoringSchema.optional(),
    fly: flySchema.optional(),
    rollback: rollbackSchema.optional(),
    policy: policySchema.optional(),
    metrics: metricsSchema.optional(),
    environment: config_schema_text('GitHub environment whose deployments show this gate. Sets `environment`.').optional(),
    environment_url: config_schema_text('URL shown on the environment page. Sets `environment-url`.').optional(),
    runbook_url: config_schema_text('Runbook for this service, linked from annotations, summary and notifications. Sets `runbook-url`.').optional(),
};
const serviceSchema = schemas/* strictObject */.rej({
    name: config_schema_text('Service name: letters, digits, `.`, `_`, `-` (used for folders and artifact names).').optional(),
    service: config_schema_text('The service name (alias of `name`).').optional(),
    ...serviceFields,
}, { error: 'must be a mapping of fields' })
    .meta({
    id: 'service',
    title: 'Service',
    description: 'One service: where to probe it, what to expect, and how to roll it back.',
});
const defaultsSchema = schemas/* strictObject */.rej(serviceFields, { error: 'must be a mapping of fields' })
    .meta({
    id: 'defaults',
    title: 'Defaults',
    description: 'Values every service takes unless it sets its own (they override the action inputs).',
});
const fileSchema = schemas/* strictObject */.rej({
    defaults: defaultsSchema.optional(),
    services: schemas/* array */.YOg(serviceSchema, { error: 'must be a list of services' }).min(1, {
        error: 'must list at least one service',
    }),
}, { error: 'must be a mapping of fields' })
    .describe('A service matrix: optional defaults and a list of services.');
/** Every top-level key a service may have, for "did you mean" hints. */
const SERVICE_KEYS = Object.keys(serviceSchema.shape);

// EXTERNAL MODULE: ./src/settings/describe-issue.ts
var describe_issue = __webpack_require__(24062);
;// CONCATENATED MODULE: ./src/settings/expand-env.ts
/**
 * `${NAME}` in a value of the config file is replaced by the environment variable NAME; nothing
 * else is evaluated (no defaults, no commands, no nesting). `$${` writes a literal `${`. A `$` not
 * followed by `{` stays as it is, so regexes and prices need no escaping.
 *
 * An unset or empty variable is an error, not an empty string: `expected_version: ${GITHUB_SHA}`
 * silently turning into "" would switch the version check off.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function expandEnv(text, env) {
    let out = '';
    const variables = [];
    let at = 0;
    while (at < text.length) {
        const dollar = text.indexOf('$', at);
        if (dollar === -1) {
            out += text.slice(at);
            break;
        }
        out += text.slice(at, dollar);
        if (text.startsWith('$${', dollar)) {
            out += '${';
            at = dollar + 3;
            continue;
        }
        if (!text.startsWith('${', dollar)) {
            out += '$';
            at = dollar + 1;
            continue;
        }
        const close = text.indexOf('}', dollar + 2);
        const name = close === -1 ? '' : text.slice(dollar + 2, close);
        if (close === -1 || !NAME.test(name)) {
            const shown = close === -1 ? text.slice(dollar) : text.slice(dollar, close + 1);
            return {
                ok: false,
                problem: `${JSON.stringify(shown)} is not a variable reference; only \${NAME} (letters, digits, _) is expanded, and $\${ writes a literal \${`,
            };
        }
        const value = env[name];
        if (value === undefined || value === '') {
            return {
                ok: false,
                problem: `\${${name}}: the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`,
            };
        }
        variables.push(name);
        out += value;
        at = close + 1;
    }
    return { ok: true, value: out, variables };
}
/** True when the text is exactly one `${NAME}` reference (how secrets must be written). */
function isSingleReference(text) {
    const m = /^\$\{([^}]*)\}$/.exec(text.trim());
    return m !== null && NAME.test(m[1] ?? '');
}

// EXTERNAL MODULE: ./src/settings/parse-inputs.ts + 3 modules
var parse_inputs = __webpack_require__(44759);
;// CONCATENATED MODULE: ./src/settings/merge-layers.ts
/**
 * A service over the file's `defaults`: every input the service sets wins; headers merge by name;
 * `endpoints` is taken whole from the service when it has its own; `health_endpoint: null` drops
 * a default's. Then the endpoint list is built:
 *
 *   health_endpoint, build_endpoint, then each of `endpoints`, in that order.
 *
 * The service-level version settings (expected_version, version_path, version_header) apply to
 * the build endpoint, which is where the build is read; without a build endpoint they apply to
 * every endpoint that does not set its own. A service with no endpoint of its own (base_url, the
 * url input, fly.toml's checks) keeps them, with its headers, in `endpointInputs` for whatever it
 * probes. Version settings no endpoint takes are refused, never dropped.
 */


function mergeHeaders(under, over) {
    if (!under)
        return over;
    if (!over)
        return under;
    return { map: { ...under.map, ...over.map }, origin: over.origin };
}
/** Headers as the `headers` input: one `Name: value` per line. */
function headerInput(headers) {
    if (!headers)
        return {};
    const value = Object.entries(headers.map)
        .map(([header, v]) => `${header}: ${v}`)
        .join('\n');
    return { headers: { value, origin: headers.origin } };
}
function pick(service, defaults) {
    if (service === null)
        return undefined;
    if (service !== undefined)
        return service;
    return defaults ?? undefined;
}
/** Like the inputs they set: each target the service writes wins over the defaults' one. */
function mergeSlo(under, over) {
    if (!under || !over)
        return over ?? under;
    const availability = over.availability ?? under.availability;
    const errorRate = over.errorRate ?? under.errorRate;
    return {
        ...(availability !== undefined ? { availability } : {}),
        ...(errorRate !== undefined ? { errorRate } : {}),
        latency: over.latency.length > 0 ? over.latency : under.latency,
    };
}
function mergeByName(under = {}, over = {}) {
    const out = { ...under };
    for (const [label, settings] of Object.entries(over))
        out[label] = { ...out[label], ...settings };
    return out;
}
/**
 * Endpoint names (`search` of search_endpoint, `name:` of a listed endpoint, health, build) must
 * differ: timing and objectives written for a name would apply to every endpoint carrying it.
 * A listed endpoint without a name is known by its path or URL and is not checked here.
 */
function repeatedNames(endpoints, service) {
    const first = new Map();
    const problems = [];
    for (const e of endpoints) {
        if (/^(\/|https?:)/i.test(e.label))
            continue;
        const o = e.targetOrigin;
        const field = o.kind === 'file' ? o.field : e.label;
        const earlier = first.get(e.label);
        if (earlier === undefined) {
            first.set(e.label, field);
            continue;
        }
        problems.push({
            file: o.kind === 'file' ? o.file : '',
            ...(o.kind === 'file' && o.line !== undefined ? { line: o.line } : {}),
            scope: `service "${service}"`,
            field,
            message: `names the endpoint ${JSON.stringify(e.label)}, which ${earlier} already names; accepted: each endpoint name once`,
        });
    }
    return problems;
}
/** `helth_endpoint` declares an endpoint named "helth": said in a note, since it is legal. */
function likelyTypos(named, declared) {
    const missing = ['health', 'build'].filter((k) => declared[k] === undefined);
    return [...named.keys()].flatMap((label) => {
        const near = (0,describe_issue/* closest */.kp)(label, missing);
        return near && near !== label
            ? [`${label}_endpoint declares an endpoint named "${label}"; did you mean ${near}_endpoint?`]
            : [];
    });
}
function mergeNotJudged(under = [], over = []) {
    const written = new Set(over.map((f) => f.field));
    return [...under.filter((f) => !written.has(f.field)), ...over];
}
function mergeLayers(name, file, line, defaults, layer) {
    const inputs = { ...defaults?.inputs, ...layer.inputs };
    const version = { ...defaults?.version, ...layer.version };
    const headers = mergeHeaders(defaults?.headers, layer.headers);
    const baseUrl = layer.baseUrl ?? defaults?.baseUrl;
    const health = pick(layer.health, defaults?.health);
    const build = pick(layer.build, defaults?.build);
    const listed = layer.endpoints ?? defaults?.endpoints ?? [];
    // A named endpoint the service writes replaces the defaults' of the same name, or drops it.
    const named = new Map((defaults?.named ?? []).map((d) => [d.label, d]));
    for (const label of layer.dropped)
        named.delete(label);
    for (const draft of layer.named)
        named.set(draft.label, draft);
    const byName = mergeByName(defaults?.byName, layer.byName);
    const drafts = [];
    if (health)
        drafts.push({ draft: health, takesVersion: !build });
    if (build)
        drafts.push({ draft: build, takesVersion: true });
    for (const draft of [...named.values(), ...listed]) {
        drafts.push({ draft, takesVersion: !build && draft.inputs['expected-version'] === undefined });
    }
    const problems = [];
    const endpoints = drafts.map(({ draft, takesVersion }) => {
        // Objectives written for this endpoint's name join the service's, once every layer is known.
        const { 'latency-slo': objectives, ...timing } = byName[draft.label] ?? {};
        const own = draft.inputs['latency-slo']?.origin;
        if (objectives?.origin.kind === 'file' && own?.kind === 'file')
            problems.push({
                file: objectives.origin.file,
                ...(objectives.origin.line !== undefined ? { line: objectives.origin.line } : {}),
                scope: `service "${name}"`,
                field: objectives.origin.field,
                message: `sets latency-slo of the endpoint "${draft.label}", which ${own.field} already sets; set it in one place`,
            });
        return {
            label: draft.label,
            target: draft.target,
            targetOrigin: draft.targetOrigin,
            inputs: {
                ...(takesVersion ? version : {}),
                ...headerInput(mergeHeaders(headers, draft.headers)),
                ...timing,
                ...draft.inputs,
            },
            ...(objectives && !draft.inputs['latency-slo'] ? { objectives } : {}),
        };
    });
    const labels = new Set(endpoints.map((e) => e.label));
    for (const [label, settings] of Object.entries(byName)) {
        if (labels.has(label))
            continue;
        // `search_timeout` or `search_response_time_p90` without a `search` endpoint would apply
        // nowhere. A `defaults` value is for the services that have the endpoint: not a problem here.
        for (const setting of Object.values(settings)) {
            const o = setting.origin;
            if (o.kind !== 'file' || o.scope === 'defaults')
                continue;
            problems.push({
                file: o.file,
                ...(o.line !== undefined ? { line: o.line } : {}),
                scope: `service "${name}"`,
                field: o.field,
                message: `${(0,settings_problems/* shownValue */.JJ)(o.written, o.secret)} names no endpoint of this service; accepted: declare ${label}_endpoint (or an endpoint with name: ${label}), or one of: ${[...labels].join(', ') || '(none)'}`,
            });
        }
    }
    if (drafts.length > 0 && !drafts.some((d) => d.takesVersion)) {
        // Every endpoint sets its own expected_version: the service's would silently apply nowhere.
        for (const setting of Object.values(version)) {
            const o = setting.origin;
            if (o.kind !== 'file')
                continue;
            problems.push({
                file: o.file,
                ...(o.line !== undefined ? { line: o.line } : {}),
                scope: `service "${name}"`,
                field: o.field,
                message: `${(0,settings_problems/* shownValue */.JJ)(o.written, o.secret)} applies to no endpoint: each sets its own expected_version; accepted: set it on the endpoints, or drop theirs`,
            });
        }
    }
    problems.push(...repeatedNames(endpoints, name));
    const seen = new Map();
    for (const endpoint of endpoints) {
        const key = JSON.stringify([endpoint.target, endpoint.inputs['method']?.value ?? 'GET']);
        const field = endpoint.targetOrigin.kind === 'file' ? endpoint.targetOrigin.field : endpoint.label;
        const first = seen.get(key);
        if (first !== undefined && endpoint.targetOrigin.kind === 'file') {
            problems.push({
                file,
                line: endpoint.targetOrigin.line,
                scope: `service "${name}"`,
                field,
                message: `probes the same endpoint as ${first}; accepted: each endpoint once`,
            });
        }
        seen.set(key, field);
    }
    // Notes explain how slo_targets were read: the service's own, else the defaults' it inherits.
    const notes = [
        ...(layer.notes.length > 0 ? layer.notes : (defaults?.notes ?? [])),
        ...likelyTypos(named, { health, build }),
    ];
    const slo = mergeSlo(defaults?.slo, layer.slo);
    return {
        service: {
            name,
            file,
            ...(line !== undefined ? { line } : {}),
            inputs,
            ...(baseUrl ? { baseUrl } : {}),
            endpoints,
            endpointInputs: { ...version, ...headerInput(headers) },
            notes,
            ...(slo ? { slo } : {}),
            notJudged: mergeNotJudged(defaults?.notJudged, layer.notJudged),
        },
        problems,
    };
}

// EXTERNAL MODULE: ./src/settings/read-inputs.ts
var read_inputs = __webpack_require__(15775);
// EXTERNAL MODULE: ./src/gate/duration.ts
var duration = __webpack_require__(59731);
;// CONCATENATED MODULE: ./src/settings/slo-targets.ts
/**
 * `slo_targets` as teams write them, turned into the action's policy inputs:
 *
 *   availability: 99.9%         → max-error-rate 0.1   (only when error_rate is not given)
 *   error_rate: <1%             → max-error-rate 1
 *   response_time_p95: 500ms    → latency-slo p95<500ms (all percentiles joined: p95<500ms,p99<1s)
 *
 * Why error_rate wins over availability: both end up as the one number the gate judges (the
 * tolerated share of failed probes), and error_rate states it directly. An availability target is
 * usually a long-run objective (a month's error budget); judged over a few minutes of probes with
 * a 95% confidence bound, 99.9% means one failed probe among the first few hundred fails the gate.
 * When a team writes both, the explicit error_rate is the gate's tolerance and a note says so.
 */


const NUMBER = String.raw `(\d+(?:\.\d+)?)`;
const ERROR_RATE = new RegExp(String.raw `^(?:<=?|≤)?\s*${NUMBER}\s*(%?)$`);
const AVAILABILITY = new RegExp(String.raw `^(?:>=?|≥)?\s*${NUMBER}\s*(%?)$`);
const LATENCY = /^(?:<=?|≤)?\s*(.+)$/;
/** 0.1 rather than 0.09999999999999432. */
function plain(n) {
    return String(Number(n.toFixed(6)));
}
function errorRate(value) {
    const m = ERROR_RATE.exec(String(value).trim());
    const n = Number(m?.[1]);
    if (!m || !(n >= 0 && n <= 100))
        return 'is not an error rate; accepted: a percentage from 0 to 100, e.g. <1%, 1% or 0.5';
    return n;
}
function availability(value) {
    const text = String(value).trim();
    const m = AVAILABILITY.exec(text);
    const n = Number(m?.[1]);
    if (!m || !(n > 0 && n <= 100))
        return 'is not an availability; accepted: a percentage above 0 up to 100, e.g. 99.9%';
    // 0.999 is a fraction someone meant as 99.9%, or 0.999 percent: too ambiguous to guess.
    if (m[2] === '' && n <= 1)
        return 'is ambiguous (a fraction or a percent?); accepted: a percentage with %, e.g. 99.9%';
    return n;
}
function latencyLimit(value) {
    if (typeof value === 'number')
        return value > 0 ? `${value}s` : undefined;
    const limit = LATENCY.exec(value.trim())?.[1]?.trim() ?? '';
    const ms = (0,duration/* parseDuration */.E)(limit);
    return ms !== undefined && ms > 0 ? limit.replace(/\s+/g, '') : undefined;
}
function sloInputs(targets) {
    const out = { endpoints: {}, notes: [], problems: [], targets: { latency: [] } };
    const objectives = [];
    const byEndpoint = new Map();
    let rate;
    let avail;
    for (const [key, value] of Object.entries(targets)) {
        if (key === 'error_rate') {
            const parsed = errorRate(value);
            if (typeof parsed === 'string')
                out.problems.push({ key, message: parsed });
            else
                rate = parsed;
            continue;
        }
        if (key === 'availability') {
            const parsed = availability(value);
            if (typeof parsed === 'string')
                out.problems.push({ key, message: parsed });
            else
                avail = parsed;
            continue;
        }
        // Not judged by the gate; the loader records it.
        if (`slo_targets.${key}` in file_fields/* NOT_JUDGED_FIELDS */.aZ)
            continue;
        const match = file_fields/* PERCENTILE_KEY */.eN.exec(key);
        const percentile = match?.[2];
        if (percentile === undefined) {
            out.problems.push({
                key,
                message: 'is not a known target; accepted: availability, error_rate, response_time_pNN (e.g. response_time_p95, latency_p99)',
            });
            continue;
        }
        const p = Number(percentile);
        const limit = latencyLimit(value);
        if (!(p > 0 && p < 100)) {
            out.problems.push({ key, message: 'names a percentile outside 0-100 (exclusive)' });
        }
        else if (limit === undefined) {
            out.problems.push({
                key,
                message: 'is not a latency limit; accepted: a duration above 0, e.g. 500ms, 2s or <1s',
            });
        }
        else {
            const ms = (0,duration/* parseDuration */.E)(limit);
            const objective = { percentile: p, text: `p${percentile}<${limit}`, key, ms };
            const endpoint = match?.[1];
            if (endpoint === undefined)
                objectives.push(objective);
            else
                byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), objective]);
        }
    }
    if (avail !== undefined)
        out.targets.availability = avail;
    if (rate !== undefined)
        out.targets.errorRate = rate;
    if (rate !== undefined) {
        out['max-error-rate'] = { value: plain(rate), key: 'error_rate' };
        if (avail !== undefined) {
            out.notes.push(`slo_targets: error_rate ${plain(rate)}% sets max-error-rate; availability ${plain(avail)}% is a long-run objective and is not judged separately`);
        }
    }
    else if (avail !== undefined) {
        out['max-error-rate'] = { value: plain(100 - avail), key: 'availability' };
        out.notes.push(`slo_targets: availability ${plain(avail)}% sets max-error-rate ${plain(100 - avail)}% (no error_rate given)`);
    }
    const joined = (list) => {
        list.sort((a, b) => a.percentile - b.percentile);
        return { value: list.map((o) => o.text).join(','), keys: list.map((o) => o.key) };
    };
    for (const [endpoint, list] of byEndpoint)
        out.endpoints[endpoint] = joined(list);
    if (objectives.length > 0) {
        out['latency-slo'] = joined(objectives);
        out.targets.latency = objectives.map((o) => ({
            key: o.key,
            percentile: o.percentile,
            limitMs: o.ms,
        }));
    }
    return out;
}

// EXTERNAL MODULE: ./src/probe/value-at.ts
var value_at = __webpack_require__(54557);
// EXTERNAL MODULE: ./src/settings/header-lines.ts
var header_lines = __webpack_require__(19506);
;// CONCATENATED MODULE: ./src/settings/endpoint-drafts.ts




/** A YAML scalar as the input text it sets. */
function endpoint_drafts_text(value) {
    return typeof value === 'string' ? value : String(value);
}
/** A URL that is http(s), as written; whether it is a usable one is the url input's to say. */
function httpUrl(value) {
    try {
        const url = new URL(value.trim());
        return url.protocol === 'http:' || url.protocol === 'https:' ? value.trim() : undefined;
    }
    catch {
        return undefined;
    }
}
function endpointTarget(value, path, ctx, problem) {
    const trimmed = value.trim();
    if (trimmed.startsWith('/'))
        return { kind: 'path', path: trimmed };
    const url = httpUrl(trimmed);
    if (url !== undefined)
        return { kind: 'url', url };
    problem(path, `${(0,settings_problems/* shownValue */.JJ)((0,value_at/* valueAt */.f)(ctx.written, path), false)} is neither a path starting with / nor an http(s) URL; accepted: /healthz or https://api.example.com/healthz`);
    return undefined;
}
function headerMap(headers, path, origin, problem) {
    const map = {};
    let ok = true;
    for (const [name, value] of Object.entries(headers)) {
        const valueText = String(value);
        if (!header_lines/* TOKEN */.C.test(name)) {
            problem([...path, name], 'is not a valid header name; accepted: letters, digits and -');
            ok = false;
        }
        else if (/[\r\n]/.test(valueText)) {
            problem([...path, name], '(value hidden: it holds secrets) must be a single line');
            ok = false;
        }
        else {
            map[name] = valueText;
        }
    }
    return ok ? { map, origin: origin(path, true) } : undefined;
}
/** `search_endpoint: /search`, `search_interval: 60s`, `search_timeout: 10s`. */
function readNamed(named, layer, ctx, origin, problem, put) {
    for (const [key, value] of Object.entries(named)) {
        const [, name, kind] = file_fields/* NAMED_FIELD */.bL.exec(key);
        const shown = (0,settings_problems/* shownValue */.JJ)((0,value_at/* valueAt */.f)(ctx.written, [key]), false);
        if (kind === 'endpoint') {
            // `search_endpoint: null` drops the defaults' endpoint of that name, as health_endpoint does.
            if (value === null) {
                layer.dropped.push(name);
                continue;
            }
            if (typeof value !== 'string') {
                problem([key], `${shown} is not an endpoint; accepted: a path like /search or a URL`);
                continue;
            }
            const target = endpointTarget(value, [key], ctx, problem);
            if (target)
                layer.named.push({
                    label: name,
                    target,
                    targetOrigin: origin([key]),
                    inputs: {},
                });
        }
        else if (typeof value === 'string' || typeof value === 'number') {
            put((layer.byName[name] ??= {}), kind, endpoint_drafts_text(value), origin([key]));
        }
        else {
            problem([key], `${shown} is not a duration; accepted: e.g. 10s or 1m`);
        }
    }
}
function endpointDraft(item, index, ctx, origin, problem, put) {
    const base = ['endpoints', index];
    if (typeof item === 'string') {
        const target = endpointTarget(item, base, ctx, problem);
        return target && { label: item.trim(), target, targetOrigin: origin(base), inputs: {} };
    }
    if (item.path !== undefined && item.url !== undefined) {
        problem(base, 'sets both path and url; accepted: one of them');
        return undefined;
    }
    const where = item.path !== undefined ? 'path' : item.url !== undefined ? 'url' : undefined;
    if (where === undefined) {
        problem(base, 'has neither path nor url; accepted: path: /healthz or url: https://...');
        return undefined;
    }
    const written = item[where];
    const target = endpointTarget(written, [...base, where], ctx, problem);
    if (!target)
        return undefined;
    if (where === 'path' && target.kind !== 'path') {
        problem([...base, 'path'], `${(0,settings_problems/* shownValue */.JJ)(written, false)} must start with /; use url for a full URL`);
        return undefined;
    }
    if (where === 'url' && target.kind !== 'url') {
        problem([...base, 'url'], `${(0,settings_problems/* shownValue */.JJ)(written, false)} is not an http(s) URL; use path for a path`);
        return undefined;
    }
    const inputs = {};
    for (const [key, input] of Object.entries(file_fields/* ENDPOINT_INPUTS */.ak)) {
        const value = item[key];
        if (value !== undefined)
            put(inputs, input, endpoint_drafts_text(value), origin([...base, key]));
    }
    if (item.expected_status !== undefined) {
        const value = item.expected_status;
        put(inputs, 'expected-status', Array.isArray(value) ? value.map(String).join(',') : String(value), origin([...base, 'expected_status']));
    }
    if (item.expect_json !== undefined) {
        const list = Array.isArray(item.expect_json) ? item.expect_json : [item.expect_json];
        const from = origin([...base, 'expect_json']);
        if (from.kind === 'file' && Array.isArray(item.expect_json)) {
            from.items = list.map((_, i) => {
                const one = origin([...base, 'expect_json', i]);
                return {
                    field: (0,settings_problems/* fieldPath */.cn)([...base, 'expect_json', i]),
                    line: one.kind === 'file' ? one.line : undefined,
                    written: one.kind === 'file' ? one.written : undefined,
                };
            });
        }
        put(inputs, 'expect-json', list.join('\n'), from);
    }
    const headers = item.headers
        ? headerMap(item.headers, [...base, 'headers'], origin, problem)
        : undefined;
    return {
        label: item.name ?? written.trim(),
        target,
        targetOrigin: origin([...base, where]),
        inputs,
        ...(headers ? { headers } : {}),
    };
}

// EXTERNAL MODULE: ./src/settings/field-parsers.ts + 1 modules
var field_parsers = __webpack_require__(53740);
;// CONCATENATED MODULE: ./src/settings/normalize-layer.ts
/**
 * One mapping of the file (a service, or `defaults`), already checked for structure and with
 * ${VAR} expanded, turned into action-input strings with their origins. Both spellings land here:
 * the matrix form (`health_endpoint`, `slo_targets`, `monitoring`) and the canonical one
 * (`endpoints`, `policy`, `fly`, `rollback`, `metrics`). Two fields of one mapping that set the
 * same input are a problem; a service and `defaults` setting the same input is precedence.
 */








const BASE_URL = (0,field_parsers/* httpUrl */.q3)({ example: 'https://api.example.com', follows: 'endpoint paths' });
/**
 * `named` holds the `<name>_endpoint` / `_interval` / `_timeout` fields, set aside by the loader
 * before the structure check (their names are the user's own).
 */
function normalizeLayer(doc, ctx, named = {}) {
    const layer = {
        inputs: {},
        version: {},
        named: [],
        dropped: [],
        byName: {},
        notJudged: [],
        notes: [],
        problems: [],
    };
    const origin = (path, secret = false) => ({
        kind: 'file',
        file: ctx.file,
        line: ctx.lineOf(path),
        scope: ctx.scope,
        field: (0,settings_problems/* fieldPath */.cn)(path),
        written: (0,value_at/* valueAt */.f)(ctx.written, path),
        secret,
    });
    const problem = (path, message) => layer.problems.push({
        file: ctx.file,
        line: ctx.lineOf(path),
        scope: ctx.scope,
        field: (0,settings_problems/* fieldPath */.cn)(path),
        message,
    });
    const put = (into, input, value, from) => {
        const previous = into[input];
        if (previous && previous.origin.kind === 'file' && from.kind === 'file') {
            layer.problems.push({
                file: ctx.file,
                line: from.line,
                scope: ctx.scope,
                field: from.field,
                message: `sets ${input}, which ${previous.origin.field} already sets; set it in one place`,
            });
            return;
        }
        into[input] = { value, origin: from };
    };
    const putSecret = (input, path, value) => {
        if (!isSingleReference(endpoint_drafts_text((0,value_at/* valueAt */.f)(ctx.written, path) ?? ''))) {
            problem(path, '(value hidden: it holds secrets) must be a ${VAR} reference; secrets never live in the file');
            return;
        }
        put(layer.inputs, input, endpoint_drafts_text(value), origin(path, true));
    };
    for (const [field, input] of Object.entries(file_fields/* FILE_INPUTS */.zN)) {
        const path = field.split('.');
        const value = (0,value_at/* valueAt */.f)(doc, path);
        if (value === undefined)
            continue;
        // A token written in the file must name an environment variable, never be the value.
        if (read_inputs/* SECRET_INPUTS */.pH.has(input))
            putSecret(input, path, value);
        else
            put(layer.inputs, input, endpoint_drafts_text(value), origin(path));
    }
    if (doc.slo_targets) {
        const slo = sloInputs(doc.slo_targets);
        for (const p of slo.problems)
            problem(['slo_targets', p.key], `${(0,settings_problems/* shownValue */.JJ)((0,value_at/* valueAt */.f)(ctx.written, ['slo_targets', p.key]), false)} ${p.message}`);
        const rate = slo['max-error-rate'];
        if (rate)
            put(layer.inputs, 'max-error-rate', rate.value, origin(['slo_targets', rate.key]));
        const latency = slo['latency-slo'];
        if (latency)
            put(layer.inputs, 'latency-slo', latency.value, origin(['slo_targets', latency.keys[0]]));
        for (const [name, objectives] of Object.entries(slo.endpoints)) {
            const into = (layer.byName[name] ??= {});
            put(into, 'latency-slo', objectives.value, origin(['slo_targets', objectives.keys[0]]));
        }
        layer.notes.push(...slo.notes);
        layer.slo = slo.targets;
    }
    for (const field of Object.keys(file_fields/* NOT_JUDGED_FIELDS */.aZ)) {
        const path = field.split('.');
        const value = (0,value_at/* valueAt */.f)(doc, path);
        if (value !== undefined)
            layer.notJudged.push({ field, value: value });
    }
    readNamed(named, layer, ctx, origin, problem, put);
    // `url:` is how service matrices name the base URL.
    const baseKey = doc.url !== undefined ? 'url' : 'base_url';
    if (doc.url !== undefined && doc.base_url !== undefined)
        problem(['url'], 'sets the base URL, which base_url already sets; set it in one place');
    else if (doc[baseKey] !== undefined) {
        // The same check as any base URL input; endpoint paths are appended to it.
        const base = BASE_URL.safeParse(endpoint_drafts_text(doc[baseKey]));
        if (base.success)
            layer.baseUrl = { value: base.data, origin: origin([baseKey]) };
        else
            problem([baseKey], `${(0,settings_problems/* shownValue */.JJ)((0,value_at/* valueAt */.f)(ctx.written, [baseKey]), false)} ${base.error.issues[0]?.message}`);
    }
    for (const [key, input] of Object.entries(file_fields/* VERSION_INPUTS */.hq)) {
        if (doc[key] !== undefined)
            put(layer.version, input, endpoint_drafts_text(doc[key]), origin([key]));
    }
    if (doc.headers)
        layer.headers = headerMap(doc.headers, ['headers'], origin, problem);
    for (const [key, label] of [
        ['health_endpoint', 'health'],
        ['build_endpoint', 'build'],
    ]) {
        const value = doc[key];
        if (value === undefined)
            continue;
        if (value === null) {
            layer[key === 'health_endpoint' ? 'health' : 'build'] = null;
            continue;
        }
        const target = endpointTarget(value, [key], ctx, problem);
        if (target)
            layer[key === 'health_endpoint' ? 'health' : 'build'] = {
                label,
                target,
                targetOrigin: origin([key]),
                inputs: {},
            };
    }
    if (doc.endpoints) {
        layer.endpoints = [];
        for (const [i, item] of doc.endpoints.entries()) {
            const draft = endpointDraft(item, i, ctx, origin, problem, put);
            if (draft)
                layer.endpoints.push(draft);
        }
    }
    return layer;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/settings/yaml-source.ts
/**
 * The config file as YAML: every document of the stream as plain data, plus the line of any field,
 * so problems can point at `file:line`. Only YAML is interpreted: tags are not evaluated, aliases
 * are bounded, duplicate keys are errors.
 */

/** Aliases expand to at most this many nodes per document (a defence against alias bombs). */
const MAX_ALIAS_COUNT = 1000;
function parseYamlStream(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const parsed = (0,dist/* parseAllDocuments */.hR)(text, { lineCounter, merge: true, prettyErrors: false });
    const docs = Array.isArray(parsed) ? parsed : [];
    const problems = [];
    const documents = [];
    const lineAt = (offset) => lineCounter.linePos(offset).line;
    for (const [i, doc] of docs.entries()) {
        const scope = docs.length > 1 ? `document ${i + 1}` : '';
        for (const issue of [...doc.errors, ...doc.warnings]) {
            problems.push({
                file,
                line: lineAt(issue.pos[0]),
                scope,
                field: '',
                message: `${issue.message.split('\n')[0]} (YAML ${issue.name === 'YAMLWarning' ? 'warning' : 'error'} ${issue.code})`,
            });
        }
        if (doc.errors.length > 0 || doc.warnings.length > 0)
            continue;
        let data;
        try {
            data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        }
        catch (error) {
            problems.push({
                file,
                line: doc.contents?.range ? lineAt(doc.contents.range[0]) : undefined,
                scope,
                field: '',
                message: `cannot be read as data: ${error.message}`,
            });
            continue;
        }
        // An empty document (a trailing `---`) carries nothing.
        if (data === null || data === undefined)
            continue;
        documents.push({ index: i + 1, data, lineOf: (path) => lineOfPath(doc, path, lineAt) });
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, documents };
}
function lineOfPath(doc, path, lineAt) {
    let node = doc.contents;
    let line = rangeLine(node, lineAt);
    for (const part of path) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isPair */.tO)(item) && keyText(item.key) === String(part));
            if (!pair)
                break;
            line = rangeLine(pair.key, lineAt) ?? line;
            node = pair.value;
            // A block value (a nested map) starts on the next line; the key's line is the field's.
            if (!(0,dist/* isScalar */.jn)(node))
                continue;
            line = rangeLine(node, lineAt) ?? line;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof part === 'number') {
            const item = node.items[part];
            if (item === undefined)
                break;
            node = item;
            line = rangeLine(node, lineAt) ?? line;
        }
        else {
            break;
        }
    }
    return line;
}
function keyText(key) {
    return (0,dist/* isScalar */.jn)(key) ? String(key.value) : undefined;
}
function rangeLine(node, lineAt) {
    const range = node?.range;
    return range ? lineAt(range[0]) : undefined;
}

;// CONCATENATED MODULE: ./src/settings/file-layout.ts
/**
 * The layouts a config file may take, read into items (the file's `defaults` and its services, in
 * order), and each service's name checked: usable as a folder and artifact name, and unique.
 *
 *   1. `services:` (a list) with optional `defaults:`;
 *   2. one service per document: a mapping, several separated by `---`, or a list of them.
 */

/** Safe as a folder name and inside an artifact name on every OS the runners use. */
const SERVICE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_-])?$/;
const NAME_HELP = 'accepted: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit and not ending with "."';
function collectItems(documents, file, problems) {
    const items = [];
    let position = 0;
    const service = (doc, base, data) => items.push({ kind: 'service', doc, base, data, position: (position += 1) });
    const isMapping = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (documents.length === 0) {
        problems.push({
            file,
            scope: '',
            field: '',
            message: 'is empty; accepted: `services:` (with optional `defaults:`), one service, or a list of services',
        });
        return items;
    }
    for (const doc of documents) {
        const scope = documents.length > 1 ? `document ${doc.index}` : '';
        const { data } = doc;
        if (isMapping(data) && 'services' in data) {
            if (documents.length > 1) {
                problems.push({
                    file,
                    line: doc.lineOf(['services']),
                    scope,
                    field: 'services',
                    message: 'belongs in a file with a single document; list every service there',
                });
                continue;
            }
            for (const key of Object.keys(data)) {
                if (key !== 'services' && key !== 'defaults') {
                    const hint = SERVICE_KEYS.includes(key)
                        ? ` (a service field: put it under a service or defaults)`
                        : '';
                    problems.push({
                        file,
                        line: doc.lineOf([key]),
                        scope,
                        field: key,
                        message: `is not a known top-level field${hint}; accepted next to services: defaults`,
                    });
                }
            }
            if (data['defaults'] !== undefined) {
                items.push({
                    kind: 'defaults',
                    doc,
                    base: ['defaults'],
                    data: data['defaults'],
                    position: 0,
                });
            }
            const list = data['services'];
            if (!Array.isArray(list) || list.length === 0) {
                problems.push({
                    file,
                    line: doc.lineOf(['services']),
                    scope,
                    field: 'services',
                    message: 'must be a list of at least one service',
                });
                continue;
            }
            list.forEach((entry, i) => service(doc, ['services', i], entry));
        }
        else if (Array.isArray(data)) {
            data.forEach((entry, i) => service(doc, [i], entry));
        }
        else if (isMapping(data)) {
            service(doc, [], data);
        }
        else {
            problems.push({
                file,
                line: doc.lineOf([]),
                scope,
                field: '',
                message: `is ${JSON.stringify(data)}; accepted: a service mapping, a list of services, or services: with defaults:`,
            });
        }
    }
    return items;
}
function nameOf(data) {
    if (data === null || typeof data !== 'object')
        return undefined;
    const record = data;
    const name = record['name'] ?? record['service'];
    return typeof name === 'string' || typeof name === 'number' ? String(name) : undefined;
}
function checkName(item, name, file, seen, problems) {
    const data = item.data;
    const field = data['name'] !== undefined ? 'name' : 'service';
    const line = item.doc.lineOf([...item.base, field]);
    const problem = (scope, message) => problems.push({ file, line, scope, field, message });
    if (data['name'] !== undefined &&
        data['service'] !== undefined &&
        data['name'] !== data['service']) {
        problem(`service "${name}"`, `${JSON.stringify(data['name'])} differs from service ${JSON.stringify(data['service'])}; accepted: one name (name or service)`);
        return undefined;
    }
    if (name === undefined) {
        problem(`service #${item.position}`, 'is missing; accepted: name: <service> (or service: <service>)');
        return undefined;
    }
    if (!SERVICE_NAME.test(name)) {
        problem(`service #${item.position}`, `${JSON.stringify(name)} is not a usable name; ${NAME_HELP}`);
        return undefined;
    }
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
        problem(`service "${name}"`, `${JSON.stringify(name)} is used twice (names must differ, ignoring case: they become folder and artifact names); first: ${JSON.stringify(first)}`);
        return undefined;
    }
    seen.set(key, name);
    return name;
}

;// CONCATENATED MODULE: ./src/settings/load-config.ts
/**
 * Loads the service-matrix file. Accepted layouts (YAML, one file):
 *
 *   1. `services:` (a list) with optional `defaults:`;
 *   2. one service per document: a mapping, several separated by `---`, or a list of them.
 *
 * Each service is checked for structure (zod), has its ${VAR} references expanded from the
 * environment, is merged over `defaults`, and its values are validated by the action's own
 * parseSettings. Every problem is collected and thrown at once as a SettingsError whose lines read
 * `<file>:<line>: service "<name>": <field>: <value> <what is accepted>`.
 */













async function loadServiceConfig(path, options) {
    let text;
    // A FIFO or /dev/zero would block or fill memory: only a small regular file is read.
    const special = (0,special_paths/* regularFileProblem */.Qn)(path);
    if (special)
        throw new settings_problems/* SettingsError */.GN([{ file: path, scope: '', field: '', message: special }]);
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
        throw new settings_problems/* SettingsError */.GN([{ file: path, scope: '', field: '', message: why }]);
    }
    return parseServiceConfig(text, path, options);
}
/** The same as loadServiceConfig, for text already read; `file` names it in messages. */
function parseServiceConfig(text, file, options) {
    const parsed = parseYamlStream(text, file);
    if (!parsed.ok)
        throw new settings_problems/* SettingsError */.GN(parsed.problems);
    const problems = [];
    const items = collectItems(parsed.documents, file, problems);
    let defaults;
    const layers = [];
    for (const item of items) {
        const name = item.kind === 'service' ? nameOf(item.data) : undefined;
        const scope = item.kind === 'defaults'
            ? 'defaults'
            : name !== undefined
                ? `service "${name}"`
                : `service #${item.position}`;
        const layer = readLayer(item, scope, file, options.env, problems);
        if (!layer)
            continue;
        if (item.kind === 'defaults')
            defaults = layer;
        else
            layers.push({ item, name, layer });
    }
    const services = [];
    const seen = new Map();
    for (const { item, name, layer } of layers) {
        const named = checkName(item, name, file, seen, problems);
        if (named === undefined)
            continue;
        const merged = mergeLayers(named, file, item.doc.lineOf(item.base), defaults, layer);
        problems.push(...merged.problems);
        services.push(merged.service);
    }
    if (defaults)
        problems.push(...defaults.problems);
    for (const { layer } of layers)
        problems.push(...layer.problems);
    problems.push(...valueProblems(services, defaults));
    if (problems.length > 0) {
        // In file order: the list reads top to bottom like the file.
        const ordered = (0,settings_problems/* dedupeProblems */.Ak)(problems).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        throw new settings_problems/* SettingsError */.GN(ordered);
    }
    return { file, defaults: defaults?.inputs ?? {}, services };
}
/** Expands ${VAR} in every string value, keeping the shape; problems are reported per field. */
function expandTree(value, env, path, report) {
    if (typeof value === 'string') {
        const expanded = expandEnv(value, env);
        if (expanded.ok)
            return expanded.value;
        report(path, expanded.problem);
        return value;
    }
    if (Array.isArray(value))
        return value.map((v, i) => expandTree(v, env, [...path, i], report));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandTree(v, env, [...path, k], report)]));
    }
    return value;
}
function readLayer(item, scope, file, env, problems) {
    const lineOf = (path) => item.doc.lineOf([...item.base, ...path]);
    const report = (path, message) => problems.push({ file, line: lineOf(path), scope, field: (0,settings_problems/* fieldPath */.cn)(path), message });
    const dropped = [];
    let data = expandTree(item.data, env, [], (path, message) => {
        report(path, message);
        dropped.push(path);
    });
    data = withoutPaths(data, dropped);
    const { rest, named } = setAsideNamed(data);
    data = rest;
    const schema = item.kind === 'defaults' ? defaultsSchema : serviceSchema;
    const written = (path) => (0,value_at/* valueAt */.f)(item.data, path);
    // Every structural problem is reported, then its field set aside, so the rest of the service is
    // still checked and one run of the loader lists everything to fix.
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        const result = schema.safeParse(data);
        if (result.success) {
            return normalizeLayer(result.data, { file, scope, lineOf, written: item.data }, named);
        }
        const issues = (0,describe_issue/* describeIssues */.wF)(result.error.issues, schema, written);
        for (const issue of issues)
            report(issue.path, issue.message);
        const paths = issues.map((issue) => issue.path);
        if (paths.some((path) => path.length === 0))
            return undefined;
        data = withoutPaths(data, paths);
    }
    return undefined;
}
/** `<name>_endpoint` / `_interval` / `_timeout`: names the schema cannot list (see NAMED_FIELD). */
function setAsideNamed(data) {
    if (data === null || typeof data !== 'object' || Array.isArray(data))
        return { rest: data, named: {} };
    const rest = {};
    const named = {};
    for (const [key, value] of Object.entries(data)) {
        if (!SERVICE_KEYS.includes(key) && file_fields/* NAMED_FIELD */.bL.test(key))
            named[key] = value;
        else
            rest[key] = value;
    }
    return { rest, named };
}
/** Structure is re-checked after setting bad fields aside; nesting bounds the passes needed. */
const MAX_PASSES = 8;
/**
 * A copy without the given fields. A bad list item takes its whole list with it, so the
 * positions (and lines) of the other items stay as written.
 */
function withoutPaths(data, paths) {
    const out = structuredClone(data);
    for (const path of paths) {
        const cut = [...path];
        while (typeof cut.at(-1) === 'number')
            cut.pop();
        if (cut.length === 0)
            continue;
        const parent = (0,value_at/* valueAt */.f)(out, cut.slice(0, -1));
        if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
            delete parent[cut.at(-1)];
        }
    }
    return out;
}
/** Values checked by the action's own input parsers, reported where they were written. */
function valueProblems(services, defaults) {
    const problems = [];
    if (defaults)
        problems.push(...(0,parse_inputs/* fileProblems */.tH)(defaults.inputs));
    for (const service of services) {
        problems.push(...(0,parse_inputs/* fileProblems */.tH)(service.inputs));
        for (const endpoint of service.endpoints)
            problems.push(...(0,parse_inputs/* fileProblems */.tH)(endpoint.inputs));
    }
    return problems;
}


/***/ })

};
