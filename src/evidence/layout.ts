/** The names of the files in the audit folder, in one place for the writers, the seal and the docs. */
export const EVIDENCE_FILES = {
  /** The decision and what led to it (validated against schema/audit.schema.json). */
  audit: 'audit.json',
  /** One line per probe attempt, appended as it happens. */
  probes: 'probes.ndjson',
  /** One line per metrics query, appended as it happens. */
  metrics: 'metrics.ndjson',
  /** `sha256sum -c SHA256SUMS` checks every other file. */
  checksums: 'SHA256SUMS',
  /** Sizes and digests of every file, and the digest of SHA256SUMS. */
  manifest: 'manifest.json',
} as const;

/** The folder name when the `audit-dir` input is not given. */
export const DEFAULT_AUDIT_DIR = 'deploy-gate-audit';
