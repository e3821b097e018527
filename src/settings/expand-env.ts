/**
 * `${NAME}` in a value of the config file is replaced by the environment variable NAME; nothing
 * else is evaluated (no defaults, no commands, no nesting). `$${` writes a literal `${`. A `$` not
 * followed by `{` stays as it is, so regexes and prices need no escaping.
 *
 * An unset or empty variable is an error, not an empty string: `expected_version: ${GITHUB_SHA}`
 * silently turning into "" would switch the version check off.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Expansion =
  { ok: true; value: string; variables: string[] } | { ok: false; problem: string };

export function expandEnv(text: string, env: Record<string, string | undefined>): Expansion {
  let out = '';
  const variables: string[] = [];
  let at = 0;
  while (at < text.length) {
    const dollar = text.indexOf('$', at);
    if (dollar === -1) {
      out += text.slice(at);
      break;
    }
    out += text.slice(at, dollar);
    if (text.startsWith('$${', dollar)) {
      out += '${';
      at = dollar + 3;
      continue;
    }
    if (!text.startsWith('${', dollar)) {
      out += '$';
      at = dollar + 1;
      continue;
    }
    const close = text.indexOf('}', dollar + 2);
    const name = close === -1 ? '' : text.slice(dollar + 2, close);
    if (close === -1 || !NAME.test(name)) {
      const shown = close === -1 ? text.slice(dollar) : text.slice(dollar, close + 1);
      return {
        ok: false,
        problem: `${JSON.stringify(shown)} is not a variable reference; only \${NAME} (letters, digits, _) is expanded, and $\${ writes a literal \${`,
      };
    }
    const value = env[name];
    if (value === undefined || value === '') {
      return {
        ok: false,
        problem: `\${${name}}: the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`,
      };
    }
    variables.push(name);
    out += value;
    at = close + 1;
  }
  return { ok: true, value: out, variables };
}

/** True when the text is exactly one `${NAME}` reference (how secrets must be written). */
export function isSingleReference(text: string): boolean {
  const m = /^\$\{([^}]*)\}$/.exec(text.trim());
  return m !== null && NAME.test(m[1] ?? '');
}
