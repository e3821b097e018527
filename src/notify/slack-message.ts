/**
 * The notification as a Slack-compatible incoming-webhook message (pure): `text` carries
 * everything on its own (the fallback, and all that Mattermost-style "Slack-compatible" receivers
 * read), `blocks` lay the same facts out for Slack. Every piece of text is redacted and escaped
 * for Slack's mrkdwn (`&`, `<`, `>`), and cut to Slack's block limits.
 */
import { Redactor } from '../secrets/redact.js';
import type { Verdict } from '../service/run-pipeline.js';
import { severityOf, type Severity } from './severity.js';

export interface NotifyFacts {
  /** The service name (a fleet) or the app. */
  service: string;
  verdict: Verdict;
  reason: string;
  /** What a human should do now, when anything. */
  nextStep?: string;
  /** The release that was judged, e.g. `v42`. */
  release?: string;
  rollback?: {
    /** What was (or, in dry-run, would be) rolled back to: `v41`, with its image. */
    target: string;
    image?: string;
    /** The release the rollback created, e.g. `v44`. */
    created?: string;
    dryRun?: boolean;
  };
  environment?: string;
  repository?: string;
  sha?: string;
  links: { run?: string; runbook?: string; environment?: string };
}

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

const EMOJI: Readonly<Record<Severity, string>> = {
  critical: ':rotating_light:',
  error: ':x:',
  warning: ':warning:',
  info: ':white_check_mark:',
};

/** Slack's limits: header 150, section text 3000, a field 2000. Reasons stay well below. */
const MAX_REASON = 1500;
const MAX_HEADER = 150;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Slack mrkdwn control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function link(url: string, label: string): string {
  // `<`, `>` and `|` delimit a link, so they are percent-encoded; `&` is escaped as everywhere.
  const safe = url.replace(/[<>|]/g, encodeURIComponent).replace(/&/g, '&amp;');
  return `<${safe}|${escapeMrkdwn(label)}>`;
}

function headline(facts: NotifyFacts): string {
  switch (facts.verdict) {
    case 'rollback-failed':
      return `${facts.service}: rollback failed, act now`;
    case 'rolled-back':
      return `${facts.service}: bad deploy rolled back`;
    case 'unhealthy':
      return `${facts.service}: deploy is unhealthy`;
    case 'error':
      return `${facts.service}: deploy could not be judged`;
    case 'cancelled':
      return `${facts.service}: gate cancelled`;
    case 'healthy':
      return `${facts.service}: deploy is healthy`;
  }
}

function rollbackText(rollback: NonNullable<NotifyFacts['rollback']>): string {
  const image = rollback.image ? ` (${rollback.image})` : '';
  const created = rollback.created ? `, as new release ${rollback.created}` : '';
  return `${rollback.dryRun ? 'would roll back to' : 'rolled back to'} ${rollback.target}${image}${created}`;
}

export function buildSlackMessage(facts: NotifyFacts, redactor = new Redactor()): SlackMessage {
  const severity = severityOf(facts.verdict);
  const clean = (text: string) => redactor.redactText(text);
  const url = (value: string | undefined) => (value ? redactor.redactUrl(value) : undefined);
  const reason = cut(clean(facts.reason), MAX_REASON);
  const nextStep = facts.nextStep ? cut(clean(facts.nextStep), MAX_REASON) : undefined;
  const rollback = facts.rollback ? clean(rollbackText(facts.rollback)) : undefined;
  const runUrl = url(facts.links.run);
  const runbookUrl = url(facts.links.runbook);
  const environmentUrl = url(facts.links.environment);
  const title = clean(headline(facts));

  const links = [
    runUrl && link(runUrl, 'Workflow run'),
    runbookUrl && link(runbookUrl, 'Runbook'),
    environmentUrl &&
      link(environmentUrl, facts.environment ? `Environment ${facts.environment}` : 'Environment'),
  ].filter((l): l is string => Boolean(l));

  const where = [
    facts.environment && `environment ${facts.environment}`,
    facts.release && `release ${facts.release}`,
    facts.repository && facts.sha && `${facts.repository}@${facts.sha.slice(0, 12)}`,
  ].filter((w): w is string => Boolean(w));

  const textLines = [
    `${EMOJI[severity]} [${severity.toUpperCase()}] ${escapeMrkdwn(title)}`,
    `Verdict: ${facts.verdict}. Reason: ${escapeMrkdwn(reason)}`,
    rollback && `Rollback: ${escapeMrkdwn(rollback)}`,
    nextStep && `Next step: ${escapeMrkdwn(nextStep)}`,
    where.length > 0 && escapeMrkdwn(clean(where.join(' · '))),
    links.length > 0 && links.join(' · '),
  ].filter((l): l is string => Boolean(l));

  const fields = [
    ['Service', facts.service],
    ['Verdict', `\`${facts.verdict}\``],
    ['Severity', severity],
    facts.release ? ['Release', facts.release] : undefined,
    facts.environment ? ['Environment', facts.environment] : undefined,
    rollback ? ['Rollback', rollback] : undefined,
  ]
    .filter((f): f is [string, string] => f !== undefined)
    .map(([name, value]) => ({
      type: 'mrkdwn',
      text: `*${name}*\n${name === 'Verdict' ? value : escapeMrkdwn(clean(value))}`,
    }));

  const blocks: Array<Record<string, unknown>> = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: cut(`${EMOJI[severity]} ${title}`, MAX_HEADER),
        emoji: true,
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Reason:* ${escapeMrkdwn(reason)}${nextStep ? `\n*Next step:* ${escapeMrkdwn(nextStep)}` : ''}`,
      },
      fields,
    },
  ];
  if (links.length > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links.join(' · ') }] });
  }
  return { text: textLines.join('\n'), blocks };
}
