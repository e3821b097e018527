/**
 * The config file as YAML: every document of the stream as plain data, plus the line of any field,
 * so problems can point at `file:line`. Only YAML is interpreted: tags are not evaluated, aliases
 * are bounded, duplicate keys are errors.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
} from 'yaml';
import type { Problem } from './problems.js';

export type Path = readonly (string | number)[];

export interface YamlDocument {
  /** 1-based position in the stream. */
  index: number;
  data: unknown;
  /** 1-based line of the deepest node along the path that exists (the key when it is a map key). */
  lineOf(path: Path): number | undefined;
}

export type YamlParse =
  { ok: true; documents: YamlDocument[] } | { ok: false; problems: Problem[] };

/** Aliases expand to at most this many nodes per document (a defence against alias bombs). */
const MAX_ALIAS_COUNT = 1000;

export function parseYamlStream(text: string, file: string): YamlParse {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, merge: true, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const problems: Problem[] = [];
  const documents: YamlDocument[] = [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  for (const [i, doc] of docs.entries()) {
    const scope = docs.length > 1 ? `document ${i + 1}` : '';
    for (const issue of [...doc.errors, ...doc.warnings]) {
      problems.push({
        file,
        line: lineAt(issue.pos[0]),
        scope,
        field: '',
        message: `${issue.message.split('\n')[0]} (YAML ${issue.name === 'YAMLWarning' ? 'warning' : 'error'} ${issue.code})`,
      });
    }
    if (doc.errors.length > 0 || doc.warnings.length > 0) continue;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({
        file,
        line: doc.contents?.range ? lineAt(doc.contents.range[0]) : undefined,
        scope,
        field: '',
        message: `cannot be read as data: ${(error as Error).message}`,
      });
      continue;
    }
    // An empty document (a trailing `---`) carries nothing.
    if (data === null || data === undefined) continue;
    documents.push({ index: i + 1, data, lineOf: (path) => lineOfPath(doc, path, lineAt) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, documents };
}

function lineOfPath(
  doc: Document.Parsed,
  path: Path,
  lineAt: (offset: number) => number,
): number | undefined {
  let node: unknown = doc.contents;
  let line = rangeLine(node, lineAt);
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(part));
      if (!pair) break;
      line = rangeLine(pair.key, lineAt) ?? line;
      node = pair.value;
      // A block value (a nested map) starts on the next line; the key's line is the field's.
      if (!isScalar(node)) continue;
      line = rangeLine(node, lineAt) ?? line;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (item === undefined) break;
      node = item;
      line = rangeLine(node, lineAt) ?? line;
    } else {
      break;
    }
  }
  return line;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function rangeLine(node: unknown, lineAt: (offset: number) => number): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lineAt(range[0]) : undefined;
}
