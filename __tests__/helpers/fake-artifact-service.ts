/**
 * A local stand-in for the GitHub Actions artifact service, faithful to what @actions/artifact 6's
 * DefaultArtifactClient.uploadArtifact talks to, so the real client code runs unchanged:
 *
 * 1. The runtime token (`ACTIONS_RUNTIME_TOKEN`): a JWT whose `scp` claim holds
 *    `Actions.Results:<workflowRunBackendId>:<workflowJobRunBackendId>`; the client decodes it
 *    (lib/internal/shared/util.js getBackendIdsFromToken) and sends it as `Authorization: Bearer`.
 * 2. Twirp JSON under `ACTIONS_RESULTS_URL` (lib/internal/shared/artifact-twirp-client.js, the
 *    generated ArtifactServiceClientJSON): `POST /twirp/github.actions.results.api.v1.ArtifactService/
 *    CreateArtifact` and `.../FinalizeArtifact`, bodies in proto3 JSON with the proto field names
 *    (int64 as strings, google.protobuf.StringValue as a bare string, Timestamp as RFC 3339).
 *    Errors are Twirp errors: an HTTP status and `{"code": ..., "msg": ...}`.
 * 3. The blob upload at the signed URL CreateArtifact returns (lib/internal/upload/blob-upload.js:
 *    @azure/storage-blob's BlockBlobClient.uploadStream): `PUT <blob>?comp=block&blockid=<base64>`
 *    per chunk, then `PUT <blob>?comp=blocklist` with an XML `<BlockList>`. The URL points back at
 *    this server in the path style Azure uses for IP hosts (`/<account>/<container>/<blob>`), and
 *    carries a `sig` that is checked like a SAS signature. Errors are Azure Storage XML errors.
 *
 * Every request is checked the way the real services would reject it (wrong token, wrong backend
 * ids, a reused artifact name, a bad signature, a block list naming an unknown block, a size or
 * hash that does not match the blob), so a client that talks to it wrongly fails here too. One
 * deliberate difference: unknown JSON fields are rejected (a Twirp server discards them), so a
 * misspelled field fails loudly instead of being silently lost.
 *
 * Not modelled: the client's retries. A 5xx from Twirp is retried 5 times with 3 s * 1.5^n
 * backoff, a 500/503 from the blob store 4 times with 4 s exponential backoff (neither is
 * configurable), so failures are injected with non-retried codes to keep tests fast.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const TWIRP_SERVICE = 'github.actions.results.api.v1.ArtifactService';
/** The storage account in the path-style blob URL (the Azurite default name). */
const ACCOUNT = 'devstoreaccount1';
const CONTAINER = 'actions-results';
const STORAGE_VERSION = '2025-11-05';

/** A Twirp error: its HTTP status is fixed by its code (twirp spec v7). */
export interface TwirpFailure {
  code:
    | 'internal'
    | 'unavailable'
    | 'unknown'
    | 'already_exists'
    | 'permission_denied'
    | 'unauthenticated'
    | 'invalid_argument'
    | 'not_found'
    | 'failed_precondition'
    | 'resource_exhausted';
  msg: string;
}

const TWIRP_STATUS: Record<TwirpFailure['code'], number> = {
  internal: 500,
  unknown: 500,
  unavailable: 503,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  invalid_argument: 400,
  not_found: 404,
  failed_precondition: 412,
  resource_exhausted: 429,
};

/** An Azure Storage error answered to the blob requests. */
export interface BlobFailure {
  status: number;
  code: string;
  message: string;
}

export type FailurePoint = 'CreateArtifact' | 'FinalizeArtifact' | 'blob';

