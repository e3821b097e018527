export const id = 932;
export const ids = [932];
export const modules = {

/***/ 94408:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J9: () => (/* binding */ burnRates),
/* harmony export */   RH: () => (/* binding */ ALERT_WINDOW_MS),
/* harmony export */   VS: () => (/* binding */ alertingBurnRates),
/* harmony export */   VX: () => (/* binding */ ALERT_WINDOWS),
/* harmony export */   t_: () => (/* binding */ budgetState)
/* harmony export */ });
/* unused harmony exports MAX_GAPS_LISTED, windowCounts */
/* harmony import */ var _gate_stats_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(18612);
/* harmony import */ var _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1412);
/**
 * Burn rates and error budgets from the SLO ledger, event-based as Sloth and Pyrra compute them:
 * a window's error ratio is its bad events over its events (traffic-weighted, never an average of
 * ratios), and its burn rate is that ratio over the error budget (1 − target). Pure.
 *
 * Windows are whole buckets ending with the bucket that holds `now`:
 * - up to 6 h (5m, 30m, 1h, 2h, 6h): the last windowMs / 5 min five-minute buckets;
 * - longer (1d, 3d, the SLO window): the last ceil(windowMs / 1 h) hours.
 * So a window is exact at its bucket grain; its oldest edge moves a bucket at a time.
 */


const ALERT_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const MINUTE = 60_000;
const ALERT_WINDOW_MS = {
    '5m': 5 * MINUTE,
    '30m': 30 * MINUTE,
    '1h': 60 * MINUTE,
    '2h': 120 * MINUTE,
    '6h': 360 * MINUTE,
    '1d': 1440 * MINUTE,
    '3d': 4320 * MINUTE,
};
/** At most this many gaps are listed (the most recent); coverage counts them all. */
const MAX_GAPS_LISTED = 20;
function checkTarget(slo) {
    if (!(slo.target > 0 && slo.target < 1))
        throw new RangeError(`SLO ${slo.name}: target ${slo.target} leaves no error budget; accepted: above 0, below 1`);
}
/** The row column holding the SLO's bad events, or undefined when no run has measured it. */
function badColumn(svc, slo) {
    if (slo.kind === 'availability')
        return 2;
    const at = svc.objectives.indexOf(slo.objective ?? '');
    return at < 0 ? undefined : 3 + at;
}
/** Sums rows whose bucket (mapped by `toIndex`) lies in [first, last]; rows are ascending. */
function sumRows(rows, first, last, column, toIndex, into) {
    for (let i = rows.length - 1; i >= 0; i--) {
        const row = rows[i];
        const index = toIndex(row[0]);
        if (index < first)
            break;
        if (index > last || row.length <= column)
            continue;
        into.events += row[1];
        into.badEvents += row[column];
    }
}
/** Events and bad events of one SLO over a window ending at `now`. */
function windowCounts(ledger, service, slo, now, windowMs) {
    const counts = { events: 0, badEvents: 0 };
    const svc = (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .serviceLedger */ .Jg)(ledger, service);
    const column = svc && badColumn(svc, slo);
    if (!svc || column === undefined)
        return counts;
    const fineGrain = windowMs <= _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .FINE_HOURS */ .zH * _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .COARSE_BUCKET_MS */ .kX && windowMs % _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .FINE_BUCKET_MS */ .TD === 0;
    if (fineGrain) {
        const last = Math.floor(now / _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .FINE_BUCKET_MS */ .TD);
        sumRows(svc.fine, last - windowMs / _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .FINE_BUCKET_MS */ .TD + 1, last, column, (i) => i, counts);
        return counts;
    }
    const last = Math.floor(now / _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .COARSE_BUCKET_MS */ .kX);
    const first = last - Math.ceil(windowMs / _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .COARSE_BUCKET_MS */ .kX) + 1;
    const perHour = _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .COARSE_BUCKET_MS */ .kX / _slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .FINE_BUCKET_MS */ .TD;
    sumRows(svc.coarse, first, last, column, (i) => i, counts);
    sumRows(svc.fine, first, last, column, (i) => Math.floor(i / perHour), counts);
    return counts;
}
/** One rate per alert window from its counts; null when the window holds no events. */
function perWindow(ledger, service, slo, now, rate) {
    checkTarget(slo);
    const rates = {};
    for (const window of ALERT_WINDOWS) {
        const windowMs = ALERT_WINDOW_MS[window];
        const counts = windowCounts(ledger, service, slo, now, windowMs);
        rates[window] = counts.events === 0 ? null : rate(counts, windowMs);
    }
    return rates;
}
/** Error ratio over the budget per alert window; null when the window holds no events. */
function burnRates(ledger, service, slo, now) {
    return perWindow(ledger, service, slo, now, ({ events, badEvents }) => badEvents / events / (1 - slo.target));
}
/**
 * The burn rates the alert rules judge. A monitor sees few events (12 probes a run at the
 * defaults), so one failed probe in 2 h is already a 3.5x burn at 99.9 %: the plain ratio is noise.
 * Each window's ratio is therefore taken at the lower end of its 95 % Wilson interval (a burn must
 * be clearly above a threshold, not just by one unlucky probe), and weighted by the share of the
 * window the monitor watched (a new service or a schedule gap: a few hours cannot pose as 3 days).
 * A total outage still pages on its first run: 12 of 12 failed is a lower bound of 76 %. With
 * plenty of events the bound meets the plain ratio. The plain rates (burnRates) are what is reported.
 */
