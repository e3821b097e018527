import {
  EVIDENCE_CAP,
  evidenceAgainst,
  exceeds,
  failuresNeeded,
  formatAlpha,
  formatEvidence,
  logEvidence,
} from '../../src/gate/evidence.js';
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

describe('sequential evidence against a limit (mixture likelihood ratio)', () => {
  it('pins the evidence of exact counts at a 5% limit', () => {
    expect(evidenceAgainst(0, 0, 0.05)).toBe(1);
    expect(evidenceAgainst(1, 1, 0.05)).toBeCloseTo(6.54, 2);
    expect(evidenceAgainst(2, 2, 0.05)).toBeCloseTo(46.47, 2);
    expect(evidenceAgainst(3, 10, 0.05)).toBeCloseTo(21.87, 2);
    expect(evidenceAgainst(1, 11, 0.05)).toBeCloseTo(0.279, 3);
    expect(evidenceAgainst(9, 30, 0.05)).toBeCloseTo(13067.46, 1);
  });

  it('never fails on a single failure, and needs more failures as probes grow (monotone)', () => {
    const needed = Array.from({ length: 300 }, (_, i) => failuresNeeded(i + 1, 0.05, 0.05));
    expect(needed[0]).toBe(2);
    for (let i = 1; i < needed.length; i++)
      expect(needed[i]).toBeGreaterThanOrEqual(needed[i - 1]!);
    expect([10, 20, 21, 30, 60, 100, 240].map((n) => failuresNeeded(n, 0.05, 0.05))).toEqual([
      3, 5, 5, 6, 11, 16, 26,
    ]);
    expect([10, 20, 30].map((n) => failuresNeeded(n, 0.05, 0.01))).toEqual([4, 6, 7]);
  });

  it('is a supermartingale for every rate at or below the limit: the one-step mean never grows', () => {
    for (const p0 of [0.001, 0.05, 0.3]) {
      for (const p of [0, p0 / 2, p0]) {
        for (let n = 0; n < 40; n++) {
          for (let k = 0; k <= n; k++) {
            const now = Math.exp(logEvidence(k, n, p0));
            const next =
              p * Math.exp(logEvidence(k + 1, n + 1, p0)) +
              (1 - p) * Math.exp(logEvidence(k, n + 1, p0));
            expect(next).toBeLessThanOrEqual(now * (1 + 1e-12));
          }
        }
      }
    }
  });

  it('handles the limits 0% and 100%', () => {
    expect(exceeds(1, 5, 0, 0.05)).toBe(true);
    expect(exceeds(0, 5, 0, 0.05)).toBe(false);
    expect(exceeds(5, 5, 1, 0.05)).toBe(false);
    expect(evidenceAgainst(1, 5, 0)).toBe(EVIDENCE_CAP);
  });

  it('formats evidence as odds a release at the limit would show it', () => {
    expect(formatEvidence(21.87)).toBe('1 in 22');
    expect(formatEvidence(13067.46)).toBe('1 in 13,067');
    expect(formatEvidence(3.14)).toBe('1 in 3.1');
    expect(formatEvidence(0.279)).toBe('none (0.28)');
    expect(formatEvidence(EVIDENCE_CAP)).toBe('more than 1 in 1,000,000');
    expect(formatAlpha(0.05)).toBe('1 in 20');
    expect(formatAlpha(0.01)).toBe('1 in 100');
  });
});
