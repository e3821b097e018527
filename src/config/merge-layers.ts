/**
 * A service over the file's `defaults`: every input the service sets wins; headers merge by name;
 * `endpoints` is taken whole from the service when it has its own; `health_endpoint: null` drops
 * a default's. Then the endpoint list is built:
 *
 *   health_endpoint, build_endpoint, then each of `endpoints`, in that order.
 *
 * The service-level version settings (expected_version, version_path, version_header) apply to
 * the build endpoint, which is where the build is read; without a build endpoint they apply to
 * every endpoint that does not set its own.
 */
import type { ConfigProblem } from './config-error.js';
import type { EndpointDraft, HeaderMap, Layer } from './normalize-layer.js';
import type { EndpointConfig, ServiceConfig, Settings } from './service-config.js';

export interface Merged {
  service: ServiceConfig;
  problems: ConfigProblem[];
}

function mergeHeaders(
  under: HeaderMap | undefined,
  over: HeaderMap | undefined,
): HeaderMap | undefined {
  if (!under) return over;
  if (!over) return under;
  return { map: { ...under.map, ...over.map }, origin: over.origin };
}

function pick<T>(service: T | null | undefined, defaults: T | null | undefined): T | undefined {
  if (service === null) return undefined;
  if (service !== undefined) return service;
  return defaults ?? undefined;
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

  const drafts: Array<{ draft: EndpointDraft; takesVersion: boolean }> = [];
  if (health) drafts.push({ draft: health, takesVersion: !build });
  if (build) drafts.push({ draft: build, takesVersion: true });
  for (const draft of listed) {
    drafts.push({ draft, takesVersion: !build && draft.inputs['expected-version'] === undefined });
  }

  const endpoints: EndpointConfig[] = drafts.map(({ draft, takesVersion }) => {
    const endpointHeaders = mergeHeaders(headers, draft.headers);
    return {
      label: draft.label,
      target: draft.target,
      targetOrigin: draft.targetOrigin,
      inputs: {
        ...(takesVersion ? version : {}),
        ...(endpointHeaders
          ? {
              headers: {
                value: Object.entries(endpointHeaders.map)
                  .map(([header, value]) => `${header}: ${value}`)
                  .join('\n'),
                origin: endpointHeaders.origin,
              },
            }
          : {}),
        ...draft.inputs,
      },
    };
  });

  const problems: ConfigProblem[] = [];
  const labels = new Map<string, string>();
  for (const endpoint of endpoints) {
    const key = JSON.stringify([endpoint.target, endpoint.inputs['method']?.value ?? 'GET']);
    const field =
      endpoint.targetOrigin.kind === 'file' ? endpoint.targetOrigin.field : endpoint.label;
    const first = labels.get(key);
    if (first !== undefined && endpoint.targetOrigin.kind === 'file') {
      problems.push({
        file,
        line: endpoint.targetOrigin.line,
        scope: `service "${name}"`,
        field,
        message: `probes the same endpoint as ${first}; accepted: each endpoint once`,
      });
    }
    labels.set(key, field);
  }

  // Notes explain how slo_targets were read: the service's own, else the defaults' it inherits.
  const notes = layer.notes.length > 0 ? layer.notes : (defaults?.notes ?? []);
  return {
    service: {
      name,
      file,
      ...(line !== undefined ? { line } : {}),
      inputs,
      ...(baseUrl ? { baseUrl } : {}),
      endpoints,
      notes,
    },
    problems,
  };
}
