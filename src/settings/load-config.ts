/**
 * Loads the service-matrix file. Accepted layouts (YAML, one file):
 *
 *   1. `services:` (a list) with optional `defaults:`;
 *   2. one service per document: a mapping, several separated by `---`, or a list of them.
 *
 * Each service is checked for structure (zod), has its ${VAR} references expanded from the
 * environment, is merged over `defaults`, and its values are validated by the action's own
 * parseSettings. Every problem is collected and thrown at once as a SettingsError whose lines read
 * `<file>:<line>: service "<name>": <field>: <value> <what is accepted>`.
 */
import { readFile } from 'node:fs/promises';
import { regularFileProblem } from '../evidence/special-paths.js';
import type { z } from 'zod';
import { SettingsError, dedupeProblems, fieldPath, type Problem } from './problems.js';
import { defaultsSchema, serviceSchema, SERVICE_KEYS } from './config-schema.js';
import { NAMED_FIELD } from './file-fields.js';
import { describeIssues } from './describe-issue.js';
import { expandEnv } from './expand-env.js';
import { fileProblems } from './parse-inputs.js';
import { mergeLayers } from './merge-layers.js';
import { normalizeLayer, type Layer } from './normalize-layer.js';
import { valueAt } from '../probe/value-at.js';
import type { ServiceConfig, ServiceFile } from './service-config.js';
import { parseYamlStream, type Path } from './yaml-source.js';
import { checkName, collectItems, nameOf, type Item } from './file-layout.js';

export type Env = Record<string, string | undefined>;

export interface LoadOptions {
  /** Where ${VAR} values come from (process.env in the action). */
  env: Env;
}

export async function loadServiceConfig(path: string, options: LoadOptions): Promise<ServiceFile> {
  let text: string;
  // A FIFO or /dev/zero would block or fill memory: only a small regular file is read.
  const special = regularFileProblem(path);
  if (special) throw new SettingsError([{ file: path, scope: '', field: '', message: special }]);
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new SettingsError([{ file: path, scope: '', field: '', message: why }]);
  }
  return parseServiceConfig(text, path, options);
}

/** The same as loadServiceConfig, for text already read; `file` names it in messages. */
export function parseServiceConfig(text: string, file: string, options: LoadOptions): ServiceFile {
  const parsed = parseYamlStream(text, file);
  if (!parsed.ok) throw new SettingsError(parsed.problems);
  const problems: Problem[] = [];
  const items = collectItems(parsed.documents, file, problems);

  let defaults: Layer | undefined;
  const layers: Array<{ item: Item; name: string | undefined; layer: Layer }> = [];
  for (const item of items) {
    const name = item.kind === 'service' ? nameOf(item.data) : undefined;
    const scope =
      item.kind === 'defaults'
        ? 'defaults'
        : name !== undefined
          ? `service "${name}"`
          : `service #${item.position}`;
    const layer = readLayer(item, scope, file, options.env, problems);
    if (!layer) continue;
    if (item.kind === 'defaults') defaults = layer;
    else layers.push({ item, name, layer });
  }

  const services: ServiceConfig[] = [];
  const seen = new Map<string, string>();
  for (const { item, name, layer } of layers) {
    const named = checkName(item, name, file, seen, problems);
    if (named === undefined) continue;
    const merged = mergeLayers(named, file, item.doc.lineOf(item.base), defaults, layer);
    problems.push(...merged.problems);
    services.push(merged.service);
  }
  if (defaults) problems.push(...defaults.problems);
  for (const { layer } of layers) problems.push(...layer.problems);
  problems.push(...valueProblems(services, defaults));
  if (problems.length > 0) {
    // In file order: the list reads top to bottom like the file.
    const ordered = dedupeProblems(problems).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new SettingsError(ordered);
  }
  return { file, defaults: defaults?.inputs ?? {}, services };
}

/** Expands ${VAR} in every string value, keeping the shape; problems are reported per field. */
function expandTree(
  value: unknown,
  env: Env,
  path: Path,
  report: (path: Path, message: string) => void,
): unknown {
  if (typeof value === 'string') {
    const expanded = expandEnv(value, env);
    if (expanded.ok) return expanded.value;
    report(path, expanded.problem);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => expandTree(v, env, [...path, i], report));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expandTree(v, env, [...path, k], report)]),
    );
  }
  return value;
}

function readLayer(
  item: Item,
  scope: string,
  file: string,
  env: Env,
  problems: Problem[],
): Layer | undefined {
  const lineOf = (path: Path) => item.doc.lineOf([...item.base, ...path]);
  const report = (path: Path, message: string) =>
    problems.push({ file, line: lineOf(path), scope, field: fieldPath(path), message });
  const dropped: Path[] = [];
  let data = expandTree(item.data, env, [], (path, message) => {
    report(path, message);
    dropped.push(path);
  });
  data = withoutPaths(data, dropped);
  const { rest, named } = setAsideNamed(data);
  data = rest;
  const schema: z.ZodType = item.kind === 'defaults' ? defaultsSchema : serviceSchema;
  const written = (path: Path) => valueAt(item.data, path);
  // Every structural problem is reported, then its field set aside, so the rest of the service is
  // still checked and one run of the loader lists everything to fix.
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const result = schema.safeParse(data);
    if (result.success) {
      return normalizeLayer(
        result.data as Parameters<typeof normalizeLayer>[0],
        { file, scope, lineOf, written: item.data },
        named,
      );
    }
    const issues = describeIssues(result.error.issues, schema, written);
    for (const issue of issues) report(issue.path, issue.message);
    const paths = issues.map((issue) => issue.path);
    if (paths.some((path) => path.length === 0)) return undefined;
    data = withoutPaths(data, paths);
  }
  return undefined;
}

/** `<name>_endpoint` / `_interval` / `_timeout`: names the schema cannot list (see NAMED_FIELD). */
function setAsideNamed(data: unknown): { rest: unknown; named: Record<string, unknown> } {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { rest: data, named: {} };
  const rest: Record<string, unknown> = {};
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!SERVICE_KEYS.includes(key) && NAMED_FIELD.test(key)) named[key] = value;
    else rest[key] = value;
  }
  return { rest, named };
}

/** Structure is re-checked after setting bad fields aside; nesting bounds the passes needed. */
const MAX_PASSES = 8;

/**
 * A copy without the given fields. A bad list item takes its whole list with it, so the
 * positions (and lines) of the other items stay as written.
 */
function withoutPaths(data: unknown, paths: readonly Path[]): unknown {
  const out = structuredClone(data);
  for (const path of paths) {
    const cut = [...path];
    while (typeof cut.at(-1) === 'number') cut.pop();
    if (cut.length === 0) continue;
    const parent = valueAt(out, cut.slice(0, -1));
    if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
      delete (parent as Record<string, unknown>)[cut.at(-1) as string];
    }
  }
  return out;
}

/** Values checked by the action's own input parsers, reported where they were written. */
function valueProblems(services: readonly ServiceConfig[], defaults: Layer | undefined): Problem[] {
  const problems: Problem[] = [];
  if (defaults) problems.push(...fileProblems(defaults.inputs));
  for (const service of services) {
    problems.push(...fileProblems(service.inputs));
    for (const endpoint of service.endpoints) problems.push(...fileProblems(endpoint.inputs));
  }
  return problems;
}
