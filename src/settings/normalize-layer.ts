/**
 * One mapping of the file (a service, or `defaults`), already checked for structure and with
 * ${VAR} expanded, turned into action-input strings with their origins. Both spellings land here:
 * the matrix form (`health_endpoint`, `slo_targets`, `monitoring`) and the canonical one
 * (`endpoints`, `policy`, `fly`, `rollback`, `metrics`). Two fields of one mapping that set the
 * same input are a problem; a service and `defaults` setting the same input is precedence.
 */
import { fieldPath, shownValue, type Problem } from './problems.js';
import { type DefaultsDoc } from './config-schema.js';
import { FILE_INPUTS, NOT_JUDGED_FIELDS, VERSION_INPUTS } from './file-fields.js';
import { SECRET_INPUTS } from './read-inputs.js';
import { isSingleReference } from './expand-env.js';
import { sloInputs, type SloTargets } from './slo-targets.js';
import type { EndpointTarget, NotJudged, Origin, Setting, Settings } from './service-config.js';
import type { Path } from './yaml-source.js';
import { valueAt } from '../probe/value-at.js';
import { endpointDraft, endpointTarget, headerMap, readNamed, text } from './endpoint-drafts.js';
import { httpUrl } from './field-parsers.js';

const BASE_URL = httpUrl({ example: 'https://api.example.com', follows: 'endpoint paths' });

export interface LayerContext {
  file: string;
  /** `service "api"` or `defaults`. */
  scope: string;
  /** Line of a field; the path is relative to this mapping. */
  lineOf(path: Path): number | undefined;
  /** This mapping as written, before ${VAR} expansion. */
  written: unknown;
}

export interface HeaderMap {
  map: Record<string, string>;
  origin: Origin;
}

/** An endpoint before the service's own headers and version settings are applied. */
export interface EndpointDraft {
  label: string;
  target: EndpointTarget;
  targetOrigin: Origin;
  inputs: Settings;
  headers?: HeaderMap;
}

export interface Layer {
  inputs: Settings;
  baseUrl?: Setting;
  /** `null`: the service drops a default's endpoint. */
  health?: EndpointDraft | null;
  build?: EndpointDraft | null;
  /** expected-version, version-path, version-header written at service level. */
  version: Settings;
  headers?: HeaderMap;
  endpoints?: EndpointDraft[];
  /** `<name>_endpoint` fields, in file order. */
  named: EndpointDraft[];
  /** `<name>_endpoint: null`: the defaults' endpoint of that name is dropped. */
  dropped: string[];
  /** Inputs of one endpoint by its name: `<name>_interval`, `<name>_timeout`, and its objectives. */
  byName: Record<string, Settings>;
  /** Fields kept for other tools (schedule, job_success_rate, ...): recorded, never judged. */
  notJudged: NotJudged[];
  /** slo_targets as numbers (the report reads them); absent when the mapping has none. */
  slo?: SloTargets;
  notes: string[];
  problems: Problem[];
}

type Doc = DefaultsDoc & Record<string, unknown>;

/**
 * `named` holds the `<name>_endpoint` / `_interval` / `_timeout` fields, set aside by the loader
 * before the structure check (their names are the user's own).
 */
