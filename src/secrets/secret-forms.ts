/**
 * The shapes one secret value can take on the wire: as given, trimmed, without its auth scheme,
 * URL-encoded, form-encoded, JSON-escaped and base64 (also base64 embedded at any byte offset,
 * the way GitHub's own log masker does it).
 */

/** Derived forms shorter than this are skipped: they would match innocent text by chance. */
export const MIN_DERIVED_LENGTH = 6;

/** `FlyV1 fm2_a,fm2_b`, `Bearer x`, `Basic x`, `token x`: the credential follows the scheme. */
const AUTH_SCHEME = /^(?:FlyV1|Bearer|Basic|Token)\s+(\S[\s\S]*)$/i;

/** The value itself plus the meaningful parts of it that leak on their own. */
function coreParts(value: string): string[] {
  const parts = [value];
  const trimmed = value.trim();
  parts.push(trimmed);
  const bare = AUTH_SCHEME.exec(trimmed)?.[1];
  if (bare !== undefined) {
    parts.push(bare);
    // A Fly token is a comma-separated list of macaroons; each one is a credential.
    parts.push(...bare.split(',').map((part) => part.trim()));
  }
  // A multi-line secret (a PEM key) is often printed line by line, as GitHub's masker assumes.
  if (/[\r\n]/.test(trimmed)) parts.push(...trimmed.split(/\r?\n|\r/).map((line) => line.trim()));
  // `user:pass`: the Basic-auth base64 of the whole is derived below; the password leaks alone too.
  const colon = trimmed.indexOf(':');
  if (colon > 0) parts.push(trimmed.slice(colon + 1));
  return parts;
}

function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = [];
  const standard = bytes.toString('base64');
  forms.push(standard, standard.replace(/=+$/, ''), bytes.toString('base64url'));
  // Inside a longer base64 text the secret may start at byte offset 0, 1 or 2 of a 3-byte group:
  // keep only the characters that depend on the secret's bytes alone.
  for (const shift of [0, 1, 2]) {
    const shifted = Buffer.concat([Buffer.alloc(shift), bytes]);
    const start = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * shifted.length) / 6);
    const core = shifted.toString('base64').slice(start, end);
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

function textForms(part: string): string[] {
  const uriEncoded = encodeURIComponent(part);
  return [
    part,
    uriEncoded,
    uriEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams([['', part]]).toString().slice(1),
    JSON.stringify(part).slice(1, -1),
    ...base64Forms(Buffer.from(part, 'utf8')),
  ];
}

/** Every form of `value` worth masking, longest first. The value itself is always included. */
export function secretForms(value: string): string[] {
  if (value.length === 0) return [];
  const forms = new Set<string>([value]);
  for (const part of coreParts(value)) {
    for (const form of textForms(part)) {
      if (form.length >= MIN_DERIVED_LENGTH) forms.add(form);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
