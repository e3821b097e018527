// Benchmarks of the bundled action (dist/index.js), run the way the runner runs it, against
// servers on 127.0.0.1. Writes bench/RESULTS.md. Timing lives here, never in test assertions.
//   npm run bench                      everything, one run, every figure next to its target (~6 min)
//   npm run bench -- --quick           fewer repetitions, shorter bakes, a shorter curve (~2 min)
//   npm run bench -- --only=curve,pace one or more parts (verdict, upload, dead, cold, pace, curve);
//                                      prints, and leaves RESULTS.md alone
//   --dist=<folder>                    measure that build instead of dist/ (a baseline)
//   --urls=<n> --interval=<ms>         the pace part's fleet (default 300 URLs at 250 ms)
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (part) => !only || only.includes(part);
// --dist=<folder>: measure another build (a baseline) instead of this tree's dist/.
const distDir =
  process.argv.find((a) => a.startsWith('--dist='))?.slice('--dist='.length) ?? join(root, 'dist');
const now = () => performance.timeOrigin + performance.now();

async function startServer(handler) {
  const arrivals = [];
  const server = createServer((req, res) => {
    arrivals.push({ path: req.url, at: now() });
    handler(req, res);
  });
  // Node's default keep-alive (5 s), as a typical health endpoint answers; the gate closes each
  // connection itself after its one exchange.
  await new Promise((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve),
  );
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    arrivals,
    close: () => new Promise((r) => server.close(r)),
  };
}

// Loaded with --import in the scale runs only: the process's own CPU time and peak RSS at exit.
const usageHook =
  'data:text/javascript,' +
  encodeURIComponent(
    "import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.DG_BENCH_USAGE,JSON.stringify(process.resourceUsage())));",
  );

function sizeOf(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? sizeOf(full) : statSync(full).size;
  }
  return total;
}

/**
 * Runs dist/index.js like the runner; resolves with the exit time, the peak RSS it reached, the
 * outputs, the summary's size, and (with `usage`) its CPU time and every probe line's lateness.
 */
