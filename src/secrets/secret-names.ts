/**
 * Does a header, query parameter, JSON key or variable NAME say its value is a secret?
 *
 * Names are cut into lower-case segments (`X-Amz-Signature` -> x, amz, signature;
 * `apiKey` -> api, key) and judged segment by segment, so `monkey` or `authority` never match.
 */

/** Segments that end like this name a secret wherever they appear, free text included. */
const STRONG_ENDINGS = [
  'token',
  'secret',
  'password',
  'passwd',
  'apikey',
  'signature',
  'credential',
  'credentials',
  'cookie',
];

/** Whole segments that name a secret anywhere (also checked on two adjacent segments joined: api+key). */
const STRONG_WORDS = new Set([
  'pwd',
  'passphrase',
  'authorization',
  'privatekey',
  'accesskey',
  'secretkey',
  'sessionid',
  'sessionkey',
]);

/**
 * Too common in prose to trust there ("primary key: 5", "tests pass: 3"), but decisive as a
 * header name, a query parameter name or a JSON key: `?sig=`, `?key=`, `{"auth": ...}`.
 */
const WEAK_WORDS = new Set(['key', 'sig', 'auth', 'pass', 'session', 'jwt', 'otp', 'sas']);

/**
 * `structured`: the name comes from a header, a query string or an object key (weak words count).
 * `prose`: the name was spotted in free text such as `password: x` (only strong words count).
 */
export type NameContext = 'structured' | 'prose';

export function nameSegments(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((segment) => segment.length > 0);
}

/** The same few names (JSON keys, header names) are judged for every record: answers are kept. */
const MAX_REMEMBERED = 2048;
const MAX_REMEMBERED_CHARS = 128;
const remembered: Record<NameContext, Map<string, boolean>> = {
  structured: new Map(),
  prose: new Map(),
};

export function isSecretName(name: string, context: NameContext = 'structured'): boolean {
  if (name.length > MAX_REMEMBERED_CHARS) return judgeName(name, context);
  const known = remembered[context];
  let answer = known.get(name);
  if (answer === undefined) {
    answer = judgeName(name, context);
    if (known.size >= MAX_REMEMBERED) known.delete(known.keys().next().value as string);
    known.set(name, answer);
  }
  return answer;
}

function judgeName(name: string, context: NameContext): boolean {
  const segments = nameSegments(name);
  const isStrong = (word: string) =>
    STRONG_WORDS.has(word) || STRONG_ENDINGS.some((ending) => word.endsWith(ending));
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const joined = segment + (segments[i + 1] ?? '');
    if (isStrong(segment) || isStrong(joined)) return true;
    if (context === 'structured' && WEAK_WORDS.has(segment)) return true;
  }
  return false;
}
