/** core.summary writes raw Markdown/HTML: anything taken from a response or an input is escaped here. */

const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe inside a Markdown table cell: HTML-escaped, pipes and newlines neutralised, backticks kept literal. */
export function cell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '–';
  return String(text)
    .replace(/[&<>"']/g, (c) => HTML[c] as string)
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/\r?\n/g, ' ');
}

/** Inline code for untrusted text: a Markdown code span would show HTML entities literally. */
export function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}
