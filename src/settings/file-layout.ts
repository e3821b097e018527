/**
 * The layouts a config file may take, read into items (the file's `defaults` and its services, in
 * order), and each service's name checked: usable as a folder and artifact name, and unique.
 *
 *   1. `services:` (a list) with optional `defaults:`;
 *   2. one service per document: a mapping, several separated by `---`, or a list of them.
 */
import { SERVICE_KEYS } from './config-schema.js';
import type { Problem } from './problems.js';
import type { Path, YamlDocument } from './yaml-source.js';

/** Safe as a folder name and inside an artifact name on every OS the runners use. */
export const SERVICE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_-])?$/;
const NAME_HELP =
  'accepted: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit and not ending with "."';

export interface Item {
  kind: 'service' | 'defaults';
  doc: YamlDocument;
  /** Where this mapping sits in its document. */
  base: Path;
  data: unknown;
  /** 1-based position among the services, for a service without a usable name. */
  position: number;
}

export function collectItems(
  documents: readonly YamlDocument[],
  file: string,
  problems: Problem[],
): Item[] {
  const items: Item[] = [];
  let position = 0;
  const service = (doc: YamlDocument, base: Path, data: unknown) =>
    items.push({ kind: 'service', doc, base, data, position: (position += 1) });
  const isMapping = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);

  if (documents.length === 0) {
    problems.push({
      file,
      scope: '',
      field: '',
      message:
        'is empty; accepted: `services:` (with optional `defaults:`), one service, or a list of services',
    });
    return items;
  }
  for (const doc of documents) {
    const scope = documents.length > 1 ? `document ${doc.index}` : '';
    const { data } = doc;
    if (isMapping(data) && 'services' in data) {
      if (documents.length > 1) {
        problems.push({
          file,
          line: doc.lineOf(['services']),
          scope,
          field: 'services',
          message: 'belongs in a file with a single document; list every service there',
        });
        continue;
      }
      for (const key of Object.keys(data)) {
        if (key !== 'services' && key !== 'defaults') {
          const hint = SERVICE_KEYS.includes(key)
            ? ` (a service field: put it under a service or defaults)`
            : '';
          problems.push({
            file,
            line: doc.lineOf([key]),
            scope,
            field: key,
            message: `is not a known top-level field${hint}; accepted next to services: defaults`,
          });
        }
      }
      if (data['defaults'] !== undefined) {
        items.push({
          kind: 'defaults',
          doc,
          base: ['defaults'],
          data: data['defaults'],
          position: 0,
        });
      }
      const list = data['services'];
      if (!Array.isArray(list) || list.length === 0) {
        problems.push({
          file,
          line: doc.lineOf(['services']),
          scope,
          field: 'services',
          message: 'must be a list of at least one service',
        });
        continue;
      }
      list.forEach((entry, i) => service(doc, ['services', i], entry));
    } else if (Array.isArray(data)) {
      data.forEach((entry, i) => service(doc, [i], entry));
    } else if (isMapping(data)) {
      service(doc, [], data);
    } else {
      problems.push({
        file,
        line: doc.lineOf([]),
        scope,
        field: '',
        message: `is ${JSON.stringify(data)}; accepted: a service mapping, a list of services, or services: with defaults:`,
      });
    }
  }
  return items;
}

export function nameOf(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const name = record['name'] ?? record['service'];
  return typeof name === 'string' || typeof name === 'number' ? String(name) : undefined;
}

export function checkName(
  item: Item,
  name: string | undefined,
  file: string,
  seen: Map<string, string>,
  problems: Problem[],
): string | undefined {
  const data = item.data as Record<string, unknown>;
  const field = data['name'] !== undefined ? 'name' : 'service';
  const line = item.doc.lineOf([...item.base, field]);
  const problem = (scope: string, message: string) =>
    problems.push({ file, line, scope, field, message });
  if (
    data['name'] !== undefined &&
    data['service'] !== undefined &&
    data['name'] !== data['service']
  ) {
    problem(
      `service "${name}"`,
      `${JSON.stringify(data['name'])} differs from service ${JSON.stringify(data['service'])}; accepted: one name (name or service)`,
    );
    return undefined;
  }
  if (name === undefined) {
    problem(
      `service #${item.position}`,
      'is missing; accepted: name: <service> (or service: <service>)',
    );
    return undefined;
  }
  if (!SERVICE_NAME.test(name)) {
    problem(
      `service #${item.position}`,
      `${JSON.stringify(name)} is not a usable name; ${NAME_HELP}`,
    );
    return undefined;
  }
  const key = name.toLowerCase();
  const first = seen.get(key);
  if (first !== undefined) {
    problem(
      `service "${name}"`,
      `${JSON.stringify(name)} is used twice (names must differ, ignoring case: they become folder and artifact names); first: ${JSON.stringify(first)}`,
    );
    return undefined;
  }
  seen.set(key, name);
  return name;
}