function runAction(inputs, { usage = false, env: extraEnv = {} } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'dg-bench-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: join(work, 'out'),
    GITHUB_STEP_SUMMARY: join(work, 'sum'),
    GITHUB_STATE: join(work, 'state'),
    DG_BENCH_USAGE: join(work, 'usage.json'),
    ...extraEnv,
  };
  for (const f of ['out', 'sum', 'state']) writeFileSync(join(work, f), '');
  const auditDir = join(work, 'audit');
  for (const [k, v] of Object.entries({ 'audit-dir': auditDir, ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  const startedAt = now();
  const child = spawn(
    process.execPath,
    [...(usage ? ['--import', usageHook] : []), join(distDir, 'index.js')],
    { env, cwd: work, stdio: ['ignore', 'ignore', 'inherit'] },
  );
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
      const result = {
        code,
        startedAt,
        exitedAt,
        peakMb: peakKb / 1024,
        outputs,
        verdict: /verdict<<(.+)\n(.+)\n/.exec(outputs)?.[2],
        summaryBytes: statSync(env.GITHUB_STEP_SUMMARY).size,
      };
      if (usage) {
        const u = JSON.parse(readFileSync(env.DG_BENCH_USAGE, 'utf8'));
        result.cpuMs = (u.userCPUTime + u.systemCPUTime) / 1000;
        result.peakMb = Math.max(result.peakMb, u.maxRSS / 1024);
        result.evidenceBytes = sizeOf(auditDir);
        result.lateness = readFileSync(join(auditDir, 'probes.ndjson'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
          .map((p) => Date.parse(p.time) - Date.parse(p.scheduled_at));
      }
      rmSync(work, { recursive: true, force: true });
      resolve(result);
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.99 * xs.length) - 1)];
const ok = (res) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"v1"}');
const mb = (x) => `${x.toFixed(0)} MB`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

/** Gaps between consecutive requests of one URL, over the interval. */
function gapRatios(arrivals, intervalMs) {
  const byPath = new Map();
  for (const a of arrivals) {
    const list = byPath.get(a.path);
    if (list) list.push(a.at);
    else byPath.set(a.path, [a.at]);
  }
  const ratios = [];
  for (const times of byPath.values())
    for (let i = 1; i < times.length; i++) ratios.push((times[i] - times[i - 1]) / intervalMs);
  return ratios;
}

/** One gate over `count` URLs of one healthy server: the scale figures. */
async function scaleRun(count, intervalMs, observeFor) {
  const s = await startServer((_q, res) => ok(res));
  const urls = Array.from({ length: count }, (_, i) => `${s.origin}/svc/${i}/healthz`);
  const r = await runAction(
    {
      url: urls.join('\n'),
      'initial-delay': '0',
      interval: `${intervalMs}ms`,
      'success-threshold': '3',
      'observe-for': observeFor,
      'min-samples': '5',
    },
    { usage: true },
  );
  await s.close();
  const gaps = gapRatios(s.arrivals, intervalMs);
  return {
    count,
    verdict: r.verdict,
    probes: s.arrivals.length,
    peakMb: r.peakMb,
    cpuMs: r.cpuMs,
    cpuPerProbe: r.cpuMs / s.arrivals.length,
    gapP99: p99(gaps),
    latenessP99: p99(r.lateness),
    latenessMedian: median(r.lateness),
    summaryBytes: r.summaryBytes,
    evidenceBytes: r.evidenceBytes,
    seconds: (r.exitedAt - r.startedAt) / 1000,
  };
}

/**
 * The floor: bench/bare-client.mjs (undici alone, a fresh connection per request) on the same
 * schedule and for as long as the action ran, against a server like the action's.
 */
async function bareClient(count, intervalMs, seconds) {
  const s = await startServer((_q, res) => ok(res));
  const child = spawn(
    process.execPath,
    [
      join(root, 'bench', 'bare-client.mjs'),
      s.origin,
      String(count),
      String(intervalMs),
      String(seconds),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((r) => child.on('exit', r));
  await s.close();
  const u = JSON.parse(out);
  return {
    cpuPerRequest: u.cpuMs / u.requests,
    peakMb: u.maxRssKb / 1024,
    requests: u.requests,
    gapP99: p99(gapRatios(s.arrivals, intervalMs)),
  };
}

/** Healthy single URL, interval 500 ms, success-threshold 3: the policy minimum is 1 s. */
async function timeToVerdict(runs, env) {
  const ratios = [];
  const tails = [];
  for (let i = 0; i < runs; i++) {
    const s = await startServer((_q, res) => ok(res));
    const r = await runAction(
      {
        url: `${s.origin}/healthz`,
        'initial-delay': '0',
        interval: '500ms',
        'success-threshold': '3',
        'observe-for': '0',
      },
      { env: env ? await env() : {} },
    );
    ratios.push((r.exitedAt - s.arrivals[0].at) / 1000);
    tails.push(r.exitedAt - (s.arrivals.at(-1)?.at ?? 0));
    await s.close();
  }
  return { ratios, tails };
}

const figures = [];
const notes = [];
const issueBefore = {
  rss300: '283 MB',
  gap300: '1.82',
  rss1000: '357 MB',
  cpu: '0.87 ms',
  summary1000: '665 KB',
  verdict: '1.24x',
  cold: '1.79x',
};

if (wanted('verdict')) {
  const runs = quick ? 3 : 10;
  const { ratios, tails } = await timeToVerdict(runs);
  figures.push({
    key: 'verdict',
    figure: 'healthy verdict, first request → exit, over the policy minimum (1 s)',
    before: issueBefore.verdict,
    now: `median ${median(ratios).toFixed(3)}x, max ${Math.max(...ratios).toFixed(3)}x (deciding probe → exit median ${median(tails).toFixed(0)} ms; ${runs} runs, no upload possible)`,
    target: '≤ 1.05x',
    met: median(ratios) <= 1.05,
  });
}

if (wanted('upload')) {
  // The upload, measured on its own: the real artifact client against the local fake service.
  const { startFakeArtifactService } =
    await import('../__tests__/helpers/fake-artifact-service.ts');
  const runs = quick ? 2 : 5;
  const services = [];
  const { ratios, tails } = await timeToVerdict(runs, async () => {
    const service = await startFakeArtifactService();
    services.push(service);
    return service.env();
  });
  for (const service of services) await service.close?.();
  notes.push(
    `With an upload (the real artifact client against a local stand-in of the artifact service): first request → exit median ${median(ratios).toFixed(3)}x the 1 s minimum; deciding probe → exit median ${median(tails).toFixed(0)} ms (${runs} runs). Not a target: the upload's time is the service's.`,
  );
}

if (wanted('dead')) {
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
  figures.push({
    key: 'dead',
    figure: 'dead service (503s, startup-timeout 5 s), first request → exit, over startup-timeout',
    before: '1.021x',
    now: `median ${median(ratios).toFixed(3)}x, max ${Math.max(...ratios).toFixed(3)}x (${runs} runs)`,
    target: '≤ 1.05x',
    met: median(ratios) <= 1.05,
  });
}

/** bench/floor-entry.mjs bundled with ncc into a temporary folder: the stack's own cold start. */
function bundleFloor() {
  const out = mkdtempSync(join(tmpdir(), 'dg-floor-'));
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  // ncc resolves packages from the entry's folder: the copy sits in the project, and is removed.
  const entry = join(root, 'bench', `.floor-entry-${process.pid}.mjs`);
  copyFileSync(join(root, 'bench', 'floor-entry.mjs'), entry);
  try {
    execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--target', 'es2023'], {
      stdio: 'ignore',
    });
  } finally {
    rmSync(entry, { force: true });
  }
  return {
    file: join(out, 'index.mjs'),
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  };
}

/** Milliseconds from spawning `args` to the first request the server sees. */
async function firstRequestMs(s, args, env) {
  s.arrivals.length = 0;
  const startedAt = now();
  await new Promise((resolve) =>
    spawn(process.execPath, args, { stdio: 'ignore', ...(env ? { env } : {}) }).on('exit', resolve),
  );
  return s.arrivals[0].at - startedAt;
}

if (wanted('cold')) {
  const runs = quick ? 5 : 15;
  const action = [];
  const bare = [];
  const stack = [];
  const floor = bundleFloor();
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
    bare.push(
      await firstRequestMs(s, [
        '-e',
        `fetch(${JSON.stringify(s.origin + '/healthz')}).then(r => r.text())`,
      ]),
    );
    stack.push(
      await firstRequestMs(s, [floor.file], {
        PATH: process.env.PATH,
        INPUT_URL: `${s.origin}/healthz`,
      }),
    );
  }
  await s.close();
  floor.cleanup();
  const ratio = median(action) / median(bare);
  const stackRatio = median(stack) / median(bare);
  figures.push({
    key: 'cold',
    figure: 'cold start (spawn → first request) over a bare `node` fetch',
    before: issueBefore.cold,
    now: `${ratio.toFixed(2)}x (median ${median(action).toFixed(0)} ms vs ${median(bare).toFixed(0)} ms; ${runs} runs each; a bundle of only @actions/core, zod and undici making one request: ${stackRatio.toFixed(2)}x, ${median(stack).toFixed(0)} ms)`,
    target: '≤ 1.5x',
    met: ratio <= 1.5,
  });
}

