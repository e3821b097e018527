/**
 * The job summary of a refused run (invalid inputs or config): the verdict sentence, what to do,
 * and every problem, one per line. Pure; the caller redacts it. Problems quote the values they
 * refused, so each goes through prose().
 */
import { prose } from './escape.js';
import { plural } from './format.js';

/** At most this many problems are listed; the record (audit.json) keeps them all. */
const MAX_PROBLEMS = 50;

export function inputErrorSummary(message: string): string {
  const lines0 = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // "3 inputs are invalid:" then "- Input …" lines: the lead stays a sentence, the rest are items.
  const lead = lines0.length > 1 && lines0[0]?.endsWith(':') ? lines0.shift() : undefined;
  const problems = lines0.map((line) => line.replace(/^[-*•]\s+/, ''));
  const shown = problems.slice(0, MAX_PROBLEMS);
  const lines = [
    '## ⛔ Inputs invalid — nothing was probed',
    '',
    `**Do now:** fix ${problems.length === 1 ? 'this problem' : `these ${problems.length} problems`} in the workflow's \`with:\` inputs or the config file, then run the workflow again. No URL was probed and nothing was rolled back.`,
    '',
    `**${lead ? prose(lead.slice(0, -1)) : plural(problems.length, 'problem')}:**`,
    '',
    ...shown.map((line) => `- ${prose(line)}`),
  ];
  if (problems.length > shown.length)
    lines.push(`- …and ${problems.length - shown.length} more (see audit.json)`);
  lines.push('');
  return lines.join('\n');
}
