/** Hand-made audit folders and monitor runs, valid by the real audit schema and sealed by the real seal. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUDIT_SCHEMA_VERSION,
  auditRecordSchema,
  type AuditRecord,
  type Verdict,
} from '../../src/evidence/audit-schema.js';
import { sealEvidence } from '../../src/evidence/seal.js';
import {
  MONITOR_RECORD_FILE,
  MONITOR_SCHEMA_VERSION,
  monitorRecordSchema,
} from '../../src/monitor/monitor-record.js';

export interface HandRecord {
  service: string;
  verdict: Verdict;
  started: string;
  ended: string;
  /** Times of failed release probes. */
  failures?: string[];
  attempts: number;
  successes: number;
  p95: number | null;
  rollbackVerified?: boolean;
  runId?: number;
  /** Rules that failed, as a gate writes them: the rule's name and its own words. */
  failedRules?: Array<{ rule: string; message: string }>;
  /** Latency percentiles when they differ from p95 (default: all equal to p95). */
  p50?: number | null;
  p99?: number | null;
}

export function auditJson(r: HandRecord): AuditRecord {
  const runId = r.runId ?? 1000;
  const rollback: AuditRecord['rollback'] =
    r.verdict === 'rolled-back' || r.verdict === 'rollback-failed'
      ? {
          triggered: true,
          reason: 'gate failed',
          from: '4',
          to: '3',
          image: 'registry.fly.io/shop:v3',
          command: ['flyctl', 'deploy'],
          exit_code: 0,
          started_at: r.ended,
          ended_at: r.ended,
          verified: r.rollbackVerified ?? false,
          verification_verdict: r.rollbackVerified ? 'healthy' : 'unhealthy',
        }
      : null;
  return auditRecordSchema.parse({
    schema_version: AUDIT_SCHEMA_VERSION,
    started_at: r.started,
    ended_at: r.ended,
    deployment: {
      id: `${runId}-1`,
      run_id: runId,
      run_attempt: 1,
      repository: 'acme/shop',
      workflow: 'deploy',
      job: 'gate',
      sha: '0123456789abcdef0123456789abcdef01234567',
      ref: 'refs/heads/main',
      run_url: `https://github.com/acme/shop/actions/runs/${runId}/attempts/1`,
      approver: 'octocat',
    },
    service: { name: r.service, app: null, urls: ['https://example.test/healthz'] },
    release_under_test: { version: null, image: null },
    verdict: r.verdict,
    reason: `verdict ${r.verdict}`,
    health_checks: {
      attempts: r.attempts,
      success_count: r.successes,
      failure_count: r.attempts - r.successes,
      duration_ms: Date.parse(r.ended) - Date.parse(r.started),
      error_rate: r.attempts ? (r.attempts - r.successes) / r.attempts : null,
      latency_ms: { p50: r.p50 ?? r.p95, p95: r.p95, p99: r.p99 ?? r.p95 },
    },
    policy: {},
    rules: (r.failedRules ?? []).map((f) => ({
      rule: f.rule,
      target: 'https://example.test/healthz',
      observed: null,
      limit: null,
      outcome: 'fail',
      message: f.message,
    })),
    rollback,
    files: ['probes.ndjson'],
    tool: { name: 'deploy-gate', version: '0.1.0' },
  });
}

/** Writes audit.json, probes.ndjson (one ok probe at the start, then the failures) and seals. */
export async function writeRecord(dir: string, r: HandRecord): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'audit.json'), `${JSON.stringify(auditJson(r), null, 2)}\n`);
  const probe = (seq: number, time: string, ok: boolean, run = 'release') =>
    JSON.stringify({ seq, time, scheduled_at: time, run, phase: 'startup', ok, latency_ms: 12 });
  const lines = [
    probe(1, r.started, true),
    ...(r.failures ?? []).map((t, i) => probe(i + 2, t, false)),
    // A failed probe of the rolled-back release is not the release's failure.
    probe(99, '2000-01-01T00:00:00.000Z', false, 'rollback'),
  ];
  writeFileSync(join(dir, 'probes.ndjson'), `${lines.join('\n')}\n`);
  await sealEvidence(dir, { schemaVersion: AUDIT_SCHEMA_VERSION, now: Date.parse(r.ended) });
}

export interface HandMonitorRun {
  started: string;
  ended: string;
  /** Per service: the probes the run counted and how many failed. */
  services: Array<{ service: string; probes: number; failed: number }>;
  /** An older schema version the record is written under (default: the current one). */
  schemaVersion?: string;
}

/** A monitor run's folder: monitor.json (valid by the real schema) and probes, sealed. */
export async function writeMonitorRun(dir: string, run: HandMonitorRun): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const version = run.schemaVersion ?? MONITOR_SCHEMA_VERSION;
  const record = monitorRecordSchema.parse({
    schema_version: version,
    kind: 'monitor',
    started_at: run.started,
    ended_at: run.ended,
    window: '30d',
    run_url: 'https://github.com/acme/shop/actions/runs/7000/attempts/1',
    services: run.services.map((s) => ({
      service: s.service,
      urls: [`https://${s.service}.example.test/healthz`],
      probes: s.probes,
      failed: s.failed,
      not_counted: 0,
      alert: 'none',
      slos: [],
      evidence: [],
    })),
  });
  writeFileSync(join(dir, MONITOR_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  const probe = (seq: number, ok: boolean) =>
    JSON.stringify({ seq, time: run.started, run: 'monitor', ok, latency_ms: 12 });
  writeFileSync(join(dir, 'probes.ndjson'), `${[probe(1, true), probe(2, false)].join('\n')}\n`);
  await sealEvidence(dir, { schemaVersion: version, now: Date.parse(run.ended) });
}
