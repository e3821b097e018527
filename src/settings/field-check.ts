/**
 * Values from the file are validated by the action's own parseInputs (one validation path), and
 * its problems are translated back to where the value was written: parseInputs says
 * `Input "interval": "abc" is not a duration...`; the user reads
 * `deploy-gate.yml:12: service "api": monitoring.interval: "abc" is not a duration...`.
 */
import { fieldIssues, readInputs, shownInput, type RawInputs } from './parse-inputs.js';
import { shownValue, type ConfigProblem } from './config-error.js';
import { plainInputs, type Origin, type Settings } from './service-config.js';

const HIDDEN = '(value hidden: it holds secrets)';

export interface Translated {
  /** Problems about a value written in a file (or fly.toml), located. */
  located: ConfigProblem[];
  /** Problems about values the file did not write (action inputs, cross-input rules), as given. */
  other: string[];
}

/** Splits `Input "name": <value> <rest>` into the name and what follows the value. */
function split(problem: string, raw: RawInputs): { name: string; rest: string } | undefined {
  const m = /^Input "([^"]+)": /.exec(problem);
  if (!m) return undefined;
  const name = m[1] as string;
  const after = problem.slice(m[0].length);
  for (const shown of [HIDDEN, shownInput(name, raw)]) {
    if (after.startsWith(`${shown} `)) return { name, rest: after.slice(shown.length + 1) };
  }
  return undefined;
}

/** Where a problem about a value lies, when a file wrote it; undefined for an input's value. */
export function locate(origin: Origin, value: string, rest: string): ConfigProblem | undefined {
  if (origin.kind === 'fly.toml') {
    return {
      file: origin.file,
      scope: '',
      field: origin.field,
      message: `${JSON.stringify(value)} ${rest}`,
    };
  }
  if (origin.kind !== 'file') return undefined;
  // A list joined into lines (expect_json): point at the item parseInputs names by line.
  const line = /^line (\d+) (.*)$/s.exec(rest);
  const item = line && origin.items?.[Number(line[1]) - 1];
  if (item && line) {
    return {
      file: origin.file,
      line: item.line,
      scope: origin.scope,
      field: item.field,
      message: `${shownValue(item.written, origin.secret)} ${line[2]?.replace(/^"(?:[^"\\]|\\.)*" /, '')}`,
    };
  }
  return {
    file: origin.file,
    line: origin.line,
    scope: origin.scope,
    field: origin.field,
    message: `${shownValue(origin.written, origin.secret)} ${rest}`,
  };
}

export function translate(
  problems: readonly string[],
  raw: RawInputs,
  settings: Settings,
): Translated {
  const out: Translated = { located: [], other: [] };
  for (const problem of problems) {
    const parts = split(problem, raw);
    const setting = parts && settings[parts.name];
    if (!parts || !setting) {
      out.other.push(problem);
      continue;
    }
    const where = locate(setting.origin, setting.value, parts.rest);
    if (where === undefined) out.other.push(problem);
    else out.located.push(where);
  }
  return out;
}

/**
 * Field-level problems of values written in the file. Cross-input rules are left to the final
 * resolution, where every layer (action inputs, fly.toml) is known.
 */
export function fieldProblems(settings: Settings): ConfigProblem[] {
  const raw: RawInputs = { ...readInputs({}), ...plainInputs(settings) };
  const fromFile: Settings = Object.fromEntries(
    Object.entries(settings).filter(([, s]) => s.origin.kind === 'file'),
  );
  // A failure of a field the file did not write is not this file's problem.
  return translate(fieldIssues(raw), raw, fromFile).located;
}
