/**
 * The shared words for a failed GitHub call: the status hint each scope gets, the cause of no
 * answer read from the error chains real fetch and the real Octokit throw, and the clause both
 * make, told apart by whether GitHub answered.
 */
import { getOctokit } from '@actions/github';
import {
  answeredStatus,
  callFailure,
  networkCause,
  statusHint,
  type ApiScope,
} from '../../src/github/call-failure.js';
import { closedPort, json, startServer } from '../helpers/http-server.js';

const issuesWrite: ApiScope = {
  feature: 'issues',
  access: 'write',
  item: 'issue',
  switchable: true,
};
const issuesRead: ApiScope = { feature: 'issues', access: 'read', switchable: true };
const deployments: ApiScope = { feature: 'deployments', access: 'write', item: 'deployment' };

describe('statusHint', () => {
  it.each([
    [401, issuesWrite, 'the token was rejected'],
    [
      403,
      deployments,
      'the workflow needs `permissions: deployments: write`, or a rate limit was hit',
    ],
    [
      404,
      issuesWrite,
      'repository or issue not found, or the token cannot see it; check `permissions: issues: write`',
    ],
    [
      404,
      issuesRead,
      'repository not found, or the token cannot see it; check `permissions: issues: read`',
    ],
    [409, deployments, 'GitHub reported a conflict'],
    [410, issuesWrite, 'the issue was deleted, or issues are disabled in the repository'],
    [410, issuesRead, 'issues are disabled in the repository'],
    // A repository cannot switch deployments off, and GitHub documents no 410 for them.
    [410, deployments, ''],
    [422, issuesWrite, 'GitHub rejected the request as invalid'],
    [429, issuesRead, 'a rate limit was hit'],
    [500, deployments, 'GitHub is unavailable'],
    [503, issuesRead, 'GitHub is unavailable'],
  ] as const)('HTTP %i for %o: %s', (status, scope, hint) => {
    expect(statusHint(status, scope)).toBe(hint);
  });

  it('says nothing for statuses without a usual meaning, or no status', () => {
    expect(statusHint(400, issuesWrite)).toBe('');
    expect(statusHint(418, issuesWrite)).toBe('');
    expect(statusHint(null, issuesWrite)).toBe('');
    expect(statusHint(undefined, issuesWrite)).toBe('');
  });

  it('names only the cause of a 403 the caller has already told apart', () => {
    expect(statusHint(403, issuesRead, false)).toBe(
      'the workflow needs `permissions: issues: read`',
    );
    expect(statusHint(403, issuesRead, true)).toBe('a rate limit was hit');
    expect(statusHint(403, issuesRead)).toBe(
      'the workflow needs `permissions: issues: read`, or a rate limit was hit',
    );
  });
});

describe('networkCause', () => {
  it('names the refused connection behind a real fetch "fetch failed"', async () => {
    const port = await closedPort();
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect((error as Error).message).toBe('fetch failed');
    expect(networkCause(error)).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it('names it behind the real Octokit too, which rewraps the fetch error', async () => {
    const port = await closedPort();
    const octokit = getOctokit('t', { baseUrl: `http://127.0.0.1:${port}` });
    const error = await octokit.rest.meta.root().catch((e: unknown) => e);
    expect(networkCause(error)).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it('adds the first code when the deepest message leaves it out', () => {
    const error = new Error('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo failed for api.github.test'), {
        code: 'ENOTFOUND',
      }),
    });
    expect(networkCause(error)).toBe('ENOTFOUND: getaddrinfo failed for api.github.test');
  });

  it('keeps one capped line of outside text, and reads at most 5 causes deep', () => {
    const crlf = new Error('fetch failed', {
      cause: new Error(`bad certificate\r for evil.test${'x'.repeat(400)}\nsecond line`),
    });
    const text = networkCause(crlf);
    expect(text).not.toMatch(/[\r\n]/);
    expect(text).toMatch(/^bad certificate\\r for evil\.testx+… \(\d+ more characters\)$/);

    let deep: Error = new Error('level 6');
    for (let level = 5; level >= 1; level -= 1) deep = new Error(`level ${level}`, { cause: deep });
    expect(networkCause(deep)).toBe('level 5');
  });

  it('falls back to the error itself when nothing in it has a message', () => {
    expect(networkCause('socket hang up')).toBe('socket hang up');
    expect(networkCause({ code: 'ECONNRESET' })).toBe('ECONNRESET');
  });
});

describe('callFailure', () => {
  it('reads a real fetch failure of the real Octokit (status 500, no response) as no answer', async () => {
    const port = await closedPort();
    const octokit = getOctokit('t', { baseUrl: `http://127.0.0.1:${port}` });
    const error = await octokit.rest.issues
      .get({ owner: 'o', repo: 'r', issue_number: 1 })
      .catch((e: unknown) => e);
    expect((error as { status?: unknown }).status).toBe(500);
    expect(answeredStatus(error)).toBeNull();
    expect(callFailure(error, issuesRead)).toMatch(
      /^no answer \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
    );
  });

  it("gives a real answer's status, hint and message, as one capped line", async () => {
    const long = `Server Error\r::error::forged ${'x'.repeat(400)}\nsecond line`;
    const api = await startServer({
      '/repos/o/r/issues/1': json({ message: long }, 503),
      '/repos/o/r/issues/2': json({ message: 'Resource not accessible by integration' }, 403),
    });
    try {
      const octokit = getOctokit('t', { baseUrl: api.origin });
      const get = (n: number) =>
        octokit.rest.issues
          .get({ owner: 'o', repo: 'r', issue_number: n })
          .catch((e: unknown) => e);
      const unavailable = await get(1);
      expect(answeredStatus(unavailable)).toBe(503);
      const text = callFailure(unavailable, issuesRead);
      expect(text).toMatch(
        /^HTTP 503 \(GitHub is unavailable\): Server Error\\r::error::forged x+… \(\d+ more characters\)$/,
      );
      const denied = await get(2);
      expect(callFailure(denied, issuesRead, false)).toBe(
        'HTTP 403 (the workflow needs `permissions: issues: read`): Resource not accessible by integration',
      );
    } finally {
      await api.close();
    }
  });

  it('leaves the hint out for a status without a usual meaning', () => {
    const error = Object.assign(new Error('I am a teapot'), {
      status: 418,
      response: { status: 418 },
    });
    expect(callFailure(error, deployments)).toBe('HTTP 418: I am a teapot');
  });
});
