// The simulated Fly.io app "shop" that `npm run example` and `npm run render-summary` both gate:
// the fake flyctl's state with three releases, a good and a bad build to deploy, and the
// runner's file-command format to read a step's outputs and state back.
import { join } from 'node:path';
import {
  addRelease,
  makeApp,
  makeState,
  updateState,
  writeState,
} from '../fakes/flyctl/fake-state.mjs';

export const TOKEN = 'FlyV1 fm2_example-token';
export const GOOD_TAG = 'deployment-01JEXAMPLEGOOD0000000000000';
export const BAD_TAG = 'deployment-01JEXAMPLEBAD00000000000000';
export const GOOD = `registry.fly.io/shop:${GOOD_TAG}`;
export const BAD = `registry.fly.io/shop:${BAD_TAG}`;

/** Seeds the fake flyctl's state in `dir`; `deploy(image)` adds a release as `flyctl deploy` would. */
export function seedShop(dir) {
  const statePath = join(dir, 'fly-state.json');
  writeState(
    statePath,
    makeState({ tokens: [TOKEN], apps: [makeApp({ name: 'shop', releases: 3 })] }),
  );
  const deploy = (imageRef) =>
    updateState(statePath, (s) =>
      addRelease(s.apps.shop, { imageRef, user: 'release-bot@example.com' }),
    );
  return { statePath, deploy };
}

/** `name<<DELIMITER … DELIMITER` blocks, as the runner writes GITHUB_OUTPUT and GITHUB_STATE. */
export function parseFileCommands(text) {
  const values = {};
  for (const m of text.matchAll(/^([\w-]+)<<(.+)\n([\s\S]*?)\n\2$/gm)) values[m[1]] = m[3];
  return values;
}