let pace;
if (wanted('pace')) {
  const arg = (name, fallback) =>
    Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const [urls, interval] = [arg('urls', 300), arg('interval', 250)];
  pace = await scaleRun(urls, interval, quick ? '10s' : '20s');
  pace.floor = await bareClient(urls, interval, Math.round(pace.seconds));
  figures.push({
    key: 'rss300',
    figure: `${urls} URLs, ${interval} ms interval: peak RSS`,
    before: issueBefore.rss300,
    now: `${mb(pace.peakMb)} (verdict ${pace.verdict}, ${pace.probes} probes; a bare undici client on the same schedule: ${mb(pace.floor.peakMb)})`,
    target: '< 150 MB',
    met: pace.peakMb < 150,
  });
  figures.push({
    key: 'gap300',
    figure: `${urls} URLs: p99 gap between probes of one URL / interval`,
    before: issueBefore.gap300,
    now: `${pace.gapP99.toFixed(2)} (p99 lateness against the schedule ${pace.latenessP99.toFixed(0)} ms; a bare undici client on the same schedule: ${pace.floor.gapP99.toFixed(2)})`,
    target: '≤ 1.10',
    met: pace.gapP99 <= 1.1,
  });
}

const curve = [];
if (wanted('curve')) {
  for (const count of quick ? [100, 1000] : [100, 300, 1000, 3000])
    curve.push(await scaleRun(count, 5000, quick ? '15s' : '30s'));
  const at1000 = curve.find((c) => c.count === 1000);
  if (at1000) {
    figures.push({
      key: 'rss1000',
      figure: '1,000 URLs, 5 s interval: peak RSS',
      before: issueBefore.rss1000,
      now: `${mb(at1000.peakMb)} (verdict ${at1000.verdict}, ${at1000.probes} probes)`,
      target: '< 150 MB',
      met: at1000.peakMb < 150,
    });
    figures.push({
      key: 'summary1000',
      figure: 'job summary at 1,000 URLs',
      before: issueBefore.summary1000,
      now: kb(at1000.summaryBytes),
      target: '≤ 64 KB',
      met: at1000.summaryBytes <= 64 * 1024,
    });
  }
  const at3000 = curve.find((c) => c.count === 3000);
  if (at3000)
    figures.push({
      key: 'verdict3000',
      figure: '3,000 URLs, 5 s interval: completes with the right verdict',
      before: '–',
      now: `${at3000.verdict}, ${at3000.probes} probes, ${mb(at3000.peakMb)}`,
      target: 'healthy',
      met: at3000.verdict === 'healthy',
    });
}
const cpuRuns = [pace, ...curve].filter(Boolean);
if (cpuRuns.length) {
  const worst = cpuRuns.reduce((a, b) => (b.cpuPerProbe > a.cpuPerProbe ? b : a));
  figures.push({
    key: 'cpu',
    figure: 'CPU per probe (user+sys of the whole process over all probes)',
    before: issueBefore.cpu,
    now: `${worst.cpuPerProbe.toFixed(3)} ms, the worst of ${cpuRuns.map((c) => `${c.count} URLs: ${c.cpuPerProbe.toFixed(3)}`).join(', ')}${pace ? `; at ${pace.count} URLs a bare undici client on the same schedule: ${pace.floor.cpuPerRequest.toFixed(3)} ms a request` : ''}`,
    target: '≤ 0.2 ms',
    met: worst.cpuPerProbe <= 0.2,
  });
}

