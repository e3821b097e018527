/**
 * The one bundle (dist/index.js) behind both runner entries. The main step runs it directly; the
 * post step runs dist/post.js, which marks itself and then imports this bundle, so the two steps
 * share every chunk instead of shipping each twice.
 */
import './settings/zod-config.js';
import * as core from '@actions/core';
import { run } from './main.js';
import { errorSentence } from './summary/outside-text.js';

const isPostStep = (globalThis as { deployGatePostStep?: boolean }).deployGatePostStep === true;

if (isPostStep) {
  await import('./post.js');
} else {
  // Last line of defence: whatever escapes run() still fails the step with a message.
  await run().catch((error: unknown) => {
    // One sentence for the user; the stack only in the debug log.
    if (error instanceof Error && error.stack) core.debug(error.stack);
    try {
      core.setOutput('verdict', 'error');
    } catch {
      // An unwritable GITHUB_OUTPUT must not hide the failure itself.
    }
    core.setFailed(`deploy-gate failed unexpectedly: ${errorSentence(error)}`);
  });
  // A socket a library left open (an artifact service that never answered) must not keep the
  // step alive once everything is written; the exit code set by core.setFailed is kept.
  process.exit();
}
