/** Turns zod issues into messages that name the field, the value found and what is accepted. */
import type { z } from 'zod';
import { valueAt } from '../probe/value-at.js';

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One line per issue: `health_checks.error_rate = 1.5: Too big: expected number to be <=1`. */
export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>, input: unknown): string[] {
  return issues.map((issue) => {
    const where = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return `${where} = ${show(valueAt(input, issue.path))}: ${issue.message}`;
  });
}
