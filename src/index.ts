/** Entry of the main step (dist/index.js): everything lives in main.ts. */
import './zod-config.js';
import * as core from '@actions/core';
import { run } from './main.js';

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
