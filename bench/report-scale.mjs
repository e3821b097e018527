// `npm run bench:report`: `mode: report` over a year of daily gates for 20 services, from disk.
// The records are sealed audit folders cloned from three real gates of the bundled action
// (scripts/report-fixtures.mjs): healthy ones with 64 probe lines (interval 5s over observe-for
// 5m), failures with fewer, about 8 % failing, half of those rolled back, each failure followed
// by a healthy fix. Then dist/index.js runs `mode: report` over them as the runner runs it,
// timed from spawn to exit, with its peak RSS (VmHWM). To see whether memory grows with the
// number of records, the same report also runs over a quarter of them (5 services).
// Writes its own section of bench/RESULTS.md between `<!-- report-scale -->` markers.
//   --services <n> (20), --days <n> (365), --keep (leave the records in the work folder)
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  copyDist,
  loadTemplate,
  planFleet,
  realGates,
  root,
  runStep,
  writeFleet,
} from '../scripts/report-fixtures.mjs';

const { values: args } = parseArgs({
  options: {
    services: { type: 'string', default: '20' },
    days: { type: 'string', default: '365' },
    keep: { type: 'boolean', default: false },
  },
});
const serviceCount = Number(args.services);
const days = Number(args.days);
const work = mkdtempSync(join(tmpdir(), 'deploy-gate-report-scale-'));
const records = join(work, 'records');
const aside = join(work, 'aside');

/** Bytes and files under a folder (what the report has to read and hash). */
function diskUse(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(d, e.name));
      else {
        files += 1;
        bytes += statSync(join(d, e.name)).size;
      }
  };
  walk(dir);
  return { bytes, files };
}

const report = (dir) =>
  runStep(join(work, 'dist'), work, {
    mode: 'report',
    period: '365d',
    records: dir,
    'audit-dir': join(work, 'report'),
  });

try {
  copyDist(join(root, 'dist'), work);
  let t = performance.now();
  const templates = Object.fromEntries(
    Object.entries(await realGates(join(work, 'dist'), work)).map(([v, dir]) => [
      v,
      loadTemplate(dir),
    ]),
  );
  const services = Array.from(
    { length: serviceCount },
    (_, i) => `service-${String(i + 1).padStart(2, '0')}`,
  );
  const gates = planFleet({ services, days, now: Date.now() - 3_600_000 });
  await writeFleet(records, templates, gates);
  const generated = (performance.now() - t) / 1000;
  const disk = diskUse(records);
  console.log(
    `${gates.length} records (${disk.files} files, ${(disk.bytes / 2 ** 20).toFixed(0)} MiB) written in ${generated.toFixed(0)} s`,
  );

  const load = loadavg()[0];
  const full = await report(records);
  if (full.code !== 0) throw new Error(`mode: report exited ${full.code}:\n${full.stdout}`);
  const counted = JSON.parse(
    readFileSync(join(full.outputs['report-dir'], 'report.json'), 'utf8'),
  ).records;
  if (counted.counted !== gates.length)
    throw new Error(`the report counted ${counted.counted} of ${gates.length} records`);
  console.log(`full: ${full.seconds.toFixed(1)} s, peak RSS ${full.peakMb.toFixed(0)} MB`);

  // A quarter of the fleet: the other services' folders moved aside for one more run.
  mkdirSync(aside);
  const quarter = services.slice(Math.ceil(services.length / 4));
  for (const s of quarter) renameSync(join(records, s), join(aside, s));
  const part = await report(records);
  for (const s of quarter) renameSync(join(aside, s), join(records, s));
  const partCount = gates.filter((g) => !quarter.includes(g.service)).length;
  if (part.code !== 0) throw new Error(`mode: report (a quarter) exited ${part.code}`);
  console.log(
    `quarter (${partCount} records): ${part.seconds.toFixed(1)} s, peak RSS ${part.peakMb.toFixed(0)} MB`,
  );

  const section = [
    '<!-- report-scale -->',
    '## Report over a year of records (`mode: report`, from disk)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:report\` on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Linux; load average ${load.toFixed(1)} when the report started (other work on the machine slows it).`,
    `${services.length} services × ${days} days of daily gates plus the fixes after failures: ${gates.length} sealed audit folders, ${disk.files} files, ${(disk.bytes / 2 ** 20).toFixed(0)} MiB (healthy gates 64 probe lines of about 600 bytes). Cloned from real gates of the bundled action and re-sealed; \`dist/index.js\` runs \`mode: report\` with \`period: 365d\` as the runner runs it.`,
    '',
    '| benchmark | result | target |',
    '|---|---|---|',
    `| ${gates.length} records: spawn to exit | ${full.seconds.toFixed(1)} s, ${(gates.length / full.seconds).toFixed(0)} records/s | < 60 s |`,
    `| ${gates.length} records: peak memory (RSS) | ${full.peakMb.toFixed(0)} MB | bounded (not growing with records) |`,
    `| ${partCount} records (a quarter of the services): time, peak RSS | ${part.seconds.toFixed(1)} s, ${part.peakMb.toFixed(0)} MB | |`,
    '',
    'Method: wall time from spawning the process to its exit, with `performance.now()`; memory is the peak RSS (VmHWM) of the action process. Every file of every record is read once and hashed against its SHA256SUMS; the verified bytes of `audit.json` and `probes.ndjson` are parsed without reading them again (files over 1 MiB are streamed instead), so the time is mostly reading and hashing the files. The machine is shared with other work: repeat runs vary by a factor of two or more.',
    '<!-- /report-scale -->',
  ].join('\n');
  const file = join(root, 'bench', 'RESULTS.md');
  const before = readFileSync(file, 'utf8');
  const marked = /<!-- report-scale -->[\s\S]*<!-- \/report-scale -->/;
  writeFileSync(
    file,
    marked.test(before) ? before.replace(marked, section) : `${before.trimEnd()}\n\n${section}\n`,
  );
  console.log(section);
} finally {
  if (args.keep) console.log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
