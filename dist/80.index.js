export const id = 80;
export const ids = [80];
export const modules = {

/***/ 76651:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aZ: () => (/* binding */ NOT_JUDGED_FIELDS),
/* harmony export */   bL: () => (/* binding */ NAMED_FIELD),
/* harmony export */   dh: () => (/* binding */ serviceSchema),
/* harmony export */   eN: () => (/* binding */ PERCENTILE_KEY),
/* harmony export */   ms: () => (/* binding */ defaultsSchema),
/* harmony export */   xI: () => (/* binding */ SERVICE_KEYS),
/* harmony export */   zN: () => (/* binding */ FILE_INPUTS)
/* harmony export */ });
/* unused harmony exports endpointObjectSchema, endpointSchema, sloTargetsSchema, monitoringSchema, flySchema, rollbackSchema, POLICY_INPUTS, policySchema, METRICS_KEYS, metricsSchema, fileSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);
/* harmony import */ var _input_spec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(81509);
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
const textOrNumber = (description) => zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()], { error: 'must be text or a number' }).describe(description);
const text = (description) => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP({ error: 'must be text' }).describe(description);
const flag = (description) => zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()], { error: 'must be true or false' }).describe(description);
const describedInput = (name) => {
    const spec = _input_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUTS */ .m.find((input) => input.name === name);
    return spec ? `${spec.description} Same as the action input \`${name}\`.` : name;
};
const headers = zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()], { error: 'a header value must be text or a number' }))
    .describe('Request headers as `Name: value`. Values are secrets: masked in logs and redacted everywhere; use ${VAR} to take them from the environment.');
const expectedStatus = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()]))], {
    error: 'must be a status code, a range like 200-299, or a list of them',
})
    .describe('Accepted status codes: `200`, `200-299`, `200,204` or a list `[200, 204]`.');
const expectJson = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())], {
    error: 'must be an assertion like `status == ok` or a list of them',
})
    .describe('JSON assertions `path == value` / `path != value`, as a list (or one per line).');
const endpointObjectSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: text('A label for this endpoint in reports. Default: its path or URL.').optional(),
    path: text('Path joined to the service `base_url` (or https://<fly app>.fly.dev).').optional(),
    url: text('Absolute http(s) URL; instead of `path`.').optional(),
    method: text('HTTP method. Default GET.').optional(),
    headers: headers.optional(),
    expected_status: expectedStatus.optional(),
    expect_body: text('The body must contain this text, or match `/regex/flags`.').optional(),
    expect_json: expectJson.optional(),
    expected_version: textOrNumber('The version this endpoint must serve, e.g. ${GITHUB_SHA}.').optional(),
    version_path: text('Dotted path of the version in the JSON body. Default `version`.').optional(),
    version_header: text('Read the version from this response header instead.').optional(),
    follow_redirects: flag('Follow redirects (at most 5 hops). Default false.').optional(),
    latency_slo: text('Latency objectives for this endpoint, e.g. `p90<5s` or `p95<500ms,p99<1s`.').optional(),
    max_latency: textOrNumber('A slower response is a failed probe, e.g. `5s`.').optional(),
    timeout: textOrNumber('Budget of one request to this endpoint, e.g. `2s`.').optional(),
    interval: textOrNumber('Time between probes of this endpoint, e.g. `60s`.').optional(),
}, { error: 'must be a mapping of fields' })
    .describe('One endpoint to probe: a `path` (joined to the base URL) or a full `url`.');
const endpointSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().describe('A path like /healthz (joined to the base URL) or a full http(s) URL.'),
    endpointObjectSchema,
], { error: 'must be a path, a URL, or an object with `path` or `url`' });
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
 */
const NOT_JUDGED_FIELDS = [
    'schedule',
    'job_success_rate',
    'description',
    'owner',
];
const notJudged = (what) => zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()], { error: 'must be text, a number or true/false' })
    .describe(`${what} Not judged by the gate: kept in the audit record and listed in the summary.`)
    .optional();
const sloTargetsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    availability: textOrNumber('Share of successful probes, e.g. `99.9%`. Sets max-error-rate to 100 minus it, unless `error_rate` is given.').optional(),
    error_rate: textOrNumber('Tolerated error rate, e.g. `<1%` or `1%`. Sets max-error-rate.').optional(),
    response_time_p50: textOrNumber('Median latency objective, e.g. `200ms`.').optional(),
    response_time_p90: textOrNumber('90th percentile latency objective, e.g. `5s`.').optional(),
    response_time_p95: textOrNumber('95th percentile latency objective, e.g. `500ms`.').optional(),
    response_time_p99: textOrNumber('99th percentile latency objective, e.g. `1s`.').optional(),
    job_success_rate: notJudged('Share of successful scheduled jobs, e.g. `95%`.'),
}, { error: 'must be a mapping of fields' })
    // Other percentiles (`response_time_p75`, `latency_p99.9`) are checked by the loader; the
    // published schema lists them as patternProperties.
    .catchall(textOrNumber('A latency objective at the percentile in the key, e.g. `500ms`.'))
    .describe('Service level objectives judged over the gate: availability / error_rate set max-error-rate, `response_time_pNN` set latency objectives.');
const monitoringSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    interval: textOrNumber('Time between probes, e.g. `15s`. Sets `interval`.').optional(),
    timeout: textOrNumber('Budget of one request, e.g. `2s`. Sets `timeout`.').optional(),
    grace_period: textOrNumber('Wait after the deploy before the first probe, e.g. `30s`. Sets `initial-delay`.').optional(),
}, { error: 'must be a mapping of fields' })
    .describe('Probe settings.');
const flySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    app: text('The Fly.io app. Sets `fly-app`.').optional(),
    config: text('Path to fly.toml (relative to the working directory). Sets `fly-config`; without a URL its [[http_service.checks]] give the endpoints and probe timing.').optional(),
    api_token: text('A Fly.io token for this app, only as a ${VAR} reference (secrets never live in the file). Sets `fly-api-token`.').optional(),
}, { error: 'must be a mapping of fields' })
    .describe('The Fly.io app of this service.');
const rollbackSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    mode: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['auto', 'none'], { error: 'must be auto or none' })
        .describe(describedInput('rollback'))
        .optional(),
    to: textOrNumber(describedInput('rollback-to')).optional(),
    strategy: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['canary', 'rolling', 'bluegreen', 'immediate'], {
        error: 'must be canary, rolling, bluegreen or immediate',
    })
        .describe(describedInput('rollback-strategy'))
        .optional(),
    timeout: textOrNumber(describedInput('rollback-timeout')).optional(),
    command: text(describedInput('rollback-command')).optional(),
    fail_on_rollback: flag(describedInput('fail-on-rollback')).optional(),
}, { error: 'must be a mapping of fields' })
    .describe('Rollback settings.');
/** The `policy:` block takes the action's policy inputs under their own names. */
const POLICY_INPUTS = _input_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUTS */ .m.filter((i) => i.group === 'policy').map((i) => i.name);
const policySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(Object.fromEntries(POLICY_INPUTS.map((name) => [name, textOrNumber(describedInput(name)).optional()])), { error: 'must be a mapping of fields' })
    .describe('Policy overrides, named exactly like the action inputs.');
