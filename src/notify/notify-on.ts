/**
 * When to send the webhook message (`notify-on`):
 *
 *   failure  (default) the deploy failed or is unguarded: unhealthy, rolled-back, rollback-failed,
 *            error. Not `cancelled`: like `if: failure()`, a cancellation is not a failure, and
 *            the person who cancelled already knows.
 *   always   every verdict, healthy included.
 *   never    no message.
 */
import type { Verdict } from '../service/run-pipeline.js';

export const NOTIFY_ON = ['failure', 'always', 'never'] as const;
export type NotifyOn = (typeof NOTIFY_ON)[number];

const FAILURES: ReadonlySet<Verdict> = new Set([
  'unhealthy',
  'rolled-back',
  'rollback-failed',
  'error',
]);

export function shouldNotify(notifyOn: NotifyOn, verdict: Verdict): boolean {
  switch (notifyOn) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'failure':
      return FAILURES.has(verdict);
  }
}
