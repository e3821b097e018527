/**
 * Redaction: every byte the gate writes (evidence files, logs, summaries, outputs) goes through a
 * Redactor first. It masks known secret values in all their encodings, then anything that looks
 * secret by its shape: credential headers, URL userinfo, secret-named query parameters and JSON
 * keys, `Bearer`/`FlyV1` credentials and well-known token formats.
 */
import { isSecretName } from './secret-names.js';
import { MIN_DERIVED_LENGTH, secretForms } from './secret-forms.js';

/** The marker GitHub itself uses for masked values. */
export const REDACTED = '***';

/** A cut-off excerpt that ends with this many characters of a secret gets its tail masked. */
const MIN_TAIL_FRAGMENT = 4;

/** `scheme://` followed by anything up to whitespace, quotes or angle brackets. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** `?name=value`, `&name=value` and a form body's first `name=value`. */
const QUERY_PAIR = /(^|[?&;])([^=&#\s"'<>?;]+)=([^&#\s"'<>;]*)/g;
/** `"name": "value"` (the closing quote may be missing when an excerpt was cut). */
const JSON_STRING_PAIR = /"((?:[^"\\\n]|\\.){1,200})"(\s*:\s*)"((?:[^"\\]|\\.?)*)("?)/g;
/** `"name": 123`. */
const JSON_NUMBER_PAIR = /"((?:[^"\\\n]|\\.){1,200})"(\s*:\s*)(-?\d[\d.eE+-]*)/g;
/** `\"name\":\"value\"`: JSON serialized inside a JSON string. */
const ESCAPED_JSON_PAIR = /\\"([^"\\\n]{1,200})\\"(\s*:\s*)\\"((?:[^"\\]|\\[^"])*)((?:\\")?)/g;
/** `'name': 'value'` (Python and JavaScript reprs). */
const SINGLE_QUOTED_PAIR = /'([^'\\\n]{1,200})'(\s*:\s*)'((?:[^'\\]|\\.?)*)('?)/g;
/** `Name:` before a value: HTTP headers, YAML, log lines. The value runs to the end of the line. */
const NAME_COLON = /(?<![\w-])([A-Za-z][\w-]*)[ \t]*:[ \t]*(?=[^\r\n])/g;
/** `name=value`, `--name=value`, `export NAME="value"`. */
const ASSIGNMENT = /(?<![\w.-])(-{0,2}[A-Za-z_][\w.-]*)=("[^"]*"?|'[^']*'?|[^\s&"'<>,;]+)/g;
/** A credential after an auth scheme in free text. */
const AUTH_SCHEME_IN_TEXT = /\b(Bearer|FlyV1|Basic)(\s+)([A-Za-z0-9\-._~+/=,:]+)/gi;
/** Token formats recognisable on their own: Fly macaroons, GitHub tokens, JWTs. */
const KNOWN_TOKEN_SHAPES = [
  /\bf[mo]\d_[A-Za-z0-9+/=_-]{8,}/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  /\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/g,
];
/**
 * Probe lines repeat the same strings (keys, URLs, header values, excerpts) thousands of times,
 * and redacting each from scratch was over a third of what a 300-URL gate allocated. Results for
 * short strings are remembered (three caches, at most about 3 MB), and forgotten whenever a secret is added.
 */
const CACHE_MAX_CHARS = 256;
const CACHE_MAX_ENTRIES = 2048;

/** An argv flag whose next element is its value: `--access-token <value>`. */
const SECRET_FLAG = /^-{1,2}[A-Za-z][\w-]*$/;

/** Headers may arrive as undici gives them: a string, a list of strings, or missing. */
export type HeaderValue = string | string[] | number | undefined;

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return component;
  }
}

/** Words that follow "Bearer" in prose ("Bearer token authentication is required"). */
const PROSE_AFTER_SCHEME = new Set([
  'token',
  'tokens',
  'authentication',
  'authorization',
  'credential',
  'credentials',
  'scheme',
  'realm',
  'header',
  'required',
]);

/**
 * `Bearer abc.def` and `Bearer abcdefgh` are credentials; `Bearer token.` is prose. Anything of
 * MIN_DERIVED_LENGTH characters or more counts, letters only included (a token can be all
 * letters), except the few words that follow the scheme's name in prose: when in doubt, mask.
 */
function looksLikeCredential(scheme: string, credential: string): boolean {
  if (credential === REDACTED) return false;
  if (scheme.toLowerCase() === 'flyv1') return true;
  const body = credential.replace(/[.,:]+$/, '');
  return body.length >= MIN_DERIVED_LENGTH && !PROSE_AFTER_SCHEME.has(body.toLowerCase());
}

