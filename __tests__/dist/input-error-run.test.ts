/**
 * A run whose inputs are refused is a run too, through dist/index.js as the runner runs it: it
 * leaves a sealed record (verdict `error`, every problem), sends its webhook message (`error` is a
 * failure for `notify-on: failure`) and posts an `error` deployment status, each when the inputs
 * it needs could be read.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeArtifactService } from '../helpers/fake-artifact-service.js';
import { startFakeGitHubApi } from '../helpers/fake-github-api.js';
import { cleanupsAfterAll, runDist } from '../helpers/run-dist.js';
import { startWebhookServer } from '../helpers/webhook-server.js';

const RUNNER_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_RUN_ID: '5150',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'deploy',
  GITHUB_ACTION: 'gate',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_SERVER_URL: 'https://github.com',
};
const { cleanups, track } = cleanupsAfterAll();

describe('an input error', () => {
  it('leaves its sealed record, its message and its deployment status', async () => {
    const webhook = await startWebhookServer();
    const github = await startFakeGitHubApi();
    const artifacts = await startFakeArtifactService();
    cleanups.push(
      () => webhook.close(),
      () => github.close(),
      () => artifacts.close(),
    );
    const run = track(
      await runDist({
        inputs: {
          url: 'https://app.example.com/healthz',
          interval: 'soon',
          'rollback-strategy': 'canary',
          'webhook-url': webhook.url,
          'github-token': github.token,
          environment: 'production',
        },
        env: { ...RUNNER_ENV, ...artifacts.env(), GITHUB_API_URL: github.url },
      }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('error');

    // The record: sealed, every problem in it, nothing probed.
    const dir = join(run.workDir, 'deploy-gate-audit');
    expect(run.outputs['audit-dir']).toBe(dir);
    const audit = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as {
      verdict: string;
      reason: string;
      health_checks: { attempts: number };
    };
    expect(audit.verdict).toBe('error');
    expect(audit.reason).toContain('Input "interval"');
    expect(audit.reason).toContain('Input "rollback-strategy"');
    expect(audit.health_checks.attempts).toBe(0);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).toMatch(
      /audit\.json: OK/,
    );
    expect(run.outputs['artifact-name']).toBe('deploy-gate-audit-deploy-gate-5150-1');
    expect(artifacts.artifacts.map((a) => [a.name, a.finalized])).toEqual([
      ['deploy-gate-audit-deploy-gate-5150-1', true],
    ]);

    // The message: `error` is a failure for the default notify-on.
    expect(webhook.requests).toHaveLength(1);
    expect(JSON.stringify(webhook.requests[0]?.body)).toContain('error');

    // The deployment: created for the commit, then `error` (no verdict was reached).
    expect(github.deployments.map((d) => d.environment)).toEqual(['production']);
    expect(github.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
  }, 60_000);

  it('with an audit-dir it may not use, it writes nothing there and still fails with every problem', async () => {
    const run = track(
      await runDist({
        inputs: { url: 'https://app.example.com/healthz', interval: 'soon', 'audit-dir': '/' },
        env: RUNNER_ENV,
      }),
    );
    expect(run.outputs.verdict).toBe('error');
    expect(run.outputs['audit-dir']).toBe('');
    expect(run.stdout).toContain('Input "interval"');
    expect(existsSync(join(run.workDir, 'deploy-gate-audit'))).toBe(false);
  }, 60_000);
});
