// A sample app "running on Fly" for the embedded example and the tests: one HTTP server on
// 127.0.0.1 that serves whatever release the fake flyctl's state says is current, so a
// rollback by `flyctl deploy --image` really changes what the probes see.
//
// Each image behaves as the caller says: 'healthy' answers 200, 'broken' answers 503 from the
// start, 'degrades' answers 200 for its first `warmup` requests and 503 after. The body always
// carries the release's build id (the image tag) as `version`.
import { createServer } from 'node:http';
import { currentRelease, readState } from '../flyctl/fake-state.mjs';

/** The build id an image serves: its tag, or its digest. */
export function buildIdOf(imageRef) {
  const at = imageRef.indexOf('@');
  if (at >= 0) return imageRef.slice(at + 1);
  const colon = imageRef.lastIndexOf(':');
  return colon > imageRef.lastIndexOf('/') ? imageRef.slice(colon + 1) : 'latest';
}

export async function startFlyApp({ statePath, app, behaviours, warmup = 3 }) {
  const served = new Map();
  const server = createServer((req, res) => {
    const release = currentRelease(readState(statePath).apps[app]);
    const image = release?.ImageRef ?? '';
    const count = (served.get(image) ?? 0) + 1;
    served.set(image, count);
    const behaviour = behaviours[image] ?? 'healthy';
    const failing = behaviour === 'broken' || (behaviour === 'degrades' && count > warmup);
    const body = {
      status: failing ? 'down' : 'ok',
      version: buildIdOf(image),
      release: release?.Version ?? null,
    };
    res
      .writeHead(failing ? 503 : 200, { 'content-type': 'application/json' })
      .end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/healthz`,
    /** Requests served per image. */
    served,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
