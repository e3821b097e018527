// `npm run example`: the bundled action (dist/index.js, then dist/post.js) run exactly as the
// GitHub runner runs it, on an embedded example with no external network:
//   - a simulated Fly.io app "shop": the fake flyctl (fakes/flyctl) on PATH, with three releases;
//   - the app itself, a server on 127.0.0.1 that serves whatever release is current;
//   - deploy 1: v4, a healthy build -> the gate passes;
//   - deploy 2: v5, a build that fails after its warm-up -> the gate catches it, rolls back to
//     v4 with `flyctl deploy --image`, and verifies the rolled-back release with the same gate.
// Prints each run's outputs, the job summary a reviewer reads, and the audit folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFlyApp } from '../fakes/fly-app/fly-app.mjs';
import { BAD, BAD_TAG, GOOD, GOOD_TAG, TOKEN, parseFileCommands, seedShop } from './shop.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'deploy-gate-example-'));
const { statePath, deploy } = seedShop(work);

/** Runs one entry the way the runner does; returns its exit code, outputs and saved state. */
function runStep(entry, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist', entry)], {
      cwd: work,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', (code) => resolve(code));
  });
}

async function runAction(title, inputs) {
  const step = mkdtempSync(join(work, 'step-'));
  const env = {
    PATH: `${join(root, 'fakes', 'flyctl')}${delimiter}${process.env.PATH}`,
    HOME: process.env.HOME,
    FLY_FAKE_STATE: statePath,
    FLY_API_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'example/shop',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTOR: 'octocat',
  };
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE']) {
    env[name] = join(step, name.toLowerCase());
    writeFileSync(env[name], '');
  }
  for (const [name, value] of Object.entries({ ...inputs, 'audit-dir': join(step, 'audit') }))
    env[`INPUT_${name.toUpperCase()}`] = value;
  console.log(`\n━━━ ${title} ━━━\n`);
  const code = await runStep('index.js', env);
  const state = parseFileCommands(readFileSync(env.GITHUB_STATE, 'utf8'));
  for (const [name, value] of Object.entries(state)) env[`STATE_${name}`] = value;
  await runStep('post.js', env);
  const outputs = parseFileCommands(readFileSync(env.GITHUB_OUTPUT, 'utf8'));
  console.log(`\nstep exit code: ${code}\noutputs:`);
  for (const [name, value] of Object.entries(outputs))
    console.log(`  ${name} = ${value.replace(/\n/g, ' ')}`);
  console.log('\n--- job summary (Markdown) ---\n');
  console.log(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'));
  const audit = join(step, 'audit');
  const files = readdirSync(audit, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(audit, join(entry.parentPath, entry.name)));
  console.log(`--- audit folder: ${files.sort().join(', ')}`);
  return { code, outputs };
}

const app = await startFlyApp({
  statePath,
  app: 'shop',
  behaviours: { [BAD]: 'degrades' },
  warmup: 4,
});
const policy = {
  url: app.url,
  'fly-app': 'shop',
  'initial-delay': '0',
  interval: '200ms',
  timeout: '1s',
  'startup-timeout': '5s',
  'observe-for': '2s',
  'min-samples': '10',
  'failure-threshold': '4',
  'expect-json': 'status == ok',
};
try {
  deploy(GOOD);
  const first = await runAction('Deploy 1: shop v4 (a healthy build)', {
    ...policy,
    'expected-version': GOOD_TAG,
  });
  deploy(BAD);
  const second = await runAction('Deploy 2: shop v5 (fails after its warm-up)', {
    ...policy,
    'expected-version': BAD_TAG,
  });
  const ok = first.outputs.verdict === 'healthy' && second.outputs.verdict === 'rolled-back';
  console.log(
    ok
      ? `\nExample done: v4 passed the gate; v5 was caught, rolled back to v4 (now release v${second.outputs['rollback-version']}) and verified healthy.`
      : `\nUnexpected verdicts: ${first.outputs.verdict}, ${second.outputs.verdict}.`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await app.close();
  rmSync(work, { recursive: true, force: true });
}