/** The `metrics:` block: the metrics inputs by name; `preset` is the `metrics` input. */
const METRICS_KEYS = Object.fromEntries(_input_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .INPUTS */ .m.filter((i) => i.group === 'metrics').map((i) => [
    i.name === 'metrics' ? 'preset' : i.name,
    i.name,
]));
/**
 * Every field of a service (or `defaults`) that sets one action input, by its path in the file:
 * the one table the loader reads values with. The block schemas above and below declare the same
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
const metricsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(Object.fromEntries(Object.entries(METRICS_KEYS).map(([key, input]) => [
    key,
    input === 'prometheus-token'
        ? text(`${describedInput(input)} Only as a \${VAR} reference.`).optional()
        : textOrNumber(describedInput(input)).optional(),
])), { error: 'must be a mapping of fields' })
    .describe('Prometheus metrics judged during the gate, named like the action inputs.');
const serviceFields = {
    base_url: text('Base URL that endpoint paths are joined to, e.g. https://api.example.com.').optional(),
    url: text('The base URL (alias of `base_url`), e.g. https://api.example.com.').optional(),
    schedule: notJudged('A cron schedule for a scheduled monitor, e.g. `0 */1 * * *`.'),
    job_success_rate: notJudged('Share of successful scheduled jobs, e.g. `95%`.'),
    description: notJudged('What the service is.'),
    owner: notJudged('Who owns the service.'),
    health_endpoint: text('Health check path (or URL), e.g. /healthz. `null` drops a default.')
        .nullable()
        .optional(),
    build_endpoint: text('Where the deployed build/version is read, e.g. /__build; judged against `expected_version`. `null` drops a default.')
        .nullable()
        .optional(),
    expected_version: textOrNumber('The version the new release must serve, e.g. ${GITHUB_SHA}. Checked on `build_endpoint` (or every endpoint without one).').optional(),
    version_path: text('Dotted path of the version in the JSON body. Default `version`.').optional(),
    version_header: text('Read the version from this response header instead of the body.').optional(),
    headers: headers.optional(),
    endpoints: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(endpointSchema, { error: 'must be a list of endpoints' }).optional(),
    slo_targets: sloTargetsSchema.optional(),
    monitoring: monitoringSchema.optional(),
    fly: flySchema.optional(),
    rollback: rollbackSchema.optional(),
    policy: policySchema.optional(),
    metrics: metricsSchema.optional(),
    environment: text('GitHub environment whose deployments show this gate. Sets `environment`.').optional(),
    environment_url: text('URL shown on the environment page. Sets `environment-url`.').optional(),
    runbook_url: text('Runbook for this service, linked from annotations, summary and notifications. Sets `runbook-url`.').optional(),
};
const serviceSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: text('Service name: letters, digits, `.`, `_`, `-` (used for folders and artifact names).').optional(),
    service: text('The service name (alias of `name`).').optional(),
    ...serviceFields,
}, { error: 'must be a mapping of fields' })
    .meta({
    id: 'service',
    title: 'Service',
    description: 'One service: where to probe it, what to expect, and how to roll it back.',
});
const defaultsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej(serviceFields, { error: 'must be a mapping of fields' })
    .meta({
    id: 'defaults',
    title: 'Defaults',
    description: 'Values every service takes unless it sets its own (they override the action inputs).',
});
const fileSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    defaults: defaultsSchema.optional(),
    services: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(serviceSchema, { error: 'must be a list of services' }).min(1, {
        error: 'must list at least one service',
    }),
}, { error: 'must be a mapping of fields' })
    .describe('A service matrix: optional defaults and a list of services.');
/** Every top-level key a service may have, for "did you mean" hints. */
const SERVICE_KEYS = Object.keys(serviceSchema.shape);


/***/ }),

/***/ 24062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   wF: () => (/* binding */ describeIssues)
/* harmony export */ });
/* unused harmony exports isSecretPath, knownKeys */
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91477);
/* harmony import */ var _config_schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76651);
/* harmony import */ var _read_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15775);



/** Header values, and fields that set a secret input (tokens), are never quoted. */
function isSecretPath(path) {
    const names = path.filter((p) => typeof p === 'string');
    const input = _config_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .FILE_INPUTS */ .zN[names.join('.')];
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
                const target = path.length === 0 && _config_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .PERCENTILE_KEY */ .eN.test(key);
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

/***/ 55080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_MATRIX_JOBS: () => (/* binding */ MAX_MATRIX_JOBS),
/* harmony export */   matrixOutput: () => (/* binding */ matrixOutput),
/* harmony export */   matrixProblems: () => (/* binding */ matrixProblems),
/* harmony export */   selectService: () => (/* binding */ selectService)
/* harmony export */ });
/* harmony import */ var _describe_issue_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24062);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91477);
/**
 * Fan-out: the `matrix` output lists the file's services in the shape `strategy.matrix` takes, and
 * the `service` input gates one of them. A workflow uses them like this:
 *
 *   jobs:
 *     plan:
 *       outputs: { matrix: ${{ steps.gate.outputs.matrix }} }
 *       steps: [{ id: gate, uses: owner/deploy-gate@v1, with: { config: deploy-gate.yml, ... } }]
 *     gate:
 *       needs: plan
 *       strategy: { matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}, fail-fast: false }
 *       steps: [{ uses: owner/deploy-gate@v1, with: { config: deploy-gate.yml, service: ${{ matrix.service }} } }]
 *
 * The shape is `{"service": ["api", "dashboard"]}`: one matrix variable, so `matrix.service` is the
 * name, jobs are named `gate (api)`, and a workflow can still add its own `include`/`exclude`.
 */


/** GitHub runs at most 256 jobs per matrix. */
const MAX_MATRIX_JOBS = 256;
function matrixOutput(config) {
    return JSON.stringify({ service: config.services.map((s) => s.name) });
}
/** Problems with fanning this file out as a matrix, or none. */
function matrixProblems(config) {
    return config.services.length > MAX_MATRIX_JOBS
        ? [
            `${config.file}: ${config.services.length} services exceed GitHub's limit of ${MAX_MATRIX_JOBS} jobs per matrix; split the file or gate them in one job (max-parallel)`,
        ]
        : [];
}
/** The service named `name` (exactly as in the file), or a SettingsError listing the known names. */
function selectService(config, name) {
    const wanted = name.trim();
    const found = config.services.find((s) => s.name === wanted);
    if (found)
        return found;
    const names = config.services.map((s) => s.name);
    const near = config.services.find((s) => s.name.toLowerCase() === wanted.toLowerCase())?.name ??
        (0,_describe_issue_js__WEBPACK_IMPORTED_MODULE_0__/* .closest */ .kp)(wanted, names);
    throw new _problems_js__WEBPACK_IMPORTED_MODULE_1__/* .SettingsError */ .GN([
        {
            file: config.file,
            scope: '',
            field: 'service input',
            message: `${JSON.stringify(wanted)} is not a service in this file; ` +
                `${near ? `did you mean "${near}"? ` : ''}known: ${names.join(', ')}`,
        },
    ]);
}


/***/ })

};
