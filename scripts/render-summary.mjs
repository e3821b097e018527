// `npm run render-summary`: look at the job summary the way a reviewer does. Runs the bundled
// action (dist/index.js, then dist/post.js) on five example runs against local servers, renders
// each job summary with cmark-gfm (GFM, as GitHub does) inside a GitHub-like stylesheet at
// 1012 px, and screenshots the first screen (1012 × 900) with headless Chromium:
//   healthy        one URL, a healthy release
//   rolled-back    a Fly release that fails after its warm-up, rolled back with the fake flyctl
//                  (fakes/flyctl), exactly as example/run.mjs does
//   fleet          three services from a config file, one failing
//   forty-urls     40 URLs, 2 failing (one unhealthy, one timing out)
//   input-error    invalid inputs
//   monitor        mode: monitor over three services, one of them failing after hours of history
// Writes docs/screenshots/<name>.{md,html,png}; only rolled-back.png is committed.
// Options: --only <name>[,<name>], --dist <dir> (another build, e.g. to compare before/after),
// --out <dir>. Needs Debian's `cmark-gfm` and `chromium` packages.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startFlyApp } from '../fakes/fly-app/fly-app.mjs';
import { BAD, BAD_TAG, GOOD, TOKEN, seedShop } from '../example/shop.mjs';
import { runStep } from './report-fixtures.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    dist: { type: 'string', default: join(root, 'dist') },
    out: { type: 'string', default: join(root, 'docs', 'screenshots') },
  },
});
const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'deploy-gate-render-'));
// A copy of the bundle: a rebuild while the runs go on must not change them halfway.
const dist = join(work, 'dist');
cpSync(resolve(args.dist), dist, { recursive: true });

/** One step as the runner runs it (dist/index.js, then dist/post.js); returns its job summary. */
async function runAction(inputs, extraEnv = {}) {
  const { code, outputs, summary } = await runStep(dist, work, inputs, extraEnv);
  return { code, outputs, summary };
}

/** A local server: `routes` maps a path to (req, res) => void. */
async function serve(routes) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const route = routes(path);
    if (route) return route(req, res);
    res.writeHead(404).end('not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    },
  };
}
const jsonReply =
  (body, status = 200, delayMs = 0) =>
  (_req, res) =>
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }, delayMs);
const hang = () => () => {};

const fast = {
  'initial-delay': '0',
  interval: '200ms',
  timeout: '1s',
  'startup-timeout': '3s',
  'observe-for': '3s',
  'min-samples': '5',
  'failure-threshold': '4',
};
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

