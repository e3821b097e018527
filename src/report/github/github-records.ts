/**
 * The records of the period from this repository's workflow artifacts: list them (newest first),
 * take what the newest ledger already holds, download the rest a few at a time (at most
 * MAX_DOWNLOADS per run, newest first: the next run continues from the ledger), read every audit
 * folder inside with the same verify-then-read path as records on disk, and delete each download
 * once read. One artifact that cannot be read is listed as skipped; only a listing that fails
 * throws (ArtifactsError), since a report over an unknown part of the period would mislead.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../gate/clock.js';
import { errorText } from '../../evidence/error-text.js';
import { capText, oneLine } from '../../summary/outside-text.js';
import type { ApiScope } from '../../github/call-failure.js';
import type { Redactor } from '../../secrets/redact.js';
import { readFacts, type FactsRead } from '../run-report.js';
import {
  DOWNLOAD_TIMEOUT_MS,
  MAX_ARTIFACT_BYTES,
  withDeadline,
  type ArtifactDownloader,
} from './download-artifact.js';
import { readLedger, type LedgerEntry } from './ledger.js';
import {
  LEDGER_ARTIFACT_NAME,
  listArtifacts,
  withRateLimits,
  type ArtifactRef,
  type Listing,
  type Octokit,
} from './list-artifacts.js';
import {
  httpFacts,
  RateLimiter,
  limiterFailure,
  RATE_LIMIT_POLICY,
  type RateLimitPolicy,
} from './rate-limit.js';
import { mapLimit } from '../../gate/pacing.js';

/**
 * Downloads per run: each is one REST request (the zip's redirect), and a GITHUB_TOKEN has 1,000
 * an hour per repository, shared with every other job. A month of daily gates for 16 services
 * fits in one run; more are read by the next runs, the ledger keeping what was read.
 */
export const MAX_DOWNLOADS = 500;
/** Downloads at once. */
export const PARALLEL_DOWNLOADS = 3;

export interface GitHubSource {
  octokit: Octokit;
  download: ArtifactDownloader;
  owner: string;
  repo: string;
  /** Web base for links (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** Gate artifacts are those whose name starts with this. */
  prefix: string;
  /** The start of the period, epoch ms. */
  from: number;
  /** Downloads go under here (one folder per run, removed at the end). */
  tempDir: string;
  clock: Pick<Clock, 'now' | 'sleep'>;
  log: (line: string) => void;
  redactor: Redactor;
  policy?: RateLimitPolicy;
  maxDownloads?: number;
}

export interface SourceCounts {
  /** Gate artifacts of the period, not expired. */
  listed: number;
  expired: number;
  fromLedger: number;
  downloaded: number;
  /** Listed but failed to download (listed as skipped, tried again next run). */
  failed: number;
  /** Left for the next run by the cap. */
  notRead: number;
  pages: number;
  rateLimitWaitMs: number;
  /** Why the ledger was not used, when one was found and ignored. */
  ledgerIgnored: string | null;
  ledgerId: number | null;
}

export interface GitHubRead extends FactsRead {
  /** What the next ledger holds: every artifact of the period read now or before. */
  ledger: LedgerEntry[];
  counts: SourceCounts;
}

/** Thrown when the artifacts cannot be listed at all. */
export class ArtifactsError extends Error {}

/** `${server}/${owner}/${repo}/actions/runs/${run}[/artifacts/${id}]`, from GitHub's numbers only. */
export function runLinks(
  source: Pick<GitHubSource, 'serverUrl' | 'owner' | 'repo'>,
  artifact: ArtifactRef,
): { runUrl: string | null; artifactUrl: string | null } {
  if (artifact.runId === null) return { runUrl: null, artifactUrl: null };
  const run = `${source.serverUrl}/${encodeURIComponent(source.owner)}/${encodeURIComponent(source.repo)}/actions/runs/${artifact.runId}`;
  return { runUrl: run, artifactUrl: `${run}/artifacts/${artifact.id}` };
}

/** An entry's records, their paths under the artifact's name, their links from the listing. */
function withArtifact(artifact: ArtifactRef, read: FactsRead): LedgerEntry {
  const under = (path: string) => (path === '.' ? artifact.name : `${artifact.name}/${path}`);
  return {
    id: artifact.id,
    name: artifact.name,
    found: read.found,
    facts: read.facts.map((fact) => ({ ...fact, path: under(fact.path) })),
    failed_checksum: read.failed.map((f) => ({ ...f, path: under(f.path) })),
    skipped: read.skipped.map((s) => ({ ...s, path: under(s.path) })),
  };
}

function describeFailure(error: unknown, redactor: Redactor): string {
  const { status } = httpFacts(error);
  // Blob storage and GitHub word these: one capped line, like every outside text.
  const message = oneLine(capText(errorText(error), 300));
  const why =
    status === 404 || status === 410
      ? `HTTP ${status}: the artifact is gone (expired or deleted)`
      : status !== null
        ? `HTTP ${status}: ${message}`
        : message;
  return redactor.redactText(why);
}

