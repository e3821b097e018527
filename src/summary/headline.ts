/**
 * The top of one service's summary: the headline sentence (what was deployed, what happened) and
 * the one line saying what to do now.
 */
import type { GateResult } from '../gate/run-gate.js';
import type { Outcome } from '../service/run-pipeline.js';
import { decisionTarget } from '../rollback/decide-and-roll-back.js';
import type { ServiceSettings } from '../settings/service-settings.js';
import { cell, code, prose } from './escape.js';
import { formatDurationHuman as human, formatMs, plural, shortVersion } from './format.js';

/** What was deployed, as the headline names it: `shop v5`, `api a1b2c3d`, `127.0.0.1:8080`. */
export function deployedName(
  outcome: Outcome,
  settings: ServiceSettings | undefined,
  service?: string,
): string {
  const first = settings?.groups[0]?.urls[0];
  let host = first ?? 'the release';
  try {
    if (first) host = new URL(first).host;
  } catch {
    // keep the text as given
  }
  const name = service ?? outcome.fly?.app ?? settings?.fly?.app ?? host;
  const version = outcome.fly
    ? `v${outcome.fly.underTest.version}`
    : settings?.groups[0]?.expect.version?.expected
      ? shortVersion(settings.groups[0].expect.version.expected)
      : undefined;
  return `${cell(name)}${version ? ` ${cell(version)}` : ''}`;
}

export function targetName(outcome: Outcome): string | undefined {
  const rb = outcome.rollback;
  if (!rb) return undefined;
  const target = decisionTarget(rb.decision);
  if (!target) return undefined;
  return target.Version !== undefined
    ? `v${target.Version}`
    : cell(shortVersion(target.ImageRef.split(':').at(-1) ?? target.ImageRef));
}

function verificationMark(verification: GateResult | undefined): string {
  if (!verification) return '';
  return `verified ${verification.verdict === 'healthy' ? '✅' : '❌'}`;
}

/** The headline sentence, without its icon. */
export function headlineSentence(
  outcome: Outcome,
  settings: ServiceSettings | undefined,
  service?: string,
): string {
  const what = deployedName(outcome, settings, service);
  const r = outcome.release;
  const took = human(outcome.endedAt - outcome.startedAt);
  const rb = outcome.rollback;
  const target = targetName(outcome) ?? 'the previous release';
  switch (outcome.verdict) {
    case 'healthy':
      return `${what} healthy after ${took}${r ? ` (${plural(r.totals.attempts, 'probe')}, p95 ${formatMs(r.totals.p95)})` : ''}`;
    case 'rolled-back': {
      const created = rb?.run?.created ? `now v${rb.run.created.version}` : '';
      const extra = [created, verificationMark(rb?.verification)].filter(Boolean).join(', ');
      return `${what} failed its gate — rolled back to ${target}${extra ? ` (${extra})` : ''}`;
    }
    case 'rollback-failed':
      return rb?.decision.action === 'fail'
        ? `${what} failed its gate — no rollback was possible, act now`
        : `${what} failed its gate — the rollback to ${target} failed, act now`;
    case 'unhealthy':
      if (rb?.decision.action === 'dry-run')
        return `${what} failed its gate — dry run: would roll back to ${target}, nothing changed`;
      return `${what} failed its gate — not rolled back, it still serves`;
    case 'cancelled':
      return `${what}: gate cancelled after ${took}, no verdict`;
    case 'error':
      return r ? `${what} could not be judged` : `${what} could not be gated — nothing was probed`;
  }
}

/** One line saying what to do now, when anything. */
export function doNow(
  outcome: Outcome,
  settings: Pick<ServiceSettings, 'runbookUrl'> | undefined,
): string | undefined {
  const runbook = settings?.runbookUrl ? ` Runbook: ${code(settings.runbookUrl)}` : '';
  if (outcome.verdict === 'rollback-failed')
    return `> [!CAUTION]\n> **Act now:** ${prose(outcome.nextStep ?? 'check what serves and roll back by hand.')}${runbook}`;
  if (outcome.nextStep) return `**Do now:** ${prose(outcome.nextStep)}${runbook}`;
  const what = outcome.fly ? `v${outcome.fly.underTest.version}` : 'the failing release';
  switch (outcome.verdict) {
    case 'healthy':
      return undefined;
    case 'rolled-back':
      return `**Do now:** nothing urgent — ${targetName(outcome) ?? 'the previous release'} serves again. Fix ${what} before deploying it again.${runbook}`;
    case 'unhealthy':
      return `**Do now:** ${what === 'the failing release' ? what : `${what}, the failing release,`} still serves: roll it back or fix it.${runbook}`;
    case 'cancelled':
      return `**Do now:** run the gate again: it was cancelled before a verdict.${runbook}`;
    case 'error':
      return `**Do now:** fix the problem named below and run the workflow again.${runbook}`;
  }
}
