// Benchmarks of the bundled action (dist/index.js), run the way the runner runs it, against
// servers on 127.0.0.1. Writes bench/RESULTS.md. Timing lives here, never in test assertions.
//   npm run bench            all benchmarks (about 2 minutes)
//   npm run bench -- --quick fewer repetitions
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const now = () => performance.timeOrigin + performance.now();

async function startServer(handler) {
  const arrivals = [];
  const server = createServer((req, res) => {
    arrivals.push({ path: req.url, at: now() });
    handler(req, res);
  });
  server.keepAliveTimeout = 1;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    arrivals,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Runs dist/index.js like the runner; resolves with the exit time and the peak RSS it reached. */
function runAction(inputs) {
  const work = mkdtempSync(join(tmpdir(), 'dg-bench-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: join(work, 'out'),
    GITHUB_STEP_SUMMARY: join(work, 'sum'),
    GITHUB_STATE: join(work, 'state'),
  };
  for (const f of ['out', 'sum', 'state']) writeFileSync(join(work, f), '');
  for (const [k, v] of Object.entries({ 'audit-dir': join(work, 'audit'), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  const startedAt = now();
  const child = spawn(process.execPath, [join(root, 'dist', 'index.js')], {
    env,
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // the process just exited
    }
  }, 50);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const exitedAt = now();
      clearInterval(poll);
      const outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8');
      rmSync(work, { recursive: true, force: true });
      resolve({ code, startedAt, exitedAt, peakMb: peakKb / 1024, outputs });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.99 * xs.length) - 1)];
const ok = (res) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"v1"}');
const rows = [];

// 1. Healthy service: first request to verdict, against (success-threshold - 1) x interval.
{
  const runs = quick ? 3 : 10;
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const s = await startServer((_q, res) => ok(res));
    const r = await runAction({
      url: `${s.origin}/healthz`,
      'initial-delay': '0',
      interval: '1s',
      'success-threshold': '3',
      'observe-for': '0',
    });
    ratios.push((r.exitedAt - s.arrivals[0].at) / 2000);
    await s.close();
  }
  rows.push([
    'time to verdict, healthy service (interval 1s, success-threshold 3)',
    `median ${median(ratios).toFixed(3)}x, max ${Math.max(...ratios).toFixed(3)}x the policy minimum 2 s (${runs} runs)`,
    '≤ 1.05x',
  ]);
}

// 2. Dead service (every answer 503): first request to verdict, against startup-timeout.
{
  const runs = quick ? 2 : 5;
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const s = await startServer((_q, res) => res.writeHead(503).end());
    const r = await runAction({
      url: `${s.origin}/healthz`,
      'initial-delay': '0',
      interval: '1s',
      'startup-timeout': '5s',
    });
    ratios.push((r.exitedAt - s.arrivals[0].at) / 5000);
    await s.close();
  }
  rows.push([
    'time to verdict, dead service (503s, startup-timeout 5s)',
    `median ${median(ratios).toFixed(3)}x, max ${Math.max(...ratios).toFixed(3)}x startup-timeout (${runs} runs)`,
    '≤ 1.05x',
  ]);
}

// 3. Cold start: process start to first request, dist/index.js against a bare node fetch.
{
  const runs = quick ? 5 : 15;
  const action = [];
  const bare = [];
  const s = await startServer((_q, res) => ok(res));
  for (let i = 0; i < runs; i++) {
    s.arrivals.length = 0;
    const r = await runAction({
      url: `${s.origin}/healthz`,
      'initial-delay': '0',
      interval: '50ms',
      'success-threshold': '1',
      'observe-for': '0',
    });
    action.push(s.arrivals[0].at - r.startedAt);
    s.arrivals.length = 0;
    const startedAt = now();
    await new Promise((resolve) =>
      spawn(
        process.execPath,
        ['-e', `fetch(${JSON.stringify(s.origin + '/healthz')}).then(r => r.text())`],
        { stdio: 'ignore' },
      ).on('exit', resolve),
    );
    bare.push(s.arrivals[0].at - startedAt);
  }
  await s.close();
  const ratio = median(action) / median(bare);
  rows.push([
    'cold start to first request',
    `dist/index.js median ${median(action).toFixed(0)} ms vs bare node fetch ${median(bare).toFixed(0)} ms: ${ratio.toFixed(2)}x (${runs} runs each)`,
    '≤ 1.5x',
  ]);
}

// 4. 300 URLs in one run: peak memory and how late observe probes fire against their grid.
{
  const s = await startServer((_q, res) => ok(res));
  const urls = Array.from({ length: 300 }, (_, i) => `${s.origin}/svc/${i}/healthz`);
  const interval = 1000;
  const r = await runAction({
    url: urls.join('\n'),
    'initial-delay': '0',
    interval: `${interval}ms`,
    'success-threshold': '3',
    'observe-for': quick ? '5s' : '20s',
    'min-samples': '5',
  });
  const byPath = new Map();
  for (const a of s.arrivals) byPath.set(a.path, [...(byPath.get(a.path) ?? []), a.at]);
  const lateness = [];
  for (const times of byPath.values()) {
    const anchor = times[2]; // the streak's last success: observe probes fire at anchor + k x interval
    for (let k = 3; k < times.length; k++) lateness.push(times[k] - (anchor + (k - 2) * interval));
  }
  await s.close();
  const verdict = /verdict<<(.+)\n(.+)\n/.exec(r.outputs)?.[2];
  rows.push([
    '300 URLs, one run: peak memory (RSS)',
    `${r.peakMb.toFixed(0)} MB (verdict ${verdict}, ${s.arrivals.length} probes)`,
    '< 150 MB',
  ]);
  rows.push([
    '300 URLs: observe probe lateness vs the fixed grid',
    `p99 ${p99(lateness).toFixed(1)} ms = ${(p99(lateness) / interval).toFixed(3)} x interval; median ${median(lateness).toFixed(1)} ms (${lateness.length} probes)`,
    'p99 < 0.25x interval',
  ]);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const report = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${quick ? ' -- --quick' : ''}\` on ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Linux.`,
  'Each benchmark runs `dist/index.js` as the runner does, against node:http servers on 127.0.0.1.',
  '',
  '| benchmark | result | target |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
  "Method: times are taken from the server side (when a request arrives) and from the parent (when the process starts and exits), with `performance.now()`; memory is the peak RSS (VmHWM) of the action process. Lateness is each observe probe's arrival minus its slot on the grid `streak end + k × interval`.",
  '',
];
// bench/decision-quality.mjs owns its own section of the file: keep it.
const resultsFile = join(root, 'bench', 'RESULTS.md');
const kept = /<!-- decision-quality -->[\s\S]*<!-- \/decision-quality -->/.exec(
  readFileSync(resultsFile, 'utf8'),
)?.[0];
writeFileSync(resultsFile, [...report, ...(kept ? [kept, ''] : [])].join('\n'));
console.log(report.join('\n'));
