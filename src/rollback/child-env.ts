/**
 * The environment a child process (flyctl, the user's rollback-command) starts with. Built
 * from an allowlist, never by copying ours: the runner hands this process every `INPUT_*`
 * value (headers, tokens) and ACTIONS_RUNTIME_TOKEN, which a child has no use for.
 */

/** Names every child gets when they are set: lookup, home, temp, locale, TLS roots. */
const BASE_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  'LANG',
  'LANGUAGE',
  'TERM',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_RUNTIME_DIR',
]);

/** Proxy settings, in either case (self-hosted runners often reach out only through one). */
const PROXY_NAMES = new Set(['http_proxy', 'https_proxy', 'no_proxy', 'all_proxy']);

/** Never passed, whatever a pass-list says: the runner's credentials and our inputs. */
const NEVER = /^(INPUT_|ACTIONS_|STATE_)|^(GITHUB_TOKEN|FLY_API_TOKEN|FLY_ACCESS_TOKEN)$/i;

/** Lets a workflow hand a rollback-command more variables, by name: `KUBECONFIG,AWS_REGION`. */
export const PASS_ENV_VARIABLE = 'DEPLOY_GATE_PASS_ENV';

function isBase(name: string): boolean {
  return BASE_NAMES.has(name) || name.startsWith('LC_') || PROXY_NAMES.has(name.toLowerCase());
}

/** The names listed in DEPLOY_GATE_PASS_ENV (commas or whitespace), minus the forbidden ones. */
export function passList(env: NodeJS.ProcessEnv): string[] {
  const raw = env[PASS_ENV_VARIABLE] ?? '';
  return raw
    .split(/[\s,]+/)
    .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !NEVER.test(name));
}

export interface ChildEnvOptions {
  /** Also pass variables whose name starts with one of these (flyctl reads its settings from FLY_*). */
  prefixes?: readonly string[];
  /** Honour DEPLOY_GATE_PASS_ENV (rollback-command only: flyctl needs nothing of the workflow's). */
  usePassList?: boolean;
  /** Variables set on top (the token, DEPLOY_GATE_* context). They win over the parent's. */
  extra?: Record<string, string>;
}

/** A minimal environment for a child, taken from `parent`. */
export function childEnv(
  parent: NodeJS.ProcessEnv,
  options: ChildEnvOptions = {},
): NodeJS.ProcessEnv {
  const passed = new Set(options.usePassList ? passList(parent) : []);
  const prefixes = options.prefixes ?? [];
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || NEVER.test(name)) continue;
    if (isBase(name) || passed.has(name) || prefixes.some((p) => name.startsWith(p)))
      env[name] = value;
  }
  return { ...env, ...options.extra };
}