const scenarios = {
  async healthy() {
    const app = await serve((p) =>
      p === '/healthz' ? jsonReply({ status: 'ok', version: SHA }, 200, 30) : undefined,
    );
    try {
      return await runAction({
        ...fast,
        url: `${app.origin}/healthz`,
        'expected-version': SHA,
        'expect-json': 'status == ok',
      });
    } finally {
      await app.close();
    }
  },

  async 'rolled-back'() {
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
      return await runAction(
        {
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
          'expected-version': BAD_TAG,
        },
        { FLY_FAKE_STATE: statePath, FLY_API_TOKEN: TOKEN },
      );
    } finally {
      await app.close();
    }
  },

  async fleet() {
    const api = await serve((p) =>
      p === '/healthz' || p === '/search'
        ? jsonReply({ status: 'ok', version: 'a1' }, 200, 20)
        : undefined,
    );
    const web = await serve((p) =>
      p === '/healthz' ? jsonReply({ status: 'down' }, 503) : undefined,
    );
    const billing = await serve((p) =>
      p === '/healthz' ? jsonReply({ status: 'ok' }, 200, 10) : undefined,
    );
    const config = join(work, 'deploy-gate.yml');
    writeFileSync(
      config,
      `defaults:
  health_endpoint: /healthz
  policy:
    initial-delay: 0
    interval: 200ms
    timeout: 1s
    startup-timeout: 2s
    observe-for: 2s
services:
  - name: api
    base_url: ${api.origin}
    endpoints:
      - path: /search
        latency_slo: p90<500ms
  - name: web
    base_url: ${web.origin}
    runbook_url: https://runbooks.example.com/web
  - name: billing
    base_url: ${billing.origin}
`,
    );
    try {
      return await runAction({ config });
    } finally {
      await Promise.all([api.close(), web.close(), billing.close()]);
    }
  },

  // The users' matrix form: url, <name>_endpoint with its own timing and objective, and fields
  // the gate records but does not judge. Timing is shortened so the scenario runs in seconds.
  async matrix() {
    const app = await serve((p) =>
      p === '/healthz'
        ? jsonReply({ status: 'ok' }, 200, 10)
        : p === '/search'
          ? jsonReply({ hits: 3 }, 200, 60)
          : undefined,
    );
    const config = join(work, 'deploy-gate.yml');
    writeFileSync(
      config,
      `service: search-api
url: ${app.origin}
health_endpoint: /healthz
health_interval: 200ms
health_timeout: 1s
search_endpoint: /search
search_interval: 400ms
search_timeout: 2s
schedule: "0 */1 * * *"
policy: { initial-delay: 0, startup-timeout: 3s, observe-for: 2s, min-samples: 5 }
slo_targets:
  availability: 99.9%
  search_response_time_p90: 500ms
  job_success_rate: 95%
`,
    );
    try {
      return await runAction({ config });
    } finally {
      await app.close();
    }
  },

  async 'forty-urls'() {
    const app = await serve((p) => {
      const m = /^\/svc\/(\d+)$/.exec(p);
      if (!m) return undefined;
      if (m[1] === '7') return jsonReply({ status: 'error' }, 503);
      if (m[1] === '23') return hang();
      return jsonReply({ status: 'ok' }, 200, 5);
    });
    try {
      return await runAction({
        ...fast,
        'startup-timeout': '2500ms',
        url: Array.from({ length: 40 }, (_, i) => `${app.origin}/svc/${i + 1}`).join('\n'),
      });
    } finally {
      await app.close();
    }
  },

  async monitor() {
    const { addRun, emptyLedger } = await import('../src/monitor/slo-ledger.ts');
    const { writeLedgerFile } = await import('../src/monitor/ledger-file.ts');
    const api = await serve((p) =>
      p === '/healthz' ? jsonReply({ status: 'ok' }, 200, 20) : undefined,
    );
    const web = await serve((p) =>
      p === '/healthz' ? jsonReply({ status: 'down' }, 503) : undefined,
    );
    const search = await serve((p) =>
      p === '/search' ? jsonReply({ hits: 3 }, 200, 40) : undefined,
    );
    const config = join(work, 'monitor.yml');
    writeFileSync(
      config,
      `defaults:
  policy:
    interval: 250ms
    timeout: 1s
    observe-for: 3s
  slo_targets:
    availability: 99.9%
services:
  - name: api
    base_url: ${api.origin}
    health_endpoint: /healthz
  - name: web
    base_url: ${web.origin}
    health_endpoint: /healthz
    runbook_url: https://runbooks.example.com/web
  - name: search
    base_url: ${search.origin}
    endpoints:
      - /search
    slo_targets:
      availability: 99.5%
      response_time_p95: 300ms
`,
    );
    // Seven days of 5-minute runs (all healthy but two short blips for search), written by the
    // real ledger code, so the page shows budgets and burn rates as a long-running monitor has them.
    const records = join(work, 'slo-ledger');
    let ledger = emptyLedger();
    const now = Date.now();
    const MINUTE = 60_000;
    for (let k = 7 * 288; k >= 1; k--) {
      const t = now - k * 5 * MINUTE;
      for (const [service, slow] of [
        ['api', {}],
        ['web', {}],
        ['search', { 'p95<300ms': k % 97 === 0 ? 2 : 0 }],
      ]) {
        const failed = service === 'search' && k % 211 === 0 ? 1 : 0;
        ledger = addRun(
          ledger,
          { service, startedAt: t, endedAt: t + MINUTE, total: 12, failed, slow },
          t + MINUTE,
        );
      }
    }
    writeLedgerFile(records, ledger);
    try {
      return await runAction({ mode: 'monitor', config, records });
    } finally {
      await Promise.all([api.close(), web.close(), search.close()]);
    }
  },

  async 'input-error'() {
    return runAction({
      url: 'http://127.0.0.1:9/healthz',
      interval: 'soon',
      'success-threshold': '0',
      'max-error-rate': '150%',
    });
  },
};

