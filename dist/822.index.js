export const id = 822;
export const ids = [822];
export const modules = {

/***/ 45196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ answeredStatus),
/* harmony export */   zL: () => (/* binding */ callFailure)
/* harmony export */ });
/* unused harmony exports statusHint, networkCause */
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35343);
/* harmony import */ var _summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(42851);
/**
 * What a failed GitHub API call means, in words every caller shares: `callFailure` is the clause a
 * caller puts in its own sentence, the HTTP status GitHub answered with a hint and GitHub's
 * message, or the cause of no answer at all.
 */


/**
 * The usual meaning of `status`, or '' when there is none worth saying. A 403 is a missing
 * permission or a rate limit: `rateLimited` is true or false when the caller has already told them
 * apart from GitHub's headers, and left out when it has not (then the hint names both).
 */
function statusHint(status, scope, rateLimited) {
    const permission = `\`permissions: ${scope.feature}: ${scope.access}\``;
    switch (status) {
        case 401:
            return 'the token was rejected';
        case 403:
            if (rateLimited === true)
                return 'a rate limit was hit';
            return `the workflow needs ${permission}${rateLimited === false ? '' : ', or a rate limit was hit'}`;
        case 404:
            return `repository${scope.item ? ` or ${scope.item}` : ''} not found, or the token cannot see it; check ${permission}`;
        case 409:
            return 'GitHub reported a conflict';
        case 410:
            // GitHub documents 410 for features a repository can switch off (issues, and a deleted
            // issue); its Deployments endpoints document none, so no meaning is guessed for them.
            if (!scope.switchable)
                return '';
            return `${scope.item ? `the ${scope.item} was deleted, or ` : ''}${scope.feature} are disabled in the repository`;
        case 422:
            return 'GitHub rejected the request as invalid';
        case 429:
            return 'a rate limit was hit';
        default:
            return status !== null && status !== undefined && status >= 500
                ? 'GitHub is unavailable'
                : '';
    }
}
/** Longest outside text kept: a TLS error names certificates, but the line stays short. */
const MAX_TEXT = 300;
/**
 * Why no answer came, as one capped line. fetch says only "fetch failed" and keeps the reason
 * (`ECONNREFUSED`, `ENOTFOUND`, a TLS error) down its cause chain: the deepest message says the
 * most, and the first `code` found is added when that message leaves it out.
 */
function networkCause(error) {
    const messages = [];
    let code;
    let current = error;
    for (let depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
        const e = current;
        if (typeof e.code === 'string' && e.code)
            code ??= e.code;
        if (typeof e.message === 'string' && e.message)
            messages.push((0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .k)(e));
        current = e.cause;
    }
    const deepest = messages.at(-1) ?? code ?? (0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .k)(error);
    const text = code && !deepest.includes(code) ? `${code}: ${deepest}` : deepest;
    return (0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .capText */ .yA)(text, MAX_TEXT));
}
/**
 * The status GitHub answered with, or null when no answer came. Octokit reports a network failure
 * or a timeout as `status: 500` without a `response`, so only `response.status` tells an answer.
 */
function answeredStatus(error) {
    const status = error?.response
        ?.status;
    return typeof status === 'number' ? status : null;
}
/**
 * A failed call as one clause for the caller's sentence: `HTTP 403 (hint): GitHub's message` (one
 * capped line) when GitHub answered, `no answer (cause)` when it did not. `rateLimited` goes to
 * statusHint. Callers redact the sentence they build.
 */
function callFailure(error, scope, rateLimited) {
    const status = answeredStatus(error);
    if (status === null)
        return `no answer (${networkCause(error)})`;
    const hint = statusHint(status, scope, rateLimited);
    return `HTTP ${status}${hint ? ` (${hint})` : ''}: ${(0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_1__/* .capText */ .yA)((0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .k)(error), MAX_TEXT))}`;
}


/***/ }),

/***/ 50705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NE: () => (/* binding */ withDeadline),
/* harmony export */   WJ: () => (/* binding */ toolkitDownloader),
/* harmony export */   o9: () => (/* binding */ MAX_ARTIFACT_BYTES),
/* harmony export */   qN: () => (/* binding */ DOWNLOAD_TIMEOUT_MS)
/* harmony export */ });
/** One artifact (a gate's evidence is a few MB) gets this long, its retries included. */
const DOWNLOAD_TIMEOUT_MS = 3 * 60_000;
/** Larger artifacts are not gate evidence (a gate writes a few MB at most): listed, not fetched. */
const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;
function toolkitDownloader(findBy) {
    return async (artifact, path) => {
        const { DefaultArtifactClient } = await __webpack_require__.e(/* import() */ 645).then(__webpack_require__.bind(__webpack_require__, 9645));
        await new DefaultArtifactClient().downloadArtifact(artifact.id, {
            path,
            findBy: {
                token: findBy.token,
                // Not used to fetch an artifact by id; the type asks for it.
                workflowRunId: artifact.runId ?? 0,
                repositoryOwner: findBy.owner,
                repositoryName: findBy.repo,
            },
        });
    };
}
/** Runs a download under a deadline (the client has none over the whole exchange). */
async function withDeadline(work, ms, what) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
    });
    try {
        await Promise.race([work, deadline]);
    }
    finally {
        clearTimeout(timer);
    }
}


/***/ }),

/***/ 63276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ sourceNote),
/* harmony export */   H: () => (/* binding */ sourceFromEnv)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61351);
/* harmony import */ var _gate_clock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38553);
/* harmony import */ var _summary_escape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(87125);
/* harmony import */ var _download_artifact_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(50705);
/* harmony import */ var _list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4908);
/**
 * The GitHub source as the runner sets it up: the repository (GITHUB_REPOSITORY), the REST API
 * (GITHUB_API_URL) and the web base for links (GITHUB_SERVER_URL), the real clock, the toolkit's
 * downloader. Also the sentence that tells the reader where the records came from.
 */






function sourceFromEnv(env, inputs) {
    const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
    const [owner = '', repo = '', ...rest] = repository.split('/');
    if (!owner || !repo || rest.length > 0)
        return {
            ok: false,
            problem: `GITHUB_REPOSITORY ${JSON.stringify(repository)} is not owner/repo: without "records", the report reads the artifacts of the repository the runner names there`,
        };
    const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
    const serverUrl = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
    return {
        ok: true,
        source: {
            octokit: (0,_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q)(inputs.token, { baseUrl: apiUrl }),
            download: (0,_download_artifact_js__WEBPACK_IMPORTED_MODULE_5__/* .toolkitDownloader */ .WJ)({ token: inputs.token, owner, repo }),
            owner,
            repo,
            serverUrl,
            prefix: inputs.prefix,
            from: inputs.from,
            tempDir: env.RUNNER_TEMP?.trim() || (0,node_os__WEBPACK_IMPORTED_MODULE_0__.tmpdir)(),
            clock: _gate_clock_js__WEBPACK_IMPORTED_MODULE_2__/* .realClock */ .d,
            log: inputs.log,
            redactor: inputs.redactor,
        },
    };
}
/** One paragraph for report.md: which artifacts were read, from where (outside text escaped). */
function sourceNote(repository, prefix, counts) {
    const parts = [
        `${counts.listed} artifact${counts.listed === 1 ? '' : 's'} ${(0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(`${prefix}*`)} of ${(0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(repository)} in the period`,
        `${counts.downloaded} downloaded`,
        `${counts.fromLedger} known from the ledger`,
    ];
    if (counts.failed)
        parts.push(`${counts.failed} could not be downloaded (tried again next run)`);
    if (counts.notRead)
        parts.push(`${counts.notRead} left for the next run by the per-run cap`);
    if (counts.expired)
        parts.push(`${counts.expired} expired (not downloaded)`);
    if (counts.rateLimitWaitMs)
        parts.push(`${Math.ceil(counts.rateLimitWaitMs / 1000)} s waited for rate limits`);
    const ledger = counts.ledgerId === null
        ? ` No earlier ${(0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(_list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__/* .LEDGER_ARTIFACT_NAME */ .H0)} in the period: every artifact was downloaded.`
        : counts.ledgerIgnored
            ? ` The ledger (artifact ${counts.ledgerId}) was ignored: ${(0,_summary_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .prose */ .CS)(counts.ledgerIgnored)}.`
            : '';
    return `\n**Records:** ${parts.join(', ')}.${ledger}\n`;
}


/***/ }),

/***/ 78418:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Zd: () => (/* binding */ listingFailure),
/* harmony export */   sZ: () => (/* binding */ readGitHubRecords),
/* harmony export */   u9: () => (/* binding */ ArtifactsError)
/* harmony export */ });
/* unused harmony exports MAX_DOWNLOADS, PARALLEL_DOWNLOADS, runLinks */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(35343);
/* harmony import */ var _summary_outside_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(42851);
/* harmony import */ var _run_report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(20013);
/* harmony import */ var _download_artifact_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(50705);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48551);
/* harmony import */ var _list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4908);
/* harmony import */ var _rate_limit_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(90778);
/* harmony import */ var _gate_pacing_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(46939);
/**
 * The records of the period from this repository's workflow artifacts: list them (newest first),
 * take what the newest ledger already holds, download the rest a few at a time (at most
 * MAX_DOWNLOADS per run, newest first: the next run continues from the ledger), read every audit
 * folder inside with the same verify-then-read path as records on disk, and delete each download
 * once read. One artifact that cannot be read is listed as skipped; only a listing that fails
 * throws (ArtifactsError), since a report over an unknown part of the period would mislead.
 */










/**
 * Downloads per run: each is one REST request (the zip's redirect), and a GITHUB_TOKEN has 1,000
 * an hour per repository, shared with every other job. A month of daily gates for 16 services
 * fits in one run; more are read by the next runs, the ledger keeping what was read.
 */
