import type { Interval } from '@chaos/metrics';

const Z95 = 1.959963984540054;

/** `successes / trials` as a percentage, `null` for no trials. */
export function percentOf(successes: number, trials: number): number | null {
  return trials === 0 ? null : (100 * successes) / trials;
}

/**
 * The Wilson score 95 % interval of a proportion, in percent (0..100): unlike the
 * normal approximation it stays inside [0, 100] and is honest at 0 % and 100 %.
 * `null` for no trials.
 */
export function wilsonInterval(successes: number, trials: number): Interval | null {
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}
