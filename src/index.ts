/**
 * The one bundle (dist/index.js) behind both runner entries. The main step runs it directly; the
 * post step runs dist/post.js, which marks itself and then imports this bundle, so the two steps
 * share every chunk instead of shipping each twice.
 */
import './zod-config.js';
import * as core from '@actions/core';
import { run } from './main.js';

const isPostStep = (globalThis as { deployGatePostStep?: boolean }).deployGatePostStep === true;

if (isPostStep) {
  await import('./post.js');
} else {
  // Last line of defence: whatever escapes run() still fails the step with a message.
  await run().catch((error: unknown) => {
    core.setOutput('verdict', 'error');
    core.setFailed(
      `deploy-gate failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  });
  // A socket a library left open (an artifact service that never answered) must not keep the
  // step alive once everything is written; the exit code set by core.setFailed is kept.
  process.exit();
}
