/**
 * The action inputs as the runner passes them (INPUT_* variables), with action.yml's defaults
 * for blank ones, and how an input's value may be quoted in a message.
 */
import { INPUTS } from './input-spec.js';
import { shownValue } from './problems.js';

export type RawInputs = Record<string, string>;

/** Inputs whose values must never be echoed, not even in an error message. */
export const SECRET_INPUTS: ReadonlySet<string> = new Set(
  INPUTS.filter((i) => i.secret).map((i) => i.name),
);

/** The runner's env var for an input: upper-cased, spaces to `_`, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Reads every declared input from an environment. A missing or blank value takes the default from
 * input-spec.ts (the same one action.yml declares), so a run outside the runner behaves alike.
 */
export function readInputs(env: Record<string, string | undefined>): RawInputs {
  const raw: RawInputs = {};
  for (const spec of INPUTS) {
    const value = env[inputEnvName(spec.name)];
    raw[spec.name] = value === undefined || value.trim() === '' ? (spec.default ?? '') : value;
  }
  return raw;
}

/** How an input's value is quoted in messages: hidden, or as JSON with URL credentials masked. */
export function shownInput(name: string, raw: RawInputs): string {
  return shownValue(raw[name] ?? '', SECRET_INPUTS.has(name));
}

/**
 * The inputs a workflow set: non-blank INPUT_* variables of declared inputs whose value differs
 * from the action.yml default. The runner fills in every default, so a value equal to its
 * default cannot be told from one nobody wrote, and it must not outrank fly.toml or the file.
 */
export function explicitInputs(env: Record<string, string | undefined>): RawInputs {
  const out: RawInputs = {};
  for (const spec of INPUTS) {
    const value = env[inputEnvName(spec.name)];
    if (value === undefined || value.trim() === '') continue;
    if (spec.default !== undefined && value.trim() === spec.default.trim()) continue;
    out[spec.name] = value;
  }
  return out;
}
