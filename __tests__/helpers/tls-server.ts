/**
 * An HTTPS server on 127.0.0.1 with a fresh self-signed certificate for one hostname (openssl),
 * for tests that tunnel TLS through a proxy. `certPath` is what a client trusts
 * (NODE_EXTRA_CA_CERTS); a client that does not trust it sees a TLS failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsServer {
  port: number;
  certPath: string;
  close(): Promise<void>;
}

export async function startTlsServer(
  hostname: string,
  handler: RequestListener,
): Promise<TlsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dg-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-subj', `/CN=${hostname}`, '-addext', `subjectAltName=DNS:${hostname}`],
      ...['-keyout', keyPath, '-out', certPath],
    ],
    { stdio: 'ignore' },
  );
  const server: Server = createServer(
    { key: readFileSync(keyPath), cert: readFileSync(certPath) },
    handler,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    certPath,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
