/**
 * Bounds on the work after (and around) the gate that is not the gate: the GitHub API, the
 * webhook, the artifact upload. Each has a fixed cap, so the step as a whole is bounded, and each
 * stops a few seconds after a cancel: the runner kills the step soon after SIGTERM, and a
 * deployment status or an upload cut off halfway is worse than one that gave up on time.
 */

/** After a cancel, paperwork already under way gets this long to finish, then it is abandoned. */
export const CANCEL_GRACE_MS = 3_000;

/** Each GitHub API request. */
export const GITHUB_REQUEST_CAP_MS = 15_000;
/** Reading the environment's earlier gates before probing (several requests together). */
export const GITHUB_HISTORY_CAP_MS = 30_000;
/** One webhook attempt; two attempts and one wait of at most WEBHOOK_RETRY_WAIT_CAP_MS. */
export const WEBHOOK_ATTEMPT_CAP_MS = 10_000;
export const WEBHOOK_RETRY_WAIT_CAP_MS = 30_000;
/** The artifact upload (the client retries a 5xx for about 35 s on its own). */
export const UPLOAD_CAP_MS = 120_000;

/** One grace per cancel: paperwork that starts late must not get a fresh one. */
const graces = new WeakMap<AbortSignal, AbortSignal>();

/**
 * A signal that aborts CANCEL_GRACE_MS after `cancel` does (never, without `cancel`). Every
 * caller with the same `cancel` gets the same signal, so all paperwork together ends within one
 * grace of the cancel. The timer is unref'd: it must not keep a finished step alive.
 */
export function graceAfter(cancel: AbortSignal | undefined): AbortSignal {
  if (!cancel) return new AbortController().signal;
  const known = graces.get(cancel);
  if (known) return known;
  const controller = new AbortController();
  graces.set(cancel, controller.signal);
  const start = () => {
    const timer = setTimeout(() => controller.abort(cancel.reason), CANCEL_GRACE_MS);
    timer.unref();
  };
  if (cancel.aborted) start();
  else cancel.addEventListener('abort', start, { once: true });
  return controller.signal;
}
