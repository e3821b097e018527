/**
 * The step's paperwork after the verdict is bounded and cancellable, through dist/index.js as the
 * runner runs it: a webhook that never answers and an artifact service that never answers must
 * not keep a cancelled step alive past a few seconds (the runner kills it soon after SIGTERM).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeArtifactService } from '../helpers/fake-artifact-service.js';
import { json, startServer, type TestServer } from '../helpers/http-server.js';
import { runDist, type DistRun } from '../helpers/run-dist.js';
import { startWebhookServer } from '../helpers/webhook-server.js';

const fast = {
  'initial-delay': '0',
  interval: '50ms',
  timeout: '1s',
  'startup-timeout': '2s',
  'observe-for': '300ms',
  'min-samples': '3',
};
const RUNNER_ENV = { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy' };

let app: TestServer;
const cleanups: (() => unknown)[] = [];
beforeAll(async () => {
  app = await startServer({ '/healthz': json({ status: 'ok' }) });
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await app.close();
});

/** Sends SIGTERM once `ready()` holds, and measures how long the step lived after it. */
async function cancelWhen(
  ready: () => boolean,
  options: Parameters<typeof runDist>[0],
): Promise<{ run: DistRun; afterSigtermMs: number }> {
  let sentAt = 0;
  const run = await runDist({
    ...options,
    timeoutMs: 150_000,
    onSpawn: (child) => {
      const poll = setInterval(() => {
        if (!ready()) return;
        clearInterval(poll);
        sentAt = Date.now();
        child.kill('SIGTERM');
      }, 20);
      child.on('close', () => clearInterval(poll));
    },
  });
  cleanups.push(() => run.cleanup());
  return { run, afterSigtermMs: sentAt ? Date.now() - sentAt : -1 };
}

describe('a cancelled step ends promptly, whatever its paperwork waits for', () => {
  it('a webhook that never answers, then an artifact service that never answers', async () => {
    const webhook = await startWebhookServer([{ status: 200, delayMs: 600_000 }]);
    const artifacts = await startFakeArtifactService();
    artifacts.hang('CreateArtifact');
    cleanups.push(
      () => webhook.close(),
      () => artifacts.close(),
    );
    const { run, afterSigtermMs } = await cancelWhen(() => webhook.requests.length > 0, {
      inputs: {
        ...fast,
        url: app.url('/healthz'),
        'webhook-url': webhook.url,
        'notify-on': 'always',
      },
      env: { ...RUNNER_ENV, ...artifacts.env() },
    });
    expect(afterSigtermMs).toBeGreaterThanOrEqual(0);
    // Before: 10 s + 2 s + 10 s for the webhook, then 120 s for the upload. Now: one 3 s grace.
    expect(afterSigtermMs).toBeLessThan(20_000);
    expect(run.outputs.verdict).toBe('healthy');
    expect(run.stdout).toContain('Notification not sent to the webhook');
    expect(run.stdout).toContain('the step was cancelled before the upload finished');
    // Left to the post step, which uploads the sealed folder.
    expect(run.state['finished']).toBeUndefined();
    const audit = JSON.parse(
      readFileSync(join(run.workDir, 'deploy-gate-audit', 'audit.json'), 'utf8'),
    ) as { verdict: string };
    expect(audit.verdict).toBe('healthy');
  }, 160_000);

  it('an artifact service that never answers', async () => {
    const artifacts = await startFakeArtifactService();
    artifacts.hang('CreateArtifact');
    cleanups.push(() => artifacts.close());
    const { run, afterSigtermMs } = await cancelWhen(() => artifacts.requests.length > 0, {
      inputs: { ...fast, url: app.url('/healthz') },
      env: { ...RUNNER_ENV, ...artifacts.env() },
    });
    expect(afterSigtermMs).toBeGreaterThanOrEqual(0);
    expect(afterSigtermMs).toBeLessThan(20_000);
    expect(run.outputs.verdict).toBe('healthy');
    expect(run.outputs['artifact-id']).toBe('');
    expect(run.outputs['artifact-name']).toBe('deploy-gate-audit-deploy-4242-1');
  }, 160_000);
});
