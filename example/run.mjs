// `npm run example`: runs the bundled action (dist/index.js) the way the GitHub runner does, on an
// embedded example with no external network: a sample service on 127.0.0.1 with a good release
// (v1) and a bad one (v2). Prints each run's outputs and the job summary a reviewer would read.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSampleService } from './sample-service.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function runAction(title, inputs) {
  const work = mkdtempSync(join(tmpdir(), 'deploy-gate-example-'));
  const files = {
    GITHUB_OUTPUT: 'output',
    GITHUB_STEP_SUMMARY: 'summary.md',
    GITHUB_STATE: 'state',
  };
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: work };
  for (const [name, file] of Object.entries(files)) {
    env[name] = join(work, file);
    writeFileSync(env[name], '');
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  console.log(`\n━━━ ${title} ━━━\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'index.js')], {
      cwd: work,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', (code) => {
      const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
      const outputs =
        readFileSync(env.GITHUB_OUTPUT, 'utf8').match(/^([\w-]+)<<(.+)\n([\s\S]*?)\n\2$/gm) ?? [];
      console.log(`\nstep exit code: ${code}`);
      console.log('outputs:');
      for (const block of outputs) {
        const [head, ...rest] = block.split('\n');
        console.log(`  ${head.split('<<')[0]} = ${rest.slice(0, -1).join(' ')}`);
      }
      console.log('\n--- job summary (Markdown) ---\n');
      console.log(summary);
      rmSync(work, { recursive: true, force: true });
      resolve(code);
    });
  });
}

const service = await startSampleService();
const policy = {
  'initial-delay': '0',
  interval: '200ms',
  timeout: '1s',
  'startup-timeout': '5s',
  'observe-for': '3s',
  'min-samples': '10',
  'failure-threshold': '4',
  'expect-json': 'components.database == ok',
};
try {
  const good = await runAction('Release v1: healthy', {
    ...policy,
    url: `${service.origin}/v1/healthz`,
    'expected-version': 'v1',
  });
  const bad = await runAction('Release v2: fails after warm-up', {
    ...policy,
    url: `${service.origin}/v2/healthz`,
    'expected-version': 'v2',
  });
  const ok = good === 0 && bad === 1;
  console.log(
    ok
      ? '\nExample done: v1 passed the gate and v2 was caught.'
      : `\nUnexpected: v1 exit ${good}, v2 exit ${bad}.`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await service.close();
}