const MAX_DOWNLOADS = 500;
/** Downloads at once. */
const PARALLEL_DOWNLOADS = 3;
/** Thrown when the artifacts cannot be listed at all. */
class ArtifactsError extends Error {
}
/** `${server}/${owner}/${repo}/actions/runs/${run}[/artifacts/${id}]`, from GitHub's numbers only. */
function runLinks(source, artifact) {
    if (artifact.runId === null)
        return { runUrl: null, artifactUrl: null };
    const run = `${source.serverUrl}/${encodeURIComponent(source.owner)}/${encodeURIComponent(source.repo)}/actions/runs/${artifact.runId}`;
    return { runUrl: run, artifactUrl: `${run}/artifacts/${artifact.id}` };
}
/** An entry's records, their paths under the artifact's name, their links from the listing. */
function withArtifact(artifact, read) {
    const under = (path) => (path === '.' ? artifact.name : `${artifact.name}/${path}`);
    return {
        id: artifact.id,
        name: artifact.name,
        found: read.found,
        facts: read.facts.map((fact) => ({ ...fact, path: under(fact.path) })),
        failed_checksum: read.failed.map((f) => ({ ...f, path: under(f.path) })),
        skipped: read.skipped.map((s) => ({ ...s, path: under(s.path) })),
    };
}
function describeFailure(error, redactor) {
    const { status } = (0,_rate_limit_js__WEBPACK_IMPORTED_MODULE_5__/* .httpFacts */ .o1)(error);
    // Blob storage and GitHub word these: one capped line, like every outside text.
    const message = (0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .TN)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_6__/* .capText */ .yA)((0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_7__/* .errorText */ .k)(error), 300));
    const why = status === 404 || status === 410
        ? `HTTP ${status}: the artifact is gone (expired or deleted)`
        : status !== null
            ? `HTTP ${status}: ${message}`
            : message;
    return redactor.redactText(why);
}
async function listOrExplain(source, limiter) {
    try {
        return await (0,_list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__/* .listArtifacts */ .wn)({
            octokit: (0,_list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__/* .withRateLimits */ .Pg)(source.octokit, limiter),
            owner: source.owner,
            repo: source.repo,
            prefix: source.prefix,
            from: source.from,
        });
    }
    catch (error) {
        throw new ArtifactsError(listingFailure(source, error));
    }
}
const ACTIONS_READ = { feature: 'actions', access: 'read' };
/** Why a listing failed: the HTTP status and what it usually means, or no answer; secrets masked. */
function listingFailure(where, error) {
    const why = (0,_rate_limit_js__WEBPACK_IMPORTED_MODULE_5__/* .limiterFailure */ .l1)(error, ACTIONS_READ);
    return where.redactor.redactText(`could not list the artifacts of ${where.owner}/${where.repo}: ${why}`);
}
async function readGitHubRecords(source) {
    const limiter = new _rate_limit_js__WEBPACK_IMPORTED_MODULE_5__/* .RateLimiter */ .v$(source.clock, source.policy ?? _rate_limit_js__WEBPACK_IMPORTED_MODULE_5__/* .RATE_LIMIT_POLICY */ .ih, (what, ms) => source.log(`rate limited: waiting ${Math.ceil(ms / 1000)} s before retrying ${what}`));
    const listing = await listOrExplain(source, limiter);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(source.tempDir, { recursive: true });
    const work = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(source.tempDir, 'deploy-gate-report-'));
    const counts = {
        listed: listing.records.length,
        expired: listing.expired.length,
        fromLedger: 0,
        downloaded: 0,
        failed: 0,
        notRead: 0,
        pages: listing.pages,
        rateLimitWaitMs: 0,
        ledgerIgnored: null,
        ledgerId: listing.ledger?.id ?? null,
    };
    const fetchInto = async (artifact, dir) => {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
        await limiter.run(`the download of artifact ${artifact.id}`, () => (0,_download_artifact_js__WEBPACK_IMPORTED_MODULE_8__/* .withDeadline */ .NE)(source.download(artifact, dir), _download_artifact_js__WEBPACK_IMPORTED_MODULE_8__/* .DOWNLOAD_TIMEOUT_MS */ .qN, `the download of artifact ${artifact.id}`));
    };
    try {
        let known = new Map();
        if (listing.ledger) {
            const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(work, 'ledger');
            try {
                await fetchInto(listing.ledger, dir);
                const ledger = await (0,_ledger_js__WEBPACK_IMPORTED_MODULE_3__/* .readLedger */ .SC)(dir);
                if (ledger.ok)
                    known = ledger.entries;
                else
                    counts.ledgerIgnored = ledger.reason;
            }
            catch (error) {
                counts.ledgerIgnored = `it could not be downloaded (${describeFailure(error, source.redactor)})`;
            }
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
            source.log(counts.ledgerIgnored
                ? `ledger ${_list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__/* .LEDGER_ARTIFACT_NAME */ .H0} (artifact ${listing.ledger.id}) ignored: ${counts.ledgerIgnored}`
                : `ledger ${_list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__/* .LEDGER_ARTIFACT_NAME */ .H0} (artifact ${listing.ledger.id}): ${known.size} artifacts read before`);
        }
        const entries = [];
        const skipped = listing.expired.map((artifact) => ({
            path: artifact.name,
            reason: `artifact ${artifact.id} expired: its records can no longer be read`,
        }));
        const toFetch = [];
        for (const artifact of listing.records) {
            const entry = known.get(artifact.id);
            if (entry && entry.name === artifact.name) {
                entries.push(entry);
                counts.fromLedger += 1;
            }
            else if (artifact.sizeInBytes > _download_artifact_js__WEBPACK_IMPORTED_MODULE_8__/* .MAX_ARTIFACT_BYTES */ .o9) {
                skipped.push({
                    path: artifact.name,
                    reason: `artifact ${artifact.id} is ${artifact.sizeInBytes} bytes, more than the ${_download_artifact_js__WEBPACK_IMPORTED_MODULE_8__/* .MAX_ARTIFACT_BYTES */ .o9} a gate's evidence can be`,
                });
            }
            else {
                toFetch.push(artifact);
            }
        }
        const cap = source.maxDownloads ?? MAX_DOWNLOADS;
        counts.notRead = Math.max(0, toFetch.length - cap);
        for (const artifact of toFetch.slice(cap))
            skipped.push({
                path: artifact.name,
                reason: `artifact ${artifact.id} not read in this run (at most ${cap} downloads a run); the next run reads it`,
            });
        await (0,_gate_pacing_js__WEBPACK_IMPORTED_MODULE_9__/* .mapLimit */ .sf)(toFetch.slice(0, cap), PARALLEL_DOWNLOADS, async (artifact) => {
            const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(work, String(artifact.id));
            try {
                await fetchInto(artifact, dir);
                const read = await (0,_run_report_js__WEBPACK_IMPORTED_MODULE_2__/* .readFacts */ .MH)(dir);
                const entry = withArtifact(artifact, read);
                if (read.found === 0)
                    entry.skipped.push({
                        path: artifact.name,
                        reason: `artifact ${artifact.id} holds no audit.json`,
                    });
                entries.push(entry);
                counts.downloaded += 1;
            }
            catch (error) {
                counts.failed += 1;
                skipped.push({
                    path: artifact.name,
                    reason: `artifact ${artifact.id} could not be read: ${describeFailure(error, source.redactor)}`,
                });
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
            }
        });
        counts.rateLimitWaitMs = limiter.waited;
        const byId = new Map(listing.records.map((artifact) => [artifact.id, artifact]));
        const read = { facts: [], found: 0, failed: [], skipped };
        for (const entry of entries) {
            const artifact = byId.get(entry.id);
            // Links come from this listing's numbers, never from the ledger's or the record's text.
            const links = runLinks(source, artifact);
            read.found += entry.found;
            read.facts.push(...entry.facts.map((fact) => ({ ...fact, ...links })));
            read.failed.push(...entry.failed_checksum);
            read.skipped.push(...entry.skipped);
        }
        const byPath = (a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
        read.facts.sort(byPath);
        read.failed.sort(byPath);
        read.skipped.sort(byPath);
        return { ...read, ledger: entries, counts };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(work, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 48551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PK: () => (/* binding */ ledgerText),
/* harmony export */   SC: () => (/* binding */ readLedger),
/* harmony export */   th: () => (/* binding */ LEDGER_FILE)
/* harmony export */ });
/* unused harmony exports LEDGER_VERSION, MAX_LEDGER_BYTES, ledgerSchema */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(64377);
/* harmony import */ var _evidence_audit_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(81004);
/**
 * The report's cache: what earlier reports read from each gate artifact (its facts, its failed
 * checksums and skipped records), keyed by artifact id, uploaded as the artifact
 * `deploy-gate-report-ledger`. The next report downloads the newest one first and fetches only the
 * artifacts it does not hold. An artifact's files never change after upload, so its entry stays
 * true; a download that failed is never written, so it is tried again next time.
 * A ledger is outside data like any artifact: checked with zod, and ignored (with the reason)
 * when it does not match this version exactly. URLs are never taken from it (see github-records.ts).
 */




/** Raise when GateFact or the entry changes: an older ledger is then ignored, not misread. */
const LEDGER_VERSION = 1;
const LEDGER_FILE = 'ledger.json';
/** Far above any real ledger (7,000 records are ~3 MB); a bigger file is not read. */
const MAX_LEDGER_BYTES = 64 * 1024 * 1024;
const text = (max) => zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(max);
const ms = () => zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int();
const factSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    path: text(2000),
    service: text(500),
    verdict: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(_evidence_audit_schema_js__WEBPACK_IMPORTED_MODULE_2__/* .VERDICTS */ .bk),
    startedAt: ms(),
    endedAt: ms(),
    firstFailureAt: ms().nullable(),
    dryRun: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(),
    rollbackTriggered: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(),
    rollbackVerified: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(),
    attempts: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    successes: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    p95Ms: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().min(0).nullable(),
    latencyMs: zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
        p50: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().min(0).nullable(),
        p95: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().min(0).nullable(),
        p99: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().min(0).nullable(),
    }),
    reasons: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({ reason: text(500), example: text(1000) })).max(20),
    runUrl: text(2000).nullable(),
    artifactUrl: text(2000).nullable().optional(),
    deploymentId: text(500),
});
const factMatchesGateFact = true;
void factMatchesGateFact;
const entrySchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    id: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().positive(),
    name: text(500),
    /** Audit folders found in the artifact. */
    found: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().min(0),
    facts: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(factSchema),
    failed_checksum: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({ path: text(2000), detail: text(2000) })),
    skipped: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({ path: text(2000), reason: text(2000) })),
});
const ledgerSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    ledger_version: zod__WEBPACK_IMPORTED_MODULE_3__/* .literal */ .euz(LEDGER_VERSION),
    generated_at: zod__WEBPACK_IMPORTED_MODULE_4__/* .datetime */ .w$(),
    artifacts: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(entrySchema),
});
/** Reads and checks a downloaded ledger folder; any problem is a reason, never a throw. */
async function readLedger(dir) {
    let raw;
    try {
        const bytes = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, LEDGER_FILE));
        if (bytes.length > MAX_LEDGER_BYTES)
            return { ok: false, reason: `${LEDGER_FILE} is larger than ${MAX_LEDGER_BYTES} bytes` };
        raw = bytes.toString('utf8');
    }
    catch {
        return { ok: false, reason: `the artifact holds no ${LEDGER_FILE}` };
    }
    let json;
    try {
        json = JSON.parse(raw);
    }
    catch {
        return { ok: false, reason: `${LEDGER_FILE} is not JSON` };
    }
    const parsed = ledgerSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
            ok: false,
            reason: `${LEDGER_FILE} does not match ledger version ${LEDGER_VERSION}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
        };
    }
    return { ok: true, entries: new Map(parsed.data.artifacts.map((entry) => [entry.id, entry])) };
}
/** The ledger file's text: compact JSON (no indent: it is read by this code only). */
function ledgerText(entries, now) {
    const ledger = {
        ledger_version: LEDGER_VERSION,
        generated_at: new Date(now).toISOString(),
        artifacts: [...entries].sort((a, b) => b.id - a.id),
    };
    return JSON.stringify(ledger);
}


/***/ }),

/***/ 4908:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H0: () => (/* binding */ LEDGER_ARTIFACT_NAME),
/* harmony export */   Pg: () => (/* binding */ withRateLimits),
/* harmony export */   iV: () => (/* binding */ newestArtifactNamed),
/* harmony export */   pf: () => (/* binding */ REPORT_ARTIFACT_PREFIX),
/* harmony export */   wn: () => (/* binding */ listArtifacts)
/* harmony export */ });
/* unused harmony export REQUEST_TIMEOUT_MS */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(92857);

/** Every artifact the report itself uploads starts with this: never read as gate records. */
const REPORT_ARTIFACT_PREFIX = 'deploy-gate-report';
/** The cache of what earlier reports read (see ledger.ts). */
const LEDGER_ARTIFACT_NAME = `${REPORT_ARTIFACT_PREFIX}-ledger`;
/** One request of the REST API may take this long (the page is ~100 small objects). */
const REQUEST_TIMEOUT_MS = 30_000;
/** The fields used, as GitHub's list and get endpoints answer them (others are ignored). */
const artifactSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive(),
    name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    size_in_bytes: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(0),
    expired: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    created_at: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullable(),
    workflow_run: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().nullish() }).nullish(),
});
/** Sends every request of `octokit` through the rate limiter, each under its own timeout. */
function withRateLimits(octokit, limiter) {
    octokit.hook.wrap('request', (request, options) => limiter.run(`${options.method} ${String(options.url)}`, async () => request({
        ...options,
        request: { ...options.request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
    })));
    return octokit;
}
function toRef(artifact) {
    const createdAt = artifact.created_at === null ? Number.NaN : Date.parse(artifact.created_at);
    if (!Number.isFinite(createdAt))
        return null;
    return {
        id: artifact.id,
        name: artifact.name,
        sizeInBytes: artifact.size_in_bytes,
        createdAt,
        runId: artifact.workflow_run?.id ?? null,
    };
}
async function listArtifacts(options) {
    const { octokit, owner, repo, prefix, from } = options;
    const listing = { records: [], ledger: null, expired: [], malformed: 0, pages: 0 };
    const pages = octokit.paginate.iterator(octokit.rest.actions.listArtifactsForRepo, {
        owner,
        repo,
        per_page: 100,
    });
    paging: for await (const page of pages) {
        listing.pages += 1;
        for (const raw of page.data) {
            const parsed = artifactSchema.safeParse(raw);
            const ref = parsed.success ? toRef(parsed.data) : null;
            if (!parsed.success || !ref) {
                listing.malformed += 1;
                continue;
            }
            // Newest first: everything after this one is older still.
            if (ref.createdAt < from)
                break paging;
            if (ref.name === LEDGER_ARTIFACT_NAME) {
                if (!parsed.data.expired && !listing.ledger)
                    listing.ledger = ref;
            }
            else if (ref.name.startsWith(prefix) && !ref.name.startsWith(REPORT_ARTIFACT_PREFIX)) {
                (parsed.data.expired ? listing.expired : listing.records).push(ref);
            }
        }
    }
    return listing;
}
/** The newest unexpired artifact called exactly `name`, or null when none is listed. */
async function newestArtifactNamed(options) {
    const { octokit, owner, repo, name, maxPages } = options;
    const pages = octokit.paginate.iterator(octokit.rest.actions.listArtifactsForRepo, {
        owner,
        repo,
        name,
        per_page: 100,
    });
    let read = 0;
    for await (const page of pages) {
        for (const raw of page.data) {
            const parsed = artifactSchema.safeParse(raw);
            const ref = parsed.success ? toRef(parsed.data) : null;
            if (parsed.success && ref && ref.name === name && !parsed.data.expired)
                return ref;
        }
        if ((read += 1) >= maxPages)
            break;
    }
    return null;
}


/***/ }),

/***/ 90778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ih: () => (/* binding */ RATE_LIMIT_POLICY),
/* harmony export */   l1: () => (/* binding */ limiterFailure),
/* harmony export */   o1: () => (/* binding */ httpFacts),
/* harmony export */   v$: () => (/* binding */ RateLimiter)
/* harmony export */ });
/* unused harmony exports SECONDARY_LIMIT_WAIT_MS, rateLimitWait, RateLimitExceeded */
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(35343);
/* harmony import */ var _github_call_failure_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(45196);


const RATE_LIMIT_POLICY = { maxRetries: 3, maxTotalWaitMs: 5 * 60_000 };
/** GitHub's advice for a secondary limit without `retry-after`: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/**
 * The status and headers GitHub answered with, from an Octokit RequestError (duck-typed: it may
 * come from the toolkit's copy). Status null: no answer came (a network failure, a timeout).
 */
function httpFacts(error) {
    const e = error;
    const status = (0,_github_call_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .answeredStatus */ .W)(error);
    const headers = typeof e?.response?.headers === 'object' && e.response.headers !== null
        ? e.response.headers
        : {};
    return { status, headers };
}
/** How long GitHub asks us to wait, ms; null when the answer is not a rate limit. */
function rateLimitWait(status, headers, message, now) {
    if (status !== 403 && status !== 429)
        return null;
    const header = (name) => {
        const value = headers[name];
        return value === undefined ? '' : String(value).trim();
    };
    const retryAfter = header('retry-after');
    if (/^\d+$/.test(retryAfter))
        return Number(retryAfter) * 1000;
    if (retryAfter) {
        const at = Date.parse(retryAfter); // The HTTP-date form.
        if (Number.isFinite(at))
            return Math.max(0, at - now);
    }
    const reset = header('x-ratelimit-reset');
    if (header('x-ratelimit-remaining') === '0' && /^\d+$/.test(reset))
        return Math.max(0, Number(reset) * 1000 - now);
    if (status === 429 || /rate limit/i.test(message))
        return SECONDARY_LIMIT_WAIT_MS;
    return null;
}
/**
 * Thrown when a rate limit outlasts the policy; says how long GitHub asked for. It keeps GitHub's
 * last answer as a RequestError does (`status`, `response`), so it reads as an answer, not as a
 * network failure.
 */
class RateLimitExceeded extends Error {
    status;
    response;
    constructor(status, headers, what) {
        super(what);
        this.status = status;
        this.response = { status, headers };
    }
}
/**
 * A failed call made through a RateLimiter, described: the limiter waited out every rate limit it
 * could, so a RateLimitExceeded is one, and any other 403 is a missing permission.
 */
function limiterFailure(error, scope) {
    return (0,_github_call_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .callFailure */ .zL)(error, scope, error instanceof RateLimitExceeded);
}
class RateLimiter {
    clock;
    policy;
    onWait;
    waitedMs = 0;
    constructor(clock, policy = RATE_LIMIT_POLICY, onWait = () => { }) {
        this.clock = clock;
        this.policy = policy;
        this.onWait = onWait;
    }
    /** Total time spent waiting for rate limits so far, ms. */
    get waited() {
        return this.waitedMs;
    }
    /** Runs `attempt`, retrying it after each rate-limited answer the policy allows. */
    async run(what, attempt) {
        for (let retry = 0;; retry += 1) {
            try {
                return await attempt();
            }
            catch (error) {
                const { status, headers } = httpFacts(error);
                const wait = rateLimitWait(status, headers, (0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_1__/* .errorText */ .k)(error), this.clock.now());
                if (wait === null || status === null)
                    throw error;
                const seconds = Math.ceil(wait / 1000);
                if (retry >= this.policy.maxRetries)
                    throw new RateLimitExceeded(status, headers, `${what}: still rate limited (HTTP ${status}) after ${retry} retries`);
                if (this.waitedMs + wait > this.policy.maxTotalWaitMs)
                    throw new RateLimitExceeded(status, headers, `${what}: rate limited (HTTP ${status}); GitHub asked to wait ${seconds} s, beyond the ${Math.round(this.policy.maxTotalWaitMs / 1000)} s this run waits in all`);
                this.waitedMs += wait;
                this.onWait(what, wait);
                await this.clock.sleep(wait);
            }
        }
    }
}


/***/ }),

/***/ 70610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OH: () => (/* binding */ artifactServiceMissing),
/* harmony export */   a3: () => (/* binding */ uploadReport)
/* harmony export */ });
/* unused harmony exports REPORT_FILES, reportArtifactName */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _evidence_artifact_upload_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39585);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48551);
/* harmony import */ var _list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4908);
/**
 * The report's two uploads, best effort like the gate's evidence (evidence/artifact-upload.ts):
 * report.json, report.md and report.html as `deploy-gate-report-<run id>-<attempt>`, and the
 * ledger as `deploy-gate-report-ledger` for the next report. Without the artifact service
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL: set by the runner for JavaScript actions) nothing
 * is attempted and the step says so; a failed upload is a warning, never a failed report.
 */





const REPORT_FILES = ['report.json', 'report.md', 'report.html'];
/** Why the artifact service cannot be used here, or null when it can. */
function artifactServiceMissing(env) {
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((name) => !env[name]);
    return missing.length === 0
        ? null
        : `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set (the artifact service is there only inside a GitHub Actions JavaScript step)`;
}
/** `deploy-gate-report-<run id>-<attempt>`: a name is used once per run. */
function reportArtifactName(env) {
    return (0,_evidence_artifact_upload_js__WEBPACK_IMPORTED_MODULE_2__/* .artifactName */ .Cs)({
        runId: env.GITHUB_RUN_ID ?? 'local',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        job: env.GITHUB_JOB ?? '',
    }).replace(/^deploy-gate-audit/, _list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__/* .REPORT_ARTIFACT_PREFIX */ .pf);
}
async function uploadReport(options) {
    const skipped = artifactServiceMissing(options.env);
    if (skipped)
        return { skipped, report: null, ledger: null };
    const work = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(options.tempDir, 'deploy-gate-report-upload-'));
    const common = {
        redactor: options.redactor,
        ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
        ...(options.client ? { client: options.client } : {}),
    };
    try {
        // Only the three files: the report folder may be the audit folder of other steps too.
        const reportCopy = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(work, 'report');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(reportCopy);
        for (const file of REPORT_FILES)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(options.reportDir, file), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(reportCopy, file));
        const report = await (0,_evidence_artifact_upload_js__WEBPACK_IMPORTED_MODULE_2__/* .uploadEvidence */ .di)({
            ...common,
            dir: reportCopy,
            name: reportArtifactName(options.env),
            label: 'The report',
        });
        let ledger = null;
        if (options.ledger) {
            const ledgerDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(work, 'ledger');
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(ledgerDir);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(ledgerDir, _ledger_js__WEBPACK_IMPORTED_MODULE_3__/* .LEDGER_FILE */ .th), (0,_ledger_js__WEBPACK_IMPORTED_MODULE_3__/* .ledgerText */ .PK)(options.ledger, options.now));
            ledger = await (0,_evidence_artifact_upload_js__WEBPACK_IMPORTED_MODULE_2__/* .uploadEvidence */ .di)({
                ...common,
                dir: ledgerDir,
                name: _list_artifacts_js__WEBPACK_IMPORTED_MODULE_4__/* .LEDGER_ARTIFACT_NAME */ .H0,
                label: 'The report ledger',
            });
        }
        return { skipped: null, report, ledger };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(work, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 83303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ artifactLink),
/* harmony export */   u: () => (/* binding */ runLink)
/* harmony export */ });
/** Which URLs of a report may become links: only GitHub's own pages, built from numbers. */
/** Only a plain https URL (a GitHub run) becomes a link; anything else is shown as text. */
const runLink = (url) => typeof url === 'string' && /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9_.-]+)+$/.test(url);
/** An artifact's page: a run link that ends in GitHub's numbers, `/runs/<id>/artifacts/<id>`. */
const artifactLink = (url) => runLink(url) && /\/actions\/runs\/\d+\/artifacts\/\d+$/.test(url);


/***/ }),

/***/ 20013:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  XN: () => (/* binding */ RecordsError),
  MH: () => (/* binding */ readFacts),
  qi: () => (/* binding */ runReport)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/evidence/audit-schema.ts
var audit_schema = __webpack_require__(81004);
;// CONCATENATED MODULE: ./src/report/failing-reasons.ts
const TOP_REASONS = 10;
/** Most gates first; a tie goes to the reason seen last (latest gate), then by name. */
function topFailingReasons(facts, top = TOP_REASONS) {
    const byReason = new Map();
    for (const fact of facts) {
        for (const { reason, example } of fact.reasons) {
            const entry = byReason.get(reason) ?? {
                gates: 0,
                services: new Set(),
                example,
                latest: -Infinity,
            };
            entry.gates += 1;
            entry.services.add(fact.service);
            if (fact.endedAt >= entry.latest) {
                entry.latest = fact.endedAt;
                entry.example = example;
            }
            byReason.set(reason, entry);
        }
    }
    return [...byReason]
        .sort(([a, x], [b, y]) => y.gates - x.gates || y.latest - x.latest || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, top)
        .map(([reason, e]) => ({
        reason,
        gates: e.gates,
        services: [...e.services].sort(),
        example: e.example,
    }));
}

;// CONCATENATED MODULE: ./src/report/order-stats.ts
/** Order statistics of the report's durations, as the README defines them. */
/** The conventional median: the middle value, or the mean of the two middle values. */
function median(values) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
        ? sorted[mid]
        : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** Nearest rank: the smallest value with at least p % of the values at or below it. */
function nearestRank(values, p) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

;// CONCATENATED MODULE: ./src/report/incidents.ts
/**
 * Incidents between deploys, from the incident issues monitor mode opened (no I/O). Separate from
 * the gates' time to restore: a gate measures a failed release to its rollback or the next
 * healthy gate; an incident issue measures an SLO alert between deploys to its close.
 *
 * Per window (ending when the report runs, a date in it when `from < date <= to`):
 *   opened            incidents whose start is in the window
 *   resolved          incidents closed as completed (the monitor's close) in the window
 *   still_open        of those opened in the window, the ones open when the report ran
 *   closed_unresolved incidents closed in the window for another reason (not planned, duplicate)
 *   time to restore   for each resolved one, start to close; median and p90 (nearest rank)
 * The start is the marker's `since` (when the alert fired), or the issue's creation when the
 * marker has none or names a later time.
 */

const iso = (ms) => new Date(ms).toISOString();
const seconds = (ms) => (ms === null ? null : Math.round(ms) / 1000);
const inWindow = (w, at) => at !== null && at > w.from && at <= w.to;
function incidentStats(issues, w) {
    const opened = issues.filter((i) => inWindow(w, i.startedAt));
    const resolved = issues.filter((i) => i.outcome === 'restored' && inWindow(w, i.closedAt));
    const restoreMs = resolved.map((i) => Math.max(0, i.closedAt - i.startedAt));
    return {
        opened: opened.length,
        resolved: resolved.length,
        still_open: opened.filter((i) => i.outcome === 'open').length,
        closed_unresolved: issues.filter((i) => i.outcome === 'closed unresolved' && inWindow(w, i.closedAt)).length,
        time_to_restore_seconds: {
            median: seconds(median(restoreMs)),
            p90: seconds(nearestRank(restoreMs, 90)),
        },
    };
}
const anything = (s) => s.opened + s.resolved + s.still_open + s.closed_unresolved > 0;
function incidentSection(read, windows) {
    const period = windows.at(-1);
    const services = [...new Set(read.issues.map((i) => i.service))].sort();
    // The incidents the period shows: started or closed in it, or open now.
    const shown = read.issues.filter((i) => i.outcome === 'open' ||
        (period !== undefined && (inWindow(period, i.startedAt) || inWindow(period, i.closedAt))));
    const c = read.counts;
    return {
        repository: read.repository,
        warning: read.warning,
        listed: c.listed,
        counted: read.issues.length,
        skipped: {
            pull_requests: c.pullRequests,
            without_marker: c.withoutMarker,
            bad_marker: c.badMarker,
            malformed: c.malformed,
        },
        truncated: c.truncated,
        windows: windows.map((w) => ({
            window: w.name,
            overall: incidentStats(read.issues, w),
            services: services
                .map((service) => ({
                service,
                ...incidentStats(read.issues.filter((i) => i.service === service), w),
            }))
                .filter(anything),
        })),
        incidents: shown.map((i) => ({
            number: i.number,
            url: i.url,
            service: i.service,
            slo: i.slo,
            started_at: iso(i.startedAt),
            start_from: i.startFrom,
            closed_at: i.closedAt === null ? null : iso(i.closedAt),
            outcome: i.outcome,
            restore_seconds: i.outcome === 'restored' && i.closedAt !== null
                ? seconds(Math.max(0, i.closedAt - i.startedAt))
                : null,
        })),
    };
}

;// CONCATENATED MODULE: ./src/report/monitor-counts.ts
function betweenDeploys(monitors, from, to, service) {
    let runs = 0;
    let probes = 0;
    let failed = 0;
    for (const run of monitors) {
        if (run.startedAt <= from || run.startedAt > to)
            continue;
        const counted = run.services.filter((s) => service === undefined || s.service === service);
        if (counted.length === 0)
            continue;
        runs += 1;
        for (const s of counted) {
            probes += s.probes;
            failed += s.failed;
        }
    }
    return {
        monitor_runs: runs,
        probes,
        failed,
        availability_percent: probes ? Math.round(((probes - failed) / probes) * 100_000) / 1000 : null,
    };
}
/** Every service a monitor run measured. */
const monitoredServices = (monitors) => new Set(monitors.flatMap((run) => run.services.map((s) => s.service)));

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var classic_iso = __webpack_require__(64377);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./src/report/report-schema.ts
/**
 * report.json: what the gates of a period proved, per service and for all. Published as
 * schema/report.schema.json (a test keeps the file equal to this schema).
 */


const REPORT_SCHEMA_VERSION = '1.0.0';
const report_schema_iso = () => classic_iso/* datetime */.w$().describe('UTC, ISO 8601');
const count = () => schemas/* number */.aig().int().min(0);
const report_schema_seconds = () => schemas/* number */.aig().min(0).nullable();
const betweenDeploysSchema = schemas/* strictObject */.rej({
    monitor_runs: count().describe('Monitor runs (mode: monitor) that started in the window'),
    probes: count().describe('The probes those runs counted'),
    failed: count(),
    availability_percent: schemas/* number */.aig()
        .min(0)
        .max(100)
        .nullable()
        .describe('(probes - failed) / probes * 100, 3 decimals; null without monitor probes'),
})
    .describe("Availability measured between deploys by scheduled monitor runs, next to the gates' sampled one");
const statsSchema = schemas/* strictObject */.rej({
    deployments: count().describe('Gates whose verdict falls in the window'),
    decided: count().describe('Gates with verdict healthy, unhealthy, rolled-back or rollback-failed'),
    failed: count().describe('Gates with verdict unhealthy, rolled-back or rollback-failed'),
    verdicts: schemas/* strictObject */.rej(Object.fromEntries(audit_schema/* VERDICTS */.bk.map((v) => [v, count()]))),
    change_failure_rate_percent: schemas/* number */.aig()
        .min(0)
        .max(100)
        .nullable()
        .describe('failed / decided * 100, 2 decimals; null when no gate was decided'),
    deployments_per_day: schemas/* number */.aig().min(0).describe('deployments / days in the window, 2 decimals'),
    rollbacks: count().describe('Gates whose rollback ran (dry runs not counted)'),
    rollbacks_verified: count().describe('Of those, rollbacks whose release passed the gate again'),
    time_to_restore_seconds: schemas/* strictObject */.rej({
        restored: count().describe('Failed gates restored (verified rollback or a later healthy gate)'),
        unrestored: count().describe('Failed gates with neither, so far'),
        median: report_schema_seconds(),
        p90: report_schema_seconds(),
        mean: report_schema_seconds(),
    }),
    time_to_verdict_seconds: schemas/* strictObject */.rej({ median: report_schema_seconds(), p90: report_schema_seconds() }),
    probes_sampled_around_deploys: schemas/* strictObject */.rej({
        attempts: count(),
        successes: count(),
        availability_percent: schemas/* number */.aig().min(0).max(100).nullable(),
        p95_ms_median: schemas/* number */.aig().min(0).nullable().describe("The median of the gates' own p95"),
        p95_ms_max: schemas/* number */.aig().min(0).nullable().describe('The highest p95 any gate measured'),
    }),
    between_deploys: betweenDeploysSchema,
});
const failingReasonSchema = schemas/* strictObject */.rej({
    reason: schemas/* string */.YjP()
        .describe('A failed rule (e.g. consecutive-failures, latency-p95), `metric <name>`, or the reason text of a failed gate that names neither; at most 120 characters'),
    gates: count().describe('Failed gates of the window with this reason (a gate counts once per reason)'),
    services: schemas/* array */.YOg(schemas/* string */.YjP()).describe('The services those gates judged'),
    example: schemas/* string */.YjP().describe("The latest such gate's own words, at most 200 characters"),
});
const windowSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().describe('24h, 7d or the period'),
    from: report_schema_iso(),
    to: report_schema_iso(),
    overall: statsSchema,
    services: schemas/* array */.YOg(schemas/* strictObject */.rej({ service: schemas/* string */.YjP() }).extend(statsSchema.shape)),
    failing_reasons: schemas/* array */.YOg(failingReasonSchema)
        .describe('The top 10 reasons of the failed gates in the window, most gates first'),
});
const COMPLIANCE_STATES = ['met', 'at risk', 'breached'];
const percent = () => schemas/* number */.aig().nullable();
const minutes = () => schemas/* number */.aig();
const timeBudgetSchema = schemas/* strictObject */.rej({
    objective_percent: schemas/* number */.aig()
        .describe('The availability target, else 100 minus the error_rate target'),
    budget_minutes: minutes().min(0).describe('Window minutes * (1 - objective / 100), 3 decimals'),
    consumed_minutes: minutes()
        .min(0)
        .describe("Minutes the service was failing as the gates saw it: from each failed gate's first failed probe (else its verdict) to its restore, unrestored ones to the window's end, overlaps once, clipped to the window"),
    remaining_minutes: minutes().describe('budget_minutes - consumed_minutes (negative: overspent)'),
    consumed_percent: percent().describe('consumed / budget * 100, 2 decimals; null when the budget is 0 minutes'),
    remaining_percent: percent().describe('100 - consumed_percent'),
    state: schemas/* enum */.k5n(COMPLIANCE_STATES)
        .describe('breached: more than the budget consumed; at risk: 75 % or more; else met'),
})
    .describe('The error budget in minutes of the window');
const eventBudgetSchema = schemas/* strictObject */.rej({
    objective_percent: schemas/* number */.aig(),
    source: schemas/* enum */.k5n(['monitor runs', 'gate probes'])
        .describe('monitor runs: the probes of monitor runs that started in the window (used whenever there are any); gate probes: the probes of the gates, sampled around deploys'),
    total: count().describe('The probes of the service in the window, from `source`'),
    failed: count(),
    remaining_percent: percent().describe('((1 - objective) - failed / total) / (1 - objective) * 100, 2 decimals (counts over the whole window); null without probes or with a 100 % objective'),
})
    .describe('The error budget by probe counts');
const targetResultSchema = schemas/* strictObject */.rej({
    target: schemas/* string */.YjP()
        .describe('availability, error_rate, or the latency key as written (response_time_p95)'),
    objective: schemas/* string */.YjP().describe('What the config asks, e.g. ">= 99.9 %", "< 500 ms"'),
    measured: schemas/* number */.aig()
        .nullable()
        .describe("availability / error_rate: percent of the probes event_budget counts (monitor runs' when there are any, else the gates', sampled around deploys); latency: the median of the gates' own percentile, ms"),
    worst: schemas/* number */.aig().nullable().describe('Latency: the highest percentile any gate measured, ms'),
    gates_over: count().nullable().describe('Latency: gates whose percentile was above the limit'),
    budget_consumed_percent: percent().describe('availability / error_rate: observed error ratio / tolerated error ratio * 100, 2 decimals'),
    state: schemas/* enum */.k5n([...COMPLIANCE_STATES, 'not measured'])
        .describe('availability / error_rate: breached above 100 % of the budget consumed, at risk from 75 %; latency: breached when the median gate is over the limit, at risk when any gate is; not measured: no probes, or a percentile the gates do not record (they record p50, p95, p99)'),
});
const sloWindowSchema = schemas/* strictObject */.rej({
    window: schemas/* string */.YjP().describe('24h, 7d or the period'),
    gates: count().describe('Gates of the service whose verdict falls in the window'),
    state: schemas/* enum */.k5n([...COMPLIANCE_STATES, 'no gates in window', 'no targets'])
        .describe('The worst state of the budget and every target'),
    budget: timeBudgetSchema.nullable().describe('null without an availability or error_rate target'),
    event_budget: eventBudgetSchema.nullable(),
    targets: schemas/* array */.YOg(targetResultSchema),
});
const sloServiceSchema = schemas/* strictObject */.rej({
    service: schemas/* string */.YjP(),
    in_config: schemas/* boolean */.zMY().describe('false: the records name a service the config file does not'),
    targets: schemas/* strictObject */.rej({
        availability_percent: schemas/* number */.aig().nullable(),
        error_rate_percent: schemas/* number */.aig().nullable(),
        latency: schemas/* array */.YOg(schemas/* strictObject */.rej({ key: schemas/* string */.YjP(), percentile: schemas/* number */.aig(), limit_ms: schemas/* number */.aig() })),
    })
        .nullable()
        .describe('slo_targets from the config file; null when it gives none for the service'),
    windows: schemas/* array */.YOg(sloWindowSchema),
    burn_down: schemas/* array */.YOg(schemas/* strictObject */.rej({
        date: schemas/* string */.YjP().describe('UTC day'),
        consumed_minutes: minutes().min(0).describe('From the period start to the end of that day'),
        remaining_minutes: minutes(),
        remaining_percent: percent(),
    }))
        .describe("The period's time budget, per UTC day; empty without a budget"),
});
const sloSchema = schemas/* strictObject */.rej({
    config: schemas/* string */.YjP().describe('The config file the targets came from'),
    services: schemas/* array */.YOg(sloServiceSchema),
})
    .nullable()
    .describe('Compliance and error budgets; null without the config input');
const restoreSchema = schemas/* strictObject */.rej({
    service: schemas/* string */.YjP(),
    record: schemas/* string */.YjP().describe('The failed gate\'s folder, relative to "records"'),
    verdict: schemas/* enum */.k5n(audit_schema/* VERDICTS */.bk),
    failed_at: report_schema_iso().describe('The first failed probe of the release, else the verdict'),
    restored_at: report_schema_iso().nullable(),
    seconds: report_schema_seconds(),
    via: schemas/* enum */.k5n(['rollback', 'next-healthy-gate']).nullable(),
    run_url: schemas/* string */.YjP().nullable(),
    artifact_url: schemas/* string */.YjP()
        .nullable()
        .optional()
        .describe("The gate's artifact, when the record was read from this repository's artifacts; built from GitHub's run and artifact ids only"),
});
const incidentStatsSchema = schemas/* strictObject */.rej({
    opened: count().describe('Incidents whose start falls in the window'),
    resolved: count().describe('Incidents closed as completed (the monitor resolved them) in the window'),
    still_open: count().describe('Of the incidents opened in the window, those open when the report ran'),
    closed_unresolved: count().describe('Incidents closed in the window for another reason (not planned, duplicate): no time to restore'),
    time_to_restore_seconds: schemas/* strictObject */.rej({ median: report_schema_seconds(), p90: report_schema_seconds() })
        .describe('Start to close of each incident resolved in the window; p90 by nearest rank'),
});
const incidentIssuesSchema = schemas/* strictObject */.rej({
    repository: schemas/* string */.YjP().describe('owner/repo whose issues were listed'),
    warning: schemas/* string */.YjP()
        .nullable()
        .describe('Why the issues could not be listed (then nothing below is counted); null when they were'),
    listed: count().describe('Items GitHub listed with the label `incident`, updated since the period start, pull requests included'),
    counted: count().describe('Of those, issues whose body starts with the incident marker'),
    skipped: schemas/* strictObject */.rej({
        pull_requests: count(),
        without_marker: count().describe('No marker as the first line of the body'),
        bad_marker: count().describe('A marker naming a service or SLO monitor mode never writes'),
        malformed: count().describe('Fields GitHub gives missing or not dates'),
    }),
    truncated: schemas/* boolean */.zMY().describe('true: more pages than the report reads (1,000 issues)'),
    windows: schemas/* array */.YOg(schemas/* strictObject */.rej({
        window: schemas/* string */.YjP().describe('24h, 7d or the period'),
        overall: incidentStatsSchema,
        services: schemas/* array */.YOg(schemas/* strictObject */.rej({ service: schemas/* string */.YjP() }).extend(incidentStatsSchema.shape)),
    })),
    incidents: schemas/* array */.YOg(schemas/* strictObject */.rej({
        number: schemas/* number */.aig().int().positive(),
        url: schemas/* string */.YjP()
            .nullable()
            .describe('https://<server host>/<owner>/<repo>/issues/<number>, built from the number'),
        service: schemas/* string */.YjP(),
        slo: schemas/* string */.YjP().describe('availability, or a latency objective such as p95<500ms'),
        started_at: report_schema_iso().describe("The marker's since, else the issue's creation"),
        start_from: schemas/* enum */.k5n(['marker', 'issue created']),
        closed_at: report_schema_iso().nullable(),
        outcome: schemas/* enum */.k5n(['open', 'restored', 'closed unresolved']),
        restore_seconds: report_schema_seconds().describe('closed_at - started_at for a restored incident'),
    }))
        .describe('Incidents started or closed in the period, and every open one listed'),
})
    .nullable()
    .describe("Incidents between deploys, from monitor mode's incident issues; a time to restore separate from the gates'. null when the issues were not read (no github-token or no GITHUB_REPOSITORY)");
const reportSchema = schemas/* strictObject */.rej({
    schema_version: schemas/* literal */.euz(REPORT_SCHEMA_VERSION),
    generated_at: report_schema_iso(),
    period: schemas/* string */.YjP(),
    records: schemas/* strictObject */.rej({
        found: count().describe('Folders holding an audit.json (a gate) or a monitor.json (a monitor run)'),
        counted: count().describe('Gate records counted as deployments'),
        duplicates: count().describe('Same deployment id, service and start seen again: counted once'),
        monitor_runs: count().describe('Verified monitor runs read: availability between deploys, never counted as deployments'),
        failed_checksum: schemas/* array */.YOg(schemas/* strictObject */.rej({ path: schemas/* string */.YjP(), detail: schemas/* string */.YjP() })),
        skipped: schemas/* array */.YOg(schemas/* strictObject */.rej({ path: schemas/* string */.YjP(), reason: schemas/* string */.YjP() })),
    }),
    windows: schemas/* array */.YOg(windowSchema),
    days: schemas/* array */.YOg(schemas/* strictObject */.rej({ date: schemas/* string */.YjP(), deployments: count(), failed: count() }))
        .describe('The period, per UTC day, all services'),
    restores: schemas/* array */.YOg(restoreSchema).describe('Every failed gate of the period'),
    slo: sloSchema,
    incident_issues: incidentIssuesSchema,
})
    .meta({
    title: 'deploy-gate report',
    description: 'report.json written by deploy-gate mode: report',
});
function reportJsonSchemaText() {
    return `${JSON.stringify(z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }), null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/report/slo.ts

