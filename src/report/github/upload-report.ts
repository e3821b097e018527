/**
 * The report's two uploads, best effort like the gate's evidence (evidence/artifact-upload.ts):
 * report.json, report.md and report.html as `deploy-gate-report-<run id>-<attempt>`, and the
 * ledger as `deploy-gate-report-ledger` for the next report. Without the artifact service
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL: set by the runner for JavaScript actions) nothing
 * is attempted and the step says so; a failed upload is a warning, never a failed report.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  artifactName,
  uploadEvidence,
  type ArtifactUploader,
  type UploadOutcome,
} from '../../evidence/artifact-upload.js';
import type { Redactor } from '../../secrets/redact.js';
import { LEDGER_FILE, ledgerText, type LedgerEntry } from './ledger.js';
import { LEDGER_ARTIFACT_NAME, REPORT_ARTIFACT_PREFIX } from './list-artifacts.js';

export const REPORT_FILES = ['report.json', 'report.md', 'report.html'] as const;

/** Why the artifact service cannot be used here, or null when it can. */
export function artifactServiceMissing(env: NodeJS.ProcessEnv): string | null {
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter((name) => !env[name]);
  return missing.length === 0
    ? null
    : `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set (the artifact service is there only inside a GitHub Actions JavaScript step)`;
}

/** `deploy-gate-report-<run id>-<attempt>`: a name is used once per run. */
export function reportArtifactName(env: NodeJS.ProcessEnv): string {
  return artifactName({
    runId: env.GITHUB_RUN_ID ?? 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    job: env.GITHUB_JOB ?? '',
  }).replace(/^deploy-gate-audit/, REPORT_ARTIFACT_PREFIX);
}

export interface ReportUploads {
  reportDir: string;
  /** The next ledger; null when the records came from disk. */
  ledger: LedgerEntry[] | null;
  now: number;
  tempDir: string;
  retentionDays?: number;
  redactor: Redactor;
  env: NodeJS.ProcessEnv;
  client?: ArtifactUploader;
}

export interface UploadResults {
  /** Set when nothing was attempted. */
  skipped: string | null;
  report: UploadOutcome | null;
  ledger: UploadOutcome | null;
}

export async function uploadReport(options: ReportUploads): Promise<UploadResults> {
  const skipped = artifactServiceMissing(options.env);
  if (skipped) return { skipped, report: null, ledger: null };
  const work = await mkdtemp(join(options.tempDir, 'deploy-gate-report-upload-'));
  const common = {
    redactor: options.redactor,
    ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
    ...(options.client ? { client: options.client } : {}),
  };
  try {
    // Only the three files: the report folder may be the audit folder of other steps too.
    const reportCopy = join(work, 'report');
    await mkdir(reportCopy);
    for (const file of REPORT_FILES)
      await copyFile(join(options.reportDir, file), join(reportCopy, file));
    const report = await uploadEvidence({
      ...common,
      dir: reportCopy,
      name: reportArtifactName(options.env),
      label: 'The report',
    });
    let ledger: UploadOutcome | null = null;
    if (options.ledger) {
      const ledgerDir = join(work, 'ledger');
      await mkdir(ledgerDir);
      await writeFile(join(ledgerDir, LEDGER_FILE), ledgerText(options.ledger, options.now));
      ledger = await uploadEvidence({
        ...common,
        dir: ledgerDir,
        name: LEDGER_ARTIFACT_NAME,
        label: 'The report ledger',
      });
    }
    return { skipped: null, report, ledger };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
