// Bundles the action with ncc into dist/bundle.js, with the chunks ncc splits off for what loads
// lazily (the artifact client is only loaded when an upload happens). Both runner entries use
// this one bundle: dist/index.js (action.yml runs.main, copied from scripts/entry/index.mjs)
// checks the Node version and takes cancellation signals before importing it; dist/post.js
// (runs.post) marks the process as the post step and imports dist/index.js, so it gets the same
// version check. dist/package.json
// ("type": "module") serves all three.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [ncc, 'build', 'src/index.ts', '-o', 'dist', '--target', 'es2023', '--license', 'licenses.txt'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
renameSync(join('dist', 'index.js'), join('dist', 'bundle.js'));
copyFileSync(join('scripts', 'entry', 'index.mjs'), join('dist', 'index.js'));
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
