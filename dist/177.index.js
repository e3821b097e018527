export const id = 177;
export const ids = [177];
export const modules = {

/***/ 82000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ writeLedgerFile),
/* harmony export */   Uy: () => (/* binding */ readLedgerFile),
/* harmony export */   h5: () => (/* binding */ LEDGER_ARTIFACT)
/* harmony export */ });
/* unused harmony export LEDGER_FILE */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _slo_ledger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1412);
/**
 * The SLO ledger kept in a folder between runs (`records`): read at the start, replaced at the end
 * by a write to a temporary file and a rename, so a run killed halfway leaves the last whole
 * ledger, never half of one. Without a folder, ledger-artifact.ts carries the same file as an
 * artifact.
 */



const LEDGER_FILE = 'monitor-ledger.json';
/** Without `records`, the ledger travels between runs as the newest artifact of this name. */
const LEDGER_ARTIFACT = 'deploy-gate-monitor-ledger';
function readLedgerFile(folder) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(folder), LEDGER_FILE);
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { ledger: (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .emptyLedger */ .Hg)(), problem: `no ledger yet at ${path}: this run starts one` };
        return {
            ledger: (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .emptyLedger */ .Hg)(),
            problem: `could not read ${path} (${error.code ?? 'error'}): this run starts a new ledger`,
        };
    }
    const parsed = (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLedger */ .h8)(text);
    return parsed.problem
        ? { ledger: parsed.ledger, problem: `${path}: ${parsed.problem}` }
        : { ledger: parsed.ledger };
}
function writeLedgerFile(folder, ledger) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(folder);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(dir, { recursive: true });
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, LEDGER_FILE);
    const temporary = `${path}.${process.pid}.tmp`;
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(temporary, (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .serializeLedger */ .CE)(ledger));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(temporary, path);
    return path;
}


/***/ }),

/***/ 33177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  monitorStep: () => (/* binding */ monitorStep)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(70819);
// EXTERNAL MODULE: ./src/evidence/evidence-folder.ts + 1 modules
var evidence_folder = __webpack_require__(77257);
// EXTERNAL MODULE: ./src/evidence/write-failures.ts
var write_failures = __webpack_require__(80776);
// EXTERNAL MODULE: ./src/evidence/seal.ts
var seal = __webpack_require__(10500);
// EXTERNAL MODULE: ./src/evidence/finish-evidence.ts
var finish_evidence = __webpack_require__(3026);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(34200);
// EXTERNAL MODULE: ./src/gate/clock.ts
var clock = __webpack_require__(38553);
// EXTERNAL MODULE: ./src/github/github-run.ts
var github_run = __webpack_require__(66064);
// EXTERNAL MODULE: ./src/service/paperwork.ts
var paperwork = __webpack_require__(61912);
// EXTERNAL MODULE: ./src/summary/summary-bounds.ts
var summary_bounds = __webpack_require__(38504);
// EXTERNAL MODULE: ./src/summary/outside-text.ts
var outside_text = __webpack_require__(42851);
// EXTERNAL MODULE: ./src/summary/runner-files.ts
var runner_files = __webpack_require__(83858);
// EXTERNAL MODULE: ./src/settings/read-inputs.ts
var read_inputs = __webpack_require__(15775);
// EXTERNAL MODULE: ./src/secrets/collect-secrets.ts
var collect_secrets = __webpack_require__(78603);
// EXTERNAL MODULE: ./src/notify/slack-message.ts + 1 modules
var slack_message = __webpack_require__(28041);
;// CONCATENATED MODULE: ./src/monitor/alert-message.ts


const SEVERITY = {
    page: { name: 'critical', priority: 'P1', emoji: ':rotating_light:' },
    ticket: { name: 'warning', priority: 'P3', emoji: ':warning:' },
    none: { name: 'info', priority: 'P4', emoji: ':white_check_mark:' },
};
const n = (value, digits = 1) => value === null ? '–' : String(Math.round(value * 10 ** digits) / 10 ** digits);
// The ledger entry, as the incident issue names it: `api/search` for an endpoint's own SLO.
const named = (entry, slo) => `${(0,slack_message/* escapeMrkdwn */.fO)((0,outside_text/* capText */.yA)((0,outside_text/* oneLine */.TN)(entry), 80))} ${(0,slack_message/* escapeMrkdwn */.fO)((0,outside_text/* capText */.yA)((0,outside_text/* oneLine */.TN)(slo), 200))}`;
const resolvedLine = (event, why) => `${SEVERITY.none.emoji} *resolved* ${named(event.service, event.slo)}: ${why} after ${Math.round((event.at - event.since) / 60_000)} min`;
function eventLine(slo) {
    const event = slo.event;
    if (!event)
        return '';
    const budget = `budget left ${n(slo.budget.remainingPercent)} % (${n(Math.max(0, slo.budget.budgetMinutes - slo.budget.consumedMinutes))} of ${n(slo.budget.budgetMinutes)} min)`;
    if (event.kind === 'resolved')
        return `${resolvedLine(event, 'burn back under the limits')}; ${budget}`;
    const who = named(slo.entry, slo.objective.name);
    const severity = SEVERITY[slo.level];
    return `${severity.emoji} *${severity.name} (${severity.priority}) ${event.kind}* ${who}: ${(0,slack_message/* escapeMrkdwn */.fO)(slo.rule ?? '')}; burn 1h ${n(slo.rates['1h'])}×, 6h ${n(slo.rates['6h'])}×; ${budget}`;
}
/** An alert of an SLO no longer configured: it closes with no budget left to report. */
const retiredLine = (event) => resolvedLine(event, event.reason === 'evicted'
    ? 'SLO no longer in the config, dropped from the ledger to make room, closed'
    : 'SLO no longer in the config, closed');
