/**
 * What this step will gate, decided and validated before the first request: one service from
 * the `url` inputs, or the services of a `config` file (all of them, or the one `service` names),
 * each resolved through the same parseSettings.
 */
import { resolve } from 'node:path';
import { checkAuditDir } from '../evidence/audit-dir.js';
import { lockFolder } from '../evidence/folder-lock.js';
import { proxyProblems } from '../http/outbound.js';
import type { ServiceFile, Settings as Values } from '../settings/service-config.js';
import type { ServicePlan } from './run-service.js';
import { serviceSettings, serviceUrls } from '../settings/service-settings.js';
import { SettingsError, sentence } from '../settings/problems.js';
import { inputLayers, parseSettings } from '../settings/parse-inputs.js';
import { parseRunOptions, type RunOptions } from '../settings/run-options.js';
import { explicitInputs, readInputs, type RawInputs } from '../settings/read-inputs.js';

/** The config-file modules (YAML, TOML parsers) load only when a run has a file to read. */
const configModules = () => import('../settings/config-file.js');

export interface RunPlan {
  options: RunOptions;
  services: ServicePlan[];
  /**
   * A config file's services: every name (whichever one `service` selects), as a strategy.matrix,
   * and any reason it cannot fan out.
   */
  matrix?: { services: string[]; json: string; problems: string[] };
  /** The audit folder of the whole run (a fleet puts one folder per service inside it). */
  auditDir: string;
  artifactName?: string;
  retentionDays?: number;
}

/**
 * Throws SettingsError, each problem naming the input or the file, service and field. Unless
 * `claim` is false (the post step re-reading the plan), it also claims the audit folder: checks
 * that it may be used (evidence/audit-dir.ts) and takes its lock (evidence/folder-lock.ts), so a
 * wrong or busy audit-dir is an input error before the first request.
 */
export async function planRun(
  env: NodeJS.ProcessEnv,
  how: { claim?: boolean } = {},
): Promise<RunPlan> {
  const plan = await readPlan(env);
  if (how.claim === false || plan.options.planOnly) return plan;
  const problems = [
    ...checkAuditDir(plan.auditDir, env),
    ...proxyProblems(outboundUrls(plan), env),
  ];
  if (problems.length) throw new SettingsError(problems);
  const lock = lockFolder(plan.auditDir);
  // An unwritable folder is not refused: the gate runs and the step reports the lost evidence.
  if (lock.kind === 'busy') throw new SettingsError([lock.problem]);
  return plan;
}

async function readPlan(env: NodeJS.ProcessEnv): Promise<RunPlan> {
  const raw = readInputs(env);
  const options = parseRunOptions(raw);
  if (!options.config) {
    const notes: string[] = [];
    const settings = parseSettings(await singleServiceValues(raw, env, notes), notes);
    return {
      options,
      services: [serviceSettings([{ settings }], { notes })],
      ...evidenceOf(settings.evidence),
    };
  }
  const config = await configModules();
  const { matrixOutput, matrixProblems, selectService, resolveServices } = config;
  const file = await config.loadServiceConfig(options.config, { env });
  // Each fly.toml is read once, for the shared-app check and for its service's resolution.
  const readFlyToml = config.flyTomlReader();
  // Every leg and the plan itself check the whole file: two legs run alone could otherwise each
  // roll back the same Fly app at once.
  const actionInputs = explicitInputs(env);
  await sharedFlyApps(file, actionInputs, readFlyToml);
  const chosen = options.service ? [selectService(file, options.service)] : file.services;
  const matrix = {
    services: file.services.map((s) => s.name),
    json: matrixOutput(file),
    problems: matrixProblems(file),
  };
  if (options.planOnly)
    return { options, services: [], matrix, auditDir: resolve(raw['audit-dir'] ?? '') };
  const resolved = await resolveServices(file, { actionInputs, readFlyToml }, chosen);
  const services = resolved.map((r) =>
    serviceSettings(r.groups, { name: r.name, notes: r.notes, notJudged: r.notJudged }),
  );
  const first = services[0];
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
 * A plain `url` gate's values, each with where it came from, lowest first: the defaults nobody
 * wrote; with `fly-config` and no `url`, fly.toml's checks on the app's hostname (their notes go
 * to `notes`); the inputs the workflow set. So a problem names fly.toml's field, and defaults can
 * be fitted to a written interval.
 */
async function singleServiceValues(
  raw: RawInputs,
  env: NodeJS.ProcessEnv,
  notes: string[],
): Promise<Values> {
  const flyConfig = raw['fly-config']?.trim();
  if (!flyConfig || raw.url?.trim()) return inputLayers(explicitInputs(env));
  const { readFlyToml, flyTomlDefaults } = await configModules();
  const app = raw['fly-app']?.trim();
  const fromToml = flyTomlDefaults(await readFlyToml(flyConfig), app ? { app } : {});
  // Why fly.toml gave no URL (no checks, no app) is the answer to the empty url's problem.
  if (!fromToml.inputs['url'])
    throw new SettingsError(
      fromToml.notes.map((why) =>
        sentence(
          `Input "url" is empty and "fly-config" gives no URL to probe: ${why}; accepted: a url input, or a fly.toml with [[http_service.checks]] and an app`,
        ),
      ),
    );
  notes.push(...fromToml.notes);
  return inputLayers(explicitInputs(env), fromToml.inputs);
}

/** Every URL this run will send a request to (Fly's managed Prometheus is always https). */
function outboundUrls(plan: RunPlan): string[] {
  return plan.services.flatMap((s) => [
    ...serviceUrls(s),
    ...(s.metrics?.source.kind === 'url' ? [s.metrics.source.baseUrl] : []),
    ...(s.metrics?.source.kind === 'fly-edge' ? ['https://api.fly.io/'] : []),
    ...(s.notify ? [s.notify.webhookUrl] : []),
  ]);
}

/**
 * Two services rolling back one Fly app at once would race each other's flyctl deploy. The app
 * of each service is what it declares (`fly_app`, or its fly.toml's `app`), read without
 * resolving the rest, so a plan-only job needs none of the services' secrets.
 */
async function sharedFlyApps(
  file: ServiceFile,
  actionInputs: RawInputs,
  readToml: (path: string) => Promise<{ app?: string }>,
): Promise<void> {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const service of file.services) {
    const pick = (name: string) => (service.inputs[name]?.value ?? actionInputs[name])?.trim();
    const flyConfig = pick('fly-config');
    // An unreadable fly.toml is reported, with its line, when its service is resolved.
    const app =
      pick('fly-app') ||
      (flyConfig ? (await readToml(flyConfig).catch((): { app?: string } => ({}))).app : undefined);
    if (!app) continue;
    const first = owner.get(app);
    if (first)
      problems.push(
        `${file.file}: services "${first}" and "${service.name}" both gate Fly app "${app}": give each app one service (its endpoints can differ)`,
      );
    else owner.set(app, service.name);
  }
  if (problems.length) throw new SettingsError(problems);
}
