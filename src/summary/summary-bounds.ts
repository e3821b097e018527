/**
 * The last bound on the job summary. GitHub drops a step's summary past 1 MiB; each part of ours
 * is bounded by design (part-limits.ts, fleet.ts), and this cuts whatever still slipped through
 * at a line, closes any folded block left open, says so, and always keeps the footer (the
 * evidence that vouches for the run).
 */

/** The page stays under this many bytes, footer included. */
export const SUMMARY_MAX = 63 * 1024;

export function boundSummary(body: string, footer = '', max = SUMMARY_MAX): string {
  const room = max - Buffer.byteLength(footer);
  if (Buffer.byteLength(body) <= room) return body + footer;
  const note =
    '\n\n> [!NOTE]\n> The rest of this summary was folded into the artifact to keep the page under 64 KB: audit.json and summary.md hold every number.\n';
  let cut = Buffer.from(body)
    .subarray(0, Math.max(0, room - 600))
    .toString('utf8');
  cut = cut.replace(/\uFFFD+$/, '');
  const lastLine = cut.lastIndexOf('\n');
  if (lastLine > 0) cut = cut.slice(0, lastLine);
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  const close =
    open > 0 ? '\n\n' + Array.from({ length: open }, () => '</details>').join('\n') : '';
  return `${cut}${close}${note}${footer}`;
}