export interface StoredArtifact {
  id: number;
  name: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  mimeType: string | null;
  expiresAt: string | null;
  version: number;
  /** Filled by FinalizeArtifact. */
  finalized: boolean;
  /** The committed blob (the zip), once the block list was committed. */
  blob: Buffer | null;
  blobContentType: string | null;
  /** sha256 (hex) of the committed blob, computed here. */
  sha256: string | null;
  /** What FinalizeArtifact reported. */
  reportedSize: number | null;
  reportedHash: string | null;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface FakeArtifactService {
  /** `ACTIONS_RESULTS_URL` as the runner sets it (origin with a trailing slash). */
  resultsUrl: string;
  /** `ACTIONS_RUNTIME_TOKEN`: a signed JWT with the Actions.Results scope. */
  runtimeToken: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /** The variables the runner gives a node action step for artifacts. */
  env(): Record<string, string>;
  /** Artifacts created, in order. */
  artifacts: StoredArtifact[];
  requests: RecordedRequest[];
  /** Every `sig` this service issued (a secret: tests scan output for it). */
  signatures: string[];
  /** Answer the next `times` requests at `point` with an error (default: every one). */
  fail(point: FailurePoint, failure: TwirpFailure | BlobFailure, times?: number): void;
  /**
   * Never answer requests at `point` (a stalled service: the connection stays open, no status
   * comes). Recorded with status 0 when they arrive.
   */
  hang(point: FailurePoint): void;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An HS256 JWT the way the runner's token looks to the client (it only decodes the payload). */
function makeRuntimeToken(runId: string, jobId: string, key: Buffer, origin: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'HS256' };
  const payload = {
    nameid: 'dddddddd-dddd-dddd-dddd-dddddddddddd',
    scp: `Actions.ExampleScope Actions.Results:${runId}:${jobId}`,
    iss: 'vstoken.actions.githubusercontent.com',
    aud: origin,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 6 * 3600,
  };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${unsigned}.${b64url(createHmac('sha256', key).update(unsigned).digest())}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isTwirpFailure(failure: TwirpFailure | BlobFailure): failure is TwirpFailure {
  return 'msg' in failure;
}

class TwirpError extends Error {
  readonly failure: TwirpFailure;
  constructor(failure: TwirpFailure) {
    super(failure.msg);
    this.failure = failure;
  }
}

class BlobError extends Error {
  readonly failure: BlobFailure;
  constructor(failure: BlobFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new TwirpError({ code: 'invalid_argument', msg: `${field} is required` });
  }
  return value;
}

/** proto3 JSON accepts only the fields of the message (the client sends proto field names). */
function rejectUnknownFields(body: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) {
      throw new TwirpError({ code: 'invalid_argument', msg: `unknown field ${key}` });
    }
  }
}

