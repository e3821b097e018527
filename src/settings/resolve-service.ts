/**
 * One service of the file, made into complete action inputs and validated by parseSettings.
 * Precedence, lowest first:
 *
 *   input defaults (input-spec.ts) < fly.toml < inputs the workflow set < file `defaults` < service < endpoint
 *
 * fly.toml sits just above the built-in defaults because it is a default too: anything a person
 * wrote (in the workflow or the file) wins. Its checks give the URLs (and their timing) only when
 * neither the file nor the `url` input names one.
 *
 * Endpoints with the same settings (everything but the URL) share one endpoint group, i.e. one multi-line
 * `url`, exactly as a single-service user would write it; endpoints that differ (another expected
 * status, another latency objective) get their own group, and all groups of a service are one gate.
 */
import type { RawInputs } from './read-inputs.js';
import { inputLayers, parseSettings } from './parse-inputs.js';
import type { Settings as GateSettings } from './settings.js';
import { SettingsError, dedupeProblems, formatProblem, type Problem } from './problems.js';
import { flyBaseUrl, flyTomlDefaults, readFlyToml, type FlyToml } from './fly-toml.js';
import {
  plainInputs,
  type EndpointConfig,
  type NotJudged,
  type Origin,
  type ServiceConfig,
  type ServiceFile,
  type Setting,
  type Settings,
} from './service-config.js';
import { inputSchema } from './input-schema.js';

export interface ResolveOptions {
  /** Inputs the workflow set (non-blank); see explicitInputs. Built-in defaults are added here. */
  actionInputs: RawInputs;
  /** Reads a fly.toml; the default reads the file. */
  readFlyToml?: (path: string) => Promise<FlyToml>;
}

export interface ResolvedGroup {
  /** The endpoints this group probes, by label. */
  endpoints: string[];
  /** Every input, defaults included: what parseSettings was given. */
  inputs: RawInputs;
  settings: GateSettings;
}

export interface ResolvedService {
  name: string;
  groups: ResolvedGroup[];
  notes: string[];
  /** Fields the file keeps for other tools, recorded and listed as not judged. */
  notJudged: NotJudged[];
}

interface Target {
  url: string;
  label: string;
  origin: Origin;
  inputs: Settings;
  objectives?: Setting;
}

