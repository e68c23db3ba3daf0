import { createRandom } from '@chaos/config';
import type { Interval } from '../../types.js';
import { quantileOfSorted } from '../../_internals/stats.js';
import { BOOTSTRAP_MAX_UNITS } from '../../_internals/bootstrap.js';
import { blocksOf, type StratifiedSample } from '../../_internals/strata.js';

/**
 * `resamples` bootstrap means of a sample: each draws as many units from each stratum
 * as it holds, with replacement, from `createRandom(seed).fork(label)`. Above
 * {@link BOOTSTRAP_MAX_UNITS} units, consecutive units of a stratum form blocks, blocks
 * are drawn within their stratum, and the statistic is `Σ block sums / Σ block sizes`.
 * With one stratum, this is the plain bootstrap, draw for draw.
 */
function resampledMeans(sample: StratifiedSample, resamples: number, seed: string, label: string): Float64Array {
  const { sums, counts, perStratum } = blocksOf(sample, BOOTSTRAP_MAX_UNITS);
  const random = createRandom(seed).fork(label);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    let count = 0;
    let base = 0;
    for (const k of perStratum) {
      for (let j = 0; j < k; j++) {
        const row = base + Math.floor(random.next() * k);
        sum += sums[row] as number;
        count += counts === undefined ? 1 : (counts[row] as number);
      }
      base += k;
    }
    means[r] = sum / count;
  }
  return means;
}

/**
 * The seeded bootstrap 95 % percentile interval of `mean(b) − mean(a)`: the two
 * samples are resampled independently (each from its own stream, forked with
 * `label` + `/a` or `/b`), each within its strata, and the interval is the type-7 2.5 %
 * and 97.5 % quantiles of the resampled differences. `null` when a sample has fewer
 * than two units.
 */
export function bootstrapMeanDifference(
  a: StratifiedSample,
  b: StratifiedSample,
  resamples: number,
  seed: string,
  label: string,
): Interval | null {
  if (a.units.length < 2 || b.units.length < 2) return null;
  const meansA = resampledMeans(a, resamples, seed, `${label}/a`);
  const meansB = resampledMeans(b, resamples, seed, `${label}/b`);
  const differences = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) differences[r] = (meansB[r] as number) - (meansA[r] as number);
  differences.sort();
  return { low: quantileOfSorted(differences, 0.025), high: quantileOfSorted(differences, 0.975) };
}
