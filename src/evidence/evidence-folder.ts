/**
 * The audit folder of one run, written as things happen: probes.ndjson and metrics.ndjson are
 * appended line by line, Fly snapshots written when taken, flyctl's output appended line by
 * line to rollback.log. Everything passes through the one Redactor of the run.
 *
 * No method throws: evidence that cannot be written (a full disk, a read-only folder, a path
 * under a file) is noted in WriteFailures and the gate goes on. The verdict and the rollback
 * come first; the step reports the missing paperwork at the end.
 */
import { appendFileSync, existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Attempt } from '../gate/types.js';
import type { MetricsRound, RoundJudgement } from '../metrics/judgement-types.js';
import type { FlySnapshot } from '../rollback/flyctl-results.js';
import { isLockFile } from './folder-lock.js';
import { EVIDENCE_FILES } from './layout.js';
import { makeDir } from './make-dir.js';
import { NdjsonLog } from './ndjson-log.js';
import { PROBE_LINE_SHAPE, toProbeLine } from './probe-record.js';
import type { Recorder } from './recorder.js';
import type { Redactor } from '../secrets/redact.js';
import { KEEP, type Shape } from '../secrets/redact-shape.js';
import { writeFailures, type WriteFailures } from './write-failures.js';

export const ROLLBACK_LOG = 'rollback.log';
export const SUMMARY_FILE = 'summary.md';

/** What redaction leaves alone in a metrics line: names, enums and numbers. */
const METRICS_LINE_SHAPE: Shape = {
  fields: {
    at: KEEP,
    name: KEEP,
    outcome: {
      fields: {
        kind: KEEP,
        value: KEEP,
        resultType: KEEP,
        seriesCount: KEEP,
        errorClass: KEEP,
        errorType: KEEP,
        code: KEEP,
        httpStatus: KEEP,
        durationMs: KEEP,
      },
    },
    judgement: { fields: { status: KEEP, observed: KEEP, limit: KEEP } },
  },
};

/**
 * A folder left by an earlier run (a persistent workspace, or a second gate in one job) would mix
 * two runs' evidence under one seal. Its contents are moved to a sibling folder, never deleted:
 * on GHES it may be the only copy. The folder itself and this run's lock stay where they are
 * (plan-run.ts checked that everything in it is evidence, and took the lock). Returns the new
 * name, when there was something to move; a failure to move is noted, never thrown.
 */
export function setAsidePrevious(
  dir: string,
  now: number,
  failures: WriteFailures = writeFailures,
): string | undefined {
  const path = resolve(dir);
  return failures.guard(path, () => {
    if (!existsSync(path)) return undefined;
    const entries = readdirSync(path).filter((name) => !isLockFile(name));
    if (entries.length === 0) return undefined;
    const aside = `${path}-previous-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    makeDir(aside);
    for (const name of entries) renameSync(join(path, name), join(aside, name));
    return aside;
  });
}

export class EvidenceFolder implements Recorder {
  readonly dir: string;
  /** Opened at the first line, so a folder that cannot be written costs nothing until then. */
  private probes: NdjsonLog | undefined;
  private metrics: NdjsonLog | undefined;
  /** Output of the rollback command that has not ended in a newline yet (a secret may span chunks). */
  private pendingOutput = '';

  constructor(
    dir: string,
    private readonly redactor: Redactor,
    private readonly versionHeader?: string,
    readonly failures: WriteFailures = writeFailures,
  ) {
    this.dir = resolve(dir);
    this.guard('', () => makeDir(this.dir));
  }

  /** Runs one write; a failure is noted against `relativePath` (in this folder) instead of thrown. */
  guard<T>(relativePath: string, write: () => T): T | undefined {
    return this.failures.guard(relativePath ? join(this.dir, relativePath) : this.dir, write);
  }

  /** Same, for a write that returns a promise (the seal). */
  guardAsync<T>(relativePath: string, write: () => Promise<T>): Promise<T | undefined> {
    return this.failures.guardAsync(relativePath ? join(this.dir, relativePath) : this.dir, write);
  }

  attempt(attempt: Attempt): void {
    this.guard(EVIDENCE_FILES.probes, () => {
      this.probes ??= new NdjsonLog(
        join(this.dir, EVIDENCE_FILES.probes),
        this.redactor,
        PROBE_LINE_SHAPE,
      );
      this.probes.append(
        toProbeLine(attempt, {
          redactor: this.redactor,
          ...(this.versionHeader ? { versionHeader: this.versionHeader } : {}),
        }),
      );
    });
  }

  metricsRound(round: MetricsRound, judgement: RoundJudgement): void {
    this.guard(EVIDENCE_FILES.metrics, () => this.appendMetrics(round, judgement));
  }

  private appendMetrics(round: MetricsRound, judgement: RoundJudgement): void {
    this.metrics ??= new NdjsonLog(
      join(this.dir, EVIDENCE_FILES.metrics),
      this.redactor,
      METRICS_LINE_SHAPE,
    );
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
    this.guard(relativePath, () => {
      const path = join(this.dir, relativePath);
      makeDir(dirname(path));
      writeFileSync(path, this.redactor.redactText(text));
    });
  }

  private appendRollbackLog(text: string): void {
    this.guard(ROLLBACK_LOG, () =>
      appendFileSync(join(this.dir, ROLLBACK_LOG), this.redactor.redactText(text)),
    );
  }
}
