/**
 * Writes schema/config.schema.json from the zod schemas in src/config.
 *
 *   node scripts/gen-config-schema.ts          write the file
 *   node scripts/gen-config-schema.ts --check  exit 1 when the committed file is stale
 *
 * Node 24 runs this TypeScript as is (type stripping). As in gen-schema.ts, a resolve hook maps a
 * missing `./x.js` to its `./x.ts` source.
 */
import './ts-source-hook.mjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { CONFIG_SCHEMA_PATH, renderConfigSchema } =
  await import('../src/settings/config-json-schema.js');
const target = resolve(root, CONFIG_SCHEMA_PATH);
const text = renderConfigSchema();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale.
  }
  if (current !== text) {
    console.error(`${CONFIG_SCHEMA_PATH} is stale: run node scripts/gen-config-schema.ts`);
    process.exitCode = 1;
  }
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
}
