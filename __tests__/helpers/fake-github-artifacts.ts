/**
 * A stand-in for the GitHub REST API's artifact endpoints on a real node:http server (127.0.0.1),
 * with GitHub's paths, status codes, headers and JSON shapes:
 *
 *   GET /repos/{owner}/{repo}/actions/artifacts?per_page=&page=&name=
 *       200 {total_count, artifacts}, newest first, per_page at most 100, a `Link` header with
 *       next/last (and first/prev after page 1)
 *   GET /repos/{owner}/{repo}/actions/artifacts/{id}            200 artifact, 404 unknown
 *   GET /repos/{owner}/{repo}/actions/artifacts/{id}/zip        302 to a signed 127.0.0.1 URL valid
 *       for one minute (the blob store), 410 when the artifact expired, 404 unknown
 *   GET /blob/{id}?se=&sig=                                     200 application/zip; 403 when the
 *       signature is wrong or the minute is over (like an expired SAS)
 *
 * Requests need `authorization: token <token>` or `Bearer <token>` (401 otherwise). `limitNext`
 * answers the next matching request the way GitHub signals rate limits: 403 with
 * `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (primary), or 403/429 with `retry-after`
 * (secondary); `denyNext` answers it the way GitHub refuses a token without `actions: read`: 403
 * "Resource not accessible by integration", with the ordinary `x-ratelimit-*` headers of a budget
 * not used up. Zips are built with archiver from real folders. Every request is recorded, and
 * `blobDownloads` counts the zips actually served per artifact id.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { listenOnLoopback } from './loopback.js';

interface Archive {
  directory(dir: string, prefix: string | false): Archive;
  on(event: 'data', listener: (chunk: Buffer) => void): Archive;
  on(event: 'end', listener: () => void): Archive;
  on(event: 'error', listener: (error: Error) => void): Archive;
  finalize(): Promise<void>;
}
/** archiver (a dependency of @actions/artifact) ships no types; this is the part used. */
const archiver = createRequire(import.meta.url)('archiver') as (
  format: 'zip',
  options?: { zlib?: { level: number } },
) => Archive;

/** A zip of a folder's contents (the folder itself is not an entry), as upload-artifact makes. */
export function zipFolder(dir: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const archive = archiver('zip', { zlib: { level: 6 } });
    archive.on('data', (chunk) => chunks.push(chunk));
    archive.on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
    archive.directory(dir, false);
    void archive.finalize();
  });
}

export interface FakeArtifact {
  id: number;
  name: string;
  zip: Buffer;
  runId: number;
  createdAt: string;
  expired: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface RateLimit {
  /** Matches the request path. */
  path: RegExp;
  status: 403 | 429;
  /** Seconds, as `retry-after` (a secondary limit). */
  retryAfter?: number;
  /** Epoch seconds, as `x-ratelimit-reset` with `x-ratelimit-remaining: 0` (the primary limit). */
  reset?: number;
}

export interface FakeGitHubArtifacts {
  url: string;
  token: string;
  owner: string;
  repo: string;
  artifacts: FakeArtifact[];
  requests: RecordedRequest[];
  /** Zips served, by artifact id. */
  blobDownloads: Map<number, number>;
  /** Adds an artifact (ids grow with each call); returns its id. */
  add(artifact: Omit<FakeArtifact, 'id' | 'expired'> & { expired?: boolean }): number;
  limitNext(limit: RateLimit): void;
  /** The next request whose path matches is refused for a missing permission (403). */
  denyNext(path: RegExp): void;
  close(): Promise<void>;
}

const SIGNED_URL_MS = 60_000;
const DOCS = 'https://docs.github.com/rest/actions/artifacts';

export async function startFakeGitHubArtifacts(
  options: { token?: string; owner?: string; repo?: string } = {},
): Promise<FakeGitHubArtifacts> {
  const token = options.token ?? 'ghs_fakeArtifactsToken0123456789';
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'shop';
  const artifacts: FakeArtifact[] = [];
  const requests: RecordedRequest[] = [];
  const blobDownloads = new Map<number, number>();
  const limits: RateLimit[] = [];
  const denials: RegExp[] = [];
  const key = randomBytes(16);
  let nextId = 5000;
  let origin = '';

  const sign = (id: number, expiry: number) =>
    createHmac('sha256', key).update(`${id}:${expiry}`).digest('hex');
  const base = `/repos/${owner}/${repo}/actions/artifacts`;
  const artifactJson = (a: FakeArtifact) => {
    const expires = new Date(Date.parse(a.createdAt) + 90 * 86_400_000).toISOString();
    return {
      id: a.id,
      node_id: Buffer.from(`08:Artifact${a.id}`).toString('base64'),
      name: a.name,
      size_in_bytes: a.zip.length,
      url: `${origin}${base}/${a.id}`,
      archive_download_url: `${origin}${base}/${a.id}/zip`,
      expired: a.expired,
      digest: `sha256:${createHash('sha256').update(a.zip).digest('hex')}`,
      created_at: a.createdAt,
      updated_at: a.createdAt,
      expires_at: a.expired ? a.createdAt : expires,
      workflow_run: {
        id: a.runId,
        repository_id: 1296269,
        head_repository_id: 1296269,
        head_branch: 'main',
        head_sha: '0123456789abcdef0123456789abcdef01234567',
      },
    };
  };

  const send = (
    res: ServerResponse,
    record: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    record.status = status;
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(body));
  };

