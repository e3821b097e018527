export const id = 342;
export const ids = [342];
export const modules = {

/***/ 9065:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $6: () => (/* binding */ DEFAULT_LABEL),
/* harmony export */   X9: () => (/* binding */ incidentMarker),
/* harmony export */   ZL: () => (/* binding */ readLeadingMarker),
/* harmony export */   t7: () => (/* binding */ readMarker)
/* harmony export */ });
/**
 * How an incident issue is found again: its label, and the hidden first line of its body (which
 * service and SLO it is about, and since when). The monitor writes and reads them, the report
 * only reads them: apart from the issue's words, the report's bundle chunk carries only this.
 */
/** The label every incident issue carries unless the workflow names another. */
const DEFAULT_LABEL = 'incident';
const MARKER_TAG = 'deploy-gate-incident';
/**
 * The hidden first line of the body that finds the issue again when the ledger is lost.
 * Names are percent-encoded: no space, `=`, `<` or `>` of theirs can end the comment or the field.
 */
function incidentMarker(event) {
    const since = Number.isFinite(event.since) ? ` since=${new Date(event.since).toISOString()}` : '';
    return `<!-- ${MARKER_TAG} service=${encodeURIComponent(event.service)} slo=${encodeURIComponent(event.slo)}${since} -->`;
}
/** The decoded fields of the first marker in `text`; undefined without one, or undecodable. */
function markerFields(text) {
    const match = new RegExp(`<!-- ${MARKER_TAG} ([^<>]*?) -->`).exec(text);
    if (!match)
        return undefined;
    const fields = new Map();
    for (const pair of match[1].split(' ')) {
        const at = pair.indexOf('=');
        if (at <= 0)
            continue;
        try {
            fields.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
        }
        catch {
            return undefined;
        }
    }
    return fields;
}
/** The service and SLO an issue body's marker names, or undefined without a valid marker. */
function readMarker(body) {
    if (!body)
        return undefined;
    const fields = markerFields(body);
    const service = fields?.get('service');
    const slo = fields?.get('slo');
    return service !== undefined && slo !== undefined ? { service, slo } : undefined;
}
/**
 * The marker when it is the body's first line, as incidentBody writes it, with `since` in epoch
 * ms (null when absent or not the ISO form incidentMarker writes). Report mode reads this only.
 */
function readLeadingMarker(body) {
    const first = body?.split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
    if (!first.startsWith(`<!-- ${MARKER_TAG} `) || !first.endsWith(' -->'))
        return undefined;
    const fields = markerFields(first);
    const service = fields?.get('service');
    const slo = fields?.get('slo');
    if (service === undefined || slo === undefined)
        return undefined;
    const text = fields?.get('since') ?? '';
    const since = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/.test(text) ? Date.parse(text) : NaN;
    return { service, slo, since: Number.isFinite(since) ? since : null };
}


/***/ }),

/***/ 35342:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reportStep: () => (/* binding */ reportStep)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(70819);
// EXTERNAL MODULE: ./src/summary/summary-bounds.ts
var summary_bounds = __webpack_require__(38504);
// EXTERNAL MODULE: ./src/summary/outside-text.ts
var outside_text = __webpack_require__(42851);
// EXTERNAL MODULE: ./src/summary/runner-files.ts
var runner_files = __webpack_require__(83858);
// EXTERNAL MODULE: ./src/settings/read-inputs.ts
var read_inputs = __webpack_require__(15775);
// EXTERNAL MODULE: ./src/evidence/artifact-upload.ts
var artifact_upload = __webpack_require__(39585);
// EXTERNAL MODULE: ./src/settings/field-parsers.ts + 1 modules
var field_parsers = __webpack_require__(53740);
// EXTERNAL MODULE: ./src/settings/problems.ts
var settings_problems = __webpack_require__(91477);
// EXTERNAL MODULE: ./src/settings/parse-inputs.ts + 3 modules
var parse_inputs = __webpack_require__(44759);
// EXTERNAL MODULE: ./src/settings/run-options.ts
var run_options = __webpack_require__(75143);
;// CONCATENATED MODULE: ./src/report/report-inputs.ts
/**
 * The inputs of `mode: report`, checked before anything is read: every problem names the input,
 * the value and what is accepted, as the gate's inputs do.
 */





