import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NdjsonLog, readNdjson } from '../../src/evidence/ndjson-log.js';
import { REDACTED, Redactor } from '../../src/secrets/redact.js';
import { tempDirs } from '../helpers/temp-dir.js';

const temp = tempDirs();
afterEach(() => temp.cleanup());

function redactorWith(secret: string): Redactor {
  const redactor = new Redactor();
  redactor.addSecret(secret);
  return redactor;
}

describe('NdjsonLog', () => {
  it('creates the folder and appends one redacted JSON line per record', () => {
    const path = join(temp.make('ndjson'), 'nested', 'deeper', 'probes.ndjson');
    const log = new NdjsonLog(path, redactorWith('hunter2-secret'));
    log.append({ seq: 1, url: 'https://u:p@h/?token=abc', note: 'saw hunter2-secret' });
    log.append({ seq: 2, text: 'line\nbreaks\r\nand \u2028 separators stay inside one line' });
    expect(log.count).toBe(2);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0] as string)).toEqual({
      seq: 1,
      url: `https://${REDACTED}@h/?token=${REDACTED}`,
      note: `saw ${REDACTED}`,
    });
    expect(readNdjson(path)).toEqual({
      records: [
        JSON.parse(lines[0] as string),
        { seq: 2, text: 'line\nbreaks\r\nand \u2028 separators stay inside one line' },
      ],
      problems: [],
    });
  });

  it('appends to an existing file and never rewrites earlier lines', () => {
    const path = join(temp.make('ndjson'), 'metrics.ndjson');
    new NdjsonLog(path, new Redactor()).append({ seq: 1 });
    const before = readFileSync(path, 'utf8');
    new NdjsonLog(path, new Redactor()).append({ seq: 2 });
    const after = readFileSync(path, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(readNdjson(path).records).toEqual([{ seq: 1 }, { seq: 2 }]);
  });

  it('refuses a record that does not serialize to a JSON object', () => {
    const path = join(temp.make('ndjson'), 'x.ndjson');
    const log = new NdjsonLog(path, new Redactor());
    expect(() => log.append([1, 2] as unknown as Record<string, unknown>)).toThrow(
      'must be a JSON object',
    );
    expect(existsSync(path)).toBe(false);
  });

  it('seals a torn last line before appending, so the next record stays whole', () => {
    const path = join(temp.make('ndjson'), 'probes.ndjson');
    writeFileSync(path, '{"seq":1}\n{"seq":2,"url":"htt');
    const log = new NdjsonLog(path, new Redactor());
    log.append({ seq: 3 });
    const contents = readNdjson(path);
    expect(contents.records).toEqual([{ seq: 1 }, { seq: 3 }]);
    expect(contents.problems).toEqual([
      { line: 2, kind: 'invalid', message: expect.stringContaining('not JSON') },
    ]);
  });
});

describe('readNdjson', () => {
  it('reports a torn last line instead of failing', () => {
    const path = join(temp.make('ndjson'), 'probes.ndjson');
    writeFileSync(path, '{"seq":1}\n{"seq":2}\n{"seq":3,"lat');
    expect(readNdjson(path)).toEqual({
      records: [{ seq: 1 }, { seq: 2 }],
      problems: [
        {
          line: 3,
          kind: 'torn',
          message: 'last line has no newline (13 bytes): the writer stopped mid-record',
        },
      ],
    });
  });

  it('reports a damaged middle line and keeps reading', () => {
    const path = join(temp.make('ndjson'), 'probes.ndjson');
    writeFileSync(path, '{"seq":1}\nnot json\n\n{"seq":3}\n');
    const contents = readNdjson(path);
    expect(contents.records).toEqual([{ seq: 1 }, { seq: 3 }]);
    expect(contents.problems).toEqual([
      { line: 2, kind: 'invalid', message: expect.stringMatching(/^not JSON: /) },
    ]);
  });

  it('reads an empty file as no records', () => {
    const path = join(temp.make('ndjson'), 'empty.ndjson');
    writeFileSync(path, '');
    expect(readNdjson(path)).toEqual({ records: [], problems: [] });
  });
});

describe('a writer killed mid-run', () => {
  it('loses at most the record in flight: every complete line reads back, in order', async () => {
    const path = join(temp.make('ndjson-crash'), 'probes.ndjson');
    const secret = 'crash-test-secret-77';
    const script = fileURLToPath(new URL('../helpers/append-forever.ts', import.meta.url));
    const child = spawn(process.execPath, [script, path, secret], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Kill it once it has written a good number of lines (it writes thousands per second).
    while (!existsSync(path) || statSync(path).size < 200_000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const { records, problems } = readNdjson(path);
    expect(records.length).toBeGreaterThan(50);
    records.forEach((record, index) => expect(record).toMatchObject({ seq: index + 1 }));
    expect(problems.filter((problem) => problem.kind === 'invalid')).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(1);
    expect(readFileSync(path, 'utf8')).not.toContain(secret);

    // A new writer (the post step) continues the same file cleanly.
    new NdjsonLog(path, new Redactor()).append({ seq: 'after-crash' });
    const resumed = readNdjson(path);
    expect(resumed.records).toHaveLength(records.length + 1);
    expect(resumed.records.at(-1)).toEqual({ seq: 'after-crash' });
  });
});
