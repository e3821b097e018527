export const id = 661;
export const ids = [661];
export const modules = {

/***/ 97626:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(70819);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/evidence/audit-file.ts + 1 modules
var audit_file = __webpack_require__(98427);
// EXTERNAL MODULE: ./src/gate/stats.ts
var stats = __webpack_require__(18612);
;// CONCATENATED MODULE: ./src/evidence/complete-record.ts
/**
 * When the main step was cancelled or killed, the post step completes the audit record it left:
 * the health checks are recomputed from probes.ndjson (appended as each probe finished), the
 * metrics from metrics.ndjson (each query's last judgement), and the verdict becomes `cancelled`
 * unless the main step had already reached one. Pure.
 */

const numberOrNull = (value) => (typeof value === 'number' ? value : null);
/** Each query's last judgement in metrics.ndjson, as audit.json states metrics (same mapping). */
function recordedMetrics(lines) {
    const last = new Map();
    for (const line of lines) {
        const facts = line;
        if (typeof line !== 'object' || line === null || typeof facts.name !== 'string')
            continue;
        if (!facts.judgement || typeof facts.judgement !== 'object')
            continue;
        last.delete(facts.name);
        last.set(facts.name, facts);
    }
    if (last.size === 0)
        return undefined;
    return {
        // The endpoint is not in metrics.ndjson; unknown rather than guessed.
        endpoint: null,
        queries: [...last].map(([name, facts]) => {
            const j = facts.judgement ?? {};
            return {
                name,
                query: typeof facts.query === 'string' ? facts.query : '',
                observed: numberOrNull(j.observed),
                limit: numberOrNull(j.limit),
                outcome: j.status === 'good' ? 'pass' : j.status === 'bad' ? 'fail' : 'not-judged',
                message: typeof j.message === 'string' ? j.message : '',
            };
        }),
    };
}
function completeRecord(record, lines, problems, now, files, metricsLines = []) {
    const metrics = record.metrics ?? recordedMetrics(metricsLines);
    const probes = lines.filter((l) => typeof l === 'object' && l !== null && l.run === 'release');
    const successes = probes.filter((p) => p.ok === true).length;
    const latencies = probes
        .filter((p) => typeof p.status === 'number')
        .map((p) => Number(p.latency_ms));
    const summary = (0,stats/* latencySummary */.vO)(latencies);
    const last = probes.at(-1);
    const lastText = last
        ? `; last probe at ${String(last.time)}: ${last.ok ? `ok ${String(last.status)}` : String(last.error?.message ?? 'failed')}`
        : '';
    const torn = problems.length
        ? `; ${problems.length} unreadable line(s) in probes.ndjson (${problems.map((p) => `line ${p.line}: ${p.kind}`).join(', ')})`
        : '';
    const reachedVerdict = record.verdict !== 'cancelled';
    const startedMs = Date.parse(record.started_at);
    return {
        ...record,
        ended_at: new Date(Math.max(now, startedMs)).toISOString(),
        ...(reachedVerdict
            ? {}
            : {
                reason: `the main step was cancelled or killed before a verdict, after ${probes.length} probe(s)${lastText}${torn}`,
            }),
        health_checks: reachedVerdict
            ? record.health_checks
            : {
                attempts: probes.length,
                success_count: successes,
                failure_count: probes.length - successes,
                duration_ms: Math.max(0, now - startedMs),
                error_rate: probes.length ? (probes.length - successes) / probes.length : null,
                latency_ms: {
                    p50: summary.p50 ?? null,
                    p95: summary.p95 ?? null,
                    p99: summary.p99 ?? null,
                },
            },
        ...(metrics ? { metrics } : {}),
        files,
    };
}

// EXTERNAL MODULE: ./src/evidence/finish-evidence.ts
var finish_evidence = __webpack_require__(3026);
// EXTERNAL MODULE: ./src/evidence/folder-lock.ts
var folder_lock = __webpack_require__(19217);
// EXTERNAL MODULE: ./src/evidence/layout.ts
var layout = __webpack_require__(94115);
// EXTERNAL MODULE: ./src/evidence/ndjson-log.ts
var ndjson_log = __webpack_require__(81318);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(34200);
// EXTERNAL MODULE: ./src/service/plan-run.ts
var plan_run = __webpack_require__(96432);
// EXTERNAL MODULE: ./src/github/service-deployment.ts
var service_deployment = __webpack_require__(94042);
// EXTERNAL MODULE: ./src/secrets/collect-secrets.ts
var collect_secrets = __webpack_require__(78603);
// EXTERNAL MODULE: ./src/state.ts
var src_state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/evidence/write-failures.ts
var write_failures = __webpack_require__(80776);
// EXTERNAL MODULE: ./src/summary/outside-text.ts
var outside_text = __webpack_require__(42851);
;// CONCATENATED MODULE: ./src/post-step.ts
/**
 * The post step (runs at the end of the job, even after a cancel). When the main step finished,
 * there is nothing to do. When it was cancelled or killed, the evidence it appended as it went
 * is completed here: audit.json (verdict `cancelled` unless one was reached), the seal, the upload.
 */
















/** The main step's plan again (the post step gets the same inputs and environment), if it reads. */
async function replan(env) {
    try {
        return await (0,plan_run/* planRun */.n)(env, { claim: false });
    }
    catch {
        // The inputs were valid in the main step (it saved state only after reading them).
        return undefined;
    }
}
/** The same secrets the main step masked. */
function redactorFor(plan, env) {
    const redactor = new redact/* Redactor */.p();
    const secrets = plan ? (0,collect_secrets/* runSecrets */.To)(plan.services, env) : (0,collect_secrets/* runSecrets */.To)([{ secrets: [] }], env);
    for (const secret of secrets) {
        core/* setSecret */.Pq(secret);
        redactor.addSecret(secret);
    }
    return redactor;
}
async function runPost(env = process.env) {
    const state = (0,src_state/* readState */.un)();
    if (!state.auditDir) {
        core/* info */.pq((0,outside_text/* logLine */.BP)('deploy-gate post: the main step started no gate (invalid inputs, or it did not run); nothing to complete.'));
        return;
    }
    if (state.finished) {
        core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate post: the main step finished its evidence in ${state.auditDir}.`));
        return;
    }
    core/* warning */.$e('deploy-gate: the main step was cancelled or killed before it finished; completing its audit evidence from what it recorded.');
    const root = state.auditDir;
    const plan = await replan(env);
    const redactor = redactorFor(plan, env);
    for (const sub of state.serviceDirs) {
        const dir = (0,external_node_path_.join)(root, sub);
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, layout/* EVIDENCE_FILES */.o.manifest)))
            continue; // this service finished and sealed its record
        try {
            const record = await completedRecord(dir, redactor);
            if (!record)
                continue;
            await (0,finish_evidence/* sealRecord */.xe)({ dir, record, redactor, now: Date.now() });
            core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate post: ${sub || 'audit.json'} completed with verdict ${record.verdict}: ${record.reason}`));
            await closeKilledDeployment(plan, sub, state.deployments[sub], record, env, redactor);
        }
        catch (error) {
            // One unreadable record must not keep the other services' evidence from being sealed and uploaded.
            core/* warning */.$e(`deploy-gate post: could not complete ${dir}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    if (state.serviceDirs.some((sub) => sub !== ''))
        await (0,finish_evidence/* sealFleet */.um)(root, Date.now());
    const uploaded = await (0,finish_evidence/* upload */.Se)({
        dir: root,
        redactor,
        artifactName: state.artifactName ?? 'deploy-gate-audit',
        ...(state.retentionDays ? { retentionDays: state.retentionDays } : {}),
    });
    if (!uploaded.uploaded)
        core/* warning */.$e(uploaded.warning);
    else
        core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate post: uploaded artifact ${uploaded.name} (id ${uploaded.id})`));
    for (const f of write_failures/* writeFailures */.vS.list)
        core/* warning */.$e(redactor.redactText(`deploy-gate post: could not write ${(0,write_failures/* describeFailure */.Ic)(f)}`));
    // The killed main step could not release its lock; its process is gone, so the lock is stale.
    (0,folder_lock/* releaseStaleLock */.my)(root);
}
/** The record a killed main step left in `dir`, completed from what it appended; undefined when there is none. */
async function completedRecord(dir, redactor) {
    const auditPath = (0,external_node_path_.join)(dir, layout/* EVIDENCE_FILES */.o.audit);
    if (!(0,external_node_fs_.existsSync)(auditPath)) {
        core/* warning */.$e(`deploy-gate post: ${auditPath} is missing; there is no record to complete.`);
        return undefined;
    }
    const partial = (0,audit_file/* parseAuditRecord */.o)(JSON.parse((0,external_node_fs_.readFileSync)(auditPath, 'utf8')), redactor);
    // No probes.ndjson: the step was stopped before its first probe (during initial-delay or the
    // Fly preflight); that is zero attempts, not a reason to give up.
    const probesPath = (0,external_node_path_.join)(dir, layout/* EVIDENCE_FILES */.o.probes);
    const probes = (0,external_node_fs_.existsSync)(probesPath) ? (0,ndjson_log/* readNdjson */.J)(probesPath) : { records: [], problems: [] };
    const metricsPath = (0,external_node_path_.join)(dir, layout/* EVIDENCE_FILES */.o.metrics);
    const metrics = (0,external_node_fs_.existsSync)(metricsPath) ? (0,ndjson_log/* readNdjson */.J)(metricsPath).records : [];
    return completeRecord(partial, probes.records, probes.problems, Date.now(), await (0,finish_evidence/* evidenceFiles */.RL)(dir), metrics);
}
/** Posts the completed verdict to the GitHub deployment the killed step left `in_progress`. */
async function closeKilledDeployment(plan, sub, deploymentId, record, env, redactor) {
    if (deploymentId === undefined)
        return;
    const service = plan?.services.find((s) => (s.name ?? '') === sub) ?? plan?.services[0];
    const deployments = service?.deployments;
    if (!deployments) {
        core/* warning */.$e(`deploy-gate post: GitHub deployment ${deploymentId} is left in_progress: the inputs that name its environment could not be read again.`);
        return;
    }
    await (0,service_deployment/* closeDeployment */.Q)({
        deployments,
        deploymentId,
        verdict: record.verdict,
        reason: record.reason,
        neverServed: record.rules.some((r) => r.rule === 'expected-version' && r.outcome === 'fail'),
        env,
        redactor,
        warn: (message) => core/* warning */.$e(redactor.redactText(message)),
    });
    core/* info */.pq((0,outside_text/* logLine */.BP)(`deploy-gate post: GitHub deployment ${deploymentId} marked with verdict ${record.verdict}.`));
}


/***/ }),

/***/ 86661:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70819);
/* harmony import */ var _post_step_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97626);
/** The post step, loaded by index.ts when dist/post.js runs the bundle: everything lives in post-step.ts. */


// The post step reports its own trouble as a warning: the job's result is the main step's.
await (0,_post_step_js__WEBPACK_IMPORTED_MODULE_1__/* .runPost */ .a)().catch((error) => {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`deploy-gate post step could not complete the evidence: ${error instanceof Error ? error.message : String(error)}`);
});
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

};
