/**
 * The job summary's last section, written after the evidence is sealed: the digest of
 * SHA256SUMS and the artifact's id and digest. It lives in GitHub's run page, outside the
 * folder it vouches for, so an auditor can check a downloaded folder against a record that the
 * folder's owner cannot rewrite.
 */
import { cell, code } from './escape.js';

export function evidenceFooter(facts: {
  auditDir: string;
  sha256sumsDigest?: string;
  artifact:
    | { uploaded: true; name: string; id: number | null; digest: string | null }
    | { uploaded: false; name: string; warning: string };
}): string {
  const lines = ['', '### Evidence', '', `- Folder: ${code(facts.auditDir)}`];
  if (facts.sha256sumsDigest)
    lines.push(
      `- SHA-256 of SHA256SUMS: \`${facts.sha256sumsDigest}\` (check: \`sha256sum SHA256SUMS\`, then \`sha256sum -c SHA256SUMS\`)`,
    );
  const a = facts.artifact;
  lines.push(
    a.uploaded
      ? `- Artifact ${code(a.name)}: id ${a.id ?? 'unknown'}, digest ${code(a.digest ?? 'unknown')}`
      : `- Artifact ${code(a.name)} not uploaded: ${cell(a.warning)}`,
  );
  return `${lines.join('\n')}\n`;
}
