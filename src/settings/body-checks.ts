/**
 * Parsers for what a response body must show: `expect-body` (a substring or an RE2 pattern),
 * `expect-json` assertions and the dotted paths they (and `version-path`) read.
 */
import { z } from 'zod';
import { ACCEPTED_FLAGS, compileUserPattern } from './user-pattern.js';
import type { BodyExpectation, JsonAssertion } from '../probe/expectations.js';

function fail(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/**
 * A substring, or `/regex/flags`: any text that starts with `/` and ends with `/` plus letters is
 * a pattern, so a mistyped flag (`/ok/v`) is an error rather than a substring that never matches.
 */
export const bodyExpectation = () =>
  z.string().transform((text, ctx): BodyExpectation | undefined => {
    if (text === '') return undefined;
    const m = /^\/(.*)\/([A-Za-z]*)$/s.exec(text);
    if (!m) return { kind: 'substring', text };
    const [, source = '', flags = ''] = m;
    if (source === '')
      return fail(
        ctx,
        'is an empty pattern, which every body matches; accepted: a substring or /regex/flags',
      );
    const compiled = compileUserPattern(source, flags);
    if ('error' in compiled) {
      return fail(
        ctx,
        `is not a usable regular expression: ${compiled.error}; accepted: a substring, or /regex/flags in RE2 syntax (no backreferences or lookaround) with flags ${ACCEPTED_FLAGS}`,
      );
    }
    return { kind: 'regex', source, flags: flags.replace('g', '') };
  });

const PATH_HELP = 'a dotted path of JSON keys or array indexes, such as version or build.sha';

/** `build.sha`, `items.0.id`: segments are never empty. */
export function splitPath(path: string): string[] {
  return path.split('.');
}

function pathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (splitPath(path).some((s) => s === '')) return 'has an empty segment';
  if (/[\s"]/.test(path)) return 'has a space or a quote';
  return undefined;
}

export const dottedPath = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim();
    const problem = pathProblem(value);
    return problem ? fail(ctx, `${problem}; accepted: ${PATH_HELP}`) : value;
  });

const ASSERTION_HELP =
  'accepted: "path == value" or "path != value", one per line; value is a word, a number, true, false, null or a "quoted string"';

/** The literal's problem: one `=` too many, a broken quoted string or JSON structure. */
function literalProblem(raw: string): string | undefined {
  if (raw === '') return 'has no value';
  if (raw.startsWith('=')) return 'has an operator that is neither == nor !=';
  if (/^["{[]/.test(raw)) {
    try {
      JSON.parse(raw);
    } catch {
      return raw.startsWith('"')
        ? 'has an unterminated or invalid quoted string'
        : 'has invalid JSON';
    }
  }
  return undefined;
}

export const jsonAssertions = () =>
  z.string().transform((text, ctx) => {
    const assertions: JsonAssertion[] = [];
    let ok = true;
    for (const [index, line] of text.split(/\r?\n/).entries()) {
      if (line.trim() === '') continue;
      const m = /^\s*([^\s=!<>"]+)\s*(==|!=)\s*(.*?)\s*$/.exec(line);
      const [, path = '', op, raw = ''] = m ?? [];
      const problem = m ? (pathProblem(path) ?? literalProblem(raw)) : 'is not an assertion';
      if (problem) {
        // The path names the line, so a file's list reports the item at its own line (params.item
        // is the wording without the joined text's line number).
        ctx.addIssue({
          code: 'custom',
          message: `line ${index + 1} ${JSON.stringify(line.trim())} ${problem}; ${ASSERTION_HELP}`,
          path: [index],
          params: { item: `${problem}; ${ASSERTION_HELP}` },
        });
        ok = false;
        continue;
      }
      assertions.push({
        path: splitPath(path),
        op: op as '==' | '!=',
        raw,
        literal: jsonLiteral(raw),
        text: line.trim(),
      });
    }
    return ok ? assertions : z.NEVER;
  });

/** `7`, `true`, `null`, `"quoted"` are JSON; anything else is a plain string. */
function jsonLiteral(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
