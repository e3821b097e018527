/**
 * The repository's artifacts the report reads, through the REST API (Octokit of @actions/github):
 * `GET /repos/{owner}/{repo}/actions/artifacts`, 100 per page, newest first. Kept: names starting
 * with the gate's prefix, not expired, created in the period; paging stops at the first artifact
 * older than the period. The newest report ledger in the period is noted on the way.
 * Each artifact is checked with zod: only its numbers and name are used, never its URLs.
 */
import { getOctokit } from '@actions/github';
import { z } from 'zod';
import type { RateLimiter } from './rate-limit.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** Every artifact the report itself uploads starts with this: never read as gate records. */
export const REPORT_ARTIFACT_PREFIX = 'deploy-gate-report';
/** The cache of what earlier reports read (see ledger.ts). */
export const LEDGER_ARTIFACT_NAME = `${REPORT_ARTIFACT_PREFIX}-ledger`;

/** One request of the REST API may take this long (the page is ~100 small objects). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The fields used, as GitHub's list and get endpoints answer them (others are ignored). */
const artifactSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  size_in_bytes: z.number().int().min(0),
  expired: z.boolean(),
  created_at: z.string().nullable(),
  workflow_run: z.object({ id: z.number().int().positive().nullish() }).nullish(),
});

export interface ArtifactRef {
  id: number;
  name: string;
  sizeInBytes: number;
  /** Epoch ms. */
  createdAt: number;
  /** The workflow run that uploaded it, when GitHub says. */
  runId: number | null;
}

export interface Listing {
  /** Gate artifacts of the period, newest first. */
  records: ArtifactRef[];
  /** The newest unexpired ledger of the period. */
  ledger: ArtifactRef | null;
  /** Gate artifacts of the period that expired (their files are gone). */
  expired: ArtifactRef[];
  /** Entries GitHub listed that did not have the expected shape. */
  malformed: number;
  pages: number;
}

export interface ListOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  prefix: string;
  /** The start of the period, epoch ms. */
  from: number;
}

/** Sends every request of `octokit` through the rate limiter, each under its own timeout. */
export function withRateLimits(octokit: Octokit, limiter: RateLimiter): Octokit {
  octokit.hook.wrap('request', (request, options) =>
    limiter.run(`${options.method} ${String(options.url)}`, async () =>
      request({
        ...options,
        request: { ...options.request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      }),
    ),
  );
  return octokit;
}

function toRef(artifact: z.infer<typeof artifactSchema>): ArtifactRef | null {
  const createdAt = artifact.created_at === null ? Number.NaN : Date.parse(artifact.created_at);
  if (!Number.isFinite(createdAt)) return null;
  return {
    id: artifact.id,
    name: artifact.name,
    sizeInBytes: artifact.size_in_bytes,
    createdAt,
    runId: artifact.workflow_run?.id ?? null,
  };
}

export async function listArtifacts(options: ListOptions): Promise<Listing> {
  const { octokit, owner, repo, prefix, from } = options;
  const listing: Listing = { records: [], ledger: null, expired: [], malformed: 0, pages: 0 };
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
      if (ref.createdAt < from) break paging;
      if (ref.name === LEDGER_ARTIFACT_NAME) {
        if (!parsed.data.expired && !listing.ledger) listing.ledger = ref;
      } else if (ref.name.startsWith(prefix) && !ref.name.startsWith(REPORT_ARTIFACT_PREFIX)) {
        (parsed.data.expired ? listing.expired : listing.records).push(ref);
      }
    }
  }
  return listing;
}

export interface NamedOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** The exact name (GitHub's `name` filter). */
  name: string;
  /** Pages of 100 read at most: newest first, so the first pages hold the newest copies. */
  maxPages: number;
}

/** The newest unexpired artifact called exactly `name`, or null when none is listed. */
export async function newestArtifactNamed(options: NamedOptions): Promise<ArtifactRef | null> {
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
      if (parsed.success && ref && ref.name === name && !parsed.data.expired) return ref;
    }
    if ((read += 1) >= maxPages) break;
  }
  return null;
}
