export const id = 424;
export const ids = [424];
export const modules = {

/***/ 14424:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  flyTomlDefaults: () => (/* reexport */ flyTomlDefaults),
  flyTomlReader: () => (/* reexport */ flyTomlReader),
  loadServiceConfig: () => (/* reexport */ load_config/* loadServiceConfig */.O),
  matrixOutput: () => (/* reexport */ matrixOutput),
  matrixProblems: () => (/* reexport */ matrixProblems),
  readFlyToml: () => (/* reexport */ readFlyToml),
  resolveServices: () => (/* reexport */ resolveServices),
  selectService: () => (/* reexport */ selectService)
});

// EXTERNAL MODULE: ./src/settings/load-config.ts + 8 modules
var load_config = __webpack_require__(91697);
// EXTERNAL MODULE: ./src/settings/describe-issue.ts
var describe_issue = __webpack_require__(24062);
// EXTERNAL MODULE: ./src/settings/problems.ts
var settings_problems = __webpack_require__(91477);
;// CONCATENATED MODULE: ./src/settings/matrix.ts
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
        (0,describe_issue/* closest */.kp)(wanted, names);
    throw new settings_problems/* SettingsError */.GN([
        {
            file: config.file,
            scope: '',
            field: 'service input',
            message: `${JSON.stringify(wanted)} is not a service in this file; ` +
                `${near ? `did you mean "${near}"? ` : ''}known: ${names.join(', ')}`,
        },
    ]);
}

// EXTERNAL MODULE: ./src/settings/parse-inputs.ts + 3 modules
var parse_inputs = __webpack_require__(44759);
// EXTERNAL MODULE: ./src/evidence/special-paths.ts
var special_paths = __webpack_require__(69931);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(3292);
// EXTERNAL MODULE: ./src/gate/duration.ts
var duration = __webpack_require__(59731);
;// CONCATENATED MODULE: ./src/settings/fly-toml.ts
/**
 * Defaults from a Fly.io app's fly.toml: the app name, and the HTTP health checks Fly itself runs,
 * turned into what deploy-gate probes from outside:
 *
 *   [[http_service.checks]] (or the older [[services.http_checks]] of a service on port 80/443)
 *     path          → url  https://<app>.fly.dev<path> (or <hostname><path> when one is given)
 *     interval      → interval
 *     timeout       → timeout
 *     grace_period  → initial-delay
 *
 * Timing comes from the first check. Durations are Go durations ("10s", "1m30s"); a bare number
 * is milliseconds, as flyctl reads it. Services on other ports are not reachable at the app's
 * hostname on 80/443, so their checks are skipped rather than probed at a wrong URL.
 */





