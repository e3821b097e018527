/**
 * The report from a folder of records: find them, verify and read each (a few at a time, one
 * record's facts kept, never its probe lines), aggregate, then write report.json, report.md
 * and report.html. No @actions/core here (report-step.ts connects the runner).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { aggregate, dedupe } from './aggregate.js';
import { findRecordFolders } from './find-records.js';
import type { IncidentIssuesRead } from './incidents.js';
import type { MonitorFact } from './read-monitor.js';
import { readRecord, type GateFact } from './read-record.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-md.js';
import type { Report } from './report-schema.js';
import type { SloConfig } from './slo.js';

export interface ReportRun {
  /** The folder of records on disk; not read when `read` is given. */
  records: string;
  /** Records already read (from GitHub: github/github-records.ts). */
  read?: FactsRead;
  /** Appended to report.md and the summary: where the records came from. */
  sourceNote?: string;
  reportDir: string;
  periodMs: number;
  periodLabel: string;
  now: number;
  /** SLO targets from the config input (slo-config.ts): compliance and error budgets. */
  slo?: SloConfig;
  /** Monitor mode's incident issues (github/incident-issues-source.ts), when listed. */
  incidents?: IncidentIssuesRead;
}

export interface ReportResult {
  report: Report;
  markdown: string;
  reportDir: string;
}

/** Thrown when the records folder cannot be read at all (not for a bad record). */
export class RecordsError extends Error {}

const PARALLEL = 4;

/** What a folder of records held: the verified facts and the records that did not count. */
export interface FactsRead {
  facts: GateFact[];
  /** Verified monitor runs: SLO evidence between deploys, never deployments. */
  monitors?: MonitorFact[];
  /** Record folders found, gates' and monitor runs' alike. */
  found: number;
  failed: Report['records']['failed_checksum'];
  skipped: Report['records']['skipped'];
}

export async function readFacts(root: string): Promise<FactsRead> {
  const facts: GateFact[] = [];
  const monitors: MonitorFact[] = [];
  const failed: Report['records']['failed_checksum'] = [];
  const skipped: Report['records']['skipped'] = [];
  let found = 0;
  const running = new Set<Promise<void>>();
  for await (const folder of findRecordFolders(root)) {
    found += 1;
    const task: Promise<void> = readRecord(root, folder.path, folder.kind).then((read) => {
      if (read.kind === 'fact') facts.push(read.fact);
      else if (read.kind === 'monitor') monitors.push(read.fact);
      else if (read.kind === 'failed-checksum')
        failed.push({ path: read.path, detail: read.detail });
      else skipped.push({ path: read.path, reason: read.reason });
    });
    running.add(task);
    void task.finally(() => running.delete(task));
    if (running.size >= PARALLEL) await Promise.race(running);
  }
  await Promise.all(running);
  const byPath = (a: { path: string }, b: { path: string }) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  return {
    facts: facts.sort(byPath),
    monitors: monitors.sort(byPath),
    found,
    failed: failed.sort(byPath),
    skipped: skipped.sort(byPath),
  };
}

async function readFolder(records: string): Promise<FactsRead> {
  const root = resolve(records);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new RecordsError(`records ${JSON.stringify(records)} is not a folder`);
  return readFacts(root);
}

export async function runReport(run: ReportRun): Promise<ReportResult> {
  const read = run.read ?? (await readFolder(run.records));
  const { unique, duplicates } = dedupe(read.facts);
  const report = aggregate(unique, {
    now: run.now,
    periodMs: run.periodMs,
    periodLabel: run.periodLabel,
    records: {
      found: read.found,
      counted: unique.length,
      duplicates,
      monitor_runs: read.monitors?.length ?? 0,
      failed_checksum: read.failed,
      skipped: read.skipped,
    },
    monitors: read.monitors ?? [],
    ...(run.slo ? { slo: run.slo } : {}),
    ...(run.incidents ? { incidents: run.incidents } : {}),
  });
  const reportDir = resolve(run.reportDir);
  await mkdir(reportDir, { recursive: true });
  const markdown = renderMarkdown(report) + (run.sourceNote ?? '');
  await writeFile(join(reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(reportDir, 'report.md'), markdown);
  await writeFile(join(reportDir, 'report.html'), renderHtml(report));
  return { report, markdown, reportDir };
}
