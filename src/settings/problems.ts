/**
 * The one problem type of the settings, its one formatter, and the one error that carries every
 * problem at once, so a user fixes everything in one pass. A problem is about
 *
 *   - a value written in a file: `deploy-gate.yml:12: service "api": monitoring.interval: "abc" …`;
 *   - an action input: `Input "interval": "abc" is not a duration; accepted: …`;
 *   - or a rule across values, as a sentence of its own.
 */
import { maskUrlText } from '../secrets/mask-url.js';

export interface Problem {
  /** The config file (or fly.toml); empty for an action input or a rule across values. */
  file: string;
  /** 1-based line in the file, when the YAML/TOML node was found. */
  line?: number;
  /** `service "api"`, `defaults`, `document 2`; empty for the file as a whole. */
  scope: string;
  /** The field as written in the file (`slo_targets.error_rate`), or the input's name. */
  field: string;
  /** The value (or "(value hidden)") and what is accepted. */
  message: string;
}

export function formatProblem(p: Problem): string {
  if (p.file === '') return p.field === '' ? p.message : `Input "${p.field}": ${p.message}`;
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return [where, p.scope, p.field, p.message].filter((part) => part !== '').join(': ');
}

/** A sentence that names its inputs itself (a rule across inputs, a refused folder). */
export const sentence = (message: string): Problem => ({
  file: '',
  scope: '',
  field: '',
  message,
});

export class SettingsError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: ReadonlyArray<Problem | string>) {
    const all = problems.map((p) => (typeof p === 'string' ? sentence(p) : p));
    const lines = all.map(formatProblem);
    const fromFile = all.some((p) => p.file !== '');
    super(
      lines.length === 1
        ? (lines[0] as string)
        : `${lines.length} ${fromFile ? 'problems in the service config' : 'inputs are invalid'}:\n- ${lines.join('\n- ')}`,
    );
    this.name = 'SettingsError';
    this.problems = all;
  }

  /** Every problem as one formatted line. */
  get lines(): string[] {
    return this.problems.map(formatProblem);
  }
}

/** `["endpoints", 1, "path"]` → `endpoints[1].path`. */
export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Values longer than this are cut in messages: a 100 k-character value is not echoed whole. */
const MAX_SHOWN = 120;

/** How a value is quoted in a message: as JSON, or hidden when it is (or may hold) a secret. */
export function shownValue(value: unknown, secret: boolean): string {
  if (secret) return '(value hidden: it holds secrets)';
  if (value === undefined) return '(missing)';
  const text = typeof value === 'string' ? value : undefined;
  const cut =
    text !== undefined && text.length > MAX_SHOWN
      ? `${text.slice(0, MAX_SHOWN)}... (${text.length} characters)`
      : value;
  const json = JSON.stringify(cut);
  // URL credentials and secret query values are masked wherever a value is quoted.
  return maskUrlText(json === undefined ? String(value) : json);
}

/** Drops repeats (a `defaults` value inherited by several services is reported once). */
export function dedupeProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
