/**
 * A written interval longer than the defaults were made for (`search_interval: 60s`, a workflow's
 * `interval: 1m`, a fly.toml check every 30 s) must not turn defaults nobody wrote into a refused
 * policy. Where a rule of input-rules.ts would refuse the values only because of a default:
 *
 *   - the startup budget grows to fit the success streak (streak + one interval + the timeout);
 *   - the consecutive-failure limit shrinks to the observe probes the bake holds.
 *
 * Values anyone wrote are never changed; their conflicts are still refused, by those rules.
 */
import { formatDuration, parseDuration } from '../gate/duration.js';
import { inputSchema } from './input-schema.js';
import { observeProbeCount, successStreakMs } from './input-rules.js';
import type { Settings } from './service-config.js';

/** The values with fitted defaults, and a note for each value fitted. */
export function fitDefaultsToInterval(values: Settings): { values: Settings; notes: string[] } {
  const out: Settings = { ...values };
  const notes: string[] = [];
  const isDefault = (name: string) => out[name]?.origin.kind === 'input-default';
  const ms = (name: string) => parseDuration(out[name]?.value ?? '');
  const count = (name: string) => Number(out[name]?.value);
  const interval = ms('interval');
  if (isDefault('interval') || interval === undefined || interval <= 0) return { values, notes };
  const fit = (name: 'startup-timeout' | 'failure-threshold', value: string, why: string) => {
    // A fitted value the input itself refuses (a streak of days) is left to the rule's message.
    if (!inputSchema.shape[name].safeParse(value).success) return;
    out[name] = { value, origin: { kind: 'input-default' } };
    notes.push(`${name} ${value} (${why} at interval ${formatDuration(interval)})`);
  };

  const streak = successStreakMs(count('success-threshold'), interval);
  const startup = ms('startup-timeout');
  if (isDefault('startup-timeout') && startup !== undefined && streak >= startup)
    fit(
      'startup-timeout',
      formatDuration(streak + interval + (ms('timeout') ?? 0)),
      'the default is too short for the success streak',
    );

  // The bake rule refuses only when both halves hold: too few observe probes for the failure
  // threshold, and too few judged probes for min-samples.
  const observe = ms('observe-for') ?? 0;
  const probes = observeProbeCount(observe, interval);
  const judged = count('success-threshold') + probes;
  if (
    isDefault('failure-threshold') &&
    probes >= 1 &&
    probes < count('failure-threshold') &&
    judged < count('min-samples')
  )
    fit('failure-threshold', String(probes), 'the observe probes the bake holds');
  return { values: out, notes };
}