const isTable = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const DURATION_HELP = 'accepted: a Go duration like 10s or 1m30s, or a number of milliseconds';
async function readFlyToml(path) {
    // A FIFO would block and /dev/zero fill memory: only a small regular file is read.
    const special = (0,special_paths/* regularFileProblem */.Qn)(path);
    if (special)
        throw new settings_problems/* SettingsError */.GN([{ file: path, scope: '', field: '', message: special }]);
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw new settings_problems/* SettingsError */.GN([
            {
                file: path,
                scope: '',
                field: '',
                message: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`,
            },
        ]);
    }
    return parseFlyToml(text, path);
}
/**
 * A readFlyToml that reads each path once: a plan reads a service's fly.toml for the shared-app
 * check and again to resolve it. Later calls share the first call's answer, or its error.
 */
function flyTomlReader() {
    const answers = new Map();
    return (path) => {
        const answer = answers.get(path) ?? readFlyToml(path);
        answers.set(path, answer);
        return answer;
    };
}
function parseFlyToml(text, file) {
    let data;
    try {
        data = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        const line = error instanceof dist/* TomlError */.zx ? error.line : undefined;
        const message = error.message.split('\n')[0] ?? 'is not TOML';
        throw new settings_problems/* SettingsError */.GN([{ file, ...(line ? { line } : {}), scope: '', field: '', message }]);
    }
    const problems = [];
    const problem = (field, value, what) => problems.push({ file, scope: '', field, message: `${(0,settings_problems/* shownValue */.JJ)(value, false)} ${what}` });
    const app = data['app'];
    if (app !== undefined && (typeof app !== 'string' || app.trim() === '')) {
        problem('app', app, 'is not an app name; accepted: app = "my-app"');
    }
    const raw = [];
    const httpService = data['http_service'];
    if (isTable(httpService) && Array.isArray(httpService['checks'])) {
        httpService['checks'].forEach((check, i) => raw.push({ field: `http_service.checks[${i}]`, check }));
    }
    const services = Array.isArray(data['services']) ? data['services'] : [];
    services.forEach((service, s) => {
        if (!isTable(service) || !servesWebPorts(service))
            return;
        const checks = Array.isArray(service['http_checks']) ? service['http_checks'] : [];
        checks.forEach((check, i) => raw.push({ field: `services[${s}].http_checks[${i}]`, check }));
    });
    const checks = [];
    for (const { field, check } of raw) {
        if (!isTable(check))
            continue;
        const path = check['path'] ?? '/';
        if (typeof path !== 'string' || !path.startsWith('/')) {
            problem(`${field}.path`, path, 'is not a path; accepted: a path starting with /');
            continue;
        }
        const out = { field, path };
        for (const [key, prop] of [
            ['interval', 'interval'],
            ['timeout', 'timeout'],
            ['grace_period', 'gracePeriod'],
        ]) {
            const value = check[key];
            if (value === undefined)
                continue;
            const duration = flyDuration(value);
            if (duration === undefined)
                problem(`${field}.${key}`, value, `is not a duration; ${DURATION_HELP}`);
            else
                out[prop] = duration;
        }
        checks.push(out);
    }
    if (problems.length > 0)
        throw new settings_problems/* SettingsError */.GN(problems);
    return { file, ...(typeof app === 'string' && app.trim() ? { app: app.trim() } : {}), checks };
}
function servesWebPorts(service) {
    const ports = Array.isArray(service['ports']) ? service['ports'] : [];
    return ports.some((p) => isTable(p) && [80, 443, '80', '443'].includes(p['port']));
}
/** A duration as deploy-gate writes it; Fly's bare numbers are milliseconds. */
function flyDuration(value) {
    if (typeof value === 'number' || typeof value === 'bigint') {
        const n = Number(value);
        return Number.isFinite(n) && n >= 0 ? `${n}ms` : undefined;
    }
    if (typeof value !== 'string')
        return undefined;
    return (0,duration/* parseDuration */.E)(value) !== undefined && /[a-z]$/.test(value.trim())
        ? value.trim()
        : undefined;
}
/** The base every check path is joined to. */
function flyBaseUrl(options) {
    if (options.hostname) {
        const host = options.hostname.trim().replace(/\/+$/, '');
        return /^https?:\/\//i.test(host) ? host : `https://${host}`;
    }
    return options.app ? `https://${options.app}.fly.dev` : undefined;
}
/**
 * Input values taken from fly.toml: fly-app, url (one line per check), interval, timeout and
 * initial-delay. Each remembers the fly.toml field it came from.
 */
function flyTomlDefaults(toml, options = {}) {
    const inputs = {};
    const notes = [];
    const from = (field) => ({ kind: 'fly.toml', file: toml.file, field });
    if (toml.app)
        inputs['fly-app'] = { value: toml.app, origin: from('app') };
    const base = flyBaseUrl({ app: options.app ?? toml.app, hostname: options.hostname });
    if (toml.checks.length === 0) {
        notes.push(`${toml.file} has no [[http_service.checks]] (or [[services.http_checks]] on port 80/443)`);
        return { inputs, notes };
    }
    if (base === undefined) {
        notes.push(`${toml.file} names no app, so its check paths have no host to probe`);
    }
    else {
        const urls = [...new Set(toml.checks.map((c) => `${base}${c.path}`))];
        inputs['url'] = { value: urls.join('\n'), origin: from(toml.checks[0]?.field ?? 'checks') };
    }
    const first = toml.checks[0];
    if (first.interval)
        inputs['interval'] = { value: first.interval, origin: from(`${first.field}.interval`) };
    if (first.timeout)
        inputs['timeout'] = { value: first.timeout, origin: from(`${first.field}.timeout`) };
    if (first.gracePeriod)
        inputs['initial-delay'] = {
            value: first.gracePeriod,
            origin: from(`${first.field}.grace_period`),
        };
    if (toml.checks.length > 1) {
        notes.push(`${toml.file}: probe timing taken from ${first.field} (the first of ${toml.checks.length} checks)`);
    }
    return { inputs, notes };
}

// EXTERNAL MODULE: ./src/settings/service-config.ts
var service_config = __webpack_require__(62957);
// EXTERNAL MODULE: ./src/settings/input-schema.ts
var input_schema = __webpack_require__(72357);
;// CONCATENATED MODULE: ./src/settings/resolve-service.ts





async function resolveService(service, options) {
    const scope = `service "${service.name}"`;
    const problems = [];
    const notes = [...service.notes];
    const pick = (name) => service.inputs[name]?.value ?? options.actionInputs[name];
    let toml;
    const flyConfig = pick('fly-config')?.trim();
    if (flyConfig) {
        try {
            toml = await (options.readFlyToml ?? readFlyToml)(flyConfig);
        }
        catch (error) {
            if (!(error instanceof settings_problems/* SettingsError */.GN))
                throw error;
            problems.push(...error.problems.map((p) => ({ ...p, scope: p.scope || scope })));
        }
    }
    const app = pick('fly-app')?.trim() || toml?.app;
    const fromToml = toml
        ? flyTomlDefaults(toml, {
            ...(app ? { app } : {}),
            ...(service.baseUrl ? { hostname: service.baseUrl.value } : {}),
        })
        : undefined;
    // Where to probe: the file's endpoints, its base_url, the url input, or fly.toml's checks. The
    // service's version and header settings go with every one of them (see merge-layers.ts).
    const targets = [];
    let tomlLayer = {};
    if (fromToml?.inputs['fly-app'])
        tomlLayer['fly-app'] = fromToml.inputs['fly-app'];
    const base = service.baseUrl?.value ?? flyBaseUrl({ ...(app ? { app } : {}) });
    if (service.endpoints.length > 0) {
        for (const endpoint of service.endpoints) {
            const url = endpointUrl(endpoint, base);
            if (url === undefined) {
                problems.push(noBase(endpoint, scope));
                continue;
            }
            targets.push({
                url,
                label: endpoint.label,
                origin: endpoint.targetOrigin,
                inputs: endpoint.inputs,
                ...(endpoint.objectives ? { objectives: endpoint.objectives } : {}),
            });
        }
    }
    else if (service.baseUrl) {
        targets.push({
            url: service.baseUrl.value,
            label: service.baseUrl.value,
            origin: service.baseUrl.origin,
            inputs: service.endpointInputs,
        });
    }
    else if (options.actionInputs['url']?.trim()) {
        targets.push({
            url: options.actionInputs['url'],
            label: 'url',
            origin: { kind: 'action-input' },
            inputs: service.endpointInputs,
        });
    }
    else if (fromToml?.inputs['url']) {
        tomlLayer = fromToml.inputs;
        notes.push(...fromToml.notes);
        const url = fromToml.inputs['url'];
        targets.push({
            url: url.value,
            label: 'fly.toml checks',
            origin: url.origin,
            inputs: service.endpointInputs,
        });
    }
    else {
        problems.push({
            file: service.file,
            ...(service.line !== undefined ? { line: service.line } : {}),
            scope,
            field: '',
            message: 'has no endpoint to probe; accepted: health_endpoint, build_endpoint, endpoints, base_url, the url input, or fly.config with [[http_service.checks]]' +
                (fromToml?.notes.length ? ` (${fromToml.notes.join('; ')})` : ''),
        });
    }
    const layered = (0,parse_inputs/* inputLayers */.Bo)(options.actionInputs, tomlLayer);
    const bySettings = new Map();
    for (const target of targets) {
        const settings = { ...layered, ...service.inputs, ...target.inputs };
        delete settings['url'];
        if (target.objectives)
            settings['latency-slo'] = joinedObjectives(settings['latency-slo'], target.objectives);
        const key = JSON.stringify((0,service_config/* plainInputs */.O)(settings));
        const group = bySettings.get(key) ?? { settings, targets: [] };
        group.targets.push(target);
        bySettings.set(key, group);
    }
    const groups = [];
    for (const { settings, targets: grouped } of bySettings.values()) {
        const first = grouped[0];
        const all = {
            ...settings,
            url: { value: grouped.map((t) => t.url).join('\n'), origin: first.origin },
        };
        const inputs = (0,service_config/* plainInputs */.O)(all);
        const labels = grouped.map((t) => t.label);
        const fitted = [];
        try {
            groups.push({ endpoints: labels, inputs, settings: (0,parse_inputs/* parseSettings */.P$)(all, fitted) });
            notes.push(...fitted.map((note) => `${labels.join(', ')}: ${note}`));
        }
        catch (error) {
            if (!(error instanceof settings_problems/* SettingsError */.GN))
                throw error;
            // Problems of the action inputs and rules across values are the service's, in its file.
            for (const p of error.problems)
                problems.push(p.file === ''
                    ? { file: service.file, scope, field: '', message: (0,settings_problems/* formatProblem */.Vw)(p) }
                    : { ...p, scope: p.scope || scope });
        }
    }
    if (problems.length > 0)
        throw new settings_problems/* SettingsError */.GN((0,settings_problems/* dedupeProblems */.Ak)(problems));
    return { name: service.name, groups, notes: [...new Set(notes)], notJudged: service.notJudged };
}
/**
 * An endpoint's own objectives (`search_response_time_p90`) join the service's latency-slo,
 * whichever layer set it (the file, the workflow); for the same percentile the endpoint's win.
 * A service value that does not parse is kept, so its own problem is what the user reads.
 */
function joinedObjectives(service, own) {
    const parse = (s) => input_schema/* inputSchema */.is.shape['latency-slo'].safeParse(s.value);
    if (!service || service.value.trim() === '')
        return own;
    const theirs = parse(service);
    const mine = parse(own);
    if (!theirs.success)
        return service;
    if (!mine.success)
        return own;
    const byPercentile = new Map([...theirs.data, ...mine.data].map((o) => [o.percentile, o.text]));
    const value = [...byPercentile]
        .sort(([a], [b]) => a - b)
        .map(([, text]) => text)
        .join(',');
    return { value, origin: own.origin };
}
/** Every service (or the named ones), all problems reported together. */
async function resolveServices(file, options, services = file.services) {
    const resolved = [];
    const problems = [];
    for (const service of services) {
        try {
            resolved.push(await resolveService(service, options));
        }
        catch (error) {
            if (!(error instanceof settings_problems/* SettingsError */.GN))
                throw error;
            problems.push(...error.problems);
        }
    }
    if (problems.length > 0)
        throw new settings_problems/* SettingsError */.GN((0,settings_problems/* dedupeProblems */.Ak)(problems));
    return resolved;
}
function endpointUrl(endpoint, base) {
    if (endpoint.target.kind === 'url')
        return endpoint.target.url;
    return base === undefined ? undefined : `${base.replace(/\/+$/, '')}${endpoint.target.path}`;
}
function noBase(endpoint, scope) {
    const o = endpoint.targetOrigin;
    const path = endpoint.target.kind === 'path' ? endpoint.target.path : '';
    return {
        file: o.kind === 'file' ? o.file : '',
        ...(o.kind === 'file' && o.line !== undefined ? { line: o.line } : {}),
        scope,
        field: o.kind === 'file' ? o.field : endpoint.label,
        message: `${JSON.stringify(path)} is a path with no host; accepted: base_url, a full URL, or fly.app / fly.config (https://<app>.fly.dev)`,
    };
}

;// CONCATENATED MODULE: ./src/settings/config-file.ts
/**
 * What a run with a config file (or fly.toml) needs, YAML and TOML readers included, behind one
 * module: the bundle loads it as one chunk, and only when there is a file to read. Five separate
 * imports made five chunks, each with its own copy of the modules they share.
 */






/***/ })

};