const AT_RISK_CONSUMED_PERCENT = 75;
const MINUTE = 60_000;
const DAY = 86_400_000;
const round = (value, digits) => {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
};
function stateOf(consumedPercent, overspent) {
    if (overspent)
        return 'breached';
    if (consumedPercent !== null && consumedPercent >= AT_RISK_CONSUMED_PERCENT)
        return 'at risk';
    return 'met';
}
const RANK = { met: 0, 'at risk': 1, breached: 2 };
/** [start, end) spans the service was failing as the gates saw it, merged; end may be Infinity. */
function downtimeSpans(restores) {
    const spans = restores
        .map((r) => [
        Date.parse(r.failed_at),
        r.restored_at === null ? Infinity : Date.parse(r.restored_at),
    ])
        .sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const [start, end] of spans) {
        const last = merged.at(-1);
        if (last && start <= last[1])
            last[1] = Math.max(last[1], end);
        else
            merged.push([start, end]);
    }
    return merged;
}
/** Milliseconds of the spans inside [from, to]. */
function downtimeWithin(spans, from, to) {
    let ms = 0;
    for (const [start, end] of spans)
        ms += Math.max(0, Math.min(end, to) - Math.max(start, from));
    return ms;
}
/** The availability objective the budgets use: availability, else 100 − error_rate (as the gate). */
function objectiveOf(targets) {
    if (targets.availability !== undefined)
        return targets.availability;
    return targets.errorRate === undefined ? undefined : 100 - targets.errorRate;
}
function timeBudget(objective, spans, w) {
    const budgetMs = (w.to - w.from) * ((100 - objective) / 100);
    const consumedMs = downtimeWithin(spans, w.from, w.to);
    const consumedPercent = budgetMs > 0 ? round((consumedMs / budgetMs) * 100, 2) : null;
    return {
        objective_percent: objective,
        budget_minutes: round(budgetMs / MINUTE, 3),
        consumed_minutes: round(consumedMs / MINUTE, 3),
        remaining_minutes: round((budgetMs - consumedMs) / MINUTE, 3),
        consumed_percent: consumedPercent,
        remaining_percent: consumedPercent === null ? null : round(100 - consumedPercent, 2),
        state: stateOf(consumedPercent, consumedMs > budgetMs),
    };
}
/** Observed error ratio against the tolerated one (both in percent). */
function ratioTarget(target, objective, measured, observedErrorPercent, toleratedPercent) {
    const consumed = observedErrorPercent === null || toleratedPercent <= 0
        ? null
        : round((observedErrorPercent / toleratedPercent) * 100, 2);
    const overspent = observedErrorPercent !== null && observedErrorPercent > toleratedPercent;
    return {
        target,
        objective,
        measured,
        worst: null,
        gates_over: null,
        budget_consumed_percent: consumed,
        state: observedErrorPercent === null ? 'not measured' : stateOf(consumed, overspent),
    };
}
/** The median of the gates' own pNN against the limit; only p50, p95 and p99 are recorded. */
function latencyTarget(facts, target) {
    const field = { 50: 'p50', 95: 'p95', 99: 'p99' }[target.percentile];
    const values = field
        ? facts.map((f) => f.latencyMs[field]).filter((v) => v !== null)
        : [];
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length
        ? sorted.length % 2
            ? sorted[mid]
            : (sorted[mid - 1] + sorted[mid]) / 2
        : null;
    const over = values.filter((v) => v > target.limitMs).length;
    return {
        target: target.key,
        objective: `< ${target.limitMs} ms`,
        measured: median,
        worst: sorted.length ? sorted.at(-1) : null,
        gates_over: field ? over : null,
        budget_consumed_percent: null,
        state: median === null
            ? 'not measured'
            : median > target.limitMs
                ? 'breached'
                : over > 0
                    ? 'at risk'
                    : 'met',
    };
}
function serviceWindow(targets, facts, monitors, service, spans, w) {
    const inWindow = facts.filter((f) => f.endedAt > w.from && f.endedAt <= w.to);
    if (!targets)
        return {
            window: w.name,
            gates: inWindow.length,
            state: 'no targets',
            budget: null,
            event_budget: null,
            targets: [],
        };
    const monitored = betweenDeploys(monitors, w.from, w.to, service);
    const fromMonitor = monitored.probes > 0;
    const gateTotal = inWindow.reduce((sum, f) => sum + f.attempts, 0);
    const total = fromMonitor ? monitored.probes : gateTotal;
    const failed = fromMonitor
        ? monitored.failed
        : gateTotal - inWindow.reduce((sum, f) => sum + f.successes, 0);
    const errorPercent = total ? (failed / total) * 100 : null;
    const objective = objectiveOf(targets);
    const budget = objective === undefined ? null : timeBudget(objective, spans, w);
    const allowed = objective === undefined ? 0 : 100 - objective;
    const results = [];
    if (targets.availability !== undefined)
        results.push(ratioTarget('availability', `>= ${targets.availability} %`, errorPercent === null ? null : round(100 - errorPercent, 3), errorPercent, 100 - targets.availability));
    if (targets.errorRate !== undefined)
        results.push(ratioTarget('error_rate', `<= ${targets.errorRate} %`, errorPercent === null ? null : round(errorPercent, 3), errorPercent, targets.errorRate));
    for (const latency of targets.latency)
        results.push(latencyTarget(inWindow, latency));
    const states = [budget?.state, ...results.map((r) => r.state)].filter((s) => s !== undefined && s in RANK);
    const worst = states.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'met');
    return {
        window: w.name,
        gates: inWindow.length,
        state: inWindow.length === 0 && !fromMonitor && worst === 'met' ? 'no gates in window' : worst,
        budget,
        event_budget: objective === undefined
            ? null
            : {
                objective_percent: objective,
                source: fromMonitor ? 'monitor runs' : 'gate probes',
                total,
                failed,
                remaining_percent: total && allowed > 0
                    ? round(((allowed / 100 - failed / total) / (allowed / 100)) * 100, 2)
                    : null,
            },
        targets: results,
    };
}
/** The period's minute budget at the end of each UTC day (the last day ends now). */
function burnDown(targets, spans, period, days) {
    const objective = targets ? objectiveOf(targets) : undefined;
    if (objective === undefined)
        return [];
    const budgetMs = (period.to - period.from) * ((100 - objective) / 100);
    return days.map((date) => {
        const end = Math.min(Date.parse(`${date}T00:00:00.000Z`) + DAY, period.to);
        const consumedMs = downtimeWithin(spans, period.from, Math.max(period.from, end));
        const consumedPercent = budgetMs > 0 ? (consumedMs / budgetMs) * 100 : null;
        return {
            date,
            consumed_minutes: round(consumedMs / MINUTE, 3),
            remaining_minutes: round((budgetMs - consumedMs) / MINUTE, 3),
            remaining_percent: consumedPercent === null ? null : round(100 - consumedPercent, 2),
        };
    });
}
/**
 * Every service of the config file and of the records. `windows` end with the period; `days`
 * are the period's UTC days; `restores` are every failed gate's restore (any time: a failure
 * before a window that lasts into it spends that window's budget too).
 */
