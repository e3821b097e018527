export const id = 261;
export const ids = [261];
export const modules = {

/***/ 20261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   flyBaseUrl: () => (/* binding */ flyBaseUrl),
/* harmony export */   flyTomlDefaults: () => (/* binding */ flyTomlDefaults),
/* harmony export */   parseFlyToml: () => (/* binding */ parseFlyToml),
/* harmony export */   readFlyToml: () => (/* binding */ readFlyToml)
/* harmony export */ });
/* harmony import */ var _evidence_special_paths_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69931);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3292);
/* harmony import */ var _gate_duration_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59731);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(91477);
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
    const special = (0,_evidence_special_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .regularFileProblem */ .Qn)(path);
    if (special)
        throw new _problems_js__WEBPACK_IMPORTED_MODULE_4__/* .SettingsError */ .GN([{ file: path, scope: '', field: '', message: special }]);
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw new _problems_js__WEBPACK_IMPORTED_MODULE_4__/* .SettingsError */ .GN([
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
function parseFlyToml(text, file) {
    let data;
    try {
        data = (0,smol_toml__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(text);
    }
    catch (error) {
        const line = error instanceof smol_toml__WEBPACK_IMPORTED_MODULE_2__/* .TomlError */ .zx ? error.line : undefined;
        const message = error.message.split('\n')[0] ?? 'is not TOML';
        throw new _problems_js__WEBPACK_IMPORTED_MODULE_4__/* .SettingsError */ .GN([{ file, ...(line ? { line } : {}), scope: '', field: '', message }]);
    }
    const problems = [];
    const problem = (field, value, what) => problems.push({ file, scope: '', field, message: `${(0,_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .shownValue */ .JJ)(value, false)} ${what}` });
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
        throw new _problems_js__WEBPACK_IMPORTED_MODULE_4__/* .SettingsError */ .GN(problems);
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
    return (0,_gate_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E)(value) !== undefined && /[a-z]$/.test(value.trim())
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


/***/ })

};