function alertingBurnRates(ledger, service, slo, now) {
    const svc = (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .serviceLedger */ .Jg)(ledger, service);
    return perWindow(ledger, service, slo, now, ({ events, badEvents }, windowMs) => {
        const seen = watched(svc, now - windowMs, now).reduce((sum, s) => sum + s.to - s.from, 0);
        const lower = (0,_gate_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .wilsonInterval */ .YV)(badEvents, events).lower;
        return (lower / (1 - slo.target)) * Math.min(1, seen / windowMs);
    });
}
/** Watched spans clipped to [from, now]; the silence after the last run counts until it is a gap. */
function watched(svc, from, now) {
    const runs = svc?.runs;
    if (!runs)
        return [];
    const spans = runs.covered.map(([a, b]) => ({ from: a, to: b }));
    const tail = spans[spans.length - 1];
    if (tail && now - runs.lastStart <= (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .gapThresholdMs */ .IU)(runs.spacings) && tail.to >= runs.lastEnd)
        tail.to = Math.max(tail.to, now);
    return spans
        .map((s) => ({ from: Math.max(s.from, from), to: Math.min(s.to, now) }))
        .filter((s) => s.to > s.from);
}
/**
 * The error budget of one SLO over `windowMs` (the SLO window, default 30 d) ending at `now`
 * (Pyrra's formula: remaining = ((1 − target) − bad/events) / (1 − target)).
 */
function budgetState(ledger, service, slo, now, windowMs) {
    checkTarget(slo);
    const { events, badEvents } = windowCounts(ledger, service, slo, now, windowMs);
    const budget = 1 - slo.target;
    const budgetMinutes = (windowMs / MINUTE) * budget;
    const consumed = events === 0 ? null : badEvents / events / budget;
    const from = now - windowMs;
    const spans = watched((0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_0__/* .serviceLedger */ .Jg)(ledger, service), from, now);
    const gaps = [];
    let cursor = spans[0]?.from ?? now;
    for (const span of spans) {
        if (span.from > cursor)
            gaps.push({ from: cursor, to: span.from });
        cursor = Math.max(cursor, span.to);
    }
    if (spans.length > 0 && cursor < now)
        gaps.push({ from: cursor, to: now });
    const watchedMs = spans.reduce((sum, s) => sum + (s.to - s.from), 0);
    return {
        windowMs,
        events,
        badEvents,
        sliPercent: events === 0 ? null : (1 - badEvents / events) * 100,
        budgetMinutes,
        consumedMinutes: (consumed ?? 0) * budgetMinutes,
        consumedPercent: consumed === null ? null : consumed * 100,
        remainingPercent: consumed === null ? null : (1 - consumed) * 100,
        coveragePercent: windowMs > 0 ? (watchedMs / windowMs) * 100 : 0,
        gaps: gaps.slice(-MAX_GAPS_LISTED),
        gapsOmitted: Math.max(0, gaps.length - MAX_GAPS_LISTED),
        watchedFrom: spans[0]?.from ?? null,
    };
}