function parseReportInputs(raw) {
    const problems = [];
    const parsed = (0,run_options/* parsePeriod */.DB)(raw);
    if (typeof parsed === 'string')
        problems.push(parsed);
    const { ms: periodMs, label: period } = typeof parsed === 'string' ? { ms: 0, label: '' } : parsed;
    const records = (raw.records ?? '').trim();
    const token = field_parsers/* secretToken */.Iq().safeParse(raw['github-token'] ?? '');
    if (!token.success)
        problems.push(...token.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'github-token', raw)));
    else if (!records && !token.data)
        problems.push('Input "github-token" is empty while "records" is empty: the report then reads this repository\'s workflow artifacts, which needs a token; accepted: `github-token: ${{ github.token }}` with the job\'s `permissions: actions: read`, or `records:` a folder of audit records');
    const prefix = (0,artifact_upload/* artifactNameInput */.Mn)('artifact-prefix').safeParse((raw['artifact-prefix'] ?? '').trim());
    if (!prefix.success)
        problems.push(...prefix.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'artifact-prefix', raw)));
    const retention = (0,artifact_upload/* retentionDaysInput */.Ig)().safeParse(raw['retention-days'] ?? '');
    if (!retention.success)
        problems.push(...retention.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'retention-days', raw)));
    const reportDir = (raw['audit-dir'] ?? '').trim();
    if (!reportDir)
        problems.push('Input "audit-dir" is empty: the report needs a folder to write to');
    const webhook = field_parsers/* optional */.lq(field_parsers/* httpUrl */.q3()).safeParse(raw['webhook-url'] ?? '');
    if (!webhook.success)
        problems.push(...webhook.error.issues.map((i) => (0,parse_inputs/* describeIssue */.n6)(i, 'webhook-url', raw)));
    if (problems.length ||
        !token.success ||
        !prefix.success ||
        !retention.success ||
        !webhook.success)
        throw new settings_problems/* SettingsError */.GN(problems);
    return {
        periodMs,
        periodLabel: period,
        records,
        reportDir,
        token: token.data,
        artifactPrefix: prefix.data,
        retentionDays: retention.data,
        config: (raw.config ?? '').trim(),
        webhookUrl: webhook.data,
    };
}

// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(34200);
// EXTERNAL MODULE: ./src/report/github/from-env.ts
var from_env = __webpack_require__(63276);
// EXTERNAL MODULE: ./src/report/github/github-records.ts
var github_records = __webpack_require__(78418);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./src/gate/clock.ts
var clock = __webpack_require__(38553);
// EXTERNAL MODULE: ./src/monitor/incident-marker.ts
var incident_marker = __webpack_require__(9065);
// EXTERNAL MODULE: ./src/report/github/list-artifacts.ts
var list_artifacts = __webpack_require__(4908);
// EXTERNAL MODULE: ./src/report/github/rate-limit.ts
var rate_limit = __webpack_require__(90778);
;// CONCATENATED MODULE: ./src/report/github/incident-issues-source.ts
/**
 * The incident issues monitor mode opened, as the report reads them: `GET /repos/{owner}/{repo}/issues`
 * with `labels=incident`, `state=all`, `since=<period start>`, 100 per page, through the report's
 * rate limiter (rate-limit.ts). GitHub's `since` keeps issues *updated* since then, so the period
 * is applied again to the dates by incidents.ts.
 *
 * Trusted from each issue: GitHub's own fields (number, state, state_reason, created_at,
 * closed_at, labels, the pull_request key) and the hidden marker only when it is the body's first
 * line (monitoring/incident-text.ts). Never the title, the rest of the body, or html_url: links
 * are built from the server, the repository and the number.
 *
 * Paperwork: a listing that fails (401, 403 without `issues: read`, 404, a network error, a rate
 * limit beyond the policy) becomes a warning; the report's other numbers stand.
 */