/** Undefined when nothing started, escalated or resolved in this run. */
function alertMessage(result, links, redactor) {
    const { services } = result;
    const lines = [
        ...services.flatMap((s) => [
            ...s.slos.filter((slo) => slo.event).map(eventLine),
            ...s.retired.map(retiredLine),
        ]),
        ...result.retired.map(retiredLine),
    ];
    if (lines.length === 0)
        return undefined;
    const paging = services.some((s) => s.slos.some((slo) => slo.event && slo.level === 'page'));
    const text = redactor.redactText(`deploy-gate monitor: ${lines.length} SLO alert change${lines.length === 1 ? '' : 's'}${paging ? ' (critical)' : ''}`);
    const runbooks = [
        ...new Set(services.flatMap((s) => s.runbookUrl && (s.retired.length || s.slos.some((slo) => slo.event)) ? [s.runbookUrl] : [])),
    ];
    const footer = [
        ...(links.run ? [`<${links.run.replace(/[<>|]/g, encodeURIComponent)}|Workflow run>`] : []),
        ...runbooks.map((url) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|Runbook>`),
    ];
    return {
        text,
        blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: redactor.redactText(lines.join('\n')) } },
            ...(footer.length
                ? [
                    {
                        type: 'context',
                        elements: [{ type: 'mrkdwn', text: redactor.redactText(footer.join(' · ')) }],
                    },
                ]
                : []),
        ],
    };
}

// EXTERNAL MODULE: ./src/monitor/ledger-file.ts
var ledger_file = __webpack_require__(82000);
// EXTERNAL MODULE: ./src/monitor/monitor-record.ts
var monitor_record = __webpack_require__(46932);
// EXTERNAL MODULE: ./src/settings/problems.ts
var settings_problems = __webpack_require__(91477);
// EXTERNAL MODULE: ./src/settings/run-options.ts
var run_options = __webpack_require__(75143);
// EXTERNAL MODULE: ./src/summary/format.ts
var format = __webpack_require__(18893);
// EXTERNAL MODULE: ./src/monitor/slo-ledger.ts + 1 modules
var slo_ledger = __webpack_require__(1412);
;// CONCATENATED MODULE: ./src/monitor/ledger-owner.ts
/**
 * Which monitor owns which ledger entries. One ledger can serve several monitors: without
 * `records`, every monitor workflow of a repository loads and saves the same artifact, and a run
 * with the `service` input monitors one service of its config file. So an entry this run does not
 * configure is not necessarily gone: it may be another monitor's, or another leg's of the same
 * file. A run retires (quiets, closes, evicts) only what is provably its own to retire. Pure.
 */




/**
 * This monitor as the ledger records it: the workflow file (GITHUB_WORKFLOW_REF without its
 * `@ref`, so every branch's runs are one monitor) and the `config` input as written, or
 * `url inputs`. Outside a workflow the workflow part is `local`.
 */
function monitorOwner(env, config) {
    const ref = (env.GITHUB_WORKFLOW_REF ?? '').trim();
    // `owner/repo/.github/workflows/monitor.yml@refs/heads/main`: a branch may hold an `@` too.
    const workflow = ref ? (/^(.+?\.ya?ml)@/.exec(ref)?.[1] ?? ref.split('@')[0]) : 'local';
    const source = config ? `config ${config}` : 'url inputs';
    return `${workflow} (${source})`.slice(0, slo_ledger/* LEDGER_LIMITS */.Lv.owner);
}
/** The service a ledger entry belongs to: itself, or the service of a scope `api/search`. */
const serviceOf = (entry) => entry.split('/')[0];
/**
 * An entry's owner: its own, else (a scope written before owners were recorded) its service's.
 * Never the service's over the scope's own: one monitor's service can hold another's scope.
 */
function ownerOf(ledger, entry) {
    const own = (0,slo_ledger/* serviceLedger */.Jg)(ledger, entry)?.owner;
    return (own ?? (entry === serviceOf(entry) ? undefined : (0,slo_ledger/* serviceLedger */.Jg)(ledger, serviceOf(entry))?.owner));
}
/** Whether `entry` is `owner`'s own, or no one's (not there, or written before owners). */
function ownedBy(ledger, entry, owner) {
    const recorded = (0,slo_ledger/* serviceLedger */.Jg)(ledger, entry)?.owner;
    return recorded === undefined || recorded === owner;
}
/**
 * The entries this run may retire: a scope this monitor wrote of a service it monitors that it no
 * longer configures, and every entry of a service this monitor wrote that its config file no
 * longer names. Never an entry with another owner, or none (written before owners were recorded):
 * a scope goes by its own owner, as another monitor may keep a scope of a service of that name.
 */
function retirableEntries(ledger, run) {
    const out = new Set();
    for (const entry of Object.keys(ledger.services)) {
        if (run.configured.has(entry))
            continue;
        const service = serviceOf(entry);
        const droppedScope = entry !== service &&
            run.monitored.has(service) &&
            (0,slo_ledger/* serviceLedger */.Jg)(ledger, entry)?.owner === run.owner;
        const removed = run.fileServices !== undefined &&
            !run.fileServices.has(service) &&
            ownerOf(ledger, entry) === run.owner;
        if (droppedScope || removed)
            out.add(entry);
    }
    return out;
}
/** Where a monitor gets a ledger of its own, for the refusals below. */
const OWN_LEDGER = `its own "records" folder: without "records", every monitor workflow of the repository shares the artifact ${ledger_file/* LEDGER_ARTIFACT */.h5}`;
/**
 * Why this run may not write entries another monitor still holds data in, said before any probe;
 * empty when it may. addRun records the writer as the entry's owner, so two monitors writing one
 * entry would take it from each other on every run, merge their events into one budget, and each
 * retire the other's alerts. An entry without an owner, or whose data has aged out, is claimed.
 */
function ownershipProblems(ledger, run, now, windowMs) {
    const held = (0,slo_ledger/* pruneLedger */.OJ)(ledger, now, { sloWindowMs: windowMs });
    const taken = new Map();
    for (const entry of [...run.configured].sort()) {
        const svc = (0,slo_ledger/* serviceLedger */.Jg)(held, entry);
        const owner = svc?.owner;
        if (!owner || owner === run.owner || svc.fine.length + svc.coarse.length === 0)
            continue;
        taken.set(owner, [...(taken.get(owner) ?? []), entry]);
    }
    if (taken.size === 0)
        return [];
    const count = [...taken.values()].reduce((n, entries) => n + entries.length, 0);
    const groups = [...taken].slice(0, 3).map(([owner, entries]) => {
        const shown = entries.slice(0, 5).map((entry) => (0,outside_text/* quoteOutside */.YM)(entry));
        const more = entries.length > 5 ? ` and ${entries.length - 5} more` : '';
        return `${shown.join(', ')}${more} of ${(0,outside_text/* quoteOutside */.YM)(owner, 120)}`;
    });
    if (taken.size > 3)
        groups.push(`entries of ${(0,format/* plural */.LS)(taken.size - 3, 'more monitor', 'more monitors')}`);
    const entries = (0,format/* plural */.LS)(count, 'SLO ledger entry', 'SLO ledger entries');
    return [
        `monitor: ${entries} this monitor writes ${count === 1 ? 'belongs' : 'belong'} to another monitor that still has data in ${count === 1 ? 'it' : 'them'} inside the SLO window (${groups.join('; ')}); two monitors writing one entry would merge their events into one error budget and close each other's alerts; accepted: entries no other monitor has written inside the SLO window: give this monitor a ledger of its own (${OWN_LEDGER}), or give the two monitors' services distinct names`,
    ];
}
/**
 * Why this run's entries cannot fit beside the entries it may not retire that still hold data or
 * an open alert at `now`, said before any probe; empty when they fit. Retirable entries are not
 * counted: settleRetired drops them to make room when it must.
 */
function ledgerRoomProblems(ledger, run, now, windowMs) {
    const retirable = retirableEntries(ledger, run);
    const kept = Object.keys((0,slo_ledger/* pruneLedger */.OJ)(ledger, now, { sloWindowMs: windowMs }).services).filter((entry) => !run.configured.has(entry) && !retirable.has(entry));
    const room = slo_ledger/* LEDGER_LIMITS */.Lv.services - kept.length;
    if (run.configured.size <= room)
        return [];
    const byOwner = new Map();
    for (const entry of kept) {
        const owner = ownerOf(ledger, entry);
        byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
    }
    const parts = [];
    const own = byOwner.get(run.owner);
    // Another leg's services only when the file's list says so; else they may be removed ones too.
    if (own)
        parts.push(run.fileServices
            ? `${own} of this config file's other services, monitored by runs with another "service" input`
            : `${own} of this monitor's own for services this run does not monitor, none of which it retires without its config file's list of services`);
    const others = [...byOwner].filter(([owner]) => owner !== undefined && owner !== run.owner);
    others.sort((a, b) => b[1] - a[1]);
    for (const [owner, n] of others.slice(0, 3))
        parts.push(`${n} of ${(0,outside_text/* quoteOutside */.YM)(owner ?? '', 120)}`);
    const rest = others.slice(3).reduce((sum, [, n]) => sum + n, 0);
    if (rest)
        parts.push(`${rest} of ${(0,format/* plural */.LS)(others.length - 3, 'more monitor', 'more monitors')}`);
    const unowned = byOwner.get(undefined);
    if (unowned)
        parts.push(`${unowned} written before deploy-gate recorded their monitor`);
    const needed = (0,format/* plural */.LS)(run.configured.size, 'entry', 'entries');
    const held = (0,format/* plural */.LS)(kept.length, 'entry', 'entries');
    return [
        `monitor: this monitor needs ${needed} in the SLO ledger (its services and endpoint scopes), but the ledger holds at most ${slo_ledger/* LEDGER_LIMITS */.Lv.services} and keeps ${held} there that this run may not drop, still holding data inside the SLO window or an open alert (${parts.join('; ')}); accepted: at most ${room} services and scopes beside them: give this monitor a ledger of its own (${OWN_LEDGER}), or remove the stale entries (start a new ledger by deleting the shared one, or wait until they hold no data inside the SLO window)`,
    ];
}

;// CONCATENATED MODULE: ./src/monitor/monitor-inputs.ts
/**
 * The inputs only `mode: monitor` reads, checked before the first request; the services, their
 * probes and SLO targets come from the same inputs and config file as a gate (plan-run.ts).
 */




function parseMonitorInputs(raw, env) {
    const problems = [];
    const period = (0,run_options/* parsePeriod */.DB)(raw);
    if (typeof period === 'string')
        problems.push(period);
    const flag = (raw['incident-issues'] ?? '').trim().toLowerCase() || 'false';
    if (flag !== 'true' && flag !== 'false')
        problems.push(`Input "incident-issues": ${(0,read_inputs/* shownInput */.IY)('incident-issues', raw)} is not a boolean; accepted: true or false`);
    const token = (raw['github-token'] ?? '').trim();
    const repository = (env.GITHUB_REPOSITORY ?? '').trim();
    if (flag === 'true' && !token)
        problems.push('Input "incident-issues" is true but "github-token" is empty: opening issues needs a token with `issues: write`');
    if (flag === 'true' && !/^[\w.-]+\/[\w.-]+$/.test(repository))
        problems.push('Input "incident-issues" is true but GITHUB_REPOSITORY is not set as owner/repo: run it in a workflow (the runner sets it)');
    const observe = (raw['observe-for'] ?? '').trim();
    if (observe === '0' || /^0+(?:ms|s|m|h)?$/.test(observe))
        problems.push(`Input "observe-for": ${(0,read_inputs/* shownInput */.IY)('observe-for', raw)} samples nothing; a monitor run probes for observe-for: accepted: a duration above 0, e.g. 1m`);
    if (problems.length)
        throw new settings_problems/* SettingsError */.GN(problems);
    const { ms, label } = period;
    const records = (raw.records ?? '').trim();
    return {
        windowMs: ms,
        windowLabel: label,
        ...(records ? { records } : {}),
        incidentIssues: flag === 'true',
        ...(token ? { githubToken: token } : {}),
        ...(repository ? { repository } : {}),
        owner: monitorOwner(env, (raw.config ?? '').trim() || undefined),
    };
}

// EXTERNAL MODULE: ./src/summary/escape.ts
var summary_escape = __webpack_require__(87125);
;// CONCATENATED MODULE: ./src/monitor/monitor-summary.ts
/**
 * What a person sees of a monitor run: services in alert first (what fired, the burn rates that
 * fired it, the budget left), then one compact row per service and SLO. Outputs: the worst
 * service's numbers at the top level, every service's in `services` (JSON).
 */


const num = (value, digits = 2) => value === null ? '–' : String(Math.round(value * 10 ** digits) / 10 ** digits);
const percent = (value, digits = 3) => value === null ? '–' : `${num(value, digits)} %`;
const burn = (value) => (value === null ? '–' : `${num(value, 1)}×`);
const minutes = (value) => `${num(value, 1)} min`;
const ICON = { page: '🔴 page', ticket: '🟠 ticket', none: '🟢 none' };
/** Worst first: paging, then ticketing, then the least budget left. */
function worst(a, b) {
    const order = { page: 0, ticket: 1, none: 2 };
    return order[a.alert] - order[b.alert] || remaining(a) - remaining(b);
}
const remaining = (s) => Math.min(...s.slos.map((slo) => slo.budget.remainingPercent ?? Infinity));
function alertLines(service) {
    return service.slos
        .filter((slo) => slo.level !== 'none')
        .map((slo) => `- **${ICON[slo.level]}** ${(0,summary_escape/* cell */.Hn)(slo.entry)} ${(0,summary_escape/* cell */.Hn)(slo.objective.name)}: ${(0,summary_escape/* cell */.Hn)(slo.rule ?? '')}; burn 5m ${burn(slo.rates['5m'])}, 1h ${burn(slo.rates['1h'])}, 6h ${burn(slo.rates['6h'])}, 3d ${burn(slo.rates['3d'])}; budget left ${percent(slo.budget.remainingPercent, 1)}, ${num(Math.max(0, slo.budget.budgetMinutes - slo.budget.consumedMinutes), 1)} of ${minutes(slo.budget.budgetMinutes)}${slo.event ? ` · ${slo.event.kind} now` : ''}`);
}
function row(slo) {
    const b = slo.budget;
    return `| ${(0,summary_escape/* cell */.Hn)(slo.entry)} | ${(0,summary_escape/* cell */.Hn)(slo.objective.name)} | ${percent(b.sliPercent)} | ${percent(slo.objective.target * 100)} | ${percent(b.remainingPercent, 1)} | ${minutes(b.consumedMinutes)} of ${minutes(b.budgetMinutes)} | ${burn(slo.rates['1h'])} | ${burn(slo.rates['6h'])} | ${ICON[slo.level]} | ${percent(b.coveragePercent, 1)}${b.gaps.length ? `, ${b.gaps.length} gap${b.gaps.length === 1 ? '' : 's'}` : ''} |`;
}
function monitorSummary(result, window) {
    const services = [...result.services].sort(worst);
    const inAlert = services.filter((s) => s.alert !== 'none');
    const probes = result.services.reduce((n, s) => n + s.counts.total, 0);
    const seconds = Math.round((result.endedAt - result.startedAt) / 1000);
    const lines = [
        `## deploy-gate monitor: ${inAlert.length === 0 ? 'every SLO within its burn-rate limits' : `${inAlert.length} service${inAlert.length === 1 ? '' : 's'} in alert`}`,
        '',
        `${result.services.length} service${result.services.length === 1 ? '' : 's'}, ${probes} probes over ${seconds} s; budgets over ${(0,summary_escape/* code */.aY)(window)} from every monitor run kept in the ledger.`,
        '',
    ];
    for (const service of inAlert) {
        lines.push(...alertLines(service));
        for (const line of service.evidence.slice(0, 3))
            lines.push(`  - ${(0,summary_escape/* cell */.Hn)((0,outside_text/* capText */.yA)((0,outside_text/* oneLine */.TN)(line)))}`);
    }
    if (inAlert.length)
        lines.push('');
    lines.push(`| service | SLO | SLI | target | budget left | budget used | burn 1h | burn 6h | alert | watched of ${(0,summary_escape/* cell */.Hn)(window)} |`, '|---|---|--:|--:|--:|--:|--:|--:|---|--:|');
    for (const service of services)
        for (const slo of service.slos)
            lines.push(row(slo));
    lines.push('', 'SLI and budget count the probes of every monitor run in the window (events, not time); a gap in the schedule is shown in coverage, never counted as uptime. Burn rate = error ratio over the window ÷ (1 − target). Alerts: page when 1h and 5m > 14.4 or 6h and 30m > 6; ticket when 1d and 2h > 3 or 3d and 6h > 1.', '');
    return lines.join('\n');
}
/** The top-level outputs follow the service that most needs attention. */
function monitorOutputs(result) {
    const services = [...result.services].sort(worst);
    const first = services[0];
    const availability = (s) => s.slos.find((slo) => slo.objective.kind === 'availability');
    const a = first ? availability(first) : undefined;
    const fmt = (value, digits) => value === null || value === undefined ? '' : num(value, digits);
    return {
        availability: fmt(a?.budget.sliPercent, 3),
        'error-budget-remaining': fmt(first ? remaining(first) : null, 2).replace('Infinity', ''),
        'burn-rate-1h': fmt(a?.rates['1h'], 2),
        'burn-rate-6h': fmt(a?.rates['6h'], 2),
        alert: first?.alert ?? 'none',
        services: JSON.stringify(services.map((s) => {
            const slo = availability(s);
            return {
                service: s.name,
                alert: s.alert,
                availability: slo?.budget.sliPercent ?? null,
                error_budget_remaining: Number.isFinite(remaining(s)) ? remaining(s) : null,
                burn_rate_1h: slo?.rates['1h'] ?? null,
                burn_rate_6h: slo?.rates['6h'] ?? null,
            };
        })),
    };
}

// EXTERNAL MODULE: ./src/probe/http-probe.ts + 2 modules
var http_probe = __webpack_require__(56521);
// EXTERNAL MODULE: ./src/settings/service-settings.ts
var service_settings = __webpack_require__(45934);
// EXTERNAL MODULE: ./src/monitor/burn-rate.ts
var burn_rate = __webpack_require__(94408);
;// CONCATENATED MODULE: ./src/monitor/alert-state.ts
/**
 * Multiwindow, multi-burn-rate alerts (the SRE workbook's rules for a 30-day SLO) and the
 * once-per-episode state machine kept in the ledger. Pure.
 *
 * An episode starts when the level leaves 'none' ('fired'), may rise from ticket to page once
 * ('escalated'; a page that eases back to ticket stays quiet, the episode keeps its peak) and ends
 * when the level has read 'none' for resolveAfterMs ('resolved', with the duration from its start
 * to the first quiet reading). A burn that returns inside that hold continues the same episode.
 */


const rule = (level, long, short, burnRate, budgetSpentPercent) => ({
    level,
    long,
    short,
    burnRate,
    budgetSpentPercent,
    name: `${level}: ${long} and ${short} > ${burnRate}`,
});
/** Checked in this order: the first rule that holds names the level. */
const ALERT_RULES = [
    rule('page', '1h', '5m', 14.4, 2),
    rule('page', '6h', '30m', 6, 5),
    rule('ticket', '1d', '2h', 3, 10),
    rule('ticket', '3d', '6h', 1, 10),
];
/** How the levels map to incident severities and priorities (documented in the README). */
const ALERT_SEVERITY = {
    page: { severity: 'critical', priority: 'P1' },
    ticket: { severity: 'warning', priority: 'P3' },
};
/** The least quiet time before an episode resolves: one quiet run is not enough. */
const MIN_RESOLVE_AFTER_MS = 30 * 60_000;
/**
 * How long an episode must read 'none' before it resolves: the short window of the rule that last
 * held (the workbook's reset time for that rule), at least MIN_RESOLVE_AFTER_MS. A slow burn that
 * hovers at a ticket threshold then stays one episode instead of a ticket every few hours.
 */
function resolveAfterMs(ruleName) {
    const held = ALERT_RULES.find((r) => r.name === ruleName);
    return Math.max(MIN_RESOLVE_AFTER_MS, held ? burn_rate/* ALERT_WINDOW_MS */.RH[held.short] : 0);
}
const over = (rate, limit) => rate !== null && rate > limit;
/** The level the burn rates call for and the rule that set it (null for 'none'). */
function alertLevel(rates) {
    for (const r of ALERT_RULES) {
        if (over(rates[r.long], r.burnRate) && over(rates[r.short], r.burnRate))
            return { level: r.level, rule: r.name };
    }
    return { level: 'none', rule: null };
}
/** The open episode of one SLO, if any. */
function openAlert(ledger, service, slo) {
    const alerts = (0,slo_ledger/* serviceLedger */.Jg)(ledger, service)?.alerts;
    return alerts && Object.hasOwn(alerts, slo) ? alerts[slo] : undefined;
}
function withAlert(ledger, service, slo, record) {
    const svc = (0,slo_ledger/* serviceLedger */.Jg)(ledger, service) ?? (0,slo_ledger/* emptyServiceLedger */.WM)();
    const alerts = { ...svc.alerts };
    if (record)
        alerts[slo] = record;
    else
        delete alerts[slo];
    if (Object.keys(alerts).length > slo_ledger/* LEDGER_LIMITS */.Lv.alerts)
        return ledger;
    return {
        version: slo_ledger/* LEDGER_VERSION */.Bn,
        services: { ...ledger.services, [service]: { ...svc, alerts } },
    };
}
/**
 * Feeds this run's level for one SLO into its episode. Returns the new ledger (the one passed in
 * is left unchanged) and the event to notify, or null while nothing changed worth telling.
 */
function stepAlert(ledger, service, slo, level, rule, now, options = {}) {
    const open = openAlert(ledger, service, slo);
    const base = { service, slo, at: now, durationMs: null };
    if (!open) {
        if (level === 'none')
            return { ledger, event: null };
        const record = { level, peak: level, since: now, rule, quietSince: null };
        const event = { ...base, kind: 'fired', level, peak: level, since: now, rule };
        return { ledger: withAlert(ledger, service, slo, record), event };
    }
    if (level === 'none') {
        const quietSince = open.quietSince ?? now;
        if (now - quietSince < (options.resolveAfterMs ?? resolveAfterMs(open.rule)))
            return { ledger: withAlert(ledger, service, slo, { ...open, quietSince }), event: null };
        const event = {
            ...base,
            kind: 'resolved',
            level,
            peak: open.peak,
            since: open.since,
            rule: open.rule,
            durationMs: quietSince - open.since,
        };
        return { ledger: withAlert(ledger, service, slo, undefined), event };
    }
    const escalates = level === 'page' && open.peak === 'ticket';
    const record = { ...open, level, rule, quietSince: null };
    if (escalates)
        record.peak = 'page';
    const event = escalates
        ? { ...base, kind: 'escalated', level, peak: 'page', since: open.since, rule }
        : null;
    return { ledger: withAlert(ledger, service, slo, record), event };
}

;// CONCATENATED MODULE: ./src/monitor/judge-slo.ts
/**
 * One SLO after one run, as the alert rules judge it: the plain burn rates (reported), the level
 * the rules give on their noise-proof lower bounds (burn-rate.ts), and the episode stepped. Pure;
 * run-monitor.ts, the synthetic-month test and the alert benchmark all call it.
 */


const LEVELS = ['none', 'ticket', 'page'];
const higherLevel = (a, b) => LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
function judgeSlo(ledger, service, objective, now) {
    const rates = (0,burn_rate/* burnRates */.J9)(ledger, service, objective, now);
    const { level, rule } = alertLevel((0,burn_rate/* alertingBurnRates */.VS)(ledger, service, objective, now));
    const stepped = stepAlert(ledger, service, objective.name, level, rule, now);
    return { rates, level, rule, event: stepped.event, ledger: stepped.ledger };
}

;// CONCATENATED MODULE: ./src/monitor/retired-entries.ts
/**
 * Ledger entries this monitor no longer configures: a service taken out of its config file, or an
 * endpoint scope that lost its own objective. Which ones a run may retire is ledger-owner.ts: never
 * another monitor's, which the same ledger may hold. Their open alerts are stepped quiet each run
 * until each resolves once (its incident closed, its webhook line sent); once they hold nothing
 * inside the SLO window they are dropped. Pure, like the ledger.
 *
 * The ledger holds at most LEDGER_LIMITS.services entries. The run is refused before any probe
 * when its own entries cannot fit beside those it may not retire (ledgerRoomProblems); retired
 * entries still holding data can push it past the limit. They are then dropped to make room,
 * oldest last run first, a service and its scopes together: refusing instead would stop every
 * configured service's monitoring for up to the whole SLO window, or make users delete the ledger
 * and lose every budget, to keep history that no configured SLO reads. The most recently retired
 * entries, the likeliest to come back after a revert, are kept longest. A dropped entry's open
 * alerts resolve at once, so no incident stays open with nothing left to close it.
 */





/**
 * Alerts of entry `name`'s SLOs not in `keep`: stepped quiet; those that resolve are returned. A
 * removed SLO's alert resolves after its usual quiet time; an evicted entry's at once, since its
 * history goes with it.
 */
function retireAlerts(start, name, keep, now, reason) {
    const options = reason === 'evicted' ? { resolveAfterMs: 0 } : {};
    let ledger = start;
    const retired = [];
    for (const slo of Object.keys((0,slo_ledger/* serviceLedger */.Jg)(ledger, name)?.alerts ?? {})) {
        if (keep.has(slo))
            continue;
        const stepped = stepAlert(ledger, name, slo, 'none', null, now, options);
        ledger = stepped.ledger;
        if (stepped.event)
            retired.push({ ...stepped.event, reason });
    }
    return { ledger, retired };
}
/**
 * The ledger before this run's counts go in: retirable entries' alerts stepped quiet, idle entries
 * dropped, then as many retirable entries as the configured ones need room for, oldest first.
 * `run` must fit beside the entries it may not retire (ledgerRoomProblems).
 */
function settleRetired(start, run, now, windowMs) {
    const retirable = retirableEntries(start, run);
    let ledger = start;
    const retired = [];
    for (const name of retirable) {
        const quiet = retireAlerts(ledger, name, new Set(), now, 'removed');
        ledger = quiet.ledger;
        retired.push(...quiet.retired);
    }
    ledger = (0,slo_ledger/* pruneLedger */.OJ)(ledger, now, { sloWindowMs: windowMs });
    const held = Object.keys(ledger.services);
    const missing = [...run.configured].filter((name) => !Object.hasOwn(ledger.services, name));
    const excess = held.length + missing.length - slo_ledger/* LEDGER_LIMITS */.Lv.services;
    if (excess <= 0)
        return { ledger, retired, evicted: [] };
    const evicted = [];
    for (const group of evictionGroups(ledger, held.filter((name) => retirable.has(name)))) {
        if (evicted.length >= excess)
            break;
        evicted.push(...group);
    }
    for (const name of evicted) {
        const closed = retireAlerts(ledger, name, new Set(), now, 'evicted');
        retired.push(...closed.retired);
        const services = { ...closed.ledger.services };
        delete services[name];
        ledger = { version: slo_ledger/* LEDGER_VERSION */.Bn, services };
    }
    return { ledger, retired, evicted };
}
/**
 * Entries grouped by service (a service and its scopes share a history and go together), the
 * group whose last run ended longest ago first; the service's name orders only equal groups.
 */
function evictionGroups(ledger, entries) {
    const groups = new Map();
    for (const entry of [...entries].sort()) {
        const service = serviceOf(entry);
        const group = groups.get(service) ?? { entries: [], lastEnd: 0 };
        group.entries.push(entry);
        group.lastEnd = Math.max(group.lastEnd, (0,slo_ledger/* serviceLedger */.Jg)(ledger, entry)?.runs?.lastEnd ?? 0);
        groups.set(service, group);
    }
    return [...groups]
        .sort(([a, x], [b, y]) => x.lastEnd - y.lastEnd || (a < b ? -1 : 1))
        .map(([, group]) => group.entries);
}
/**
 * The step's log line for entries dropped to make room; empty when none were. `closedAlerts`:
 * how many of their alerts were open and resolved with them.
 */
function evictionNote(evicted, closedAlerts) {
    if (evicted.length === 0)
        return '';
    const shown = evicted.slice(0, 10).join(', ');
    const more = evicted.length > 10 ? ` and ${evicted.length - 10} more` : '';
    const entries = (0,format/* plural */.LS)(evicted.length, 'SLO ledger entry', 'SLO ledger entries');
    const closed = closedAlerts > 0 ? ' (their open alerts resolved)' : '';
    return `deploy-gate monitor: the ledger holds at most ${slo_ledger/* LEDGER_LIMITS */.Lv.services} services and endpoint scopes; dropped the history of ${entries} this monitor no longer configures, oldest last run first, to make room for the configured ones: ${(0,outside_text/* capText */.yA)(shown, 1000)}${more}${closed}`;
}

// EXTERNAL MODULE: ./src/gate/lateness.ts
var lateness = __webpack_require__(54792);
// EXTERNAL MODULE: ./src/gate/rate-rules.ts
var rate_rules = __webpack_require__(27051);
;// CONCATENATED MODULE: ./src/monitor/run-counts.ts
/**
 * A monitor run's probes of one service, as SLO events. Every counted probe is an event (no
 * warm-up is excused: between deploys a service is expected to serve); a probe the runner's own
 * stall spoiled is no event at all. For a latency objective a response slower than its limit is a
 * bad event, and so is a timed-out probe (it answered later than any limit).
 */


function countRun(options) {
    const counted = options.attempts.filter((a) => !(0,lateness/* notCounted */.Oi)(a));
    const slow = {};
    for (const objective of options.objectives) {
        slow[objective.text] = counted.filter((a) => (0,rate_rules/* timedOut */.iU)(a) || a.latencyMs > objective.limitMs).length;
    }
    return {
        service: options.service,
        startedAt: options.startedAt,
        endedAt: options.endedAt,
        total: counted.length,
        failed: counted.filter((a) => !a.ok).length,
        slow,
    };
}
/** The few failing probes a person reads first: the latest of each distinct message. */
function failingEvidence(attempts, max = 5) {
    const latest = new Map();
    for (const a of attempts) {
        if (a.ok || (0,lateness/* notCounted */.Oi)(a) || !a.failure)
            continue;
        latest.set(`${a.url} ${a.failure.message}`, a);
    }
    return [...latest.values()]
        .sort((a, b) => b.startedAt - a.startedAt)
        .slice(0, max)
        .map((a) => `${new Date(a.startedAt).toISOString()} ${a.method} ${a.url}: ${a.failure?.message}`);
}

// EXTERNAL MODULE: ./src/gate/pacing.ts
var pacing = __webpack_require__(46939);
// EXTERNAL MODULE: ./src/gate/types.ts
var types = __webpack_require__(89014);
;// CONCATENATED MODULE: ./src/monitor/sample-services.ts


/** Every attempt of the run, in the order they completed. */
async function sampleServices(targets, options) {
    const { clock, signal } = options;
    const startedAt = clock.now();
    const endsAt = startedAt + options.observeForMs;
    const inFlight = new pacing/* InFlightLimit */.Jh(options.maxInFlight);
    const attempts = [];
    let seq = 0;
    const sampleOne = async (target, index) => {
        let slot = startedAt + (0,pacing/* staggerOffsetMs */.N9)(index, targets.length, target.intervalMs);
        while (slot < endsAt && !signal?.aborted) {
            const wait = slot - clock.now();
            if (wait > 0)
                await clock.sleep(wait, signal).catch(() => undefined);
            if (signal?.aborted)
                break;
            // A wait for a free slot shows as lateness (scheduledAt to startedAt), as in the gate.
            const release = await inFlight.acquire(signal).catch(() => undefined);
            if (!release)
                break;
            const firedAt = clock.now();
            const result = await target
                .probe(target.url, {
                timeoutMs: target.timeoutMs,
                signal: signal ?? new AbortController().signal,
            })
                .catch((error) => ({
                ok: false,
                latencyMs: clock.now() - firedAt,
                failure: { class: 'network', message: String(error) },
            }))
                .finally(release);
            if (signal?.aborted)
                break;
            const attempt = {
                ...result,
                seq: ++seq,
                url: target.url,
                method: target.method,
                phase: 'observe',
                run: 'release',
                scheduledAt: slot,
                startedAt: firedAt,
            };
            options.onAttempt?.(attempt);
            attempts.push((0,types/* keptForJudging */.i)(attempt));
            // The next slot on the grid that is still ahead: a late probe skips, never bursts.
            const now = clock.now();
            slot += target.intervalMs;
            if (slot < now)
                slot += Math.ceil((now - slot) / target.intervalMs) * target.intervalMs;
        }
    };
    await Promise.all(targets.map((target, index) => sampleOne(target, index)));
    return attempts;
}

;// CONCATENATED MODULE: ./src/monitor/run-monitor.ts








/**
 * A service's SLOs from its endpoint groups: availability is 100 − max-error-rate (a config's
 * `slo_targets.availability` sets exactly that) over every probe; a latency objective `pNN<limit`
 * asks that NN % of responses be faster than the limit, over every probe when every group has it,
 * else over the probes of the groups that do (an endpoint's own objective).
 */
function serviceObjectives(groups) {
    const maxErrorRate = Math.min(...groups.map((r) => r.policy.maxErrorRate));
    const everywhere = (o) => groups.every((g) => g.policy.latencySlo.some((x) => x.text === o.text));
    const latency = (groups[0]?.policy.latencySlo ?? []).filter(everywhere);
    const scopes = groups.flatMap((g) => {
        const own = g.policy.latencySlo.filter((o) => !everywhere(o));
        if (own.length === 0)
            return [];
        const label = scopeLabel(g.endpoints?.length ? g.endpoints : g.urls);
        return [
            { label, urls: g.urls, latency: own, objectives: own.map((o) => latencySlo(o, `${label} `)) },
        ];
    });
    return {
        latency,
        scopes,
        objectives: [
            { name: 'availability', kind: 'availability', target: 1 - maxErrorRate },
            ...latency.map((o) => latencySlo(o)),
        ],
    };
}
const latencySlo = (o, prefix = '') => ({
    name: `${prefix}${o.text}`,
    kind: 'latency',
    target: o.percentile / 100,
    objective: o.text,
});
/**
 * A scope's name in SLO names and alerts: its first endpoint, and how many more share its
 * objectives. Bounded, so an SLO name stays within the ledger's 200 characters.
 */
function scopeLabel(endpoints) {
    const first = (endpoints[0] ?? 'endpoint').slice(0, 60);
    return endpoints.length > 1 ? `${first}+${endpoints.length - 1} more` : first;
}
/**
 * Each scope of a service with its ledger entry (`api/search`), the one name its alerts go by.
 * Two labels can clean to one ledger name (`/search`, `search`): each scope keeps its own.
 */
function scopeEntries(service) {
    const taken = new Set();
    return (service.scopes ?? []).map((scope) => {
        const named = (suffix) => `${service.name}/${(0,slo_ledger/* ledgerPart */.NU)(scope.label, 'endpoint', suffix)}`;
        let entry = named();
        for (let n = 2; taken.has(entry); n += 1)
            entry = named(`-${n}`);
        taken.add(entry);
        return { entry, scope };
    });
}
const configuredScopes = (services) => new Set(services.flatMap((s) => scopeEntries(s).map((e) => e.entry)));
function runEntries(services, how) {
    const monitored = new Set(services.map((s) => s.name));
    return {
        owner: how.owner,
        configured: new Set([...monitored, ...configuredScopes(services)]),
        monitored,
        ...(how.fileServices ? { fileServices: new Set(how.fileServices) } : {}),
    };
}
/**
 * Why these services cannot be monitored, said before any request: each service and each scope
 * is one ledger entry, and addRun refuses a new entry past the ledger's limit, which would fail
 * the run only after its sampling. Empty when they fit. The config alone: what else the ledger
 * holds is ledgerProblems' part.
 */
function ledgerLimitProblems(services) {
    const names = new Set(services.map((s) => s.name));
    const scopes = configuredScopes(services);
    const entries = names.size + scopes.size;
    if (entries <= slo_ledger/* LEDGER_LIMITS */.Lv.services)
        return [];
    return [
        `monitor: the config's ${(0,format/* plural */.LS)(names.size, 'service')} and ${(0,format/* plural */.LS)(scopes.size, 'endpoint scope')} (endpoints with their own latency objective, e.g. search_response_time_p90) need ${entries} SLO ledger entries; the ledger holds at most ${slo_ledger/* LEDGER_LIMITS */.Lv.services}; accepted: at most ${slo_ledger/* LEDGER_LIMITS */.Lv.services} services and scopes per ledger (split the services over monitors, each with its own "records" folder: without "records" all monitors of a repository share one ledger)`,
    ];
}
/**
 * Why this run cannot be monitored, said before any probe: its config past the ledger's limit,
 * entries it would write that another monitor still holds data in (ownershipProblems), or no room
 * beside entries it may not drop (ledgerRoomProblems). Empty when it fits, so addRun never
 * refuses an entry after the sampling, nor takes one from another monitor.
 */
function ledgerProblems(services, ledger, ownership, now, windowMs) {
    const limit = ledgerLimitProblems(services);
    if (limit.length)
        return limit;
    const run = runEntries(services, ownership);
    return [
        ...ownershipProblems(ledger, run, now, windowMs),
        ...ledgerRoomProblems(ledger, run, now, windowMs),
    ];
}
async function runMonitor(options) {
    const { clock, ownership } = options;
    const startedAt = clock.now();
    const refused = ledgerProblems(options.services, options.ledger, ownership, startedAt, options.windowMs);
    if (refused.length)
        throw new RangeError(refused.join('\n'));
    const attempts = await sampleServices(options.services.flatMap((s) => s.targets), {
        clock,
        observeForMs: options.observeForMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    });
    const endedAt = clock.now();
    const run = runEntries(options.services, ownership);
    // Settled at the end: later than the check above, so it drops at least as much.
    const settled = settleRetired(options.ledger, run, endedAt, options.windowMs);
    let ledger = settled.ledger;
    // A retired scope's alerts go with its service while that is configured (runbook, evidence).
    const services = [];
    for (const service of options.services) {
        const urls = service.targets.map((t) => t.url);
        const mine = attempts.filter((a) => urls.includes(a.url));
        const judge = (name, probes, latency, objectives) => {
            const judged = judgeEntry(ledger, { name, probes, latency, objectives, startedAt, endedAt }, { windowMs: options.windowMs, owner: ownership.owner });
            ledger = judged.ledger;
            return judged;
        };
        const main = judge(service.name, mine, service.latency, service.objectives);
        const slos = [...main.slos];
        const retired = [
            ...settled.retired.filter((e) => serviceOf(e.service) === service.name),
            ...main.retired,
        ];
        for (const { entry: name, scope } of scopeEntries(service)) {
            const judged = judge(name, mine.filter((a) => scope.urls.includes(a.url)), scope.latency, scope.objectives);
            slos.push(...judged.slos);
            retired.push(...judged.retired);
        }
        services.push({
            name: service.name,
            retired,
            urls,
            counts: main.counts,
            slos,
            alert: slos.reduce((max, s) => higherLevel(max, s.level), 'none'),
            evidence: failingEvidence(mine),
            ...(service.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
        });
    }
    const retired = settled.retired.filter((e) => !run.monitored.has(serviceOf(e.service)));
    return { ledger, services, retired, evicted: settled.evicted, attempts, startedAt, endedAt };
}
/**
 * One ledger entry's run: its events counted, its SLOs judged, and alerts of SLOs it no longer
 * configures stepped quiet if the entry was this monitor's (or no one's) before this run wrote it.
 */
function judgeEntry(start, run, how) {
    const { windowMs, owner } = how;
    const { name, endedAt } = run;
    const counts = countRun({
        service: name,
        attempts: run.probes,
        objectives: run.latency,
        startedAt: run.startedAt,
        endedAt,
    });
    let ledger = (0,slo_ledger/* addRun */.Z)(start, counts, endedAt, { sloWindowMs: windowMs, owner });
    const slos = [];
    for (const objective of run.objectives) {
        const judged = judgeSlo(ledger, name, objective, endedAt);
        ledger = judged.ledger;
        slos.push({
            entry: name,
            objective,
            budget: (0,burn_rate/* budgetState */.t_)(ledger, name, objective, endedAt, windowMs),
            rates: judged.rates,
            level: judged.level,
            rule: judged.rule,
            event: judged.event,
        });
    }
    // Another monitor's alerts are not this run's to close (ownershipProblems refuses most such runs).
    if (!ownedBy(start, name, owner))
        return { ledger, counts, slos, retired: [] };
    const kept = new Set(run.objectives.map((o) => o.name));
    const quiet = retireAlerts(ledger, name, kept, endedAt, 'removed');
    return { ledger: quiet.ledger, counts, slos, retired: quiet.retired };
}

;// CONCATENATED MODULE: ./src/monitor/monitor-plan.ts




/** A config service's name, else the app or host; the ledger keys services by a plain name. */
function serviceName(service) {
    return (0,slo_ledger/* ledgerPart */.NU)((0,service_settings/* serviceDisplayName */.jV)(service), 'service');
}
function monitorServices(plan) {
    return plan.services.map((service) => {
        const { objectives, latency, scopes } = serviceObjectives(service.groups);
        return {
            name: serviceName(service),
            objectives,
            latency,
            ...(scopes.length ? { scopes } : {}),
            ...(service.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
            targets: service.groups.flatMap((run) => run.urls.map((url) => ({
                service: serviceName(service),
                url,
                method: run.request.method,
                intervalMs: run.policy.intervalMs,
                timeoutMs: run.policy.timeoutMs,
                probe: (target, { timeoutMs, signal }) => (0,http_probe/* probeUrl */.K7)(target, {
                    request: run.request,
                    expect: run.expect,
                    maxLatencyMs: run.policy.maxLatencyMs,
                    timeoutMs,
                    signal,
                }),
            }))),
        };
    });
}
/**
 * This monitor in the ledger. With a config file, its services are the file's whole list (the
 * plan's `matrix.services`), not the `service` selection: another leg's service is not removed.
 * Without a config file the list is unknown, and the run retires no whole service: every step
 * with `url` inputs in one workflow is the same owner, so another step's service is not this
 * one's removed service.
 */
function monitorOwnership(plan, owner) {
    const names = plan.options.config ? plan.matrix?.services : undefined;
    return names
        ? { owner, fileServices: names.map((name) => (0,slo_ledger/* ledgerPart */.NU)(name, 'service')) }
        : { owner };
}

;// CONCATENATED MODULE: ./src/monitor/monitor-step.ts
/**
 * `mode: monitor` as a step: the services and their SLOs (the same inputs and config as a gate),
 * the ledger from the last run (a `records` folder, else an artifact), one sampling run, then the
 * sealed record, the ledger for the next run, alerts (webhook, incident issues), outputs and the
 * job summary. Nothing is ever rolled back. Paperwork that fails (ledger, record, upload,
 * webhook, issue) is a warning: the numbers of this run are still reported.
 */
























async function monitorStep(env, hooks) {
    let inputs;
    let plan;
    try {
        inputs = parseMonitorInputs((0,read_inputs/* readInputs */.Ko)(env), env);
        plan = await hooks.planRun(env);
    }
    catch (error) {
        return hooks.fail(error.message);
    }
    if (inputs.githubToken)
        core/* setSecret */.Pq(inputs.githubToken);
    const redactor = new redact/* Redactor */.p();
    for (const secret of (0,collect_secrets/* runSecrets */.To)(plan.services, env)) {
        core/* setSecret */.Pq(secret);
        redactor.addSecret(secret);
    }
    if (inputs.githubToken)
        redactor.addSecret(inputs.githubToken);
    // Config problems refuse the run before any request (the ledger's artifact is one).
    const services = monitorServices(plan);
    const unmeasurable = plan.services.flatMap((s) => s.groups.some((r) => r.policy.maxErrorRate === 0)
        ? [
            `service "${serviceName(s)}": an availability target of 100 % (max-error-rate 0) has no error budget to burn; accepted: a target below 100 %, e.g. 99.9 %`,
        ]
        : []);
    const refused = [...unmeasurable, ...ledgerLimitProblems(services)];
    if (refused.length)
        return hooks.fail(refused.join('\n'));
    const loaded = await loadLedger(inputs, redactor, env);
    if (loaded.problem)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(`deploy-gate monitor: ${loaded.problem}`));
    // A ledger shared with other monitors may leave this one no room, or hold its service names
    // for another monitor: refused before any probe or GitHub write.
    const ownership = monitorOwnership(plan, inputs.owner);
    const now = clock/* realClock */.d.now();
    const crowded = ledgerProblems(services, loaded.ledger, ownership, now, inputs.windowMs);
    if (crowded.length)
        return hooks.fail(crowded.join('\n'));
    const evidence = new evidence_folder/* EvidenceFolder */.eA(plan.auditDir, redactor);
    const observeForMs = Math.max(...plan.services.flatMap((s) => s.groups.map((r) => r.policy.observeForMs)));
    core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate monitor: ${services.length} service${services.length === 1 ? '' : 's'}, ${services.reduce((n, s) => n + s.targets.length, 0)} URLs, sampling for ${Math.round(observeForMs / 1000)} s`));
    const result = await runMonitor({
        services,
        ledger: loaded.ledger,
        clock: clock/* realClock */.d,
        observeForMs,
        windowMs: inputs.windowMs,
        ownership,
        signal: hooks.signal,
        onAttempt: (attempt) => evidence.attempt(attempt),
    });
    const closedWithEntries = [...result.retired, ...result.services.flatMap((s) => s.retired)];
    const evicted = evictionNote(result.evicted, closedWithEntries.filter((e) => e.reason === 'evicted').length);
    if (evicted)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(redactor.redactText(evicted)));
    const github = (0,github_run.githubRunFromEnv)(env);
    const link = github.ok ? (0,github_run.runUrl)(github.run) : null;
    await keepRecord(evidence, result, inputs, link, redactor, plan, env, hooks.signal);
    if (inputs.records) {
        try {
            const path = (0,ledger_file/* writeLedgerFile */.$M)(inputs.records, result.ledger);
            core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate monitor: ledger saved to ${path}`));
        }
        catch (error) {
            core/* warning */.$e((0,outside_text/* logLine */.BP)(`deploy-gate monitor: the ledger could not be saved: ${(0,outside_text/* errorSentence */.O8)(error)}`));
        }
    }
    else if (inputs.githubToken) {
        const { saveLedgerArtifact } = await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(822), __webpack_require__.e(360)]).then(__webpack_require__.bind(__webpack_require__, 43360));
        const saved = await saveLedgerArtifact(env, result.ledger, {
            tempDir: env.RUNNER_TEMP?.trim() || (0,external_node_os_.tmpdir)(),
            redactor,
            ...(plan.retentionDays ? { retentionDays: plan.retentionDays } : {}),
            signal: (0,paperwork/* graceAfter */.Dc)(hooks.signal),
        });
        const line = (0,outside_text/* logLine */.BP)(`deploy-gate monitor: ${saved.message}`);
        if (saved.ok)
            core/* info */.pq(line);
        else
            core/* warning */.$e(line);
    }
    await announce(result, plan, inputs, link, redactor, env, hooks.signal);
    report(result, inputs, redactor);
    await (0,runner_files/* safeWriteAsync */.d0)('GITHUB_STEP_SUMMARY', () => core/* summary */.z
        .addRaw((0,summary_bounds/* boundSummary */.B)(redactor.redactText(monitorSummary(result, inputs.windowLabel))))
        .write());
}
/** The last run's ledger: from the `records` folder, else from the artifact, else a new one. */
async function loadLedger(inputs, redactor, env) {
    if (inputs.records)
        return (0,ledger_file/* readLedgerFile */.Uy)(inputs.records);
    if (!inputs.githubToken)
        return {
            ledger: (0,slo_ledger/* emptyLedger */.Hg)(),
            problem: 'neither "records" nor "github-token" is set: budgets and burn rates cover this run only (set "github-token" to keep the ledger as an artifact, or "records" to a folder kept between runs)',
        };
    const { loadLedgerArtifact } = await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(822), __webpack_require__.e(360)]).then(__webpack_require__.bind(__webpack_require__, 43360));
    return loadLedgerArtifact(env, {
        token: inputs.githubToken,
        redactor,
        clock: clock/* realClock */.d,
        log: (line) => core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate monitor: ${line}`)),
    });
}
/** monitor.json and the probes, sealed, then uploaded like a gate's evidence. */
async function keepRecord(evidence, result, inputs, link, redactor, plan, env, signal) {
    evidence.guard('monitor.json', () => (0,monitor_record/* writeMonitorRecord */.FP)(evidence.dir, (0,monitor_record/* monitorRecord */.YH)(result, { window: inputs.windowLabel, runUrl: link }), redactor));
    await evidence.guardAsync('', () => (0,seal/* sealEvidence */.fV)(evidence.dir, { schemaVersion: monitor_record/* MONITOR_SCHEMA_VERSION */.eV, now: Date.now() }));
    for (const failure of evidence.failures.list)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(`deploy-gate monitor: evidence not written: ${(0,write_failures/* describeFailure */.Ic)(failure)}`));
    const uploaded = await (0,finish_evidence/* upload */.Se)({
        dir: evidence.dir,
        redactor,
        artifactName: plan.artifactName ??
            `deploy-gate-monitor-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
        ...(plan.retentionDays ? { retentionDays: plan.retentionDays } : {}),
        signal: (0,paperwork/* graceAfter */.Dc)(signal),
    });
    if (!uploaded.uploaded)
        core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate monitor: ${uploaded.warning}`));
}
/** The webhook message and the incident issues for what started, escalated or ended. */
async function announce(result, plan, inputs, link, redactor, env, signal) {
    const notify = plan.services.map((s) => s.notify).find(Boolean);
    const message = notify ? alertMessage(result, link ? { run: link } : {}, redactor) : undefined;
    if (notify && message) {
        const { sendWebhook } = await __webpack_require__.e(/* import() */ 920).then(__webpack_require__.bind(__webpack_require__, 24920));
        const sent = await sendWebhook(notify.webhookUrl, message, {
            redactor,
            signal: (0,paperwork/* graceAfter */.Dc)(signal),
        });
        if (sent.ok)
            core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate monitor: webhook notified (HTTP ${sent.status})`));
        else
            core/* warning */.$e((0,outside_text/* logLine */.BP)(sent.warning));
    }
    if (!inputs.incidentIssues || !inputs.githubToken || !inputs.repository)
        return;
    const { incidentIssues } = await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(712)]).then(__webpack_require__.bind(__webpack_require__, 88712));
    const [owner, repo] = inputs.repository.split('/');
    const issues = incidentIssues({
        token: inputs.githubToken,
        owner,
        repo,
        ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    });
    const quiet = { sliPercent: null, remainingPercent: null, consumedMinutes: 0, budgetMinutes: 0 };
    // A service this monitor no longer configures: its open incidents close, saying why.
    const gone = {
        slos: [],
        retired: result.retired,
        evidence: [],
    };
    for (const service of [...result.services, gone]) {
        const events = [
            ...service.slos.flatMap((slo) => slo.event
                ? [{ event: slo.event, budget: slo.budget, rates: slo.rates }]
                : []),
            // An SLO dropped from the config or the ledger: its open incident is closed, saying why.
            ...service.retired.map((event) => ({
                event,
                budget: quiet,
                rates: {},
                closeReason: event.reason,
            })),
        ];
        for (const { event, budget, rates, ...why } of events) {
            try {
                const done = await issues.handle(event, {
                    budget,
                    burnRates: rates,
                    ...why,
                    evidence: service.evidence,
                    runUrl: link,
                    ...(service.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
                });
                core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate monitor: incident issue #${done.number} ${done.action} (${event.service} ${event.slo})`));
            }
            catch (error) {
                core/* warning */.$e((0,outside_text/* logLine */.BP)(redactor.redactText(`deploy-gate monitor: incident issue for ${event.service} ${event.slo} not updated: ${(0,outside_text/* errorSentence */.O8)(error)}`)));
            }
        }
    }
}
function report(result, inputs, redactor) {
    const outputs = monitorOutputs(result);
    (0,runner_files/* safeWrite */.TC)('GITHUB_OUTPUT', () => {
        for (const [name, value] of Object.entries(outputs))
            core/* setOutput */.uH(name, (0,outside_text/* outputValue */.rP)((0,runner_files/* redactOutput */.nJ)(name, value, redactor)));
    });
    for (const service of result.services) {
        for (const slo of service.slos) {
            if (slo.level === 'none')
                continue;
            const text = redactor.redactText(`${slo.entry} ${slo.objective.name}: ${slo.rule ?? slo.level}; budget left ${slo.budget.remainingPercent?.toFixed(1) ?? '–'} % over ${inputs.windowLabel}`);
            const title = `deploy-gate monitor: ${slo.level === 'page' ? 'page' : 'ticket'} for ${redactor.redactText(slo.entry)}`;
            if (slo.level === 'page')
                core/* error */.z3((0,outside_text/* logLine */.BP)(text), { title: (0,outside_text/* logLine */.BP)(title) });
            else
                core/* warning */.$e((0,outside_text/* logLine */.BP)(text), { title: (0,outside_text/* logLine */.BP)(title) });
        }
    }
    core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate monitor: alert ${outputs.alert}; availability ${outputs.availability || '–'} %, budget left ${outputs['error-budget-remaining'] || '–'} % over ${inputs.windowLabel}`));
}


/***/ })

};
