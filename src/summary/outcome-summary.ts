/**
 * The job summary of one service, in the order a reviewer with ten seconds asks: a headline
 * sentence (what was deployed, what happened), what to do now, why, what was done; then what
 * failed with its numbers, the timeline, and everything that passed folded. Pure: returns
 * Markdown. The caller redacts it before it is written anywhere.
 */
import { notCountedLine } from '../gate/lateness.js';
import type { GateResult } from '../gate/run-gate.js';
import type { Outcome } from '../service/run-pipeline.js';
import { decisionTarget, describeTarget } from '../rollback/decide-and-roll-back.js';
import type { ServiceSettings } from '../settings/service-settings.js';
import { cell, code, prose } from './escape.js';
import {
  formatDurationHuman as human,
  formatMs,
  formatOffset,
  formatPercent,
  plural,
  shortVersion,
} from './format.js';
import {
  decidingAttempt,
  failedAttemptsPart,
  objectivesTable,
  rulesPart,
  sortedUrls,
  stripsPart,
  urlTable,
  urlText,
  verdictIcon,
} from './gate-summary.js';
import { decisiveFindings } from './metrics-findings.js';

const FINDING_ICON: Record<string, string> = {
  good: '✅ good',
  bad: '❌ bad',
  'no-data': '➖ no data',
  'provider-error': '⚠️ error',
};

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

