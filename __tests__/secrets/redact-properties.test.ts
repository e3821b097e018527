/**
 * Property-style checks: many generated secrets, names and text shapes (seeded, so every run
 * explores the same cases). Each case states a property that must hold for all of them.
 */
import { REDACTED, Redactor } from '../../src/secrets/redact.js';
import { Prng } from '../helpers/prng.js';

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  'ABCDEFabcdef0123456789+/=_-.',
  '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~abc123',
  'aé漢ü🙂Ω0 ',
  'abc DEF 123 ',
];
const INNOCENT_WORDS = [
  'deploy',
  'health',
  'status',
  'ready',
  'release',
  'version',
  'region',
  'ams',
  'request',
  'latency',
  '200',
  'OK',
  'v1.4.2',
  '(checked)',
  'x-request-id',
];
const CASES = 300;

function secretFrom(prng: Prng): string {
  // A secret must be more than filler: start and end with letters so trimming changes nothing.
  return `k${prng.string(prng.pick(ALPHABETS), 6, 40)}Z`;
}

function fillerFrom(prng: Prng): string {
  const words: string[] = [];
  for (let i = prng.int(1, 6); i > 0; i--) words.push(prng.pick(INNOCENT_WORDS));
  return words.join(' ');
}

/** The forms a leak takes; the output must hold none of them. */
function leakForms(secret: string): string[] {
  const utf8 = Buffer.from(secret, 'utf8');
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    utf8.toString('base64').replace(/=+$/, ''),
    utf8.toString('base64url'),
  ];
}

function expectNoLeak(output: string, secret: string): void {
  for (const form of leakForms(secret)) {
    if (output.includes(form)) {
      throw new Error(`leaked ${JSON.stringify(form)} in ${JSON.stringify(output)}`);
    }
  }
}

/**
 * For base64 text, where the secret is not aligned to the 3-byte groups and so never appears as
 * base64(secret): decode what is left around the markers, at every offset, and look for any
 * 4 consecutive bytes of the secret.
 */
function expectNoBase64Leak(output: string, secret: string): void {
  const bytes = Buffer.from(secret, 'utf8');
  for (const piece of output.split(REDACTED)) {
    for (let offset = 0; offset < 4; offset++) {
      const decoded = Buffer.from(piece.slice(offset), 'base64');
      for (let start = 0; start + 4 <= bytes.length; start++) {
        if (decoded.includes(bytes.subarray(start, start + 4))) {
          throw new Error(`bytes ${start}-${start + 3} of the secret decode from ${output}`);
        }
      }
    }
  }
}

/** How a secret can be embedded in text the gate writes. */
const TEXT_SHAPES: Array<[string, (secret: string, filler: string) => string]> = [
  ['sentence', (s, f) => `${f} ${s} ${f}`],
  ['alone', (s) => s],
  ['twice, touching', (s, f) => `${f}${s}${s}${f}`],
  ['query value', (s, f) => `https://h.example/p?x=${f.length}&q=${encodeURIComponent(s)}`],
  ['userinfo', (s) => `https://deployer:${encodeURIComponent(s)}@h.example/`],
  ['custom header', (s, f) => `X-Echo: ${s}\r\nX-Note: ${f}`],
  ['JSON body', (s, f) => JSON.stringify({ note: f, data: s })],
  ['form body', (s, f) => `a=${f.length}&data=${encodeURIComponent(s)}`],
  ['base64 blob', (s, f) => Buffer.from(`${f}:${s}`).toString('base64')],
  ['base64url blob', (s, f) => Buffer.from(`${f}|${s}|${f}`).toString('base64url')],
];

