/** The post step, loaded by index.ts when dist/post.js runs the bundle: everything lives in post-step.ts. */
import * as core from '@actions/core';
import { runPost } from './post-step.js';

// The post step reports its own trouble as a warning: the job's result is the main step's.
await runPost().catch((error: unknown) => {
  core.warning(
    `deploy-gate post step could not complete the evidence: ${error instanceof Error ? error.message : String(error)}`,
  );
});
process.exit();
