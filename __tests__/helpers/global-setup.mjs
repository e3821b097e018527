/**
 * Runs once before any test file: makes sure a `prometheus` binary exists, installing Debian's
 * package when it is missing. Done here rather than in a test's beforeAll so that a slow first
 * install cannot run into a test timeout, and so that its progress shows on the console.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../scripts/ensure-prometheus.sh',
);

export default function ensurePrometheus() {
  const result = spawnSync('sh', [script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: 15 * 60 * 1000,
    killSignal: 'SIGKILL',
  });
  if (result.status !== 0) {
    const why = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    throw new Error(
      `scripts/ensure-prometheus.sh failed (${why}): the metrics tests need Prometheus`,
    );
  }
}
