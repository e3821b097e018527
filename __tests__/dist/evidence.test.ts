/**
 * The audit evidence of whole runs, through dist/index.js and dist/post.js as the runner runs
 * them: sentinel secrets in every place a secret can enter (a request header, URL query values,
 * the Fly tokens, the Prometheus token echoed back by the server, a response body and its
 * cookies), then every byte the run produced is scanned. Each audit folder is validated against
 * the committed schemas and checked with coreutils' `sha256sum -c`. The artifact upload runs the
 * real @actions/artifact client against a local artifact service (__tests__/helpers/fake-artifact-service.ts).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { flyAppWithBrokenRelease } from '../helpers/fake-fly.js';
import { startFakeGitHubApi } from '../helpers/fake-github-api.js';
import {
  startFakeArtifactService,
  type FakeArtifactService,
} from '../helpers/fake-artifact-service.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import {
  cleanupsAfterAll,
  ROOT,
  runDist,
  stateEnv,
  type DistRun,
  type RunOptions,
} from '../helpers/run-dist.js';
import { scanForSecrets } from '../helpers/scan-secrets.js';

const exec = promisify(execFile);

/** Distinct, random sentinel values, so a finding names the place it leaked from. */
const hex = () => randomBytes(8).toString('hex');
const S = {
  header: `hdr${hex()}`,
  urlToken: `qtok${hex()}`,
  urlSig: `qsig${hex()}`,
  redirectPassword: `rpw${hex()}`,
  flyInput: `flyin${hex()}`,
  flyApiEnv: `flyapi${hex()}`,
  flyAccessEnv: `flyacc${hex()}`,
  prometheus: `prom${hex()}`,
  body: `body${hex()}`,
  cookie: `cookie${hex()}`,
  requestCookie: `reqck${hex()}`,
  userinfo: `uinfo${hex()}`,
};
const SENTINELS = Object.values(S);

/** The variables the runner sets for every step (the artifact name is built from them). */
const RUNNER_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_RUN_ID: '987654321',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_JOB: 'deploy',
  GITHUB_WORKFLOW: 'Deploy',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SERVER_URL: 'https://github.com',
  // Fly secrets a workflow maps into the step's env. Every run also sets `fly-api-token`, which
  // wins, so flyctl never sees these two; they are masked all the same and must never be written.
  FLY_API_TOKEN: `FlyV1 ${S.flyApiEnv}`,
  FLY_ACCESS_TOKEN: S.flyAccessEnv,
};
const DEFAULT_ARTIFACT = 'deploy-gate-audit-deploy-987654321-2';

const fast = {
  'initial-delay': '0',
  interval: '50ms',
  timeout: '1s',
  'startup-timeout': '2s',
  'observe-for': '300ms',
  'min-samples': '3',
};

let app: TestServer;
let prometheus: TestServer;
const { cleanups } = cleanupsAfterAll();

const appBody = (status: string) =>
  JSON.stringify({
    status,
    version: 'v2',
    // A server that echoes credentials into its body, as debug endpoints do.
    note: `retry with Bearer ${S.body}`,
    debug: `upstream said: Authorization: Bearer ${S.body}`,
  });
const cookies = [`session=${S.cookie}; Path=/; HttpOnly`, `csrf=${S.cookie}-csrf; Path=/`];

/**
 * A Prometheus HTTP API (same JSON as Prometheus 2.x) that echoes the Authorization header it
 * received: into a label of the error-rate answer, and into the error text of the latency query.
 */
function prometheusEcho(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const query = new URLSearchParams(body).get('query') ?? '';
    const auth = req.headers.authorization ?? '';
    res.setHeader('content-type', 'application/json');
    if (query.includes('latency')) {
      res.statusCode = 400;
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: `1:1: parse error: request with "${auth}" rejected`,
        }),
      );
      return;
    }
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            {
              metric: { app: 'shop', seen_authorization: auth },
              value: [Date.now() / 1000, '0'],
            },
          ],
        },
      }),
    );
  });
}