/***/ }),

/***/ 46932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EQ: () => (/* binding */ MONITOR_RECORD_FILE),
/* harmony export */   FP: () => (/* binding */ writeMonitorRecord),
/* harmony export */   NV: () => (/* binding */ MONITOR_SCHEMA_VERSIONS),
/* harmony export */   YH: () => (/* binding */ monitorRecord),
/* harmony export */   eV: () => (/* binding */ MONITOR_SCHEMA_VERSION),
/* harmony export */   hd: () => (/* binding */ monitorRecordSchema),
/* harmony export */   op: () => (/* binding */ readsMonitorVersion)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(64377);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(92857);
/* harmony import */ var _burn_rate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94408);
/**
 * monitor.json: what one monitor run measured and concluded, per service and SLO. It sits next to
 * the run's probes.ndjson and is sealed with it (SHA256SUMS, manifest.json), like a gate's
 * audit.json; its own file name keeps it apart, so the report never counts a monitor run as a
 * deployment. Every string is redacted one by one, so the record keeps its structure.
 *
 * Versioning as audit.json's (audit-schema.ts): a minor version only adds optional fields, and
 * the schema accepts the earlier minors of its major, so reports keep reading older records.
 */




const MONITOR_RECORD_FILE = 'monitor.json';
/** The version this tool writes. 1.1.0 added each SLO's `entry`. */
const MONITOR_SCHEMA_VERSION = '1.1.0';
/** Every version this tool reads, oldest first: the minors of its major up to its own. */
const MONITOR_SCHEMA_VERSIONS = ['1.0.0', MONITOR_SCHEMA_VERSION];
/** Whether a record's `schema_version` is one this tool reads. */
function readsMonitorVersion(version) {
    return MONITOR_SCHEMA_VERSIONS.includes(version);
}
const iso = () => zod__WEBPACK_IMPORTED_MODULE_3__/* .datetime */ .w$();
const rate = zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().min(0).nullable();
const sloSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    entry: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()
        .optional()
        .describe('The SLO ledger entry the SLO is judged and alerted under, as alerts and incident issues name it: the service (`api`) or an endpoint scope (`api/search`). Written since 1.1.0'),
    kind: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['availability', 'latency']),
    target_percent: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().min(0).max(100),
    sli_percent: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().min(0).max(100).nullable(),
    budget_remaining_percent: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().nullable(),
    budget_consumed_minutes: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().min(0),
    budget_minutes: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().min(0),
    coverage_percent: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().min(0).max(100),
    gaps: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({ from: iso(), to: iso() })),
    burn_rates: zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej(Object.fromEntries(_burn_rate_js__WEBPACK_IMPORTED_MODULE_2__/* .ALERT_WINDOWS */ .VX.map((w) => [w, rate]))),
    alert: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['none', 'ticket', 'page']),
    rule: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
    event: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['fired', 'escalated', 'resolved']).nullable(),
});
const monitorRecordSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    schema_version: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(MONITOR_SCHEMA_VERSIONS)
        .describe(`Written as ${MONITOR_SCHEMA_VERSION}; earlier minors of the same major lack only optional fields`),
    kind: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz('monitor'),
    started_at: iso(),
    ended_at: iso(),
    window: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().describe('The SLO window budgets are computed over, e.g. 30d'),
    run_url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
    services: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
        service: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        urls: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()),
        probes: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(0),
        failed: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(0),
        not_counted: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().min(0),
        alert: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['none', 'ticket', 'page']),
        slos: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(sloSchema),
        evidence: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()),
    })),
});
const round = (value, digits = 3) => value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
function monitorRecord(result, context) {
    const at = (ms) => new Date(ms).toISOString();
    return {
        schema_version: MONITOR_SCHEMA_VERSION,
        kind: 'monitor',
        started_at: at(result.startedAt),
        ended_at: at(result.endedAt),
        window: context.window,
        run_url: context.runUrl,
        services: result.services.map((s) => ({
            service: s.name,
            urls: s.urls,
            probes: s.counts.total,
            failed: s.counts.failed,
            not_counted: result.attempts.filter((a) => s.urls.includes(a.url) && a.failure?.class === 'runner-overloaded').length,
            alert: s.alert,
            slos: s.slos.map((slo) => ({
                name: slo.objective.name,
                entry: slo.entry,
                kind: slo.objective.kind,
                target_percent: round(slo.objective.target * 100, 4),
                sli_percent: round(slo.budget.sliPercent),
                budget_remaining_percent: round(slo.budget.remainingPercent),
                budget_consumed_minutes: round(slo.budget.consumedMinutes),
                budget_minutes: round(slo.budget.budgetMinutes),
                coverage_percent: round(slo.budget.coveragePercent),
                gaps: slo.budget.gaps.map((g) => ({ from: at(g.from), to: at(g.to) })),
                burn_rates: Object.fromEntries(_burn_rate_js__WEBPACK_IMPORTED_MODULE_2__/* .ALERT_WINDOWS */ .VX.map((w) => [w, round(slo.rates[w])])),
                alert: slo.level,
                rule: slo.rule,
                event: slo.event?.kind ?? null,
            })),
            evidence: s.evidence,
        })),
    };
}
/** Every string value redacted on its own: a secret never survives, the JSON never breaks. */
function redactStrings(value, redactor) {
    if (typeof value === 'string')
        return redactor.redactText(value);
    if (Array.isArray(value))
        return value.map((v) => redactStrings(v, redactor));
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redactor)]));
    return value;
}
function writeMonitorRecord(dir, record, redactor) {
    const redacted = monitorRecordSchema.parse(redactStrings(record, redactor));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, MONITOR_RECORD_FILE), `${JSON.stringify(redacted, null, 2)}\n`);
}