export function normalizeLayer(
  doc: Doc,
  ctx: LayerContext,
  named: Record<string, unknown> = {},
): Layer {
  const layer: Layer = {
    inputs: {},
    version: {},
    named: [],
    dropped: [],
    byName: {},
    notJudged: [],
    notes: [],
    problems: [],
  };
  const origin = (path: Path, secret = false): Origin => ({
    kind: 'file',
    file: ctx.file,
    line: ctx.lineOf(path),
    scope: ctx.scope,
    field: fieldPath(path),
    written: valueAt(ctx.written, path),
    secret,
  });
  const problem = (path: Path, message: string) =>
    layer.problems.push({
      file: ctx.file,
      line: ctx.lineOf(path),
      scope: ctx.scope,
      field: fieldPath(path),
      message,
    });
  const put = (into: Settings, input: string, value: string, from: Origin) => {
    const previous = into[input];
    if (previous && previous.origin.kind === 'file' && from.kind === 'file') {
      layer.problems.push({
        file: ctx.file,
        line: from.line,
        scope: ctx.scope,
        field: from.field,
        message: `sets ${input}, which ${previous.origin.field} already sets; set it in one place`,
      });
      return;
    }
    into[input] = { value, origin: from };
  };
  const putSecret = (input: string, path: Path, value: unknown) => {
    if (!isSingleReference(text(valueAt(ctx.written, path) ?? ''))) {
      problem(
        path,
        '(value hidden: it holds secrets) must be a ${VAR} reference; secrets never live in the file',
      );
      return;
    }
    put(layer.inputs, input, text(value), origin(path, true));
  };

  for (const [field, input] of Object.entries(FILE_INPUTS)) {
    const path = field.split('.');
    const value = valueAt(doc, path);
    if (value === undefined) continue;
    // A token written in the file must name an environment variable, never be the value.
    if (SECRET_INPUTS.has(input)) putSecret(input, path, value);
    else put(layer.inputs, input, text(value), origin(path));
  }

  if (doc.slo_targets) {
    const slo = sloInputs(doc.slo_targets as Record<string, string | number>);
    for (const p of slo.problems)
      problem(
        ['slo_targets', p.key],
        `${shownValue(valueAt(ctx.written, ['slo_targets', p.key]), false)} ${p.message}`,
      );
    const rate = slo['max-error-rate'];
    if (rate) put(layer.inputs, 'max-error-rate', rate.value, origin(['slo_targets', rate.key]));
    const latency = slo['latency-slo'];
    if (latency)
      put(
        layer.inputs,
        'latency-slo',
        latency.value,
        origin(['slo_targets', latency.keys[0] as string]),
      );
    for (const [name, objectives] of Object.entries(slo.endpoints)) {
      const into = (layer.byName[name] ??= {});
      put(
        into,
        'latency-slo',
        objectives.value,
        origin(['slo_targets', objectives.keys[0] as string]),
      );
    }
    layer.notes.push(...slo.notes);
    layer.slo = slo.targets;
  }
  for (const field of Object.keys(NOT_JUDGED_FIELDS)) {
    const path = field.split('.');
    const value = valueAt(doc, path);
    if (value !== undefined) layer.notJudged.push({ field, value: value as NotJudged['value'] });
  }
  readNamed(named, layer, ctx, origin, problem, put);

  // `url:` is how service matrices name the base URL.
  const baseKey = doc.url !== undefined ? 'url' : 'base_url';
  if (doc.url !== undefined && doc.base_url !== undefined)
    problem(['url'], 'sets the base URL, which base_url already sets; set it in one place');
  else if (doc[baseKey] !== undefined) {
    // The same check as any base URL input; endpoint paths are appended to it.
    const base = BASE_URL.safeParse(text(doc[baseKey]));
    if (base.success) layer.baseUrl = { value: base.data, origin: origin([baseKey]) };
    else
      problem(
        [baseKey],
        `${shownValue(valueAt(ctx.written, [baseKey]), false)} ${base.error.issues[0]?.message}`,
      );
  }

  for (const [key, input] of Object.entries(VERSION_INPUTS)) {
    if (doc[key] !== undefined) put(layer.version, input, text(doc[key]), origin([key]));
  }

  if (doc.headers) layer.headers = headerMap(doc.headers, ['headers'], origin, problem);

  for (const [key, label] of [
    ['health_endpoint', 'health'],
    ['build_endpoint', 'build'],
  ] as const) {
    const value = doc[key];
    if (value === undefined) continue;
    if (value === null) {
      layer[key === 'health_endpoint' ? 'health' : 'build'] = null;
      continue;
    }
    const target = endpointTarget(value, [key], ctx, problem);
    if (target)
      layer[key === 'health_endpoint' ? 'health' : 'build'] = {
        label,
        target,
        targetOrigin: origin([key]),
        inputs: {},
      };
  }

  if (doc.endpoints) {
    layer.endpoints = [];
    for (const [i, item] of doc.endpoints.entries()) {
      const draft = endpointDraft(item, i, ctx, origin, problem, put);
      if (draft) layer.endpoints.push(draft);
    }
  }
  return layer;
}