const metricsInputs = () => ({
  'prometheus-url': prometheus.origin,
  'prometheus-token': S.prometheus,
  'error-rate-query':
    'sum(rate(http_errors_total[$window])) / sum(rate(http_requests_total[$window]))',
  'latency-query':
    'histogram_quantile(0.95, sum(rate(http_latency_seconds_bucket[$window])) by (le))',
  'max-query-latency': '2s',
  'metrics-interval': '100ms',
});

const secretInputs = () => ({
  headers: `Authorization: Bearer ${S.header}\nCookie: sid=${S.requestCookie}\nX-Trace: plain-value`,
  'fly-api-token': S.flyInput,
  ...metricsInputs(),
});

/** `?token=` and `&sig=` on the probed URL, and a redirect whose Location holds a password. */
const probedUrl = (path: string) => `${app.url(path)}?token=${S.urlToken}&sig=${S.urlSig}`;

beforeAll(async () => {
  for (const file of ['index.js', 'post.js']) {
    if (!existsSync(join(ROOT, 'dist', file)))
      throw new Error(`dist/${file} is missing: run \`npm run build\``);
  }
  app = await startServer({
    '/start': (_req, res) => {
      res
        .writeHead(302, {
          location: `/healthz?password=${S.redirectPassword}&v=1`,
          'set-cookie': cookies,
        })
        .end();
    },
    '/healthz': (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json', 'set-cookie': cookies })
        .end(appBody('ok'));
    },
    '/broken': (_req, res) => {
      res
        .writeHead(503, { 'content-type': 'application/json', 'set-cookie': cookies })
        .end(appBody('down'));
    },
  });
  prometheus = await startServer({ '/api/v1/query': prometheusEcho });
  cleanups.push(
    () => app.close(),
    () => prometheus.close(),
  );
});

// ---------------------------------------------------------------------------------------------
// Helpers

async function run(options: RunOptions): Promise<DistRun> {
  const result = await runDist(options);
  if (!options.workDir) cleanups.push(() => result.cleanup());
  return result;
}

/** A work dir of our own, for runs whose audit folder we must watch while they run. */
function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dg-evidence-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `::add-mask::<value>` lines: how the action hands its secrets to the runner's log masker. */
const ADD_MASK = /^::add-mask::/;
const LOGS = 'step-logs';

/**
 * Writes each step's stdout and stderr into the work dir, so that one scan covers every byte the
 * run produced: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, the audit folder and the logs.
 * The `::add-mask::<secret>` lines are the one place a secret legitimately appears: the runner
 * consumes them and never shows them, so exactly those lines are left out of the copy.
 */
function keepLogs(dir: string, steps: Array<[string, DistRun]>): void {
  mkdirSync(join(dir, LOGS), { recursive: true });
  for (const [name, step] of steps) {
    const shown = step.stdout
      .split('\n')
      .filter((line) => !ADD_MASK.test(line))
      .join('\n');
    writeFileSync(join(dir, LOGS, `${name}.stdout`), shown);
    writeFileSync(join(dir, LOGS, `${name}.stderr`), step.stderr);
  }
}

/**
 * Scans every file of the work dir for the sentinels (and any `secrets` given, e.g. the runtime
 * token). `signatures` (the blob SAS signatures the artifact service issued) are checked in every
 * file but stdout: @actions/artifact registers each with `::add-mask::` itself and then prints
 * the signed URL in its own `::debug::` lines, which the runner masks. They must not reach our
 * outputs, summary, state or evidence.
 */
function scanWorkDir(
  dir: string,
  steps: Array<[string, DistRun]>,
  more: { secrets?: string[]; signatures?: string[] } = {},
): ReturnType<typeof scanForSecrets> {
  keepLogs(dir, steps);
  const findings = scanForSecrets([dir], [...SENTINELS, ...(more.secrets ?? [])]);
  if (more.signatures?.length) {
    const files = listAll(dir)
      .filter((f) => !(f.startsWith(`${LOGS}/`) && f.endsWith('.stdout')))
      .map((f) => join(dir, f));
    findings.push(...scanForSecrets(files, more.signatures));
  }
  return findings.map((f) => ({ ...f, file: relative(dir, f.file) }));
}

