import { expandWindow, promDuration } from '../../src/metrics/prom-duration.js';

describe('promDuration', () => {
  it.each([
    [0, '1s'], // Prometheus rejects a zero range: never below 1s
    [-5, '1s'],
    [1, '1s'], // rounded UP: the window must cover all traffic since the start
    [999, '1s'],
    [1000, '1s'],
    [1001, '2s'],
    [45_000, '45s'],
    [59_999, '1m'],
    [60_000, '1m'],
    [95_000, '1m35s'],
    [120_000, '2m'],
    [3_599_001, '1h'],
    [3_600_000, '1h'],
    [3_605_000, '1h5s'],
    [3_900_000, '1h5m'],
    [3_901_500, '1h5m2s'],
    [26 * 3_600_000, '26h'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(promDuration(ms)).toBe(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (ms) => {
    expect(() => promDuration(ms)).toThrow(/finite number/);
  });
});

describe('expandWindow', () => {
  it('replaces every $window with the elapsed time rounded up', () => {
    const q = 'sum(increase(a[$window])) / sum(increase(b[$window]))';
    expect(expandWindow(q, 94_100)).toBe('sum(increase(a[1m35s])) / sum(increase(b[1m35s]))');
  });

  it('accepts ${window} too', () => {
    expect(expandWindow('rate(x[${window}])', 2_000)).toBe('rate(x[2s])');
  });

  it('leaves longer names that start with $window alone', () => {
    expect(expandWindow('rate(x[$windowSize]) + rate(y[$window])', 2_000)).toBe(
      'rate(x[$windowSize]) + rate(y[2s])',
    );
  });

  it('leaves a query without the placeholder unchanged', () => {
    expect(expandWindow('sum(rate(x[5m]))', 2_000)).toBe('sum(rate(x[5m]))');
  });

  it('replaces only the placeholder itself, in both spellings', () => {
    expect(expandWindow('x[$window] / y[${window}]', 2_000)).toBe('x[2s] / y[2s]');
    expect(expandWindow('x[$windowSize]', 2_000)).toBe('x[$windowSize]');
  });
});