async function listOrExplain(source: GitHubSource, limiter: RateLimiter): Promise<Listing> {
  try {
    return await listArtifacts({
      octokit: withRateLimits(source.octokit, limiter),
      owner: source.owner,
      repo: source.repo,
      prefix: source.prefix,
      from: source.from,
    });
  } catch (error) {
    throw new ArtifactsError(listingFailure(source, error));
  }
}

const ACTIONS_READ: ApiScope = { feature: 'actions', access: 'read' };

/** Why a listing failed: the HTTP status and what it usually means, or no answer; secrets masked. */
export function listingFailure(
  where: Pick<GitHubSource, 'owner' | 'repo' | 'redactor'>,
  error: unknown,
): string {
  const why = limiterFailure(error, ACTIONS_READ);
  return where.redactor.redactText(
    `could not list the artifacts of ${where.owner}/${where.repo}: ${why}`,
  );
}

export async function readGitHubRecords(source: GitHubSource): Promise<GitHubRead> {
  const limiter = new RateLimiter(source.clock, source.policy ?? RATE_LIMIT_POLICY, (what, ms) =>
    source.log(`rate limited: waiting ${Math.ceil(ms / 1000)} s before retrying ${what}`),
  );
  const listing = await listOrExplain(source, limiter);
  await mkdir(source.tempDir, { recursive: true });
  const work = await mkdtemp(join(source.tempDir, 'deploy-gate-report-'));
  const counts: SourceCounts = {
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
  const fetchInto = async (artifact: ArtifactRef, dir: string) => {
    await mkdir(dir, { recursive: true });
    await limiter.run(`the download of artifact ${artifact.id}`, () =>
      withDeadline(
        source.download(artifact, dir),
        DOWNLOAD_TIMEOUT_MS,
        `the download of artifact ${artifact.id}`,
      ),
    );
  };
  try {
    let known = new Map<number, LedgerEntry>();
    if (listing.ledger) {
      const dir = join(work, 'ledger');
      try {
        await fetchInto(listing.ledger, dir);
        const ledger = await readLedger(dir);
        if (ledger.ok) known = ledger.entries;
        else counts.ledgerIgnored = ledger.reason;
      } catch (error) {
        counts.ledgerIgnored = `it could not be downloaded (${describeFailure(error, source.redactor)})`;
      }
      await rm(dir, { recursive: true, force: true });
      source.log(
        counts.ledgerIgnored
          ? `ledger ${LEDGER_ARTIFACT_NAME} (artifact ${listing.ledger.id}) ignored: ${counts.ledgerIgnored}`
          : `ledger ${LEDGER_ARTIFACT_NAME} (artifact ${listing.ledger.id}): ${known.size} artifacts read before`,
      );
    }

    const entries: LedgerEntry[] = [];
    const skipped: FactsRead['skipped'] = listing.expired.map((artifact) => ({
      path: artifact.name,
      reason: `artifact ${artifact.id} expired: its records can no longer be read`,
    }));
    const toFetch: ArtifactRef[] = [];
    for (const artifact of listing.records) {
      const entry = known.get(artifact.id);
      if (entry && entry.name === artifact.name) {
        entries.push(entry);
        counts.fromLedger += 1;
      } else if (artifact.sizeInBytes > MAX_ARTIFACT_BYTES) {
        skipped.push({
          path: artifact.name,
          reason: `artifact ${artifact.id} is ${artifact.sizeInBytes} bytes, more than the ${MAX_ARTIFACT_BYTES} a gate's evidence can be`,
        });
      } else {
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

    await mapLimit(toFetch.slice(0, cap), PARALLEL_DOWNLOADS, async (artifact) => {
      const dir = join(work, String(artifact.id));
      try {
        await fetchInto(artifact, dir);
        const read = await readFacts(dir);
        const entry = withArtifact(artifact, read);
        if (read.found === 0)
          entry.skipped.push({
            path: artifact.name,
            reason: `artifact ${artifact.id} holds no audit.json`,
          });
        entries.push(entry);
        counts.downloaded += 1;
      } catch (error) {
        counts.failed += 1;
        skipped.push({
          path: artifact.name,
          reason: `artifact ${artifact.id} could not be read: ${describeFailure(error, source.redactor)}`,
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
    counts.rateLimitWaitMs = limiter.waited;

    const byId = new Map(listing.records.map((artifact) => [artifact.id, artifact]));
    const read: FactsRead = { facts: [], found: 0, failed: [], skipped };
    for (const entry of entries) {
      const artifact = byId.get(entry.id) as ArtifactRef;
      // Links come from this listing's numbers, never from the ledger's or the record's text.
      const links = runLinks(source, artifact);
      read.found += entry.found;
      read.facts.push(...entry.facts.map((fact) => ({ ...fact, ...links })));
      read.failed.push(...entry.failed_checksum);
      read.skipped.push(...entry.skipped);
    }
    const byPath = (a: { path: string }, b: { path: string }) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
    read.facts.sort(byPath);
    read.failed.sort(byPath);
    read.skipped.sort(byPath);
    return { ...read, ledger: entries, counts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
