/**
 * Loading monitor mode's ledger artifact in process, through the real Octokit, against a stand-in
 * for GitHub's artifact endpoints (real node:http on 127.0.0.1) or a port nothing listens on: a
 * listing that fails is a warning that says whether GitHub answered, and what its answer meant.
 * The whole run through dist/ is __tests__/monitor/monitor-ledger-artifact.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLedgerArtifact } from '../../src/monitor/ledger-artifact.js';
import { emptyLedger } from '../../src/monitor/slo-ledger.js';
import { Redactor } from '../../src/secrets/redact.js';
import {
  startFakeGitHubArtifacts,
  type FakeGitHubArtifacts,
} from '../helpers/fake-github-artifacts.js';
import { closedPort } from '../helpers/http-server.js';

const NOW = Date.parse('2026-03-31T00:00:00.000Z');

let api: FakeGitHubArtifacts;
let temp: string;
beforeAll(async () => {
  api = await startFakeGitHubArtifacts();
  temp = mkdtempSync(join(tmpdir(), 'dg-ledger-artifact-'));
});
afterAll(async () => {
  await api.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Loads the ledger from `apiUrl` with a clock that only moves when slept. */
async function load(apiUrl: string) {
  const slept: number[] = [];
  const redactor = new Redactor();
  redactor.addSecret(api.token);
  const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: apiUrl, RUNNER_TEMP: temp };
  const loaded = await loadLedgerArtifact(env, {
    token: api.token,
    redactor,
    clock: { now: () => NOW, sleep: async (ms) => void slept.push(ms) },
    log: () => undefined,
  });
  return { ...loaded, slept };
}

describe('loadLedgerArtifact: a listing that fails', () => {
  it('says no answer came when nothing listens, never "GitHub is unavailable"', async () => {
    const port = await closedPort();
    const { ledger, problem } = await load(`http://127.0.0.1:${port}`);
    expect(problem).toMatch(
      /^could not list the artifacts of acme\/shop: no answer \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); this run starts a new ledger$/,
    );
    expect(ledger).toEqual(emptyLedger());
  });

  it('names only the permission of a 403 that is no rate limit', async () => {
    api.denyNext(/\/artifacts$/);
    const { problem, slept } = await load(api.url);
    expect(slept).toEqual([]);
    expect(problem).toBe(
      'could not list the artifacts of acme/shop: HTTP 403 (the workflow needs `permissions: actions: read`): Resource not accessible by integration - https://docs.github.com/rest/actions/artifacts; this run starts a new ledger',
    );
  });

  it('names the rate limit of a 403 that outlasts its minute of waiting', async () => {
    api.limitNext({ path: /\/artifacts$/, status: 403, reset: NOW / 1000 + 3600 });
    const { problem, slept } = await load(api.url);
    expect(slept).toEqual([]);
    expect(problem).toMatch(
      /^could not list the artifacts of acme\/shop: HTTP 403 \(a rate limit was hit\): GET \S+\/repos\/acme\/shop\/actions\/artifacts\?\S+: rate limited \(HTTP 403\); GitHub asked to wait 3600 s, beyond the 60 s this run waits in all; this run starts a new ledger$/,
    );
  });

  it('starts a ledger when GitHub lists none yet', async () => {
    const { problem } = await load(api.url);
    expect(problem).toBe('no ledger artifact yet: this run starts one');
  });
});