function sloSection(config, facts, monitors, restores, windows, days) {
    const names = [
        ...new Set([
            ...config.services.keys(),
            ...facts.map((f) => f.service),
            ...monitors.flatMap((m) => m.services.map((s) => s.service)),
        ]),
    ].sort();
    const period = windows.at(-1);
    return {
        config: config.file,
        services: names.map((service) => {
            const targets = config.services.get(service) ?? null;
            const own = facts.filter((f) => f.service === service);
            const spans = downtimeSpans(restores.filter((r) => r.service === service));
            return {
                service,
                in_config: config.services.has(service),
                targets: targets && {
                    availability_percent: targets.availability ?? null,
                    error_rate_percent: targets.errorRate ?? null,
                    latency: targets.latency.map((l) => ({
                        key: l.key,
                        percentile: l.percentile,
                        limit_ms: l.limitMs,
                    })),
                },
                windows: windows.map((w) => serviceWindow(targets, own, monitors, service, spans, w)),
                burn_down: burnDown(targets, spans, period, days),
            };
        }),
    };
}

;// CONCATENATED MODULE: ./src/report/aggregate.ts
/**
 * The numbers of the report, from gate facts alone (no I/O): per window (24 h, 7 d, the
 * period), for all services and each one. Every definition here is the README's, word for word.
 */







