/**
 * Uploads the audit folder as a workflow artifact. Best effort by design: a failed upload (not in
 * Actions, GHES, a service error) becomes a warning; the files stay on disk, the verdict never changes.
 */
import { resolve } from 'node:path';
// Type only: the client (a large module) is loaded when an upload actually happens.
import type { ArtifactClient } from '@actions/artifact';
import { z } from 'zod';
import { errorText } from './error-text.js';
import { listFiles } from './list-files.js';
import { Redactor } from '../secrets/redact.js';
import { UPLOAD_CAP_MS } from '../service/paperwork.js';

/** The one method used, with the real client's signature, so tests can pass a faithful fake. */
export type ArtifactUploader = Pick<ArtifactClient, 'uploadArtifact'>;

/** Rejected by the artifact service (NTFS limits), per @actions/artifact's own validation. */
export const FORBIDDEN_ARTIFACT_NAME_CHARACTERS = [
  '"',
  ':',
  '<',
  '>',
  '|',
  '*',
  '?',
  '\r',
  '\n',
  '\\',
  '/',
] as const;

const FORBIDDEN_LIST = FORBIDDEN_ARTIFACT_NAME_CHARACTERS.map((c) =>
  c === '\r' ? '\\r' : c === '\n' ? '\\n' : c,
).join(' ');

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 90;

function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** zod schema for a user-given artifact name; issues name the input, the value and the rule. */
export function artifactNameInput(inputName = 'artifact-name') {
  return z.string().superRefine((value, ctx) => {
    const found = FORBIDDEN_ARTIFACT_NAME_CHARACTERS.filter((c) => value.includes(c));
    if (value.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        message: `Input "${inputName}" is ${shown(value)}: an artifact name must not be empty`,
      });
    } else if (found.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          `Input "${inputName}" is ${shown(value)}: an artifact name must not contain any of ` +
          `${FORBIDDEN_LIST} (found ${found.map(shown).join(', ')})`,
      });
    }
  });
}

/** zod schema for `retention-days`: empty means the repository default; else 1-90 whole days. */
export function retentionDaysInput(inputName = 'retention-days') {
  return z.union([z.string(), z.number()]).transform((raw, ctx): number | undefined => {
    const text = String(raw).trim();
    if (text === '') return undefined;
    const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS) return days;
    ctx.addIssue({
      code: 'custom',
      message:
        `Input "${inputName}" is ${shown(raw)}: accepted values are whole days from ` +
        `${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}, or empty for the repository default`,
    });
    return z.NEVER;
  });
}

/** Forbidden characters, control characters and whitespace become one "-"; ends are trimmed. */
function safePart(part: string | number): string {
  return String(part)
    .replace(/[":<>|*?\\/\s\p{Cc}]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64)
    .replace(/[-.]+$/, '');
}

export interface ArtifactNameParts {
  runId: number | string;
  runAttempt: number | string;
  /** GITHUB_JOB: the job's key in the workflow. */
  job: string;
  service?: string;
}

/**
 * The default name: unique per job and run attempt (an artifact name can be used once per run),
 * e.g. `deploy-gate-audit-api-deploy-1234567890-2`.
 */
export function artifactName(parts: ArtifactNameParts): string {
  return ['deploy-gate-audit', parts.service ?? '', parts.job, parts.runId, parts.runAttempt]
    .map(safePart)
    .filter((part) => part !== '')
    .join('-');
}

export interface UploadEvidenceOptions {
  dir: string;
  name: string;
  /** 1-90; undefined keeps the repository's default retention. */
  retentionDays?: number;
  /** Defaults to the real DefaultArtifactClient. */
  client?: ArtifactUploader;
  /** Masks secrets in the warning text (error messages may quote URLs). */
  redactor?: Redactor;
  /** The artifact client has no timeout of its own: a stalled service must not hang the step. */
  timeoutMs?: number;
  /**
   * Abandons the upload (a cancelled step, after its grace: see ../paperwork.ts). The client
   * takes no signal, so its requests are left behind; the entry's process.exit ends them.
   */
  signal?: AbortSignal;
  /** What the warning calls the upload (default "Audit evidence"). */
  label?: string;
}

/** Evidence is a few MB at most; the client retries 5xx for about 35 s before giving up. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = UPLOAD_CAP_MS;

class UploadTimeout extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UploadTimeout(
            `the artifact service did not finish within ${Math.round(ms / 1000)} s`,
          ),
        ),
      ms,
    );
    onAbort = () => reject(new UploadTimeout('the step was cancelled before the upload finished'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, deadline]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}

export type UploadOutcome =
  | {
      uploaded: true;
      name: string;
      id: number | null;
      size: number | null;
      digest: string | null;
      files: string[];
    }
  | {
      uploaded: false;
      name: string;
      warning: string;
      files: string[];
      /** A cancel cut the upload short (another try may succeed: the post step's). */
      cancelled?: true;
    };

/** Why the artifact service is unreachable from here, when the environment says so. */
function environmentHint(): string {
  if (!process.env['ACTIONS_RUNTIME_TOKEN']) {
    return ' (not inside a GitHub Actions JavaScript step: ACTIONS_RUNTIME_TOKEN is not set)';
  }
  if (!process.env['ACTIONS_RESULTS_URL']) return ' (ACTIONS_RESULTS_URL is not set)';
  return '';
}

export async function uploadEvidence(options: UploadEvidenceOptions): Promise<UploadOutcome> {
  const redactor = options.redactor ?? new Redactor();
  const { name } = options;
  let files: string[] = [];
  const notUploaded = (why: string): Extract<UploadOutcome, { uploaded: false }> => ({
    uploaded: false,
    name,
    files,
    warning: redactor.redactText(
      `${options.label ?? 'Audit evidence'} was not uploaded as artifact ${shown(name)}: ${why}. ` +
        `The files remain in ${options.dir}.`,
    ),
  });

  const nameCheck = artifactNameInput().safeParse(name);
  if (!nameCheck.success) return notUploaded(nameCheck.error.issues[0]?.message ?? 'invalid name');
  const days = options.retentionDays;
  if (days !== undefined && !retentionDaysInput().safeParse(days).success) {
    return notUploaded(
      `retention of ${days} days is not a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`,
    );
  }

  const root = resolve(options.dir);
  try {
    files = (await listFiles(root)).files;
  } catch (error) {
    return notUploaded(`the folder cannot be read (${errorText(error)})`);
  }
  if (files.length === 0) return notUploaded('the folder holds no files');

  // Outside a JavaScript step of Actions no upload can happen: say so without loading the
  // client, a 3.7 MB module that would cost the step a quarter of a second.
  if (!options.client && !process.env['ACTIONS_RUNTIME_TOKEN'])
    return notUploaded(`no upload is possible here${environmentHint()}`);
  try {
    const client =
      options.client ?? new (await import('@actions/artifact')).DefaultArtifactClient();
    const absolute = files.map((file) => resolve(root, file));
    const response = await withDeadline(
      client.uploadArtifact(
        name,
        absolute,
        root,
        days === undefined ? {} : { retentionDays: days },
      ),
      options.timeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
      options.signal,
    );
    return {
      uploaded: true,
      name,
      files,
      id: response.id ?? null,
      size: response.size ?? null,
      digest: response.digest ?? null,
    };
  } catch (error) {
    if (error instanceof UploadTimeout && options.signal?.aborted)
      return { ...notUploaded(errorText(error)), cancelled: true };
    return notUploaded(`${errorText(error)}${environmentHint()}`);
  }
}
