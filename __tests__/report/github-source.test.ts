/**
 * The GitHub source of mode: report against a local stand-in of the REST artifact endpoints:
 * listing (pages, filters, where paging stops), rate limits (waits on an injected clock, caps),
 * downloads a few at a time, the ledger (reused, and ignored when bad), the per-run cap.
 */
import { getOctokit } from '@actions/github';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Redactor } from '../../src/secrets/redact.js';
import type { ArtifactDownloader } from '../../src/report/github/download-artifact.js';
import {
  ArtifactsError,
  listingFailure,
  readGitHubRecords,
  type GitHubSource,
} from '../../src/report/github/github-records.js';
import { LEDGER_FILE, ledgerText } from '../../src/report/github/ledger.js';
import {
  LEDGER_ARTIFACT_NAME,
  listArtifacts,
  withRateLimits,
} from '../../src/report/github/list-artifacts.js';
import {
  RateLimiter,
  rateLimitWait,
  SECONDARY_LIMIT_WAIT_MS,
} from '../../src/report/github/rate-limit.js';
import {
  startFakeGitHubArtifacts,
  zipFolder,
  type FakeGitHubArtifacts,
} from '../helpers/fake-github-artifacts.js';
import { closedPort } from '../helpers/http-server.js';
import { writeRecord } from '../helpers/records.js';

const NOW = Date.parse('2026-03-31T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Time that moves only when slept: every wait is recorded, none is real. */
function testClock() {
  const clock = {
    time: NOW,
    slept: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

const unzip = createRequire(import.meta.url)('unzip-stream') as {
  Extract(options: { path: string }): NodeJS.WritableStream;
};

/**
 * What the toolkit's downloadArtifact does with `findBy` (lib/internal/download), through a
 * plain Octokit: the zip endpoint without following its 302, then the signed URL unzipped.
 * (The toolkit's own Octokit takes its base URL from GITHUB_API_URL when first imported, which
 * a test in this process cannot set in time; the dist test runs the toolkit itself.)
 */
function restDownloader(api: FakeGitHubArtifacts): ArtifactDownloader {
  const octokit = getOctokit(api.token, { baseUrl: api.url });
  return async (artifact, path) => {
    const answer = await octokit.rest.actions.downloadArtifact({
      owner: api.owner,
      repo: api.repo,
      artifact_id: artifact.id,
      archive_format: 'zip',
      request: { redirect: 'manual' },
    });
    if (answer.status !== 302) throw new Error(`unexpected status ${answer.status}`);
    const blob = await fetch(String(answer.headers.location));
    if (!blob.ok) throw new Error(`blob storage answered ${blob.status}`);
    const zip = Buffer.from(await blob.arrayBuffer());
    await new Promise<void>((resolve, reject) => {
      Readable.from([zip])
        .pipe(unzip.Extract({ path }))
        .on('close', () => resolve())
        .on('error', reject);
    });
  };
}

let root: string;
const servers: FakeGitHubArtifacts[] = [];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-gh-source-'));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(root, { recursive: true, force: true });
});

async function fake(token?: string): Promise<FakeGitHubArtifacts> {
  const api = await startFakeGitHubArtifacts(token ? { token } : {});
  servers.push(api);
  return api;
}

function source(
  api: FakeGitHubArtifacts,
  clock: ReturnType<typeof testClock>,
  extra: Partial<GitHubSource> = {},
): GitHubSource & { lines: string[] } {
  const lines: string[] = [];
  const redactor = new Redactor();
  redactor.addSecret(api.token);
  return {
    octokit: getOctokit(api.token, { baseUrl: api.url }),
    download: restDownloader(api),
    owner: api.owner,
    repo: api.repo,
    serverUrl: 'https://github.com',
    prefix: 'deploy-gate-audit',
    from: NOW - 7 * DAY,
    tempDir: join(root, 'tmp'),
    clock,
    log: (line) => lines.push(line),
    redactor,
    lines,
    ...extra,
  };
}

describe('rateLimitWait: what GitHub asks for', () => {
  it('reads retry-after, the primary reset, and the secondary default; ignores other 403s', () => {
    expect(rateLimitWait(403, { 'retry-after': '7' }, 'x', NOW)).toBe(7000);
    expect(rateLimitWait(429, { 'retry-after': '0' }, 'x', NOW)).toBe(0);
    const httpDate = new Date(NOW + 9000).toUTCString();
    expect(rateLimitWait(429, { 'retry-after': httpDate }, 'x', NOW)).toBe(9000);
    const reset = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 42) };
    expect(rateLimitWait(403, reset, 'API rate limit exceeded', NOW)).toBe(42_000);
    expect(rateLimitWait(429, {}, 'Too many requests', NOW)).toBe(SECONDARY_LIMIT_WAIT_MS);
    expect(rateLimitWait(403, {}, 'You have exceeded a secondary rate limit', NOW)).toBe(
      SECONDARY_LIMIT_WAIT_MS,
    );
    expect(rateLimitWait(403, {}, 'Resource not accessible by integration', NOW)).toBeNull();
    expect(rateLimitWait(404, { 'retry-after': '5' }, 'Not Found', NOW)).toBeNull();
  });

  it('gives up after the retries or the waiting budget, without sleeping past it', async () => {
    const clock = testClock();
    // Shaped as Octokit's RequestError: the status on the error and on its response.
    const limited = Object.assign(new Error('secondary rate limit'), {
      status: 429,
      response: { status: 429, headers: { 'retry-after': '20' } },
    });
    const limiter = new RateLimiter(clock, { maxRetries: 2, maxTotalWaitMs: 100_000 });
    let calls = 0;
    await expect(
      limiter.run('GET /x', () => {
        calls += 1;
        return Promise.reject(limited);
      }),
    ).rejects.toThrow('GET /x: still rate limited (HTTP 429) after 2 retries');
    expect(calls).toBe(3);
    expect(clock.slept).toEqual([20_000, 20_000]);
    const tight = new RateLimiter(clock, { maxRetries: 5, maxTotalWaitMs: 30_000 });
    await expect(tight.run('GET /y', () => Promise.reject(limited))).rejects.toThrow(
      'GitHub asked to wait 20 s, beyond the 30 s this run waits in all',
    );
    expect(clock.slept).toEqual([20_000, 20_000, 20_000]);
  });
});