/***/ }),

/***/ 1412:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  kX: () => (/* reexport */ COARSE_BUCKET_MS),
  TD: () => (/* reexport */ FINE_BUCKET_MS),
  zH: () => (/* binding */ FINE_HOURS),
  Lv: () => (/* reexport */ LEDGER_LIMITS),
  Bn: () => (/* reexport */ LEDGER_VERSION),
  Z: () => (/* binding */ addRun),
  Hg: () => (/* reexport */ emptyLedger),
  WM: () => (/* reexport */ emptyServiceLedger),
  IU: () => (/* binding */ gapThresholdMs),
  NU: () => (/* reexport */ ledgerPart),
  h8: () => (/* reexport */ parseLedger),
  OJ: () => (/* binding */ pruneLedger),
  CE: () => (/* reexport */ serializeLedger),
  Jg: () => (/* reexport */ serviceLedger)
});

// UNUSED EXPORTS: DAY_MS, DEFAULT_SLO_WINDOW_MS, FINE_PER_COARSE, LEDGER_SERVICE_NAME, MAX_RETENTION_MS, SPACINGS_KEPT

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./src/monitor/ledger-format.ts
/**
 * The SLO ledger as stored between runs: its shape, bounds and version, read and written. Pure.
 * How runs are counted into it is slo-ledger.ts.
 *
 * Versions: 1 held the counts and alert episodes; 2 adds each entry's optional `owner` (the
 * monitor that writes it, so a ledger shared by several monitors is never cleaned up by the wrong
 * one). Both are read; version 2 is written. An entry of a version 1 ledger has no owner.
 */

const LEDGER_VERSION = 2;
/** Every version this action reads: an older one lacks only optional fields. */
const READABLE_VERSIONS = [1, LEDGER_VERSION];
const FINE_BUCKET_MS = 5 * 60_000;
const COARSE_BUCKET_MS = 60 * 60_000;
const FINE_PER_COARSE = COARSE_BUCKET_MS / FINE_BUCKET_MS;
const DAY_MS = 86_400_000;
const MAX_RETENTION_MS = 400 * DAY_MS;
const SPACINGS_KEPT = 24;
const LEDGER_LIMITS = {
    services: 200,
    objectives: 16,
    alerts: 64,
    text: 200,
    spans: 1000,
    owner: 500,
};
/**
 * A service, or `service/endpoints` (the ledger entry of an endpoint's own objectives); each part
 * like the config's service names: letters, digits, `.`, `_`, `-`, starting with a letter or digit.
 */
