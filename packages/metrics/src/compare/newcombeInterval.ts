import type { Interval } from '../types.js';
import { checkCounts } from './_internals/validate.js';
import { wilsonBounds } from './wilsonInterval.js';

/**
 * A 95 % interval for the difference of two independent proportions, B − A, in
 * percentage points: Newcombe's hybrid score interval (Newcombe 1998, "Interval
 * estimation for the difference between independent proportions: comparison of eleven
 * methods", Statistics in Medicine 17, 873–890, method 10).
 *
 * With p̂_A, p̂_B the observed proportions and [l_A, u_A], [l_B, u_B] their Wilson 95 %
 * intervals ({@link wilsonInterval}), and δ = p̂_B − p̂_A:
 *
 * `low  = δ − √((p̂_B − l_B)² + (u_A − p̂_A)²)`
 * `high = δ + √((u_B − p̂_B)² + (p̂_A − l_A)²)`
 *
 * It has close to nominal coverage down to small samples, never leaves [−100, 100],
 * and is defined at 0 % and 100 % — where the normal (Wald) interval collapses.
 *
 * @param successesA - successes of A, an integer in [0, trialsA]
 * @param trialsA - trials of A
 * @param successesB - successes of B, an integer in [0, trialsB]
 * @param trialsB - trials of B
 * @returns the interval of `100 · (successesB/trialsB − successesA/trialsA)`, or `null`
 *   when either side has no trials
 * @throws `RangeError` for invalid counts
 *
 * @example
 * ```ts
 * newcombeInterval(48, 80, 56, 70); // B − A = 20 points: { low: 5.24…, high: 33.39… }
 * ```
 */
export function newcombeInterval(successesA: number, trialsA: number, successesB: number, trialsB: number): Interval | null {
  checkCounts(successesA, trialsA, 'successesA', 'trialsA');
  checkCounts(successesB, trialsB, 'successesB', 'trialsB');
  const a = wilsonBounds(successesA, trialsA);
  const b = wilsonBounds(successesB, trialsB);
  if (a === null || b === null) return null;
  const pA = successesA / trialsA;
  const pB = successesB / trialsB;
  const delta = pB - pA;
  const low = delta - Math.hypot(pB - b[0], a[1] - pA);
  const high = delta + Math.hypot(b[1] - pB, pA - a[0]);
  return { low: 100 * Math.max(-1, low), high: 100 * Math.min(1, high) };
}