describe('listing the artifacts', () => {
  let api: FakeGitHubArtifacts;
  beforeAll(async () => {
    api = await fake();
    const zip = Buffer.from('not read by the listing');
    // 230 gate artifacts, one an hour back from NOW; every tenth expired.
    for (let n = 229; n >= 0; n -= 1)
      api.add({
        name: `deploy-gate-audit-api-gate-${1000 + n}-1`,
        zip,
        runId: 1000 + n,
        createdAt: new Date(NOW - n * HOUR - 60_000).toISOString(),
        expired: n % 10 === 5,
      });
    api.add({ name: 'coverage', zip, runId: 7, createdAt: new Date(NOW - HOUR).toISOString() });
    api.add({
      name: 'deploy-gate-report-77-1',
      zip,
      runId: 77,
      createdAt: new Date(NOW - 2 * HOUR).toISOString(),
    });
    api.add({
      name: LEDGER_ARTIFACT_NAME,
      zip,
      runId: 77,
      createdAt: new Date(NOW - 2 * HOUR).toISOString(),
    });
    api.add({
      name: LEDGER_ARTIFACT_NAME,
      zip,
      runId: 76,
      createdAt: new Date(NOW - 26 * HOUR).toISOString(),
    });
  });

  const list = (clock = testClock()) =>
    listArtifacts({
      octokit: withRateLimits(
        getOctokit(api.token, { baseUrl: api.url }),
        new RateLimiter(clock, { maxRetries: 3, maxTotalWaitMs: 5 * 60_000 }),
      ),
      owner: api.owner,
      repo: api.repo,
      prefix: 'deploy-gate-audit',
      from: NOW - 7 * DAY,
    });

  it('keeps gate artifacts of the period, not expired, and stops paging past the period', async () => {
    const before = api.requests.length;
    const listing = await list();
    // 168 hours back: n = 0..167 are in the period; 17 of them (n % 10 == 5) expired.
    expect(listing.records).toHaveLength(168 - 17);
    expect(listing.expired).toHaveLength(17);
    expect(listing.records[0]?.name).toBe('deploy-gate-audit-api-gate-1000-1');
    expect(listing.records.every((r) => r.createdAt >= NOW - 7 * DAY)).toBe(true);
    expect(listing.ledger).toMatchObject({ name: LEDGER_ARTIFACT_NAME, runId: 77 });
    expect(listing.malformed).toBe(0);
    // 234 artifacts are 3 pages; the period ends on page 2, so page 3 is never asked for.
    const pages = api.requests.slice(before).map((r) => r.query['page'] ?? '1');
    expect(pages).toEqual(['1', '2']);
    expect(listing.pages).toBe(2);
    expect(api.requests.slice(before).every((r) => r.query['per_page'] === '100')).toBe(true);
  });

  it('waits as a 403 or 429 asks, then goes on', async () => {
    const clock = testClock();
    api.limitNext({ path: /\/artifacts$/, status: 403, retryAfter: 7 });
    api.limitNext({ path: /\/artifacts$/, status: 403, reset: NOW / 1000 + 30 });
    api.limitNext({ path: /\/artifacts$/, status: 429 });
    const listing = await list(clock);
    expect(clock.slept).toEqual([7000, 30_000 - 7000, SECONDARY_LIMIT_WAIT_MS]);
    expect(listing.records).toHaveLength(151);
  });

  it('ends with a clear error when it cannot list: the status, never the token', async () => {
    const clock = testClock();
    const wrong = source({ ...api, token: 'ghs_notTheRightToken0123456789' }, clock);
    const error = (await readGitHubRecords(wrong).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ArtifactsError);
    expect(error.message).toBe(
      'could not list the artifacts of acme/shop: HTTP 401 (the token was rejected): Bad credentials - https://docs.github.com/rest',
    );
    expect(error.message).not.toContain('ghs_');
    for (let i = 0; i < 4; i += 1)
      api.limitNext({ path: /\/artifacts$/, status: 429, retryAfter: 1 });
    const limited = (await readGitHubRecords(source(api, clock)).catch((e: unknown) => e)) as Error;
    expect(limited).toBeInstanceOf(ArtifactsError);
    expect(limited.message).toMatch(
      /^could not list the artifacts of acme\/shop: HTTP 429 \(a rate limit was hit\): GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/shop\/actions\/artifacts\?per_page=100: still rate limited \(HTTP 429\) after 3 retries$/,
    );
  });

  // The limiter waits out every rate limit it can, so a 403 it lets through is a missing
  // permission, and one it gave up on is a rate limit: the hint names only the one it was.
  it('names the rate limit of a 403 that outlasts the limiter, and nothing else', async () => {
    const clock = testClock();
    api.limitNext({ path: /\/artifacts$/, status: 403, reset: NOW / 1000 + 3600 });
    const error = (await readGitHubRecords(source(api, clock)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ArtifactsError);
    expect(clock.slept).toEqual([]);
    expect(error.message).toMatch(
      /^could not list the artifacts of acme\/shop: HTTP 403 \(a rate limit was hit\): GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/shop\/actions\/artifacts\?per_page=100: rate limited \(HTTP 403\); GitHub asked to wait 3600 s, beyond the 300 s this run waits in all$/,
    );
  });

  it('names only the permission of a 403 that is no rate limit', async () => {
    const clock = testClock();
    api.denyNext(/\/artifacts$/);
    const error = (await readGitHubRecords(source(api, clock)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ArtifactsError);
    expect(clock.slept).toEqual([]);
    expect(error.message).toBe(
      'could not list the artifacts of acme/shop: HTTP 403 (the workflow needs `permissions: actions: read`): Resource not accessible by integration - https://docs.github.com/rest/actions/artifacts',
    );
  });

  it('says no answer came when nothing listens, never "GitHub is unavailable"', async () => {
    const port = await closedPort();
    const error = (await readGitHubRecords({
      ...source(api, testClock()),
      octokit: getOctokit(api.token, { baseUrl: `http://127.0.0.1:${port}` }),
    }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ArtifactsError);
    expect(error.message).toMatch(
      /^could not list the artifacts of acme\/shop: no answer \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
    );
  });
});

describe('reading the records of the artifacts', () => {
  let api: FakeGitHubArtifacts;
  const names = {
    healthy: 'deploy-gate-audit-api-gate-11-1',
    unhealthy: 'deploy-gate-audit-api-gate-12-1',
    tampered: 'deploy-gate-audit-api-gate-13-1',
    expired: 'deploy-gate-audit-api-gate-14-1',
    fleet: 'deploy-gate-audit-gate-15-1',
  };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    api = await fake();
    const dirs = join(root, 'records');
    const at = (h: number) => new Date(NOW - h * HOUR).toISOString();
    const base = { attempts: 10, successes: 10, p95: 50 };
    await writeRecord(join(dirs, 'healthy'), {
      ...base,
      service: 'api',
      verdict: 'healthy',
      started: at(10),
      ended: at(9.9),
      runId: 11,
    });
    await writeRecord(join(dirs, 'unhealthy'), {
      ...base,
      service: 'api',
      verdict: 'unhealthy',
      started: at(20),
      ended: at(19.9),
      failures: [at(19.95)],
      successes: 5,
      runId: 12,
    });
    cpSync(join(dirs, 'healthy'), join(dirs, 'tampered'), { recursive: true });
    const probes = join(dirs, 'tampered', 'probes.ndjson');
    writeFileSync(probes, readFileSync(probes, 'utf8').replace('"ok":true', '"ok":false'));
    // A fleet artifact: one folder per service.
    await writeRecord(join(dirs, 'fleet', 'web'), {
      ...base,
      service: 'web',
      verdict: 'healthy',
      started: at(30),
      ended: at(29.9),
      runId: 15,
    });
    await writeRecord(join(dirs, 'fleet', 'jobs'), {
      ...base,
      service: 'jobs',
      verdict: 'healthy',
      started: at(30),
      ended: at(29.9),
      runId: 15,
    });
    const add = async (key: keyof typeof names, folder: string, hours: number, expired = false) => {
      ids[key] = api.add({
        name: names[key],
        zip: await zipFolder(join(dirs, folder)),
        runId: 10 + Object.keys(ids).length + 1,
        createdAt: at(hours),
        expired,
      });
    };
    await add('healthy', 'healthy', 9);
    await add('unhealthy', 'unhealthy', 19);
    await add('tampered', 'tampered', 25);
    await add('expired', 'healthy', 40, true);
    await add('fleet', 'fleet', 29);
  });

  it('reads every audit folder, excludes the tampered one, never fetches the expired one', async () => {
    const clock = testClock();
    api.limitNext({ path: /\/zip$/, status: 403, retryAfter: 2 });
    const read = await readGitHubRecords(source(api, clock));
    expect(read.facts.map((f) => [f.path, f.service, f.verdict])).toEqual([
      [names.healthy, 'api', 'healthy'],
      [names.unhealthy, 'api', 'unhealthy'],
      [`${names.fleet}/jobs`, 'jobs', 'healthy'],
      [`${names.fleet}/web`, 'web', 'healthy'],
    ]);
    expect(read.found).toBe(5);
    expect(read.failed).toEqual([{ path: names.tampered, detail: 'modified probes.ndjson' }]);
    expect(read.skipped).toEqual([
      {
        path: names.expired,
        reason: `artifact ${ids.expired} expired: its records can no longer be read`,
      },
    ]);
    // Links from GitHub's numbers: the run of the artifact, and the artifact itself.
    const healthy = read.facts.find((f) => f.path === names.healthy);
    expect(healthy?.runUrl).toBe('https://github.com/acme/shop/actions/runs/11');
    expect(healthy?.artifactUrl).toBe(
      `https://github.com/acme/shop/actions/runs/11/artifacts/${ids.healthy}`,
    );
    expect(read.counts).toMatchObject({
      listed: 4,
      expired: 1,
      downloaded: 4,
      fromLedger: 0,
      failed: 0,
      rateLimitWaitMs: 2000,
      ledgerId: null,
    });
    expect(clock.slept).toEqual([2000]);
    expect(api.blobDownloads.get(ids.expired as number)).toBeUndefined();
    expect(api.blobDownloads.get(ids.healthy as number)).toBe(1);
    expect(read.ledger.map((e) => e.id).sort()).toEqual(
      [ids.healthy, ids.unhealthy, ids.tampered, ids.fleet].sort(),
    );
  });

  it('takes what the ledger holds and downloads only the rest; a bad ledger is ignored', async () => {
    const first = await readGitHubRecords(source(api, testClock()));
    // A ledger that knows all but the unhealthy artifact, uploaded an hour ago.
    const ledgerDir = join(root, 'ledger');
    mkdirSync(ledgerDir, { recursive: true });
    writeFileSync(
      join(ledgerDir, LEDGER_FILE),
      ledgerText(
        first.ledger.filter((e) => e.id !== ids.unhealthy),
        NOW,
      ),
    );
    const ledgerId = api.add({
      name: LEDGER_ARTIFACT_NAME,
      zip: await zipFolder(ledgerDir),
      runId: 99,
      createdAt: new Date(NOW - HOUR).toISOString(),
    });
    const before = new Map(api.blobDownloads);
    const second = await readGitHubRecords(source(api, testClock()));
    const fetched = [...api.blobDownloads].filter(([id, n]) => n !== (before.get(id) ?? 0));
    expect(fetched.map(([id]) => id).sort()).toEqual([ids.unhealthy, ledgerId].sort());
    expect(second.counts).toMatchObject({ fromLedger: 3, downloaded: 1, ledgerId });
    expect(second.facts).toEqual(first.facts);
    expect(second.failed).toEqual(first.failed);
    expect(second.skipped).toEqual(first.skipped);
    expect(second.ledger).toHaveLength(4);

    // A newer ledger that is not ours: ignored, said so, everything downloaded.
    writeFileSync(join(ledgerDir, LEDGER_FILE), JSON.stringify({ ledger_version: 99 }));
    api.add({
      name: LEDGER_ARTIFACT_NAME,
      zip: await zipFolder(ledgerDir),
      runId: 100,
      createdAt: new Date(NOW - HOUR / 2).toISOString(),
    });
    const bad = source(api, testClock());
    const third = await readGitHubRecords(bad);
    expect(third.counts.ledgerIgnored).toMatch(
      /^ledger\.json does not match ledger version 1: ledger_version/,
    );
    expect(third.counts).toMatchObject({ fromLedger: 0, downloaded: 4 });
    expect(bad.lines.join('\n')).toContain('ignored: ledger.json does not match');
    expect(third.facts).toEqual(first.facts);
  });

  it("keeps a failed download's reason to one capped line", async () => {
    const other = await fake();
    const zip = await zipFolder(join(root, 'records', 'healthy'));
    other.add({
      name: 'deploy-gate-audit-a',
      zip,
      runId: 1,
      createdAt: new Date(NOW - HOUR).toISOString(),
    });
    const read = await readGitHubRecords(
      source(other, testClock(), {
        download: () =>
          Promise.reject(new Error(`blob storage said: ${'x'.repeat(5000)}\r\n::error::forged`)),
      }),
    );
    expect(read.counts).toMatchObject({ listed: 1, failed: 1 });
    const reason = read.skipped[0]?.reason ?? '';
    expect(reason).toMatch(/^artifact \d+ could not be read: blob storage said: x+/);
    expect(reason).not.toContain('::error::');
    expect(reason).not.toMatch(/[\r\n]/);
    expect(reason.length).toBeLessThan(400);
  });

  it('caps downloads per run, and lists an artifact it could not download', async () => {
    const other = await fake();
    const dir = join(root, 'records', 'healthy');
    const zip = await zipFolder(dir);
    const at = (h: number) => new Date(NOW - h * HOUR).toISOString();
    const a = other.add({ name: 'deploy-gate-audit-a', zip, runId: 1, createdAt: at(1) });
    const b = other.add({ name: 'deploy-gate-audit-b', zip, runId: 2, createdAt: at(2) });
    other.add({ name: 'deploy-gate-audit-c', zip, runId: 3, createdAt: at(3) });
    // Artifact a stays rate limited beyond the 3 retries.
    for (let i = 0; i < 4; i += 1)
      other.limitNext({ path: new RegExp(`/${a}/zip$`), status: 429, retryAfter: 1 });
    const read = await readGitHubRecords(source(other, testClock(), { maxDownloads: 2 }));
    expect(read.counts).toMatchObject({ listed: 3, downloaded: 1, failed: 1, notRead: 1 });
    expect(read.facts.map((f) => f.path)).toEqual(['deploy-gate-audit-b']);
    expect(read.skipped).toEqual([
      {
        path: 'deploy-gate-audit-a',
        reason: `artifact ${a} could not be read: HTTP 429: the download of artifact ${a}: still rate limited (HTTP 429) after 3 retries`,
      },
      {
        path: 'deploy-gate-audit-c',
        reason: expect.stringContaining('not read in this run (at most 2 downloads a run)'),
      },
    ]);
    // A failed download is not in the ledger: the next run tries it again.
    expect(read.ledger.map((e) => e.id)).toEqual([b]);
  });
});

describe('listingFailure', () => {
  it("keeps GitHub's message to one capped line, secrets redacted", () => {
    const redactor = new Redactor();
    redactor.addSecret('ghs_secret-token-value');
    const error = Object.assign(
      new Error(`Bad credentials\r::error::forged ghs_secret-token-value ${'x'.repeat(1000)}`),
      { status: 401, response: { status: 401, headers: {} } },
    );
    const text = listingFailure({ owner: 'acme', repo: 'shop', redactor }, error);
    expect(text).toMatch(
      /^could not list the artifacts of acme\/shop: HTTP 401 \(the token was rejected\): Bad credentials\\r::error::forged \*+ x+… \(\d+ more characters\)$/,
    );
    expect(text).not.toMatch(/[\r\n]/);
    expect(text).not.toContain('ghs_secret-token-value');
    expect(text.length).toBeLessThan(600);
  });
});