/** 10 pages of 100: a month of incidents of a large fleet, and a bound on requests. */
const MAX_ISSUE_PAGES = 10;
/** Service names as monitor mode writes them (monitor-step.ts: letters, digits, `.`, `_`, `-`). */
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** `availability`, or a latency objective as the latency-slo input writes it (`p95<500ms`). */
const SLO = /^(?:availability|p\d{1,2}(?:\.\d)?<[0-9][0-9A-Za-z.]{0,19})$/;
/** GitHub's owner and repository names: links are built only from names of this shape. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const issueSchema = schemas/* object */.Ikc({
    number: schemas/* number */.aig().int().positive(),
    state: schemas/* enum */.k5n(['open', 'closed']),
    state_reason: schemas/* string */.YjP().nullish(),
    created_at: schemas/* string */.YjP(),
    closed_at: schemas/* string */.YjP().nullish(),
    body: schemas/* string */.YjP().nullish(),
    labels: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* object */.Ikc({ name: schemas/* string */.YjP().nullish() })])).optional(),
    pull_request: schemas/* unknown */.L5J().optional(),
});
/** `https://<server host>/<owner>/<repo>/issues/<number>`; null when any part is not plain. */
function issueUrl(source, number) {
    let host;
    try {
        host = new URL(source.serverUrl).host;
    }
    catch {
        return null;
    }
    if (!OWNER.test(source.owner) || !REPO.test(source.repo) || !Number.isSafeInteger(number))
        return null;
    return `https://${host}/${source.owner}/${source.repo}/issues/${number}`;
}
const SCOPE = { feature: 'issues', access: 'read', switchable: true };
const epoch = (text) => typeof text === 'string' ? Date.parse(text) : Number.NaN;
/** Lists the period's incident issues; never throws for what GitHub answers. */
async function readIncidentIssues(source) {
    const repository = `${source.owner}/${source.repo}`;
    const read = {
        repository,
        issues: [],
        counts: {
            listed: 0,
            pullRequests: 0,
            withoutMarker: 0,
            badMarker: 0,
            malformed: 0,
            pages: 0,
            truncated: false,
        },
        warning: null,
    };
    const limiter = new rate_limit/* RateLimiter */.v$(source.clock, source.policy ?? rate_limit/* RATE_LIMIT_POLICY */.ih, (what, ms) => source.log(`rate limited: waiting ${Math.ceil(ms / 1000)} s before retrying ${what}`));
    const octokit = (0,list_artifacts/* withRateLimits */.Pg)(source.octokit, limiter);
    const maxPages = source.maxPages ?? MAX_ISSUE_PAGES;
    try {
        const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
            owner: source.owner,
            repo: source.repo,
            labels: incident_marker/* DEFAULT_LABEL */.$6,
            state: 'all',
            since: new Date(source.from).toISOString(),
            per_page: 100,
        });
        for await (const page of pages) {
            read.counts.pages += 1;
            for (const raw of page.data) {
                read.counts.listed += 1;
                const issue = toIncident(raw, source, read.counts);
                if (issue)
                    read.issues.push(issue);
            }
            if (read.counts.pages >= maxPages) {
                read.counts.truncated = true;
                break;
            }
        }
    }
    catch (error) {
        const why = (0,rate_limit/* limiterFailure */.l1)(error, SCOPE);
        read.warning = source.redactor.redactText(`incident issues of ${repository} not read: ${why}`);
        read.issues = [];
    }
    read.issues.sort((a, b) => a.startedAt - b.startedAt || a.number - b.number);
    return read;
}
/** One listed item as an incident, or null (counted by why) when it is not one we can trust. */
function toIncident(raw, source, counts) {
    const parsed = issueSchema.safeParse(raw);
    if (!parsed.success) {
        counts.malformed += 1;
        return null;
    }
    const issue = parsed.data;
    if (issue.pull_request !== undefined && issue.pull_request !== null) {
        counts.pullRequests += 1;
        return null;
    }
    const labels = (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
    const marker = labels.includes(incident_marker/* DEFAULT_LABEL */.$6) ? (0,incident_marker/* readLeadingMarker */.ZL)(issue.body) : undefined;
    if (!marker) {
        counts.withoutMarker += 1;
        return null;
    }
    if (!SERVICE.test(marker.service) || !SLO.test(marker.slo)) {
        counts.badMarker += 1;
        return null;
    }
    const createdAt = epoch(issue.created_at);
    const closedAt = issue.state === 'closed' ? epoch(issue.closed_at) : Number.NaN;
    if (!Number.isFinite(createdAt) || (issue.state === 'closed' && !Number.isFinite(closedAt))) {
        counts.malformed += 1;
        return null;
    }
    // The marker's start is used when it is not after the issue was opened (the alert fires first).
    const fromMarker = marker.since !== null && marker.since <= createdAt;
    const reason = issue.state_reason ?? null;
    return {
        number: issue.number,
        url: issueUrl(source, issue.number),
        service: marker.service,
        slo: marker.slo,
        startedAt: fromMarker ? marker.since : createdAt,
        startFrom: fromMarker ? 'marker' : 'issue created',
        closedAt: issue.state === 'closed' ? closedAt : null,
        outcome: issue.state === 'open'
            ? 'open'
            : reason === null || reason === 'completed'
                ? 'restored'
                : 'closed unresolved',
    };
}
/** The source as the runner sets it up (GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_SERVER_URL). */
function incidentSourceFromEnv(env, inputs) {
    const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
    const [owner = '', repo = '', ...rest] = repository.split('/');
    if (!owner || !repo || rest.length > 0)
        return {
            ok: false,
            reason: `GITHUB_REPOSITORY ${JSON.stringify((0,outside_text/* capText */.yA)((0,outside_text/* oneLine */.TN)(repository), 100))} is not owner/repo`,
        };
    const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
    const serverUrl = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
    const silent = () => undefined;
    return {
        ok: true,
        source: {
            octokit: (0,github/* getOctokit */.Q)(inputs.token, {
                baseUrl: apiUrl,
                log: { debug: silent, info: silent, warn: silent, error: silent },
            }),
            owner,
            repo,
            serverUrl,
            from: inputs.from,
            clock: clock/* realClock */.d,
            log: inputs.log,
            redactor: inputs.redactor,
        },
    };
}

// EXTERNAL MODULE: ./src/report/github/upload-report.ts
var upload_report = __webpack_require__(70610);
// EXTERNAL MODULE: ./src/report/run-report.ts + 18 modules
var run_report = __webpack_require__(20013);
// EXTERNAL MODULE: ./src/github/github-run.ts
var github_run = __webpack_require__(66064);
// EXTERNAL MODULE: ./src/notify/slack-message.ts + 1 modules
var slack_message = __webpack_require__(28041);
// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(83303);
;// CONCATENATED MODULE: ./src/report/budget-notify.ts


const NEARLY_SPENT_PERCENT = 75;
const MOSTLY_SPENT_PERCENT = 90;
const MAX_SERVICES = 20;
const MAX_RUN_LINKS = 3;
const MAX_LINE = 600;
const ORDER = ['none', 'warning', 'error', 'critical'];
const worse = (a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a);
const min = (value) => `${Math.round(value * 10) / 10} min`;
function levelOf(s, window) {
    const w = s.windows.find((x) => x.window === window);
    if (!w || !s.targets)
        return { level: 'none', summary: '' };
    let level = 'none';
    const parts = [];
    const b = w.budget;
    if (b) {
        const gone = b.consumed_percent;
        if (b.state === 'breached')
            level = 'critical';
        else if (gone !== null && gone >= MOSTLY_SPENT_PERCENT)
            level = 'error';
        else if (gone !== null && gone >= NEARLY_SPENT_PERCENT)
            level = 'warning';
        parts.push(`error budget ${min(b.consumed_minutes)} of ${min(b.budget_minutes)}${gone === null ? '' : ` (${gone} %)`} spent, ${b.state}`);
    }
    for (const t of w.targets) {
        if (t.target === 'availability' || t.target === 'error_rate' || t.state !== 'breached')
            continue;
        level = worse(level, 'error');
        parts.push(`${t.target} ${t.measured} ms (median gate; objective ${t.objective}) breached`);
    }
    return { level, summary: parts.join('; ') };
}
/** What to send, or null when every budget and target is fine. */
function budgetAlert(report) {
    const period = report.windows.at(-1)?.name;
    if (!report.slo || period === undefined)
        return null;
    let overall = 'none';
    const services = [];
    for (const s of report.slo.services) {
        const { level, summary } = levelOf(s, period);
        if (level === 'none')
            continue;
        overall = worse(overall, level);
        const runs = report.restores
            .filter((r) => r.service === s.service)
            .map((r) => r.run_url)
            .filter(links/* runLink */.u)
            .slice(-MAX_RUN_LINKS);
        services.push({ service: s.service, severity: level, summary, runs });
    }
    if (overall === 'none')
        return null;
    services.sort((a, b) => ORDER.indexOf(b.severity) - ORDER.indexOf(a.severity));
    return { severity: overall, period, services };
}
const EMOJI = {
    critical: ':rotating_light:',
    error: ':x:',
    warning: ':warning:',
    info: ':information_source:',
};
const cut = (text, max) => text.length <= max ? text : `${text.slice(0, max - 1)}…`;
function budgetMessage(alert, reportRunUrl) {
    const shown = alert.services.slice(0, MAX_SERVICES);
    const title = `SLO report (${alert.period}): ${alert.services.length} service${alert.services.length === 1 ? '' : 's'} breached or nearly out of error budget`;
    const lines = shown.map((s) => {
        const runs = s.runs.map((url, i) => (0,slack_message/* link */.nf)(url, `failed run ${i + 1}`)).join(' · ');
        return `• *${(0,slack_message/* escapeMrkdwn */.fO)(cut(s.service, 100))}* [${s.severity}]: ${(0,slack_message/* escapeMrkdwn */.fO)(cut(s.summary, MAX_LINE))}${runs ? ` — ${runs}` : ''}`;
    });
    if (alert.services.length > shown.length)
        lines.push(`…and ${alert.services.length - shown.length} more in the report`);
    const reportLink = reportRunUrl && (0,links/* runLink */.u)(reportRunUrl) ? (0,slack_message/* link */.nf)(reportRunUrl, 'Report run') : '';
    const text = [
        `${EMOJI[alert.severity]} [${alert.severity.toUpperCase()}] ${(0,slack_message/* escapeMrkdwn */.fO)(title)}`,
        ...lines,
        reportLink,
    ]
        .filter(Boolean)
        .join('\n');
    const blocks = [
        {
            type: 'header',
            text: {
                type: 'plain_text',
                text: cut(`${EMOJI[alert.severity]} ${title}`, 150),
                emoji: true,
            },
        },
        { type: 'section', text: { type: 'mrkdwn', text: cut(lines.join('\n'), 3000) } },
    ];
    if (reportLink)
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: reportLink }] });
    return { text, blocks };
}
/** Sends the message when there is one; a failure is a warning, never a failed report. */
async function notifyBudgets(report, webhookUrl, options) {
    const alert = budgetAlert(report);
    if (!alert)
        return {
            sent: false,
            severity: null,
            message: 'no SLO breached, no budget nearly spent: no webhook message',
        };
    const { sendWebhook } = await __webpack_require__.e(/* import() */ 920).then(__webpack_require__.bind(__webpack_require__, 24920)); // one chunk for every sender
    const sent = await sendWebhook(webhookUrl, budgetMessage(alert, options.reportRunUrl), options);
    if (sent.ok)
        return {
            sent: true,
            severity: alert.severity,
            message: `webhook notified (SLO ${alert.severity}: ${alert.services.map((s) => s.service).join(', ')}; HTTP ${sent.status})`,
        };
    return {
        sent: false,
        severity: alert.severity,
        message: 'webhook not notified',
        warning: sent.warning.replace('The verdict is unchanged.', 'The report is unchanged.'),
    };
}

