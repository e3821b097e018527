/** The timeline section of a service's summary: gate events in order, then the probes per URL. */
import type { Outcome } from '../service/run-pipeline.js';
import type { ServiceSettings } from '../settings/service-settings.js';
import { cell } from './escape.js';
import { formatOffset, plural } from './format.js';
import { targetName } from './headline.js';
import { decidingAttempt, failedAttemptsPart, stripsPart } from './probes-part.js';
import { urlText } from './url-views.js';
import { verdictIcon } from './verdict-icon.js';

/** Gate events in order, each at its time from the start of the step. */
export function timeline(outcome: Outcome, settings: ServiceSettings, h: string): string[] {
  const r = outcome.release;
  if (!r) return [];
  const t0 = outcome.startedAt;
  const at = (t: number) => `\`${formatOffset(t - t0)}\``;
  const events: string[] = [];
  const first = r.attempts[0];
  if (first)
    events.push(
      `${at(first.startedAt)} first probe${outcome.fly ? ` (Fly release v${outcome.fly.underTest.version})` : ''}`,
    );
  const observe = r.attempts.find((a) => a.phase === 'observe');
  if (observe) events.push(`${at(observe.startedAt)} startup passed, observing began`);
  const decider = decidingAttempt(r);
  if (decider && r.decidedBy)
    events.push(
      `${at(decider.startedAt)} **decided** by probe #${decider.seq} on ${urlText(decider.url)}${decider.failure ? ` (${cell(decider.failure.message)})` : ''}: ${r.decidedBy.rule.rule} ${r.decidedBy.rule.outcome}`,
    );
  else events.push(`${at(r.endedAt)} gate ended: ${verdictIcon(r.verdict)} ${r.verdict}`);
  const rb = outcome.rollback;
  const timed: [number, string][] = [];
  if (rb?.startedAt !== undefined) {
    timed.push([
      rb.startedAt,
      `rollback started → ${targetName(outcome) ?? 'the previous release'}`,
    ]);
    const result = rb.run?.result;
    if (rb.run)
      timed.push([
        rb.startedAt + (result?.durationMs ?? 0),
        `rollback command ${rb.run.ok ? 'succeeded' : 'failed'}${rb.run.created ? `: new release v${rb.run.created.version}` : ''}`,
      ]);
  }
  const v = rb?.verification;
  if (v)
    timed.push([
      v.startedAt,
      `${at(v.startedAt)}–${at(v.endedAt)} verification of the rolled-back release: ${verdictIcon(v.verdict)} ${v.verdict} (${plural(v.totals.attempts, 'probe')})`,
    ]);
  if (rb)
    timed.push([outcome.endedAt, `verdict: ${verdictIcon(outcome.verdict)} ${outcome.verdict}`]);
  for (const [t, text] of timed.sort((a, b) => a[0] - b[0]))
    events.push(text.startsWith('`') ? text : `${at(t)} ${text}`);
  return [
    `${h} Timeline`,
    '',
    ...events.map((e) => `- ${e}`),
    '',
    `Probes per URL (✓ ok · ✗ failed · ◷ slow · \`|\` observing began):`,
    '',
    ...stripsPart(r, settings.groups),
    '',
    ...failedAttemptsPart(r, t0),
  ];
}
