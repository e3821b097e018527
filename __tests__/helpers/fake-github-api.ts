/**
 * A stand-in for the GitHub REST API's deployment endpoints on a real node:http server
 * (127.0.0.1), answering with GitHub's paths, status codes and JSON shapes:
 *
 *   POST /repos/{owner}/{repo}/deployments                     201 deployment (422 without ref)
 *   GET  /repos/{owner}/{repo}/deployments?environment=&sha=   200 list, newest first, paginated
 *   POST /repos/{owner}/{repo}/deployments/{id}/statuses       201 status (404 unknown id, 422 bad state)
 *   GET  /repos/{owner}/{repo}/deployments/{id}/statuses       200 list, newest first, paginated
 *
 * Requests need `authorization: token <token>` (401 otherwise, like GitHub). Every request is
 * recorded; `failNext` makes the next matching request fail with a given status and body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeDeployment {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
}

export interface FakeStatus {
  id: number;
  deployment_id: number;
  state: string;
  description: string;
  log_url: string;
  environment_url: string;
  environment: string;
  created_at: string;
}

export interface Failure {
  method: string;
  /** Matches the request path. */
  path: RegExp;
  status: number;
  body?: unknown;
  /** Hold the response this long (to exercise client timeouts). */
  delayMs?: number;
}

export interface FakeGitHubApi {
  url: string;
  token: string;
  requests: RecordedRequest[];
  deployments: FakeDeployment[];
  statuses: FakeStatus[];
  /** Adds an existing deployment (and its statuses, oldest first); returns its id. */
  seed(deployment: Partial<FakeDeployment>, states?: string[]): number;
  failNext(failure: Failure): void;
  close(): Promise<void>;
}

const STATES = new Set([
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
]);
/** Fixed timestamps keep responses deterministic. */
const CREATED_AT = '2026-01-01T00:00:00Z';

