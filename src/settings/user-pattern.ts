/**
 * Regular expressions written by users (`expect-body: /regex/flags`), compiled and matched with
 * RE2 (re2js): matching takes time linear in the body, so a pattern like /(a+)+$/ cannot hang the
 * event loop the way a backtracking RegExp does. RE2 has no backreferences or lookaround; such a
 * pattern is refused with a message that says so, never silently treated differently.
 */
import { RE2JS } from 're2js';

/** JavaScript flags and what they mean here; `g` and `u` change nothing for a yes/no match. */
const FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  g: 0,
  u: 0,
};

export const ACCEPTED_FLAGS = Object.keys(FLAGS).join(', ');

/** The flags as RE2 bits, or the first flag that is unknown or repeated. */
export function re2Flags(flags: string): { bits: number } | { bad: string } {
  let bits = 0;
  const seen = new Set<string>();
  for (const flag of flags) {
    const bit = FLAGS[flag];
    if (bit === undefined || seen.has(flag)) return { bad: flag };
    seen.add(flag);
    bits |= bit;
  }
  return { bits };
}

/** JavaScript syntax RE2 cannot run, named so the user knows what to change. */
function unsupported(source: string): string | undefined {
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))
        return 'backreferences (\\1, \\k<name>) are not supported';
      i += 1;
    } else if (c === '(' && /^\(\?(?:=|!|<=|<!)/.test(source.slice(i, i + 4))) {
      return 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported';
    }
  }
  return undefined;
}

/** Compiles a pattern, or says why it cannot be matched in linear time. */
export function compileUserPattern(source: string, flags: string): RE2JS | { error: string } {
  const parsed = re2Flags(flags);
  if ('bad' in parsed) return { error: `flag "${parsed.bad}" is unknown or repeated` };
  const why = unsupported(source);
  if (why) return { error: why };
  try {
    // translateRegExp maps JavaScript escapes (\u00e9, \cA, [^]) to RE2 syntax.
    return RE2JS.compile(RE2JS.translateRegExp(source), parsed.bits);
  } catch (error) {
    return { error: (error as Error).message.replace(/^error parsing regexp: /, '') };
  }
}

const compiled = new Map<string, RE2JS>();

/** Does `text` contain a match? Patterns were validated with the inputs; each compiles once. */
export function patternFound(source: string, flags: string, text: string): boolean {
  const key = `${flags}/${source}`;
  let pattern = compiled.get(key);
  if (pattern === undefined) {
    const result = compileUserPattern(source, flags);
    if ('error' in result) throw new Error(`invalid pattern /${source}/${flags}: ${result.error}`);
    pattern = result;
    compiled.set(key, pattern);
  }
  return pattern.test(text);
}
