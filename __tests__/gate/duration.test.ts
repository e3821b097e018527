import { formatDuration, parseDuration } from '../../src/gate/duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['15s', 15_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['15', 15_000],
    ['0.5', 500],
    ['1.5s', 1500],
    [' 2s ', 2000],
    ['0', 0],
  ])('%s = %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '-1s', '5 s', '1d', 's', '1m30', '1.2.3s'])(
    '%j is not a duration',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [250, '250ms'],
    [2000, '2s'],
    [90_000, '90s'],
    [120_000, '2m'],
    [150_000, '2m30s'],
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
  ])('%d ms reads %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
