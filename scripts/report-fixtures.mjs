// Realistic sealed audit records for the report's look-and-scale checks
// (scripts/check-report-html.mjs, bench/report-scale.mjs). Real gates run through the bundled
// action give the templates: a healthy gate and an unhealthy one (no rollback) from a config file
// with SLO targets, and a Fly release rolled back with the fake flyctl. Each template is then
// cloned to other services and days: audit.json re-validated by src's own audit schema, probe
// lines shifted in time, the folder re-sealed by src's own seal, so the report reads exactly what
// a gate writes. Needs Node 24 (src/ is loaded as TypeScript through scripts/ts-source-hook.mjs).
import './ts-source-hook.mjs';
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { startFlyApp } from '../fakes/fly-app/fly-app.mjs';
import { Prng } from '../__tests__/helpers/prng.ts';
import { BAD, BAD_TAG, GOOD, TOKEN, parseFileCommands, seedShop } from '../example/shop.mjs';

// Imported once the hook is registered (static imports would be resolved before it is).
const { AUDIT_SCHEMA_VERSION, auditRecordSchema } = await import('../src/evidence/audit-schema.ts');
const { sealEvidence } = await import('../src/evidence/seal.ts');

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DAY = 86_400_000;

/** action.yml's defaults, filled in for every input a workflow does not set (as the runner does). */
export function actionDefaults() {
  return Object.fromEntries(
    Object.entries(parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')).inputs)
      .filter(([, spec]) => spec.default !== undefined)
      .map(([name, spec]) => [name, String(spec.default)]),
  );
}

/** Peak resident memory (VmHWM) of a live process in kB; 0 once it is gone. */
function peakKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // it just exited
  }
}

/**
 * One step as the runner runs it: dist/index.js with INPUT_* variables and the runner's files,
 * then dist/post.js with the state the main step saved. Returns exit code, outputs, job summary,
 * the main step's wall time and peak RSS (VmHWM, polled every 20 ms).
 */
