// `npm run check-report-html`: report.html as a reader's browser sees it. Builds a realistic set
// of records (scripts/report-fixtures.mjs): three real gates of the bundled action (healthy,
// unhealthy without rollback, a Fly release rolled back with the fake flyctl), 30 days of sealed
// gates of six services cloned from them, and one tampered copy; runs `mode: report` from dist
// with a config file of SLO targets; then opens report.html in headless Chromium and checks:
//   - it renders: the title, the window headings and tables, every chart the html declares
//     (`chart-deployments`, `chart-restore`, and any other `id="chart-…"`), each drawn with marks;
//   - it makes no external request: Chromium reports every request the page starts (DevTools
//     protocol, Network.requestWillBeSent, any scheme: http, https, ws, file, data); the only one
//     allowed is the page itself. Watching the browser's own request events sees what a page
//     does whatever the mechanism (an <img>, a CSS url(), a font, a prefetch), where a proxy or
//     a net log would also catch the browser's own background traffic or miss file:// reads.
// Then screenshots 1200 px wide: docs/screenshots/report.png (the first screen, committed, shown
// in the README) and report-full.png (the whole page, not committed). Layout doubts (text drawn
// over text in a chart, a table wider than the page, an empty table) are printed as warnings.
// Options: --dist <dir>, --out <dir>, --keep (leave the work folder), --html <file> (check that
// report.html instead of building one, e.g. while changing render-html.ts). Needs Debian's
// `chromium`.
/* global WebSocket, document -- Node 24's WebSocket; document in the page measurePage runs in */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  SERVICES,
  copyDist,
  keepArtifact,
  loadTemplate,
  planFleet,
  realGates,
  root,
  runStep,
  writeConfig,
  writeFleet,
} from './report-fixtures.mjs';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: join(root, 'dist') },
    out: { type: 'string', default: join(root, 'docs', 'screenshots') },
    keep: { type: 'boolean', default: false },
    html: { type: 'string' },
  },
});
const WIDTH = 1200;
const FIRST_SCREEN = 900;
const failures = [];
const fail = (message) => failures.push(message);

/** A minimal DevTools-protocol client over the browser's WebSocket. */
async function devtools(wsUrl) {
  const socket = new WebSocket(wsUrl);
  await new Promise((done, reject) => {
    socket.onopen = done;
    socket.onerror = () => reject(new Error(`cannot connect to Chromium at ${wsUrl}`));
  });
  let next = 0;
  const pending = new Map();
  const listeners = [];
  socket.onmessage = ({ data }) => {
    const msg = JSON.parse(data);
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
    } else for (const listen of listeners) listen(msg);
  };
  return {
    send: (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      }),
    on: (listen) => listeners.push(listen),
    close: () => socket.close(),
  };
}

/** Starts headless Chromium with a DevTools port; resolves with the process and its endpoint. */
function startChromium(profile) {
  const child = spawn(
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
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((done, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 30_000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        done({ child, wsUrl: m[1] });
      }
    });
    child.on('error', reject);
  });
}

/** What the page shows, measured in the page (runs inside Chromium). */
function measurePage() {
  const box = (el) => el.getBoundingClientRect();
  const overlaps = (a, b) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const charts = [...document.querySelectorAll('svg[id^="chart-"]')].map((svg) => {
    const texts = [...svg.querySelectorAll('text')];
    const clashes = [];
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (overlaps(box(texts[i]), box(texts[j])))
          clashes.push(`"${texts[i].textContent}" / "${texts[j].textContent}"`);
    const r = box(svg);
    return {
      id: svg.id,
      width: Math.round(r.width),
      height: Math.round(r.height),
      marks: svg.querySelectorAll('rect, path, polyline, polygon, circle, line').length,
      sized: [...svg.querySelectorAll('rect, path, polyline, polygon, circle')].filter((m) => {
        const b = m.getBBox();
        return b.width > 0 || b.height > 0;
      }).length,
      clashes,
      outside: r.right > document.documentElement.clientWidth,
    };
  });
  const tables = [...document.querySelectorAll('table')].map((t) => ({
    heading: t.previousElementSibling?.textContent ?? '',
    rows: t.querySelectorAll('tbody tr').length,
    columns: t.querySelectorAll('thead th').length,
    right: Math.round(box(t).right),
  }));
  return {
    title: document.title,
    h1: document.querySelector('h1')?.textContent ?? '',
    h2: [...document.querySelectorAll('h2')].map((h) => h.textContent),
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    charts,
    tables,
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    clientWidth: document.documentElement.clientWidth,
    text: document.body.innerText.length,
  };
}