export async function startFakeArtifactService(): Promise<FakeArtifactService> {
  const workflowRunBackendId = randomUUID();
  const workflowJobRunBackendId = randomUUID();
  const signingKey = randomBytes(32);
  const artifacts: StoredArtifact[] = [];
  const requests: RecordedRequest[] = [];
  const signatures: string[] = [];
  /** Uncommitted blocks and the signature issued, per blob path. */
  const blobs = new Map<
    string,
    { artifact: StoredArtifact; sig: string; expires: number; blocks: Map<string, Buffer> }
  >();
  const failures = new Map<FailurePoint, { failure: TwirpFailure | BlobFailure; left: number }>();
  let nextId = 4_000_000_000 + Math.floor(Math.random() * 1000);
  let origin = '';
  let runtimeToken = '';

  const takeFailure = (point: FailurePoint) => {
    const entry = failures.get(point);
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) failures.delete(point);
    return entry.failure;
  };

  const checkIds = (body: Record<string, unknown>) => {
    const run = requireString(body, 'workflow_run_backend_id');
    const job = requireString(body, 'workflow_job_run_backend_id');
    if (run !== workflowRunBackendId || job !== workflowJobRunBackendId) {
      throw new TwirpError({
        code: 'permission_denied',
        msg: 'the backend ids do not match the token scope',
      });
    }
  };

  const createArtifact = (body: Record<string, unknown>): unknown => {
    rejectUnknownFields(body, [
      'workflow_run_backend_id',
      'workflow_job_run_backend_id',
      'name',
      'expires_at',
      'version',
      'mime_type',
    ]);
    checkIds(body);
    const name = requireString(body, 'name');
    if (/[":<>|*?\r\n\\/]/.test(name)) {
      throw new TwirpError({ code: 'invalid_argument', msg: `invalid artifact name ${name}` });
    }
    const version = body.version;
    if (version !== 7) {
      throw new TwirpError({
        code: 'invalid_argument',
        msg: `unsupported version ${String(version)}`,
      });
    }
    const mimeType = body.mime_type;
    if (mimeType !== undefined && typeof mimeType !== 'string') {
      throw new TwirpError({ code: 'invalid_argument', msg: 'mime_type must be a string' });
    }
    const expiresAt = body.expires_at;
    if (expiresAt !== undefined) {
      if (typeof expiresAt !== 'string' || !RFC3339.test(expiresAt)) {
        throw new TwirpError({ code: 'invalid_argument', msg: 'expires_at is not RFC 3339' });
      }
      if (Date.parse(expiresAt) <= Date.now()) {
        throw new TwirpError({ code: 'invalid_argument', msg: 'expires_at is in the past' });
      }
    }
    if (artifacts.some((a) => a.name === name && a.workflowRunBackendId === workflowRunBackendId)) {
      throw new TwirpError({
        code: 'already_exists',
        msg: `an artifact with this name already exists on the workflow run`,
      });
    }
    const artifact: StoredArtifact = {
      id: nextId++,
      name,
      workflowRunBackendId,
      workflowJobRunBackendId,
      mimeType: mimeType ?? null,
      expiresAt: expiresAt ?? null,
      version,
      finalized: false,
      blob: null,
      blobContentType: null,
      sha256: null,
      reportedSize: null,
      reportedHash: null,
    };
    artifacts.push(artifact);
    const blobPath = `/${ACCOUNT}/${CONTAINER}/${workflowRunBackendId}/workflow-job-run-${workflowJobRunBackendId}/uploads/${encodeURIComponent(name)}.zip`;
    const expires = Date.now() + 3600_000;
    const sig = createHmac('sha256', signingKey).update(`${blobPath}\n${expires}`).digest('base64');
    signatures.push(sig);
    blobs.set(blobPath, { artifact, sig, expires, blocks: new Map() });
    const query = new URLSearchParams({
      sv: STORAGE_VERSION,
      sr: 'b',
      sp: 'cw',
      se: new Date(expires).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sig,
    });
    return { ok: true, signed_upload_url: `${origin}${blobPath}?${query.toString()}` };
  };

  const finalizeArtifact = (body: Record<string, unknown>): unknown => {
    rejectUnknownFields(body, [
      'workflow_run_backend_id',
      'workflow_job_run_backend_id',
      'name',
      'size',
      'hash',
    ]);
    checkIds(body);
    const name = requireString(body, 'name');
    const artifact = artifacts.find((a) => a.name === name);
    if (!artifact) throw new TwirpError({ code: 'not_found', msg: `no artifact named ${name}` });
    if (artifact.finalized) {
      throw new TwirpError({ code: 'failed_precondition', msg: 'artifact already finalized' });
    }
    if (!artifact.blob) {
      throw new TwirpError({ code: 'failed_precondition', msg: 'no blob was committed' });
    }
    // int64 is a decimal string in proto3 JSON.
    const size = body.size;
    if (typeof size !== 'string' || !/^\d+$/.test(size)) {
      throw new TwirpError({ code: 'invalid_argument', msg: 'size must be an int64 string' });
    }
    if (Number(size) !== artifact.blob.length) {
      throw new TwirpError({
        code: 'invalid_argument',
        msg: `size ${size} differs from the blob (${artifact.blob.length} bytes)`,
      });
    }
    const hash = body.hash;
    if (hash !== undefined && hash !== `sha256:${artifact.sha256}`) {
      throw new TwirpError({ code: 'invalid_argument', msg: `hash ${String(hash)} differs` });
    }
    artifact.finalized = true;
    artifact.reportedSize = Number(size);
    artifact.reportedHash = typeof hash === 'string' ? hash : null;
    return { ok: true, artifact_id: String(artifact.id) };
  };

  const twirp = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    try {
      if (req.method !== 'POST') {
        throw new TwirpError({ code: 'invalid_argument', msg: 'twirp wants POST' });
      }
      if (req.headers.authorization !== `Bearer ${runtimeToken}`) {
        throw new TwirpError({ code: 'unauthenticated', msg: 'invalid runtime token' });
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new TwirpError({
          code: 'invalid_argument',
          msg: 'content-type must be application/json',
        });
      }
      const raw = (await readBody(req)).toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw new TwirpError({ code: 'invalid_argument', msg: 'the body is not JSON' });
      }
      const failure = takeFailure(method as FailurePoint);
      if (failure && isTwirpFailure(failure)) throw new TwirpError(failure);
      let answer: unknown;
      if (method === 'CreateArtifact') answer = createArtifact(body);
      else if (method === 'FinalizeArtifact') answer = finalizeArtifact(body);
      else throw new TwirpError({ code: 'not_found', msg: `no method ${method}` });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return 200;
    } catch (error) {
      const failure =
        error instanceof TwirpError
          ? error.failure
          : { code: 'internal' as const, msg: String(error) };
      const status = TWIRP_STATUS[failure.code];
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: failure.code, msg: failure.msg }));
      return status;
    }
  };

  const storageHeaders = (req: IncomingMessage) => ({
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(req.headers['x-ms-version'] ?? STORAGE_VERSION),
    date: new Date().toUTCString(),
  });

  const blob = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ) => {
    try {
      const body = await readBody(req);
      const entry = blobs.get(path);
      if (!entry || query.get('sig') !== entry.sig) {
        throw new BlobError({
          status: 403,
          code: 'AuthenticationFailed',
          message: 'Server failed to authenticate the request.',
        });
      }
      if (Date.now() > entry.expires) {
        throw new BlobError({
          status: 403,
          code: 'AuthenticationFailed',
          message: 'Signed expiry time has passed.',
        });
      }
      const failure = takeFailure('blob');
      if (failure && !isTwirpFailure(failure)) throw new BlobError(failure);
      if (req.method !== 'PUT') {
        throw new BlobError({ status: 405, code: 'UnsupportedHttpVerb', message: 'PUT only' });
      }
      const declared = Number(req.headers['content-length']);
      if (declared !== body.length) {
        throw new BlobError({
          status: 400,
          code: 'InvalidHeaderValue',
          message: 'Content-Length mismatch',
        });
      }
      const comp = query.get('comp');
      if (comp === 'block') {
        const blockId = query.get('blockid') ?? '';
        const decoded = Buffer.from(blockId, 'base64');
        if (blockId === '' || decoded.toString('base64') !== blockId || decoded.length > 64) {
          throw new BlobError({
            status: 400,
            code: 'InvalidQueryParameterValue',
            message: 'blockid',
          });
        }
        const sizes = new Set([...entry.blocks.keys()].map((id) => id.length));
        if (sizes.size > 0 && !sizes.has(blockId.length)) {
          throw new BlobError({
            status: 400,
            code: 'InvalidBlobOrBlock',
            message: 'block ids differ in length',
          });
        }
        entry.blocks.set(blockId, body);
        res
          .writeHead(201, { ...storageHeaders(req), 'x-ms-request-server-encrypted': 'true' })
          .end();
        return 201;
      }
      if (comp === 'blocklist') {
        const xml = body.toString('utf8');
        if (!/^(?:<\?xml[^>]*\?>)?\s*<BlockList>[\s\S]*<\/BlockList>\s*$/.test(xml)) {
          throw new BlobError({
            status: 400,
            code: 'InvalidXmlDocument',
            message: 'not a BlockList',
          });
        }
        const ids = [...xml.matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map(
          (m) => m[2] ?? '',
        );
        const parts = ids.map((id) => {
          const block = entry.blocks.get(id);
          if (!block)
            throw new BlobError({
              status: 400,
              code: 'InvalidBlockList',
              message: `unknown block ${id}`,
            });
          return block;
        });
        const committed = Buffer.concat(parts);
        entry.artifact.blob = committed;
        entry.artifact.sha256 = createHash('sha256').update(committed).digest('hex');
        entry.artifact.blobContentType =
          String(req.headers['x-ms-blob-content-type'] ?? '') || null;
        entry.blocks.clear();
        res
          .writeHead(201, {
            ...storageHeaders(req),
            etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
            'last-modified': new Date().toUTCString(),
            'x-ms-request-server-encrypted': 'true',
          })
          .end();
        return 201;
      }
      throw new BlobError({
        status: 400,
        code: 'InvalidQueryParameterValue',
        message: `comp=${comp ?? ''}`,
      });
    } catch (error) {
      const failure =
        error instanceof BlobError
          ? error.failure
          : { status: 500, code: 'InternalError', message: String(error) };
      const xml =
        `<?xml version="1.0" encoding="utf-8"?><Error><Code>${failure.code}</Code>` +
        `<Message>${failure.message}\nRequestId:${randomUUID()}\nTime:${new Date().toISOString()}</Message></Error>`;
      res
        .writeHead(failure.status, {
          ...storageHeaders(req),
          'content-type': 'application/xml',
          'x-ms-error-code': failure.code,
        })
        .end(xml);
      return failure.status;
    }
  };

  const sockets = new Set<Socket>();
  const hanging = new Set<FailurePoint>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const record = (status: number) =>
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status,
      });
    const twirpPrefix = `/twirp/${TWIRP_SERVICE}/`;
    const point: FailurePoint = url.pathname.startsWith(twirpPrefix)
      ? (url.pathname.slice(twirpPrefix.length) as FailurePoint)
      : 'blob';
    if (hanging.has(point)) {
      req.resume(); // read the body, answer nothing
      record(0);
      return;
    }
    const handled = url.pathname.startsWith(twirpPrefix)
      ? twirp(req, res, url.pathname.slice(twirpPrefix.length))
      : url.pathname.startsWith(`/${ACCOUNT}/`)
        ? blob(req, res, url.pathname, url.searchParams)
        : Promise.resolve(res.writeHead(404).end('not found')).then(() => 404);
    void handled.then(record);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtimeToken = makeRuntimeToken(
    workflowRunBackendId,
    workflowJobRunBackendId,
    signingKey,
    origin,
  );

  return {
    resultsUrl: `${origin}/`,
    runtimeToken,
    workflowRunBackendId,
    workflowJobRunBackendId,
    env: () => ({ ACTIONS_RUNTIME_TOKEN: runtimeToken, ACTIONS_RESULTS_URL: `${origin}/` }),
    artifacts,
    requests,
    signatures,
    fail(point, failure, times = Number.POSITIVE_INFINITY) {
      failures.set(point, { failure, left: times });
    },
    hang(point) {
      hanging.add(point);
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
