/**
 * Every secret value this run may touch, in every form worth masking: header values, the Fly
 * token (input or environment, with and without its `FlyV1 ` prefix), the Prometheus token,
 * credentials written into URLs. Main and post both mask and redact exactly this list.
 */
import { MIN_DERIVED_LENGTH } from './secret-forms.js';
import { tokenSecrets } from '../rollback/fly-token.js';
import type { Settings } from '../settings/settings.js';

/**
 * A secret shorter than this cannot be redacted safely: masking `1.0` or `test` would rewrite
 * innocent text everywhere. The redactor skips derived forms below the same length, so a secret
 * this short is refused at input time instead. One constant, owned by the redactor.
 */
export const MIN_SECRET_LENGTH = MIN_DERIVED_LENGTH;

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

/** Every secret of every service of a run, once each: what main, post and monitor mask. */
export function runSecrets(
  services: ReadonlyArray<Pick<Settings, 'secrets' | 'fly' | 'metrics'>>,
  env: NodeJS.ProcessEnv,
): string[] {
  return [...new Set(services.flatMap((s) => collectSecrets(s, env)))];
}

export interface UrlCredentials {
  user: string;
  password: string;
  /** The part that is secret on its own: the password, or the user when there is none (a token). */
  secret: string;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The credentials of `http://user:pw@host/`, decoded as curl sends them; undefined without. */
export function urlCredentials(url: string): UrlCredentials | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username === '' && parsed.password === '') return undefined;
  const user = decode(parsed.username);
  const password = decode(parsed.password);
  return { user, password, secret: password !== '' ? password : user };
}

/**
 * What to mask for a URL's credentials: `user:password` (decoded and as written), the secret part
 * alone, and the Basic value a client sends for them.
 */
export function urlCredentialSecrets(url: string): string[] {
  const creds = urlCredentials(url);
  if (!creds) return [];
  const pair = `${creds.user}:${creds.password}`;
  const parsed = new URL(url);
  const written = parsed.password ? `${parsed.username}:${parsed.password}` : parsed.username;
  const basic = Buffer.from(pair, 'utf8').toString('base64');
  return [...new Set([pair, written, creds.secret, basic, `Basic ${basic}`])];
}
