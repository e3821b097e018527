/**
 * The job summary's last section, written after the evidence is sealed: where to download the
 * artifact, and (folded) the digests of SHA256SUMS and of manifest.json (the two files SHA256SUMS
 * cannot list) and the artifact's id and digest. It lives in GitHub's run page, outside the
 * folder it vouches for, so an auditor can check a downloaded folder against a record that the
 * folder's owner cannot rewrite.
 */
import { cell, code } from './escape.js';

/**
 * The artifact's download page, built only from the runner's own environment and the upload's
 * numeric id: `{server}/{owner}/{repo}/actions/runs/{run}/artifacts/{id}`. Undefined when any
 * part is missing or not of its expected shape (no outside text ever becomes a link).
 */
export function artifactUrl(
  env: Record<string, string | undefined>,
  id: number | null | undefined,
): string | undefined {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  const server = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
  const runId = env.GITHUB_RUN_ID?.trim() ?? '';
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(server)) return undefined;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) return undefined;
  if (!/^\d+$/.test(runId)) return undefined;
  return `${server}/${repository}/actions/runs/${runId}/artifacts/${id}`;
}

export function evidenceFooter(facts: {
  auditDir: string;
  sha256sumsDigest?: string;
  manifestDigest?: string;
  artifact:
    | { uploaded: true; name: string; id: number | null; digest: string | null }
    | { uploaded: false; name: string; warning: string };
  /** The runner's environment, for the download link. */
  env?: Record<string, string | undefined>;
}): string {
  const a = facts.artifact;
  const url = a.uploaded ? artifactUrl(facts.env ?? {}, a.id) : undefined;
  const lines = ['', '### Evidence', ''];
  lines.push(
    a.uploaded
      ? `- Artifact ${code(a.name)}${url ? `: [download](${url})` : ''} (id ${a.id ?? 'unknown'})`
      : `- Artifact ${code(a.name)} not uploaded: ${cell(a.warning)}`,
    `- Folder on the runner: ${code(facts.auditDir)}`,
    '',
    '<details><summary>Digests, to check a downloaded copy</summary>',
    '',
  );
  if (facts.sha256sumsDigest)
    lines.push(
      `- SHA-256 of SHA256SUMS: <code>${cell(facts.sha256sumsDigest)}</code> (check: <code>sha256sum SHA256SUMS</code>, then <code>sha256sum -c SHA256SUMS</code>)`,
    );
  if (facts.manifestDigest)
    lines.push(
      `- SHA-256 of manifest.json: <code>${cell(facts.manifestDigest)}</code> (check: <code>sha256sum manifest.json</code>)`,
    );
  if (a.uploaded)
    lines.push(`- Artifact id ${a.id ?? 'unknown'}, digest ${code(a.digest ?? 'unknown')}`);
  lines.push('', '</details>', '');
  return lines.join('\n');
}