export class Redactor {
  private readonly forms = new Set<string>();
  private longestFirst: string[] = [];
  private readonly textCache = new Map<string, string>();
  private readonly urlCache = new Map<string, string>();
  private readonly excerptCache = new Map<string, string>();

  /** Registers a secret and its derived forms. Empty or missing values are ignored. */
  addSecret(value: string | null | undefined): void {
    if (!value) return;
    for (const form of secretForms(value)) this.forms.add(form);
    this.longestFirst = [...this.forms].sort((a, b) => b.length - a.length);
    this.textCache.clear();
    this.urlCache.clear();
    this.excerptCache.clear();
  }

  /** How many distinct strings are masked (a secret counts once per derived form). */
  get formCount(): number {
    return this.forms.size;
  }

  /** Masks known secrets and secret-looking values in any text (bodies, messages, logs). */
  redactText(text: string): string {
    if (text.length === 0) return text;
    return cached(this.textCache, text, () => this.maskPatterns(this.maskKnown(text)));
  }

  /**
   * For text cut at an arbitrary point (a body excerpt): a secret straddling the cut leaves only
   * its beginning, which no longer equals the secret, so a tail that starts a secret is masked too.
   */
  redactExcerpt(text: string): string {
    if (text.length === 0) return text;
    return cached(this.excerptCache, text, () =>
      this.maskPatterns(this.maskCutTail(this.maskKnown(text))),
    );
  }

  /** Masks userinfo, secret-named query/fragment parameters and known secrets in one URL. */
  redactUrl(url: string): string {
    if (url.length === 0) return url;
    return cached(this.urlCache, url, () =>
      this.maskTokenShapes(maskUrlParts(this.maskKnown(url))),
    );
  }

  /** A copy: secret-named headers become `***`, other values are redacted as text. */
  redactHeaders(headers: Readonly<Record<string, HeaderValue>>): Record<string, string | string[]> {
    const copy: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      const secret = isSecretName(name, 'structured');
      const mask = (one: string) => (secret ? REDACTED : this.redactText(one));
      copy[name] = Array.isArray(value) ? value.map(mask) : mask(String(value));
    }
    return copy;
  }

  /**
   * Deep copy of JSON-like data with every string redacted; strings under a secret-looking key
   * (`password`, `apiKey`, `X-Amz-Signature`...) become `***` whatever they contain. Numbers and
   * booleans stay: they keep the record's types, and counts like `max_tokens` are not secrets.
   */
  redact<T>(value: T): T {
    return this.redactValue(value, false, new Set()) as T;
  }

  private redactValue(value: unknown, underSecretKey: boolean, path: Set<object>): unknown {
    if (typeof value === 'string') {
      return underSecretKey && value !== '' ? REDACTED : this.redactText(value);
    }
    if (value === null || typeof value !== 'object') return value;
    if (path.has(value)) throw new TypeError('cannot redact a circular structure');
    path.add(value);
    try {
      if (Array.isArray(value)) return this.redactArray(value, underSecretKey, path);
      const withToJson = value as { toJSON?: () => unknown };
      if (typeof withToJson.toJSON === 'function') {
        return this.redactValue(withToJson.toJSON(), underSecretKey, path);
      }
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const secretKey = underSecretKey || isSecretName(key, 'structured');
        copy[this.redactText(key)] = this.redactValue(item, secretKey, path);
      }
      return copy;
    } finally {
      path.delete(value);
    }
  }

  private redactArray(items: unknown[], underSecretKey: boolean, path: Set<object>): unknown[] {
    return items.map((item, index) => {
      const previous = items[index - 1];
      const followsSecretFlag =
        typeof previous === 'string' &&
        SECRET_FLAG.test(previous) &&
        isSecretName(previous, 'prose');
      if (followsSecretFlag && typeof item === 'string' && item !== '') return REDACTED;
      return this.redactValue(item, underSecretKey, path);
    });
  }

  /** Replaces the union of all occurrences, so overlapping secrets cannot leave a tail behind. */
  private maskKnown(text: string): string {
    const ranges: Array<[number, number]> = [];
    for (const form of this.longestFirst) {
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        ranges.push([at, at + form.length]);
      }
    }
    if (ranges.length === 0) return text;
    ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let out = '';
    let cursor = 0;
    let open: [number, number] | undefined;
    for (const range of ranges) {
      if (open && range[0] <= open[1]) {
        open[1] = Math.max(open[1], range[1]);
        continue;
      }
      if (open) {
        out += text.slice(cursor, open[0]) + REDACTED;
        cursor = open[1];
      }
      open = [range[0], range[1]];
    }
    if (open) out += text.slice(cursor, open[0]) + REDACTED + text.slice(open[1]);
    return out;
  }

  private maskCutTail(text: string): string {
    let longest = 0;
    for (const form of this.longestFirst) {
      const maxFragment = Math.min(form.length - 1, text.length);
      for (let size = maxFragment; size >= MIN_TAIL_FRAGMENT && size > longest; size--) {
        if (text.endsWith(form.slice(0, size))) {
          longest = size;
          break;
        }
      }
    }
    return longest === 0 ? text : text.slice(0, text.length - longest) + REDACTED;
  }

  private maskPatterns(text: string): string {
    let out = text.replace(URL_IN_TEXT, (url) => maskUrlParts(url));
    out = out.replace(QUERY_PAIR, (match, lead: string, name: string, value: string) =>
      value !== '' && isSecretName(safeDecode(name), 'structured')
        ? `${lead}${name}=${REDACTED}`
        : match,
    );
    out = maskQuotedPairs(out);
    out = maskSecretLines(out);
    out = out.replace(ASSIGNMENT, (match, name: string) =>
      isSecretName(name, 'prose') ? `${name}=${REDACTED}` : match,
    );
    out = out.replace(
      AUTH_SCHEME_IN_TEXT,
      (match, scheme: string, gap: string, credential: string) =>
        looksLikeCredential(scheme, credential) ? `${scheme}${gap}${REDACTED}` : match,
    );
    return this.maskTokenShapes(out);
  }

  private maskTokenShapes(text: string): string {
    return KNOWN_TOKEN_SHAPES.reduce((out, shape) => out.replace(shape, REDACTED), text);
  }
}

