export const id = 360;
export const ids = [360];
export const modules = {

/***/ 43360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadLedgerArtifact: () => (/* binding */ loadLedgerArtifact),
/* harmony export */   saveLedgerArtifact: () => (/* binding */ saveLedgerArtifact)
/* harmony export */ });
/* unused harmony export LEDGER_RETENTION_DAYS */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _evidence_error_text_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(35343);
/* harmony import */ var _summary_outside_text_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(42851);
/* harmony import */ var _evidence_artifact_upload_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39585);
/* harmony import */ var _report_github_download_artifact_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(50705);
/* harmony import */ var _report_github_from_env_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63276);
/* harmony import */ var _report_github_github_records_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(78418);
/* harmony import */ var _report_github_list_artifacts_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4908);
/* harmony import */ var _report_github_rate_limit_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(90778);
/* harmony import */ var _report_github_upload_report_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(70610);
/* harmony import */ var _ledger_file_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(82000);
/* harmony import */ var _slo_ledger_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1412);
/**
 * The SLO ledger kept as a workflow artifact when there is no `records` folder: the newest
 * unexpired `deploy-gate-monitor-ledger` of this repository is downloaded before sampling, and the
 * next ledger is uploaded under the same name after the run. The report's GitHub code does the
 * work (listing with rate limits, the toolkit's download and upload); this module only picks the
 * artifact and turns every failure into a warning, so a run without its ledger still measures.
 */













/** GitHub keeps the ledger this long unless `retention-days` says otherwise: every run renews it. */
const LEDGER_RETENTION_DAYS = 7;
/** Newest first and filtered by name: the first page holds the newest copy; two are plenty. */
const MAX_LISTING_PAGES = 2;
/** A scheduled run every 5 minutes cannot wait long for rate limits before it samples. */
const RATE_LIMITS = { maxRetries: 2, maxTotalWaitMs: 60_000 };
/** The ledger is well under 1 MB: a download that takes longer has gone wrong. */
const DOWNLOAD_DEADLINE_MS = 60_000;
/** The last run's ledger, or an empty one with the reason (never throws). */
async function loadLedgerArtifact(env, options) {
    const fresh = (problem) => ({ ledger: (0,_slo_ledger_js__WEBPACK_IMPORTED_MODULE_9__/* .emptyLedger */ .Hg)(), problem });
    const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
        return fresh(`GITHUB_REPOSITORY ${JSON.stringify(repository)} is not owner/repo, so no ledger artifact can be found: budgets and burn rates cover this run only`);
    const setup = (0,_report_github_from_env_js__WEBPACK_IMPORTED_MODULE_3__/* .sourceFromEnv */ .H)(env, {
        token: options.token,
        prefix: _ledger_file_js__WEBPACK_IMPORTED_MODULE_8__/* .LEDGER_ARTIFACT */ .h5,
        from: 0,
        redactor: options.redactor,
        log: options.log,
    });
    if (!setup.ok)
        return fresh(setup.problem);
    const source = setup.source;
    const limiter = new _report_github_rate_limit_js__WEBPACK_IMPORTED_MODULE_6__/* .RateLimiter */ .v$(options.clock, RATE_LIMITS, (what, ms) => options.log(`rate limited: waiting ${Math.ceil(ms / 1000)} s before retrying ${what}`));
    let found;
    try {
        found = await (0,_report_github_list_artifacts_js__WEBPACK_IMPORTED_MODULE_5__/* .newestArtifactNamed */ .iV)({
            octokit: (0,_report_github_list_artifacts_js__WEBPACK_IMPORTED_MODULE_5__/* .withRateLimits */ .Pg)(source.octokit, limiter),
            owner: source.owner,
            repo: source.repo,
            name: _ledger_file_js__WEBPACK_IMPORTED_MODULE_8__/* .LEDGER_ARTIFACT */ .h5,
            maxPages: MAX_LISTING_PAGES,
        });
    }
    catch (error) {
        return fresh(`${(0,_report_github_github_records_js__WEBPACK_IMPORTED_MODULE_4__/* .listingFailure */ .Zd)(source, error)}; this run starts a new ledger`);
    }
    if (!found)
        return fresh(`no ledger artifact yet: this run starts one`);
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(source.tempDir, 'deploy-gate-monitor-ledger-'));
    try {
        await (0,_report_github_download_artifact_js__WEBPACK_IMPORTED_MODULE_10__/* .withDeadline */ .NE)(source.download(found, dir), DOWNLOAD_DEADLINE_MS, `the download of artifact ${found.id}`);
        const read = (0,_ledger_file_js__WEBPACK_IMPORTED_MODULE_8__/* .readLedgerFile */ .Uy)(dir);
        options.log(`ledger read from artifact ${_ledger_file_js__WEBPACK_IMPORTED_MODULE_8__/* .LEDGER_ARTIFACT */ .h5} (id ${found.id})`);
        return read.problem
            ? { ledger: read.ledger, problem: `artifact ${found.id}: ${read.problem}` }
            : read;
    }
    catch (error) {
        const { status } = (0,_report_github_rate_limit_js__WEBPACK_IMPORTED_MODULE_6__/* .httpFacts */ .o1)(error);
        return fresh(options.redactor.redactText(`could not download the ledger artifact ${found.id}${status === null ? '' : ` (HTTP ${status})`}: ${(0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_11__/* .oneLine */ .TN)((0,_summary_outside_text_js__WEBPACK_IMPORTED_MODULE_11__/* .capText */ .yA)((0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_12__/* .errorText */ .k)(error), 300))}; this run starts a new ledger`));
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}
/** Uploads the next ledger; says what happened in one sentence (ok false: a warning). */
async function saveLedgerArtifact(env, ledger, options) {
    const missing = (0,_report_github_upload_report_js__WEBPACK_IMPORTED_MODULE_7__/* .artifactServiceMissing */ .OH)(env);
    if (missing)
        return { ok: false, message: `the ledger was not saved as an artifact: ${missing}` };
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(options.tempDir, 'deploy-gate-monitor-ledger-'));
    let uploaded = false;
    try {
        (0,_ledger_file_js__WEBPACK_IMPORTED_MODULE_8__/* .writeLedgerFile */ .$M)(dir, ledger);
        const days = options.retentionDays ?? LEDGER_RETENTION_DAYS;
        const outcome = await (0,_evidence_artifact_upload_js__WEBPACK_IMPORTED_MODULE_2__/* .uploadEvidence */ .di)({
            dir,
            name: _ledger_file_js__WEBPACK_IMPORTED_MODULE_8__/* .LEDGER_ARTIFACT */ .h5,
            retentionDays: days,
            redactor: options.redactor,
            label: 'The SLO ledger',
            ...(options.signal ? { signal: options.signal } : {}),
        });
        uploaded = outcome.uploaded;
        return outcome.uploaded
            ? {
                ok: true,
                message: `ledger saved as artifact ${_ledger_file_js__WEBPACK_IMPORTED_MODULE_8__/* .LEDGER_ARTIFACT */ .h5}${outcome.id === null ? '' : ` (id ${outcome.id})`}, kept ${days} days`,
            }
            : { ok: false, message: outcome.warning };
    }
    catch (error) {
        return {
            ok: false,
            message: options.redactor.redactText(`the ledger was not saved as an artifact: ${(0,_evidence_error_text_js__WEBPACK_IMPORTED_MODULE_12__/* .errorText */ .k)(error)}`),
        };
    }
    finally {
        // Kept when the upload failed: the warning names the folder (RUNNER_TEMP is emptied later).
        if (uploaded)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}


/***/ })

};