const order = [
  'rss300',
  'gap300',
  'rss1000',
  'cpu',
  'summary1000',
  'verdict',
  'cold',
  'dead',
  'verdict3000',
];
figures.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const report = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${quick ? ' -- --quick' : ''}\` on ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Linux: one run, every figure below from it.`,
  'Each benchmark runs `dist/index.js` as the runner does, against node:http servers on 127.0.0.1.',
  '',
  '| figure | before (issue 14) | now | target | met |',
  '|---|---|---|---|---|',
  ...figures.map(
    (f) => `| ${f.figure} | ${f.before} | ${f.now} | ${f.target} | ${f.met ? 'yes' : '**no**'} |`,
  ),
  '',
  ...notes.flatMap((n) => [n, '']),
];
if (curve.length) {
  report.push(
    `## The curve: interval 5 s, success-threshold 3, observe-for ${quick ? '15s' : '30s'}, one healthy server`,
    '',
    '| URLs | probes | verdict | peak RSS | CPU total | CPU per probe | p99 gap / interval | lateness p99 (median) | summary | evidence | wall |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...curve.map(
      (c) =>
        `| ${c.count} | ${c.probes} | ${c.verdict} | ${mb(c.peakMb)} | ${(c.cpuMs / 1000).toFixed(2)} s | ${c.cpuPerProbe.toFixed(3)} ms | ${c.gapP99.toFixed(2)} | ${c.latenessP99.toFixed(0)} ms (${c.latenessMedian.toFixed(0)} ms) | ${kb(c.summaryBytes)} | ${kb(c.evidenceBytes)} | ${c.seconds.toFixed(0)} s |`,
    ),
    '',
  );
  if (curve.length > 1) {
    // The slope between the smallest and largest fleet: what one more probe costs, startup aside.
    const [small, large] = [curve[0], curve.at(-1)];
    const slope = (large.cpuMs - small.cpuMs) / (large.probes - small.probes);
    report.push(
      `Marginal CPU per probe (from ${small.count} to ${large.count} URLs): ${slope.toFixed(3)} ms; the rest of the small fleet's figure is the fixed cost of a run (start, report, seal).`,
      '',
    );
  }
}
report.push(
  "Method: times are taken from the server side (when a request arrives) and from the parent (when the process starts and exits), with `performance.now()`. Peak RSS is the larger of the process's own `maxRSS` at exit and its VmHWM polled every 50 ms. CPU is the process's own user+sys time at exit (loaded with `--import` in the scale runs only), startup and report included, divided by the requests the server saw. A gap is the time between two requests of one URL at the server; lateness is each probe's `time` minus its `scheduled_at` in probes.ndjson.",
  '',
);

if (only) {
  console.log(report.join('\n'));
} else {
  // Other benchmarks (decision-quality.mjs, report-scale.mjs, ...) own marked sections: keep them.
  const resultsFile = join(root, 'bench', 'RESULTS.md');
  const kept = [
    ...readFileSync(resultsFile, 'utf8').matchAll(/<!-- ([\w-]+) -->[\s\S]*?<!-- \/\1 -->/g),
  ].map((m) => m[0]);
  writeFileSync(resultsFile, [...report, ...kept.flatMap((k) => [k, ''])].join('\n'));
  console.log(report.join('\n'));
}