/** GitHub draws emoji from its own images; this runner has no emoji font, so draw look-alikes. */
const GLYPHS = {
  '✅': '<span class="g ok">✔</span>',
  '❌': '<span class="g bad">✘</span>',
  '⛔': '<span class="g bad">⊘</span>',
  '🚨': '<span class="g bad">‼</span>',
  '⚪': '<span class="g dim">○</span>',
  '⏳': '<span class="g dim">…</span>',
  '⏸': '<span class="g dim">‖</span>',
  '⚠️': '<span class="g warn">⚠</span>',
  '➖': '<span class="g dim">–</span>',
  '🔴': '<span class="g bad">●</span>',
  '🟠': '<span class="g warn">●</span>',
  '🟢': '<span class="g ok">●</span>',
};

const STYLE = `
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: 1012px; padding: 8px 16px; color: #1f2328;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; word-wrap: break-word; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; margin: 16px 0 16px; }
h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
h4 { font-size: 1em; font-weight: 600; margin: 24px 0 16px; }
p, ul, table, blockquote, details { margin: 0 0 16px; }
ul { padding-left: 2em; }
li + li { margin-top: .25em; }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 85%; padding: .2em .4em; background: #818b981f; border-radius: 6px; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th { font-weight: 600; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
tr:nth-child(2n) { background: #f6f8fa; }
blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
summary { cursor: pointer; }
a { color: #0969da; text-decoration: none; }
.g { font-weight: 700; } .ok { color: #1a7f37; } .bad { color: #d1242f; } .warn { color: #9a6700; } .dim { color: #59636e; }
`;

function render(name, markdown) {
  const md = join(out, `${name}.md`);
  writeFileSync(md, markdown);
  // GitHub renders with cmark-gfm's extensions and lets through the HTML we use (details, code,
  // br), filtered by tagfilter.
  const body = execFileSync(
    'cmark-gfm',
    ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough', '-e', 'tagfilter', '--unsafe', md],
    { encoding: 'utf8' },
  );
  let html = body;
  for (const [emoji, glyph] of Object.entries(GLYPHS)) html = html.split(emoji).join(glyph);
  html = html.split('\uFE0F').join('');
  const file = join(out, `${name}.html`);
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><title>${name}</title><style>${STYLE}</style><div class="markdown-body">\n${html}</div>\n`,
  );
  const profile = mkdtempSync(join(tmpdir(), 'deploy-gate-chromium-'));
  try {
    execFileSync(
      '/usr/bin/chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--hide-scrollbars',
        '--window-size=1012,900',
        `--screenshot=${join(out, `${name}.png`)}`,
        pathToFileURL(file).href,
      ],
      { stdio: 'ignore', timeout: 60_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const only = args.only ? args.only.split(',') : Object.keys(scenarios);
try {
  for (const name of only) {
    const scenario = scenarios[name];
    if (!scenario)
      throw new Error(`no scenario ${name}; have ${Object.keys(scenarios).join(', ')}`);
    const run = await scenario();
    if (!run.summary) throw new Error(`${name}: the step wrote no job summary (exit ${run.code})`);
    render(name, run.summary);
    console.log(
      `${name}: ${run.outputs.verdict ? `verdict ${run.outputs.verdict}` : `alert ${run.outputs.alert ?? '?'}`}, exit ${run.code}, summary ${Buffer.byteLength(run.summary)} bytes → ${join(out, `${name}.png`)}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
