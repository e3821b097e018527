// The embedded example's service: one HTTP server on 127.0.0.1 playing two releases of an app.
//   /v1/healthz  the good release: 200 {"status":"ok","version":"v1"}
//   /v2/healthz  a bad release: answers its first requests, then fails with 503s
// It never talks to anything but its own clients.
import { createServer } from 'node:http';

export async function startSampleService() {
  let v2Requests = 0;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status, body) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/v1/healthz')
      return send(200, { status: 'ok', version: 'v1', components: { database: 'ok' } });
    if (path === '/v2/healthz') {
      v2Requests++;
      // Healthy through its warm-up, then the database pool runs dry.
      if (v2Requests <= 4)
        return send(200, { status: 'ok', version: 'v2', components: { database: 'ok' } });
      return send(503, { status: 'degraded', version: 'v2', components: { database: 'timeout' } });
    }
    send(404, { error: 'not found' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}
