/**
 * The SLO ledger kept as a workflow artifact when there is no `records` folder: the newest
 * unexpired `deploy-gate-monitor-ledger` of this repository is downloaded before sampling, and the
 * next ledger is uploaded under the same name after the run. The report's GitHub code does the
 * work (listing with rate limits, the toolkit's download and upload); this module only picks the
 * artifact and turns every failure into a warning, so a run without its ledger still measures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorText } from '../evidence/error-text.js';
import { capText, oneLine } from '../summary/outside-text.js';
import { uploadEvidence } from '../evidence/artifact-upload.js';
import type { Redactor } from '../secrets/redact.js';
import type { Clock } from '../gate/clock.js';
import { withDeadline } from '../report/github/download-artifact.js';
import { sourceFromEnv } from '../report/github/from-env.js';
import { listingFailure } from '../report/github/github-records.js';
import { newestArtifactNamed, withRateLimits } from '../report/github/list-artifacts.js';
import { httpFacts, RateLimiter } from '../report/github/rate-limit.js';
import { artifactServiceMissing } from '../report/github/upload-report.js';
import { LEDGER_ARTIFACT, readLedgerFile, writeLedgerFile } from './ledger-file.js';
import { emptyLedger, type Ledger } from './slo-ledger.js';

/** GitHub keeps the ledger this long unless `retention-days` says otherwise: every run renews it. */
export const LEDGER_RETENTION_DAYS = 7;
/** Newest first and filtered by name: the first page holds the newest copy; two are plenty. */
const MAX_LISTING_PAGES = 2;
/** A scheduled run every 5 minutes cannot wait long for rate limits before it samples. */
const RATE_LIMITS = { maxRetries: 2, maxTotalWaitMs: 60_000 };
/** The ledger is well under 1 MB: a download that takes longer has gone wrong. */
const DOWNLOAD_DEADLINE_MS = 60_000;

export interface LedgerArtifactOptions {
  token: string;
  redactor: Redactor;
  clock: Pick<Clock, 'now' | 'sleep'>;
  log: (line: string) => void;
}

/** The last run's ledger, or an empty one with the reason (never throws). */
export async function loadLedgerArtifact(
  env: NodeJS.ProcessEnv,
  options: LedgerArtifactOptions,
): Promise<{ ledger: Ledger; problem?: string }> {
  const fresh = (problem: string) => ({ ledger: emptyLedger(), problem });
  const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    return fresh(
      `GITHUB_REPOSITORY ${JSON.stringify(repository)} is not owner/repo, so no ledger artifact can be found: budgets and burn rates cover this run only`,
    );
  const setup = sourceFromEnv(env, {
    token: options.token,
    prefix: LEDGER_ARTIFACT,
    from: 0,
    redactor: options.redactor,
    log: options.log,
  });
  if (!setup.ok) return fresh(setup.problem);
  const source = setup.source;
  const limiter = new RateLimiter(options.clock, RATE_LIMITS, (what, ms) =>
    options.log(`rate limited: waiting ${Math.ceil(ms / 1000)} s before retrying ${what}`),
  );
  let found;
  try {
    found = await newestArtifactNamed({
      octokit: withRateLimits(source.octokit, limiter),
      owner: source.owner,
      repo: source.repo,
      name: LEDGER_ARTIFACT,
      maxPages: MAX_LISTING_PAGES,
    });
  } catch (error) {
    return fresh(`${listingFailure(source, error)}; this run starts a new ledger`);
  }
  if (!found) return fresh(`no ledger artifact yet: this run starts one`);
  const dir = await mkdtemp(join(source.tempDir, 'deploy-gate-monitor-ledger-'));
  try {
    await withDeadline(
      source.download(found, dir),
      DOWNLOAD_DEADLINE_MS,
      `the download of artifact ${found.id}`,
    );
    const read = readLedgerFile(dir);
    options.log(`ledger read from artifact ${LEDGER_ARTIFACT} (id ${found.id})`);
    return read.problem
      ? { ledger: read.ledger, problem: `artifact ${found.id}: ${read.problem}` }
      : read;
  } catch (error) {
    const { status } = httpFacts(error);
    return fresh(
      options.redactor.redactText(
        `could not download the ledger artifact ${found.id}${status === null ? '' : ` (HTTP ${status})`}: ${oneLine(capText(errorText(error), 300))}; this run starts a new ledger`,
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface SaveOptions {
  tempDir: string;
  redactor: Redactor;
  retentionDays?: number;
  signal?: AbortSignal;
}

/** Uploads the next ledger; says what happened in one sentence (ok false: a warning). */
export async function saveLedgerArtifact(
  env: NodeJS.ProcessEnv,
  ledger: Ledger,
  options: SaveOptions,
): Promise<{ ok: boolean; message: string }> {
  const missing = artifactServiceMissing(env);
  if (missing) return { ok: false, message: `the ledger was not saved as an artifact: ${missing}` };
  const dir = await mkdtemp(join(options.tempDir, 'deploy-gate-monitor-ledger-'));
  let uploaded = false;
  try {
    writeLedgerFile(dir, ledger);
    const days = options.retentionDays ?? LEDGER_RETENTION_DAYS;
    const outcome = await uploadEvidence({
      dir,
      name: LEDGER_ARTIFACT,
      retentionDays: days,
      redactor: options.redactor,
      label: 'The SLO ledger',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    uploaded = outcome.uploaded;
    return outcome.uploaded
      ? {
          ok: true,
          message: `ledger saved as artifact ${LEDGER_ARTIFACT}${outcome.id === null ? '' : ` (id ${outcome.id})`}, kept ${days} days`,
        }
      : { ok: false, message: outcome.warning };
  } catch (error) {
    return {
      ok: false,
      message: options.redactor.redactText(
        `the ledger was not saved as an artifact: ${errorText(error)}`,
      ),
    };
  } finally {
    // Kept when the upload failed: the warning names the folder (RUNNER_TEMP is emptied later).
    if (uploaded) await rm(dir, { recursive: true, force: true });
  }
}
