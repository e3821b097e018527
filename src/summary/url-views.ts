/**
 * The URLs of one gate run as the summary shows them: each with its attempts, its failures and a
 * status in words, ranked so the ones that need a look come first.
 */
import type { GateResult, UrlResult } from '../gate/run-gate.js';
import type { Attempt } from '../gate/types.js';
import { cell } from './escape.js';
import { verdictIcon } from './verdict-icon.js';

/** The URL as a reader scans it: no scheme (the full URL stays in the evidence). */
export function urlText(url: string): string {
  return cell(url.replace(/^https?:\/\//i, ''));
}

const FAILURE_WORDS: Record<string, string> = {
  'timeout-connect': 'timed out',
  'timeout-headers': 'timed out',
  'timeout-body': 'timed out',
  refused: 'refused',
  reset: 'reset',
  dns: 'DNS failures',
  tls: 'TLS failures',
  status: 'bad status',
  assertion: 'failed a check',
  version: 'wrong version',
  'too-slow': 'too slow',
  redirect: 'bad redirects',
};

/** Each URL's attempts, grouped in one pass (a filter per URL is quadratic at 1,000 URLs). */
function attemptsByUrl(result: GateResult): Map<string, Attempt[]> {
  const byUrl = new Map<string, Attempt[]>();
  for (const a of result.attempts) {
    const list = byUrl.get(a.url);
    if (list) list.push(a);
    else byUrl.set(a.url, [a]);
  }
  return byUrl;
}

/** "3 of 3 timed out": the failures of a URL, in one phrase. */
function failurePhrase(mine: readonly Attempt[]): string {
  const failed = mine.filter((a) => !a.ok);
  const classes = new Set(failed.map((a) => FAILURE_WORDS[a.failure?.class ?? ''] ?? 'failed'));
  const word = classes.size === 1 ? ([...classes][0] as string) : 'failed';
  return `${failed.length} of ${mine.length} ${word}`;
}

export interface UrlView {
  u: UrlResult;
  mine: Attempt[];
  failures: number;
  rank: number;
  status: string;
}

function viewOf(byUrl: Map<string, Attempt[]>, u: UrlResult): UrlView {
  const mine = byUrl.get(u.url) ?? [];
  const failures = mine.filter((a) => !a.ok).length;
  const s = u.assessment.status;
  let rank: number;
  let status: string;
  if (s === 'unhealthy') {
    rank = 0;
    status = `❌ failed: ${u.assessment.decidedBy?.rule ?? 'unhealthy'}`;
  } else if (u.stopped && failures > 0) {
    rank = 1;
    status = `⚠️ failing, not judged: ${failurePhrase(mine)}`;
  } else if (u.stopped) {
    rank = 3;
    status = `⏸ stopped while ${s === 'observing' ? 'observing' : 'starting'}, no failure`;
  } else if (s === 'healthy') {
    rank = failures > 0 ? 4 : 5;
    status = '✅ healthy';
  } else {
    rank = 2;
    status = `${verdictIcon(s)} ${s}`;
  }
  return { u, mine, failures, rank, status };
}

/** The URLs of a gate, the ones that need a look first (then the most failures first). */
export function sortedUrls(result: GateResult): UrlView[] {
  const byUrl = attemptsByUrl(result);
  return result.urls
    .map((u) => viewOf(byUrl, u))
    .sort((a, b) => a.rank - b.rank || b.failures - a.failures);
}

/** A URL needs attention when it failed, or failed probes without being judged. */
export const needsLook = (v: UrlView) => v.rank <= 2;
