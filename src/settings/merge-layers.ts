/**
 * A service over the file's `defaults`: every input the service sets wins; headers merge by name;
 * `endpoints` is taken whole from the service when it has its own; `health_endpoint: null` drops
 * a default's. Then the endpoint list is built:
 *
 *   health_endpoint, build_endpoint, then each of `endpoints`, in that order.
 *
 * The service-level version settings (expected_version, version_path, version_header) apply to
 * the build endpoint, which is where the build is read; without a build endpoint they apply to
 * every endpoint that does not set its own. A service with no endpoint of its own (base_url, the
 * url input, fly.toml's checks) keeps them, with its headers, in `endpointInputs` for whatever it
 * probes. Version settings no endpoint takes are refused, never dropped.
 */
import { shownValue, type Problem } from './problems.js';
import type { EndpointDraft, HeaderMap, Layer } from './normalize-layer.js';
import type { EndpointConfig, NotJudged, ServiceConfig, Settings } from './service-config.js';
import type { SloTargets } from './slo-targets.js';
import { closest } from './describe-issue.js';

export interface Merged {
  service: ServiceConfig;
  problems: Problem[];
}

function mergeHeaders(
  under: HeaderMap | undefined,
  over: HeaderMap | undefined,
): HeaderMap | undefined {
  if (!under) return over;
  if (!over) return under;
  return { map: { ...under.map, ...over.map }, origin: over.origin };
}

/** Headers as the `headers` input: one `Name: value` per line. */
function headerInput(headers: HeaderMap | undefined): Settings {
  if (!headers) return {};
  const value = Object.entries(headers.map)
    .map(([header, v]) => `${header}: ${v}`)
    .join('\n');
  return { headers: { value, origin: headers.origin } };
}

function pick<T>(service: T | null | undefined, defaults: T | null | undefined): T | undefined {
  if (service === null) return undefined;
  if (service !== undefined) return service;
  return defaults ?? undefined;
}

/** Like the inputs they set: each target the service writes wins over the defaults' one. */
function mergeSlo(under?: SloTargets, over?: SloTargets): SloTargets | undefined {
  if (!under || !over) return over ?? under;
  const availability = over.availability ?? under.availability;
  const errorRate = over.errorRate ?? under.errorRate;
  return {
    ...(availability !== undefined ? { availability } : {}),
    ...(errorRate !== undefined ? { errorRate } : {}),
    latency: over.latency.length > 0 ? over.latency : under.latency,
  };
}

function mergeByName(
  under: Record<string, Settings> = {},
  over: Record<string, Settings> = {},
): Record<string, Settings> {
  const out: Record<string, Settings> = { ...under };
  for (const [label, settings] of Object.entries(over)) out[label] = { ...out[label], ...settings };
  return out;
}

/**
 * Endpoint names (`search` of search_endpoint, `name:` of a listed endpoint, health, build) must
 * differ: timing and objectives written for a name would apply to every endpoint carrying it.
 * A listed endpoint without a name is known by its path or URL and is not checked here.
 */
function repeatedNames(endpoints: readonly EndpointConfig[], service: string): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const e of endpoints) {
    if (/^(\/|https?:)/i.test(e.label)) continue;
    const o = e.targetOrigin;
    const field = o.kind === 'file' ? o.field : e.label;
    const earlier = first.get(e.label);
    if (earlier === undefined) {
      first.set(e.label, field);
      continue;
    }
    problems.push({
      file: o.kind === 'file' ? o.file : '',
      ...(o.kind === 'file' && o.line !== undefined ? { line: o.line } : {}),
      scope: `service "${service}"`,
      field,
      message: `names the endpoint ${JSON.stringify(e.label)}, which ${earlier} already names; accepted: each endpoint name once`,
    });
  }
  return problems;
}

/** `helth_endpoint` declares an endpoint named "helth": said in a note, since it is legal. */
function likelyTypos(
  named: ReadonlyMap<string, EndpointDraft>,
  declared: { health: EndpointDraft | undefined; build: EndpointDraft | undefined },
): string[] {
  const missing = (['health', 'build'] as const).filter((k) => declared[k] === undefined);
  return [...named.keys()].flatMap((label) => {
    const near = closest(label, missing);
    return near && near !== label
      ? [`${label}_endpoint declares an endpoint named "${label}"; did you mean ${near}_endpoint?`]
      : [];
  });
}

function mergeNotJudged(under: NotJudged[] = [], over: NotJudged[] = []): NotJudged[] {
  const written = new Set(over.map((f) => f.field));
  return [...under.filter((f) => !written.has(f.field)), ...over];
}