// EXTERNAL MODULE: ./src/settings/load-config.ts + 8 modules
var load_config = __webpack_require__(91697);
;// CONCATENATED MODULE: ./src/report/slo-config.ts
/**
 * The report's SLO targets: the config file read by the gate's own loader, so it is checked
 * exactly as a gate checks it (structure, ${VAR}, every value) and a problem names file:line.
 * Only where-to-probe (fly.toml, URLs) is left to the gate: targets do not depend on it.
 * Throws the loader's SettingsError.
 */

const hasAny = (t) => t !== undefined &&
    (t.availability !== undefined || t.errorRate !== undefined || t.latency.length > 0);
async function loadSloConfig(file, env) {
    const loaded = await (0,load_config/* loadServiceConfig */.O)(file, { env });
    return {
        file,
        services: new Map(loaded.services.map((s) => [s.name, hasAny(s.slo) ? s.slo : null])),
    };
}

;// CONCATENATED MODULE: ./src/report/report-step.ts
/** `mode: report` as a step: inputs, the report, then outputs, job summary and annotations. */

















async function reportStep(env) {
    let inputs;
    try {
        inputs = parseReportInputs((0,read_inputs/* readInputs */.Ko)(env));
    }
    catch (error) {
        if (error instanceof settings_problems/* SettingsError */.GN)
            return core/* setFailed */.C1(error.message);
        throw error;
    }
    if (inputs.token)
        core/* setSecret */.Pq(inputs.token);
    if (inputs.webhookUrl)
        core/* setSecret */.Pq(inputs.webhookUrl);
    const redactor = new redact/* Redactor */.p();
    redactor.addSecret(inputs.token);
    if (inputs.webhookUrl)
        redactor.addSecret(inputs.webhookUrl);
    // The config is checked before any request, as every input is.
    let slo;
    if (inputs.config) {
        try {
            slo = await loadSloConfig(inputs.config, env);
        }
        catch (error) {
            if (error instanceof settings_problems/* SettingsError */.GN)
                return core/* setFailed */.C1(error.message);
            throw error;
        }
    }
    const now = Date.now();
    let github;
    let note = '';
    if (!inputs.records) {
        const setup = (0,from_env/* sourceFromEnv */.H)(env, {
            token: inputs.token,
            prefix: inputs.artifactPrefix,
            from: now - inputs.periodMs,
            redactor,
            log: (line) => core/* info */.pq((0,outside_text/* logLine */.BP)(redactor.redactText(line))),
        });
        if (!setup.ok)
            return core/* setFailed */.C1(`deploy-gate report: ${setup.problem}`);
        const { owner, repo } = setup.source;
        try {
            github = await (0,github_records/* readGitHubRecords */.sZ)(setup.source);
        }
        catch (error) {
            if (error instanceof github_records/* ArtifactsError */.u9)
                return core/* setFailed */.C1((0,outside_text/* logLine */.BP)(`deploy-gate report: ${error.message}`));
            return core/* setFailed */.C1((0,outside_text/* logLine */.BP)(redactor.redactText(`deploy-gate report: ${(0,outside_text/* errorSentence */.O8)(error)}`)));
        }
        note = (0,from_env/* sourceNote */.G)(`${owner}/${repo}`, inputs.artifactPrefix, github.counts);
    }
    // Monitor mode's incident issues, whenever a token is given (with `records` too): paperwork,
    // so a listing that fails is a warning and the gates' numbers stand.
    let incidents;
    if (inputs.token) {
        const setup = incidentSourceFromEnv(env, {
            token: inputs.token,
            from: now - inputs.periodMs,
            redactor,
            log: (line) => core/* info */.pq((0,outside_text/* logLine */.BP)(redactor.redactText(line))),
        });
        if (setup.ok)
            incidents = await readIncidentIssues(setup.source);
        else
            core/* info */.pq((0,outside_text/* logLine */.BP)(`incident issues not read: ${setup.reason}`));
    }
    let result;
    try {
        result = await (0,run_report/* runReport */.qi)({
            ...inputs,
            now,
            ...(github ? { read: github, sourceNote: note } : {}),
            ...(slo ? { slo } : {}),
            ...(incidents ? { incidents } : {}),
        });
    }
    catch (error) {
        if (error instanceof run_report/* RecordsError */.XN)
            return core/* setFailed */.C1(`deploy-gate report: ${error.message}`);
        return core/* setFailed */.C1(`deploy-gate report: ${(0,outside_text/* errorSentence */.O8)(error)}`);
    }
    const { report, reportDir } = result;
    const period = report.windows.at(-1)?.overall;
    const outputs = {
        deployments: String(period?.deployments ?? 0),
        'failed-deployments': String(period?.failed ?? 0),
        'change-failure-rate': String(period?.change_failure_rate_percent ?? ''),
        rollbacks: String(period?.rollbacks ?? 0),
        'mttr-seconds': String(period?.time_to_restore_seconds.mean ?? ''),
        'report-dir': reportDir,
    };
    (0,runner_files/* safeWrite */.TC)('GITHUB_OUTPUT', () => {
        for (const [name, value] of Object.entries(outputs))
            core/* setOutput */.uH(name, (0,outside_text/* outputValue */.rP)(value));
    });
    await (0,runner_files/* safeWriteAsync */.d0)('GITHUB_STEP_SUMMARY', () => core/* summary */.z.addRaw((0,summary_bounds/* boundSummary */.B)(result.markdown)).write());
    const failed = report.records.failed_checksum;
    if (failed.length)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(`${failed.length} record${failed.length === 1 ? '' : 's'} failed ${failed.length === 1 ? 'its' : 'their'} checksum: ${failed.map((f) => f.path).join(', ')}`));
    for (const s of report.records.skipped)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(`record ${s.path} skipped: ${s.reason}`));
    if (incidents?.warning)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(incidents.warning));
    if (report.records.found === 0)
        core/* warning */.$e((0,outside_text/* logLine */.BP)(inputs.records
            ? `no audit records under ${inputs.records}`
            : `no audit records in the artifacts named ${inputs.artifactPrefix}* of the period`));
    const uploads = await (0,upload_report/* uploadReport */.a3)({
        reportDir,
        ledger: github ? github.ledger : null,
        now,
        tempDir: env.RUNNER_TEMP?.trim() || (0,external_node_os_.tmpdir)(),
        retentionDays: inputs.retentionDays,
        redactor,
        env,
    });
    if (uploads.skipped)
        core/* info */.pq((0,outside_text/* logLine */.BP)(`report not uploaded as an artifact: ${uploads.skipped}`));
    for (const outcome of [uploads.report, uploads.ledger]) {
        if (!outcome)
            continue;
        if (outcome.uploaded)
            core/* info */.pq((0,outside_text/* logLine */.BP)(`uploaded artifact ${outcome.name} (id ${outcome.id})`));
        else
            core/* warning */.$e((0,outside_text/* logLine */.BP)(outcome.warning));
    }
    if (inputs.webhookUrl) {
        const run = (0,github_run.githubRunFromEnv)(env);
        const sent = await notifyBudgets(report, inputs.webhookUrl, {
            redactor,
            ...(run.ok ? { reportRunUrl: (0,github_run.runUrl)(run.run) } : {}),
        });
        if (sent.warning)
            core/* warning */.$e((0,outside_text/* logLine */.BP)(sent.warning));
        else
            core/* info */.pq((0,outside_text/* logLine */.BP)(sent.message));
    }
    core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate report: ${outputs.deployments} gates in ${report.period}, ${outputs['failed-deployments']} failed; ${reportDir}`));
}


/***/ })

};
