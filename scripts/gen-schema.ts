/**
 * Writes schema/*.schema.json from the zod schemas in src/evidence.
 *
 *   node scripts/gen-schema.ts          write the files
 *   node scripts/gen-schema.ts --check  exit 1 when a committed file is stale
 *
 * Node 24 runs this TypeScript as is (type stripping), but it does not rewrite the `.js`
 * specifiers that TypeScript's NodeNext resolution wants in src/. A resolve hook maps a missing
 * `./x.js` to its `./x.ts` source, so src/ stays written the one way the compiler and ncc expect.
 */
import './ts-source-hook.mjs';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { publishedSchemas } = await import('../src/evidence/json-schemas.js');
const check = process.argv.includes('--check');
let stale = 0;

for (const { path, text } of publishedSchemas()) {
  const target = resolve(root, path);
  if (check) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // A missing file is stale.
    }
    if (current !== text) {
      stale += 1;
      console.error(`${path} is stale: run node scripts/gen-schema.ts`);
    }
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${path}`);
}

if (stale > 0) process.exitCode = 1;