export function mergeLayers(
  name: string,
  file: string,
  line: number | undefined,
  defaults: Layer | undefined,
  layer: Layer,
): Merged {
  const inputs: Settings = { ...defaults?.inputs, ...layer.inputs };
  const version: Settings = { ...defaults?.version, ...layer.version };
  const headers = mergeHeaders(defaults?.headers, layer.headers);
  const baseUrl = layer.baseUrl ?? defaults?.baseUrl;
  const health = pick(layer.health, defaults?.health);
  const build = pick(layer.build, defaults?.build);
  const listed = layer.endpoints ?? defaults?.endpoints ?? [];
  // A named endpoint the service writes replaces the defaults' of the same name, or drops it.
  const named = new Map((defaults?.named ?? []).map((d) => [d.label, d]));
  for (const label of layer.dropped) named.delete(label);
  for (const draft of layer.named) named.set(draft.label, draft);
  const byName = mergeByName(defaults?.byName, layer.byName);

  const drafts: Array<{ draft: EndpointDraft; takesVersion: boolean }> = [];
  if (health) drafts.push({ draft: health, takesVersion: !build });
  if (build) drafts.push({ draft: build, takesVersion: true });
  for (const draft of [...named.values(), ...listed]) {
    drafts.push({ draft, takesVersion: !build && draft.inputs['expected-version'] === undefined });
  }

  const problems: Problem[] = [];
  const endpoints: EndpointConfig[] = drafts.map(({ draft, takesVersion }) => {
    // Objectives written for this endpoint's name join the service's, once every layer is known.
    const { 'latency-slo': objectives, ...timing } = byName[draft.label] ?? {};
    const own = draft.inputs['latency-slo']?.origin;
    if (objectives?.origin.kind === 'file' && own?.kind === 'file')
      problems.push({
        file: objectives.origin.file,
        ...(objectives.origin.line !== undefined ? { line: objectives.origin.line } : {}),
        scope: `service "${name}"`,
        field: objectives.origin.field,
        message: `sets latency-slo of the endpoint "${draft.label}", which ${own.field} already sets; set it in one place`,
      });
    return {
      label: draft.label,
      target: draft.target,
      targetOrigin: draft.targetOrigin,
      inputs: {
        ...(takesVersion ? version : {}),
        ...headerInput(mergeHeaders(headers, draft.headers)),
        ...timing,
        ...draft.inputs,
      },
      ...(objectives && !draft.inputs['latency-slo'] ? { objectives } : {}),
    };
  });

  const labels = new Set(endpoints.map((e) => e.label));
  for (const [label, settings] of Object.entries(byName)) {
    if (labels.has(label)) continue;
    // `search_timeout` or `search_response_time_p90` without a `search` endpoint would apply
    // nowhere. A `defaults` value is for the services that have the endpoint: not a problem here.
    for (const setting of Object.values(settings)) {
      const o = setting.origin;
      if (o.kind !== 'file' || o.scope === 'defaults') continue;
      problems.push({
        file: o.file,
        ...(o.line !== undefined ? { line: o.line } : {}),
        scope: `service "${name}"`,
        field: o.field,
        message: `${shownValue(o.written, o.secret)} names no endpoint of this service; accepted: declare ${label}_endpoint (or an endpoint with name: ${label}), or one of: ${[...labels].join(', ') || '(none)'}`,
      });
    }
  }
  if (drafts.length > 0 && !drafts.some((d) => d.takesVersion)) {
    // Every endpoint sets its own expected_version: the service's would silently apply nowhere.
    for (const setting of Object.values(version)) {
      const o = setting.origin;
      if (o.kind !== 'file') continue;
      problems.push({
        file: o.file,
        ...(o.line !== undefined ? { line: o.line } : {}),
        scope: `service "${name}"`,
        field: o.field,
        message: `${shownValue(o.written, o.secret)} applies to no endpoint: each sets its own expected_version; accepted: set it on the endpoints, or drop theirs`,
      });
    }
  }
  problems.push(...repeatedNames(endpoints, name));
  const seen = new Map<string, string>();
  for (const endpoint of endpoints) {
    const key = JSON.stringify([endpoint.target, endpoint.inputs['method']?.value ?? 'GET']);
    const field =
      endpoint.targetOrigin.kind === 'file' ? endpoint.targetOrigin.field : endpoint.label;
    const first = seen.get(key);
    if (first !== undefined && endpoint.targetOrigin.kind === 'file') {
      problems.push({
        file,
        line: endpoint.targetOrigin.line,
        scope: `service "${name}"`,
        field,
        message: `probes the same endpoint as ${first}; accepted: each endpoint once`,
      });
    }
    seen.set(key, field);
  }

  // Notes explain how slo_targets were read: the service's own, else the defaults' it inherits.
  const notes = [
    ...(layer.notes.length > 0 ? layer.notes : (defaults?.notes ?? [])),
    ...likelyTypos(named, { health, build }),
  ];
  const slo = mergeSlo(defaults?.slo, layer.slo);
  return {
    service: {
      name,
      file,
      ...(line !== undefined ? { line } : {}),
      inputs,
      ...(baseUrl ? { baseUrl } : {}),
      endpoints,
      endpointInputs: { ...version, ...headerInput(headers) },
      notes,
      ...(slo ? { slo } : {}),
      notJudged: mergeNotJudged(defaults?.notJudged, layer.notJudged),
    },
    problems,
  };
}
