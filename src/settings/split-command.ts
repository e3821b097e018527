/**
 * Splits a rollback-command into arguments without a shell: whitespace separates, single and
 * double quotes group, a backslash escapes the next character. Nothing is expanded: `$VAR`, `|`,
 * `>` and `;` stay literal text, so the command cannot do more than the one program it names.
 * (Libraries like shell-quote expand variables and parse operators, which is what we must not do.)
 */
export function splitCommand(text: string): string[] | { error: string } {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) return { error: `has an unclosed ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) args.push(current);
  return args;
}
