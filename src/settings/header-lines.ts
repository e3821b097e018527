/**
 * The `headers` input: one `Name: value` per line. A header undici refuses would fail every probe
 * (undici 8, lib/core/request.js processHeader), so it is refused here, before the first request:
 *
 * - a name that is not an HTTP token, a value with a control character or a character above
 *   U+00FF (undici allows TAB, 0x20-0x7E and 0x80-0xFF);
 * - Transfer-Encoding, Keep-Alive and Upgrade (always refused), Expect (not supported),
 *   Connection unless it is a list of tokens;
 * - Content-Length, which undici checks against the body, and a probe sends none;
 * - the same name twice (undici refuses a second Host; the rest would be sent twice).
 *
 * Host is allowed: it selects a virtual host on the probed address. A secret value (under a
 * secret-looking name) too short to redact safely is refused too.
 * Values are secrets: messages name the line and the header, never the value.
 */
import { z } from 'zod';
import { isSecretName } from '../secrets/secret-names.js';
import { MIN_SECRET_LENGTH } from '../secrets/collect-secrets.js';

/** An HTTP token (RFC 9110): what a header name (and each Connection option) may be. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const INVALID_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

const REFUSED: Record<string, string> = {
  'transfer-encoding': 'undici refuses it; the probe sends no body',
  'keep-alive': 'undici refuses it; every probe opens its own connection',
  upgrade: 'undici refuses it; a probe is a plain HTTP exchange',
  expect: 'undici does not support it; the probe sends no body',
  'content-length': 'the probe sends no body, so undici would refuse any length but 0',
  'proxy-authorization':
    'it belongs to the proxy, not the service: put the credentials in HTTPS_PROXY/HTTP_PROXY (http://user:password@proxy:port)',
};

const ACCEPTED = 'accepted: one "Name: value" per line';

function headerProblem(name: string, value: string): string | undefined {
  const lower = name.toLowerCase();
  const refused = REFUSED[lower];
  if (refused) return `sets ${name}, which cannot be sent: ${refused}`;
  if (INVALID_VALUE_CHAR.test(value))
    return `has a value for ${name} with a control character or a character beyond Latin-1 (U+00FF), which HTTP cannot carry; ${ACCEPTED} with printable characters`;
  if (lower === 'connection' && !value.split(',').every((t) => TOKEN.test(t.trim())))
    return `has a Connection value that is not a comma-separated list of tokens; ${ACCEPTED}`;
  // Only values under a secret-looking name are secrets (see parse-inputs headerSecrets).
  if (value !== '' && value.length < MIN_SECRET_LENGTH && isSecretName(name, 'structured'))
    return `sets ${name} to a secret shorter than ${MIN_SECRET_LENGTH} characters, too short to redact safely from logs and evidence; accepted: at least ${MIN_SECRET_LENGTH} characters`;
  return undefined;
}

export const headerLines = () =>
  z.string().transform((text, ctx) => {
    const headers: Record<string, string> = {};
    const seen = new Map<string, number>();
    let ok = true;
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      ok = false;
    };
    for (const [index, raw] of text.split(/\r?\n/).entries()) {
      if (raw.trim() === '') continue;
      const line = index + 1;
      const colon = raw.indexOf(':');
      const name = colon > 0 ? raw.slice(0, colon).trim() : '';
      if (!TOKEN.test(name)) {
        fail(
          `line ${line} is not "Name: value" with a valid header name (letters, digits and !#$%&'*+.^_\`|~-); ${ACCEPTED}`,
        );
        continue;
      }
      const value = raw.slice(colon + 1).trim();
      const first = seen.get(name.toLowerCase());
      const problem =
        first !== undefined
          ? `sets ${name} again (first on line ${first}); accepted: each header once`
          : headerProblem(name, value);
      if (problem) fail(`line ${line} ${problem}`);
      seen.set(name.toLowerCase(), line);
      headers[name] = value;
    }
    return ok ? headers : z.NEVER;
  });
