/** The rollback section of a service's summary: target, command, what changed, verification. */
import type { Outcome } from '../service/run-pipeline.js';
import { decisionTarget, describeTarget } from '../rollback/decide-and-roll-back.js';
import { cell, code, prose } from './escape.js';
import { formatMs, plural } from './format.js';
import { rulesPart } from './rules-part.js';
import { urlTable } from './url-table.js';
import { verdictIcon } from './verdict-icon.js';

export function rollbackSection(outcome: Outcome, h: string): string[] {
  const rb = outcome.rollback;
  if (!rb?.run) return [];
  const run = rb.run;
  const result = run.result;
  const why =
    decisionTarget(rb.decision) && outcome.fly?.target.ok
      ? outcome.fly.target.why
      : rb.decision.reason;
  const lines = [
    `${h} Rollback`,
    '',
    `- **Target:** ${cell(describeTarget(decisionTarget(rb.decision)))} — ${prose(why)}`,
    `- **Command:** ${code(run.command.join(' '))} — ${run.ok ? 'succeeded' : `failed: ${prose(run.problem)}`}${result ? ` (exit ${result.exitCode ?? cell(result.signal)}, ${formatMs(result.durationMs)})` : ''}`,
  ];
  const c = rb.confirmation;
  const fly: string[] = [];
  if (run.created) fly.push(`new release v${run.created.version}`);
  if (c) {
    fly.push(c.tookEffect ? 'took effect on every machine' : 'not confirmed on every machine');
    for (const p of c.problems) fly.push(prose(p));
    if (c.overwritten.length)
      fly.push(
        `overwrote ${c.overwritten.map((r) => (r.Version !== undefined ? `v${r.Version}` : cell(r.ImageRef))).join(', ')}`,
      );
    if (c.later.length)
      fly.push(
        `newer since: ${c.later.map((r) => (r.Version !== undefined ? `v${r.Version}` : cell(r.ImageRef))).join(', ')}`,
      );
  } else if (rb.tookEffect !== undefined) {
    fly.push(rb.tookEffect ? 'took effect' : 'did not take effect');
  }
  if (rb.afterError) fly.push(`what serves now could not be read: ${prose(rb.afterError)}`);
  if (fly.length) lines.push(`- **After:** ${fly.join('; ')}`);
  const v = rb.verification;
  if (v) {
    lines.push(
      `- **Verification:** ${verdictIcon(v.verdict)} ${v.verdict} — ${plural(v.totals.attempts, 'probe')}, ${v.totals.windowFailures} of ${v.totals.windowSamples} judged failed, p95 ${formatMs(v.totals.p95)}`,
      '',
    );
    if (v.verdict !== 'healthy')
      lines.push(...rulesPart(v, '**What failed in the verification**'), ...urlTable(v));
  } else {
    lines.push('');
  }
  return lines;
}