describe('redaction properties over generated secrets', () => {
  const prng = new Prng(0x5eed);
  const cases = Array.from({ length: CASES }, () => ({
    secret: secretFrom(prng),
    filler: fillerFrom(prng),
    shape: prng.pick(TEXT_SHAPES),
  }));

  it('never lets a registered secret through, in any shape or encoding', () => {
    for (const { secret, filler, shape } of cases) {
      const redactor = new Redactor();
      redactor.addSecret(secret);
      const output = redactor.redactText(shape[1](secret, filler));
      expectNoLeak(output, secret);
      if (shape[0].startsWith('base64')) expectNoBase64Leak(output, secret);
      expect(output).toContain(REDACTED);
    }
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    for (const { secret, filler, shape } of cases) {
      const redactor = new Redactor();
      redactor.addSecret(secret);
      const once = redactor.redactText(shape[1](secret, filler));
      expect(redactor.redactText(once)).toBe(once);
    }
  });

  it('replaces exactly the secret and keeps the surrounding text', () => {
    for (const { secret, filler } of cases) {
      const redactor = new Redactor();
      redactor.addSecret(secret);
      expect(redactor.redactText(`${filler} ${secret} ${filler}`)).toBe(
        `${filler} ${REDACTED} ${filler}`,
      );
    }
  });

  it('leaves no tail of overlapping secrets, whatever the order they were added in', () => {
    for (let i = 0; i < CASES; i++) {
      const [head, middle, tail] = [secretFrom(prng), secretFrom(prng), secretFrom(prng)];
      const first = head + middle;
      const second = middle + tail;
      const redactor = new Redactor();
      for (const secret of prng.next() < 0.5 ? [first, second] : [second, first]) {
        redactor.addSecret(secret);
      }
      const filler = fillerFrom(prng);
      expect(redactor.redactText(`${filler} ${head}${middle}${tail} ${filler}`)).toBe(
        `${filler} ${REDACTED} ${filler}`,
      );
    }
  });

  it('masks a secret cut anywhere by an excerpt limit, down to its last 3 characters', () => {
    for (const { secret, filler } of cases) {
      const redactor = new Redactor();
      redactor.addSecret(secret);
      for (let keep = 4; keep < secret.length; keep += 3) {
        const excerpt = `${filler} ${secret.slice(0, keep)}`;
        const output = redactor.redactExcerpt(excerpt);
        expect(output).toBe(`${filler} ${REDACTED}`);
      }
    }
  });

  it('masks secrets at any depth of JSON-like data without changing its shape', () => {
    for (const { secret, filler } of cases) {
      const redactor = new Redactor();
      redactor.addSecret(secret);
      const data = { a: [{ b: `${filler} ${secret}` }, secret, 7], c: { d: null, e: true } };
      const output = redactor.redact(data);
      expectNoLeak(JSON.stringify(output), secret);
      expect(output).toEqual({
        a: [{ b: `${filler} ${REDACTED}` }, REDACTED, 7],
        c: { d: null, e: true },
      });
    }
  });
});

describe('redaction properties over generated secret-looking names', () => {
  const prng = new Prng(0xc0ffee);
  const SECRET_WORDS = [
    'token',
    'secret',
    'password',
    'passwd',
    'pwd',
    'api_key',
    'apiKey',
    'access_token',
    'signature',
    'credential',
  ];
  const DECORATIONS = ['', 'x-', 'X-Amz-', 'my_', 'client-', 'Fly-'];
  const SUFFIXES = ['', '_v2', '-value', 'Id'];

  function secretName(): string {
    const word = prng.pick(SECRET_WORDS);
    const cased = prng.next() < 0.3 ? word.toUpperCase() : word;
    return `${prng.pick(DECORATIONS)}${cased}${prng.pick(SUFFIXES)}`;
  }

  it('masks any value under a secret-looking name in queries, JSON, headers and assignments', () => {
    for (let i = 0; i < CASES; i++) {
      const name = secretName();
      const value = `v${prng.string(ALPHABETS[0] as string, 8, 24)}`;
      const redactor = new Redactor();
      const shapes = [
        `https://h.example/p?a=1&${encodeURIComponent(name)}=${value}&b=2`,
        `/cb?${name}=${value}`,
        JSON.stringify({ ok: true, [name]: value }),
        `${name}: ${value}`,
        `${name}=${value} next`,
      ];
      for (const text of shapes) {
        const output = redactor.redactText(text);
        if (output.includes(value)) {
          throw new Error(`name ${name}: ${JSON.stringify(text)} -> ${JSON.stringify(output)}`);
        }
      }
      expect(redactor.redactHeaders({ [name]: value })).toEqual({ [name]: REDACTED });
      expect(redactor.redact({ [name]: value })).toEqual({ [name]: REDACTED });
    }
  });

  it('keeps innocent text, URLs and headers unchanged', () => {
    const redactor = new Redactor();
    redactor.addSecret('a-registered-secret-value');
    for (let i = 0; i < CASES; i++) {
      const filler = fillerFrom(prng);
      const word = prng.pick(INNOCENT_WORDS).replace(/[()]/g, '');
      const texts = [
        filler,
        `https://app.example/${word}?page=${i}&sort=${word}#section`,
        JSON.stringify({ status: word, count: i, note: filler }),
        `content-type: text/plain; note=${word}`,
      ];
      for (const text of texts) expect(redactor.redactText(text)).toBe(text);
      expect(redactor.redactHeaders({ 'x-request-id': `${word}-${i}` })).toEqual({
        'x-request-id': `${word}-${i}`,
      });
    }
  });
});
