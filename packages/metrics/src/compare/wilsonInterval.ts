import type { Interval } from '../types.js';
import { Z_95 } from './_internals/normal.js';
import { checkCounts } from './_internals/validate.js';

/**
 * The Wilson score 95 % interval of a proportion, in percent (0..100).
 *
 * With p̂ = `successes / trials`, n = `trials` and z = 1.959963984540054 (the 97.5 %
 * normal quantile), the interval is
 * `(p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)` (Wilson 1927, without
 * continuity correction). Unlike the normal ("Wald") interval it stays inside
 * [0, 100], is not empty at 0 % or 100 %, and keeps close to its nominal coverage for
 * small n (Newcombe 1998, method 3; Brown, Cai & DasGupta 2001).
 *
 * @param successes - the number of successes, an integer in [0, trials]
 * @param trials - the number of trials, a non-negative integer
 * @returns the interval in percent, or `null` for no trials
 * @throws `RangeError` for counts that are not integers, negative, or `successes > trials`
 *
 * @example
 * ```ts
 * wilsonInterval(9, 10); // { low: 59.58…, high: 98.21… }
 * wilsonInterval(0, 0);  // null
 * ```
 */
export function wilsonInterval(successes: number, trials: number): Interval | null {
  checkCounts(successes, trials, 'successes', 'trials');
  const bounds = wilsonBounds(successes, trials);
  return bounds === null ? null : { low: 100 * bounds[0], high: 100 * bounds[1] };
}

/** The Wilson 95 % bounds as proportions (0..1), or `null` for no trials. */
export function wilsonBounds(successes: number, trials: number): readonly [number, number] | null {
  if (trials === 0) return null;
  const n = trials;
  const p = successes / n;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 and n successes the bound is exactly 0 or 1; rounding must not move it.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}
