// Bundles the action with ncc into dist/index.js, with the chunks ncc splits off for what loads
// lazily (the artifact client is only loaded when an upload happens). Both runner entries use
// this one bundle: dist/post.js (action.yml runs.post) marks the process as the post step and
// imports it. dist/package.json ("type": "module") serves both.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [ncc, 'build', 'src/index.ts', '-o', 'dist', '--target', 'es2023', '--license', 'licenses.txt'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
writeFileSync(
  join('dist', 'post.js'),
  [
    "// The post step's entry (action.yml runs.post): the main bundle, told it runs as the post step.",
    'globalThis.deployGatePostStep = true;',
    "await import('./index.js');",
    '',
  ].join('\n'),
);
console.log(`dist/: ${readdirSync('dist').join(', ')}`);