export async function startFakeGitHubApi(
  token = 'ghs_fakeTokenForTests0123456789',
): Promise<FakeGitHubApi> {
  const requests: RecordedRequest[] = [];
  const deployments: FakeDeployment[] = [];
  const statuses: FakeStatus[] = [];
  const failures: Failure[] = [];
  let nextId = 1000;
  const pending = new Set<NodeJS.Timeout>();
  let origin = '';

  const api = (path: string) => `${origin}${path}`;
  const deploymentJson = (d: FakeDeployment) => ({
    url: api(`/repos/${d.owner}/${d.repo}/deployments/${d.id}`),
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    created_at: d.created_at,
    updated_at: d.created_at,
    statuses_url: api(`/repos/${d.owner}/${d.repo}/deployments/${d.id}/statuses`),
    repository_url: api(`/repos/${d.owner}/${d.repo}`),
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
  });
  const statusJson = (s: FakeStatus, d: FakeDeployment) => ({
    url: api(`/repos/${d.owner}/${d.repo}/deployments/${d.id}/statuses/${s.id}`),
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    description: s.description,
    environment: s.environment,
    target_url: s.log_url,
    log_url: s.log_url,
    environment_url: s.environment_url,
    created_at: s.created_at,
    updated_at: s.created_at,
    deployment_url: api(`/repos/${d.owner}/${d.repo}/deployments/${d.id}`),
    repository_url: api(`/repos/${d.owner}/${d.repo}`),
  });

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse) =>
    send(res, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });

  /** GitHub's pagination: per_page (max 100), page, and a Link header with next/last. */
  const paginate = (
    res: ServerResponse,
    path: string,
    query: Record<string, string>,
    items: unknown[],
  ) => {
    const perPage = Math.min(Math.max(Number(query['per_page'] ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query['page'] ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number, rel: string) => {
      const params = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
      return `<${api(path)}?${params}>; rel="${rel}"`;
    };
    const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : [];
    send(
      res,
      200,
      items.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
  };

  const handle = (
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    record: RecordedRequest,
  ) => {
    if (req.headers.authorization !== `token ${token}`) {
      return send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    const failure = failures.findIndex(
      (f) => f.method === record.method && f.path.test(record.path),
    );
    if (failure !== -1) {
      const [f] = failures.splice(failure, 1) as [Failure];
      const answer = () =>
        send(res, f.status, f.body ?? { message: `Injected failure ${f.status}` });
      if (f.delayMs) {
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (!res.destroyed) answer();
        }, f.delayMs);
        pending.add(timer);
      } else {
        answer();
      }
      return;
    }
    const list = /^\/repos\/([^/]+)\/([^/]+)\/deployments$/.exec(record.path);
    const one = /^\/repos\/([^/]+)\/([^/]+)\/deployments\/(\d+)\/statuses$/.exec(record.path);
    if (list && record.method === 'POST') {
      const input = (body ?? {}) as Record<string, unknown>;
      if (typeof input['ref'] !== 'string' || input['ref'] === '') {
        return send(res, 422, {
          message: 'Invalid request.\n\n"ref" wasn\'t supplied.',
          status: '422',
        });
      }
      const id = (nextId += 1);
      const environment =
        typeof input['environment'] === 'string' ? input['environment'] : 'production';
      const deployment: FakeDeployment = {
        id,
        owner: list[1] as string,
        repo: list[2] as string,
        sha: input['ref'] as string,
        ref: input['ref'] as string,
        task: typeof input['task'] === 'string' ? input['task'] : 'deploy',
        environment,
        description: typeof input['description'] === 'string' ? input['description'] : null,
        payload: input['payload'] ?? {},
        transient_environment: input['transient_environment'] === true,
        production_environment:
          typeof input['production_environment'] === 'boolean'
            ? input['production_environment']
            : environment === 'production',
        created_at: CREATED_AT,
      };
      deployments.push(deployment);
      return send(res, 201, deploymentJson(deployment));
    }
    if (list && record.method === 'GET') {
      const matches = deployments
        .filter(
          (d) =>
            d.owner === list[1] &&
            d.repo === list[2] &&
            (record.query['environment'] === undefined ||
              d.environment === record.query['environment']) &&
            (record.query['sha'] === undefined || d.sha === record.query['sha']) &&
            (record.query['task'] === undefined || d.task === record.query['task']),
        )
        .sort((a, b) => b.id - a.id)
        .map(deploymentJson);
      return paginate(res, record.path, record.query, matches);
    }
    if (one) {
      const deployment = deployments.find(
        (d) => d.owner === one[1] && d.repo === one[2] && d.id === Number(one[3]),
      );
      if (!deployment) return notFound(res);
      if (record.method === 'POST') {
        const input = (body ?? {}) as Record<string, unknown>;
        const state = input['state'];
        if (typeof state !== 'string' || !STATES.has(state)) {
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'DeploymentStatus', field: 'state', code: 'invalid' }],
            status: '422',
          });
        }
        const description = typeof input['description'] === 'string' ? input['description'] : '';
        if (description.length > 140) {
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'DeploymentStatus',
                field: 'description',
                code: 'custom',
                message: 'description is too long (maximum is 140 characters)',
              },
            ],
            status: '422',
          });
        }
        const status: FakeStatus = {
          id: (nextId += 1),
          deployment_id: deployment.id,
          state,
          description,
          log_url: typeof input['log_url'] === 'string' ? input['log_url'] : '',
          environment_url:
            typeof input['environment_url'] === 'string' ? input['environment_url'] : '',
          environment: deployment.environment,
          created_at: CREATED_AT,
        };
        statuses.push(status);
        return send(res, 201, statusJson(status, deployment));
      }
      if (record.method === 'GET') {
        const items = statuses
          .filter((s) => s.deployment_id === deployment.id)
          .sort((a, b) => b.id - a.id)
          .map((s) => statusJson(s, deployment));
        return paginate(res, record.path, record.query, items);
      }
    }
    return notFound(res);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return send(res, 400, { message: 'Problems parsing JSON' });
      }
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      requests.push(record);
      handle(req, res, body, record);
    });
  });
  const loopback = await listenOnLoopback(server);
  origin = loopback.origin;

  return {
    url: origin,
    token,
    requests,
    deployments,
    statuses,
    seed(partial, states = []) {
      const id = (nextId += 1);
      const deployment: FakeDeployment = {
        id,
        owner: 'octo',
        repo: 'shop',
        sha: 'a'.repeat(40),
        ref: 'a'.repeat(40),
        task: 'deploy',
        environment: 'production',
        description: null,
        payload: {},
        transient_environment: false,
        production_environment: true,
        created_at: CREATED_AT,
        ...partial,
      };
      deployment.id = id;
      deployments.push(deployment);
      for (const state of states) {
        statuses.push({
          id: (nextId += 1),
          deployment_id: id,
          state,
          description: '',
          log_url: '',
          environment_url: '',
          environment: deployment.environment,
          created_at: CREATED_AT,
        });
      }
      return id;
    },
    failNext(failure) {
      failures.push(failure);
    },
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      await loopback.close();
    },
  };
}
