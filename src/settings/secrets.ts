/**
 * Every secret value this run may touch, in every form worth masking: header values, the Fly
 * token (input or environment, with and without its `FlyV1 ` prefix), the Prometheus token.
 * Main and post both mask and redact exactly this list.
 */
import { tokenSecrets } from '../rollback/fly-token.js';
import type { Settings } from './settings.js';

const FLY_TOKEN_VARIABLES = ['FLY_API_TOKEN', 'FLY_ACCESS_TOKEN'] as const;

export function collectSecrets(
  settings: Pick<Settings, 'secrets' | 'fly' | 'metrics'>,
  env: NodeJS.ProcessEnv,
): string[] {
  const values = new Set<string>();
  const add = (value: string | undefined) => {
    if (value && value.trim()) values.add(value.trim());
  };
  for (const s of settings.secrets) add(s);
  for (const name of FLY_TOKEN_VARIABLES)
    for (const form of tokenSecrets(env[name]?.trim() ?? '')) add(form);
  if (settings.fly?.tokenInput) for (const form of tokenSecrets(settings.fly.tokenInput)) add(form);
  const promToken = settings.metrics?.token;
  if (promToken) {
    add(promToken);
    add(promToken.replace(/^(Bearer|FlyV1)\s+/, ''));
  }
  return [...values];
}
