export const id = 80;
export const ids = [80];
export const modules = {

/***/ 24062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   wF: () => (/* binding */ describeIssues)
/* harmony export */ });
/* unused harmony exports isSecretPath, knownKeys */
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91477);

/** Header values and token fields are never quoted. */
function isSecretPath(path) {
    const names = path.filter((p) => typeof p === 'string');
    const last = names.at(-1);
    return (names.includes('headers') ||
        (names.at(-2) === 'fly' && last === 'api_token') ||
        (names.at(-2) === 'metrics' && last === 'prometheus-token'));
}
function describeIssues(issues, schema, written) {
    const out = [];
    for (const issue of issues) {
        const path = issue.path.filter((p) => typeof p !== 'symbol');
        if (issue.code === 'unrecognized_keys') {
            const known = knownKeys(schema, path);
            for (const key of issue.keys) {
                const close = closest(key, known);
                out.push({
                    path: [...path, key],
                    message: `is not a known field${close ? `; did you mean "${close}"?` : ''}` +
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