function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      const rel = prefix ? `${prefix}/${entry}` : entry;
      return statSync(path).isDirectory() ? listAll(path, rel) : [rel];
    });
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function validator(path: string) {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv.compile(readJson(join(ROOT, path)) as object);
}
const validateAudit = validator('schema/audit.schema.json');
const validateProbeLine = validator('schema/probe-line.schema.json');

interface Audit {
  verdict: string;
  rules: Array<{ target: string; outcome: string }>;
  reason: string;
  files: string[];
  health_checks: { attempts: number; success_count: number; failure_count: number };
  rollback: { triggered: boolean } | null;
  metrics?: { queries: unknown[] };
}

function probeLines(dir: string): Array<Record<string, unknown>> {
  const path = join(dir, 'probes.ndjson');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * Everything an auditor checks on a folder: audit.json against the committed schema, each probe
 * line against its schema, `sha256sum -c SHA256SUMS`, manifest.json covering every file with
 * the right digests, audit.json listing the other evidence files.
 */
async function checkFolder(dir: string): Promise<Audit> {
  const audit = readJson(join(dir, 'audit.json'));
  expect(validateAudit(audit) ? [] : validateAudit.errors).toEqual([]);
  for (const line of probeLines(dir)) {
    expect(validateProbeLine(line) ? [] : validateProbeLine.errors).toEqual([]);
  }

  const { stdout } = await exec('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir });
  const all = listAll(dir);
  const sealed = all.filter((f) => f !== 'SHA256SUMS' && f !== 'manifest.json');
  expect(stdout.split('\n').filter(Boolean).sort()).toEqual(sealed.map((f) => `${f}: OK`).sort());

  const manifest = readJson(join(dir, 'manifest.json')) as {
    files: Array<{ path: string; size: number; sha256: string }>;
    sha256sums_sha256: string;
  };
  expect(manifest.files.map((f) => f.path).sort()).toEqual(sealed.sort());
  for (const entry of manifest.files) {
    const bytes = readFileSync(join(dir, entry.path));
    expect({ path: entry.path, size: bytes.length, sha256: sha256(bytes) }).toEqual(entry);
  }
  expect(manifest.sha256sums_sha256).toBe(sha256(readFileSync(join(dir, 'SHA256SUMS'))));

  const record = audit as Audit;
  expect([...record.files].sort()).toEqual(sealed.filter((f) => f !== 'audit.json').sort());
  return record;
}

/** One byte of probes.ndjson changed (in a copy): `sha256sum -c` must fail on that file. */
async function expectTamperDetected(dir: string): Promise<void> {
  const copy = mkdtempSync(join(tmpdir(), 'dg-tamper-'));
  cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(dir, copy, { recursive: true });
  const path = join(copy, 'probes.ndjson');
  const bytes = readFileSync(path);
  const at = bytes.indexOf('"ok":true') + 6;
  bytes[at] = bytes[at] === 0x74 ? 0x54 : 0x74; // t <-> T
  writeFileSync(path, bytes);
  const failure = await exec('sha256sum', ['-c', 'SHA256SUMS'], { cwd: copy }).then(
    () => undefined,
    (error: { code: number; stdout: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stdout).toContain('probes.ndjson: FAILED');
  expect(failure?.stdout).toContain('audit.json: OK');
}

const auditDirOf = (r: DistRun) => r.outputs['audit-dir'] as string;

/** Polls until probes.ndjson holds at least `count` lines. */
async function waitForProbeLines(dir: string, count: number, child: { exitCode: number | null }) {
  const path = join(dir, 'deploy-gate-audit', 'probes.ndjson');
  for (;;) {
    if (existsSync(path) && readFileSync(path, 'utf8').split('\n').filter(Boolean).length >= count)
      return;
    if (child.exitCode !== null) throw new Error('the main step ended before it probed');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Runs the main step in `dir` and sends it `signal` once `ready` resolves. Rejects when it never
 * got ready (e.g. the step ended first), so a test cannot pass without the signal having been sent.
 */
async function runAndSignal(
  options: Omit<RunOptions, 'onSpawn' | 'timeoutMs'>,
  ready: (child: { exitCode: number | null }) => Promise<void>,
  signal: NodeJS.Signals,
): Promise<DistRun> {
  let signalled: Promise<void> = Promise.resolve();
  const main = await runDist({
    ...options,
    // Only a safety net: the harness SIGKILLs a step still running after 30 s.
    timeoutMs: 30_000,
    onSpawn: (child) => {
      signalled = ready(child).then(() => void child.kill(signal));
      signalled.catch(() => undefined);
    },
  });
  await signalled;
  return main;
}

// ---------------------------------------------------------------------------------------------

describe('whole runs with sentinel secrets: no secret in any byte produced', () => {
  it('healthy (redirect followed, metrics echoing the token), uploaded as an artifact', async () => {
    const service = await startFakeArtifactService();
    cleanups.push(() => service.close());
    const r = await run({
      inputs: { ...fast, ...secretInputs(), url: probedUrl('/start'), 'follow-redirects': 'true' },
      env: { ...RUNNER_ENV, ...service.env() },
    });
    expect(r.outputs.verdict).toBe('healthy');
    expect(r.exitCode).toBe(0);
    // The secrets really were in play: sent to the servers, echoed back by Prometheus.
    expect(app.requests.some((q) => q.headers.authorization === `Bearer ${S.header}`)).toBe(true);
    expect(prometheus.requests.at(-1)?.headers.authorization).toBe(`Bearer ${S.prometheus}`);
    expect(r.stdout).toContain(`::add-mask::Bearer ${S.header}`);

    const dir = auditDirOf(r);
    const audit = await checkFolder(dir);
    expect(audit.verdict).toBe('healthy');
    expect(audit.files.sort()).toEqual(['metrics.ndjson', 'probes.ndjson', 'summary.md']);
    expect(readFileSync(join(dir, 'metrics.ndjson'), 'utf8')).toContain('seen_authorization');
    const [first] = probeLines(dir);
    expect(first?.url).toBe(`${app.origin}/start?token=***&sig=***`);
    expect(first?.redirects).toEqual([`${app.origin}/healthz?password=***&v=1`]);
    expect(Object.keys(first?.headers ?? {})).not.toContain('set-cookie');
    // The scan sees what it looks for: the raw stdout, add-mask lines included, holds the secret.
    const control = join(workDir(), 'stdout-with-add-mask');
    writeFileSync(control, r.stdout);
    expect(scanForSecrets([control], [S.header]).length).toBeGreaterThan(0);
    await expectTamperDetected(dir);

    expect(r.outputs['artifact-id']).toBe(String(service.artifacts[0]?.id));
    expect(
      scanWorkDir(r.workDir, [['main', r]], {
        secrets: [service.runtimeToken],
        signatures: service.signatures,
      }),
    ).toEqual([]);
  });

  it('rolled back (fake flyctl, fly-api-token input), with the artifact upload refused on GHES', async () => {
    const service = await startFakeArtifactService();
    cleanups.push(() => service.close());
    const { fly, app: flyApp } = await flyAppWithBrokenRelease(
      cleanups,
      { name: 'shop', releases: 4 },
      { tokens: [S.flyInput] },
    );

    const r = await run({
      inputs: {
        ...fast,
        ...secretInputs(),
        'observe-for': '0',
        'startup-timeout': '1s',
        'fly-app': 'shop',
        url: `${flyApp.url}?token=${S.urlToken}&sig=${S.urlSig}`,
      },
      env: fly.env({
        ...RUNNER_ENV,
        ...service.env(),
        GITHUB_SERVER_URL: 'https://ghes.example.com',
      }) as Record<string, string>,
    });
    expect(r.outputs.verdict).toBe('rolled-back');
    // flyctl got the input token, and only that one.
    expect(fly.log().find((e) => e.argv[0] === 'deploy')).toMatchObject({
      tokenSource: 'FLY_ACCESS_TOKEN',
      token: S.flyInput,
    });

    const dir = auditDirOf(r);
    const audit = await checkFolder(dir);
    expect(audit.verdict).toBe('rolled-back');
    expect(audit.rollback?.triggered).toBe(true);
    for (const kind of ['releases', 'status', 'machines']) {
      expect(audit.files).toContain(`fly/shop-${kind}.json`);
      expect(audit.files).toContain(`fly/shop-${kind}-after.json`);
    }
    expect(audit.files).toContain('rollback.log');
    const runs = new Set(probeLines(dir).map((l) => l.run));
    expect(runs).toEqual(new Set(['release', 'rollback']));

    // GHES: the client refuses before any request; the files stay, the verdict stands.
    expect(service.requests).toEqual([]);
    expect(r.stdout).toMatch(
      /::warning::Audit evidence was not uploaded as artifact .*not currently supported on GHES/,
    );
    expect(r.outputs['artifact-id']).toBe('');

    expect(scanWorkDir(r.workDir, [['main', r]])).toEqual([]);
  });

  it('failed (503 with secrets in body and cookies, no rollback), the artifact service answering 409', async () => {
    const service = await startFakeArtifactService();
    cleanups.push(() => service.close());
    service.fail('CreateArtifact', {
      code: 'already_exists',
      msg: 'an artifact with this name already exists on the workflow run',
    });
    const r = await run({
      inputs: {
        ...fast,
        ...secretInputs(),
        // Two URLs: the broken one, and one with credentials in its userinfo.
        url: `${probedUrl('/broken')}\nhttp://probe:${S.userinfo}@127.0.0.1:${new URL(app.origin).port}/healthz`,
        'startup-timeout': '500ms',
      },
      env: { ...RUNNER_ENV, ...service.env() },
    });
    expect(r.outputs.verdict).toBe('unhealthy');
    expect(r.exitCode).toBe(1);
    expect(r.outputs['rolled-back']).toBe('false');

    const dir = auditDirOf(r);
    const audit = await checkFolder(dir);
    expect(audit.verdict).toBe('unhealthy');
    expect(audit.rules).toContainEqual(
      expect.objectContaining({
        target: expect.stringContaining('/broken?token=***&sig=***'),
        outcome: 'fail',
      }),
    );
    const excerpt = String(probeLines(dir)[0]?.body_excerpt);
    expect(excerpt).toContain('"note":"retry with Bearer ***"');

    expect(service.requests.map((q) => [q.path.split('/').at(-1), q.status])).toEqual([
      ['CreateArtifact', 409],
    ]);
    expect(r.stdout).toMatch(
      /::warning::Audit evidence was not uploaded as artifact "deploy-gate-audit-deploy-987654321-2": .*\(409\).*already exists/,
    );
    expect(r.outputs['artifact-id']).toBe('');

    expect(scanWorkDir(r.workDir, [['main', r]])).toEqual([]);
  });

  it('cancelled: SIGTERM mid-gate ends the main step on its own with verdict cancelled; post has nothing left to do', async () => {
    const dir = workDir();
    const inputs = { ...fast, ...secretInputs(), url: probedUrl('/healthz'), 'observe-for': '10m' };
    const env = { ...RUNNER_ENV };
    const main = await runAndSignal(
      { inputs, env, workDir: dir },
      (child) => waitForProbeLines(dir, 5, child),
      'SIGTERM',
    );
    expect(main.signal).toBeNull();
    expect(main.exitCode).toBe(1);
    expect(main.outputs.verdict).toBe('cancelled');
    expect(main.state.finished).toBe('true');

    const auditDir = join(dir, 'deploy-gate-audit');
    const audit = await checkFolder(auditDir);
    expect(audit.verdict).toBe('cancelled');
    expect(audit.health_checks.attempts).toBe(probeLines(auditDir).length);
    const before = readFileSync(join(auditDir, 'SHA256SUMS'), 'utf8');

    const post = await runDist({
      inputs,
      env: { ...env, ...stateEnv(main.state) },
      entry: 'post.js',
      workDir: dir,
    });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('deploy-gate post: the main step finished its evidence in');
    expect(readFileSync(join(auditDir, 'SHA256SUMS'), 'utf8')).toBe(before);

    expect(
      scanWorkDir(dir, [
        ['main', main],
        ['post', post],
      ]),
    ).toEqual([]);
  });

  it('killed: SIGKILL mid-gate, then the post step completes, seals and uploads the evidence and closes the deployment', async () => {
    const service = await startFakeArtifactService();
    cleanups.push(() => service.close());
    const github = await startFakeGitHubApi(`ghs_${hex()}`);
    cleanups.push(() => github.close());
    const dir = workDir();
    const inputs = {
      ...fast,
      ...secretInputs(),
      url: probedUrl('/healthz'),
      'observe-for': '10m',
      'github-token': github.token,
      environment: 'production',
    };
    const env = { ...RUNNER_ENV, ...service.env(), GITHUB_API_URL: github.url };
    const main = await runAndSignal(
      { inputs, env, workDir: dir },
      (child) => waitForProbeLines(dir, 5, child),
      'SIGKILL',
    );
    expect(main.signal).toBe('SIGKILL');
    expect(main.state.finished).toBeUndefined();
    const auditDir = join(dir, 'deploy-gate-audit');
    expect(main.state['audit-dir']).toBe(auditDir);
    expect(existsSync(join(auditDir, 'SHA256SUMS'))).toBe(false);
    expect((readJson(join(auditDir, 'audit.json')) as Audit).verdict).toBe('cancelled');
    const deployment = github.deployments.at(-1);
    expect(main.state.deployments).toBe(JSON.stringify({ '': deployment?.id }));
    const states = () =>
      github.statuses.filter((s) => s.deployment_id === deployment?.id).map((s) => s.state);
    expect(states()).toEqual(['in_progress']);

    // The runner runs the post step with the same INPUT_* env and the saved state as STATE_*.
    const post = await runDist({
      inputs,
      env: { ...env, ...stateEnv(main.state) },
      entry: 'post.js',
      workDir: dir,
    });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(
      '::warning::deploy-gate: the main step was cancelled or killed before it finished',
    );
    // The environment page no longer says a gate is running: no verdict was reached, so `error`.
    expect(states()).toEqual(['in_progress', 'error']);
    expect(github.statuses.at(-1)).toMatchObject({
      description: expect.stringMatching(/^cancelled: the main step was cancelled or killed/),
      log_url: 'https://github.com/acme/shop/actions/runs/987654321/attempts/2',
    });

    const audit = await checkFolder(auditDir);
    const lines = probeLines(auditDir);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(audit.verdict).toBe('cancelled');
    expect(audit.reason).toMatch(
      new RegExp(
        `^the main step was cancelled or killed before a verdict, after ${lines.length} probe\\(s\\)`,
      ),
    );
    expect(audit.health_checks).toMatchObject({
      attempts: lines.length,
      success_count: lines.filter((l) => l.ok === true).length,
      failure_count: lines.filter((l) => l.ok !== true).length,
    });
    expect(audit.files).toContain('probes.ndjson');
    // The metrics rounds that ran are in the record too, each query with its last judgement (the
    // two queries run at once, so either may be recorded first).
    expect(audit.metrics?.queries).toHaveLength(2);
    expect(audit.metrics?.queries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'error-rate', observed: 0, limit: 0.05, outcome: 'pass' }),
        expect.objectContaining({
          name: 'latency',
          observed: null,
          outcome: 'not-judged',
          message: expect.stringContaining('request with "***" rejected'),
        }),
      ]),
    );
    await expectTamperDetected(auditDir);

    // Uploaded by the post step: the artifact holds the completed, sealed folder.
    expect(service.artifacts.map((a) => [a.name, a.finalized])).toEqual([[DEFAULT_ARTIFACT, true]]);
    const unpacked = await unpack(service, 0);
    expect(listAll(unpacked)).toEqual(listAll(auditDir));
    await exec('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: unpacked });
    expect(readFileSync(join(unpacked, 'audit.json'), 'utf8')).toBe(
      readFileSync(join(auditDir, 'audit.json'), 'utf8'),
    );

    expect(
      scanWorkDir(
        dir,
        [
          ['main', main],
          ['post', post],
        ],
        { secrets: [service.runtimeToken, github.token], signatures: service.signatures },
      ),
    ).toEqual([]);
  });
});

describe('stopped before the first probe (during initial-delay)', () => {
  const inputs = () => ({
    ...fast,
    ...secretInputs(),
    url: probedUrl('/healthz'),
    'initial-delay': '30s',
  });

  /** Resolves once the main step saved its state and wrote its pending audit.json. */
  async function started(dir: string, child: { exitCode: number | null }): Promise<void> {
    for (;;) {
      const state = join(dir, 'github_state');
      if (
        existsSync(join(dir, 'deploy-gate-audit', 'audit.json')) &&
        readFileSync(state, 'utf8').includes('audit-dir')
      )
        return;
      if (child.exitCode !== null)
        throw new Error('the main step ended before it started the gate');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('SIGTERM: the main step ends with verdict cancelled and 0 attempts', async () => {
    const dir = workDir();
    const main = await runAndSignal(
      { inputs: inputs(), env: RUNNER_ENV, workDir: dir },
      (child) => started(dir, child),
      'SIGTERM',
    );
    expect(main.signal).toBeNull();
    expect(main.outputs.verdict).toBe('cancelled');
    const audit = await checkFolder(join(dir, 'deploy-gate-audit'));
    expect(audit.health_checks.attempts).toBe(0);
    expect(scanWorkDir(dir, [['main', main]])).toEqual([]);
  });

  it('SIGKILL: the post step still completes and seals a record with 0 attempts', async () => {
    const dir = workDir();
    const main = await runAndSignal(
      { inputs: inputs(), env: RUNNER_ENV, workDir: dir },
      (child) => started(dir, child),
      'SIGKILL',
    );
    expect(main.signal).toBe('SIGKILL');
    const auditDir = join(dir, 'deploy-gate-audit');
    expect(existsSync(join(auditDir, 'probes.ndjson'))).toBe(false);

    const post = await runDist({
      inputs: inputs(),
      env: { ...RUNNER_ENV, ...stateEnv(main.state) },
      entry: 'post.js',
      workDir: dir,
    });
    expect(post.stdout).not.toContain('could not complete the evidence');
    const audit = await checkFolder(auditDir);
    expect(audit.verdict).toBe('cancelled');
    expect(audit.reason).toMatch(
      /^the main step was cancelled or killed before a verdict, after 0 probe\(s\)$/,
    );
    expect(audit.health_checks).toMatchObject({ attempts: 0, success_count: 0, failure_count: 0 });
    expect(
      scanWorkDir(dir, [
        ['main', main],
        ['post', post],
      ]),
    ).toEqual([]);
  });
});

/** Writes the artifact's blob to disk and extracts it with Info-ZIP's unzip. */
async function unpack(service: FakeArtifactService, index: number): Promise<string> {
  const blob = service.artifacts[index]?.blob;
  if (!blob) throw new Error(`artifact #${index} has no committed blob`);
  const dir = mkdtempSync(join(tmpdir(), 'dg-artifact-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const zip = join(dir, 'artifact.zip');
  writeFileSync(zip, blob);
  const out = join(dir, 'unpacked');
  await exec('unzip', ['-q', zip, '-d', out]);
  return out;
}

describe('artifact upload with the real @actions/artifact client', () => {
  it('uploads the sealed folder; artifact-id and artifact-digest are what the service returned and computed', async () => {
    const service = await startFakeArtifactService();
    cleanups.push(() => service.close());
    const r = await run({
      inputs: { ...fast, url: app.url('/healthz'), 'retention-days': '7' },
      env: { ...RUNNER_ENV, ...service.env() },
    });
    expect(r.outputs.verdict).toBe('healthy');
    const [artifact] = service.artifacts;
    expect(artifact).toMatchObject({
      name: DEFAULT_ARTIFACT,
      version: 7,
      mimeType: 'application/zip',
      finalized: true,
      blobContentType: 'application/zip',
    });
    expect(r.outputs['artifact-id']).toBe(String(artifact?.id));
    expect(r.outputs['artifact-digest']).toBe(artifact?.sha256);
    expect(artifact?.reportedHash).toBe(`sha256:${artifact?.sha256}`);
    expect(artifact?.reportedSize).toBe(artifact?.blob?.length);
    // retention-days 7 became an expiry 7 days after the upload (the client's own clock).
    const days = (Date.parse(artifact?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    // Twirp, the staged blocks, the block list, the finalize: in that order, all accepted.
    expect(
      service.requests.map((q) => [q.path.split('/').at(-1), q.query.comp ?? null, q.status]),
    ).toEqual([
      ['CreateArtifact', null, 200],
      [`${DEFAULT_ARTIFACT}.zip`, 'block', 201],
      [`${DEFAULT_ARTIFACT}.zip`, 'blocklist', 201],
      ['FinalizeArtifact', null, 200],
    ]);

    const dir = auditDirOf(r);
    const unpacked = await unpack(service, 0);
    const { stdout: names } = await exec('unzip', ['-Z1', join(unpacked, '..', 'artifact.zip')]);
    expect(names.split('\n').filter(Boolean).sort()).toEqual(listAll(dir).sort());
    await exec('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: unpacked });
    for (const file of listAll(dir)) {
      expect(sha256(readFileSync(join(unpacked, file)))).toBe(
        sha256(readFileSync(join(dir, file))),
      );
    }
    expect(r.summary).toContain(`id ${artifact?.id}`);
    expect(r.summary).toContain(
      `[download](https://github.com/acme/shop/actions/runs/987654321/artifacts/${artifact?.id})`,
    );
  });

  /** A service that is gone: its port refuses connections (ECONNREFUSED, not retried). */
  async function goneService(): Promise<Record<string, string>> {
    const service = await startFakeArtifactService();
    await service.close();
    return service.env();
  }

  /** The blob store refuses the upload (a bad or expired SAS signature: 403, not retried). */
  async function blobRefused(): Promise<Record<string, string>> {
    const service = await startFakeArtifactService();
    cleanups.push(() => service.close());
    service.fail('blob', {
      status: 403,
      code: 'AuthenticationFailed',
      message: 'Server failed to authenticate the request.',
    });
    return service.env();
  }

  it.each([
    [
      'the blob store refusing the upload (403)',
      blobRefused,
      /Server failed to authenticate the request/,
    ],
    [
      'outside Actions (no ACTIONS_RUNTIME_TOKEN)',
      async () => ({}),
      /ACTIONS_RUNTIME_TOKEN is not set/,
    ],
    ['the artifact service unreachable', goneService, /Unable to make request: ECONNREFUSED/],
  ])('%s: warns, keeps the local files and the verdict', async (_name, envFor, why) => {
    const r = await run({
      inputs: { ...fast, url: app.url('/healthz') },
      env: { ...RUNNER_ENV, ...(await envFor()) },
    });
    expect(r.outputs.verdict).toBe('healthy');
    expect(r.exitCode).toBe(0);
    expect(r.outputs['artifact-id']).toBe('');
    expect(r.outputs['artifact-digest']).toBe('');
    const warning = r.stdout
      .split('\n')
      .find((l) => l.startsWith('::warning::Audit evidence was not uploaded'));
    expect(warning).toMatch(why);
    expect(warning).toContain(`The files remain in ${auditDirOf(r)}`);
    await checkFolder(auditDirOf(r));
  });
});
