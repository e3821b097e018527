/** Judges one received response against the expectations. Pure: facts in, failure or success out. */
import type { ProbeFailure } from '../gate/types.js';
import { capText, quoteOutside } from '../summary/outside-text.js';
import type { JsonAssertion, ResponseExpectations } from './expectations.js';
import { patternFound } from '../settings/user-pattern.js';
import { valueAt } from './value-at.js';

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

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** A value found in a response, for a message: quoted when it is a string, always short. */
function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return quoteOutside(value, 60);
  return capText(JSON.stringify(value), 60);
}

/** Longer than any version a deploy stamps (a digest is 71 characters). */
const VERSION_SEEN_MAX = 200;

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
        ? `no version at ${version.where}; expected ${quoteOutside(want.expected)}`
        : `serving version ${quoteOutside(version.seen)}, expected ${quoteOutside(want.expected)}`;
    return { class: 'version', message };
  }
  if (want.forbidden !== undefined && version.seen === want.forbidden) {
    return {
      class: 'version',
      message: `still serving version ${quoteOutside(version.seen)}, the release that was rolled back`,
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
  // What a server says it runs is kept only up to a bound: it is quoted in reasons, the
  // summary and the record, and a 65 KB "version" must not grow them.
  const versionSeen =
    version.seen === undefined ? {} : { versionSeen: capText(version.seen, VERSION_SEEN_MAX) };

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
        : patternFound(body.source, body.flags, response.body);
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
