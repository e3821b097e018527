// Bundles the two runner entries with ncc: dist/index.js (main) and dist/post.js (post).
// ncc writes one folder per entry; the post bundle is moved next to the main one so that
// action.yml can name both, and dist/package.json ("type": "module") serves both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const run = (args) =>
  execFileSync(process.execPath, [ncc, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });

rmSync('dist', { recursive: true, force: true });
run(['build', 'src/index.ts', '-o', 'dist', '--license', 'licenses.txt', '--target', 'es2023']);
const postDir = mkdtempSync(join(tmpdir(), 'dg-post-'));
try {
  run(['build', 'src/post.ts', '-o', postDir, '--target', 'es2023']);
  const extra = readdirSync(postDir).filter((f) => f !== 'index.js' && f !== 'package.json');
  if (extra.length) throw new Error(`post bundle has unexpected files: ${extra.join(', ')}`);
  renameSync(join(postDir, 'index.js'), join('dist', 'post.js'));
} finally {
  rmSync(postDir, { recursive: true, force: true });
}
console.log(`dist/: ${readdirSync('dist').join(', ')}`);
