/**
 * The report's webhook message: one Slack-compatible message when, over the period, a service's
 * SLO is breached or its error budget is nearly spent. Severity from how much of the minute
 * budget is gone (slo.ts), the worst service deciding:
 *
 *   critical  more than 100 % gone (the budget is breached)
 *   error     90 % or more gone, or a latency target breached (the median gate over its limit)
 *   warning   75 % or more gone (at risk)
 *   (none)    otherwise: no message
 *
 * The availability and error_rate targets judged on the gates' probes alone never send: those
 * probes crowd around deploys, so one bad deploy "breaches" them for the whole window, and a
 * message every day of the period would teach people to ignore it. The minute budget says it.
 *
 * Links only to trusted run URLs (the report's own run, the failed gates' runs). Sending reuses
 * the gate's webhook client (timeouts, one retry, proxy, redaction); it never throws.
 */
import type { Redactor } from '../secrets/redact.js';
import type { Severity } from '../notify/severity.js';
import { escapeMrkdwn, link, type SlackMessage } from '../notify/slack-message.js';
import type { SendOptions } from '../notify/webhook.js';
import { runLink } from './links.js';
import type { Report, SloService } from './report-schema.js';

export const NEARLY_SPENT_PERCENT = 75;
export const MOSTLY_SPENT_PERCENT = 90;
const MAX_SERVICES = 20;
const MAX_RUN_LINKS = 3;
const MAX_LINE = 600;

type Level = Severity | 'none';
const ORDER: readonly Level[] = ['none', 'warning', 'error', 'critical'];
const worse = (a: Level, b: Level) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a);

export interface BudgetAlertService {
  service: string;
  severity: Severity;
  /** One line of facts, plain text (escaped when the message is built). */
  summary: string;
  runs: string[];
}

export interface BudgetAlert {
  severity: Severity;
  period: string;
  services: BudgetAlertService[];
}

const min = (value: number) => `${Math.round(value * 10) / 10} min`;

function levelOf(s: SloService, window: string): { level: Level; summary: string } {
  const w = s.windows.find((x) => x.window === window);
  if (!w || !s.targets) return { level: 'none', summary: '' };
  let level: Level = 'none';
  const parts: string[] = [];
  const b = w.budget;
  if (b) {
    const gone = b.consumed_percent;
    if (b.state === 'breached') level = 'critical';
    else if (gone !== null && gone >= MOSTLY_SPENT_PERCENT) level = 'error';
    else if (gone !== null && gone >= NEARLY_SPENT_PERCENT) level = 'warning';
    parts.push(
      `error budget ${min(b.consumed_minutes)} of ${min(b.budget_minutes)}${gone === null ? '' : ` (${gone} %)`} spent, ${b.state}`,
    );
  }
  for (const t of w.targets) {
    if (t.target === 'availability' || t.target === 'error_rate' || t.state !== 'breached')
      continue;
    level = worse(level, 'error');
    parts.push(`${t.target} ${t.measured} ms (median gate; objective ${t.objective}) breached`);
  }
  return { level, summary: parts.join('; ') };
}

/** What to send, or null when every budget and target is fine. */
export function budgetAlert(report: Report): BudgetAlert | null {
  const period = report.windows.at(-1)?.name;
  if (!report.slo || period === undefined) return null;
  let overall: Level = 'none';
  const services: BudgetAlertService[] = [];
  for (const s of report.slo.services) {
    const { level, summary } = levelOf(s, period);
    if (level === 'none') continue;
    overall = worse(overall, level);
    const runs = report.restores
      .filter((r) => r.service === s.service)
      .map((r) => r.run_url)
      .filter(runLink)
      .slice(-MAX_RUN_LINKS);
    services.push({ service: s.service, severity: level, summary, runs });
  }
  if (overall === 'none') return null;
  services.sort((a, b) => ORDER.indexOf(b.severity) - ORDER.indexOf(a.severity));
  return { severity: overall, period, services };
}

const EMOJI: Record<Severity, string> = {
  critical: ':rotating_light:',
  error: ':x:',
  warning: ':warning:',
  info: ':information_source:',
};

const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

export function budgetMessage(alert: BudgetAlert, reportRunUrl?: string): SlackMessage {
  const shown = alert.services.slice(0, MAX_SERVICES);
  const title = `SLO report (${alert.period}): ${alert.services.length} service${alert.services.length === 1 ? '' : 's'} breached or nearly out of error budget`;
  const lines = shown.map((s) => {
    const runs = s.runs.map((url, i) => link(url, `failed run ${i + 1}`)).join(' · ');
    return `• *${escapeMrkdwn(cut(s.service, 100))}* [${s.severity}]: ${escapeMrkdwn(cut(s.summary, MAX_LINE))}${runs ? ` — ${runs}` : ''}`;
  });
  if (alert.services.length > shown.length)
    lines.push(`…and ${alert.services.length - shown.length} more in the report`);
  const reportLink = reportRunUrl && runLink(reportRunUrl) ? link(reportRunUrl, 'Report run') : '';
  const text = [
    `${EMOJI[alert.severity]} [${alert.severity.toUpperCase()}] ${escapeMrkdwn(title)}`,
    ...lines,
    reportLink,
  ]
    .filter(Boolean)
    .join('\n');
  const blocks: SlackMessage['blocks'] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: cut(`${EMOJI[alert.severity]} ${title}`, 150),
        emoji: true,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: cut(lines.join('\n'), 3000) } },
  ];
  if (reportLink)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: reportLink }] });
  return { text, blocks };
}

export interface NotifyResult {
  sent: boolean;
  severity: Severity | null;
  /** For the log: what happened, no secret in it. */
  message: string;
  warning?: string;
}

/** Sends the message when there is one; a failure is a warning, never a failed report. */
export async function notifyBudgets(
  report: Report,
  webhookUrl: string,
  options: SendOptions & { redactor: Redactor; reportRunUrl?: string },
): Promise<NotifyResult> {
  const alert = budgetAlert(report);
  if (!alert)
    return {
      sent: false,
      severity: null,
      message: 'no SLO breached, no budget nearly spent: no webhook message',
    };
  const { sendWebhook } = await import('../notify/webhook.js'); // one chunk for every sender
  const sent = await sendWebhook(webhookUrl, budgetMessage(alert, options.reportRunUrl), options);
  if (sent.ok)
    return {
      sent: true,
      severity: alert.severity,
      message: `webhook notified (SLO ${alert.severity}: ${alert.services.map((s) => s.service).join(', ')}; HTTP ${sent.status})`,
    };
  return {
    sent: false,
    severity: alert.severity,
    message: 'webhook not notified',
    warning: sent.warning.replace('The verdict is unchanged.', 'The report is unchanged.'),
  };
}
