/** The metrics section of a service's summary: the findings of the round the verdict rests on. */
import type { Outcome } from '../service/run-pipeline.js';
import { cell, code } from './escape.js';
import { formatMs, formatPercent, plural } from './format.js';
import { decisiveFindings } from './metrics-findings.js';

const FINDING_ICON: Record<string, string> = {
  good: '✅ good',
  bad: '❌ bad',
  'no-data': '➖ no data',
  'provider-error': '⚠️ error',
};

export function metricsSection(outcome: Outcome, h: string): string[] {
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
