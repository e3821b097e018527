/**
 * The runner's file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE) are files: they
 * can be read-only, full, or gone. @actions/core throws then, and a throw there used to flip a
 * healthy verdict to `error` or crash Node. Each write goes through safeWrite: a failure becomes
 * one clear error annotation and the step goes on with the verdict it reached.
 */
import * as core from '@actions/core';
import { errorText } from '../evidence/error-text.js';
import { describeFailure, writeFailures, type WriteFailures } from '../evidence/write-failures.js';
import type { Redactor } from '../secrets/redact.js';
import { KEEP, redactShaped, type Shape } from '../secrets/redact-shape.js';

export type RunnerFile = 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY' | 'GITHUB_STATE';

/** What is lost when each file cannot be written. */
const CONSEQUENCE: Record<RunnerFile, string> = {
  GITHUB_OUTPUT:
    "this step's outputs are missing; the step's result and the job log give the verdict",
  GITHUB_STEP_SUMMARY: 'the job summary is missing; summary.md in the audit folder has it',
  GITHUB_STATE:
    'the post step cannot complete the audit record if this step is killed before it finishes',
};

/** Annotated once per file: a full disk would otherwise repeat it for every output. */
const reported = new Set<RunnerFile>();

function annotate(what: RunnerFile, error: unknown): void {
  if (reported.has(what)) return;
  reported.add(what);
  try {
    core.error(
      `deploy-gate could not write ${what} (${process.env[what] ?? 'not set'}): ${errorText(error)}. ${CONSEQUENCE[what]}.`,
      { title: `deploy-gate: ${what} is not writable` },
    );
  } catch {
    // stdout itself is gone: nothing else can be said
  }
}

/** Runs a synchronous write to a runner file; false (and one annotation) when it failed. */
export function safeWrite(what: RunnerFile, write: () => void): boolean {
  try {
    write();
    return true;
  } catch (error) {
    annotate(what, error);
    return false;
  }
}

/** The same for core.summary.write(). */
export async function safeWriteAsync(
  what: RunnerFile,
  write: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    annotate(what, error);
    return false;
  }
}

/**
 * Evidence that could not be written fails the step, loudly, after the gate and the rollback
 * have run and the outputs carry the real verdict: one error per file, naming the error.
 */
export function failOnEvidenceFailures(
  verdict: string,
  redactor: Redactor,
  failures: WriteFailures = writeFailures,
): void {
  const list = failures.list;
  if (list.length === 0) return;
  for (const f of list.slice(0, 8))
    core.error(redactor.redactText(describeFailure(f)), {
      title: 'deploy-gate: audit evidence could not be written',
    });
  core.setFailed(
    redactor.redactText(
      `deploy-gate: the audit evidence is incomplete (${list.length} file(s) could not be written, first ${describeFailure(list[0] as (typeof list)[number])}); the verdict ${verdict} stands`,
    ),
  );
}

/** Outputs a workflow compares (`verdict == 'healthy'`) or computes with: never masked. */
const STRUCTURAL_OUTPUTS = new Set([
  'verdict',
  'rolled-back',
  'attempts',
  'error-rate',
  'latency-p50-ms',
  'latency-p95-ms',
  'latency-p99-ms',
  'duration-ms',
  'release-under-test',
  'rollback-version',
  'artifact-id',
]);
const SERVICES_SHAPE: Shape = {
  each: { fields: { verdict: KEEP, 'rolled-back': KEEP } },
};

/**
 * One output, redacted as free text unless it is structural: a short secret equal to `healthy`
 * must not turn the verdict output into `***` (the gate's own values are not secrets).
 */
export function redactOutput(name: string, value: string, redactor: Redactor): string {
  if (STRUCTURAL_OUTPUTS.has(name)) return value;
  if (name === 'services') {
    try {
      return JSON.stringify(redactShaped(JSON.parse(value) as unknown, SERVICES_SHAPE, redactor));
    } catch {
      // not JSON: masked as text below
    }
  }
  return redactor.redactText(value);
}
