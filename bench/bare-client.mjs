// The floor under the CPU-per-probe figure: a bare undici client with nothing of ours, one fresh
// connection per request (as the gate makes), on the gate's schedule (each URL every interval,
// URLs spread over it), for the same time. Run by run.mjs; prints its usage as JSON.
//   node bench/bare-client.mjs <origin> <urls> <intervalMs> <seconds>
import { Client } from 'undici';

const [origin, urls, intervalMs, seconds] = process.argv.slice(2);
const count = Number(urls);
const interval = Number(intervalMs);
const end = performance.now() + Number(seconds) * 1000;
let requests = 0;

async function probe(i) {
  const client = new Client(origin);
  try {
    const res = await client.request({ path: `/svc/${i}/healthz`, method: 'GET' });
    await res.body.text();
  } finally {
    await client.close();
  }
  requests += 1;
}

async function loop(i) {
  await new Promise((r) => setTimeout(r, (interval / count) * i));
  for (let next = performance.now(); next < end; next += interval) {
    await probe(i);
    await new Promise((r) => setTimeout(r, Math.max(0, next + interval - performance.now())));
  }
}

await Promise.all(Array.from({ length: count }, (_, i) => loop(i)));
const u = process.resourceUsage();
console.log(
  JSON.stringify({ requests, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }),
);
