/** How the URLs' results become the gate's verdict, its reason and the totals over all probes. */
import { maxRunnerDelayMs, notCounted, notCountedLine } from './lateness.js';
import type { Assessment, RuleResult } from './policy.js';
import type { GatePlan } from './gate-plan.js';
import { latencySummary } from './stats.js';
import type { Attempt } from './types.js';

export interface UrlResult {
  url: string;
  assessment: Assessment;
  /** The gate ended (another URL decided, or the run was cancelled) before this URL was done. */
  stopped: boolean;
  /** Too many of this URL's probes were spoiled by our own stall to judge it (see lateness.ts). */
  inconclusive?: string;
  /** Observe slots skipped because the runner fell more than one interval behind (pacing.ts). */
  skipped?: number;
}

/** `error`: the gate could not judge (the runner was overloaded); never a verdict on the release. */
export type GateVerdict = 'healthy' | 'unhealthy' | 'cancelled' | 'error';

export interface GateResult {
  verdict: GateVerdict;
  reason: string;
  decidedBy?: { url: string; rule: RuleResult };
  urls: UrlResult[];
  attempts: Attempt[];
  startedAt: number;
  endedAt: number;
  totals: {
    attempts: number;
    windowSamples: number;
    windowFailures: number;
    errorRate: number | null;
    p50?: number;
    p95?: number;
    p99?: number;
    /** Probes not counted because our own event loop was stalled (runner-overloaded). */
    notCounted?: number;
    /** The longest such stall (ms), when any. */
    runnerMaxDelayMs?: number;
    /** Observe slots skipped: the runner fell more than one interval behind (pacing.ts). */
    skipped?: number;
  };
}

export function conclude(
  plan: GatePlan,
  urls: UrlResult[],
  attempts: Attempt[],
  startedAt: number,
  endedAt: number,
  cancelled: boolean,
): GateResult {
  const window = urls.flatMap((u) =>
    u.assessment.window.length
      ? u.assessment.window
      : attempts.filter((a) => a.url === u.url && !notCounted(a)),
  );
  const windowFailures = window.filter((a) => !a.ok && !notCounted(a)).length;
  const lost = attempts.filter(notCounted).length;
  const runnerMaxDelayMs = maxRunnerDelayMs(attempts);
  const skipped = urls.reduce((n, u) => n + (u.skipped ?? 0), 0);
  const totals = {
    attempts: attempts.length,
    windowSamples: window.length,
    windowFailures,
    errorRate: window.length ? windowFailures / window.length : null,
    ...latencySummary(window.filter((a) => a.status !== undefined).map((a) => a.latencyMs)),
    notCounted: lost,
    ...(runnerMaxDelayMs !== undefined ? { runnerMaxDelayMs } : {}),
    ...(skipped ? { skipped } : {}),
  };
  const base = { urls, attempts, startedAt, endedAt, totals };
  const failed = urls.find((u) => u.assessment.status === 'unhealthy' && !u.inconclusive);
  const prefix = (url: string) => (plan.targets.length > 1 ? `${url}: ` : '');
  if (failed?.assessment.decidedBy) {
    const rule = failed.assessment.decidedBy;
    return {
      ...base,
      verdict: 'unhealthy',
      reason: `${prefix(failed.url)}${rule.message}`,
      decidedBy: { url: failed.url, rule },
    };
  }
  const inconclusive = urls.find((u) => u.inconclusive);
  if (inconclusive?.inconclusive && !cancelled) {
    return {
      ...base,
      verdict: 'error',
      reason: `${prefix(inconclusive.url)}${inconclusive.inconclusive}`,
    };
  }
  if (cancelled || urls.some((u) => u.assessment.status !== 'healthy')) {
    return {
      ...base,
      verdict: 'cancelled',
      reason: `cancelled after ${attempts.length} attempts, before a verdict`,
    };
  }
  const p95 = totals.p95 === undefined ? '' : `, p95 ${Math.round(totals.p95)} ms`;
  const what = plan.targets.length === 1 ? 'healthy' : `all ${plan.targets.length} URLs healthy`;
  const unjudged = unjudgedRules(urls);
  const verdictText = unjudged.length
    ? `every judged rule passed over ${window.length} probes (${windowFailures} failed${p95}); not judged: ${unjudged.join('; ')}`
    : `every rule passed over ${window.length} judged probes (${windowFailures} failed${p95})`;
  const lostLine = notCountedLine(totals);
  const skippedText = skipped
    ? `; ${skipped} scheduled probe${skipped === 1 ? '' : 's'} skipped: the runner fell more than one interval behind`
    : '';
  const lostText = (lostLine ? `; ${lostLine}` : '') + skippedText;
  return { ...base, verdict: 'healthy', reason: `${what}: ${verdictText}${lostText}` };
}

/** Rules a healthy verdict did not cover (too few samples, no bake), so the reason never overclaims. */
function unjudgedRules(urls: readonly UrlResult[]): string[] {
  const seen = new Map<string, string>();
  for (const rule of urls.flatMap((u) => u.assessment.rules)) {
    if (rule.outcome !== 'not-judged' || seen.has(rule.rule)) continue;
    seen.set(
      rule.rule,
      rule.rule === 'consecutive-failures'
        ? 'consecutive failures (no observe probes)'
        : // The count only: the evidence in brackets is in the rule's own row.
          rule.message.replace(' not judged:', ':').replace(/ \(.*$/, ''),
    );
  }
  return [...seen.values()];
}
