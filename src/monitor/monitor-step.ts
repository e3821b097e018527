/**
 * `mode: monitor` as a step: the services and their SLOs (the same inputs and config as a gate),
 * the ledger from the last run (a `records` folder, else an artifact), one sampling run, then the
 * sealed record, the ledger for the next run, alerts (webhook, incident issues), outputs and the
 * job summary. Nothing is ever rolled back. Paperwork that fails (ledger, record, upload,
 * webhook, issue) is a warning: the numbers of this run are still reported.
 */
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { EvidenceFolder } from '../evidence/evidence-folder.js';
import { describeFailure } from '../evidence/write-failures.js';
import { sealEvidence } from '../evidence/seal.js';
import { upload } from '../evidence/finish-evidence.js';
import { Redactor } from '../secrets/redact.js';
import { realClock } from '../gate/clock.js';
import { githubRunFromEnv, runUrl } from '../github/github-run.js';
import { graceAfter } from '../service/paperwork.js';
import type { RunPlan } from '../service/plan-run.js';
import { boundSummary } from '../summary/summary-bounds.js';
import { errorSentence, logLine, outputValue } from '../summary/outside-text.js';
import { redactOutput, safeWrite, safeWriteAsync } from '../summary/runner-files.js';
import { readInputs } from '../settings/read-inputs.js';
import { runSecrets } from '../secrets/collect-secrets.js';
import { alertMessage } from './alert-message.js';
import { readLedgerFile, writeLedgerFile } from './ledger-file.js';
import { MONITOR_SCHEMA_VERSION, monitorRecord, writeMonitorRecord } from './monitor-record.js';
import { parseMonitorInputs, type MonitorInputs } from './monitor-inputs.js';
import { monitorOutputs, monitorSummary } from './monitor-summary.js';
import { monitorOwnership, monitorServices, serviceName } from './monitor-plan.js';
import {
  ledgerLimitProblems,
  ledgerProblems,
  runMonitor,
  type MonitorResult,
  type ServiceState,
} from './run-monitor.js';
import { evictionNote } from './retired-entries.js';
import { emptyLedger, type Ledger } from './slo-ledger.js';

export interface MonitorHooks {
  /** Refuses the run (input or config errors), as the gate does. */
  fail: (message: string) => Promise<void>;
  planRun: (env: NodeJS.ProcessEnv) => Promise<RunPlan>;
  signal: AbortSignal;
}

