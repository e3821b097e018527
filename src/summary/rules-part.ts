/**
 * The rules of a gate run: failing and not-judged rules first with their numbers, passes folded.
 * Every value taken from a response or the config goes through cell().
 */
import { formatAlpha, formatEvidence } from '../gate/evidence.js';
import type { RuleResult } from '../gate/policy.js';
import type { GateResult } from '../gate/run-gate.js';
import { cell } from './escape.js';
import { formatMs, formatPercent, plural, shortVersion } from './format.js';
import { LIMITS } from './part-limits.js';
import { sortedUrls, urlText, type UrlView } from './url-views.js';

const OUTCOME: Record<RuleResult['outcome'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  pending: '⏳ pending',
  'not-judged': '➖ not judged',
};
const OUTCOME_ORDER: Record<RuleResult['outcome'], number> = {
  fail: 0,
  'not-judged': 1,
  pending: 2,
  pass: 3,
};

/** A rule's value as a reader compares it; a version equal to the expected one says so. */
function ruleCells(rule: RuleResult): [string, string] {
  const show = (value: number | string | null): string => {
    if (value === null) return '–';
    if (typeof value === 'string')
      return cell(rule.rule === 'expected-version' ? shortVersion(value) : value);
    if (rule.rule === 'error-rate') return formatPercent(value);
    if (rule.rule.startsWith('latency-')) return formatMs(value);
    return String(value);
  };
  if (rule.rule === 'expected-version' && rule.observed !== null && rule.observed === rule.limit)
    return ['= expected', show(rule.limit)];
  return [show(rule.observed), show(rule.limit)];
}

/** Sequential rules: the evidence against the limit, and the 1/alpha it must reach to fail. */
function evidenceCell(rule: RuleResult): string {
  if (rule.evidence === undefined || rule.alpha === undefined) return '–';
  return `${formatEvidence(rule.evidence)} (${formatAlpha(rule.alpha)})`;
}

interface RuleRow {
  url: string;
  rule: RuleResult;
  decided: boolean;
}

function ruleRows(result: GateResult, urls: readonly UrlView[]): RuleRow[] {
  const decided = result.decidedBy;
  return urls.flatMap((v) =>
    v.u.assessment.rules.map((rule) => ({
      url: v.u.url,
      rule,
      decided: decided !== undefined && decided.url === v.u.url && decided.rule.rule === rule.rule,
    })),
  );
}

/**
 * Failing and not-judged rules with their numbers, then "all other N rules passed" with the
 * passing ones folded.
 */
export function rulesPart(result: GateResult, heading: string): string[] {
  const urls = sortedUrls(result);
  const rows = ruleRows(result, urls);
  const open = rows
    .filter((r) => r.rule.outcome !== 'pass')
    .sort(
      (a, b) =>
        Number(b.decided) - Number(a.decided) ||
        OUTCOME_ORDER[a.rule.outcome] - OUTCOME_ORDER[b.rule.outcome],
    );
  const passed = rows.filter((r) => r.rule.outcome === 'pass');
  const lines: string[] = [];
  if (open.length) {
    lines.push(
      heading,
      '',
      '| URL | rule | outcome | observed | limit | evidence (needed) |',
      '|---|---|---|---:|---:|---|',
    );
    for (const r of open.slice(0, LIMITS.ruleRows)) {
      const [observed, limit] = ruleCells(r.rule);
      lines.push(
        `| ${urlText(r.url)} | ${r.decided ? `**${r.rule.rule}**` : r.rule.rule} | ${OUTCOME[r.rule.outcome]}${r.decided ? ' (decided)' : ''} | ${observed} | ${limit} | ${evidenceCell(r.rule)} |`,
      );
    }
    if (open.length > LIMITS.ruleRows)
      lines.push(
        '',
        `…and ${open.length - LIMITS.ruleRows} more failing or not judged rules (see audit.json).`,
      );
    lines.push('');
  }
  if (passed.length === 0) return lines;
  const label = open.length
    ? `all other ${plural(passed.length, 'rule')} passed`
    : `all ${plural(passed.length, 'rule')} passed`;
  if (passed.length > LIMITS.passRows) {
    lines.push(
      `✅ ${label} (${plural(result.urls.length, 'URL')}; folded into the artifact: every rule's numbers are in audit.json).`,
      '',
    );
    return lines;
  }
  lines.push(
    `<details><summary>✅ ${label}</summary>`,
    '',
    '| URL | rule | observed | limit | evidence (needed) | detail |',
    '|---|---|---:|---:|---|---|',
  );
  for (const r of passed) {
    const [observed, limit] = ruleCells(r.rule);
    lines.push(
      `| ${urlText(r.url)} | ${r.rule.rule} | ${observed} | ${limit} | ${evidenceCell(r.rule)} | ${cell(r.rule.message)} |`,
    );
  }
  lines.push('', '</details>', '');
  return lines;
}
