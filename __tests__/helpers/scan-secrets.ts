/**
 * Scans every byte of files (folders recursively) for secrets, in the forms a leak takes on disk:
 * raw, URL-encoded, form-encoded, JSON-escaped and base64. Written independently of the Redactor,
 * so a bug in the Redactor's own list of forms cannot hide itself here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretFinding {
  file: string;
  /** Which secret, masked: index, first two characters of long ones, length. */
  secret: string;
  /** The encoding found: raw, url-encoded, form-encoded, json-escaped, base64, base64url. */
  form: string;
  /** Byte offset in the file. */
  offset: number;
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => filesUnder(join(path, entry)));
}

function maskedName(secret: string, index: number): string {
  const hint = secret.length >= 8 ? `${secret.slice(0, 2)}…, ` : '';
  return `secret #${index} (${hint}${secret.length} chars)`;
}

function leakForms(secret: string): Array<{ form: string; bytes: Buffer }> {
  const utf8 = Buffer.from(secret, 'utf8');
  const candidates: Array<[string, string]> = [
    ['raw', secret],
    ['url-encoded', encodeURIComponent(secret)],
    ['form-encoded', new URLSearchParams([['', secret]]).toString().slice(1)],
    ['json-escaped', JSON.stringify(secret).slice(1, -1)],
    ['base64', utf8.toString('base64').replace(/=+$/, '')],
    ['base64url', utf8.toString('base64url')],
  ];
  const seen = new Set<string>();
  return candidates
    .filter(([, text]) => !seen.has(text) && seen.add(text))
    .map(([form, text]) => ({ form, bytes: Buffer.from(text, 'utf8') }));
}

export function scanForSecrets(paths: string[], secrets: string[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const files = paths.flatMap(filesUnder);
  secrets.forEach((secret, index) => {
    if (secret === '') return;
    for (const { form, bytes } of leakForms(secret)) {
      for (const file of files) {
        const content = readFileSync(file);
        for (let at = content.indexOf(bytes); at !== -1; at = content.indexOf(bytes, at + 1)) {
          findings.push({ file, secret: maskedName(secret, index), form, offset: at });
        }
      }
    }
  });
  return findings;
}
