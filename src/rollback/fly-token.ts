/**
 * Which Fly token flyctl gets, and the environment that hands it over.
 *
 * flyctl reads FLY_ACCESS_TOKEN first *when it is set*, then FLY_API_TOKEN. A workflow that
 * maps a missing secret (`FLY_ACCESS_TOKEN: ${{ secrets.NOPE }}`) sets FLY_ACCESS_TOKEN to ""
 * and so hides a perfectly good FLY_API_TOKEN. We pick one non-empty token ourselves and give
 * the child exactly that one, so the trap cannot bite.
 */

export type FlyTokenSource = 'input' | 'FLY_ACCESS_TOKEN' | 'FLY_API_TOKEN';

export interface FlyToken {
  token: string;
  source: FlyTokenSource;
}

/** The `fly-api-token` input if non-empty, else a non-empty FLY_ACCESS_TOKEN, else FLY_API_TOKEN. */
export function pickFlyToken(input: string | undefined, env: NodeJS.ProcessEnv): FlyToken | null {
  const candidates: [FlyTokenSource, string | undefined][] = [
    ['input', input],
    ['FLY_ACCESS_TOKEN', env.FLY_ACCESS_TOKEN],
    ['FLY_API_TOKEN', env.FLY_API_TOKEN],
  ];
  for (const [source, value] of candidates) {
    // Secrets pasted from a terminal often end in a newline.
    const token = value?.trim();
    if (token) return { token, source };
  }
  return null;
}

/** A copy of `baseEnv` in which flyctl can only see `token`. */
export function flyEnv(baseEnv: NodeJS.ProcessEnv, token: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv, FLY_ACCESS_TOKEN: token };
  delete env.FLY_API_TOKEN;
  return env;
}

/**
 * Every form of the token that could show up in output and must be masked: the whole value,
 * the value without its `FlyV1 ` scheme, and each part of a comma-separated macaroon bundle.
 */
export function tokenSecrets(token: string): string[] {
  const bare = token.replace(/^FlyV1\s+/, '');
  const parts = bare.split(',').map((part) => part.trim());
  // Derived pieces too short to be secret-looking would mask ordinary words in the logs.
  const derived = [bare, ...parts].filter((value) => value.length >= 8);
  return [...new Set([token, ...derived])];
}