const LEDGER_SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:\/[A-Za-z0-9][A-Za-z0-9._-]{0,99})?$/;
/** Any text as one part of a ledger name: `-` for what a part cannot hold, `suffix` kept within 100. */
function ledgerPart(text, fallback, suffix = '') {
    const clean = text.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || fallback;
    return clean.slice(0, 100 - suffix.length) + suffix;
}
const count = schemas/* number */.aig().int().min(0).max(Number.MAX_SAFE_INTEGER);
const ledger_format_text = schemas/* string */.YjP().min(1).max(LEDGER_LIMITS.text);
const row = schemas/* array */.YOg(count).refine((r) => r.length >= 3 && r.length <= 19, '3 to 19 numbers');
const level = schemas/* enum */.k5n(['ticket', 'page']);
const ascending = (rows) => rows.every((r, i) => i === 0 || r[0] > rows[i - 1][0]);
const consistent = (rows, objectives) => rows.every((r) => r.length <= 3 + objectives && r.slice(2).every((n) => n <= r[1]));
/** An open alert episode of one SLO (removed when it resolves); `peak` is its highest level. */
const alertRecordSchema = schemas/* strictObject */.rej({
    level,
    peak: level,
    since: count,
    rule: ledger_format_text.nullable(),
    /** When the level first read 'none' in a quiet stretch still inside the resolve hold. */
    quietSince: count.nullable(),
});
const runHistorySchema = schemas/* strictObject */.rej({
    lastStart: count,
    lastEnd: count,
    /** Start-to-start spacings of recent runs, in seconds, oldest first. */
    spacings: schemas/* array */.YOg(count).max(SPACINGS_KEPT),
    /** Watched spans [from, to] in epoch ms, ascending and disjoint. */
    covered: schemas/* array */.YOg(schemas/* tuple */.PVZ([count, count])).max(LEDGER_LIMITS.spans),
});
const serviceSchema = schemas/* strictObject */.rej({
    /**
     * The monitor that last wrote the entry (its workflow file and config: ledger-owner.ts);
     * absent in entries written before version 2.
     */
    owner: schemas/* string */.YjP().min(1).max(LEDGER_LIMITS.owner).optional(),
    objectives: schemas/* array */.YOg(ledger_format_text).max(LEDGER_LIMITS.objectives),
    fine: schemas/* array */.YOg(row).max(24 * FINE_PER_COARSE),
    coarse: schemas/* array */.YOg(row).max(MAX_RETENTION_MS / COARSE_BUCKET_MS + 1),
    runs: runHistorySchema.nullable(),
    alerts: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^(?!__proto__$)[^]{1,200}$/), alertRecordSchema),
})
    .refine((s) => ascending(s.fine) && ascending(s.coarse), 'bucket rows out of order')
    .refine((s) => consistent(s.fine, s.objectives.length) && consistent(s.coarse, s.objectives.length), 'a bucket row has more bad events than events, or more columns than objectives')
    .refine((s) => Object.keys(s.alerts).length <= LEDGER_LIMITS.alerts, 'too many open alerts');
const ledgerSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(READABLE_VERSIONS),
    services: schemas/* record */.g1P(schemas/* string */.YjP().regex(LEDGER_SERVICE_NAME), serviceSchema),
})
    .refine((l) => Object.keys(l.services).length <= LEDGER_LIMITS.services, 'too many services');
