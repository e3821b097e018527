// Bundles the two runner entries with ncc: dist/index.js (main step) and dist/post/index.js
// (post step), each with the lazily loaded chunks ncc splits off (the artifact client is only
// loaded when an upload happens). dist/post.js, the file action.yml names, imports the post
// bundle; dist/package.json ("type": "module") serves both.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const build = (entry, out, extra = []) =>
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--target', 'es2023', ...extra], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

rmSync('dist', { recursive: true, force: true });
build('src/index.ts', 'dist', ['--license', 'licenses.txt']);
build('src/post.ts', 'dist/post');
rmSync(join('dist', 'post', 'package.json'), { force: true });
writeFileSync(
  join('dist', 'post.js'),
  "// The post step's entry (action.yml runs.post); the bundle is in post/.\nimport './post/index.js';\n",
);
console.log(
  `dist/: ${readdirSync('dist').join(', ')}; dist/post/: ${readdirSync(join('dist', 'post')).join(', ')}`,
);
