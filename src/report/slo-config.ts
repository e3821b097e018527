/**
 * The report's SLO targets: the config file read by the gate's own loader, so it is checked
 * exactly as a gate checks it (structure, ${VAR}, every value) and a problem names file:line.
 * Only where-to-probe (fly.toml, URLs) is left to the gate: targets do not depend on it.
 * Throws the loader's SettingsError.
 */
import { loadServiceConfig, type Env } from '../settings/load-config.js';
import type { SloTargets } from '../settings/slo-targets.js';
import type { SloConfig } from './slo.js';

const hasAny = (t: SloTargets | undefined): t is SloTargets =>
  t !== undefined &&
  (t.availability !== undefined || t.errorRate !== undefined || t.latency.length > 0);

export async function loadSloConfig(file: string, env: Env): Promise<SloConfig> {
  const loaded = await loadServiceConfig(file, { env });
  return {
    file,
    services: new Map(loaded.services.map((s) => [s.name, hasAny(s.slo) ? s.slo : null])),
  };
}