function emptyLedger() {
    return { version: LEDGER_VERSION, services: {} };
}
function emptyServiceLedger() {
    return { objectives: [], fine: [], coarse: [], runs: null, alerts: {} };
}
/** A service's ledger, or undefined (own keys only: 'constructor' is not a service). */
function serviceLedger(ledger, service) {
    return Object.hasOwn(ledger.services, service) ? ledger.services[service] : undefined;
}
function serializeLedger(ledger) {
    return JSON.stringify(ledger);
}
/** Reads a stored ledger. Never throws: anything unreadable starts an empty ledger, said why. */
function parseLedger(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return { ledger: emptyLedger(), problem: 'the ledger is not JSON' };
    }
    const version = JSON.stringify(data?.version ?? null);
    if (!READABLE_VERSIONS.some((v) => version === String(v))) {
        const problem = `the ledger has version ${version.slice(0, 40)}; this action reads versions ${READABLE_VERSIONS.join(' and ')}`;
        return { ledger: emptyLedger(), problem };
    }
    const parsed = ledgerSchema.safeParse(data);
    // An older version lacks only optional fields: read, it is the current version.
    if (parsed.success)
        return { ledger: { ...parsed.data, version: LEDGER_VERSION } };
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.').slice(0, 120) || '(top)';
    return { ledger: emptyLedger(), problem: `the ledger is invalid at ${where}: ${issue?.message}` };
}

;// CONCATENATED MODULE: ./src/monitor/slo-ledger.ts
/**
 * The SLO ledger: good and bad events per service, kept between scheduled monitor runs. Pure: no
 * I/O, the clock comes in as numbers (epoch ms). addRun returns a new ledger; it is not idempotent.
 *
 * Counts live in buckets, compact rows `[index, total, failed, ...slow]` (`index` counts buckets
 * since the epoch, `slow[k]` belongs to `objectives[k]`; a row shorter than the list predates that
 * objective and is left out of it). `fine`: 5-minute buckets for the current hour and the FINE_HOURS
 * whole hours before it, so the 5m..6h windows are exact. `coarse`: 1-hour buckets kept for the SLO
 * window (default 30 d, at least the 3 d alert window); older data is dropped. A whole hour moves
 * from fine to coarse at once, so no moment is counted twice.
 *
 * A run shorter than a fine bucket goes whole to the bucket of its end, the one the alert windows
 * that judge it end in (filed under its start, a run begun late in a bucket would be missing from
 * the 5-minute window read at its end); a longer one is spread
 * over the buckets it spans in proportion to its time in each (cumulative rounding: totals kept
 * exactly, no bucket with more failed or slow than total).
 *
 * Coverage: `runs.covered`, the merged spans watched. Time between two runs is watched unless their
 * start-to-start spacing exceeds twice the usual one (median of the last SPACINGS_KEPT, at least a
 * minute; an hour until 3 are known): then from the earlier end to the later start is a gap.
 *
 * The stored shape, its bounds and its version are ledger-format.ts.
 */

// The stored format is part of the ledger's interface: callers import it from here too.

