/**
 * The report from a folder of records: find them, verify and read each (a few at a time, one
 * record's facts kept, never its probe lines), aggregate, then write report.json, report.md
 * and report.html. No @actions/core here (report-step.ts connects the runner).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { aggregate, dedupe } from './aggregate.js';
import { findRecordFolders } from './find-records.js';
import { readRecord, type GateFact } from './read-record.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-md.js';
import type { Report } from './report-schema.js';

export interface ReportRun {
  records: string;
  reportDir: string;
  periodMs: number;
  periodLabel: string;
  now: number;
}

export interface ReportResult {
  report: Report;
  markdown: string;
  reportDir: string;
}

/** Thrown when the records folder cannot be read at all (not for a bad record). */
export class RecordsError extends Error {}

const PARALLEL = 4;

export async function readFacts(root: string): Promise<{
  facts: GateFact[];
  found: number;
  failed: Report['records']['failed_checksum'];
  skipped: Report['records']['skipped'];
}> {
  const facts: GateFact[] = [];
  const failed: Report['records']['failed_checksum'] = [];
  const skipped: Report['records']['skipped'] = [];
  let found = 0;
  const running = new Set<Promise<void>>();
  for await (const folder of findRecordFolders(root)) {
    found += 1;
    const task: Promise<void> = readRecord(root, folder).then((read) => {
      if (read.kind === 'fact') facts.push(read.fact);
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
    found,
    failed: failed.sort(byPath),
    skipped: skipped.sort(byPath),
  };
}

export async function runReport(run: ReportRun): Promise<ReportResult> {
  const root = resolve(run.records);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new RecordsError(`records ${JSON.stringify(run.records)} is not a folder`);
  const read = await readFacts(root);
  const { unique, duplicates } = dedupe(read.facts);
  const report = aggregate(unique, {
    now: run.now,
    periodMs: run.periodMs,
    periodLabel: run.periodLabel,
    records: {
      found: read.found,
      counted: unique.length,
      duplicates,
      failed_checksum: read.failed,
      skipped: read.skipped,
    },
  });
  const reportDir = resolve(run.reportDir);
  await mkdir(reportDir, { recursive: true });
  const markdown = renderMarkdown(report);
  await writeFile(join(reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(reportDir, 'report.md'), markdown);
  await writeFile(join(reportDir, 'report.html'), renderHtml(report));
  return { report, markdown, reportDir };
}
