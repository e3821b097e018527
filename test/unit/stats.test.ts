import { percentile, wilsonInterval } from '../../src/gate/stats.js';

describe('wilsonInterval', () => {
  it('keeps the lower bound low on thin evidence and high on strong evidence', () => {
    expect(wilsonInterval(1, 11).lower).toBeCloseTo(0.0162, 3);
    expect(wilsonInterval(9, 30).lower).toBeCloseTo(0.1666, 3);
    expect(wilsonInterval(0, 20)).toEqual({ lower: 0, upper: expect.closeTo(0.161, 3) });
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, undefined],
    [[7], 99, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
  ])('%j p%d = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