export async function runStep(dist, work, inputs, extraEnv = {}, { prepare } = {}) {
  const step = mkdtempSync(join(work, 'step-'));
  // Files the step finds in its working directory (a config file named as a workflow names it).
  prepare?.(step);
  const env = {
    PATH: `${join(root, 'fakes', 'flyctl')}${delimiter}${process.env.PATH}`,
    HOME: process.env.HOME,
    RUNNER_TEMP: step,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'example/shop',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    ...extraEnv,
  };
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE']) {
    env[name] = join(step, name.toLowerCase());
    writeFileSync(env[name], '');
  }
  for (const [name, value] of Object.entries({
    ...actionDefaults(),
    'audit-dir': join(step, 'audit'),
    ...inputs,
  }))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const run = (entry) =>
    new Promise((done) => {
      const started = performance.now();
      const child = spawn(process.execPath, [join(dist, entry)], {
        cwd: step,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      let peak = 0;
      child.stdout.on('data', (d) => (stdout += d));
      const poll = setInterval(() => (peak = Math.max(peak, peakKb(child.pid))), 20);
      child.on('close', (code) => {
        clearInterval(poll);
        done({ code, stdout, seconds: (performance.now() - started) / 1000, peakMb: peak / 1024 });
      });
    });
  const main = await run('index.js');
  for (const [name, value] of Object.entries(
    parseFileCommands(readFileSync(env.GITHUB_STATE, 'utf8')),
  ))
    env[`STATE_${name}`] = value;
  await run('post.js');
  return {
    ...main,
    dir: step,
    outputs: parseFileCommands(readFileSync(env.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

async function serve(handler) {
  const server = createServer(handler);
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    },
  };
}
const reply = (status, body, delayMs) => (_req, res) =>
  setTimeout(
    () => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
    delayMs,
  );

/** The services of the fleet, with the SLO targets of each (written into the config file). */
export const SERVICES = [
  { name: 'checkout', availability: '99.9%', p95: '300ms' },
  { name: 'search', availability: '99.5%', p95: '500ms' },
  { name: 'shop', availability: '99.9%', p95: '400ms' },
  { name: 'api', availability: '99.95%', p95: '250ms' },
  { name: 'billing', availability: '99.99%', p95: '800ms' },
  { name: 'web', availability: '99%', p95: '1s' },
];

/** A config file with every service and its slo_targets; `origins` gives live base URLs. */
export function writeConfig(file, origins = {}) {
  const lines = ['defaults:', '  health_endpoint: /healthz', 'services:'];
  for (const s of SERVICES)
    lines.push(
      `  - name: ${s.name}`,
      `    base_url: ${origins[s.name] ?? `https://${s.name}.example.test`}`,
      '    slo_targets:',
      `      availability: ${JSON.stringify(s.availability)}`,
      `      response_time_p95: ${s.p95}`,
    );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const fast = {
  'initial-delay': '0',
  interval: '200ms',
  timeout: '1s',
  'startup-timeout': '3s',
  'observe-for': '3s',
  'min-samples': '5',
  'failure-threshold': '4',
};

/**
 * Three real gates of the bundled action: `checkout` healthy and `search` unhealthy (503, no
 * rollback configured), each gated from the config file, and the Fly app `shop` whose new release
 * degrades after its warm-up and is rolled back with the fake flyctl, as example/run.mjs does.
 * Returns each one's audit folder (inside `work`).
 */
export async function realGates(dist, work) {
  const healthy = await serve(reply(200, { status: 'ok', version: 'v42' }, 25));
  const broken = await serve(reply(503, { status: 'down' }, 5));
  const config = writeConfig(join(work, 'gate-config.yml'), {
    checkout: healthy.origin,
    search: broken.origin,
  });
  const folders = {};
  const runIds = { checkout: 9001, search: 9002, shop: 9003 };
  try {
    for (const [service, verdict] of [
      ['checkout', 'healthy'],
      ['search', 'unhealthy'],
    ]) {
      const run = await runStep(
        dist,
        work,
        { ...fast, config, service },
        { GITHUB_RUN_ID: String(runIds[service]) },
      );
      if (run.outputs.verdict !== verdict)
        throw new Error(
          `the ${service} gate gave ${run.outputs.verdict ?? 'no verdict'}, not ${verdict}`,
        );
      folders[verdict] = join(run.dir, 'audit');
    }
  } finally {
    await Promise.all([healthy.close(), broken.close()]);
  }
  const { statePath, deploy } = seedShop(work);
  const app = await startFlyApp({
    statePath,
    app: 'shop',
    behaviours: { [BAD]: 'degrades' },
    warmup: 4,
  });
  try {
    deploy(GOOD);
    deploy(BAD);
    const run = await runStep(
      dist,
      work,
      {
        ...fast,
        url: app.url,
        'fly-app': 'shop',
        'expect-json': 'status == ok',
        'expected-version': BAD_TAG,
        'min-samples': '10',
        'observe-for': '2s',
        'startup-timeout': '5s',
      },
      { FLY_FAKE_STATE: statePath, FLY_API_TOKEN: TOKEN, GITHUB_RUN_ID: String(runIds.shop) },
    );
    if (run.outputs.verdict !== 'rolled-back')
      throw new Error(`the shop gate gave ${run.outputs.verdict ?? 'no verdict'}, not rolled-back`);
    folders['rolled-back'] = join(run.dir, 'audit');
  } finally {
    await app.close();
  }
  return folders;
}

/** The one audit folder inside a gate's audit-dir (a config gate nests it under the service). */
export function auditFolderOf(dir) {
  for (const candidate of [dir, join(dir, 'checkout'), join(dir, 'search'), join(dir, 'shop')])
    try {
      readFileSync(join(candidate, 'audit.json'));
      return candidate;
    } catch {
      // not here
    }
  throw new Error(`no audit.json in ${dir}`);
}

const OWN_FILES = new Set(['audit.json', 'probes.ndjson', 'SHA256SUMS', 'manifest.json']);

/** Copies the bundle into `work`: a rebuild while the runs go on must not change them halfway. */
export function copyDist(from, work) {
  if (!existsSync(join(from, 'index.js')))
    throw new Error(`${join(from, 'index.js')} is missing: run \`npm run build\` first`);
  const dist = join(work, 'dist');
  cpSync(from, dist, { recursive: true });
  return dist;
}

/** A template: a real record's audit.json, probe lines and other files (summary, flyctl output). */
export function loadTemplate(folder) {
  const dir = auditFolderOf(folder);
  const audit = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8'));
  const probes = readFileSync(join(dir, 'probes.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const others = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((path) => !OWN_FILES.has(path))
    .map((path) => ({ path, bytes: readFileSync(join(dir, path)) }));
  return { audit, probes, others };
}

const shift = (iso, ms) =>
  typeof iso === 'string' ? new Date(Date.parse(iso) + ms).toISOString() : iso;

/** Every timestamp field of an audit record moved by `ms` (the rest kept as the gate wrote it). */
function shiftTimes(value, ms) {
  if (Array.isArray(value)) return value.map((v) => shiftTimes(v, ms));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      /(_at|^time)$/.test(key) && typeof v === 'string' && !Number.isNaN(Date.parse(v))
        ? shift(v, ms)
        : shiftTimes(v, ms),
    ]),
  );
}

/**
 * A clone of `template` as another gate: `service`, ended at `endedAt` (epoch ms), run `runId`,
 * `probeLines` probe lines (the template's lines repeated on its own rhythm, so sizes and shapes
 * stay real). `verdict: 'rollback-failed'` turns a rolled-back template into a failed rollback.
 */
export async function writeClone(dest, template, { service, endedAt, runId, probeLines, verdict }) {
  const t = template.audit;
  const ms = endedAt - Date.parse(t.ended_at);
  const audit = shiftTimes(JSON.parse(JSON.stringify(t)), ms);
  audit.service = { ...audit.service, name: service };
  const runUrl = `https://github.com/example/shop/actions/runs/${runId}/attempts/1`;
  audit.deployment = { ...audit.deployment, id: `${runId}-1`, run_id: runId, run_url: runUrl };
  if (verdict === 'rollback-failed' && audit.rollback) {
    audit.verdict = 'rollback-failed';
    audit.rollback = { ...audit.rollback, verified: false, verification_verdict: 'unhealthy' };
    audit.reason = `${audit.reason} The rolled-back release failed its verification too.`;
  }
  const record = auditRecordSchema.parse(audit);
  mkdirSync(dest, { recursive: true });
  await writeFile(join(dest, 'audit.json'), `${JSON.stringify(record, null, 2)}\n`);
  const src = template.probes;
  const span = src.length > 1 ? Date.parse(src.at(-1).time) - Date.parse(src[0].time) + 200 : 1000;
  const lines = [];
  const count = probeLines ?? src.length;
  for (let i = 0; i < count; i++) {
    const base = src[i % src.length];
    const lap = Math.floor(i / src.length);
    // Repeats go before the template's lines, so the last lines still end at its verdict.
    const back = (Math.ceil(count / src.length) - 1 - lap) * span;
    const line = { ...base, seq: i + 1 };
    for (const key of ['time', 'scheduled_at'])
      if (typeof line[key] === 'string') line[key] = shift(line[key], ms - back);
    lines.push(JSON.stringify(line));
  }
  await writeFile(join(dest, 'probes.ndjson'), `${lines.join('\n')}\n`);
  for (const file of template.others) {
    mkdirSync(dirname(join(dest, file.path)), { recursive: true });
    await writeFile(join(dest, file.path), file.bytes);
  }
  await sealEvidence(dest, { schemaVersion: AUDIT_SCHEMA_VERSION, now: endedAt });
}

/** Deterministic pseudo-random numbers in [0, 1) (the tests' mulberry32), so every run draws the same fleet. */
export function random(seed) {
  const prng = new Prng(seed);
  return () => prng.next();
}

/**
 * The gates of a fleet over `days` days ending at `now`: each service deploys `perDay` times a
 * day (at a drawn hour), fails with its own rate (half of the failures rolled back, one in ten
 * of those rollbacks failing), and a failure is followed within hours by a fix that passes.
 */
export function planFleet({ services, days, now, perDay = 1, seed = 15 }) {
  const draw = random(seed);
  const gates = [];
  services.forEach((service, s) => {
    const failRate = [0.04, 0.12, 0.08, 0.02, 0.2, 0.06][s % 6];
    for (let d = days - 1; d >= 0; d--)
      for (let k = 0; k < perDay; k++) {
        const endedAt = now - d * DAY - Math.floor(draw() * (DAY - 4 * 3_600_000)) - 4 * 3_600_000;
        const roll = draw();
        let verdict = 'healthy';
        if (roll < failRate) verdict = draw() < 0.5 ? 'rolled-back' : 'unhealthy';
        if (verdict === 'rolled-back' && draw() < 0.1) verdict = 'rollback-failed';
        gates.push({ service, endedAt, verdict });
        // The fix: a healthy gate of the same service 20 min to 3 h later.
        if (verdict !== 'healthy')
          gates.push({
            service,
            endedAt: endedAt + 1_200_000 + Math.floor(draw() * 9_600_000),
            verdict: 'healthy',
          });
      }
  });
  return gates.sort((a, b) => a.endedAt - b.endedAt);
}

/** The template a planned gate is cloned from. */
export const templateFor = (verdict) => (verdict === 'rollback-failed' ? 'rolled-back' : verdict);

/** Copies a real gate's audit-dir into the records folder, as an unzipped artifact would be. */
export function keepArtifact(auditDir, dest) {
  cpSync(auditDir, dest, { recursive: true });
}

/** Probe lines per record, as the default policy (interval 5s, observe-for 5m) writes about. */
export const PROBE_LINES = { healthy: 64, unhealthy: 19, 'rolled-back': 40, 'rollback-failed': 40 };

/**
 * Writes every planned gate as a sealed audit folder `<dir>/<service>/<date>-run-<id>/`, a few
 * at a time. Returns how many were written.
 */
export async function writeFleet(dir, templates, gates, { firstRunId = 20_000 } = {}) {
  const running = new Set();
  let runId = firstRunId;
  for (const gate of gates) {
    runId += 1;
    const day = new Date(gate.endedAt).toISOString().slice(0, 10);
    const task = writeClone(
      join(dir, gate.service, `${day}-run-${runId}`),
      templates[templateFor(gate.verdict)],
      { ...gate, runId, probeLines: PROBE_LINES[gate.verdict] },
    );
    running.add(task);
    void task.finally(() => running.delete(task));
    if (running.size >= 8) await Promise.race(running);
  }
  await Promise.all(running);
  return gates.length;
}
