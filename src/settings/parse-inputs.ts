/**
 * Raw inputs (INPUT_* variables, or any record of strings) to validated Settings. Every input is
 * checked before the first request, and every problem is reported at once, each naming the input,
 * the value and what is accepted.
 */
import type { z } from 'zod';
import { toSettings, type Settings } from './settings.js';
import { inputSchema, type Parsed } from './input-schema.js';
import { crossFieldProblems } from './input-rules.js';
import { fitDefaultsToInterval } from './fit-defaults.js';
import { explicitInputs, readInputs, shownInput, type RawInputs } from './read-inputs.js';
import { formatProblem, sentence, SettingsError, shownValue, type Problem } from './problems.js';
import { layerOf, plainInputs, type Settings as Values } from './service-config.js';

/** One issue of one action input, as its message line. */
export function describeIssue(issue: z.core.$ZodIssue, name: string, raw: RawInputs): string {
  const values: Values = { [name]: { value: raw[name] ?? '', origin: { kind: 'action-input' } } };
  return formatProblem(problemAt(issue, name, values));
}

/**
 * A field's problem, told where its value was written: the file's line and field (a list item's
 * own line, from the issue's path), fly.toml's field, or the action input.
 */
function problemAt(issue: z.core.$ZodIssue, name: string, values: Values): Problem {
  const setting = values[name];
  const o = setting?.origin;
  if (o?.kind === 'file') {
    const index = issue.path[0];
    const item = typeof index === 'number' ? o.items?.[index] : undefined;
    // A list item's issue carries its own wording without the joined text's line number.
    const message =
      (item && (issue as { params?: { item?: string } }).params?.item) || issue.message;
    return {
      file: o.file,
      ...((item ?? o).line !== undefined ? { line: (item ?? o).line } : {}),
      scope: o.scope,
      field: item?.field ?? o.field,
      message: `${shownValue(item ? item.written : o.written, o.secret)} ${message}`,
    };
  }
  if (o?.kind === 'fly.toml')
    return {
      file: o.file,
      scope: '',
      field: o.field,
      message: `${shownValue(setting?.value, false)} ${issue.message}`,
    };
  if (issue.message.startsWith('Input "')) return sentence(issue.message);
  return {
    file: '',
    scope: '',
    field: name,
    message: `${shownInput(name, plain(values))} ${issue.message}`,
  };
}

type Fields = { values: Parsed; problems: Problem[]; failed: Set<string> };

const DEFAULTS = readInputs({});

/**
 * Every field on its own, so one bad field never hides another's problem. A field that fails is
 * given its default's value, so the rules across inputs can still run on the others.
 */
function parseFields(values: Values): Fields {
  const parsedValues: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const failed = new Set<string>();
  for (const [name, schema] of Object.entries(inputSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(values[name]?.value ?? DEFAULTS[name] ?? '');
    if (parsed.success) {
      parsedValues[name] = parsed.data;
      continue;
    }
    failed.add(name);
    problems.push(...parsed.error.issues.map((i) => problemAt(i, name, values)));
    const fallback = (schema as z.ZodType).safeParse(DEFAULTS[name] ?? '');
    parsedValues[name] = fallback.success ? fallback.data : undefined;
  }
  return { values: parsedValues as Parsed, problems, failed };
}

/** The values alone, over the defaults. */
function plain(values: Values): RawInputs {
  return { ...DEFAULTS, ...plainInputs(values) };
}

/**
 * Problems of the values a file wrote, each at its line. The rules across values wait for the
 * final resolution, where every layer (action inputs, fly.toml) is known.
 */
export function fileProblems(values: Values): Problem[] {
  return parseFields(values).problems.filter((p) => p.file !== '');
}

/**
 * The action inputs as layers with origins: the defaults nobody wrote under the inputs the
 * workflow set (`written`, from explicitInputs: one equal to its default counts as not written,
 * since the runner fills in every default). `between` sits between the two: fly.toml's checks.
 * A config file's service and endpoint layers go on top (resolve-service.ts).
 */
export function inputLayers(written: RawInputs, between: Values = {}): Values {
  return {
    ...layerOf(DEFAULTS, { kind: 'input-default' }),
    ...between,
    ...layerOf(written, { kind: 'action-input' }),
  };
}

/**
 * Validates the action inputs of an environment (INPUT_* variables) as a plain `url` gate reads
 * them; throws SettingsError listing every problem.
 */
export function parseInputs(env: Record<string, string | undefined>): Settings {
  return parseSettings(inputLayers(explicitInputs(env)));
}

/**
 * Validates values from any layer into Settings, once; every problem names where its value was
 * written. Defaults nobody wrote are first fitted to a long written interval (fit-defaults.ts),
 * each fitted value a line in `notes`. Throws SettingsError.
 */
export function parseSettings(layered: Values, notes: string[] = []): Settings {
  const { values, notes: fitted } = fitDefaultsToInterval(layered);
  notes.push(...fitted);
  const raw = plain(values);
  const { values: v, problems, failed } = parseFields(values);
  // A rule across inputs is judged only when none of the inputs it names failed on its own.
  for (const rule of crossFieldProblems(v, raw))
    if (!rule.inputs.some((name) => failed.has(name))) problems.push(sentence(rule.message));
  if (problems.length) throw new SettingsError(problems);
  return toSettings(v, raw);
}
