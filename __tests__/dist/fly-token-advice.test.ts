/**
 * The advice a run without a Fly token gives reaches the log whole: it once read
 * "…secret (`env: FLY_API_TOKEN: ***`", cut by the redactor at a `NAME: value` shape.
 */
import { startFlyApp } from '../../fakes/fly-app/fly-app.mjs';
import { createFakeFly } from '../helpers/fake-fly.js';
import { runDist } from '../helpers/run-dist.js';

it('says how to pass the token, uncut', async () => {
  const fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
  const app = await startFlyApp({ statePath: fly.statePath, app: 'shop', behaviours: {} });
  try {
    const env = fly.env({ FLY_API_TOKEN: '' }) as Record<string, string>;
    const run = await runDist({ inputs: { url: app.url, 'fly-app': 'shop' }, env });
    run.cleanup();
    expect(run.outputs.verdict).toBe('error');
    expect(run.stdout).toContain(
      'No Fly.io token is available. Set the FLY_API_TOKEN secret and hand it to this step in its `env` (FLY_API_TOKEN set to `${{ secrets.FLY_API_TOKEN }}`), or set the `fly-api-token` input.',
    );
    expect(run.stdout).not.toContain('***');
  } finally {
    await app.close();
    fly.cleanup();
  }
}, 60_000);
