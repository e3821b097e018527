/**
 * URLs quoted in messages lose their credentials: `https://user:pw@host/p?token=x` is shown as
 * `https://***@host/p?token=***`. Query values are masked under a secret-looking name (the same
 * rule the redactor uses), so an input error never prints what it should protect.
 */
import { isSecretName } from './secret-names.js';

const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']*@/gi;
const QUERY_PAIR = /([?&;])([^=&#\s"';]+)=([^&#\s"';]*)/g;

export function maskUrlText(text: string): string {
  return text
    .replace(USERINFO, '$1***@')
    .replace(QUERY_PAIR, (pair, sep: string, name: string, value: string) =>
      value !== '' && isSecretName(decodeName(name), 'structured') ? `${sep}${name}=***` : pair,
    );
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
