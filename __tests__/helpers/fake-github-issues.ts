/**
 * A stand-in for the GitHub REST API's issue endpoints on a real node:http server (127.0.0.1),
 * answering with GitHub's paths, status codes and JSON shapes:
 *
 *   POST  /repos/{owner}/{repo}/issues                 201 issue (422 without a title)
 *   GET   /repos/{owner}/{repo}/issues?state=&labels=&since=&per_page=&page=
 *                                                      200 list, newest first (`since`: updated
 *                                                      at or after it), paginated with a
 *                                                      Link header; pull requests included (with a
 *                                                      `pull_request` key), as GitHub does
 *   GET   /repos/{owner}/{repo}/issues/{n}             200 issue (404 unknown, 410 deleted)
 *   PATCH /repos/{owner}/{repo}/issues/{n}             200 issue (422 on a bad state or state_reason)
 *   POST  /repos/{owner}/{repo}/issues/{n}/comments    201 comment (422 without a body)
 *
 * Requests need `authorization: token <token>` or `Bearer <token>` (401 otherwise). Every
 * response carries GitHub's `x-ratelimit-*` headers (so a client must not read them alone as a
 * rate limit). Every request is recorded; `failNext` makes the next matching request fail with a
 * given status, body and headers (a 403 rate limit with `retry-after`, a 502, ...).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeLabel {
  id: number;
  name: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  created_at: string;
}

export interface FakeIssue {
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state: 'open' | 'closed';
  state_reason: string | null;
  /** Set for a pull request: GitHub's issue list returns those too. */
  pull_request: boolean;
  deleted: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface Failure {
  method: string;
  /** Matches the request path. */
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeGitHubIssues {
  url: string;
  token: string;
  requests: RecordedRequest[];
  issues: FakeIssue[];
  comments: FakeComment[];
  /** Adds an existing issue (or a pull request); returns its number. Numbers only grow. */
  seed(issue: Partial<FakeIssue>): number;
  /** Deletes an issue: it answers 410 from then on and leaves the list. */
  remove(number: number): void;
  failNext(failure: Failure): void;
  close(): Promise<void>;
}

const STATES = new Set(['open', 'closed']);
const STATE_REASONS = new Set(['completed', 'not_planned', 'duplicate', 'reopened']);
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const RATE_LIMIT = 1000;
/** The rate-limit window's reset: a fixed epoch second keeps responses deterministic. */
const RATE_RESET = 1_798_761_600;

export async function startFakeGitHubIssues(
  options: { token?: string; now?: () => number } = {},
): Promise<FakeGitHubIssues> {
  const token = options.token ?? 'ghs_fakeIssuesTokenForTests0123456789';
  const now = options.now ?? (() => Date.UTC(2026, 0, 1));
  const requests: RecordedRequest[] = [];
  const issues: FakeIssue[] = [];
  const comments: FakeComment[] = [];
  const failures: Failure[] = [];
  const labelIds = new Map<string, number>();
  let nextNumber = 1;
  let nextId = 5000;
  let used = 0;
  const sockets = new Set<Socket>();
  let origin = '';

  const stamp = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const api = (path: string) => `${origin}${path}`;
  const labelJson = (name: string) => {
    if (!labelIds.has(name)) labelIds.set(name, (nextId += 1));
    const id = labelIds.get(name) as number;
    return {
      id,
      node_id: `LA_${id}`,
      url: api(`/labels/${encodeURIComponent(name)}`),
      name,
      color: 'ededed',
      default: false,
      description: null,
    };
  };
  const issueJson = (i: FakeIssue) => {
    const base = `/repos/${i.owner}/${i.repo}/issues/${i.number}`;
    return {
      url: api(base),
      repository_url: api(`/repos/${i.owner}/${i.repo}`),
      comments_url: api(`${base}/comments`),
      html_url: `${origin}/${i.owner}/${i.repo}/${i.pull_request ? 'pull' : 'issues'}/${i.number}`,
      id: 100_000 + i.number,
      node_id: `I_${i.number}`,
      number: i.number,
      title: i.title,
      user: BOT,
      labels: i.labels.map(labelJson),
      state: i.state,
      state_reason: i.state_reason,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: comments.filter((c) => c.issue === i.number).length,
      created_at: i.created_at,
      updated_at: i.updated_at,
      closed_at: i.closed_at,
      author_association: 'NONE',
      body: i.body,
      ...(i.pull_request
        ? {
            pull_request: {
              url: api(`/repos/${i.owner}/${i.repo}/pulls/${i.number}`),
              merged_at: null,
            },
          }
        : {}),
    };
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    used += 1;
    res
      .writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': String(RATE_LIMIT),
        'x-ratelimit-remaining': String(Math.max(RATE_LIMIT - used, 0)),
        'x-ratelimit-reset': String(RATE_RESET),
        'x-ratelimit-used': String(used),
        'x-ratelimit-resource': 'core',
        ...headers,
      })
      .end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, message: string, extra: object = {}) =>
    send(res, status, {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
      ...extra,
    });
  const invalid = (res: ServerResponse, field: string, code = 'invalid') =>
    error(res, 422, 'Validation Failed', { errors: [{ resource: 'Issue', field, code }] });

  /** GitHub's pagination: per_page (max 100, default 30), page, and a Link header with next/last. */
  const paginate = (
    res: ServerResponse,
    path: string,
    query: Record<string, string>,
    items: unknown[],
  ) => {
    const perPage = Math.min(Math.max(Number(query['per_page'] ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query['page'] ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number, rel: string) =>
      `<${api(path)}?${new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) })}>; rel="${rel}"`;
    const links = [
      ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ];
    send(
      res,
      200,
      items.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse, record: RecordedRequest) => {
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`)
      return error(res, 401, 'Bad credentials');
    const at = failures.findIndex((f) => f.method === record.method && f.path.test(record.path));
    if (at !== -1) {
      const [f] = failures.splice(at, 1) as [Failure];
      return send(res, f.status, f.body ?? { message: `Injected failure ${f.status}` }, f.headers);
    }
    const input = (record.body ?? {}) as Record<string, unknown>;
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(record.path);
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)(\/comments)?$/.exec(record.path);
    if (list && record.method === 'POST') {
      if (typeof input['title'] !== 'string' || input['title'] === '')
        return invalid(res, 'title', 'missing_field');
      const labels = Array.isArray(input['labels'])
        ? input['labels'].map((l) =>
            typeof l === 'string' ? l : String((l as { name?: unknown }).name),
          )
        : [];
      const number = seed({
        owner: list[1] as string,
        repo: list[2] as string,
        title: input['title'],
        body: typeof input['body'] === 'string' ? input['body'] : null,
        labels,
      });
      return send(res, 201, issueJson(issues.find((i) => i.number === number) as FakeIssue));
    }
    if (list && record.method === 'GET') {
      const state = record.query['state'] ?? 'open';
      const wanted = (record.query['labels'] ?? '').split(',').filter((l) => l !== '');
      // GitHub's `since`: only issues updated at or after it (an ISO 8601 time).
      const since = record.query['since'] === undefined ? null : Date.parse(record.query['since']);
      if (since !== null && !Number.isFinite(since)) return invalid(res, 'since');
      const items = issues
        .filter(
          (i) =>
            i.owner === list[1] &&
            i.repo === list[2] &&
            !i.deleted &&
            (state === 'all' || i.state === state) &&
            (since === null || Date.parse(i.updated_at) >= since) &&
            wanted.every((l) => i.labels.includes(l)),
        )
        .sort((a, b) => b.number - a.number)
        .map(issueJson);
      return paginate(res, record.path, record.query, items);
    }
    if (!one) return error(res, 404, 'Not Found');
    const issue = issues.find(
      (i) => i.owner === one[1] && i.repo === one[2] && i.number === Number(one[3]),
    );
    if (!issue) return error(res, 404, 'Not Found');
    if (issue.deleted) return error(res, 410, 'This issue was deleted');
    if (one[4] && record.method === 'POST') {
      if (typeof input['body'] !== 'string' || input['body'] === '')
        return invalid(res, 'body', 'missing_field');
      const comment: FakeComment = {
        id: (nextId += 1),
        issue: issue.number,
        body: input['body'],
        created_at: stamp(),
      };
      comments.push(comment);
      issue.updated_at = comment.created_at;
      return send(res, 201, {
        id: comment.id,
        node_id: `IC_${comment.id}`,
        url: api(`/repos/${issue.owner}/${issue.repo}/issues/comments/${comment.id}`),
        html_url: `${issueJson(issue).html_url}#issuecomment-${comment.id}`,
        issue_url: api(`/repos/${issue.owner}/${issue.repo}/issues/${issue.number}`),
        body: comment.body,
        user: BOT,
        created_at: comment.created_at,
        updated_at: comment.created_at,
        author_association: 'NONE',
      });
    }
    if (!one[4] && record.method === 'GET') return send(res, 200, issueJson(issue));
    if (!one[4] && record.method === 'PATCH') {
      const state = input['state'];
      const reason = input['state_reason'];
      if (state !== undefined && (typeof state !== 'string' || !STATES.has(state)))
        return invalid(res, 'state');
      if (
        reason !== undefined &&
        reason !== null &&
        (typeof reason !== 'string' || !STATE_REASONS.has(reason))
      ) {
        return invalid(res, 'state_reason');
      }
      if (typeof input['title'] === 'string') issue.title = input['title'];
      if (typeof input['body'] === 'string') issue.body = input['body'];
      if (Array.isArray(input['labels'])) issue.labels = input['labels'].map(String);
      if (state === 'closed' && issue.state === 'open') {
        issue.state = 'closed';
        issue.closed_at = stamp();
        issue.state_reason = typeof reason === 'string' ? reason : 'completed';
      } else if (state === 'open' && issue.state === 'closed') {
        issue.state = 'open';
        issue.closed_at = null;
        issue.state_reason = 'reopened';
      }
      issue.updated_at = stamp();
      return send(res, 200, issueJson(issue));
    }
    return error(res, 404, 'Not Found');
  };

  function seed(partial: Partial<FakeIssue>): number {
    const number = partial.number ?? nextNumber;
    nextNumber = Math.max(nextNumber, number + 1);
    issues.push({
      owner: 'octo',
      repo: 'shop',
      title: 'An issue',
      body: null,
      labels: [],
      state: 'open',
      state_reason: null,
      pull_request: false,
      deleted: false,
      created_at: stamp(),
      updated_at: stamp(),
      closed_at: null,
      ...partial,
      number,
    });
    return number;
  }

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
        return error(res, 400, 'Problems parsing JSON');
      }
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      requests.push(record);
      handle(req, res, record);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    token,
    requests,
    issues,
    comments,
    seed,
    remove(number) {
      const issue = issues.find((i) => i.number === number);
      if (issue) issue.deleted = true;
    },
    failNext(failure) {
      failures.push(failure);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
