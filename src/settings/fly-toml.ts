/**
 * Defaults from a Fly.io app's fly.toml: the app name, and the HTTP health checks Fly itself runs,
 * turned into what deploy-gate probes from outside:
 *
 *   [[http_service.checks]] (or the older [[services.http_checks]] of a service on port 80/443)
 *     path          → url  https://<app>.fly.dev<path> (or <hostname><path> when one is given)
 *     interval      → interval
 *     timeout       → timeout
 *     grace_period  → initial-delay
 *
 * Timing comes from the first check. Durations are Go durations ("10s", "1m30s"); a bare number
 * is milliseconds, as flyctl reads it. Services on other ports are not reachable at the app's
 * hostname on 80/443, so their checks are skipped rather than probed at a wrong URL.
 */
import { regularFileProblem } from '../evidence/special-paths.js';
import { readFile } from 'node:fs/promises';
import { parse, TomlError } from 'smol-toml';
import { parseDuration } from '../gate/duration.js';
import { SettingsError, shownValue, type Problem } from './problems.js';
import type { Settings } from './service-config.js';

export interface FlyCheck {
  /** Where it was written, e.g. `http_service.checks[0]`. */
  field: string;
  path: string;
  interval?: string;
  timeout?: string;
  gracePeriod?: string;
}

export interface FlyToml {
  file: string;
  app?: string;
  checks: FlyCheck[];
}

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const DURATION_HELP = 'accepted: a Go duration like 10s or 1m30s, or a number of milliseconds';

