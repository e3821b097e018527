// One worker thread: runs the chunks of trials the main thread hands it, one at a time.
import '../../scripts/ts-source-hook.mjs';

const { parentPort } = await import('node:worker_threads');
const { runChunk } = await import('./trials.mjs');
parentPort.on('message', (chunk) => parentPort.postMessage(runChunk(chunk)));
parentPort.postMessage({ ready: true });
