import type { Attempt } from '../../src/gate/types.js';
import {
  MAX_EXCERPT_CHARS,
  MAX_HEADER_VALUE_CHARS,
  probeLineSchema,
  toProbeLine,
} from '../../src/evidence/probe-record.js';
import { REDACTED, Redactor } from '../../src/secrets/redact.js';

const SECRET = 'probe-secret-token-123';

function redactor(): Redactor {
  const r = new Redactor();
  r.addSecret(SECRET);
  return r;
}

const failedAttempt: Attempt = {
  seq: 7,
  url: `https://deployer:pw@app.example/health?token=${SECRET}&verbose=1`,
  method: 'GET',
  phase: 'observe',
  run: 'release',
  scheduledAt: Date.UTC(2026, 2, 1, 12, 0, 0, 0),
  startedAt: Date.UTC(2026, 2, 1, 12, 0, 0, 250),
  ok: false,
  failure: { class: 'status', message: `status 503 not in 200-299 (echo ${SECRET})`, code: '503' },
  status: 503,
  latencyMs: 41.5,
  headers: {
    'content-type': 'application/json',
    'x-request-id': 'req-1',
    'fly-request-id': '01J-fly',
    'set-cookie': 'session=abc',
    authorization: 'Bearer leaked',
    'x-powered-by': 'Express',
    location: `/login?next=/&token=${SECRET}`,
    'x-app-version': '1.4.2',
  },
  bodySha256: 'a'.repeat(64),
  bodyExcerpt: `{"error":"down","password":"pw1","echo":"${SECRET}"}`,
  bodyBytesRead: 61,
  bodyTruncated: false,
  versionSeen: '1.4.2',
  redirects: ['https://app.example/a?sig=xyz', 'https://app.example/health'],
};

describe('toProbeLine', () => {
  it('maps every field, redacted, in the probes.ndjson shape', () => {
    const line = toProbeLine(failedAttempt, {
      redactor: redactor(),
      versionHeader: 'X-App-Version',
    });
    expect(line).toEqual({
      seq: 7,
      time: '2026-03-01T12:00:00.250Z',
      scheduled_at: '2026-03-01T12:00:00.000Z',
      run: 'release',
      phase: 'observe',
      method: 'GET',
      url: `https://${REDACTED}@app.example/health?token=${REDACTED}&verbose=1`,
      ok: false,
      status: 503,
      latency_ms: 41.5,
      error: {
        class: 'status',
        message: `status 503 not in 200-299 (echo ${REDACTED})`,
        code: '503',
      },
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'req-1',
        'fly-request-id': '01J-fly',
        location: `/login?next=/&token=${REDACTED}`,
        'x-app-version': '1.4.2',
      },
      body_sha256: 'a'.repeat(64),
      body_excerpt: `{"error":"down","password":"${REDACTED}","echo":"${REDACTED}"}`,
      body_bytes_read: 61,
      body_truncated: false,
      version_seen: '1.4.2',
      redirects: [`https://app.example/a?sig=${REDACTED}`, 'https://app.example/health'],
    });
    expect(probeLineSchema.parse(line)).toEqual(line);
  });

  it('never keeps secret headers, even when configured as the version header', () => {
    const attempt: Attempt = { ...failedAttempt, headers: { 'x-deploy-token': 'v9' } };
    const line = toProbeLine(attempt, { redactor: redactor(), versionHeader: 'x-deploy-token' });
    expect(line.headers).toEqual({});
  });

  it('uses nulls for what a connection failure never produced', () => {
    const attempt: Attempt = {
      seq: 1,
      url: 'http://127.0.0.1:1/health',
      method: 'HEAD',
      phase: 'startup',
      run: 'rollback',
      scheduledAt: 0,
      startedAt: 5,
      ok: false,
      latencyMs: 0.8,
      failure: { class: 'refused', message: 'connection refused', code: 'ECONNREFUSED' },
    };
    const line = toProbeLine(attempt, { redactor: new Redactor() });
    expect(line).toMatchObject({
      run: 'rollback',
      phase: 'startup',
      status: null,
      headers: {},
      body_sha256: null,
      body_excerpt: null,
      body_bytes_read: null,
      body_truncated: null,
      version_seen: null,
      redirects: [],
      error: { class: 'refused', message: 'connection refused', code: 'ECONNREFUSED' },
    });
    expect(probeLineSchema.safeParse(line).success).toBe(true);
  });

  it('keeps a successful probe without an error', () => {
    const attempt: Attempt = { ...failedAttempt, ok: true, failure: undefined, status: 200 };
    const line = toProbeLine(attempt, { redactor: redactor() });
    expect(line.error).toBeNull();
    expect(line.ok).toBe(true);
    expect(line.headers).not.toHaveProperty('x-app-version');
  });

  it('bounds the excerpt and masks a secret the 256-character cut split in two', () => {
    const body = `${'x'.repeat(MAX_EXCERPT_CHARS - 10)}${SECRET}`.slice(0, MAX_EXCERPT_CHARS);
    const attempt: Attempt = { ...failedAttempt, bodyExcerpt: body };
    const line = toProbeLine(attempt, { redactor: redactor() });
    expect(line.body_excerpt).toBe(`${'x'.repeat(MAX_EXCERPT_CHARS - 10)}${REDACTED}`);
    expect(line.body_excerpt).not.toContain(SECRET.slice(0, 10));
  });

  it('cuts an over-long excerpt without splitting a surrogate pair', () => {
    const attempt: Attempt = { ...failedAttempt, bodyExcerpt: `${'a'.repeat(255)}🙂tail` };
    const line = toProbeLine(attempt, { redactor: new Redactor() });
    expect(line.body_excerpt).toBe('a'.repeat(255));
    expect(probeLineSchema.safeParse(line).success).toBe(true);
  });

  it('bounds header values', () => {
    const attempt: Attempt = { ...failedAttempt, headers: { via: 'v'.repeat(5000) } };
    const line = toProbeLine(attempt, { redactor: new Redactor() });
    expect(line.headers['via']).toHaveLength(MAX_HEADER_VALUE_CHARS);
  });

  it('the schema rejects a line with an unknown failure class or a bad digest', () => {
    const line = toProbeLine(failedAttempt, { redactor: redactor() });
    const broken = { ...line, error: { class: 'gremlins', message: 'x', code: null } };
    expect(probeLineSchema.safeParse(broken).error?.issues[0]?.path).toEqual(['error', 'class']);
    const badDigest = { ...line, body_sha256: 'XYZ' };
    expect(probeLineSchema.safeParse(badDigest).error?.issues[0]?.path).toEqual(['body_sha256']);
  });
});
