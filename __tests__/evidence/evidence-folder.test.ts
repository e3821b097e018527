/**
 * The evidence layer end to end, as the pipeline will use it: probe and metric lines appended as
 * they happen, audit.json written, the folder sealed, checked by coreutils, scanned byte by byte
 * for every secret, and uploaded (to the artifact service fake).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Attempt } from '../../src/gate/types.js';
import { uploadEvidence } from '../../src/evidence/artifact-upload.js';
import { writeAuditRecord } from '../../src/evidence/audit-file.js';
import { AUDIT_SCHEMA_VERSION } from '../../src/evidence/audit-schema.js';
import { EVIDENCE_FILES } from '../../src/evidence/layout.js';
import { NdjsonLog, readNdjson } from '../../src/evidence/ndjson-log.js';
import { probeLineSchema, toProbeLine } from '../../src/evidence/probe-record.js';
import { Redactor } from '../../src/secrets/redact.js';
import { sealEvidence, verifyEvidence } from '../../src/evidence/seal.js';
import { scanForSecrets } from '../helpers/scan-secrets.js';
import { rolledBackSample } from '../helpers/audit-samples.js';
import { FakeArtifactService } from '../helpers/fake-artifact-client.js';
import { tempDirs } from '../helpers/temp-dir.js';

const temp = tempDirs();
afterEach(() => temp.cleanup());

const FLY_TOKEN = 'FlyV1 fm2_lJPECAAAAAAAAMqgxBBxZmx5LWRlcGxveS10b2tlbg==,fm2_lJPETzZmaXJzdFBhcnR5';
const BASIC = 'prober:s3cret-Basic-pw';
const HEADER_TOKEN = 'hdr-tok-0f9e8d7c6b5a';
const SECRETS = [
  FLY_TOKEN,
  FLY_TOKEN.slice('FlyV1 '.length),
  BASIC,
  's3cret-Basic-pw',
  HEADER_TOKEN,
];

function attempt(seq: number, ok: boolean): Attempt {
  return {
    seq,
    url: `https://${BASIC}@shop.example/healthz?access_token=${HEADER_TOKEN}`,
    method: 'GET',
    phase: seq < 3 ? 'startup' : 'observe',
    run: 'release',
    scheduledAt: 1_772_366_400_000 + seq * 10_000,
    startedAt: 1_772_366_400_000 + seq * 10_000 + 3,
    ok,
    status: ok ? 200 : 502,
    latencyMs: 20 + seq,
    failure: ok
      ? undefined
      : { class: 'status', message: `status 502 from upstream (auth ${FLY_TOKEN})`, code: '502' },
    headers: {
      'content-type': 'application/json',
      'set-cookie': `sid=${HEADER_TOKEN}`,
      'x-request-id': `req-${seq}`,
    },
    bodySha256: 'c'.repeat(64),
    bodyExcerpt: JSON.stringify({
      debug: { authorization: `Basic ${btoa(BASIC)}` },
      echo: HEADER_TOKEN,
    }),
    bodyBytesRead: 120,
    bodyTruncated: false,
    redirects: [],
  };
}

describe('an audit folder from a rolled-back run', () => {
  it('holds valid, sealed, secret-free evidence that uploads whole', async () => {
    const dir = join(temp.make('evidence'), 'deploy-gate-audit');
    const redactor = new Redactor();
    for (const secret of [FLY_TOKEN, BASIC, HEADER_TOKEN]) redactor.addSecret(secret);

    const probes = new NdjsonLog(join(dir, EVIDENCE_FILES.probes), redactor);
    for (let seq = 1; seq <= 6; seq++)
      probes.append(toProbeLine(attempt(seq, seq < 3), { redactor }));
    const metrics = new NdjsonLog(join(dir, EVIDENCE_FILES.metrics), redactor);
    metrics.append({
      query: 'sum(rate(fly_edge_http_responses_count{app="shop"}[1m]))',
      endpoint: 'https://api.fly.io/prometheus/acme/api/v1/query',
      request_headers: { Authorization: FLY_TOKEN },
      value: 3.5,
    });
    const written = writeAuditRecord(
      dir,
      {
        ...rolledBackSample,
        reason: `status 502 (auth ${FLY_TOKEN})`,
        service: { ...rolledBackSample.service, urls: [attempt(1, true).url] },
        rollback: {
          ...rolledBackSample.rollback!,
          command: ['flyctl', 'deploy', '--image', 'registry.fly.io/shop:v42', '-t', FLY_TOKEN],
        },
        files: [EVIDENCE_FILES.probes, EVIDENCE_FILES.metrics],
      },
      redactor,
    );
    expect(written.problems).toEqual([]);
    await sealEvidence(dir, { schemaVersion: AUDIT_SCHEMA_VERSION, now: 1_772_366_700_000 });

    const lines = readNdjson(join(dir, EVIDENCE_FILES.probes));
    expect(lines.problems).toEqual([]);
    expect(lines.records).toHaveLength(6);
    for (const line of lines.records) expect(probeLineSchema.safeParse(line).success).toBe(true);

    const { stdout } = await promisify(execFile)('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir });
    expect(stdout.trim().split('\n')).toEqual([
      'audit.json: OK',
      'metrics.ndjson: OK',
      'probes.ndjson: OK',
    ]);
    expect(await verifyEvidence(dir)).toEqual({ ok: true, checked: 3, mismatches: [] });
    expect(scanForSecrets([dir], SECRETS)).toEqual([]);

    const service = new FakeArtifactService();
    const upload = await uploadEvidence({
      dir,
      name: 'deploy-gate-audit-deploy-1-1',
      client: service,
    });
    expect(upload).toMatchObject({
      uploaded: true,
      files: ['SHA256SUMS', 'audit.json', 'manifest.json', 'metrics.ndjson', 'probes.ndjson'],
    });
  });
});
