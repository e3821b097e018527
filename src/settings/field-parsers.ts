/**
 * One zod schema per kind of input text. Each turns a raw string into a typed value or an issue
 * whose message says what is accepted; parse-inputs.ts adds the input's name and value.
 */
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { splitCommand } from './split-command.js';
import type { BodyExpectation, JsonAssertion, LatencyObjective, StatusRange } from './settings.js';

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const DURATION_HELP = 'accepted: a duration like 250ms, 15s, 2m, 1h, 1m30s, or a number of seconds';

function durationOrIssue(text: string, ctx: Ctx): number {
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  const negative = text.trim().startsWith('-') && parseDuration(text.trim().slice(1)) !== undefined;
  return fail(ctx, `is ${negative ? 'negative' : 'not a duration'}; ${DURATION_HELP}`);
}

/** A duration of 0 or more (a grace or bake time that may be skipped). */
export const duration = () => z.string().transform((text, ctx) => durationOrIssue(text, ctx));

/** A duration above 0 (an interval or a timeout). */
export const positiveDuration = () =>
  z.string().transform((text, ctx) => {
    const ms = durationOrIssue(text, ctx);
    return ms === 0 ? fail(ctx, `must be longer than 0; ${DURATION_HELP}`) : ms;
  });

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

export const boolean = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim();
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    return fail(ctx, 'is not a boolean; accepted: true or false');
  });

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
      let url: URL;
      try {
        url = new URL(line);
      } catch {
        return fail(ctx, `has "${line}", which is not a URL; accepted: http(s) URLs, one per line`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return fail(
          ctx,
          `has "${line}" with scheme ${url.protocol.slice(0, -1)}; accepted: http or https`,
        );
      }
      if (urls.includes(url.href)) return fail(ctx, `lists "${line}" twice`);
      urls.push(url.href);
    }
    return urls;
  });

export const method = () =>
  z.string().transform((text, ctx) => {
    const value = text.trim().toUpperCase();
    if (!/^[A-Z]+$/.test(value))
      return fail(ctx, 'is not an HTTP method; accepted: GET, HEAD, POST, ...');
    return value;
  });

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header values are secrets: messages name the line and the header, never the value. */
export const headerLines = () =>
  z.string().transform((text, ctx) => {
    const headers: Record<string, string> = {};
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      if (raw.trim() === '') continue;
      const colon = raw.indexOf(':');
      const name = colon > 0 ? raw.slice(0, colon).trim() : '';
      if (!HEADER_NAME.test(name)) {
        return fail(
          ctx,
          `line ${index + 1} is not "Name: value" with a valid header name; accepted: one "Name: value" per line`,
        );
      }
      headers[name] = raw.slice(colon + 1).trim();
    }
    return headers;
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

export const bodyExpectation = () =>
  z.string().transform((text, ctx): BodyExpectation | undefined => {
    if (text === '') return undefined;
    const m = /^\/(.*)\/([dgimsuy]*)$/s.exec(text);
    if (!m) return { kind: 'substring', text };
    const [, source = '', flags = ''] = m;
    try {
      new RegExp(source, flags);
    } catch (error) {
      return fail(
        ctx,
        `is not a valid regular expression (${(error as Error).message}); accepted: a substring or /regex/flags`,
      );
    }
    return { kind: 'regex', source, flags: flags.replace('g', '') };
  });

export function splitPath(path: string): string[] {
  return path.split('.').filter((s) => s !== '');
}

export const jsonAssertions = () =>
  z.string().transform((text, ctx) => {
    const assertions: JsonAssertion[] = [];
    for (const [index, line] of text.split(/\r?\n/).entries()) {
      if (line.trim() === '') continue;
      const m = /^\s*([^\s=!]+)\s*(==|!=)\s*(.*?)\s*$/.exec(line);
      if (!m || m[3] === undefined) {
        return fail(
          ctx,
          `line ${index + 1} "${line.trim()}" is not an assertion; accepted: "path == value" or "path != value", one per line`,
        );
      }
      const [, path = '', op, raw = ''] = m;
      assertions.push({
        path: splitPath(path),
        op: op as '==' | '!=',
        raw,
        literal: jsonLiteral(raw),
        text: line.trim(),
      });
    }
    return assertions;
  });

/** `7`, `true`, `null`, `"quoted"` are JSON; anything else is a plain string. */
function jsonLiteral(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export const latencyObjectives = () =>
  z.string().transform((text, ctx) => {
    const objectives: LatencyObjective[] = [];
    const parts = text
      .split(/[,\n]/)
      .map((p) => p.trim())
      .filter(Boolean);
    for (const part of parts) {
      const m = /^p(\d+(?:\.\d+)?)\s*<\s*(\S+)$/.exec(part);
      const percentile = Number(m?.[1]);
      const limitMs = m?.[2] === undefined ? undefined : parseDuration(m[2]);
      if (!m || !(percentile > 0 && percentile < 100) || limitMs === undefined || limitMs <= 0) {
        return fail(
          ctx,
          `has "${part}"; accepted: objectives like p95<500ms,p99<1s (percentile between 0 and 100, a duration above 0)`,
        );
      }
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

export const httpUrl = () =>
  z.string().transform((text, ctx): string => {
    const value = text.trim();
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
    } catch {
      // reported below
    }
    return fail(
      ctx,
      'is not an http(s) URL; accepted: a base URL like https://prometheus.example.com',
    );
  });