export async function readFlyToml(path: string): Promise<FlyToml> {
  // A FIFO would block and /dev/zero fill memory: only a small regular file is read.
  const special = regularFileProblem(path);
  if (special) throw new SettingsError([{ file: path, scope: '', field: '', message: special }]);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SettingsError([
      {
        file: path,
        scope: '',
        field: '',
        message: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`,
      },
    ]);
  }
  return parseFlyToml(text, path);
}

/**
 * A readFlyToml that reads each path once: a plan reads a service's fly.toml for the shared-app
 * check and again to resolve it. Later calls share the first call's answer, or its error.
 */
export function flyTomlReader(): (path: string) => Promise<FlyToml> {
  const answers = new Map<string, Promise<FlyToml>>();
  return (path) => {
    const answer = answers.get(path) ?? readFlyToml(path);
    answers.set(path, answer);
    return answer;
  };
}

export function parseFlyToml(text: string, file: string): FlyToml {
  let data: Table;
  try {
    data = parse(text) as Table;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const message = (error as Error).message.split('\n')[0] ?? 'is not TOML';
    throw new SettingsError([{ file, ...(line ? { line } : {}), scope: '', field: '', message }]);
  }
  const problems: Problem[] = [];
  const problem = (field: string, value: unknown, what: string) =>
    problems.push({ file, scope: '', field, message: `${shownValue(value, false)} ${what}` });

  const app = data['app'];
  if (app !== undefined && (typeof app !== 'string' || app.trim() === '')) {
    problem('app', app, 'is not an app name; accepted: app = "my-app"');
  }

  const raw: Array<{ field: string; check: unknown }> = [];
  const httpService = data['http_service'];
  if (isTable(httpService) && Array.isArray(httpService['checks'])) {
    httpService['checks'].forEach((check, i) =>
      raw.push({ field: `http_service.checks[${i}]`, check }),
    );
  }
  const services = Array.isArray(data['services']) ? data['services'] : [];
  services.forEach((service, s) => {
    if (!isTable(service) || !servesWebPorts(service)) return;
    const checks = Array.isArray(service['http_checks']) ? service['http_checks'] : [];
    checks.forEach((check, i) => raw.push({ field: `services[${s}].http_checks[${i}]`, check }));
  });

  const checks: FlyCheck[] = [];
  for (const { field, check } of raw) {
    if (!isTable(check)) continue;
    const path = check['path'] ?? '/';
    if (typeof path !== 'string' || !path.startsWith('/')) {
      problem(`${field}.path`, path, 'is not a path; accepted: a path starting with /');
      continue;
    }
    const out: FlyCheck = { field, path };
    for (const [key, prop] of [
      ['interval', 'interval'],
      ['timeout', 'timeout'],
      ['grace_period', 'gracePeriod'],
    ] as const) {
      const value = check[key];
      if (value === undefined) continue;
      const duration = flyDuration(value);
      if (duration === undefined)
        problem(`${field}.${key}`, value, `is not a duration; ${DURATION_HELP}`);
      else out[prop] = duration;
    }
    checks.push(out);
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return { file, ...(typeof app === 'string' && app.trim() ? { app: app.trim() } : {}), checks };
}

function servesWebPorts(service: Table): boolean {
  const ports = Array.isArray(service['ports']) ? service['ports'] : [];
  return ports.some((p) => isTable(p) && [80, 443, '80', '443'].includes(p['port'] as never));
}

/** A duration as deploy-gate writes it; Fly's bare numbers are milliseconds. */
function flyDuration(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 ? `${n}ms` : undefined;
  }
  if (typeof value !== 'string') return undefined;
  return parseDuration(value) !== undefined && /[a-z]$/.test(value.trim())
    ? value.trim()
    : undefined;
}

export interface FlyTomlOptions {
  /** The app when it is known elsewhere (the `fly-app` input or the service's fly.app). */
  app?: string;
  /** Probe this host (or base URL) instead of https://<app>.fly.dev. */
  hostname?: string;
}

export interface FlyTomlDefaults {
  inputs: Settings;
  notes: string[];
}

/** The base every check path is joined to. */
export function flyBaseUrl(options: { app?: string; hostname?: string }): string | undefined {
  if (options.hostname) {
    const host = options.hostname.trim().replace(/\/+$/, '');
    return /^https?:\/\//i.test(host) ? host : `https://${host}`;
  }
  return options.app ? `https://${options.app}.fly.dev` : undefined;
}

/**
 * Input values taken from fly.toml: fly-app, url (one line per check), interval, timeout and
 * initial-delay. Each remembers the fly.toml field it came from.
 */
export function flyTomlDefaults(toml: FlyToml, options: FlyTomlOptions = {}): FlyTomlDefaults {
  const inputs: Settings = {};
  const notes: string[] = [];
  const from = (field: string) => ({ kind: 'fly.toml' as const, file: toml.file, field });
  if (toml.app) inputs['fly-app'] = { value: toml.app, origin: from('app') };
  const base = flyBaseUrl({ app: options.app ?? toml.app, hostname: options.hostname });
  if (toml.checks.length === 0) {
    notes.push(
      `${toml.file} has no [[http_service.checks]] (or [[services.http_checks]] on port 80/443)`,
    );
    return { inputs, notes };
  }
  if (base === undefined) {
    notes.push(`${toml.file} names no app, so its check paths have no host to probe`);
  } else {
    const urls = [...new Set(toml.checks.map((c) => `${base}${c.path}`))];
    inputs['url'] = { value: urls.join('\n'), origin: from(toml.checks[0]?.field ?? 'checks') };
  }
  const first = toml.checks[0] as FlyCheck;
  if (first.interval)
    inputs['interval'] = { value: first.interval, origin: from(`${first.field}.interval`) };
  if (first.timeout)
    inputs['timeout'] = { value: first.timeout, origin: from(`${first.field}.timeout`) };
  if (first.gracePeriod)
    inputs['initial-delay'] = {
      value: first.gracePeriod,
      origin: from(`${first.field}.grace_period`),
    };
  if (toml.checks.length > 1) {
    notes.push(
      `${toml.file}: probe timing taken from ${first.field} (the first of ${toml.checks.length} checks)`,
    );
  }
  return { inputs, notes };
}