const HOUR = 3_600_000;
const aggregate_DAY = 24 * HOUR;
const FAILED = new Set(['unhealthy', 'rolled-back', 'rollback-failed']);
const DECIDED = new Set([...FAILED, 'healthy']);
const aggregate_round = (value, digits) => {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
};
const mean = (values) => values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
const secondsOrNull = (ms) => (ms === null ? null : aggregate_round(ms / 1000, 3));
/** When a failed gate's service was restored: its verified rollback, else the next healthy gate. */
function restoresOf(facts) {
    const byService = new Map();
    for (const fact of facts) {
        const list = byService.get(fact.service) ?? [];
        list.push(fact);
        byService.set(fact.service, list);
    }
    const restores = new Map();
    for (const list of byService.values()) {
        list.sort((a, b) => a.startedAt - b.startedAt || a.endedAt - b.endedAt);
        list.forEach((fact, index) => {
            if (!FAILED.has(fact.verdict))
                return;
            const failedAt = fact.firstFailureAt ?? fact.endedAt;
            let restoredAt = null;
            let via = null;
            if (fact.rollbackVerified) {
                restoredAt = fact.endedAt;
                via = 'rollback';
            }
            else {
                const next = list.slice(index + 1).find((later) => later.verdict === 'healthy');
                if (next) {
                    restoredAt = next.endedAt;
                    via = 'next-healthy-gate';
                }
            }
            restores.set(fact, {
                service: fact.service,
                record: fact.path,
                verdict: fact.verdict,
                failed_at: new Date(failedAt).toISOString(),
                restored_at: restoredAt === null ? null : new Date(restoredAt).toISOString(),
                seconds: restoredAt === null ? null : aggregate_round(Math.max(0, restoredAt - failedAt) / 1000, 3),
                via,
                run_url: fact.runUrl,
                artifact_url: fact.artifactUrl ?? null,
            });
        });
    }
    return restores;
}
function stats(facts, restores, windowMs, between) {
    const verdicts = Object.fromEntries(audit_schema/* VERDICTS */.bk.map((v) => [v, 0]));
    for (const fact of facts)
        verdicts[fact.verdict] += 1;
    const decided = facts.filter((f) => DECIDED.has(f.verdict)).length;
    const failedFacts = facts.filter((f) => FAILED.has(f.verdict));
    const restoreMs = failedFacts
        .map((f) => restores.get(f)?.seconds)
        .filter((s) => typeof s === 'number')
        .map((s) => s * 1000);
    const verdictMs = facts.map((f) => Math.max(0, f.endedAt - f.startedAt));
    const attempts = facts.reduce((sum, f) => sum + f.attempts, 0);
    const successes = facts.reduce((sum, f) => sum + f.successes, 0);
    const p95s = facts.map((f) => f.p95Ms).filter((p) => p !== null);
    const rolled = facts.filter((f) => f.rollbackTriggered && !f.dryRun);
    return {
        deployments: facts.length,
        decided,
        failed: failedFacts.length,
        verdicts,
        change_failure_rate_percent: decided ? aggregate_round((failedFacts.length / decided) * 100, 2) : null,
        deployments_per_day: aggregate_round(facts.length / (windowMs / aggregate_DAY), 2),
        rollbacks: rolled.length,
        rollbacks_verified: rolled.filter((f) => f.rollbackVerified).length,
        time_to_restore_seconds: {
            restored: restoreMs.length,
            unrestored: failedFacts.length - restoreMs.length,
            median: secondsOrNull(median(restoreMs)),
            p90: secondsOrNull(nearestRank(restoreMs, 90)),
            mean: secondsOrNull(mean(restoreMs)),
        },
        time_to_verdict_seconds: {
            median: secondsOrNull(median(verdictMs)),
            p90: secondsOrNull(nearestRank(verdictMs, 90)),
        },
        probes_sampled_around_deploys: {
            attempts,
            successes,
            availability_percent: attempts ? aggregate_round((successes / attempts) * 100, 3) : null,
            p95_ms_median: median(p95s),
            p95_ms_max: p95s.length ? Math.max(...p95s) : null,
        },
        between_deploys: between,
    };
}
/** Counts each gate once: the same deployment id, service and start seen again is a copy. */
function dedupe(facts) {
    const seen = new Set();
    const unique = [];
    for (const fact of facts) {
        const key = `${fact.deploymentId}\u0000${fact.service}\u0000${fact.startedAt}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        unique.push(fact);
    }
    return { unique, duplicates: facts.length - unique.length };
}
function aggregate(allFacts, options) {
    const { now } = options;
    const monitors = options.monitors ?? [];
    const restores = restoresOf(allFacts);
    const windowList = [
        { name: '24h', ms: aggregate_DAY },
        { name: '7d', ms: 7 * aggregate_DAY },
        { name: options.periodLabel, ms: options.periodMs },
    ]
        .filter((w, i, all) => all.findIndex((o) => o.ms === w.ms) === i)
        .sort((a, b) => a.ms - b.ms);
    const inWindow = (ms) => (f) => f.endedAt > now - ms && f.endedAt <= now;
    const services = [
        ...new Set([...allFacts.map((f) => f.service), ...monitoredServices(monitors)]),
    ].sort();
    const windows = windowList.map((w) => {
        const facts = allFacts.filter(inWindow(w.ms));
        const between = (service) => betweenDeploys(monitors, now - w.ms, now, service);
        return {
            name: w.name,
            from: new Date(now - w.ms).toISOString(),
            to: new Date(now).toISOString(),
            overall: stats(facts, restores, w.ms, between()),
            services: services
                .map((service) => ({
                service,
                ...stats(facts.filter((f) => f.service === service), restores, w.ms, between(service)),
            }))
                .filter((s) => s.deployments > 0 || s.between_deploys.monitor_runs > 0),
            failing_reasons: topFailingReasons(facts),
        };
    });
    const periodFacts = allFacts
        .filter(inWindow(options.periodMs))
        .sort((a, b) => a.endedAt - b.endedAt);
    const days = new Map();
    const firstDay = Math.floor((now - options.periodMs) / aggregate_DAY) * aggregate_DAY;
    for (let day = firstDay; day <= now; day += aggregate_DAY) {
        const date = new Date(day).toISOString().slice(0, 10);
        days.set(date, { date, deployments: 0, failed: 0 });
    }
    for (const fact of periodFacts) {
        const entry = days.get(new Date(fact.endedAt).toISOString().slice(0, 10));
        if (!entry)
            continue;
        entry.deployments += 1;
        if (FAILED.has(fact.verdict))
            entry.failed += 1;
    }
    return {
        schema_version: REPORT_SCHEMA_VERSION,
        generated_at: new Date(now).toISOString(),
        period: options.periodLabel,
        records: options.records,
        windows,
        days: [...days.values()],
        restores: periodFacts.map((f) => restores.get(f)).filter((r) => r !== undefined),
        slo: options.slo
            ? sloSection(options.slo, allFacts, monitors, [...restores.values()], windowList.map((w) => ({ name: w.name, from: now - w.ms, to: now })), [...days.keys()])
            : null,
        incident_issues: options.incidents
            ? incidentSection(options.incidents, windowList.map((w) => ({ name: w.name, from: now - w.ms, to: now })))
            : null,
    };
}

// EXTERNAL MODULE: ./src/evidence/layout.ts
var layout = __webpack_require__(94115);
// EXTERNAL MODULE: ./src/evidence/list-files.ts
var list_files = __webpack_require__(82611);
// EXTERNAL MODULE: ./src/monitor/monitor-record.ts
var monitor_record = __webpack_require__(46932);
;// CONCATENATED MODULE: ./src/report/find-records.ts
/**
 * Finds record folders under a root, at any depth: a gate's (it holds an audit.json) or a monitor
 * run's (a monitor.json). Yields them one at a time (a year of gates is thousands of folders);
 * symlinks are never followed.
 */





async function* findRecordFolders(root, relative = '') {
    const dir = await (0,promises_.opendir)(relative === '' ? root : (0,external_node_path_.join)(root, ...relative.split('/')));
    const subfolders = [];
    let kind = null;
    for await (const entry of dir) {
        if (entry.isDirectory())
            subfolders.push(entry.name);
        else if (!entry.isFile())
            continue;
        else if (entry.name === layout/* EVIDENCE_FILES */.o.audit)
            kind = 'gate';
        else if (entry.name === monitor_record/* MONITOR_RECORD_FILE */.EQ && kind === null)
            kind = 'monitor';
    }
    if (kind)
        yield { path: relative, kind };
    for (const name of subfolders.sort(list_files/* compareBytes */.X))
        yield* findRecordFolders(root, relative === '' ? name : `${relative}/${name}`);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
// EXTERNAL MODULE: ./src/evidence/error-text.ts
var error_text = __webpack_require__(35343);
;// CONCATENATED MODULE: ./src/report/read-monitor.ts
/**
 * A monitor run's folder (monitor.json, sealed like a gate's) to what the report counts: per
 * service, the probes the run counted and how many failed. Never a deployment: these are the
 * SLO's evidence between deploys.
 */



async function readMonitorRecord(path, text) {
    let json;
    try {
        json = JSON.parse((await text(monitor_record/* MONITOR_RECORD_FILE */.EQ)) ?? '');
    }
    catch (error) {
        return { kind: 'skipped', path, reason: `monitor.json is not JSON: ${(0,error_text/* errorText */.k)(error)}` };
    }
    const version = typeof json === 'object' && json !== null && 'schema_version' in json
        ? String(json.schema_version)
        : 'none';
    if (!(0,monitor_record/* readsMonitorVersion */.op)(version))
        return {
            kind: 'skipped',
            path,
            reason: `monitor schema version ${version} (this report reads ${monitor_record/* MONITOR_SCHEMA_VERSIONS */.NV.join(', ')})`,
        };
    const parsed = monitor_record/* monitorRecordSchema */.hd.safeParse(json);
    if (!parsed.success)
        return { kind: 'skipped', path, reason: schemaMismatch('monitor.json', version, parsed.error) };
    const record = parsed.data;
    return {
        kind: 'monitor',
        fact: {
            path,
            startedAt: Date.parse(record.started_at),
            endedAt: Date.parse(record.ended_at),
            runUrl: record.run_url,
            services: record.services.map((s) => ({
                service: s.service,
                probes: s.probes,
                failed: Math.min(s.failed, s.probes),
            })),
        },
    };
}

// EXTERNAL MODULE: ./src/evidence/seal.ts
var seal = __webpack_require__(10500);
;// CONCATENATED MODULE: ./src/report/verify-folder.ts
/**
 * A record folder verified against its SHA256SUMS with each file read once (seal.ts
 * verifyEvidenceReading): the record files the report parses come back as the bytes that were
 * hashed. Only a file over MAX_HELD_BYTES is hashed by stream and left for the reader to stream.
 */





/** Above this a file is streamed, not held: memory stays bounded whatever a record holds. */
const MAX_HELD_BYTES = 1024 * 1024;
const PARSED = new Set([layout/* EVIDENCE_FILES */.o.audit, layout/* EVIDENCE_FILES */.o.probes, monitor_record/* MONITOR_RECORD_FILE */.EQ]);
async function verifyFolder(dir) {
    const verified = await (0,seal/* verifyEvidenceReading */.RF)(dir, { keep: PARSED, maxBytes: MAX_HELD_BYTES });
    if (!verified.ok) {
        const first = verified.mismatches[0];
        const more = verified.mismatches.length - 1;
        return {
            ok: false,
            detail: first
                ? `${first.kind} ${first.path}${more > 0 ? ` (and ${more} more)` : ''}`
                : 'unverified',
        };
    }
    const { contents } = verified;
    return {
        ok: true,
        contents,
        text: async (file) => {
            const held = contents.get(file);
            if (held)
                return held.toString('utf8');
            return (0,promises_.readFile)((0,external_node_path_.join)(dir, file), 'utf8').catch(() => null);
        },
    };
}

;// CONCATENATED MODULE: ./src/report/read-record.ts
/**
 * One audit folder to the few facts the report needs. Each file is read once: hashed against
 * SHA256SUMS (verify-folder.ts), and the very bytes verified of audit.json and probes.ndjson are
 * parsed (audit.json with the schema of its version, probes.ndjson scanned for the time of the
 * first failed probe; no line is kept). A folder that fails is returned as such, never thrown.
 */








const FAILED_VERDICTS = new Set([
    'unhealthy',
    'rolled-back',
    'rollback-failed',
]);
/** Record text is outside text: a reason is kept short, whatever a record holds. */
const MAX_REASON_CHARS = 120;
const MAX_EXAMPLE_CHARS = 200;
const MAX_REASONS_PER_GATE = 8;
const cap = (text, max) => text.length <= max ? text : `${text.slice(0, max - 1)}…`;
/**
 * The failed rules (`consecutive-failures`, `latency-p95`, …) and failed metric queries
 * (`metric <name>`), each once; a failed gate with neither is counted under its reason text.
 */
function failureReasons(record) {
    if (!FAILED_VERDICTS.has(record.verdict))
        return [];
    const found = new Map();
    for (const rule of record.rules)
        if (rule.outcome === 'fail' && !found.has(rule.rule))
            found.set(rule.rule, rule.message);
    for (const query of record.metrics?.queries ?? [])
        if (query.outcome === 'fail' && !found.has(`metric ${query.name}`))
            found.set(`metric ${query.name}`, query.message);
    if (found.size === 0)
        found.set(record.reason, record.reason);
    return [...found].slice(0, MAX_REASONS_PER_GATE).map(([reason, example]) => ({
        reason: cap(reason.replace(/\s+/g, ' ').trim(), MAX_REASON_CHARS),
        example: cap(example.replace(/\s+/g, ' ').trim(), MAX_EXAMPLE_CHARS),
    }));
}
/** Reads a gate's folder, or with `kind: 'monitor'` a monitor run's (read-monitor.ts). */
async function readRecord(root, relative, kind = 'gate') {
    const path = relative === '' ? '.' : relative;
    const dir = relative === '' ? root : (0,external_node_path_.join)(root, ...relative.split('/'));
    const verified = await verifyFolder(dir);
    if (!verified.ok)
        return { kind: 'failed-checksum', path, detail: verified.detail };
    if (kind === 'monitor')
        return readMonitorRecord(path, verified.text);
    let json;
    try {
        json = JSON.parse((await verified.text(layout/* EVIDENCE_FILES */.o.audit)) ?? '');
    }
    catch (error) {
        return { kind: 'skipped', path, reason: `audit.json is not JSON: ${(0,error_text/* errorText */.k)(error)}` };
    }
    const version = typeof json === 'object' && json !== null && 'schema_version' in json
        ? String(json.schema_version)
        : 'none';
    if (!(0,audit_schema/* readsAuditVersion */.vS)(version)) {
        return {
            kind: 'skipped',
            path,
            reason: `schema version ${version} (this report reads ${audit_schema/* AUDIT_SCHEMA_VERSIONS */.Sx.join(', ')})`,
        };
    }
    const parsed = audit_schema/* auditRecordSchema */.E6.safeParse(json);
    if (!parsed.success)
        return { kind: 'skipped', path, reason: schemaMismatch('audit.json', version, parsed.error) };
    const record = parsed.data;
    return {
        kind: 'fact',
        fact: {
            path,
            service: record.service.name,
            verdict: record.verdict,
            startedAt: Date.parse(record.started_at),
            endedAt: Date.parse(record.ended_at),
            firstFailureAt: await firstFailedProbe(verified.contents.get(layout/* EVIDENCE_FILES */.o.probes), dir),
            dryRun: record.dry_run === true,
            rollbackTriggered: record.rollback?.triggered === true,
            rollbackVerified: record.rollback?.verified === true,
            attempts: record.health_checks.attempts,
            successes: record.health_checks.success_count,
            p95Ms: record.health_checks.latency_ms.p95,
            latencyMs: { ...record.health_checks.latency_ms },
            reasons: failureReasons(record),
            runUrl: record.deployment.run_url,
            deploymentId: record.deployment.id,
        },
    };
}
/** The probe line's time when it is a failed probe of the release under test, else null. */
function failedReleaseProbe(line) {
    if (!line.includes('"ok":false'))
        return null;
    try {
        const probe = JSON.parse(line);
        if (probe.ok !== false || probe.run !== 'release' || typeof probe.time !== 'string')
            return null;
        const at = Date.parse(probe.time);
        return Number.isFinite(at) ? at : null;
    }
    catch {
        return null; // A line that is not JSON is not evidence of a failure.
    }
}
/**
 * The earliest `time` of a failed probe of the release under test: from the verified bytes, or
 * (a file too large to hold, see verify-folder.ts) streamed line by line from the folder.
 */
async function firstFailedProbe(bytes, dir) {
    let first = null;
    const take = (line) => {
        const at = failedReleaseProbe(line);
        if (at !== null && (first === null || at < first))
            first = at;
    };
    if (bytes) {
        const text = bytes.toString('utf8');
        if (!text.includes('"ok":false'))
            return null;
        for (const line of text.split('\n'))
            take(line);
        return first;
    }
    try {
        const input = (0,external_node_fs_.createReadStream)((0,external_node_path_.join)(dir, layout/* EVIDENCE_FILES */.o.probes));
        for await (const line of (0,external_node_readline_.createInterface)({ input, crlfDelay: Infinity }))
            take(line);
    }
    catch {
        return null; // No probes.ndjson (a metrics-only failure, or none written).
    }
    return first;
}
/** Why a record file was skipped: the first place it breaks its schema. */
function schemaMismatch(file, version, error) {
    const issue = error.issues[0];
    return `${file} does not match schema ${version}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim();
}

// EXTERNAL MODULE: ./src/summary/format.ts
var format = __webpack_require__(18893);
;// CONCATENATED MODULE: ./src/report/format.ts
/**
 * Numbers as report.md and report.html show them: durations as people read them ("5 m 30 s"),
 * milliseconds as integers, times to the minute, and a budget spent many times over as
 * "exhausted (N× over)". report.json keeps the exact numbers.
 */

/** Seconds as "12.3 s", "5 m 30 s", "3 h 5 m"; null as "–". */
const duration = (seconds) => seconds === null ? '–' : (0,format/* formatDurationHuman */.B7)(seconds * 1000);
/** Milliseconds to the integer: "110 ms". */
const millis = (value) => value === null ? '–' : `${Math.round(value)} ms`;
/** A percent to at most `digits` decimals, trailing zeros dropped: "99.95 %", "4.8 %". */
function format_percent(value, digits = 2) {
    if (value === null)
        return '–';
    return `${Number(value.toFixed(digits))} %`;
}
/** An ISO time to the minute, in UTC: "2026-03-30 14:05 UTC". */
const when = (iso) => /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
/** Beyond this much of a budget spent (10×) a percent says nothing more: "exhausted (N× over)". */
const EXHAUSTED_SHOWN_FROM_PERCENT = 1000;
/** "N× over" for a consumed percent above 100: one decimal below 10×, whole above. */
function timesOver(consumedPercent) {
    const times = consumedPercent / 100;
    return `${times < 10 ? Number(times.toFixed(1)) : Math.round(times)}× over`;
}
/** A consumed percent: "4.8 %", or "exhausted (425× over)" beyond the bound. */
function consumedText(consumedPercent) {
    return consumedPercent > EXHAUSTED_SHOWN_FROM_PERCENT
        ? `exhausted (${timesOver(consumedPercent)})`
        : format_percent(consumedPercent, 1);
}
/** A remaining percent: "66.7 % left", or below 0 "exhausted (4.2× over)". */
function remainingText(remainingPercent) {
    if (remainingPercent === null)
        return '–';
    return remainingPercent < 0
        ? `exhausted (${timesOver(100 - remainingPercent)})`
        : `${format_percent(remainingPercent, 1)} left`;
}
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
/** "2026-03-30" as "30 Mar". */
function shortDate(date) {
    const month = MONTHS[Number(date.slice(5, 7)) - 1];
    return month ? `${Number(date.slice(8, 10))} ${month}` : date;
}

;// CONCATENATED MODULE: ./src/report/html-escape.ts
/** Every text from a record or the config is escaped before it goes into report.html. */
const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
};
const esc = (text) => text === null ? '–' : String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);