export async function resolveService(
  service: ServiceConfig,
  options: ResolveOptions,
): Promise<ResolvedService> {
  const scope = `service "${service.name}"`;
  const problems: Problem[] = [];
  const notes = [...service.notes];
  const pick = (name: string) => service.inputs[name]?.value ?? options.actionInputs[name];

  let toml: FlyToml | undefined;
  const flyConfig = pick('fly-config')?.trim();
  if (flyConfig) {
    try {
      toml = await (options.readFlyToml ?? readFlyToml)(flyConfig);
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, scope: p.scope || scope })));
    }
  }
  const app = pick('fly-app')?.trim() || toml?.app;
  const fromToml = toml
    ? flyTomlDefaults(toml, {
        ...(app ? { app } : {}),
        ...(service.baseUrl ? { hostname: service.baseUrl.value } : {}),
      })
    : undefined;

  // Where to probe: the file's endpoints, its base_url, the url input, or fly.toml's checks. The
  // service's version and header settings go with every one of them (see merge-layers.ts).
  const targets: Target[] = [];
  let tomlLayer: Settings = {};
  if (fromToml?.inputs['fly-app']) tomlLayer['fly-app'] = fromToml.inputs['fly-app'];
  const base = service.baseUrl?.value ?? flyBaseUrl({ ...(app ? { app } : {}) });
  if (service.endpoints.length > 0) {
    for (const endpoint of service.endpoints) {
      const url = endpointUrl(endpoint, base);
      if (url === undefined) {
        problems.push(noBase(endpoint, scope));
        continue;
      }
      targets.push({
        url,
        label: endpoint.label,
        origin: endpoint.targetOrigin,
        inputs: endpoint.inputs,
        ...(endpoint.objectives ? { objectives: endpoint.objectives } : {}),
      });
    }
  } else if (service.baseUrl) {
    targets.push({
      url: service.baseUrl.value,
      label: service.baseUrl.value,
      origin: service.baseUrl.origin,
      inputs: service.endpointInputs,
    });
  } else if (options.actionInputs['url']?.trim()) {
    targets.push({
      url: options.actionInputs['url'],
      label: 'url',
      origin: { kind: 'action-input' },
      inputs: service.endpointInputs,
    });
  } else if (fromToml?.inputs['url']) {
    tomlLayer = fromToml.inputs;
    notes.push(...fromToml.notes);
    const url = fromToml.inputs['url'];
    targets.push({
      url: url.value,
      label: 'fly.toml checks',
      origin: url.origin,
      inputs: service.endpointInputs,
    });
  } else {
    problems.push({
      file: service.file,
      ...(service.line !== undefined ? { line: service.line } : {}),
      scope,
      field: '',
      message:
        'has no endpoint to probe; accepted: health_endpoint, build_endpoint, endpoints, base_url, the url input, or fly.config with [[http_service.checks]]' +
        (fromToml?.notes.length ? ` (${fromToml.notes.join('; ')})` : ''),
    });
  }

  const layered = inputLayers(options.actionInputs, tomlLayer);
  const bySettings = new Map<string, { settings: Settings; targets: Target[] }>();
  for (const target of targets) {
    const settings: Settings = { ...layered, ...service.inputs, ...target.inputs };
    delete settings['url'];
    if (target.objectives)
      settings['latency-slo'] = joinedObjectives(settings['latency-slo'], target.objectives);
    const key = JSON.stringify(plainInputs(settings));
    const group = bySettings.get(key) ?? { settings, targets: [] };
    group.targets.push(target);
    bySettings.set(key, group);
  }

  const groups: ResolvedGroup[] = [];
  for (const { settings, targets: grouped } of bySettings.values()) {
    const first = grouped[0] as Target;
    const all: Settings = {
      ...settings,
      url: { value: grouped.map((t) => t.url).join('\n'), origin: first.origin },
    };
    const inputs = plainInputs(all);
    const labels = grouped.map((t) => t.label);
    const fitted: string[] = [];
    try {
      groups.push({ endpoints: labels, inputs, settings: parseSettings(all, fitted) });
      notes.push(...fitted.map((note) => `${labels.join(', ')}: ${note}`));
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      // Problems of the action inputs and rules across values are the service's, in its file.
      for (const p of error.problems)
        problems.push(
          p.file === ''
            ? { file: service.file, scope, field: '', message: formatProblem(p) }
            : { ...p, scope: p.scope || scope },
        );
    }
  }
  if (problems.length > 0) throw new SettingsError(dedupeProblems(problems));
  return { name: service.name, groups, notes: [...new Set(notes)], notJudged: service.notJudged };
}

/**
 * An endpoint's own objectives (`search_response_time_p90`) join the service's latency-slo,
 * whichever layer set it (the file, the workflow); for the same percentile the endpoint's win.
 * A service value that does not parse is kept, so its own problem is what the user reads.
 */
function joinedObjectives(service: Setting | undefined, own: Setting): Setting {
  const parse = (s: Setting) => inputSchema.shape['latency-slo'].safeParse(s.value);
  if (!service || service.value.trim() === '') return own;
  const theirs = parse(service);
  const mine = parse(own);
  if (!theirs.success) return service;
  if (!mine.success) return own;
  const byPercentile = new Map([...theirs.data, ...mine.data].map((o) => [o.percentile, o.text]));
  const value = [...byPercentile]
    .sort(([a], [b]) => a - b)
    .map(([, text]) => text)
    .join(',');
  return { value, origin: own.origin };
}

/** Every service (or the named ones), all problems reported together. */
export async function resolveServices(
  file: ServiceFile,
  options: ResolveOptions,
  services: readonly ServiceConfig[] = file.services,
): Promise<ResolvedService[]> {
  const resolved: ResolvedService[] = [];
  const problems: Problem[] = [];
  for (const service of services) {
    try {
      resolved.push(await resolveService(service, options));
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new SettingsError(dedupeProblems(problems));
  return resolved;
}

function endpointUrl(endpoint: EndpointConfig, base: string | undefined): string | undefined {
  if (endpoint.target.kind === 'url') return endpoint.target.url;
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}${endpoint.target.path}`;
}

function noBase(endpoint: EndpointConfig, scope: string): Problem {
  const o = endpoint.targetOrigin;
  const path = endpoint.target.kind === 'path' ? endpoint.target.path : '';
  return {
    file: o.kind === 'file' ? o.file : '',
    ...(o.kind === 'file' && o.line !== undefined ? { line: o.line } : {}),
    scope,
    field: o.kind === 'file' ? o.field : endpoint.label,
    message: `${JSON.stringify(path)} is a path with no host; accepted: base_url, a full URL, or fly.app / fly.config (https://<app>.fly.dev)`,
  };
}
