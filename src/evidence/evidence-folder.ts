/**
 * The audit folder of one run, written as things happen: probes.ndjson and metrics.ndjson are
 * appended line by line, Fly snapshots written when taken, flyctl's output appended line by
 * line to rollback.log. Everything passes through the one Redactor of the run.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Attempt } from '../gate/types.js';
import type { MetricsRound, RoundJudgement } from '../metrics/judge-metrics.js';
import type { FlySnapshot } from '../rollback/flyctl.js';
import { EVIDENCE_FILES } from './layout.js';
import { NdjsonLog } from './ndjson-log.js';
import { toProbeLine } from './probe-record.js';
import type { Recorder } from './recorder.js';
import type { Redactor } from './redact.js';

export const ROLLBACK_LOG = 'rollback.log';
export const SUMMARY_FILE = 'summary.md';

/**
 * A folder left by an earlier run (a persistent workspace, or a second gate in one job) would mix
 * two runs' evidence under one seal. It is moved aside, never deleted: on GHES it may be the only
 * copy. Returns the new name, when there was something to move.
 */
export function setAsidePrevious(dir: string, now: number): string | undefined {
  const path = resolve(dir);
  if (!existsSync(path) || readdirSync(path).length === 0) return undefined;
  const aside = `${path}-previous-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  return aside;
}

export class EvidenceFolder implements Recorder {
  readonly dir: string;
  private readonly probes: NdjsonLog;
  private readonly metrics: NdjsonLog;
  /** Output of the rollback command that has not ended in a newline yet (a secret may span chunks). */
  private pendingOutput = '';

  constructor(
    dir: string,
    private readonly redactor: Redactor,
    private readonly versionHeader?: string,
  ) {
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
    this.probes = new NdjsonLog(join(this.dir, EVIDENCE_FILES.probes), redactor);
    this.metrics = new NdjsonLog(join(this.dir, EVIDENCE_FILES.metrics), redactor);
  }

  attempt(attempt: Attempt): void {
    this.probes.append(
      toProbeLine(attempt, {
        redactor: this.redactor,
        ...(this.versionHeader ? { versionHeader: this.versionHeader } : {}),
      }),
    );
  }

  metricsRound(round: MetricsRound, judgement: RoundJudgement): void {
    for (const m of round.measurements) {
      const finding = judgement.findings.find((f) => f.name === m.name);
      this.metrics.append({
        at: new Date(m.at).toISOString(),
        name: m.name,
        query: m.query,
        outcome: m.outcome,
        judgement: finding
          ? {
              status: finding.status,
              observed: finding.observed ?? null,
              limit: finding.limit ?? null,
              message: finding.message,
            }
          : null,
      });
    }
  }

  flySnapshot(app: string, when: 'before' | 'after', snapshot: Partial<FlySnapshot>): void {
    const suffix = when === 'after' ? '-after' : '';
    for (const [kind, output] of Object.entries(snapshot)) {
      if (output) this.write(`fly/${app}-${kind}${suffix}.json`, output.raw);
    }
  }

  rollbackOutput(chunk: string): void {
    const text = this.pendingOutput + chunk;
    const cut = text.lastIndexOf('\n');
    this.pendingOutput = text.slice(cut + 1);
    if (cut >= 0) this.appendRollbackLog(text.slice(0, cut + 1));
  }

  /** Writes what is left of the rollback output (a last line without a newline). */
  flushRollbackOutput(): void {
    if (this.pendingOutput) this.appendRollbackLog(`${this.pendingOutput}\n`);
    this.pendingOutput = '';
  }

  /** A whole file in the folder, redacted. */
  write(relativePath: string, text: string): void {
    const path = join(this.dir, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, this.redactor.redactText(text));
  }

  private appendRollbackLog(text: string): void {
    appendFileSync(join(this.dir, ROLLBACK_LOG), this.redactor.redactText(text));
  }
}
