/** Entry of the post step (dist/post.js). */
import * as core from '@actions/core';

core.debug('deploy-gate post step: nothing to complete');