;// CONCATENATED MODULE: ./src/report/charts.ts
/**
 * The charts of report.html, as inline SVG (no script, no external asset). Each scales to the
 * page (viewBox, width 100 %), has y ticks, a legend, and a few date labels; record text is
 * escaped. Layout numbers are in viewBox units, about CSS pixels on a 1200 px page.
 */


const W = 1100;
const LEFT = 48;
const RIGHT = 12;
const COLOURS = ['#3b6fd6', '#d64545', '#2e8b57', '#d98200', '#8e44ad', '#16a085', '#7f5539'];
const svg = (id, label, height, body) => `<svg class="chart" id="${id}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${body}</svg>`;
const f1 = (n) => n.toFixed(1);
/** A legend entry: a coloured square and its words; returns the markup and the next x. */
function key(x, y, colour, words) {
    return [
        `<rect x="${f1(x)}" y="${y - 9}" width="10" height="10" fill="${colour}"/><text x="${f1(x + 14)}" y="${y}">${esc(words)}</text>`,
        x + 24 + words.length * 6.6,
    ];
}
function legend(y, entries, x = LEFT) {
    let at = x;
    return entries
        .map(([colour, words]) => {
        const [markup, next] = key(at, y, colour, words);
        at = next;
        return markup;
    })
        .join('');
}
/** Round steps (1, 2, 5 × 10^k) from 0 to at least `max`, at most `count` + 1 ticks. */
function niceTicks(max, count = 4) {
    const raw = Math.max(1, max) / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power);
    const ticks = [];
    for (let t = 0;; t += step) {
        ticks.push(t);
        if (t >= max)
            return ticks;
    }
}
/** Indexes of up to `count` evenly spaced labels, always the first and the last. */
function labelIndexes(length, count) {
    if (length <= 0)
        return [];
    if (length <= count)
        return [...Array(length).keys()];
    const step = (length - 1) / (count - 1);
    return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}
/** Deployments per day as bars, the failed part of each in red. */
function dailyChart(days) {
    const H = 220;
    const top = 34;
    const bottom = H - 24;
    const max = Math.max(1, ...days.map((d) => d.deployments));
    const ticks = niceTicks(max);
    const yMax = ticks.at(-1);
    const y = (n) => bottom - ((bottom - top) * n) / yMax;
    const slot = (W - LEFT - RIGHT) / Math.max(1, days.length);
    const bar = Math.max(1, slot * 0.75);
    const grid = ticks
        .map((t) => `<line x1="${LEFT}" y1="${f1(y(t))}" x2="${W - RIGHT}" y2="${f1(y(t))}" class="grid"/><text x="${LEFT - 6}" y="${f1(y(t) + 4)}" text-anchor="end">${t}</text>`)
        .join('');
    const bars = days
        .map((d, i) => {
        const x = LEFT + i * slot + (slot - bar) / 2;
        return `<g><title>${esc(d.date)}: ${d.deployments} gates, ${d.failed} failed</title><rect class="ok" x="${f1(x)}" y="${f1(y(d.deployments))}" width="${f1(bar)}" height="${f1(bottom - y(d.deployments))}"/><rect class="bad" x="${f1(x)}" y="${f1(y(d.failed))}" width="${f1(bar)}" height="${f1(bottom - y(d.failed))}"/></g>`;
    })
        .join('');
    const dates = labelIndexes(days.length, 7)
        .map((i) => {
        const x = LEFT + i * slot + slot / 2;
        const anchor = i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle';
        const at = anchor === 'start' ? LEFT : anchor === 'end' ? W - RIGHT : x;
        return `<text x="${f1(at)}" y="${H - 6}" text-anchor="${anchor}">${esc(shortDate(days[i]?.date ?? ''))}</text>`;
    })
        .join('');
    const body = `${grid}<line x1="${LEFT}" y1="${bottom}" x2="${W - RIGHT}" y2="${bottom}" class="axis"/>${bars}${dates}${legend(14, [
        ['#4a9d5b', 'gates that passed or did not decide'],
        ['#d64545', 'failed gates (unhealthy, rolled back, rollback failed)'],
    ])}<text x="${W - RIGHT}" y="14" text-anchor="end">gates per UTC day</text>`;
    return svg('chart-deployments', 'Deployments and failures per day', H, body);
}
const LOG_TICKS = [
    [1, '1 s'],
    [10, '10 s'],
    [60, '1 min'],
    [600, '10 min'],
    [3600, '1 h'],
    [36_000, '10 h'],
    [86_400, '1 d'],
    [864_000, '10 d'],
];
/** Time to restore of each restored failed gate of the period, oldest first, on a log scale. */
function restoreChart(restores) {
    const done = restores.filter((r) => r.seconds !== null).slice(-80);
    if (done.length === 0)
        return svg('chart-restore', 'Time to restore', 40, `<text x="${LEFT}" y="24">No failed gate was restored in the period.</text>`);
    const H = 240;
    const top = 34;
    const bottom = H - 24;
    const values = done.map((r) => Math.max(1, r.seconds));
    const lowIndex = Math.max(0, LOG_TICKS.findLastIndex(([t]) => t <= Math.min(...values)));
    const highIndex = LOG_TICKS.findIndex(([t]) => t >= Math.max(...values));
    const ticks = LOG_TICKS.slice(lowIndex, (highIndex < 0 ? LOG_TICKS.length : highIndex) + 1);
    const low = Math.log10(ticks[0]?.[0] ?? 1);
    const high = Math.max(low + 1, Math.log10(ticks.at(-1)?.[0] ?? 10));
    const y = (s) => bottom - ((bottom - top) * (Math.log10(s) - low)) / (high - low);
    const slot = (W - LEFT - RIGHT) / done.length;
    const bar = Math.max(1, Math.min(28, slot * 0.75));
    const grid = ticks
        .map(([t, label]) => `<line x1="${LEFT}" y1="${f1(y(t))}" x2="${W - RIGHT}" y2="${f1(y(t))}" class="grid"/><text x="${LEFT - 6}" y="${f1(y(t) + 4)}" text-anchor="end">${label}</text>`)
        .join('');
    const bars = done
        .map((r, i) => {
        const top = Math.min(bottom - 2, y(Math.max(1, r.seconds)));
        return `<g><title>${esc(r.service)}, failed ${esc(r.failed_at)}: restored after ${esc(duration(r.seconds))} via ${esc(r.via)}</title><rect class="${r.via === 'rollback' ? 'rb' : 'next'}" x="${f1(LEFT + i * slot + (slot - bar) / 2)}" y="${f1(top)}" width="${f1(bar)}" height="${f1(bottom - top)}"/></g>`;
    })
        .join('');
    const dates = labelIndexes(done.length, 6)
        .map((i) => {
        const anchor = i === 0 ? 'start' : i === done.length - 1 ? 'end' : 'middle';
        const x = anchor === 'start' ? LEFT : anchor === 'end' ? W - RIGHT : LEFT + (i + 0.5) * slot;
        return `<text x="${f1(x)}" y="${H - 6}" text-anchor="${anchor}">${esc(shortDate(done[i]?.failed_at.slice(0, 10) ?? ''))}</text>`;
    })
        .join('');
    const body = `${grid}<line x1="${LEFT}" y1="${bottom}" x2="${W - RIGHT}" y2="${bottom}" class="axis"/>${bars}${dates}${legend(14, [
        ['#3b6fd6', 'restored by its verified rollback'],
        ['#999999', 'restored by the next healthy gate'],
    ])}<text x="${W - RIGHT}" y="14" text-anchor="end">one bar per failed gate, log scale</text>`;
    return svg('chart-restore', 'Time to restore per failed gate', H, body);
}
/** At most this many panels: the services with the least budget left. */
const MAX_PANELS = 24;
const FLOOR = -100;
/**
 * Remaining budget per service, one small panel each (same scale: 100 % to −100 %, below 0 the
 * budget is exhausted and a line further down is drawn on the floor).
 */
function burnDownChart(slo) {
    let services = (slo?.services ?? []).filter((s) => s.burn_down.length > 0);
    if (services.length === 0)
        return svg('chart-budget', 'Error budget burn-down', 40, `<text x="${LEFT}" y="24">No error budget: give the config input with availability or error_rate targets.</text>`);
    const last = (s) => s.burn_down.at(-1)?.remaining_percent ?? 100;
    if (services.length > MAX_PANELS)
        services = [...services].sort((a, b) => last(a) - last(b)).slice(0, MAX_PANELS);
    const columns = Math.min(3, services.length);
    const panelW = W / columns;
    const panelH = 170;
    const rows = Math.ceil(services.length / columns);
    const panels = services
        .map((s, n) => {
        const colour = COLOURS[n % COLOURS.length];
        const px = (n % columns) * panelW;
        const py = Math.floor(n / columns) * panelH;
        const left = px + 56;
        const right = px + panelW - 16;
        const top = py + 30;
        const bottom = py + panelH - 26;
        const y = (v) => top + ((bottom - top) * (100 - Math.max(FLOOR, v))) / (100 - FLOOR);
        const x = (i) => left + ((right - left) * i) / Math.max(1, s.burn_down.length - 1);
        const points = s.burn_down
            .map((d, i) => `${f1(x(i))},${f1(y(d.remaining_percent ?? 100))}`)
            .join(' ');
        const end = s.burn_down.at(-1);
        const status = remainingText(end?.remaining_percent ?? null);
        const ticks = [100, 0, FLOOR]
            .map((t) => `<line x1="${f1(left)}" y1="${f1(y(t))}" x2="${f1(right)}" y2="${f1(y(t))}" class="${t === 0 ? 'axis' : 'grid'}"/><text x="${f1(left - 5)}" y="${f1(y(t) + 4)}" text-anchor="end">${t === FLOOR ? '−100' : t} %</text>`)
            .join('');
        const zone = `<rect class="exhausted" x="${f1(left)}" y="${f1(y(0))}" width="${f1(right - left)}" height="${f1(y(FLOOR) - y(0))}"/><text class="faint" x="${f1(right - 4)}" y="${f1(y(0) + 14)}" text-anchor="end">exhausted</text>`;
        const first = s.burn_down[0]?.date ?? '';
        return `<g><title>${esc(s.service)}: ${esc(status)}${end ? ` on ${esc(end.date)}` : ''}</title>${zone}${ticks}<polyline fill="none" stroke="${colour}" stroke-width="2.5" points="${points}"/><text x="${f1(px + 8)}" y="${f1(py + 16)}" class="name" fill="${colour}">${esc(s.service.slice(0, 28))}</text><text x="${f1(right)}" y="${f1(py + 16)}" text-anchor="end" fill="${colour}">${esc(status)}</text><text x="${f1(left)}" y="${f1(bottom + 16)}">${esc(shortDate(first))}</text><text x="${f1(right)}" y="${f1(bottom + 16)}" text-anchor="end">${esc(shortDate(end?.date ?? ''))}</text></g>`;
    })
        .join('');
    return svg('chart-budget', 'Error budget burn-down per service', rows * panelH, panels);
}

