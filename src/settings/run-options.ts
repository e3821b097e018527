/** Inputs that shape the whole step rather than one service: the mode, the config file and its fan-out, the period. */
import { z } from 'zod';
import * as field from './field-parsers.js';
import { HOUR } from './input-schema.js';
import { describeIssue } from './parse-inputs.js';
import { SettingsError } from './problems.js';
import { shownInput, type RawInputs } from './read-inputs.js';

/** Inputs that shape the whole run rather than one service. */
export interface RunOptions {
  config?: string;
  service?: string;
  maxParallel: number;
  planOnly: boolean;
}

const runSchema = z.object({
  config: z.string().transform((s) => s.trim()),
  service: z.string().transform((s) => s.trim()),
  'max-parallel': field.integer(1, 64),
  'plan-only': field.boolean(),
});

export function parseRunOptions(raw: RawInputs): RunOptions {
  const parsed = runSchema.safeParse(raw);
  if (!parsed.success)
    throw new SettingsError(
      parsed.error.issues.map((i) => describeIssue(i, String(i.path[0] ?? '(unknown)'), raw)),
    );
  const v = parsed.data;
  const problems: string[] = [];
  if (v.service && !v.config)
    problems.push(
      `Input "service": ${JSON.stringify(v.service)} needs "config": it names a service of the config file`,
    );
  if (v['plan-only'] && !v.config)
    problems.push('Input "plan-only" needs "config": it plans the services of the config file');
  if (v.config && raw.url?.trim())
    problems.push(
      'Inputs "url" and "config" are both set: give the URLs in the config file (or drop "config")',
    );
  if (problems.length) throw new SettingsError(problems);
  return {
    ...(v.config ? { config: v.config } : {}),
    ...(v.service ? { service: v.service } : {}),
    maxParallel: v['max-parallel'],
    planOnly: v['plan-only'],
  };
}

/** `mode`: what the step does. Read first, before any other input, so each mode checks its own. */
export type Mode = 'gate' | 'report' | 'monitor';

export function parseMode(raw: RawInputs): Mode {
  const mode = (raw.mode ?? '').trim() || 'gate';
  if (mode === 'gate' || mode === 'report' || mode === 'monitor') return mode;
  throw new SettingsError([
    `Input "mode": ${shownInput('mode', raw)} is not a mode; accepted: gate, report, monitor`,
  ]);
}

const DAY = 24 * HOUR;

/** `period`: hours or days, 1h to 366d (the report's longest window, the monitor's SLO window). */
export function parsePeriod(raw: RawInputs): { ms: number; label: string } | string {
  const label = (raw.period ?? '').trim() || '30d';
  const match = /^([1-9]\d{0,3})(h|d)$/.exec(label);
  const ms = match ? Number(match[1]) * (match[2] === 'd' ? DAY : HOUR) : 0;
  if (!match || ms > 366 * DAY)
    return `Input "period": ${shownInput('period', raw)} is not a period; accepted: hours or days from 1h to 366d, e.g. 24h, 7d, 30d`;
  return { ms, label };
}
