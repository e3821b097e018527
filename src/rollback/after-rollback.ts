/**
 * After `flyctl deploy` returned: snapshot the app again (into the evidence) and confirm from
 * Fly that the rollback took effect. A release still rolling out is read again for a short
 * while; a snapshot that cannot be read is said, never silently left out.
 */
import type { Clock } from '../gate/clock.js';
import type { Recorder } from '../evidence/recorder.js';
import { confirmRollback, type Confirmation } from './confirm-rollback.js';
import type { Flyctl } from './flyctl.js';
import type { FlySnapshot } from './flyctl-results.js';

/** Each after-rollback read gets at most this; the whole confirmation at most CONFIRM_BUDGET_MS. */
export const AFTER_READ_TIMEOUT_MS = 30_000;
export const CONFIRM_BUDGET_MS = 30_000;
const CONFIRM_POLL_MS = 2_000;

export interface AfterRollback {
  after?: FlySnapshot;
  /** Why the after-rollback snapshot could not be read. */
  afterError?: string;
  confirmation?: Confirmation;
}

export async function checkAfterRollback(options: {
  flyctl: Flyctl;
  recorder: Recorder;
  clock: Clock;
  signal?: AbortSignal;
  targetImage: string;
  createdVersion?: number;
  newestBefore: number;
  /** Read again while the created release is still in progress (not after a failed deploy). */
  poll?: boolean;
}): Promise<AfterRollback> {
  const { flyctl, recorder, clock } = options;
  const started = clock.now();
  for (;;) {
    let after: FlySnapshot;
    try {
      after = await flyctl.snapshot(AFTER_READ_TIMEOUT_MS);
    } catch (error) {
      const afterError = error instanceof Error ? error.message : String(error);
      recorder.rollbackOutput(`[deploy-gate: the after-rollback snapshot failed: ${afterError}]\n`);
      return { afterError };
    }
    recorder.flySnapshot(flyctl.app, 'after', after);
    const confirmation = confirmRollback({
      releases: after.releases.data,
      machines: after.machines.data,
      targetImage: options.targetImage,
      ...(options.createdVersion !== undefined ? { createdVersion: options.createdVersion } : {}),
      newestBefore: options.newestBefore,
    });
    const spent = clock.now() - started;
    if (
      options.poll === false ||
      !confirmation.pending ||
      spent + CONFIRM_POLL_MS > CONFIRM_BUDGET_MS ||
      options.signal?.aborted
    )
      return { after, confirmation };
    try {
      await clock.sleep(CONFIRM_POLL_MS, options.signal);
    } catch {
      return { after, confirmation };
    }
  }
}
