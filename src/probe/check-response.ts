/** Judges one received response against the expectations. Pure: facts in, failure or success out. */
import type { ProbeFailure } from '../gate/types.js';
import type { JsonAssertion, ResponseExpectations } from '../settings/settings.js';

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  /** The first bytes of the body as text (at most 64 KiB). */
  body: string;
  bodyTruncated: boolean;
  latencyMs: number;
}

export interface ResponseJudgement {
  failure?: ProbeFailure;
  versionSeen?: string;
}

export function statusAccepted(status: number, expect: ResponseExpectations): boolean {
  return expect.status.some((r) => status >= r.min && status <= r.max);
}

export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function assertionHolds(a: JsonAssertion, actual: unknown): boolean {
  const equal =
    actual !== undefined &&
    (JSON.stringify(actual) === JSON.stringify(a.literal) ||
      (typeof actual !== 'object' && String(actual) === a.raw));
  return a.op === '==' ? equal : !equal;
}

function readVersion(
  response: ReceivedResponse,
  expect: ResponseExpectations,
  json: () => ReturnType<typeof parseJson>,
): { seen?: string; where: string } {
  const version = expect.version;
  if (!version) return { where: '' };
  if (version.header) {
    return { seen: response.headers[version.header], where: `header ${version.header}` };
  }
  const parsed = json();
  const value = parsed.ok ? valueAt(parsed.value, version.path) : undefined;
  const seen =
    value === undefined || value === null || typeof value === 'object' ? undefined : String(value);
  return { seen, where: `body path ${version.path.join('.')}` };
}

function checkVersion(
  expect: ResponseExpectations,
  version: { seen?: string; where: string },
): ProbeFailure | undefined {
  const want = expect.version;
  if (!want) return undefined;
  if (want.expected !== undefined && version.seen !== want.expected) {
    const message =
      version.seen === undefined
        ? `no version at ${version.where}; expected ${want.expected}`
        : `serving version ${version.seen}, expected ${want.expected}`;
    return { class: 'version', message };
  }
  if (want.forbidden !== undefined && version.seen === want.forbidden) {
    return {
      class: 'version',
      message: `still serving version ${version.seen}, the release that was rolled back`,
    };
  }
  return undefined;
}

export function judgeResponse(
  response: ReceivedResponse,
  expect: ResponseExpectations,
  maxLatencyMs: number,
): ResponseJudgement {
  let parsed: ReturnType<typeof parseJson> | undefined;
  const json = () => (parsed ??= parseJson(response.body));
  const version = readVersion(response, expect, json);
  const versionSeen = version.seen === undefined ? {} : { versionSeen: version.seen };

  if (!statusAccepted(response.status, expect)) {
    return {
      failure: {
        class: 'status',
        message: `status ${response.status} not in ${expect.statusText}`,
      },
      ...versionSeen,
    };
  }
  const versionFailure = checkVersion(expect, version);
  if (versionFailure) return { failure: versionFailure, ...versionSeen };
  const body = expect.body;
  if (body) {
    const found =
      body.kind === 'substring'
        ? response.body.includes(body.text)
        : new RegExp(body.source, body.flags).test(response.body);
    if (!found) {
      const wanted =
        body.kind === 'substring' ? JSON.stringify(body.text) : `/${body.source}/${body.flags}`;
      return {
        failure: { class: 'assertion', message: `body does not contain ${wanted}` },
        ...versionSeen,
      };
    }
  }
  if (expect.json.length > 0) {
    const doc = json();
    if (!doc.ok) {
      const type = response.headers['content-type'] ?? 'no content-type';
      const why = response.bodyTruncated ? 'is larger than the 64 KiB read' : 'is not JSON';
      return {
        failure: {
          class: 'assertion',
          message: `body ${why} (${type}); cannot check ${expect.json[0]?.text}`,
        },
        ...versionSeen,
      };
    }
    for (const a of expect.json) {
      const actual = valueAt(doc.value, a.path);
      if (!assertionHolds(a, actual)) {
        return {
          failure: {
            class: 'assertion',
            message: `${a.text} failed: ${a.path.join('.')} is ${show(actual)}`,
          },
          ...versionSeen,
        };
      }
    }
  }
  if (response.latencyMs > maxLatencyMs) {
    return {
      failure: {
        class: 'too-slow',
        message: `took ${Math.round(response.latencyMs)} ms, over max-latency ${maxLatencyMs} ms`,
      },
      ...versionSeen,
    };
  }
  return versionSeen;
}
