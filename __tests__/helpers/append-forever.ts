/**
 * Child process for the crash test: appends probe-like records as fast as it can until killed.
 * Run by Node 24 directly (type stripping); the hook maps src's `.js` specifiers to the `.ts` files.
 *   node append-forever.ts <file> <secret>
 */
import '../../scripts/ts-source-hook.mjs';

const { NdjsonLog } = await import('../../src/evidence/ndjson-log.js');
const { Redactor } = await import('../../src/secrets/redact.js');

const [file = '', secret = ''] = process.argv.slice(2);
const redactor = new Redactor();
redactor.addSecret(secret);
const log = new NdjsonLog(file, redactor);
const padding = 'x'.repeat(2000);
for (let seq = 1; ; seq++) {
  log.append({ seq, note: `saw ${secret}`, padding });
}
