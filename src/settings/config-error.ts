/**
 * Problems found in the config file (or in a fly.toml it points to), each formatted as
 * `<file>:<line>: service "<name>": <field>: <value> <what is accepted>`, and the one error that
 * carries all of them, so a user fixes everything in one pass.
 */
import { maskUrlText } from '../secrets/mask-url.js';

export interface ConfigProblem {
  file: string;
  /** 1-based line in the file, when the YAML/TOML node was found. */
  line?: number;
  /** `service "api"`, `defaults`, `document 2`; empty for the file as a whole. */
  scope: string;
  /** Dotted field path as written in the file: `slo_targets.error_rate`, `endpoints[1].path`. */
  field: string;
  /** The value (or "(value hidden)") and what is accepted. */
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return [where, p.scope, p.field, p.message].filter((part) => part !== '').join(': ');
}

export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map(formatProblem);
    super(
      lines.length === 1
        ? (lines[0] as string)
        : `${lines.length} problems in the service config:\n- ${lines.join('\n- ')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
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

/** How a value is quoted in a message: as JSON, or hidden when it is (or may hold) a secret. */
export function shownValue(value: unknown, secret: boolean): string {
  if (secret) return '(value hidden: it holds secrets)';
  if (value === undefined) return '(missing)';
  const json = JSON.stringify(value);
  // URL credentials and secret query values are masked wherever a value is quoted.
  return maskUrlText(json === undefined ? String(value) : json);
}

/** Drops repeats (a `defaults` value inherited by several services is reported once). */
export function dedupeProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
