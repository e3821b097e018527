/**
 * Append-only NDJSON: each record is redacted, serialized to one line and appended with a single
 * synchronous write, so a crash loses at most the record in flight and never reorders lines.
 * The file stays open in append mode from the first line on: opening and closing it for every
 * line cost more than the write itself at a thousand probes a second.
 */
import {
  appendFileSync,
  closeSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { errorText } from './error-text.js';
import { makeDir } from './make-dir.js';
import type { Redactor } from '../secrets/redact.js';
import { redactShaped, type Shape } from '../secrets/redact-shape.js';

export class NdjsonLog {
  readonly path: string;
  private readonly redactor: Redactor;
  // Plain fields, no parameter properties: the crash test runs this file with type stripping.
  private readonly shape: Shape | undefined;
  private appended = 0;
  private fd: number | undefined;

  /**
   * Creates the folder; seals a torn last line left by a killed writer so new lines stay whole.
   * `shape` names the structural fields of a line, which redaction leaves alone.
   */
  constructor(path: string, redactor: Redactor, shape?: Shape) {
    this.path = path;
    this.redactor = redactor;
    this.shape = shape;
    makeDir(dirname(path));
    if (endsInsideALine(path)) appendFileSync(path, '\n');
  }

  /** Lines appended by this writer. */
  get count(): number {
    return this.appended;
  }

  append(record: Readonly<Record<string, unknown>>): void {
    const line = JSON.stringify(redactShaped(record, this.shape, this.redactor));
    if (line === undefined || !line.startsWith('{')) {
      throw new TypeError(`an NDJSON record must be a JSON object, got ${typeof record}`);
    }
    this.fd ??= openSync(this.path, 'a');
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    for (let done = 0; done < bytes.length;)
      done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.appended += 1;
  }

  /** Closes the file (a later append opens it again). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function endsInsideALine(path: string): boolean {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

export interface NdjsonProblem {
  /** 1-based line number. */
  line: number;
  /** `torn`: the file ends without a newline (the writer was killed mid-line). */
  kind: 'torn' | 'invalid';
  message: string;
}

export interface NdjsonContents {
  records: unknown[];
  /** Lines that could not be read; a torn last line is expected after a crash. */
  problems: NdjsonProblem[];
}

/** Reads every whole line; a torn last line or a damaged line is reported, never thrown. */
export function readNdjson(path: string): NdjsonContents {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const records: unknown[] = [];
  const problems: NdjsonProblem[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      problems.push({ line: index + 1, kind: 'invalid', message: `not JSON: ${errorText(error)}` });
    }
  });
  if (tail !== '') {
    problems.push({
      line: lines.length + 1,
      kind: 'torn',
      message: `last line has no newline (${Buffer.byteLength(tail)} bytes): the writer stopped mid-record`,
    });
  }
  return { records, problems };
}