async function inspect(htmlFile, out) {
  const profile = mkdtempSync(join(tmpdir(), 'deploy-gate-chromium-'));
  const { child, wsUrl } = await startChromium(profile);
  const cdp = await devtools(wsUrl);
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    const send = (method, params) => cdp.send(method, params, sessionId);
    const requests = [];
    let loaded;
    const load = new Promise((done) => (loaded = done));
    cdp.on((msg) => {
      if (msg.sessionId !== sessionId) return;
      if (msg.method === 'Network.requestWillBeSent') requests.push(msg.params.request.url);
      if (msg.method === 'Page.loadEventFired') loaded();
    });
    await send('Network.enable');
    await send('Page.enable');
    await send('Emulation.setDeviceMetricsOverride', {
      width: WIDTH,
      height: FIRST_SCREEN,
      deviceScaleFactor: 1,
      mobile: false,
    });
    const pageUrl = pathToFileURL(htmlFile).href;
    await send('Page.navigate', { url: pageUrl });
    await Promise.race([
      load,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('report.html did not finish loading in 30 s')), 30_000),
      ),
    ]);
    // Whatever the page would start after load (a lazy image, a prefetch) gets a moment too.
    await new Promise((done) => setTimeout(done, 1000));
    const { result } = await send('Runtime.evaluate', {
      expression: `(${measurePage})()`,
      returnByValue: true,
    });
    const page = result.value;
    const shot = async (file, height) => {
      await send('Emulation.setDeviceMetricsOverride', {
        width: WIDTH,
        height,
        deviceScaleFactor: 1,
        mobile: false,
      });
      const { data } = await send('Page.captureScreenshot', { format: 'png' });
      writeFileSync(file, Buffer.from(data, 'base64'));
    };
    await shot(join(out, 'report.png'), FIRST_SCREEN);
    await shot(join(out, 'report-full.png'), Math.min(page.scrollHeight, 16_000));
    const external = requests.filter((url) => url !== pageUrl);
    return { page, requests, external };
  } finally {
    cdp.close();
    child.kill();
    await new Promise((done) => child.once('exit', done));
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Builds the records and runs `mode: report` over them; returns report.html's path. */
async function buildReport(work) {
  const dist = copyDist(resolve(args.dist), work);
  const records = join(work, 'records');

  const real = await realGates(dist, work);
  for (const [verdict, dir] of Object.entries(real))
    keepArtifact(dir, join(records, 'artifacts', `deploy-gate-audit-${verdict}`));
  const templates = Object.fromEntries(
    Object.entries(real).map(([verdict, dir]) => [verdict, loadTemplate(dir)]),
  );
  const now = Date.now();
  const gates = planFleet({
    services: SERVICES.map((s) => s.name),
    days: 30,
    now: now - 600_000,
  });
  await writeFleet(join(records, 'history'), templates, gates);
  // A copy of a real record with one changed byte: the page must name it, not count it.
  keepArtifact(real.healthy, join(records, 'artifacts', 'deploy-gate-audit-tampered'));
  const tampered = join(
    records,
    'artifacts',
    'deploy-gate-audit-tampered',
    'checkout',
    'summary.md',
  );
  writeFileSync(tampered, `${readFileSync(tampered, 'utf8')} `);
  // The config file as a workflow names it: relative to the job's working directory.
  const report = await runStep(
    dist,
    work,
    {
      mode: 'report',
      period: '30d',
      records,
      config: 'deploy-gate.yml',
      'audit-dir': join(work, 'report'),
    },
    {},
    { prepare: (cwd) => writeConfig(join(cwd, 'deploy-gate.yml')) },
  );
  console.log(
    `report over ${gates.length + 4} records: exit ${report.code}, ${report.seconds.toFixed(1)} s, outputs ${JSON.stringify(report.outputs)}`,
  );
  if (report.code !== 0) {
    console.error(report.stdout);
    throw new Error(`mode: report exited ${report.code}`);
  }
  return join(report.outputs['report-dir'] ?? join(work, 'report'), 'report.html');
}

const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'deploy-gate-report-html-'));
try {
  const htmlFile = args.html ? resolve(args.html) : await buildReport(work);
  const html = readFileSync(htmlFile, 'utf8');
  const declared = [...new Set([...html.matchAll(/id="(chart-[\w-]+)"/g)].map((m) => m[1]))];
  for (const id of ['chart-deployments', 'chart-restore'])
    if (!declared.includes(id)) fail(`report.html declares no #${id}`);

  const { page, requests, external } = await inspect(htmlFile, out);

  // Renders: the DOM Chromium built has the page's parts, and each chart draws something.
  if (!page.h1.startsWith('Deployment report')) fail(`heading is ${JSON.stringify(page.h1)}`);
  for (const window of ['24h', '7d', '30d'])
    if (!page.h2.some((h) => h.includes(window))) fail(`no heading for the ${window} window`);
  for (const id of declared) {
    const chart = page.charts.find((c) => c.id === id);
    if (!chart) fail(`#${id} is in the html but not in the rendered page`);
    else if (chart.width === 0 || chart.height === 0)
      fail(`#${id} renders ${chart.width}×${chart.height}`);
    else if (chart.sized === 0) fail(`#${id} draws no mark`);
  }
  if (page.tables.length < 4) fail(`only ${page.tables.length} tables rendered`);
  if (!args.html && !/failed its checksum/.test(html)) fail('the tampered record is not named');
  // No external request: the page itself is the only request Chromium saw.
  if (!requests.includes(`${pathToFileURL(htmlFile).href}`)) fail('Chromium never loaded the page');
  if (external.length)
    fail(
      `report.html made ${external.length} other request(s): ${external.slice(0, 5).join(', ')}`,
    );

  const warnings = [];
  if (page.scrollWidth > page.clientWidth)
    warnings.push(`the page is ${page.scrollWidth} px wide at a ${page.clientWidth} px window`);
  for (const c of page.charts) {
    if (c.clashes.length)
      warnings.push(`#${c.id}: labels drawn over each other: ${c.clashes.slice(0, 3).join('; ')}`);
    if (c.outside) warnings.push(`#${c.id} reaches past the window's right edge`);
  }
  for (const t of page.tables) {
    if (t.rows === 0) warnings.push(`the table after "${t.heading}" is empty`);
    if (t.right > page.clientWidth)
      warnings.push(`the table after "${t.heading}" is ${t.right} px wide`);
  }
  console.log(
    [
      `rendered: "${page.title}", ${page.h2.length} sections (${page.h2.join(' | ')}), ${page.tables.length} tables, ${page.scrollHeight} px tall`,
      ...page.charts.map((c) => `  #${c.id}: ${c.width}×${c.height} px, ${c.sized} marks`),
      `requests: ${requests.length} (${requests.join(', ')}); external: ${external.length}`,
      `screenshots: ${join(out, 'report.png')} (${WIDTH}×${FIRST_SCREEN}), ${join(out, 'report-full.png')} (${WIDTH}×${Math.min(page.scrollHeight, 16_000)})`,
      ...warnings.map((w) => `warning: ${w}`),
    ].join('\n'),
  );
} finally {
  if (args.keep) console.log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (failures.length) {
  console.error(
    `check-report-html: ${failures.length} check(s) failed:\n- ${failures.join('\n- ')}`,
  );
  process.exit(1);
}
console.log('check-report-html: report.html renders, every chart draws, no external request');
