/**
 * The webhook message for a monitor run's alert events: one message per run that has any (an
 * alert that started, escalated or resolved, or an alert of an SLO taken out of the config that
 * closed), never one per run while an alert merely lasts.
 * Severity follows the SRE workbook's split: a page is critical (P1), a ticket a warning (P3).
 */
import type { Redactor } from '../secrets/redact.js';
import { escapeMrkdwn, type SlackMessage } from '../notify/slack-message.js';
import { capText, oneLine } from '../summary/outside-text.js';
import type { AlertEvent } from './alert-state.js';
import type { RetiredAlert } from './retired-entries.js';
import type { MonitorResult, SloState } from './run-monitor.js';

export const SEVERITY = {
  page: { name: 'critical', priority: 'P1', emoji: ':rotating_light:' },
  ticket: { name: 'warning', priority: 'P3', emoji: ':warning:' },
  none: { name: 'info', priority: 'P4', emoji: ':white_check_mark:' },
} as const;

const n = (value: number | null, digits = 1) =>
  value === null ? '–' : String(Math.round(value * 10 ** digits) / 10 ** digits);

// The ledger entry, as the incident issue names it: `api/search` for an endpoint's own SLO.
const named = (entry: string, slo: string) =>
  `${escapeMrkdwn(capText(oneLine(entry), 80))} ${escapeMrkdwn(capText(oneLine(slo), 200))}`;

const resolvedLine = (event: AlertEvent, why: string) =>
  `${SEVERITY.none.emoji} *resolved* ${named(event.service, event.slo)}: ${why} after ${Math.round((event.at - event.since) / 60_000)} min`;

function eventLine(slo: SloState): string {
  const event = slo.event;
  if (!event) return '';
  const budget = `budget left ${n(slo.budget.remainingPercent)} % (${n(Math.max(0, slo.budget.budgetMinutes - slo.budget.consumedMinutes))} of ${n(slo.budget.budgetMinutes)} min)`;
  if (event.kind === 'resolved')
    return `${resolvedLine(event, 'burn back under the limits')}; ${budget}`;
  const who = named(slo.entry, slo.objective.name);
  const severity = SEVERITY[slo.level];
  return `${severity.emoji} *${severity.name} (${severity.priority}) ${event.kind}* ${who}: ${escapeMrkdwn(slo.rule ?? '')}; burn 1h ${n(slo.rates['1h'])}×, 6h ${n(slo.rates['6h'])}×; ${budget}`;
}

/** An alert of an SLO no longer configured: it closes with no budget left to report. */
const retiredLine = (event: RetiredAlert) =>
  resolvedLine(
    event,
    event.reason === 'evicted'
      ? 'SLO no longer in the config, dropped from the ledger to make room, closed'
      : 'SLO no longer in the config, closed',
  );

/** Undefined when nothing started, escalated or resolved in this run. */
export function alertMessage(
  result: Pick<MonitorResult, 'services' | 'retired'>,
  links: { run?: string },
  redactor: Redactor,
): SlackMessage | undefined {
  const { services } = result;
  const lines = [
    ...services.flatMap((s) => [
      ...s.slos.filter((slo) => slo.event).map(eventLine),
      ...s.retired.map(retiredLine),
    ]),
    ...result.retired.map(retiredLine),
  ];
  if (lines.length === 0) return undefined;
  const paging = services.some((s) => s.slos.some((slo) => slo.event && slo.level === 'page'));
  const text = redactor.redactText(
    `deploy-gate monitor: ${lines.length} SLO alert change${lines.length === 1 ? '' : 's'}${paging ? ' (critical)' : ''}`,
  );
  const runbooks = [
    ...new Set(
      services.flatMap((s) =>
        s.runbookUrl && (s.retired.length || s.slos.some((slo) => slo.event)) ? [s.runbookUrl] : [],
      ),
    ),
  ];
  const footer = [
    ...(links.run ? [`<${links.run.replace(/[<>|]/g, encodeURIComponent)}|Workflow run>`] : []),
    ...runbooks.map((url) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|Runbook>`),
  ];
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: redactor.redactText(lines.join('\n')) } },
      ...(footer.length
        ? [
            {
              type: 'context',
              elements: [{ type: 'mrkdwn', text: redactor.redactText(footer.join(' · ')) }],
            },
          ]
        : []),
    ],
  };
}
