/**
 * The JSON Schemas published in schema/, generated from the zod schemas so the two cannot drift.
 * scripts/gen-schema.ts writes them; a test fails when the committed files are stale.
 */
import { z } from 'zod';
import { reportSchema } from '../report/report-schema.js';
import { auditRecordSchema } from './audit-schema.js';
import { probeLineSchema } from './probe-record.js';
import { monitorRecordSchema } from '../monitor/monitor-record.js';

export interface PublishedSchema {
  /** Path relative to the repository root. */
  path: string;
  /** Exact file contents: 2-space JSON and a final newline. */
  text: string;
}

function render(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12' }), null, 2)}\n`;
}

export function publishedSchemas(): PublishedSchema[] {
  return [
    { path: 'schema/audit.schema.json', text: render(auditRecordSchema) },
    { path: 'schema/probe-line.schema.json', text: render(probeLineSchema) },
    { path: 'schema/report.schema.json', text: render(reportSchema) },
    { path: 'schema/monitor.schema.json', text: render(monitorRecordSchema) },
  ];
}