export async function monitorStep(env: NodeJS.ProcessEnv, hooks: MonitorHooks): Promise<void> {
  let inputs: MonitorInputs;
  let plan: RunPlan;
  try {
    inputs = parseMonitorInputs(readInputs(env), env);
    plan = await hooks.planRun(env);
  } catch (error) {
    return hooks.fail((error as Error).message);
  }
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  const redactor = new Redactor();
  for (const secret of runSecrets(plan.services, env)) {
    core.setSecret(secret);
    redactor.addSecret(secret);
  }
  if (inputs.githubToken) redactor.addSecret(inputs.githubToken);

  // Config problems refuse the run before any request (the ledger's artifact is one).
  const services = monitorServices(plan);
  const unmeasurable = plan.services.flatMap((s) =>
    s.groups.some((r) => r.policy.maxErrorRate === 0)
      ? [
          `service "${serviceName(s)}": an availability target of 100 % (max-error-rate 0) has no error budget to burn; accepted: a target below 100 %, e.g. 99.9 %`,
        ]
      : [],
  );
  const refused = [...unmeasurable, ...ledgerLimitProblems(services)];
  if (refused.length) return hooks.fail(refused.join('\n'));

  const loaded = await loadLedger(inputs, redactor, env);
  if (loaded.problem) core.warning(logLine(`deploy-gate monitor: ${loaded.problem}`));
  // A ledger shared with other monitors may leave this one no room, or hold its service names
  // for another monitor: refused before any probe or GitHub write.
  const ownership = monitorOwnership(plan, inputs.owner);
  const now = realClock.now();
  const crowded = ledgerProblems(services, loaded.ledger, ownership, now, inputs.windowMs);
  if (crowded.length) return hooks.fail(crowded.join('\n'));

  const evidence = new EvidenceFolder(plan.auditDir, redactor);
  const observeForMs = Math.max(
    ...plan.services.flatMap((s) => s.groups.map((r) => r.policy.observeForMs)),
  );
  core.info(
    logLine(
      `deploy-gate monitor: ${services.length} service${services.length === 1 ? '' : 's'}, ${services.reduce((n, s) => n + s.targets.length, 0)} URLs, sampling for ${Math.round(observeForMs / 1000)} s`,
    ),
  );
  const result = await runMonitor({
    services,
    ledger: loaded.ledger,
    clock: realClock,
    observeForMs,
    windowMs: inputs.windowMs,
    ownership,
    signal: hooks.signal,
    onAttempt: (attempt) => evidence.attempt(attempt),
  });
  const closedWithEntries = [...result.retired, ...result.services.flatMap((s) => s.retired)];
  const evicted = evictionNote(
    result.evicted,
    closedWithEntries.filter((e) => e.reason === 'evicted').length,
  );
  if (evicted) core.warning(logLine(redactor.redactText(evicted)));

  const github = githubRunFromEnv(env);
  const link = github.ok ? runUrl(github.run) : null;
  await keepRecord(evidence, result, inputs, link, redactor, plan, env, hooks.signal);
  if (inputs.records) {
    try {
      const path = writeLedgerFile(inputs.records, result.ledger);
      core.info(logLine(`deploy-gate monitor: ledger saved to ${path}`));
    } catch (error) {
      core.warning(
        logLine(`deploy-gate monitor: the ledger could not be saved: ${errorSentence(error)}`),
      );
    }
  } else if (inputs.githubToken) {
    const { saveLedgerArtifact } = await import('./ledger-artifact.js');
    const saved = await saveLedgerArtifact(env, result.ledger, {
      tempDir: env.RUNNER_TEMP?.trim() || tmpdir(),
      redactor,
      ...(plan.retentionDays ? { retentionDays: plan.retentionDays } : {}),
      signal: graceAfter(hooks.signal),
    });
    const line = logLine(`deploy-gate monitor: ${saved.message}`);
    if (saved.ok) core.info(line);
    else core.warning(line);
  }
  await announce(result, plan, inputs, link, redactor, env, hooks.signal);
  report(result, inputs, redactor);
  await safeWriteAsync('GITHUB_STEP_SUMMARY', () =>
    core.summary
      .addRaw(boundSummary(redactor.redactText(monitorSummary(result, inputs.windowLabel))))
      .write(),
  );
}

/** The last run's ledger: from the `records` folder, else from the artifact, else a new one. */
async function loadLedger(
  inputs: MonitorInputs,
  redactor: Redactor,
  env: NodeJS.ProcessEnv,
): Promise<{ ledger: Ledger; problem?: string }> {
  if (inputs.records) return readLedgerFile(inputs.records);
  if (!inputs.githubToken)
    return {
      ledger: emptyLedger(),
      problem:
        'neither "records" nor "github-token" is set: budgets and burn rates cover this run only (set "github-token" to keep the ledger as an artifact, or "records" to a folder kept between runs)',
    };
  const { loadLedgerArtifact } = await import('./ledger-artifact.js');
  return loadLedgerArtifact(env, {
    token: inputs.githubToken,
    redactor,
    clock: realClock,
    log: (line) => core.info(logLine(`deploy-gate monitor: ${line}`)),
  });
}

