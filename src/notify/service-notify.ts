/** The webhook message for one gated service, when notify-on asks for it. A failure to notify is a warning. */
import { shouldNotify } from './notify-on.js';
import { buildSlackMessage, type NotifyFacts } from './slack-message.js';
import { decisionTarget } from '../rollback/decide-and-roll-back.js';
import type { Outcome } from '../service/run-pipeline.js';
import type { Redactor } from '../secrets/redact.js';
import type { Settings } from '../settings/settings.js';
import { githubRunFromEnv, runUrl } from '../github/github-run.js';
import { graceAfter } from '../service/paperwork.js';

export function notifyFacts(
  outcome: Outcome,
  settings: Pick<Settings, 'deployments' | 'runbookUrl' | 'notify'>,
  service: string,
  env: NodeJS.ProcessEnv,
): NotifyFacts {
  const rb = outcome.rollback;
  const target = rb ? decisionTarget(rb.decision) : undefined;
  const run = githubRunFromEnv(env);
  return {
    service,
    verdict: outcome.verdict,
    reason: outcome.reason,
    ...(outcome.nextStep ? { nextStep: outcome.nextStep } : {}),
    ...(outcome.fly ? { release: `v${outcome.fly.underTest.version}` } : {}),
    ...(target && (rb?.run || rb?.decision.action === 'dry-run')
      ? {
          rollback: {
            target: target.Version !== undefined ? `v${target.Version}` : target.ImageRef,
            image: target.ImageRef,
            ...(rb?.run?.created ? { created: `v${rb.run.created.version}` } : {}),
            ...(rb?.decision.action === 'dry-run' ? { dryRun: true } : {}),
          },
        }
      : {}),
    ...(settings.deployments ? { environment: settings.deployments.environment } : {}),
    ...(run.ok ? { repository: `${run.run.owner}/${run.run.repo}`, sha: run.run.sha } : {}),
    links: {
      ...(run.ok ? { run: runUrl(run.run) } : {}),
      ...(settings.runbookUrl ? { runbook: settings.runbookUrl } : {}),
      ...(settings.deployments?.environmentUrl
        ? { environment: settings.deployments.environmentUrl }
        : {}),
    },
  };
}

export async function notifyOutcome(options: {
  outcome: Outcome;
  settings: Pick<Settings, 'deployments' | 'runbookUrl' | 'notify'>;
  service: string;
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  warn: (message: string) => void;
  log: (message: string) => void;
  /** The step's cancellation: a send under way gets CANCEL_GRACE_MS more, then gives up. */
  signal?: AbortSignal;
}): Promise<void> {
  const notify = options.settings.notify;
  if (!notify || !shouldNotify(notify.on, options.outcome.verdict)) return;
  const message = buildSlackMessage(
    notifyFacts(options.outcome, options.settings, options.service, options.env),
    options.redactor,
  );
  const { sendWebhook } = await import('./webhook.js'); // loaded only to send
  const sent = await sendWebhook(notify.webhookUrl, message, {
    redactor: options.redactor,
    signal: graceAfter(options.signal),
  });
  if (sent.ok)
    options.log(
      `webhook notified (${options.service}: ${options.outcome.verdict}, HTTP ${sent.status})`,
    );
  else options.warn(sent.warning);
}
