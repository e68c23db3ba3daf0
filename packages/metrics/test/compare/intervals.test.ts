import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeInterval } from '../../src/compare/newcombeInterval.js';
import { wilsonInterval } from '../../src/compare/wilsonInterval.js';

/** Fixed fast-check seed: the properties run the same cases every time (fast-check prints it with any failure); change it to explore. */
const FC = { seed: 1102 } as const;

describe('wilsonInterval', () => {
  // Known answers: Newcombe (1998a, "Two-sided confidence intervals for the single
  // proportion: comparison of seven methods", Statistics in Medicine 17, 857–872),
  // table I, method 3 (score, no continuity correction), printed to 4 decimals.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('matches Newcombe (1998a) for %i/%i', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval?.low).toBeCloseTo(100 * low, 2);
    expect(interval?.high).toBeCloseTo(100 * high, 2);
  });

  it('is exact at 0 % and 100 %, and null for no trials', () => {
    expect(wilsonInterval(0, 10)?.low).toBe(0);
    expect(wilsonInterval(10, 10)?.high).toBe(100);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('contains the observed rate and stays within [0, 100]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const s = Math.round(f * n);
        const interval = wilsonInterval(s, n);
        expect(interval).not.toBeNull();
        const { low, high } = interval as { low: number; high: number };
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(100);
        expect(low).toBeLessThanOrEqual((100 * s) / n + 1e-9);
        expect(high).toBeGreaterThanOrEqual((100 * s) / n - 1e-9);
      }),
      FC,
    );
  });

  it('names the bad count', () => {
    expect(() => wilsonInterval(11, 10)).toThrow('Expected `successes` to be an integer in [0, trials = 10], got `11`');
    expect(() => wilsonInterval(1, 2.5)).toThrow('Expected `trials` to be a non-negative integer, got `2.5`');
  });
});

describe('newcombeInterval', () => {
  // Known answers: Newcombe (1998b, Statistics in Medicine 17, 873–890), table II,
  // method 10 (hybrid score, no continuity correction), for θ = p1 − p2. Our interval
  // is B − A, so A is Newcombe's second sample and B his first.
  it.each([
    ['(a) 56/70 − 48/80', 56, 70, 48, 80, 0.0524, 0.3339],
    ['(b) 9/10 − 3/10', 9, 10, 3, 10, 0.1705, 0.809],
    ['(c) 6/7 − 2/7', 6, 7, 2, 7, 0.0582, 0.8062],
    ['(d) 5/56 − 0/29', 5, 56, 0, 29, -0.0381, 0.1926],
    ['(e) 0/10 − 0/20', 0, 10, 0, 20, -0.1611, 0.2775],
    ['(f) 0/10 − 0/10', 0, 10, 0, 10, -0.2775, 0.2775],
    ['(g) 10/10 − 0/20', 10, 10, 0, 20, 0.6791, 1],
    ['(h) 10/10 − 0/10', 10, 10, 0, 10, 0.6075, 1],
  ])('matches Newcombe (1998b) example %s', (_name, s1, n1, s2, n2, low, high) => {
    const interval = newcombeInterval(s2, n2, s1, n1);
    expect(interval?.low).toBeCloseTo(100 * low, 2);
    expect(interval?.high).toBeCloseTo(100 * high, 2);
  });

  it('contains 0 for equal rates and the observed difference always', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (nA, nB, fA, fB) => {
          const sA = Math.round(fA * nA);
          const sB = Math.round(fB * nB);
          const interval = newcombeInterval(sA, nA, sB, nB) as { low: number; high: number };
          const difference = (100 * sB) / nB - (100 * sA) / nA;
          expect(interval.low).toBeLessThanOrEqual(difference + 1e-9);
          expect(interval.high).toBeGreaterThanOrEqual(difference - 1e-9);
          expect(interval.low).toBeGreaterThanOrEqual(-100);
          expect(interval.high).toBeLessThanOrEqual(100);
          const same = newcombeInterval(sA, nA, sA, nA) as { low: number; high: number };
          expect(same.low).toBeLessThanOrEqual(0);
          expect(same.high).toBeGreaterThanOrEqual(0);
        },
      ),
      FC,
    );
  });

  it('is null when a side has no trials', () => {
    expect(newcombeInterval(0, 0, 3, 4)).toBeNull();
    expect(newcombeInterval(3, 4, 0, 0)).toBeNull();
  });
});
