import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalUpperTail, Z_95 } from '../../../src/compare/_internals/normal.js';

describe('the normal distribution', () => {
  // Reference values: Abramowitz & Stegun, table 7.1 (erfc) and table 26.1 (Φ), to the
  // digits printed there, and the defining property of the 97.5 % quantile.
  it('matches tabulated values of erfc', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(1)).toBeCloseTo(0.1572992070502851, 15);
    expect(erfc(2)).toBeCloseTo(0.004677734981047266, 15);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 12);
    expect(erfc(6) / 2.151973671249892e-17).toBeCloseTo(1, 12);
    expect(erfc(-1)).toBeCloseTo(2 - 0.1572992070502851, 15);
  });

  it('is continuous where the method changes (x = 2.5)', () => {
    const below = erfc(2.5 - 1e-12);
    const above = erfc(2.5);
    expect(Math.abs(below - above) / above).toBeLessThan(1e-9);
    expect(above / 4.069520174449590e-4).toBeCloseTo(1, 12);
  });

  it('gives Φ(±1.96) = 0.975 / 0.025 and the tails', () => {
    expect(normalCdf(Z_95)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-Z_95)).toBeCloseTo(0.025, 14);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalUpperTail(5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
  });
});