// EXTERNAL MODULE: ./src/summary/escape.ts
var summary_escape = __webpack_require__(87125);
// EXTERNAL MODULE: ./src/report/links.ts
var report_links = __webpack_require__(83303);
;// CONCATENATED MODULE: ./src/report/render-incidents.ts
/**
 * "Incidents between deploys" in report.md and report.html, from monitor mode's incident issues.
 * Service and SLO names came from an issue's marker: escaped like any outside text. An issue is
 * linked only by the URL built from its number (a plain https URL ending in `/issues/<n>`).
 */




/** Rows shown in report.md; report.json holds them all. */
const MD_ROWS = 50;
const issueLink = (url) => (0,report_links/* runLink */.u)(url) && /\/issues\/\d+$/.test(url);
const INCIDENT_FOOTNOTE = "⁴ Incident issues opened by monitor mode (label `incident`): from the alert's start (the issue's marker, else its creation) to the issue's close as completed, for incidents resolved in the window. Not the gates' time to restore, which runs from a failed release to its verified rollback or next healthy gate.";
/** `repository` and `label` come already formatted for the page (markdown code or HTML). */
function sourceLine(s, repository, label) {
    const k = s.skipped;
    const skipped = [
        k.pull_requests ? `${k.pull_requests} pull request${k.pull_requests === 1 ? '' : 's'}` : '',
        k.without_marker ? `${k.without_marker} without the incident marker` : '',
        k.bad_marker ? `${k.bad_marker} with a marker naming no valid service or SLO` : '',
        k.malformed ? `${k.malformed} malformed` : '',
    ].filter(Boolean);
    return `${s.counted} incident issue${s.counted === 1 ? '' : 's'} of ${repository} counted, of ${s.listed} listed with the label ${label}${skipped.length ? `; skipped: ${skipped.join(', ')}` : ''}${s.truncated ? '; more issues than the report reads (1,000): the oldest may be missing' : ''}.`;
}
const restoreText = (t) => t.median === null ? '–' : `${duration(t.median)} / ${duration(t.p90)}`;
const restoredAfter = (i) => i.outcome === 'open'
    ? 'still open'
    : i.outcome === 'closed unresolved'
        ? 'closed, not resolved'
        : `after ${duration(i.restore_seconds)}`;
