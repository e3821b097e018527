// One worker thread: runs the cells the main thread hands it, one at a time.
import '../../scripts/ts-source-hook.mjs';

const { parentPort } = await import('node:worker_threads');
const { runCell } = await import('./cells.mjs');
parentPort.on('message', async (cell) => parentPort.postMessage(await runCell(cell)));
parentPort.postMessage({ ready: true });
