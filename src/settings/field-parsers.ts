/**
 * One zod schema per kind of input text. Each turns a raw string into a typed value or an issue
 * whose message says what is accepted; parse-inputs.ts adds the input's name and value.
 */
import { z } from 'zod';
import { formatDuration, parseDuration } from '../gate/duration.js';
import { splitCommand } from './split-command.js';
import { maskUrlText } from '../secrets/mask-url.js';
import { MIN_SECRET_LENGTH, urlCredentials } from '../secrets/collect-secrets.js';
import type { LatencyObjective } from '../gate/types.js';
import type { StatusRange } from '../probe/expectations.js';

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const DURATION_HELP = 'accepted: a duration like 250ms, 15s, 2m, 1h, 1m30s, or a number of seconds';

function durationOrIssue(text: string, ctx: Ctx): number | undefined {
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  const negative = text.trim().startsWith('-') && parseDuration(text.trim().slice(1)) !== undefined;
  ctx.addIssue({
    code: 'custom',
    message: `is ${negative ? 'negative' : 'not a duration'}; ${DURATION_HELP}`,
  });
  return undefined;
}

/**
 * Every duration field has an upper bound: Node's timers overflow past 2^31 ms (24.8 days) and
 * fire at once, and a wait of days is a typo, not a policy.
 */
export interface DurationBound {
  maxMs: number;
}

function checked(text: string, ctx: Ctx, bound: DurationBound, positive: boolean): number {
  const ms = durationOrIssue(text, ctx);
  if (ms === undefined) return z.NEVER;
  if (positive && ms === 0) return fail(ctx, `must be longer than 0; ${DURATION_HELP}`);
  if (ms > bound.maxMs)
    return fail(ctx, `is too long; accepted: a duration up to ${formatDuration(bound.maxMs)}`);
  return ms;
}

/** A duration of 0 or more (a grace or bake time that may be skipped). */
export const duration = (bound: DurationBound) =>
  z.string().transform((text, ctx) => checked(text, ctx, bound, false));

/** A duration above 0 (an interval or a timeout). */
export const positiveDuration = (bound: DurationBound) =>
  z.string().transform((text, ctx) => checked(text, ctx, bound, true));

export const integer = (min: number, max = 1_000_000) =>
  z.string().transform((text, ctx) => {
    const value = text.trim();
    if (!/^\d+$/.test(value)) return fail(ctx, `is not a whole number; accepted: ${min} to ${max}`);
    const n = Number(value);
    if (n < min || n > max) return fail(ctx, `is out of range; accepted: ${min} to ${max}`);
    return n;
  });

export const percent = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim().replace(/%$/, '');
    if (!/^\d+(\.\d+)?$/.test(value))
      return fail(ctx, 'is not a percentage; accepted: a number from 0 to 100, e.g. 5 or 0.5');
    const n = Number(value);
    if (n > 100) return fail(ctx, 'is out of range; accepted: 0 to 100 (percent)');
    return n / 100;
  });

/** A confidence in percent, 50 to 99.99, returned as α = 1 − confidence (99 → 0.01). */
export const confidence = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim().replace(/%$/, '');
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n < 50 || n > 99.99)
      return fail(ctx, 'is out of range; accepted: a percentage from 50 to 99.99, e.g. 95 or 99');
    return Number((1 - n / 100).toPrecision(12));
  });

export const boolean = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim();
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    return fail(ctx, 'is not a boolean; accepted: true or false');
  });

const SHORT_SECRET = `too short to redact safely from logs and evidence; accepted: at least ${MIN_SECRET_LENGTH} characters`;

/** Credentials in a URL are secrets: one too short to redact is refused (the URL is shown masked). */
function credentialProblem(url: string): string | undefined {
  const creds = urlCredentials(url);
  if (!creds || creds.secret.length >= MIN_SECRET_LENGTH) return undefined;
  const what = creds.password !== '' ? 'password' : 'user name (the credential)';
  return `has a ${what} shorter than ${MIN_SECRET_LENGTH} characters, ${SHORT_SECRET}`;
}

export const httpUrls = () =>
  z.string().transform((text, ctx) => {
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0)
      return fail(ctx, 'is empty; accepted: one or more http(s) URLs, one per line');
    const urls: string[] = [];
    for (const line of lines) {
      const shown = maskUrlText(line);
      let url: URL;
      try {
        url = new URL(line);
      } catch {
        return fail(
          ctx,
          `has "${shown}", which is not a URL; accepted: http(s) URLs, one per line`,
        );
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return fail(
          ctx,
          `has "${shown}" with scheme ${url.protocol.slice(0, -1)}; accepted: http or https`,
        );
      }
      const creds = credentialProblem(line);
      if (creds) return fail(ctx, `has "${shown}", which ${creds}`);
      if (urls.includes(url.href)) return fail(ctx, `lists "${shown}" twice`);
      urls.push(url.href);
    }
    return urls;
  });

/**
 * A token input (Fly, Prometheus, GitHub). The credential after an auth scheme is masked on its
 * own, so it is the part that must be long enough to redact.
 */
export const secretToken = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim();
    const bare = value.replace(/^(?:Bearer|FlyV1)\s+/, '');
    if (value !== '' && bare.length < MIN_SECRET_LENGTH)
      return fail(ctx, `is shorter than ${MIN_SECRET_LENGTH} characters, ${SHORT_SECRET}`);
    return value;
  });

