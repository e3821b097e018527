/**
 * Text from outside (responses, flyctl, Prometheus, config values) on its way to a log line, an
 * output or a reason. The runner reads every stdout line that starts with `::` (after leading
 * white space) as a workflow command, so such text must never start a line or carry a line
 * break; and it must never grow what it lands in without bound.
 */

/** How much of one outside value any message quotes. */
export const OUTSIDE_TEXT_MAX = 200;

// C0/C1 controls (tab aside), DEL, Unicode's own line and paragraph separators, and the
// bidirectional overrides that can make text read differently from what it is ("Trojan
// Source"): all shown as escapes.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** The bidirectional controls alone, for text that keeps its line breaks elsewhere. */
export const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Bidirectional controls shown as `\u202e`-style escapes. */
export function showBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
const COMMAND_START = /^\s*(::|##\[)/;

/** One line with every control character shown as a visible escape (`\n`, `\u001b`). */
export function oneLine(text: string): string {
  return text.replace(CONTROL, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** At most `max` characters, with a note of how many were left out. */
export function capText(text: string, max = OUTSIDE_TEXT_MAX): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}… (${chars.length - max} more characters)`;
}

/** An outside value inside our own sentence: one line, capped, in double quotes. */
export function quoteOutside(text: string, max = OUTSIDE_TEXT_MAX): string {
  return JSON.stringify(capText(text, max)).replace(CONTROL, (c) => oneLine(c));
}

/**
 * A line that is safe to print with core.info: one line, and never read as a workflow command
 * (a leading `::` or `##[` gets a visible `› ` in front).
 */
export function logLine(text: string): string {
  const line = oneLine(text);
  return COMMAND_START.test(line) ? `› ${line}` : line;
}

/** The one sentence a user sees for an unexpected error; the stack belongs in the debug log. */
export function errorSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(capText(message, 1000));
}

/**
 * The last bound on one output (GitHub allows 1 MB for all of a job's outputs together);
 * outputs.ts keeps each output well below it, so this only cuts what slipped through.
 */
export const OUTPUT_MAX = 256 * 1024;

/**
 * A step output: one line, bounded. A JSON output stays valid: its line breaks are already
 * escaped, and the controls JSON leaves raw can only stand inside strings, where `\uXXXX` is valid.
 */
export function outputValue(text: string): string {
  return capText(oneLine(text), OUTPUT_MAX);
}
