import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanForSecrets } from '../helpers/scan-secrets.js';
import { tempDirs } from '../helpers/temp-dir.js';

const temp = tempDirs();
afterEach(() => temp.cleanup());

const SECRET = 'pa$$ "word"/42';

describe('scanForSecrets', () => {
  it('finds every occurrence, in every leak form, in folders recursively, with byte offsets', () => {
    const dir = temp.make('scan');
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'raw.txt'), `é ${SECRET} and ${SECRET}`);
    const urlLine = encodeURIComponent(SECRET);
    const jsonLine = JSON.stringify({ v: SECRET });
    const base64Line = Buffer.from(SECRET).toString('base64');
    writeFileSync(join(dir, 'nested', 'forms.txt'), [urlLine, jsonLine, base64Line].join('\n'));
    const jsonOffset = Buffer.byteLength(`${urlLine}\n{"v":"`);
    const base64Offset = Buffer.byteLength(`${urlLine}\n${jsonLine}\n`);
    const findings = scanForSecrets([dir], [SECRET]);
    const masked = 'secret #0 (pa…, 14 chars)';
    expect(findings).toEqual(
      expect.arrayContaining([
        // "é " is 3 bytes in UTF-8.
        { file: join(dir, 'raw.txt'), secret: masked, form: 'raw', offset: 3 },
        { file: join(dir, 'raw.txt'), secret: masked, form: 'raw', offset: 22 },
        { file: join(dir, 'nested', 'forms.txt'), secret: masked, form: 'url-encoded', offset: 0 },
        {
          file: join(dir, 'nested', 'forms.txt'),
          secret: masked,
          form: 'json-escaped',
          offset: jsonOffset,
        },
        {
          file: join(dir, 'nested', 'forms.txt'),
          secret: masked,
          form: 'base64',
          offset: base64Offset,
        },
      ]),
    );
    expect(findings).toHaveLength(5);
    expect(JSON.stringify(findings)).not.toContain('word');
  });

  it('scans single files, ignores empty secrets and reports nothing for clean files', () => {
    const dir = temp.make('scan');
    const file = join(dir, 'clean.ndjson');
    writeFileSync(file, '{"url":"https://***@h/"}\n');
    expect(scanForSecrets([file], ['', 'absent-secret-1'])).toEqual([]);
  });

  it('hides short secrets entirely in its report', () => {
    const dir = temp.make('scan');
    writeFileSync(join(dir, 'f'), 'pin 4711');
    expect(scanForSecrets([dir], ['4711'])).toEqual([
      { file: join(dir, 'f'), secret: 'secret #0 (4 chars)', form: 'raw', offset: 4 },
    ]);
  });
});