  const list = (res: ServerResponse, record: RecordedRequest) => {
    const query = record.query;
    const matching = artifacts
      .filter((a) => query['name'] === undefined || a.name === query['name'])
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
    const perPage = Math.min(Math.max(Number(query['per_page'] ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query['page'] ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(matching.length / perPage), 1);
    const link = (p: number, rel: string) => {
      const params = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
      return `<${origin}${record.path}?${params}>; rel="${rel}"`;
    };
    const links = [
      ...(page > 1 ? [link(page - 1, 'prev')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first')] : []),
    ];
    send(
      res,
      record,
      200,
      {
        total_count: matching.length,
        artifacts: matching.slice((page - 1) * perPage, page * perPage).map(artifactJson),
      },
      links.length ? { link: links.join(', ') } : {},
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse, record: RecordedRequest) => {
    const blob = /^\/blob\/(\d+)$/.exec(record.path);
    if (blob) {
      const id = Number(blob[1]);
      const expiry = Number(record.query['se']);
      const artifact = artifacts.find((a) => a.id === id);
      if (!artifact || record.query['sig'] !== sign(id, expiry) || Date.now() > expiry) {
        record.status = 403;
        return res
          .writeHead(403, { 'content-type': 'application/xml' })
          .end(
            '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signature not valid in the specified time frame.</Message></Error>',
          );
      }
      blobDownloads.set(id, (blobDownloads.get(id) ?? 0) + 1);
      record.status = 200;
      return res
        .writeHead(200, {
          'content-type': 'application/zip',
          'content-length': String(artifact.zip.length),
          'content-disposition': `attachment; filename=${artifact.name}.zip; filename*=UTF-8''${encodeURIComponent(artifact.name)}.zip`,
        })
        .end(artifact.zip);
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`)
      return send(res, record, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    const denial = denials.findIndex((path) => path.test(record.path));
    if (denial !== -1) {
      denials.splice(denial, 1);
      return send(
        res,
        record,
        403,
        {
          message: 'Resource not accessible by integration',
          documentation_url: DOCS,
          status: '403',
        },
        {
          'x-ratelimit-limit': '1000',
          'x-ratelimit-remaining': '990',
          'x-ratelimit-used': '10',
          'x-ratelimit-reset': '1798761600',
          'x-ratelimit-resource': 'core',
        },
      );
    }
    const limit = limits.findIndex((l) => l.path.test(record.path));
    if (limit !== -1) {
      const [l] = limits.splice(limit, 1) as [RateLimit];
      const headers: Record<string, string> = {
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': l.reset === undefined ? '990' : '0',
        'x-ratelimit-used': l.reset === undefined ? '10' : '1000',
        'x-ratelimit-resource': 'core',
        ...(l.reset === undefined ? {} : { 'x-ratelimit-reset': String(l.reset) }),
        ...(l.retryAfter === undefined ? {} : { 'retry-after': String(l.retryAfter) }),
      };
      return send(
        res,
        record,
        l.status,
        {
          message:
            l.reset !== undefined && l.retryAfter === undefined
              ? 'API rate limit exceeded for installation ID 1.'
              : 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
          status: String(l.status),
        },
        headers,
      );
    }
    if (record.method !== 'GET')
      return send(res, record, 404, { message: 'Not Found', documentation_url: DOCS });
    if (record.path === base) return list(res, record);
    const one = new RegExp(`^${base}/(\\d+)(/zip)?$`).exec(record.path);
    const artifact = one ? artifacts.find((a) => a.id === Number(one[1])) : undefined;
    if (!one || !artifact)
      return send(res, record, 404, {
        message: 'Not Found',
        documentation_url: DOCS,
        status: '404',
      });
    if (!one[2]) return send(res, record, 200, artifactJson(artifact));
    if (artifact.expired)
      return send(res, record, 410, {
        message: 'Artifact has expired',
        documentation_url: DOCS,
        status: '410',
      });
    const expiry = Date.now() + SIGNED_URL_MS;
    record.status = 302;
    res
      .writeHead(302, {
        location: `${origin}/blob/${artifact.id}?se=${expiry}&sig=${sign(artifact.id, expiry)}`,
      })
      .end();
  };

  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: 0,
      };
      requests.push(record);
      handle(req, res, record);
    });
  });
  const loopback = await listenOnLoopback(server);
  origin = loopback.origin;

  return {
    url: origin,
    token,
    owner,
    repo,
    artifacts,
    requests,
    blobDownloads,
    add(artifact) {
      const id = (nextId += 1);
      artifacts.push({ expired: false, ...artifact, id });
      return id;
    },
    limitNext(limit) {
      limits.push(limit);
    },
    denyNext(path) {
      denials.push(path);
    },
    close: async () => {
      await loopback.close();
    },
  };
}
