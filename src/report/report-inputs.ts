/**
 * The inputs of `mode: report`, checked before anything is read: every problem names the input,
 * the value and what is accepted, as the gate's inputs do.
 */
import { artifactNameInput, retentionDaysInput } from '../evidence/artifact-upload.js';
import * as field from '../settings/field-parsers.js';
import { SettingsError } from '../settings/problems.js';
import { describeIssue } from '../settings/parse-inputs.js';
import { parsePeriod } from '../settings/run-options.js';
import { type RawInputs } from '../settings/read-inputs.js';

/** The inputs of `mode: report`. */
export interface ReportInputs {
  /** The longest window, ms, and how the input wrote it (`30d`). */
  periodMs: number;
  periodLabel: string;
  /** The folder of audit records; empty: this repository's workflow artifacts. */
  records: string;
  /** Where report.json, report.md and report.html go (the `audit-dir` input). */
  reportDir: string;
  /** For the artifacts (needed when `records` is empty). A secret: mask it. */
  token: string;
  /** Artifacts whose name starts with this are gate records. */
  artifactPrefix: string;
  /** Of the report and ledger artifacts; undefined: the repository's default. */
  retentionDays: number | undefined;
  /** The config file with slo_targets; empty: no targets, no compliance or budgets. */
  config: string;
  /** Where the SLO message goes; a secret (the URL is the credential). */
  webhookUrl: string | undefined;
}

export function parseReportInputs(raw: RawInputs): ReportInputs {
  const problems: string[] = [];
  const parsed = parsePeriod(raw);
  if (typeof parsed === 'string') problems.push(parsed);
  const { ms: periodMs, label: period } =
    typeof parsed === 'string' ? { ms: 0, label: '' } : parsed;
  const records = (raw.records ?? '').trim();
  const token = field.secretToken().safeParse(raw['github-token'] ?? '');
  if (!token.success)
    problems.push(...token.error.issues.map((i) => describeIssue(i, 'github-token', raw)));
  else if (!records && !token.data)
    problems.push(
      'Input "github-token" is empty while "records" is empty: the report then reads this repository\'s workflow artifacts, which needs a token; accepted: `github-token: ${{ github.token }}` with the job\'s `permissions: actions: read`, or `records:` a folder of audit records',
    );
  const prefix = artifactNameInput('artifact-prefix').safeParse(
    (raw['artifact-prefix'] ?? '').trim(),
  );
  if (!prefix.success)
    problems.push(...prefix.error.issues.map((i) => describeIssue(i, 'artifact-prefix', raw)));
  const retention = retentionDaysInput().safeParse(raw['retention-days'] ?? '');
  if (!retention.success)
    problems.push(...retention.error.issues.map((i) => describeIssue(i, 'retention-days', raw)));
  const reportDir = (raw['audit-dir'] ?? '').trim();
  if (!reportDir)
    problems.push('Input "audit-dir" is empty: the report needs a folder to write to');
  const webhook = field.optional(field.httpUrl()).safeParse(raw['webhook-url'] ?? '');
  if (!webhook.success)
    problems.push(...webhook.error.issues.map((i) => describeIssue(i, 'webhook-url', raw)));
  if (
    problems.length ||
    !token.success ||
    !prefix.success ||
    !retention.success ||
    !webhook.success
  )
    throw new SettingsError(problems);
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
