/** `mode: report` as a step: inputs, the report, then outputs, job summary and annotations. */
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { boundSummary } from '../summary/summary-bounds.js';
import { errorSentence, logLine, outputValue } from '../summary/outside-text.js';
import { safeWrite, safeWriteAsync } from '../summary/runner-files.js';
import { readInputs } from '../settings/read-inputs.js';
import { parseReportInputs } from './report-inputs.js';
import { Redactor } from '../secrets/redact.js';
import { sourceFromEnv, sourceNote } from './github/from-env.js';
import { ArtifactsError, readGitHubRecords, type GitHubRead } from './github/github-records.js';
import { incidentSourceFromEnv, readIncidentIssues } from './github/incident-issues-source.js';
import { uploadReport } from './github/upload-report.js';
import type { IncidentIssuesRead } from './incidents.js';
import { RecordsError, runReport } from './run-report.js';
import { SettingsError } from '../settings/problems.js';
import { githubRunFromEnv, runUrl } from '../github/github-run.js';
import { notifyBudgets } from './budget-notify.js';
import { loadSloConfig } from './slo-config.js';
import type { SloConfig } from './slo.js';

export async function reportStep(env: NodeJS.ProcessEnv): Promise<void> {
  let inputs;
  try {
    inputs = parseReportInputs(readInputs(env));
  } catch (error) {
    if (error instanceof SettingsError) return core.setFailed(error.message);
    throw error;
  }
  if (inputs.token) core.setSecret(inputs.token);
  if (inputs.webhookUrl) core.setSecret(inputs.webhookUrl);
  const redactor = new Redactor();
  redactor.addSecret(inputs.token);
  if (inputs.webhookUrl) redactor.addSecret(inputs.webhookUrl);
  // The config is checked before any request, as every input is.
  let slo: SloConfig | undefined;
  if (inputs.config) {
    try {
      slo = await loadSloConfig(inputs.config, env);
    } catch (error) {
      if (error instanceof SettingsError) return core.setFailed(error.message);
      throw error;
    }
  }
  const now = Date.now();
  let github: GitHubRead | undefined;
  let note = '';
  if (!inputs.records) {
    const setup = sourceFromEnv(env, {
      token: inputs.token,
      prefix: inputs.artifactPrefix,
      from: now - inputs.periodMs,
      redactor,
      log: (line) => core.info(logLine(redactor.redactText(line))),
    });
    if (!setup.ok) return core.setFailed(`deploy-gate report: ${setup.problem}`);
    const { owner, repo } = setup.source;
    try {
      github = await readGitHubRecords(setup.source);
    } catch (error) {
      if (error instanceof ArtifactsError)
        return core.setFailed(logLine(`deploy-gate report: ${error.message}`));
      return core.setFailed(
        logLine(redactor.redactText(`deploy-gate report: ${errorSentence(error)}`)),
      );
    }
    note = sourceNote(`${owner}/${repo}`, inputs.artifactPrefix, github.counts);
  }
  // Monitor mode's incident issues, whenever a token is given (with `records` too): paperwork,
  // so a listing that fails is a warning and the gates' numbers stand.
  let incidents: IncidentIssuesRead | undefined;
  if (inputs.token) {
    const setup = incidentSourceFromEnv(env, {
      token: inputs.token,
      from: now - inputs.periodMs,
      redactor,
      log: (line) => core.info(logLine(redactor.redactText(line))),
    });
    if (setup.ok) incidents = await readIncidentIssues(setup.source);
    else core.info(logLine(`incident issues not read: ${setup.reason}`));
  }
  let result;
  try {
    result = await runReport({
      ...inputs,
      now,
      ...(github ? { read: github, sourceNote: note } : {}),
      ...(slo ? { slo } : {}),
      ...(incidents ? { incidents } : {}),
    });
  } catch (error) {
    if (error instanceof RecordsError)
      return core.setFailed(`deploy-gate report: ${error.message}`);
    return core.setFailed(`deploy-gate report: ${errorSentence(error)}`);
  }
  const { report, reportDir } = result;
  const period = report.windows.at(-1)?.overall;
  const outputs: Record<string, string> = {
    deployments: String(period?.deployments ?? 0),
    'failed-deployments': String(period?.failed ?? 0),
    'change-failure-rate': String(period?.change_failure_rate_percent ?? ''),
    rollbacks: String(period?.rollbacks ?? 0),
    'mttr-seconds': String(period?.time_to_restore_seconds.mean ?? ''),
    'report-dir': reportDir,
  };
  safeWrite('GITHUB_OUTPUT', () => {
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, outputValue(value));
  });
  await safeWriteAsync('GITHUB_STEP_SUMMARY', () =>
    core.summary.addRaw(boundSummary(result.markdown)).write(),
  );
  const failed = report.records.failed_checksum;
  if (failed.length)
    core.warning(
      logLine(
        `${failed.length} record${failed.length === 1 ? '' : 's'} failed ${failed.length === 1 ? 'its' : 'their'} checksum: ${failed.map((f) => f.path).join(', ')}`,
      ),
    );
  for (const s of report.records.skipped)
    core.warning(logLine(`record ${s.path} skipped: ${s.reason}`));
  if (incidents?.warning) core.warning(logLine(incidents.warning));
  if (report.records.found === 0)
    core.warning(
      logLine(
        inputs.records
          ? `no audit records under ${inputs.records}`
          : `no audit records in the artifacts named ${inputs.artifactPrefix}* of the period`,
      ),
    );
  const uploads = await uploadReport({
    reportDir,
    ledger: github ? github.ledger : null,
    now,
    tempDir: env.RUNNER_TEMP?.trim() || tmpdir(),
    retentionDays: inputs.retentionDays,
    redactor,
    env,
  });
  if (uploads.skipped) core.info(logLine(`report not uploaded as an artifact: ${uploads.skipped}`));
  for (const outcome of [uploads.report, uploads.ledger]) {
    if (!outcome) continue;
    if (outcome.uploaded)
      core.info(logLine(`uploaded artifact ${outcome.name} (id ${outcome.id})`));
    else core.warning(logLine(outcome.warning));
  }
  if (inputs.webhookUrl) {
    const run = githubRunFromEnv(env);
    const sent = await notifyBudgets(report, inputs.webhookUrl, {
      redactor,
      ...(run.ok ? { reportRunUrl: runUrl(run.run) } : {}),
    });
    if (sent.warning) core.warning(logLine(sent.warning));
    else core.info(logLine(sent.message));
  }
  core.info(
    logLine(
      `deploy-gate report: ${outputs.deployments} gates in ${report.period}, ${outputs['failed-deployments']} failed; ${reportDir}`,
    ),
  );
}