const FINE_HOURS = 6; // whole hours kept at 5-minute grain before the current one
const DEFAULT_SLO_WINDOW_MS = 30 * DAY_MS;
const LONGEST_ALERT_WINDOW_MS = 3 * DAY_MS; // kept even when the SLO window is shorter
const MIN_SPACING_MS = 60_000;
const UNKNOWN_SCHEDULE_GAP_MS = COARSE_BUCKET_MS;
/** Twice the usual start-to-start spacing: a longer silence is a gap in the schedule. */
function gapThresholdMs(spacingsSeconds) {
    if (spacingsSeconds.length < 3)
        return UNKNOWN_SCHEDULE_GAP_MS;
    const sorted = [...spacingsSeconds].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return 2 * Math.max(MIN_SPACING_MS, median * 1000);
}
function checkRun(run) {
    const bad = (what) => {
        throw new RangeError(`addRun: ${what} (service ${JSON.stringify(run.service)})`);
    };
    const isCount = (n) => Number.isSafeInteger(n) && n >= 0;
    if (!LEDGER_SERVICE_NAME.test(run.service))
        bad('service name is not a ledger service name');
    if (!isCount(run.startedAt) || !isCount(run.endedAt) || run.endedAt < run.startedAt)
        bad(`span ${run.startedAt}..${run.endedAt} is not an epoch-ms span`);
    if (!isCount(run.total) || !isCount(run.failed) || run.failed > run.total)
        bad(`failed ${run.failed} of total ${run.total} is not a count within the total`);
    for (const [text, n] of Object.entries(run.slow)) {
        if (!isCount(n) || n > run.total)
            bad(`slow ${n} for ${text} is not a count within the total`);
        if (text.length === 0 || text.length > LEDGER_LIMITS.text)
            bad('objective text length');
    }
}
/** How many of `part` (≤ total) go with `t` of the `rest` events still to place. */
function placed(part, ideal, t, rest) {
    return Math.min(t, part, Math.max(ideal, part - (rest - t), 0));
}
/** The run's counts cut into [bucket index, ...counts] pieces, totals preserved. */
function pieces(run, vector) {
    const first = Math.floor(run.startedAt / FINE_BUCKET_MS);
    const span = run.endedAt - run.startedAt;
    const last = Math.floor((Math.max(run.endedAt, run.startedAt + 1) - 1) / FINE_BUCKET_MS);
    if (span < FINE_BUCKET_MS)
        return [[last, ...vector]];
    const left = [...vector];
    const out = [];
    for (let b = first; b <= last; b++) {
        const upTo = Math.min(run.endedAt, (b + 1) * FINE_BUCKET_MS) - run.startedAt;
        const share = b === last ? 1 : upTo / span;
        const total = b === last ? left[0] : Math.round(vector[0] * share) - (vector[0] - left[0]);
        const row = [b, total];
        for (let k = 1; k < vector.length; k++) {
            const ideal = Math.round(vector[k] * share) - (vector[k] - left[k]);
            row.push(placed(left[k], ideal, total, left[0]));
        }
        for (let k = 0; k < vector.length; k++)
            left[k] = left[k] - row[k + 1];
        if (total > 0)
            out.push(row);
    }
    return out;
}
/** Adds a piece into ascending rows (copy on write: rows shared with older ledgers stay intact). */
function addInto(rows, piece) {
    let i = rows.length - 1;
    while (i >= 0 && rows[i][0] > piece[0])
        i--;
    const out = [...rows];
    const had = i >= 0 && rows[i][0] === piece[0] ? rows[i] : undefined;
    if (!had)
        out.splice(i + 1, 0, [...piece]);
    else
        out[i] = had.map((n, k) => (k === 0 ? n : n + (piece[k] ?? 0))).concat(piece.slice(had.length));
    return out;
}
function insertSpan(spans, span) {
    const all = [...spans, span].sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const [from, to] of all) {
        const prev = out[out.length - 1];
        if (prev && from <= prev[1])
            prev[1] = Math.max(prev[1], to);
        else
            out.push([from, to]);
    }
    return out.slice(-LEDGER_LIMITS.spans);
}
function recordRun(runs, start, end) {
    if (!runs)
        return { lastStart: start, lastEnd: end, spacings: [], covered: [[start, end]] };
    if (start < runs.lastStart)
        return { ...runs, covered: insertSpan(runs.covered, [start, end]) };
    const spacing = start - runs.lastStart;
    const gap = spacing > gapThresholdMs(runs.spacings);
    return {
        lastStart: start,
        lastEnd: Math.max(runs.lastEnd, end),
        spacings: [...runs.spacings, Math.round(spacing / 1000)].slice(-SPACINGS_KEPT),
        covered: insertSpan(runs.covered, gap ? [start, end] : [Math.min(runs.lastEnd, start), end]),
    };
}
/** Moves whole hours out of the fine span, drops what is older than the retention. */
function compact(svc, now, retentionMs) {
    const nowHour = Math.floor(now / COARSE_BUCKET_MS);
    const oldestHour = nowHour - Math.ceil(retentionMs / COARSE_BUCKET_MS);
    const fineFrom = (nowHour - FINE_HOURS) * FINE_PER_COARSE;
    let { fine, coarse, runs } = svc;
    if (fine.length > 0 && fine[0][0] < fineFrom) {
        for (const row of fine.filter((r) => r[0] < fineFrom))
            coarse = addInto(coarse, [Math.floor(row[0] / FINE_PER_COARSE), ...row.slice(1)]);
        fine = fine.filter((r) => r[0] >= fineFrom);
    }
    if (coarse.length > 0 && coarse[0][0] < oldestHour)
        coarse = coarse.filter((r) => r[0] >= oldestHour);
    const oldestMs = oldestHour * COARSE_BUCKET_MS;
    if (runs && runs.covered.length > 0 && runs.covered[0][0] < oldestMs) {
        const covered = runs.covered
            .filter(([, to]) => to > oldestMs)
            .map(([from, to]) => [Math.max(from, oldestMs), to]);
        runs = { ...runs, covered };
    }
    if (fine === svc.fine && coarse === svc.coarse && runs === svc.runs)
        return svc;
    return { ...svc, fine, coarse, runs };
}
/** How long data is kept: the SLO window, at least the longest alert window. */
function retention(sloWindowMs = DEFAULT_SLO_WINDOW_MS) {
    return Math.min(MAX_RETENTION_MS, Math.max(sloWindowMs, LONGEST_ALERT_WINDOW_MS));
}
/**
 * Every entry compacted to `now`. An entry with nothing left in the retention and no open alert
 * is dropped (its service has not run for the whole SLO window), unless it is `keep`.
 */
