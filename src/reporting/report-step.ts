/** `mode: report` as a step: inputs, the report, then outputs, job summary and annotations. */
import * as core from '@actions/core';
import { boundSummary } from '../report/summary-bounds.js';
import { errorSentence, logLine, outputValue } from '../report/outside-text.js';
import { safeWrite, safeWriteAsync } from '../report/runner-files.js';
import { InputError, parseReportInputs, readInputs } from '../settings/parse-inputs.js';
import { RecordsError, runReport } from './run-report.js';

export async function reportStep(env: NodeJS.ProcessEnv): Promise<void> {
  let inputs;
  try {
    inputs = parseReportInputs(readInputs(env));
  } catch (error) {
    if (error instanceof InputError) return core.setFailed(error.message);
    throw error;
  }
  let result;
  try {
    result = await runReport({ ...inputs, now: Date.now() });
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
  if (report.records.found === 0) core.warning(logLine(`no audit records under ${inputs.records}`));
  core.info(
    logLine(
      `deploy-gate report: ${outputs.deployments} gates in ${report.period}, ${outputs['failed-deployments']} failed; ${reportDir}`,
    ),
  );
}
