/**
 * Downloads one artifact of this repository into a folder, with the toolkit's client:
 * `DefaultArtifactClient().downloadArtifact(id, {path, findBy})`. It asks the REST API for
 * `GET .../actions/artifacts/{id}/zip` without following the redirect (its Octokit is built by
 * @actions/github from GITHUB_API_URL, so a local stand-in serves it in tests), then streams the
 * short-lived URL of the 302 through unzip-stream into `path` (entries with `..` are flattened, so
 * nothing lands outside). It refuses GHES (GITHUB_SERVER_URL not github.com, *.ghe.com or
 * *.localhost), as it does for uploads. Its retries of a failed zip stream (5 × 5 s) are its own;
 * the rate limits of the REST call are ours (rate-limit.ts), and so is the deadline here.
 */
import type { ArtifactRef } from './list-artifacts.js';

export type ArtifactDownloader = (artifact: ArtifactRef, path: string) => Promise<void>;

/** One artifact (a gate's evidence is a few MB) gets this long, its retries included. */
export const DOWNLOAD_TIMEOUT_MS = 3 * 60_000;

/** Larger artifacts are not gate evidence (a gate writes a few MB at most): listed, not fetched. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

export interface ToolkitFindBy {
  token: string;
  owner: string;
  repo: string;
}

export function toolkitDownloader(findBy: ToolkitFindBy): ArtifactDownloader {
  return async (artifact, path) => {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    await new DefaultArtifactClient().downloadArtifact(artifact.id, {
      path,
      findBy: {
        token: findBy.token,
        // Not used to fetch an artifact by id; the type asks for it.
        workflowRunId: artifact.runId ?? 0,
        repositoryOwner: findBy.owner,
        repositoryName: findBy.repo,
      },
    });
  };
}

/** Runs a download under a deadline (the client has none over the whole exchange). */
export async function withDeadline(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
