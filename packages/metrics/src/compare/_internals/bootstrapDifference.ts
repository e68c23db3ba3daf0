import { createRandom } from '@chaos/config';
import type { Interval } from '../../types.js';
import { quantileOfSorted } from '../../_internals/stats.js';

/** Above this many units, consecutive units are merged into blocks (as the summary's bootstrap does). */
const MAX_UNITS = 10_000;

/**
 * `resamples` bootstrap means of `units`: each draws as many units as there are, with
 * replacement, from `createRandom(seed).fork(label)`. Above {@link MAX_UNITS} units,
 * consecutive units form equal blocks, blocks are drawn, and the statistic is
 * `Σ block sums / Σ block sizes`.
 */
function resampledMeans(units: Float64Array, resamples: number, seed: string, label: string): Float64Array {
  const n = units.length;
  const blockSize = Math.ceil(n / MAX_UNITS);
  const k = Math.ceil(n / blockSize);
  const sums = new Float64Array(k);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const block = Math.floor(i / blockSize);
    sums[block]! += units[i] as number;
    sizes[block]! += 1;
  }
  const random = createRandom(seed).fork(label);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < k; j++) {
      const row = Math.floor(random.next() * k);
      sum += sums[row] as number;
      count += sizes[row] as number;
    }
    means[r] = sum / count;
  }
  return means;
}

/**
 * The seeded bootstrap 95 % percentile interval of `mean(b) − mean(a)`: the two
 * samples are resampled independently (each from its own stream, forked with
 * `label` + `/a` or `/b`), and the interval is the type-7 2.5 % and 97.5 % quantiles
 * of the resampled differences. `null` when a sample has fewer than two units.
 */
export function bootstrapMeanDifference(
  a: Float64Array,
  b: Float64Array,
  resamples: number,
  seed: string,
  label: string,
): Interval | null {
  if (a.length < 2 || b.length < 2) return null;
  const meansA = resampledMeans(a, resamples, seed, `${label}/a`);
  const meansB = resampledMeans(b, resamples, seed, `${label}/b`);
  const differences = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) differences[r] = (meansB[r] as number) - (meansA[r] as number);
  differences.sort();
  return { low: quantileOfSorted(differences, 0.025), high: quantileOfSorted(differences, 0.975) };
}
