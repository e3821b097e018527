/**
 * The endpoints one mapping of the file declares: `health_endpoint` / `build_endpoint`, the
 * `endpoints` list, and `<name>_endpoint` with its `<name>_interval` / `<name>_timeout`, each a
 * target (a path or a URL) with its own inputs and where it was written.
 */
import { type EndpointObjectDoc } from './config-schema.js';
import { ENDPOINT_INPUTS, NAMED_FIELD } from './file-fields.js';
import { fieldPath, shownValue } from './problems.js';
import { TOKEN } from './header-lines.js';
import { valueAt } from '../probe/value-at.js';
import type { EndpointTarget, Origin, Settings } from './service-config.js';
import type { Path } from './yaml-source.js';
import type { EndpointDraft, HeaderMap, Layer, LayerContext } from './normalize-layer.js';

/** A YAML scalar as the input text it sets. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** A URL that is http(s), as written; whether it is a usable one is the url input's to say. */
function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function endpointTarget(
  value: string,
  path: Path,
  ctx: LayerContext,
  problem: (path: Path, message: string) => void,
): EndpointTarget | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith('/')) return { kind: 'path', path: trimmed };
  const url = httpUrl(trimmed);
  if (url !== undefined) return { kind: 'url', url };
  problem(
    path,
    `${shownValue(valueAt(ctx.written, path), false)} is neither a path starting with / nor an http(s) URL; accepted: /healthz or https://api.example.com/healthz`,
  );
  return undefined;
}

export function headerMap(
  headers: Record<string, string | number>,
  path: Path,
  origin: (path: Path, secret?: boolean) => Origin,
  problem: (path: Path, message: string) => void,
): HeaderMap | undefined {
  const map: Record<string, string> = {};
  let ok = true;
  for (const [name, value] of Object.entries(headers)) {
    const valueText = String(value);
    if (!TOKEN.test(name)) {
      problem([...path, name], 'is not a valid header name; accepted: letters, digits and -');
      ok = false;
    } else if (/[\r\n]/.test(valueText)) {
      problem([...path, name], '(value hidden: it holds secrets) must be a single line');
      ok = false;
    } else {
      map[name] = valueText;
    }
  }
  return ok ? { map, origin: origin(path, true) } : undefined;
}

export type Put = (into: Settings, input: string, value: string, from: Origin) => void;

/** `search_endpoint: /search`, `search_interval: 60s`, `search_timeout: 10s`. */
export function readNamed(
  named: Record<string, unknown>,
  layer: Layer,
  ctx: LayerContext,
  origin: (path: Path, secret?: boolean) => Origin,
  problem: (path: Path, message: string) => void,
  put: Put,
): void {
  for (const [key, value] of Object.entries(named)) {
    const [, name, kind] = NAMED_FIELD.exec(key) as RegExpExecArray;
    const shown = shownValue(valueAt(ctx.written, [key]), false);
    if (kind === 'endpoint') {
      // `search_endpoint: null` drops the defaults' endpoint of that name, as health_endpoint does.
      if (value === null) {
        layer.dropped.push(name as string);
        continue;
      }
      if (typeof value !== 'string') {
        problem([key], `${shown} is not an endpoint; accepted: a path like /search or a URL`);
        continue;
      }
      const target = endpointTarget(value, [key], ctx, problem);
      if (target)
        layer.named.push({
          label: name as string,
          target,
          targetOrigin: origin([key]),
          inputs: {},
        });
    } else if (typeof value === 'string' || typeof value === 'number') {
      put((layer.byName[name as string] ??= {}), kind as string, text(value), origin([key]));
    } else {
      problem([key], `${shown} is not a duration; accepted: e.g. 10s or 1m`);
    }
  }
}

export function endpointDraft(
  item: string | EndpointObjectDoc,
  index: number,
  ctx: LayerContext,
  origin: (path: Path, secret?: boolean) => Origin,
  problem: (path: Path, message: string) => void,
  put: Put,
): EndpointDraft | undefined {
  const base: Path = ['endpoints', index];
  if (typeof item === 'string') {
    const target = endpointTarget(item, base, ctx, problem);
    return target && { label: item.trim(), target, targetOrigin: origin(base), inputs: {} };
  }
  if (item.path !== undefined && item.url !== undefined) {
    problem(base, 'sets both path and url; accepted: one of them');
    return undefined;
  }
  const where = item.path !== undefined ? 'path' : item.url !== undefined ? 'url' : undefined;
  if (where === undefined) {
    problem(base, 'has neither path nor url; accepted: path: /healthz or url: https://...');
    return undefined;
  }
  const written = item[where] as string;
  const target = endpointTarget(written, [...base, where], ctx, problem);
  if (!target) return undefined;
  if (where === 'path' && target.kind !== 'path') {
    problem(
      [...base, 'path'],
      `${shownValue(written, false)} must start with /; use url for a full URL`,
    );
    return undefined;
  }
  if (where === 'url' && target.kind !== 'url') {
    problem(
      [...base, 'url'],
      `${shownValue(written, false)} is not an http(s) URL; use path for a path`,
    );
    return undefined;
  }
  const inputs: Settings = {};
  for (const [key, input] of Object.entries(ENDPOINT_INPUTS)) {
    const value = item[key as keyof EndpointObjectDoc];
    if (value !== undefined) put(inputs, input, text(value), origin([...base, key]));
  }
  if (item.expected_status !== undefined) {
    const value = item.expected_status;
    put(
      inputs,
      'expected-status',
      Array.isArray(value) ? value.map(String).join(',') : String(value),
      origin([...base, 'expected_status']),
    );
  }
  if (item.expect_json !== undefined) {
    const list = Array.isArray(item.expect_json) ? item.expect_json : [item.expect_json];
    const from = origin([...base, 'expect_json']);
    if (from.kind === 'file' && Array.isArray(item.expect_json)) {
      from.items = list.map((_, i) => {
        const one = origin([...base, 'expect_json', i]);
        return {
          field: fieldPath([...base, 'expect_json', i]),
          line: one.kind === 'file' ? one.line : undefined,
          written: one.kind === 'file' ? one.written : undefined,
        };
      });
    }
    put(inputs, 'expect-json', list.join('\n'), from);
  }
  const headers = item.headers
    ? headerMap(item.headers, [...base, 'headers'], origin, problem)
    : undefined;
  return {
    label: item.name ?? written.trim(),
    target,
    targetOrigin: origin([...base, where]),
    inputs,
    ...(headers ? { headers } : {}),
  };
}
