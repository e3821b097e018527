/** Text from outside on its way to a log line, an output, a reason or a summary cell. */
import { cell } from '../../src/summary/escape.js';
import {
  capText,
  errorSentence,
  logLine,
  outputValue,
  quoteOutside,
} from '../../src/summary/outside-text.js';

describe('logLine', () => {
  it.each([
    ['1.0\n::warning title=X::forged', '1.0\\n::warning title=X::forged'],
    ['a\r\n::add-mask::deploy', 'a\\r\\n::add-mask::deploy'],
    ['::stop-commands::Y', '› ::stop-commands::Y'],
    ['   ::error::x', '›    ::error::x'],
    ['##[error]legacy', '› ##[error]legacy'],
    ['esc \u001b[31mred\u001b[0m', 'esc \\u001b[31mred\\u001b[0m'],
    ['line\u2028sep', 'line\\u2028sep'],
    ['fail\u202edeliaf', 'fail\\u202edeliaf'],
    ['plain text: ok', 'plain text: ok'],
  ])('%j -> %j', (input, expected) => {
    const line = logLine(input);
    expect(line).toBe(expected);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).not.toMatch(/^\s*(::|##\[)/);
  });
});

describe('capText and quoteOutside', () => {
  it('keeps short text and cuts long text, saying how much was left out', () => {
    expect(capText('abc', 5)).toBe('abc');
    expect(capText('abcdefgh', 5)).toBe('abcde… (3 more characters)');
    // Characters, not UTF-16 units: an emoji is never split in half.
    expect(capText('😀😀😀', 2)).toBe('😀😀… (1 more characters)');
  });

  it('quotes on one line, escaping what JSON leaves raw', () => {
    expect(quoteOutside('1.0\n::x')).toBe('"1.0\\n::x"');
    expect(quoteOutside('a\u2028b\u0085c')).toBe('"a\\u2028b\\u0085c"');
    expect(quoteOutside('v'.repeat(300)).length).toBeLessThan(240);
  });
});

describe('outputValue and errorSentence', () => {
  it('an output is one line and bounded; JSON stays valid', () => {
    expect(outputValue('a\nb')).toBe('a\\nb');
    const json = JSON.stringify([{ reason: 'x\u2028y\u0085z' }]);
    expect(JSON.parse(outputValue(json))).toEqual([{ reason: 'x\u2028y\u0085z' }]);
  });

  it('an error becomes its message on one line, never its stack', () => {
    const error = new Error('config: bad\nsecond line');
    expect(errorSentence(error)).toBe('config: bad\\nsecond line');
    expect(errorSentence(error)).not.toContain(' at ');
  });
});

describe('cell: no live link, image or spoofing from outside text', () => {
  it.each([
    ['[approve](https://evil.example)', '&#91;approve&#93;(https&#58;//evil.example)'],
    ['![x](http://e/p.png)', '!&#91;x&#93;(http&#58;//e/p.png)'],
    ['see www.evil.example', 'see www&#46;evil.example'],
    ['mail a@evil.example', 'mail a@\u200bevil.example'],
    ['**APPROVED**', '&#42;&#42;APPROVED&#42;&#42;'],
    ['a | b', 'a &#124; b'],
    ['<img src=x>', '&lt;img src=x&gt;'],
    ['v5\u202e1v', 'v5&#92;u202e1v'],
    ['http_requests_total', 'http_requests_total'],
  ])('%j', (input, expected) => {
    expect(cell(input)).toBe(expected);
  });
});
