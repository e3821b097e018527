/**
 * Bounds on the parts of the job summary that describe a gate run: however many URLs a gate has,
 * each part lists at most a fixed number of rows and says how many it left to the artifact
 * (audit.json and probes.ndjson hold every number).
 */

/** Rows each part shows at most; the rest is counted and left to the artifact. */
export const LIMITS = {
  /** Up to this many URLs, every URL has its row in the open table. */
  urlsOpen: 10,
  /** Rows of URLs that need attention, and of folded healthy URLs. */
  urlRows: 20,
  foldedUrlRows: 20,
  /** Rows of failing / not judged rules, and of folded passing rules. */
  ruleRows: 20,
  passRows: 30,
  /** Probe strips: all URLs up to this many; beyond, only the URLs that saw a failure. */
  stripsOpen: 5,
  stripRows: 10,
  stripChars: 60,
  failedAttempts: 8,
  /** URLs named per endpoint group in the objectives table. */
  groupUrls: 5,
} as const;