function incidentsMarkdown(report) {
    const s = report.incident_issues;
    if (!s)
        return [];
    const lines = ['', '### Incidents between deploys', ''];
    if (s.warning)
        return [...lines, `> [!WARNING]\n> ${(0,summary_escape/* cell */.Hn)(s.warning)}`];
    lines.push(sourceLine(s, (0,summary_escape/* code */.aY)(s.repository), (0,summary_escape/* code */.aY)('incident')), '', '| window | service | opened | resolved | still open | time to restore⁴ median / p90 |', '|---|---|--:|--:|--:|--:|');
    for (const w of s.windows) {
        const row = (name, t) => `| ${(0,summary_escape/* cell */.Hn)(w.window)} | ${name} | ${t.opened} | ${t.resolved} | ${t.still_open} | ${restoreText(t.time_to_restore_seconds)} |`;
        lines.push(row('**all**', w.overall));
        for (const service of w.services)
            lines.push(row((0,summary_escape/* cell */.Hn)(service.service), service));
    }
    if (s.incidents.length) {
        lines.push('', '| service | SLO | opened | restored | issue |', '|---|---|---|--:|---|');
        for (const i of s.incidents.slice(-MD_ROWS))
            lines.push(`| ${(0,summary_escape/* cell */.Hn)(i.service)} | ${(0,summary_escape/* cell */.Hn)(i.slo)} | ${(0,summary_escape/* cell */.Hn)(when(i.started_at))} | ${restoredAfter(i)} | ${issueLink(i.url) ? `[#${i.number}](${i.url})` : `#${i.number}`} |`);
        if (s.incidents.length > MD_ROWS)
            lines.push('', `(${s.incidents.length - MD_ROWS} earlier incidents in report.json)`);
    }
    lines.push('', INCIDENT_FOOTNOTE);
    return lines;
}
function incidentsHtml(report) {
    const s = report.incident_issues;
    if (!s)
        return '';
    const title = '<h2>Incidents between deploys</h2>';
    if (s.warning)
        return `${title}<div class="warn"><p>${esc(s.warning)}</p></div>`;
    const num = (value) => `<td class="n">${esc(value)}</td>`;
    const stats = s.windows
        .flatMap((w) => [{ service: 'all', ...w.overall }, ...w.services].map((t) => `<tr><td>${esc(w.window)}</td><td>${esc(t.service)}</td>${[t.opened, t.resolved, t.still_open].map(num).join('')}${num(restoreText(t.time_to_restore_seconds))}</tr>`))
        .join('');
    const incidents = s.incidents
        .slice(-100)
        .map((i) => `<tr><td>${esc(i.service)}</td><td>${esc(i.slo)}</td>${num(when(i.started_at))}${num(restoredAfter(i))}<td>${issueLink(i.url) ? `<a href="${esc(i.url)}">#${i.number}</a>` : `#${i.number}`}</td></tr>`)
        .join('');
    return `${title}<p>${sourceLine(s, `<code>${esc(s.repository)}</code>`, '<code>incident</code>')}</p>
<table><thead><tr><th>window</th><th>service</th><th class="n">opened</th><th class="n">resolved</th><th class="n">still open</th><th class="n">time to restore**** median / p90</th></tr></thead><tbody>${stats}</tbody></table>
${incidents ? `<table><thead><tr><th>service</th><th>SLO</th><th class="n">opened</th><th class="n">restored</th><th>issue</th></tr></thead><tbody>${incidents}</tbody></table>` : ''}
<p>**** ${esc(INCIDENT_FOOTNOTE.slice(2).replaceAll('`', ''))}</p>`;
}

;// CONCATENATED MODULE: ./src/report/render-slo.ts
/**
 * The SLO part of report.md and report.html: one row per service (its targets, then each window's
 * state and budget), the details per window below, the burn-down, and the top failing reasons.
 * Text from a record or the config (service names, reasons) goes through cell() in Markdown and
 * esc() in HTML.
 */





/** Minutes as people read a budget: one decimal, "< 0.1" rather than a misleading 0. */
function render_slo_minutes(value) {
    if (value > 0 && value < 0.05)
        return '< 0.1 min';
    return `${(Math.round(value * 10) / 10).toFixed(1)} min`;
}
/** "2.1 min of 43.2 min (4.8 %)"; far over: "61.3 min of 0.1 min, exhausted (425× over)". */
function budgetText(b) {
    const spent = `${render_slo_minutes(b.consumed_minutes)} of ${render_slo_minutes(b.budget_minutes)}`;
    if (b.consumed_percent === null)
        return spent;
    const consumed = consumedText(b.consumed_percent);
    return consumed.startsWith('exhausted') ? `${spent}, ${consumed}` : `${spent} (${consumed})`;
}
/** The compact form for the one-row-per-service table: "4.8 % of 43.8 min". */
function budgetShort(b) {
    if (b.consumed_percent === null)
        return `${render_slo_minutes(b.consumed_minutes)} spent`;
    const consumed = consumedText(b.consumed_percent);
    return consumed.startsWith('exhausted')
        ? consumed
        : `${consumed} of ${render_slo_minutes(b.budget_minutes)}`;
}
const ICON = {
    met: '🟢 met',
    'at risk': '🟠 at risk',
    breached: '🔴 breached',
    'no gates in window': '⚪ no gates in window',
    'no targets': '– no targets',
};
/** "≥ 99.95 % · p95 < 250 ms" */
function targetsShort(targets) {
    return [
        targets.availability_percent === null ? null : `≥ ${targets.availability_percent} %`,
        targets.error_rate_percent === null ? null : `errors ≤ ${targets.error_rate_percent} %`,
        ...targets.latency.map((l) => `p${l.percentile} < ${l.limit_ms} ms`),
    ]
        .filter((t) => t !== null)
        .join(' · ');
}
function targetText(w) {
    return w.targets
        .map((t) => {
        const ratio = t.target === 'availability' || t.target === 'error_rate';
        const measured = t.measured === null ? '' : ` ${ratio ? format_percent(t.measured, 3) : millis(t.measured)}`;
        const over = t.gates_over
            ? `, ${t.gates_over} gate${t.gates_over === 1 ? '' : 's'} over`
            : '';
        return `${t.target}${measured} (${t.objective}${over}): ${t.state}`;
    })
        .join('; ');
}
function eventText(w) {
    const e = w.event_budget;
    if (!e || e.remaining_percent === null)
        return '–';
    const source = e.source === 'monitor runs' ? 'monitor' : 'gate';
    return `${remainingText(e.remaining_percent)} (${e.failed} of ${e.total} ${source} probes failed)`;
}
/** Up to `count` dates spread over the burn-down, always with the last one. */
function sampleDays(days, count) {
    if (days.length <= count)
        return [...days];
    const step = Math.ceil(days.length / count);
    const picked = days.filter((_, i) => (days.length - 1 - i) % step === 0);
    return picked.slice(-count);
}
function reasonsMarkdown(w) {
    if (w.failing_reasons.length === 0)
        return [];
    return [
        '',
        `#### Top failing reasons, last ${(0,summary_escape/* cell */.Hn)(w.name)}`,
        '',
        '| reason | failed gates | services | latest, in its own words |',
        '|---|--:|---|---|',
        ...w.failing_reasons.map((r) => `| ${(0,summary_escape/* cell */.Hn)(r.reason)} | ${r.gates} | ${(0,summary_escape/* cell */.Hn)(r.services.join(', '))} | ${(0,summary_escape/* cell */.Hn)(r.example)} |`),
    ];
}
const noTargets = (s) => s.in_config ? 'no targets in the config' : 'not in the config: no targets';
function sloMarkdown(report) {
    const lines = [];
    const slo = report.slo;
    if (slo) {
        const names = slo.services[0]?.windows.map((w) => w.window) ?? [];
        lines.push('', `### SLO compliance (targets from ${(0,summary_escape/* cell */.Hn)(slo.config)})`, '', `| service | targets | ${names.map((n) => `${(0,summary_escape/* cell */.Hn)(n)}: state, budget spent²`).join(' | ')} |`, `|---|---|${names.map(() => '---').join('|')}|`, ...slo.services.map((s) => s.targets
            ? `| ${(0,summary_escape/* cell */.Hn)(s.service)} | ${(0,summary_escape/* cell */.Hn)(targetsShort(s.targets))} | ${s.windows.map((w) => `${ICON[w.state]}${w.budget ? ` · ${budgetShort(w.budget)}` : ''}`).join(' | ')} |`
            : `| ${(0,summary_escape/* cell */.Hn)(s.service)} | ${noTargets(s)} | ${names.map(() => '–').join(' | ')} |`), '', '<details><summary>Per window: budgets, probe counts, every target</summary>', '', '| service | window | state | error budget spent² | budget by probe counts¹ | targets¹ |', '|---|---|---|---|---|---|');
        for (const s of slo.services) {
            if (!s.targets) {
                lines.push(`| ${(0,summary_escape/* cell */.Hn)(s.service)} | all | ${noTargets(s)} | – | – | – |`);
                continue;
            }
            for (const w of s.windows)
                lines.push(`| ${(0,summary_escape/* cell */.Hn)(s.service)} | ${(0,summary_escape/* cell */.Hn)(w.window)} | ${ICON[w.state]} | ${w.budget ? budgetText(w.budget) : '–'} | ${eventText(w)} | ${(0,summary_escape/* cell */.Hn)(targetText(w))} |`);
        }
        lines.push('', '</details>');
        const withBudget = slo.services.filter((s) => s.burn_down.length > 0);
        if (withBudget.length) {
            const dates = sampleDays(withBudget[0]?.burn_down ?? [], 8).map((d) => d.date);
            lines.push('', `#### Error budget remaining, end of day (last ${(0,summary_escape/* cell */.Hn)(report.period)})`, '', `| service | ${dates.join(' | ')} |`, `|---|${dates.map(() => '--:').join('|')}|`, ...withBudget.map((s) => {
                const byDate = new Map(s.burn_down.map((d) => [d.date, d]));
                return `| ${(0,summary_escape/* cell */.Hn)(s.service)} | ${dates
                    .map((date) => {
                    const d = byDate.get(date);
                    if (!d)
                        return '–';
                    if (d.remaining_percent !== null && d.remaining_percent < 0)
                        return remainingText(d.remaining_percent);
                    return `${render_slo_minutes(d.remaining_minutes)} (${format_percent(d.remaining_percent, 1)})`;
                })
                    .join(' | ')} |`;
            }));
        }
    }
    for (const w of report.windows)
        lines.push(...reasonsMarkdown(w));
    return lines;
}
const SLO_FOOTNOTE = "² Minutes the service was failing as the gates saw it (first failed probe to restore; not restored: to the window end), against window minutes × (1 − objective). Between deploys no gate looks. Budget by probe counts: the probes of monitor runs (mode: monitor) in the window when there are any, else the gates' own.";
function reasonsHtml(w) {
    if (w.failing_reasons.length === 0)
        return '';
    const rows = w.failing_reasons
        .map((r) => `<tr><td>${esc(r.reason)}</td><td class="n">${r.gates}</td><td>${esc(r.services.join(', '))}</td><td class="words">${esc(r.example)}</td></tr>`)
        .join('');
    return `<h3>Top failing reasons, last ${esc(w.name)}</h3><table class="reasons"><thead><tr><th>reason</th><th class="n">failed gates</th><th>services</th><th>latest, in its own words</th></tr></thead><tbody>${rows}</tbody></table>`;
}
const stateClass = (state) => `state ${state.replace(/ /g, '-')}`;
function compactRow(s, windows) {
    if (!s.targets)
        return `<tr><td>${esc(s.service)}</td><td>${noTargets(s)}</td>${'<td>–</td>'.repeat(windows)}</tr>`;
    const cells = s.windows
        .map((w) => `<td class="win"><span class="${stateClass(w.state)}">${esc(w.state)}</span>${w.budget ? ` <span class="sub">${esc(budgetShort(w.budget))}</span>` : ''}</td>`)
        .join('');
    return `<tr><td>${esc(s.service)}</td><td class="win">${esc(targetsShort(s.targets))}</td>${cells}</tr>`;
}
function sloHtml(report) {
    const slo = report.slo;
    let body = '';
    if (slo) {
        const names = slo.services[0]?.windows.map((w) => w.window) ?? [];
        const compact = slo.services.map((s) => compactRow(s, names.length)).join('');
        const details = slo.services
            .flatMap((s) => s.targets
            ? s.windows.map((w) => `<tr><td>${esc(s.service)}</td><td>${esc(w.window)}</td><td><span class="${stateClass(w.state)}">${esc(w.state)}</span></td><td class="n">${w.budget ? esc(budgetText(w.budget)) : '–'}</td><td class="n">${esc(eventText(w))}</td><td class="words">${esc(targetText(w))}</td></tr>`)
            : [
                `<tr><td>${esc(s.service)}</td><td>all</td><td>${noTargets(s)}</td><td>–</td><td>–</td><td>–</td></tr>`,
            ])
            .join('');
        body += `<h2>SLO compliance</h2><p>Targets from <code>${esc(slo.config)}</code>. State and error budget spent** per window.</p><table class="slo"><thead><tr><th>service</th><th>targets</th>${names.map((n) => `<th>last ${esc(n)}</th>`).join('')}</tr></thead><tbody>${compact}</tbody></table><details><summary>Per window: budgets, probe counts, every target</summary><table class="slo-details"><thead><tr><th>service</th><th>window</th><th>state</th><th class="n">error budget spent**</th><th class="n">budget by probe counts*</th><th>targets*</th></tr></thead><tbody>${details}</tbody></table></details>`;
    }
    body += `<h2>Error budget burn-down</h2>${burnDownChart(slo)}<p class="caption">Error budget remaining at the end of each UTC day of the last ${esc(report.period)}, as a percent of the period's budget in minutes (the minutes each service was failing as the gates saw it). Every panel has the same scale; below 0 % the budget is exhausted, and a line below −100 % is drawn at −100 % (the exact numbers are in report.json).</p>`;
    body += report.windows.map(reasonsHtml).join('');
    return body;
}

;// CONCATENATED MODULE: ./src/report/render-html.ts
/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no external asset) that a
 * person reads at a glance. Every text from a record is HTML-escaped; only plain https run URLs
 * and artifact URLs built from GitHub's numbers become links.
 */







/** A numeric cell: right-aligned, never wrapped. */
const num = (value) => `<td class="n">${esc(value)}</td>`;
function statsRow(name, s, monitored) {
    const t = s.time_to_restore_seconds;
    const p = s.probes_sampled_around_deploys;
    return `<tr><td>${esc(name)}</td>${[
        s.deployments,
        s.failed,
        format_percent(s.change_failure_rate_percent),
        `${s.rollbacks} (${s.rollbacks_verified} verified)`,
        t.median === null ? null : `${duration(t.median)} / ${duration(t.p90)}`,
        t.unrestored,
        s.time_to_verdict_seconds.median === null ? null : duration(s.time_to_verdict_seconds.median),
        format_percent(p.availability_percent, 3),
        ...(monitored ? [format_percent(s.between_deploys.availability_percent, 3)] : []),
        millis(p.p95_ms_median),
    ]
        .map(num)
        .join('')}</tr>`;
}
function windowTable(w, monitored) {
    const th = (words) => `<th class="n">${words}</th>`;
    const head = [
        'gates',
        'failed',
        'change failure rate',
        'rollbacks',
        'time to restore median / p90',
        'not restored',
        'time to verdict, median',
        'availability, gates*',
        ...(monitored ? ['availability between deploys***'] : []),
        'p95, median of gates*',
    ]
        .map(th)
        .join('');
    const rows = [
        statsRow('all', w.overall, monitored),
        ...w.services.map((s) => statsRow(s.service, s, monitored)),
    ].join('');
    return `<h2>Last ${esc(w.name)}</h2><table><thead><tr><th>service</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}
function failedRow(f) {
    const links = [
        ...((0,report_links/* runLink */.u)(f.run_url) ? [`<a href="${esc(f.run_url)}">run</a>`] : []),
        ...((0,report_links/* artifactLink */.V)(f.artifact_url) ? [`<a href="${esc(f.artifact_url)}">artifact</a>`] : []),
    ];
    return `<tr><td>${esc(f.service)}</td><td>${esc(f.verdict)}</td>${num(when(f.failed_at))}${num(f.seconds === null ? 'not yet' : duration(f.seconds))}<td>${esc(f.via)}</td><td>${links.length ? links.join(' · ') : `<code>${esc(f.record)}</code>`}</td></tr>`;
}
function renderHtml(report) {
    const r = report.records;
    const monitored = r.monitor_runs > 0;
    const windows = report.windows.map((w) => windowTable(w, monitored)).join('');
    const failed = report.restores.slice(-100).map(failedRow).join('');
    const problems = [
        ...r.failed_checksum.map((f) => `<li>failed its checksum: <code>${esc(f.path)}</code> (${esc(f.detail)})</li>`),
        ...r.skipped.map((s) => `<li>skipped: <code>${esc(s.path)}</code> (${esc(s.reason)})</li>`),
    ].join('');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>deploy-gate report ${esc(report.period)} to ${esc(when(report.generated_at))}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600}.n{text-align:right;font-variant-numeric:tabular-nums}td.n,.win{white-space:nowrap}
td.words{max-width:36em}
.chart{display:block;width:100%;height:auto;max-width:1100px;margin:.25em 0}
.chart text{font-size:12px;fill:#444}.chart text.name{font-weight:600;font-size:13px}.chart text.faint{fill:#b02020;opacity:.7}
.chart .grid{stroke:#e3e3e3}.chart .axis{stroke:#888}.chart .exhausted{fill:#fbeaea}
.ok{fill:#4a9d5b}.bad{fill:#d64545}.rb{fill:#3b6fd6}.next{fill:#999}
.warn{background:#fff4e5;border-left:4px solid #e69500;padding:.5em 1em}
.state{font-weight:600}.state.met{color:#2e7d32}.state.at-risk{color:#a06000}.state.breached{color:#b02020}.sub{color:#555}
.caption{color:#555;max-width:1100px}details{margin:0 0 1.5em}summary{cursor:pointer;color:#3b6fd6}
</style></head><body>
<h1>Deployment report — last ${esc(report.period)} to ${esc(when(report.generated_at))}</h1>
<p>Records: ${r.found} found, ${r.counted} counted${r.duplicates ? `, ${r.duplicates} duplicates counted once` : ''}${monitored ? `, ${r.monitor_runs} monitor run${r.monitor_runs === 1 ? '' : 's'} (availability between deploys, not deployments)` : ''}.</p>
${problems ? `<div class="warn"><p>${r.failed_checksum.length} record${r.failed_checksum.length === 1 ? '' : 's'} failed ${r.failed_checksum.length === 1 ? 'its' : 'their'} checksum, ${r.skipped.length} skipped; none of them is counted.</p><ul>${problems}</ul></div>` : ''}
<h2>Deployments and failures per day</h2>
${dailyChart(report.days)}
<h2>Time to restore</h2>
${restoreChart(report.restores)}
${sloHtml(report)}
${windows}
${incidentsHtml(report)}
<h2>Failed gates</h2>
<table><thead><tr><th>service</th><th>verdict</th><th class="n">failed at</th><th class="n">restored after</th><th>via</th><th>links</th></tr></thead><tbody>${failed}</tbody></table>
<p>* Seen by the gates' own probes, sampled around deploys only: not the availability of the service between deploys.</p>
${report.slo ? `<p>** Minutes the service was failing as the gates saw it (first failed probe to restore; not restored: to the window end), against window minutes × (1 − objective). Between deploys no gate looks. The budget by probe counts uses the probes of monitor runs in the window when there are any, else the gates' own.</p>` : ''}
${monitored ? `<p>*** Measured between deploys by scheduled monitor runs (mode: monitor): their probes that succeeded, of all they counted, in runs that started in the window.</p>` : ''}
</body></html>
`;
}

;// CONCATENATED MODULE: ./src/report/render-md.ts
/** report.md, also the job summary: every text that came from a record goes through cell()/code(). */





function row(s, monitored) {
    const t = s.time_to_restore_seconds;
    const p = s.probes_sampled_around_deploys;
    return [
        s.deployments,
        `${s.verdicts.healthy} / ${s.failed} / ${s.verdicts.cancelled + s.verdicts.error}`,
        format_percent(s.change_failure_rate_percent),
        `${s.rollbacks} (${s.rollbacks_verified} verified)`,
        `${duration(t.median)} / ${duration(t.p90)}${t.unrestored ? ` (${t.unrestored} not restored)` : ''}`,
        `${duration(s.time_to_verdict_seconds.median)} / ${duration(s.time_to_verdict_seconds.p90)}`,
        format_percent(p.availability_percent, 3),
        ...(monitored ? [format_percent(s.between_deploys.availability_percent, 3)] : []),
        millis(p.p95_ms_median),
    ].join(' | ');
}
const header = (monitored) => `| service | gates | healthy / failed / not decided | change failure rate | rollbacks | time to restore median / p90 | time to verdict median / p90 | availability sampled by gates¹ |${monitored ? ' availability between deploys³ |' : ''} p95¹ (median of gates) |\n|---|--:|--:|--:|--:|--:|--:|--:|${monitored ? '--:|' : ''}--:|`;
/** Links to a failed gate's run and artifact, or its folder when it has neither. */
function links(f) {
    const parts = [
        ...((0,report_links/* runLink */.u)(f.run_url) ? [`[run](${f.run_url})`] : []),
        ...((0,report_links/* artifactLink */.V)(f.artifact_url) ? [`[artifact](${f.artifact_url})`] : []),
    ];
    return parts.length ? parts.join(' · ') : (0,summary_escape/* code */.aY)(f.record);
}
function renderMarkdown(report) {
    const period = report.windows.at(-1);
    const lines = [];
    const o = period?.overall;
    const monitored = report.records.monitor_runs > 0;
    lines.push(`## 📊 Deployment report — ${(0,summary_escape/* cell */.Hn)(report.period)} to ${(0,summary_escape/* cell */.Hn)(when(report.generated_at))}`, '', o
        ? `**${o.deployments} gates**, ${o.failed} failed (change failure rate ${format_percent(o.change_failure_rate_percent)}), ${o.rollbacks} rollbacks (${o.rollbacks_verified} verified), time to restore median ${duration(o.time_to_restore_seconds.median)}.`
        : 'No records.', '');
    const r = report.records;
    lines.push(`Records: ${r.found} found, ${r.counted} counted${r.duplicates ? `, ${r.duplicates} duplicates counted once` : ''}${monitored ? `, ${r.monitor_runs} monitor run${r.monitor_runs === 1 ? '' : 's'} (availability between deploys, not deployments)` : ''}.`);
    if (r.failed_checksum.length) {
        lines.push('', `> [!WARNING]\n> ${r.failed_checksum.length} record${r.failed_checksum.length === 1 ? '' : 's'} failed ${r.failed_checksum.length === 1 ? 'its' : 'their'} checksum and ${r.failed_checksum.length === 1 ? 'is' : 'are'} not counted: ${r.failed_checksum.map((f) => `${(0,summary_escape/* code */.aY)(f.path)} (${(0,summary_escape/* cell */.Hn)(f.detail)})`).join(', ')}`);
    }
    if (r.skipped.length) {
        lines.push('', `${r.skipped.length} record${r.skipped.length === 1 ? '' : 's'} skipped: ${r.skipped.map((s) => `${(0,summary_escape/* code */.aY)(s.path)} (${(0,summary_escape/* cell */.Hn)(s.reason)})`).join(', ')}`);
    }
    for (const w of report.windows) {
        lines.push('', `### Last ${(0,summary_escape/* cell */.Hn)(w.name)}`, '', header(monitored), `| **all** | ${row(w.overall, monitored)} |`);
        for (const s of w.services)
            lines.push(`| ${(0,summary_escape/* cell */.Hn)(s.service)} | ${row(s, monitored)} |`);
    }
    const failures = report.restores;
    if (failures.length) {
        lines.push('', `### Failed gates in the last ${(0,summary_escape/* cell */.Hn)(report.period)}`, '', '| service | verdict | failed at | restored | via | links |', '|---|---|---|--:|---|---|');
        for (const f of failures.slice(-50))
            lines.push(`| ${(0,summary_escape/* cell */.Hn)(f.service)} | ${(0,summary_escape/* cell */.Hn)(f.verdict)} | ${(0,summary_escape/* cell */.Hn)(when(f.failed_at))} | ${f.seconds === null ? 'not yet' : `after ${duration(f.seconds)}`} | ${(0,summary_escape/* cell */.Hn)(f.via)} | ${links(f)} |`);
        if (failures.length > 50)
            lines.push('', `(${failures.length - 50} earlier failed gates in report.json)`);
    }
    lines.push(...sloMarkdown(report));
    lines.push(...incidentsMarkdown(report));
    lines.push('', "¹ Seen by the gates' own probes, sampled around deploys only: not the availability of the service between deploys.", ...(report.slo ? ['', SLO_FOOTNOTE] : []), ...(monitored
        ? [
            '',
            '³ Measured between deploys by scheduled monitor runs (mode: monitor): their probes that succeeded, of all they counted, in runs that started in the window.',
        ]
        : []), '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/report/run-report.ts
/**
 * The report from a folder of records: find them, verify and read each (a few at a time, one
 * record's facts kept, never its probe lines), aggregate, then write report.json, report.md
 * and report.html. No @actions/core here (report-step.ts connects the runner).
 */







/** Thrown when the records folder cannot be read at all (not for a bad record). */
class RecordsError extends Error {
}
const PARALLEL = 4;
async function readFacts(root) {
    const facts = [];
    const monitors = [];
    const failed = [];
    const skipped = [];
    let found = 0;
    const running = new Set();
    for await (const folder of findRecordFolders(root)) {
        found += 1;
        const task = readRecord(root, folder.path, folder.kind).then((read) => {
            if (read.kind === 'fact')
                facts.push(read.fact);
            else if (read.kind === 'monitor')
                monitors.push(read.fact);
            else if (read.kind === 'failed-checksum')
                failed.push({ path: read.path, detail: read.detail });
            else
                skipped.push({ path: read.path, reason: read.reason });
        });
        running.add(task);
        void task.finally(() => running.delete(task));
        if (running.size >= PARALLEL)
            await Promise.race(running);
    }
    await Promise.all(running);
    const byPath = (a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
    return {
        facts: facts.sort(byPath),
        monitors: monitors.sort(byPath),
        found,
        failed: failed.sort(byPath),
        skipped: skipped.sort(byPath),
    };
}
async function readFolder(records) {
    const root = (0,external_node_path_.resolve)(records);
    const info = await (0,promises_.stat)(root).catch(() => undefined);
    if (!info?.isDirectory())
        throw new RecordsError(`records ${JSON.stringify(records)} is not a folder`);
    return readFacts(root);
}
async function runReport(run) {
    const read = run.read ?? (await readFolder(run.records));
    const { unique, duplicates } = dedupe(read.facts);
    const report = aggregate(unique, {
        now: run.now,
        periodMs: run.periodMs,
        periodLabel: run.periodLabel,
        records: {
            found: read.found,
            counted: unique.length,
            duplicates,
            monitor_runs: read.monitors?.length ?? 0,
            failed_checksum: read.failed,
            skipped: read.skipped,
        },
        monitors: read.monitors ?? [],
        ...(run.slo ? { slo: run.slo } : {}),
        ...(run.incidents ? { incidents: run.incidents } : {}),
    });
    const reportDir = (0,external_node_path_.resolve)(run.reportDir);
    await (0,promises_.mkdir)(reportDir, { recursive: true });
    const markdown = renderMarkdown(report) + (run.sourceNote ?? '');
    await (0,promises_.writeFile)((0,external_node_path_.join)(reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await (0,promises_.writeFile)((0,external_node_path_.join)(reportDir, 'report.md'), markdown);
    await (0,promises_.writeFile)((0,external_node_path_.join)(reportDir, 'report.html'), renderHtml(report));
    return { report, markdown, reportDir };
}


/***/ })

};
