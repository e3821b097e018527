/** Entry of the main step (dist/index.js): everything lives in main.ts. */
import { run } from './main.js';

await run();