/** A pure function's result for `key`, remembered (the oldest entry goes first when full). */
function cached(cache: Map<string, string>, key: string, compute: () => string): string {
  if (key.length > CACHE_MAX_CHARS) return compute();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * `Authorization: Bearer x` -> `Authorization: ***`, to the end of the line. Every `name:` is
 * examined, including one inside another's value (`Error: invalid token: x`), which a single
 * consuming regular expression would skip.
 */
function maskSecretLines(text: string): string {
  let out = '';
  let cursor = 0;
  for (const match of text.matchAll(NAME_COLON)) {
    const valueStart = match.index + match[0].length;
    if (match.index < cursor || !isSecretName(match[1] ?? '', 'prose')) continue;
    const lineLength = text.slice(valueStart).search(/[\r\n]/);
    out += text.slice(cursor, valueStart) + REDACTED;
    cursor = lineLength === -1 ? text.length : valueStart + lineLength;
  }
  return out + text.slice(cursor);
}

function maskQuotedPairs(text: string): string {
  const maskString =
    (quote: string) =>
    (match: string, ...groups: string[]) => {
      const [name = '', separator = '', value = '', closing = ''] = groups;
      if (value === '' || !isSecretName(name, 'structured')) return match;
      return `${quote}${name}${quote}${separator}${quote}${REDACTED}${closing}`;
    };
  return text
    .replace(JSON_STRING_PAIR, maskString('"'))
    .replace(ESCAPED_JSON_PAIR, maskString('\\"'))
    .replace(SINGLE_QUOTED_PAIR, maskString("'"))
    .replace(JSON_NUMBER_PAIR, (match, name: string, separator: string) =>
      isSecretName(name, 'structured') ? `"${name}"${separator}"${REDACTED}"` : match,
    );
}

/** Masks `name=value` pairs with secret names in a query string or fragment, keeping the rest verbatim. */
function maskPairs(pairs: string): string {
  return pairs
    .split(/([&;])/)
    .map((piece) => {
      const equals = piece.indexOf('=');
      if (equals <= 0 || equals === piece.length - 1) return piece;
      const name = piece.slice(0, equals);
      return isSecretName(safeDecode(name), 'structured') ? `${name}=${REDACTED}` : piece;
    })
    .join('');
}

/** Userinfo (`https://user:pass@host`) may be a token itself, so it is masked whole. */
function maskUrlParts(url: string): string {
  let prefix = '';
  let rest = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (scheme) {
    prefix = scheme[0];
    rest = url.slice(prefix.length);
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      prefix += `${REDACTED}@`;
      rest = rest.slice(at + 1);
    }
  }
  const hash = rest.indexOf('#');
  const beforeHash = hash === -1 ? rest : rest.slice(0, hash);
  const fragment = hash === -1 ? '' : `#${maskPairs(rest.slice(hash + 1))}`;
  const question = beforeHash.indexOf('?');
  if (question === -1) return prefix + beforeHash + fragment;
  return (
    prefix +
    beforeHash.slice(0, question) +
    `?${maskPairs(beforeHash.slice(question + 1))}` +
    fragment
  );
}
