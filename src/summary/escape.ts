/** core.summary writes raw Markdown/HTML: anything taken from a response or an input is escaped here. */

import { capText, showBidi } from './outside-text.js';

/** A safety net: sources cap what they quote, but no one cell may grow the page without bound. */
const CELL_MAX = 2000;

const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Characters that open Markdown links, images (`[`, `![`), emphasis and strikethrough: shown as
 * themselves, never as syntax. Without a literal `[`, neither `[x](url)` nor `![x](url)` can
 * form. `_` stays: GFM never emphasises inside a word, so snake_case names read as written.
 */
const MARKUP: Record<string, string> = {
  '[': '&#91;',
  ']': '&#93;',
  '*': '&#42;',
  '~': '&#126;',
  '\\': '&#92;',
};

/**
 * Safe inside a Markdown table cell: HTML-escaped, pipes and newlines neutralised, backticks kept
 * literal, and no live link or image. GFM's autolinker (cmark-gfm, which GitHub renders with)
 * works on decoded text, so `https://`, `www.` and `user@host` are broken where it looks: the
 * colon of `://` written as an entity, a `www` without its literal dot, a zero-width space
 * after `@` (which also stops `mailto:` and `xmpp:` links).
 */
export function cell(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === '') return '–';
  return showBidi(capText(String(text), CELL_MAX))
    .replace(/[&<>"']/g, (c) => HTML[c] as string)
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/[[\]*~\\]/g, (c) => MARKUP[c] as string)
    .replace(/:\/\//g, '&#58;//')
    .replace(/(www)\./gi, '$1&#46;')
    .replace(/@/g, '@\u200b')
    .replace(/\r?\n|\r/g, ' ');
}

/** Inline code for untrusted text: a Markdown code span would show HTML entities literally. */
export function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}

/**
 * One of our own sentences that may carry outside text: every part goes through cell(), and a
 * `code span` the sentence was written with shows as code (its content escaped like any other
 * text) instead of as literal backticks. An odd backtick is kept as text.
 */
export function prose(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '–';
  const parts = String(text).split(/(`[^`\n]+`)/);
  return parts
    .map((part) =>
      /^`[^`\n]+`$/.test(part) ? code(part.slice(1, -1)) : part === '' ? '' : cell(part),
    )
    .join('');
}