function targetName(outcome: Outcome): string | undefined {
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

function deployedLine(outcome: Outcome, settings: ServiceSettings): string {
  const runs = settings.groups;
  const urls = runs.flatMap((r) => r.urls);
  const shown = urls.slice(0, 3).map(urlText);
  const list = `${plural(urls.length, 'URL')}${shown.length ? `: ${shown.join(', ')}${urls.length > shown.length ? ', …' : ''}` : ''}`;
  const groups = runs.length > 1 ? ` in ${runs.length} endpoint groups` : '';
  if (!outcome.fly) return `${list}${groups}`;
  const u = outcome.fly.underTest;
  return `Fly app ${cell(outcome.fly.app)}, release v${u.version}${u.image ? ` (${code(u.image)})` : ''}; ${list}${groups}`;
}

function checkedLine(outcome: Outcome): string {
  const parts: string[] = [];
  const r = outcome.release;
  if (r)
    parts.push(
      `${plural(r.totals.attempts, 'probe')} in ${human(r.endedAt - r.startedAt)}; ${r.totals.windowFailures} of ${r.totals.windowSamples} judged probes failed (${formatPercent(r.totals.errorRate)}), p95 ${formatMs(r.totals.p95)}`,
    );
  const lost = r ? notCountedLine(r.totals) : undefined;
  if (lost) parts.push(`⚠️ ${lost}`);
  if (outcome.metrics)
    parts.push(
      `${plural(outcome.metrics.rounds.length, 'metrics round')} (${outcome.metrics.verdict.status})`,
    );
  return parts.join('; ') || 'nothing was probed';
}

function doneLine(outcome: Outcome): string {
  const rb = outcome.rollback;
  if (!rb) return outcome.verdict === 'healthy' ? 'nothing: the release stays' : 'nothing';
  const d = rb.decision;
  if (d.action === 'skip') return `no rollback: ${prose(d.reason)}`;
  if (d.action === 'fail') return `no rollback possible: ${prose(d.reason)}`;
  if (d.action === 'dry-run') return `dry run, nothing changed: ${prose(d.reason)}`;
  const run = rb.run;
  const took =
    rb.startedAt !== undefined && rb.endedAt !== undefined
      ? ` in ${human(rb.endedAt - rb.startedAt)}`
      : '';
  const created = run?.created ? ` → new release v${run.created.version}` : '';
  const result = run?.ok ? '' : `, failed: ${prose(run?.problem)}`;
  const v = rb.verification;
  const verified = v
    ? `; verification ${verdictIcon(v.verdict)} ${v.verdict} (${plural(v.totals.attempts, 'probe')}, ${v.totals.windowFailures} failed, p95 ${formatMs(v.totals.p95)})`
    : '';
  return `rolled back to ${targetName(outcome) ?? 'the previous release'}${took}${created}${result}${verified}`;
}

function metricsSection(outcome: Outcome, h: string): string[] {
  const m = outcome.metrics;
  if (!m) return [];
  const lines = [
    `${h} Metrics`,
    '',
    `Endpoint ${code(m.baseUrl)} · ${plural(m.rounds.length, 'round')} · verdict **${m.verdict.status}**: ${cell(m.verdict.reasons.join('; '))}`,
    '',
    '| metric | query | observed | limit | finding |',
    '|---|---|---:|---:|---|',
  ];
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
  lines.push('');
  return lines;
}

function rollbackSection(outcome: Outcome, h: string): string[] {
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

/** Gate events in order, each at its time from the start of the step. */
function timeline(outcome: Outcome, settings: ServiceSettings, h: string): string[] {
  const r = outcome.release;
  if (!r) return [];
  const t0 = outcome.startedAt;
  const at = (t: number) => `\`${formatOffset(t - t0)}\``;
  const events: string[] = [];
  const first = r.attempts[0];
  if (first)
    events.push(
      `${at(first.startedAt)} first probe${outcome.fly ? ` (Fly release v${outcome.fly.underTest.version})` : ''}`,
    );
  const observe = r.attempts.find((a) => a.phase === 'observe');
  if (observe) events.push(`${at(observe.startedAt)} startup passed, observing began`);
  const decider = decidingAttempt(r);
  if (decider && r.decidedBy)
    events.push(
      `${at(decider.startedAt)} **decided** by probe #${decider.seq} on ${urlText(decider.url)}${decider.failure ? ` (${cell(decider.failure.message)})` : ''}: ${r.decidedBy.rule.rule} ${r.decidedBy.rule.outcome}`,
    );
  else events.push(`${at(r.endedAt)} gate ended: ${verdictIcon(r.verdict)} ${r.verdict}`);
  const rb = outcome.rollback;
  const timed: [number, string][] = [];
  if (rb?.startedAt !== undefined) {
    timed.push([
      rb.startedAt,
      `rollback started → ${targetName(outcome) ?? 'the previous release'}`,
    ]);
    const result = rb.run?.result;
    if (rb.run)
      timed.push([
        rb.startedAt + (result?.durationMs ?? 0),
        `rollback command ${rb.run.ok ? 'succeeded' : 'failed'}${rb.run.created ? `: new release v${rb.run.created.version}` : ''}`,
      ]);
  }
  const v = rb?.verification;
  if (v)
    timed.push([
      v.startedAt,
      `${at(v.startedAt)}–${at(v.endedAt)} verification of the rolled-back release: ${verdictIcon(v.verdict)} ${v.verdict} (${plural(v.totals.attempts, 'probe')})`,
    ]);
  if (rb)
    timed.push([outcome.endedAt, `verdict: ${verdictIcon(outcome.verdict)} ${outcome.verdict}`]);
  for (const [t, text] of timed.sort((a, b) => a[0] - b[0]))
    events.push(text.startsWith('`') ? text : `${at(t)} ${text}`);
  return [
    `${h} Timeline`,
    '',
    ...events.map((e) => `- ${e}`),
    '',
    `Probes per URL (✓ ok · ✗ failed · ◷ slow · \`|\` observing began):`,
    '',
    ...stripsPart(r, settings.groups),
    '',
    ...failedAttemptsPart(r, t0),
  ];
}

/** With several URLs, the ones that failed, named at the top (the table below has their numbers). */
function failingUrlsLine(outcome: Outcome): string[] {
  const r = outcome.release;
  if (!r || r.urls.length < 2) return [];
  const bad = sortedUrls(r).filter((v) => v.rank <= 1);
  if (bad.length === 0) return [];
  const named = bad
    .slice(0, 5)
    .map((v) => `${urlText(v.u.url)} (${v.status.replace(/^\S+ /, '')})`);
  return [
    `- **Failing URLs:** ${named.join('; ')}${bad.length > 5 ? `; …and ${bad.length - 5} more` : ''}`,
  ];
}

/** The page of one service; a fleet's service (named) sits one heading level down. */
export function outcomeSummary(
  outcome: Outcome,
  settings: ServiceSettings,
  service?: string,
): string {
  const runs = settings.groups;
  const h1 = service ? '###' : '##';
  const h2 = service ? '####' : '###';
  const lines = [
    `${h1} ${verdictIcon(outcome.verdict)} ${headlineSentence(outcome, settings, service)}`,
    '',
  ];
  const now = doNow(outcome, settings);
  if (now) lines.push(now, '');
  lines.push(
    `- **Why:** ${prose(outcome.reason)}`,
    `- **Deployed:** ${deployedLine(outcome, settings)}`,
    `- **Checked:** ${checkedLine(outcome)}`,
    ...failingUrlsLine(outcome),
    `- **Done:** ${doneLine(outcome)}`,
    ...notJudgedLine(settings),
    '',
  );
  const r = outcome.release;
  if (r) {
    lines.push(...rulesPart(r, `${h2} What failed`));
    // One URL: the rules and the Checked line already say everything its row would.
    if (r.urls.length > 1) lines.push(...urlTable(r));
  }
  lines.push(...rollbackSection(outcome, h2), ...metricsSection(outcome, h2));
  lines.push(...timeline(outcome, settings, h2));
  if (runs.length)
    lines.push(
      `<details><summary>Objectives${runs.length > 1 ? ` of ${runs.length} endpoint groups` : ''}</summary>`,
      '',
      ...objectivesTable(runs),
      ...settings.notes.map((note) => `- ${prose(note)}`),
      ...(settings.notes.length ? [''] : []),
      '</details>',
      '',
    );
  return lines.join('\n');
}

/** Fields of the config file kept for other tools: listed so nobody reads them as checked. */
function notJudgedLine(settings: ServiceSettings): string[] {
  if (settings.notJudged.length === 0) return [];
  const fields = settings.notJudged.map((f) => `${cell(f.field)} ${code(String(f.value))}`);
  return [`- **Not judged by the gate:** ${fields.join(', ')} (recorded in audit.json)`];
}
