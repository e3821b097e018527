/**
 * The job summary of one service, in the order a reviewer with ten seconds asks: a headline
 * sentence (what was deployed, what happened), what to do now, why, what was done; then what
 * failed with its numbers, the timeline, and everything that passed folded. Pure: returns
 * Markdown. The caller redacts it before it is written anywhere.
 */
import type { Outcome } from '../service/run-pipeline.js';
import type { ServiceSettings } from '../settings/service-settings.js';
import { prose } from './escape.js';
import { doNow, headlineSentence } from './headline.js';
import {
  checkedLine,
  deployedLine,
  doneLine,
  failingUrlsLine,
  notJudgedLine,
} from './key-facts.js';
import { metricsSection } from './metrics-section.js';
import { objectivesTable } from './objectives-table.js';
import { rollbackSection } from './rollback-section.js';
import { rulesPart } from './rules-part.js';
import { timeline } from './timeline-section.js';
import { urlTable } from './url-table.js';
import { verdictIcon } from './verdict-icon.js';

/** The page of one service; a fleet's service (named) sits one heading level down. */
export function outcomeSummary(
  outcome: Outcome,
  settings: ServiceSettings,
  service?: string,
): string {
  const groups = settings.groups;
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
  if (groups.length)
    lines.push(
      `<details><summary>Objectives${groups.length > 1 ? ` of ${groups.length} endpoint groups` : ''}</summary>`,
      '',
      ...objectivesTable(groups),
      ...settings.notes.map((note) => `- ${prose(note)}`),
      ...(settings.notes.length ? [''] : []),
      '</details>',
      '',
    );
  return lines.join('\n');
}