/** monitor.json and the probes, sealed, then uploaded like a gate's evidence. */
async function keepRecord(
  evidence: EvidenceFolder,
  result: MonitorResult,
  inputs: MonitorInputs,
  link: string | null,
  redactor: Redactor,
  plan: RunPlan,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<void> {
  evidence.guard('monitor.json', () =>
    writeMonitorRecord(
      evidence.dir,
      monitorRecord(result, { window: inputs.windowLabel, runUrl: link }),
      redactor,
    ),
  );
  await evidence.guardAsync('', () =>
    sealEvidence(evidence.dir, { schemaVersion: MONITOR_SCHEMA_VERSION, now: Date.now() }),
  );
  for (const failure of evidence.failures.list)
    core.warning(logLine(`deploy-gate monitor: evidence not written: ${describeFailure(failure)}`));
  const uploaded = await upload({
    dir: evidence.dir,
    redactor,
    artifactName:
      plan.artifactName ??
      `deploy-gate-monitor-${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    ...(plan.retentionDays ? { retentionDays: plan.retentionDays } : {}),
    signal: graceAfter(signal),
  });
  if (!uploaded.uploaded) core.info(logLine(`deploy-gate monitor: ${uploaded.warning}`));
}

/** The webhook message and the incident issues for what started, escalated or ended. */
async function announce(
  result: MonitorResult,
  plan: RunPlan,
  inputs: MonitorInputs,
  link: string | null,
  redactor: Redactor,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<void> {
  const notify = plan.services.map((s) => s.notify).find(Boolean);
  const message = notify ? alertMessage(result, link ? { run: link } : {}, redactor) : undefined;
  if (notify && message) {
    const { sendWebhook } = await import('../notify/webhook.js');
    const sent = await sendWebhook(notify.webhookUrl, message, {
      redactor,
      signal: graceAfter(signal),
    });
    if (sent.ok) core.info(logLine(`deploy-gate monitor: webhook notified (HTTP ${sent.status})`));
    else core.warning(logLine(sent.warning));
  }
  if (!inputs.incidentIssues || !inputs.githubToken || !inputs.repository) return;
  const { incidentIssues } = await import('./incident-issues.js');
  const [owner, repo] = inputs.repository.split('/') as [string, string];
  const issues = incidentIssues({
    token: inputs.githubToken,
    owner,
    repo,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
  const quiet = { sliPercent: null, remainingPercent: null, consumedMinutes: 0, budgetMinutes: 0 };
  // A service this monitor no longer configures: its open incidents close, saying why.
  const gone: Pick<ServiceState, 'slos' | 'retired' | 'evidence' | 'runbookUrl'> = {
    slos: [],
    retired: result.retired,
    evidence: [],
  };
  for (const service of [...result.services, gone]) {
    const events = [
      ...service.slos.flatMap((slo) =>
        slo.event
          ? [{ event: slo.event, budget: slo.budget as typeof quiet, rates: slo.rates }]
          : [],
      ),
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
        core.info(
          logLine(
            `deploy-gate monitor: incident issue #${done.number} ${done.action} (${event.service} ${event.slo})`,
          ),
        );
      } catch (error) {
        core.warning(
          logLine(
            redactor.redactText(
              `deploy-gate monitor: incident issue for ${event.service} ${event.slo} not updated: ${errorSentence(error)}`,
            ),
          ),
        );
      }
    }
  }
}

function report(result: MonitorResult, inputs: MonitorInputs, redactor: Redactor): void {
  const outputs = monitorOutputs(result);
  safeWrite('GITHUB_OUTPUT', () => {
    for (const [name, value] of Object.entries(outputs))
      core.setOutput(name, outputValue(redactOutput(name, value, redactor)));
  });
  for (const service of result.services) {
    for (const slo of service.slos) {
      if (slo.level === 'none') continue;
      const text = redactor.redactText(
        `${slo.entry} ${slo.objective.name}: ${slo.rule ?? slo.level}; budget left ${slo.budget.remainingPercent?.toFixed(1) ?? '–'} % over ${inputs.windowLabel}`,
      );
      const title = `deploy-gate monitor: ${slo.level === 'page' ? 'page' : 'ticket'} for ${redactor.redactText(slo.entry)}`;
      if (slo.level === 'page') core.error(logLine(text), { title: logLine(title) });
      else core.warning(logLine(text), { title: logLine(title) });
    }
  }
  core.info(
    logLine(
      `deploy-gate monitor: alert ${outputs.alert}; availability ${outputs.availability || '–'} %, budget left ${outputs['error-budget-remaining'] || '–'} % over ${inputs.windowLabel}`,
    ),
  );
}
