/**
 * Starts a real Prometheus (the Debian package) for a test file: temp config and storage, a
 * free port on 127.0.0.1, 1 s scrapes. Resolves once the server is ready AND every target has
 * been scraped often enough for rate()/increase() to have two points.
 *
 * Startup time is dominated by Prometheus itself: its service discovery hands the first target
 * list to the scrape manager after about 5 s, then samples arrive every second. Start one
 * instance per test file (beforeAll) and give every scenario its own target/job.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

export interface PrometheusTarget {
  /** Becomes the `job` label of every series scraped from it. */
  job: string;
  /** host:port on 127.0.0.1, e.g. an exporter's `address`. */
  address: string;
}

export interface StartPrometheusOptions {
  targets: PrometheusTarget[];
  /** Samples of `up` each target needs before we return (>= 2 for rate()). Default 2. */
  minSamples?: number;
  /** Bound on the whole startup, scrapes included. Default 30 s. */
  timeoutMs?: number;
}

export interface RunningPrometheus {
  /** http://127.0.0.1:<port>, the API base. */
  url: string;
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const ENSURE_SCRIPT = resolve(here, '../../scripts/ensure-prometheus.sh');
const POLL_MS = 100;
const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The prometheus binary on PATH (or /usr/bin), installing the Debian package when missing. */
export async function findPrometheusBinary(): Promise<string> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'prometheus');
    if (await isExecutable(candidate)) return candidate;
  }
  const stdout = await new Promise<string>((resolvePath, reject) => {
    execFile(
      'sh',
      [ENSURE_SCRIPT],
      { timeout: INSTALL_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
      (error, out, err) => {
        if (error)
          reject(new Error(`${ENSURE_SCRIPT} failed: ${error.message}\n${err.slice(-2000)}`));
        else resolvePath(out);
      },
    );
  });
  const path = stdout.trim().split('\n').pop() ?? '';
  if (!(await isExecutable(path)))
    throw new Error(`${ENSURE_SCRIPT} printed no usable binary path`);
  return path;
}

/** A port free right now on 127.0.0.1 (a race remains; startPrometheus retries on early exit). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

function configYaml(targets: PrometheusTarget[]): string {
  // JSON is valid YAML: no quoting rules to get wrong for job names.
  return JSON.stringify(
    {
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      scrape_configs: targets.map((t) => ({
        job_name: t.job,
        static_configs: [{ targets: [t.address] }],
      })),
    },
    null,
    2,
  );
}

async function getJson(url: string): Promise<unknown> {
  const response = await request(url, { headersTimeout: 2000, bodyTimeout: 2000 });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode} from ${url}`);
  return JSON.parse(text);
}

/** Per job, the value of an instant query that returns one series per job. */
async function perJob(baseUrl: string, query: string): Promise<Map<string, number>> {
  const body = (await getJson(
    `${baseUrl}/api/v1/query?${new URLSearchParams({ query }).toString()}`,
  )) as { data?: { result?: Array<{ metric: { job?: string }; value: [number, string] }> } };
  const result = new Map<string, number>();
  for (const series of body.data?.result ?? []) {
    if (series.metric.job) result.set(series.metric.job, Number(series.value[1]));
  }
  return result;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function startOnce(
  binary: string,
  options: Required<StartPrometheusOptions>,
  deadline: number,
): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-gate-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, configYaml(options.targets));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Keep the output drained (a full pipe would block Prometheus) and its tail for diagnostics.
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Safety net when a test run dies without afterAll: never leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntil(
      deadline,
      child,
      () => output,
      async () => {
        const response = await request(`${url}/-/ready`, {
          headersTimeout: 1000,
          bodyTimeout: 1000,
        });
        await response.body.dump();
        return response.statusCode === 200;
      },
    );
    await waitUntil(
      deadline,
      child,
      () => output,
      async () => {
        const [samples, up] = await Promise.all([
          perJob(url, 'count_over_time(up[5m])'),
          perJob(url, 'up'),
        ]);
        return options.targets.every(
          (t) => (samples.get(t.job) ?? 0) >= options.minSamples && up.get(t.job) === 1,
        );
      },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

class ExitedEarly extends Error {}

async function waitUntil(
  deadline: number,
  child: ChildProcess,
  output: () => string,
  check: () => Promise<boolean>,
): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ExitedEarly(
        `prometheus exited (${child.exitCode ?? child.signalCode}):\n${output()}`,
      );
    }
    try {
      if (await check()) return;
    } catch {
      // Not listening yet, or not ready: poll again.
    }
    if (Date.now() > deadline) throw new Error(`prometheus not ready in time:\n${output()}`);
    await sleep(POLL_MS);
  }
}

export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const full: Required<StartPrometheusOptions> = {
    minSamples: 2,
    timeoutMs: 30_000,
    ...options,
  };
  const binary = await findPrometheusBinary();
  const deadline = Date.now() + full.timeoutMs;
  // The free port may be taken between probing and binding: try again on an early exit.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(binary, full, deadline);
    } catch (error) {
      if (!(error instanceof ExitedEarly) || attempt >= 3) throw error;
    }
  }
}