function compactAll(services, now, retentionMs, keep) {
    const out = {};
    for (const [name, svc] of Object.entries(services)) {
        const kept = compact(svc, now, retentionMs);
        const idle = kept.fine.length + kept.coarse.length + Object.keys(kept.alerts).length === 0;
        if (name === keep || !idle)
            out[name] = kept;
    }
    return out;
}
/**
 * The ledger as of `now`: data older than the SLO window dropped, and with it every entry that
 * holds nothing more and has no open alert. What remains is what the next runs must make room in.
 */
function pruneLedger(ledger, now, options = {}) {
    return {
        version: LEDGER_VERSION,
        services: compactAll(ledger.services, now, retention(options.sloWindowMs)),
    };
}
/**
 * The ledger with one more run: returns a new ledger and never changes the one passed in.
 * `now` drives compaction; `sloWindowMs` (default 30 d) sets how long hourly data is kept;
 * `owner` (the monitor writing the run, ledger-owner.ts) is recorded on the entry. Throws a RangeError on counts no monitor run can produce, or a new entry past the limit once
 * the idle entries are dropped (a bug in the caller: run-monitor.ts makes room first).
 */
function addRun(ledger, run, now, options = {}) {
    checkRun(run);
    const retentionMs = retention(options.sloWindowMs);
    const services = compactAll(ledger.services, now, retentionMs, run.service);
    const known = Object.hasOwn(services, run.service) ? services[run.service] : undefined;
    if (!known && Object.keys(services).length >= LEDGER_LIMITS.services)
        throw new RangeError(`addRun: the ledger already holds ${LEDGER_LIMITS.services} services`);
    let svc = known ?? emptyServiceLedger();
    const fresh = Object.keys(run.slow).filter((t) => !svc.objectives.includes(t));
    const objectives = [...svc.objectives, ...fresh].slice(0, LEDGER_LIMITS.objectives);
    const vector = [run.total, run.failed, ...objectives.map((t) => run.slow[t] ?? 0)];
    const nowHour = Math.floor(now / COARSE_BUCKET_MS);
    const oldestHour = nowHour - Math.ceil(retentionMs / COARSE_BUCKET_MS);
    if (run.endedAt >= oldestHour * COARSE_BUCKET_MS) {
        let { fine, coarse } = svc;
        for (const piece of pieces(run, vector)) {
            const hour = Math.floor(piece[0] / FINE_PER_COARSE);
            if (hour < oldestHour)
                continue;
            if (hour >= nowHour - FINE_HOURS)
                fine = addInto(fine, piece);
            else
                coarse = addInto(coarse, [hour, ...piece.slice(1)]);
        }
        const runs = recordRun(svc.runs, run.startedAt, run.endedAt);
        svc = { ...svc, objectives, fine, coarse, runs };
    }
    if (options.owner)
        svc = { ...svc, owner: options.owner.slice(0, LEDGER_LIMITS.owner) };
    // Compacted again: a run reaching back past the retention leaves no span there.
    return {
        version: LEDGER_VERSION,
        services: { ...services, [run.service]: compact(svc, now, retentionMs) },
    };
}


/***/ })

};