/** Methods a health probe can sensibly send (CONNECT and TRACE are not requests for a page). */
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const method = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim().toUpperCase();
    if (!(METHODS as readonly string[]).includes(value))
      return fail(ctx, `is not allowed; accepted: ${METHODS.join(', ')}`);
    return value;
  });

export const statusRanges = () =>
  z.string().transform((text, ctx) => {
    const ranges: StatusRange[] = [];
    const parts = text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0)
      return fail(
        ctx,
        'is empty; accepted: codes and ranges from 100 to 599, e.g. 200,204,300-399',
      );
    for (const part of parts) {
      const m = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(part);
      const min = Number(m?.[1]);
      const max = Number(m?.[2] ?? m?.[1]);
      if (!m || min < 100 || max > 599 || min > max) {
        return fail(
          ctx,
          `has "${part}"; accepted: codes and ranges from 100 to 599, e.g. 200,204,300-399`,
        );
      }
      ranges.push({ min, max });
    }
    return ranges;
  });

export { bodyExpectation, dottedPath, jsonAssertions, splitPath } from './body-checks.js';

/** Percentiles whose objective can be judged on a handful of probes (see policy.ts). */
export const PERCENTILE_RANGE = { min: 50, max: 99.9 } as const;
const SLO_HELP = `accepted: objectives like p95<500ms,p99<1s, each percentile once, from p${PERCENTILE_RANGE.min} to p${PERCENTILE_RANGE.max} with at most one decimal, and a duration above 0 up to`;

export const latencyObjectives = (bound: DurationBound) =>
  z.string().transform((text, ctx) => {
    const objectives: LatencyObjective[] = [];
    const parts = text
      .split(/[,\n]/)
      .map((p) => p.trim())
      .filter(Boolean);
    const help = `${SLO_HELP} ${formatDuration(bound.maxMs)}`;
    for (const part of parts) {
      const m = /^p(\d{1,2}(?:\.\d)?)\s*<\s*(\S+)$/.exec(part);
      const percentile = Number(m?.[1]);
      const limitMs = m?.[2] === undefined ? undefined : parseDuration(m[2]);
      if (
        !m ||
        percentile < PERCENTILE_RANGE.min ||
        percentile > PERCENTILE_RANGE.max ||
        limitMs === undefined ||
        limitMs <= 0 ||
        limitMs > bound.maxMs
      ) {
        return fail(ctx, `has "${part}"; ${help}`);
      }
      if (objectives.some((o) => o.percentile === percentile))
        return fail(ctx, `has p${percentile} twice; ${help}`);
      objectives.push({ percentile, limitMs, text: `p${m[1]}<${m[2]}` });
    }
    return objectives;
  });

export const nonEmpty = (what: string) =>
  z
    .string()
    .transform((text, ctx) =>
      text.trim() === '' ? fail(ctx, `is empty; accepted: ${what}`) : text.trim(),
    );

export const oneOf = <T extends string>(values: readonly T[]) =>
  z.string().transform((text, ctx): T => {
    const value = text.trim();
    if ((values as readonly string[]).includes(value)) return value as T;
    return fail(ctx, `is not allowed; accepted: ${values.join(', ')}`);
  });

/** Empty means "not set"; otherwise the inner schema decides. */
export const optional = <T>(inner: z.ZodType<T, string>) =>
  z.string().transform((text, ctx): T | undefined => {
    if (text.trim() === '') return undefined;
    const parsed = inner.safeParse(text);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });

export const command = () =>
  z.string().transform((text, ctx): string[] | undefined => {
    if (text.trim() === '') return undefined;
    const split = splitCommand(text);
    if (!Array.isArray(split))
      return fail(
        ctx,
        `${split.error}; accepted: a program and its arguments, quotes group words (no shell)`,
      );
    return split;
  });

/**
 * One http(s) URL. With `base`, a URL that paths are appended to (a Prometheus API, a service's
 * endpoints), so a query string or fragment would end up in the middle of every request URL:
 * refused, naming what would follow and an example of what is accepted.
 */
export const httpUrl = (base?: { example: string; follows: string }) =>
  z.string().transform((text, ctx): string => {
    const value = text.trim();
    const accepted = base
      ? `a base URL like ${base.example}`
      : 'a URL like https://example.com/path';
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      return fail(ctx, `is not an http(s) URL; accepted: ${accepted}`);
    const creds = credentialProblem(value);
    if (creds) return fail(ctx, creds);
    if (base && (url.search !== '' || url.hash !== '' || /[?#]/.test(value)))
      return fail(
        ctx,
        `has a query string or fragment, which ${base.follows} would follow; accepted: ${accepted}`,
      );
    return value.replace(/\/+$/, '');
  });

/** Fly's own rule for app names, as flyctl checks them: lowercase letters, digits and dashes. */
export const FLY_APP_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const flyApp = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim();
    if (value === '' || FLY_APP_NAME.test(value)) return value;
    return fail(
      ctx,
      'is not a Fly app name; accepted: 1-63 lowercase letters, digits and dashes, starting and ending with a letter or digit, like my-app',
    );
  });
