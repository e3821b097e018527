/**
 * The job summary of the whole step, in the order a reviewer asks: what was deployed, what was
 * checked, what decided, what was done, and what a human must do now. Pure: returns Markdown.
 * The caller redacts it before it is written anywhere.
 */
import type { Outcome } from '../pipeline/run-pipeline.js';
import { decisionTarget, describeTarget } from '../pipeline/rollback.js';
import type { Settings } from '../settings/settings.js';
import { cell, code } from './escape.js';
import { formatMs, formatPercent } from './format.js';
import { gateSection, verdictHeadline } from './gate-summary.js';
import { decisiveFindings } from './metrics-findings.js';

const FINDING_ICON: Record<string, string> = {
  good: '✅ good',
  bad: '❌ bad',
  'no-data': '➖ no data',
  'provider-error': '⚠️ error',
};

function deployedLine(outcome: Outcome, settings: Settings): string {
  const urls = `${settings.urls.length} URL${settings.urls.length === 1 ? '' : 's'}`;
  if (!outcome.fly) return `${urls}: ${settings.urls.map((u) => cell(u)).join(', ')}`;
  const u = outcome.fly.underTest;
  return `Fly app **${cell(outcome.fly.app)}**, release **v${u.version}**${u.image ? ` (${cell(u.image)})` : ''}; ${urls}`;
}

function checkedLine(outcome: Outcome): string {
  const parts: string[] = [];
  const r = outcome.release;
  if (r)
    parts.push(
      `${r.totals.attempts} probes (${r.totals.windowFailures} of ${r.totals.windowSamples} judged failed, p95 ${formatMs(r.totals.p95)})`,
    );
  if (outcome.metrics)
    parts.push(
      `${outcome.metrics.rounds.length} metrics rounds (${outcome.metrics.verdict.status})`,
    );
  return parts.join('; ') || 'nothing: the gate did not start';
}

function doneLine(outcome: Outcome): string {
  const rb = outcome.rollback;
  if (!rb) return outcome.verdict === 'healthy' ? 'nothing: the release stays' : 'nothing';
  const d = rb.decision;
  if (d.action === 'skip') return `no rollback: ${cell(d.reason)}`;
  if (d.action === 'fail') return `no rollback possible: ${cell(d.reason)}`;
  if (d.action === 'dry-run') return `dry-run, nothing changed: ${cell(d.reason)}`;
  const run = rb.run;
  const created = run?.created ? ` → new release v${run.created.version}` : '';
  const verified = rb.verification ? `; verification: **${rb.verification.verdict}**` : '';
  return `rolled back to ${cell(describeTarget(d.target))}${created} (${run?.ok ? 'command succeeded' : `failed: ${cell(run?.problem)}`})${verified}`;
}

function metricsSection(outcome: Outcome): string {
  const m = outcome.metrics;
  if (!m) return '';
  const lines = [
    '### Metrics',
    '',
    `Endpoint ${code(m.baseUrl)} · ${m.rounds.length} rounds · verdict **${m.verdict.status}**: ${cell(m.verdict.reasons.join('; '))}`,
    '',
  ];
  lines.push('| metric | query | observed | limit | finding |', '|---|---|---:|---:|---|');
  for (const f of decisiveFindings(m)) {
    const fmt = (v: number | undefined) =>
      v === undefined
        ? '–'
        : f.name === 'error-rate'
          ? formatPercent(v)
          : f.name === 'latency'
            ? formatMs(v)
            : String(v);
    lines.push(
      `| ${f.name} | ${code(f.query)} | ${fmt(f.observed)} | ${fmt(f.limit)} | ${FINDING_ICON[f.status] ?? f.status}: ${cell(f.message)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function rollbackSection(outcome: Outcome, settings: Settings): string {
  const rb = outcome.rollback;
  if (!rb?.run) return '';
  const run = rb.run;
  const result = run.result;
  const lines = [
    '### Rollback',
    '',
    `- Why this target: ${cell(decisionTarget(rb.decision) && outcome.fly?.target.ok ? outcome.fly.target.why : rb.decision.reason)}`,
    `- Command: ${code(run.command.join(' '))}`,
    `- Result: ${run.ok ? 'succeeded' : `failed: ${cell(run.problem)}`}${result ? ` (exit ${result.exitCode ?? result.signal}, ${formatMs(result.durationMs)})` : ''}`,
  ];
  if (run.created)
    lines.push(`- New release: v${run.created.version} (${cell(run.created.image)})`);
  const section = lines.join('\n');
  if (!rb.verification) return `${section}\n`;
  return `${section}\n\n${gateSection({ title: 'Verification of the rolled-back release', result: rb.verification, policy: settings.policy })}`;
}

export function outcomeSummary(outcome: Outcome, settings: Settings, service?: string): string {
  const parts = [verdictHeadline(outcome.verdict, outcome.reason, service)];
  if (settings.runbookUrl && outcome.verdict !== 'healthy')
    parts.push(`Runbook: ${cell(settings.runbookUrl)}\n`);
  if (outcome.nextStep)
    parts.push(`> [!CAUTION]\n> **A human must act now.** ${cell(outcome.nextStep)}\n`);
  parts.push(
    [
      '| | |',
      '|---|---|',
      `| **Deployed** | ${deployedLine(outcome, settings)} |`,
      `| **Checked** | ${checkedLine(outcome)} |`,
      `| **Decided** | ${cell(outcome.reason)} |`,
      `| **Done** | ${doneLine(outcome)} |`,
      `| **Took** | ${formatMs(outcome.endedAt - outcome.startedAt)} |`,
      '',
    ].join('\n'),
  );
  if (outcome.release)
    parts.push(
      gateSection({
        title: 'Release under test',
        result: outcome.release,
        policy: settings.policy,
      }),
    );
  parts.push(metricsSection(outcome), rollbackSection(outcome, settings));
  return parts.filter(Boolean).join('\n');
}
