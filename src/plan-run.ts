/**
 * What this step will gate, decided and validated before the first request: one service from
 * the `url` inputs, or the services of a `config` file (all of them, or the one `service` names),
 * each resolved through the same parseInputs.
 */
import { resolve } from 'node:path';
import type { ServicePlan } from './run-service.js';
import {
  InputError,
  parseInputs,
  parseRunOptions,
  readInputs,
  type RawInputs,
  type RunOptions,
} from './settings/parse-inputs.js';

/** The config-file modules (YAML, TOML parsers) load only when a run has a file to read. */
const configModules = async () => {
  const [load, matrix, resolveService, flyToml, serviceConfig] = await Promise.all([
    import('./config/load-config.js'),
    import('./config/matrix.js'),
    import('./config/resolve-service.js'),
    import('./config/fly-toml.js'),
    import('./config/service-config.js'),
  ]);
  return { ...load, ...matrix, ...resolveService, ...flyToml, ...serviceConfig };
};

export interface RunPlan {
  options: RunOptions;
  services: ServicePlan[];
  /** A config file's services as a strategy.matrix, and any reason it cannot fan out. */
  matrix?: { json: string; problems: string[] };
  /** The audit folder of the whole run (a fleet puts one folder per service inside it). */
  auditDir: string;
  artifactName?: string;
  retentionDays?: number;
}

/** Throws InputError or ConfigError, each naming the input or the file, service and field. */
export async function planRun(env: NodeJS.ProcessEnv): Promise<RunPlan> {
  const raw = readInputs(env);
  const options = parseRunOptions(raw);
  if (!options.config) {
    const settings = parseInputs(await withFlyTomlDefaults(raw, env));
    return { options, services: [{ runs: [settings] }], ...evidenceOf(settings.evidence) };
  }
  const {
    loadServiceConfig,
    matrixOutput,
    matrixProblems,
    selectService,
    explicitInputs,
    resolveServices,
  } = await configModules();
  const file = await loadServiceConfig(options.config, { env });
  const chosen = options.service ? [selectService(file, options.service)] : file.services;
  const matrix = { json: matrixOutput(file), problems: matrixProblems(file) };
  if (options.planOnly)
    return { options, services: [], matrix, auditDir: resolve(raw['audit-dir'] ?? '') };
  const resolved = await resolveServices(file, { actionInputs: explicitInputs(env) }, chosen);
  const services = resolved.map((r) => ({ name: r.name, runs: r.runs.map((run) => run.settings) }));
  duplicateFlyApps(services, file.file);
  const first = services[0]?.runs[0];
  return {
    options,
    services,
    matrix,
    ...(first ? evidenceOf(first.evidence) : { auditDir: resolve(raw['audit-dir'] ?? '') }),
  };
}

function evidenceOf(e: { dir: string; artifactName?: string; retentionDays?: number }) {
  return {
    auditDir: resolve(e.dir),
    ...(e.artifactName ? { artifactName: e.artifactName } : {}),
    ...(e.retentionDays ? { retentionDays: e.retentionDays } : {}),
  };
}

/**
 * With `fly-config` and no `url`, fly.toml's [[http_service.checks]] give the URLs (on the app's
 * hostname) and their timing. fly.toml sits just above the built-in defaults: any input the
 * workflow sets wins.
 */
async function withFlyTomlDefaults(raw: RawInputs, env: NodeJS.ProcessEnv): Promise<RawInputs> {
  const flyConfig = raw['fly-config']?.trim();
  if (raw.url?.trim() || !flyConfig) return raw;
  const { readFlyToml, flyTomlDefaults, plainInputs, explicitInputs } = await configModules();
  const toml = await readFlyToml(flyConfig);
  const app = raw['fly-app']?.trim();
  const fromToml = plainInputs(flyTomlDefaults(toml, app ? { app } : {}).inputs);
  return { ...readInputs({}), ...fromToml, ...explicitInputs(env) };
}

/** Two services rolling back one Fly app at once would race each other's flyctl deploy. */
function duplicateFlyApps(services: ServicePlan[], file: string): void {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const s of services) {
    const app = s.runs[0]?.fly?.app;
    if (!app) continue;
    const first = owner.get(app);
    if (first)
      problems.push(
        `${file}: services "${first}" and "${s.name}" both gate Fly app "${app}": give each app one service (its endpoints can differ)`,
      );
    else owner.set(app, s.name as string);
  }
  if (problems.length) throw new InputError(problems);
}
