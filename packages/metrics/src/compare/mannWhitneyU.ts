import { formatValue } from '@chaos/format';
import { normalCdf, normalUpperTail } from './_internals/normal.js';

/** Which difference a Mann–Whitney test looks for. */
export type MannWhitneyAlternative = 'two-sided' | 'less' | 'greater';

/** Options of {@link mannWhitneyU}. */
export interface MannWhitneyOptions {
  /**
   * `'two-sided'`: the samples differ in location either way; `'greater'`: values of A
   * tend to be larger than values of B; `'less'`: smaller.
   * @defaultValue `'two-sided'`
   */
  readonly alternative?: MannWhitneyAlternative | undefined;
  /**
   * How the p-value is computed. `'auto'` takes the exact null distribution when both
   * samples have fewer than {@link MANN_WHITNEY_EXACT_LIMIT} values and no value occurs
   * twice in the pooled sample, and the normal approximation otherwise.
   * @defaultValue `'auto'`
   */
  readonly method?: 'auto' | 'exact' | 'normal' | undefined;
}

/** The outcome of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /**
   * U of sample A: the number of pairs (a, b) with a > b, plus half the pairs with
   * a = b. Equals A's rank sum minus nA(nA + 1)/2; it is what R (`W`) and SciPy report.
   */
  readonly u: number;
  /** U of sample B, `nA · nB − u`. */
  readonly uB: number;
  readonly nA: number;
  readonly nB: number;
  /** The p-value for `alternative`. */
  readonly p: number;
  readonly alternative: MannWhitneyAlternative;
  /** `'exact'`: from the exact null distribution of U; `'normal'`: normal approximation with tie and continuity correction. */
  readonly method: 'exact' | 'normal';
  /** The continuity-corrected z of the normal approximation; `null` for the exact method. */
  readonly z: number | null;
  /** Some value occurs more than once in the pooled sample. */
  readonly ties: boolean;
  /** The common-language effect size `u / (nA · nB)`: P(a > b) + ½ P(a = b). */
  readonly effectSize: number;
}

/**
 * The exact method is used (with `method: 'auto'`) when both samples are smaller than
 * this and there are no ties, as R's `wilcox.test` does.
 */
export const MANN_WHITNEY_EXACT_LIMIT = 50;

/** Both sizes must be below this for `method: 'exact'` (the distribution has nA·nB + 1 terms). */
const EXACT_HARD_LIMIT = 400;

function checkSample(sample: ArrayLike<number>, name: string): void {
  if (sample === null || typeof sample !== 'object' || typeof sample.length !== 'number') {
    throw new TypeError(`Expected \`${name}\` to be an array of numbers, got \`${formatValue(sample)}\``);
  }
  if (sample.length === 0) throw new RangeError(`Expected \`${name}\` to hold at least one value, got an empty sample`);
  for (let i = 0; i < sample.length; i++) {
    const value = sample[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`Expected \`${name}[${i}]\` to be a finite number, got \`${formatValue(value)}\``);
    }
  }
}

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum test) of two independent samples: do
 * values of A tend to be larger or smaller than values of B? It compares ranks, so it
 * needs no assumption about the shape of the distributions and is robust to the long
 * right tails recovery times have.
 *
 * **How the p-value is computed** (`method: 'auto'`):
 *
 * - **exact**, when both samples have fewer than 50 values and no value occurs twice in
 *   the pooled sample: the null distribution of U is counted exactly (every split of the
 *   ranks into the two samples is equally likely; the recursion
 *   `f(m, n, k) = f(m−1, n, k−n) + f(m, n−1, k)` over the largest value), and the
 *   two-sided p is `min(1, 2 · min(P(U ≤ u), P(U ≥ u)))`;
 * - **normal approximation** otherwise: z = (U − nA·nB/2 − c) / σ with the continuity
 *   correction c = ±½ towards the mean (0 when U is at the mean) and the tie-corrected
 *   σ² = nA·nB/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1))), t running over the sizes of the
 *   groups of tied values; two-sided p = 2 · min(Φ(z), 1 − Φ(z)). When every value is
 *   tied (σ = 0) there is no evidence of a difference and p = 1.
 *
 * These are the choices of R's `wilcox.test(x, y)` (`exact = NULL, correct = TRUE`),
 * whose p-values this function reproduces.
 *
 * @param a - sample A (finite numbers, at least one)
 * @param b - sample B (finite numbers, at least one)
 * @throws `RangeError` for an empty sample or a non-finite value (naming its index);
 *   `RangeError` when `method: 'exact'` is asked for with ties or samples of 400 or more
 *
 * @example
 * ```ts
 * mannWhitneyU([1, 2, 3], [4, 5, 6]); // { u: 0, p: 0.1, method: 'exact', … }
 * ```
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>, options: MannWhitneyOptions = {}): MannWhitneyResult {
  checkSample(a, 'a');
  checkSample(b, 'b');
  const alternative = options.alternative ?? 'two-sided';
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new RangeError(`Expected \`alternative\` to be 'two-sided', 'less' or 'greater', got \`${formatValue(alternative)}\``);
  }
  const requested = options.method ?? 'auto';
  if (requested !== 'auto' && requested !== 'exact' && requested !== 'normal') {
    throw new RangeError(`Expected \`method\` to be 'auto', 'exact' or 'normal', got \`${formatValue(requested)}\``);
  }

  const nA = a.length;
  const nB = b.length;
  const { rankSumA, tieTerm } = rankPooled(a, b);
  const u = rankSumA - (nA * (nA + 1)) / 2;
  const ties = tieTerm > 0;

  let method: 'exact' | 'normal';
  if (requested === 'auto') method = !ties && nA < MANN_WHITNEY_EXACT_LIMIT && nB < MANN_WHITNEY_EXACT_LIMIT ? 'exact' : 'normal';
  else method = requested;
  if (method === 'exact') {
    if (ties) throw new RangeError('The exact Mann–Whitney distribution needs samples without ties; use `method: \'normal\'`');
    if (nA >= EXACT_HARD_LIMIT || nB >= EXACT_HARD_LIMIT) {
      throw new RangeError(`The exact Mann–Whitney distribution is computed for samples below ${EXACT_HARD_LIMIT} values, got ${nA} and ${nB}`);
    }
  }

  const base = { u, uB: nA * nB - u, nA, nB, alternative, ties, effectSize: u / (nA * nB) };
  if (method === 'exact') {
    return { ...base, method, z: null, p: exactPValue(u, nA, nB, alternative) };
  }
  const { z, p } = normalPValue(u, nA, nB, tieTerm, alternative);
  return { ...base, method, z, p };
}

/** A's sum of mid-ranks in the pooled sample, and Σ(t³ − t) over the groups of tied values. */
function rankPooled(a: ArrayLike<number>, b: ArrayLike<number>): { rankSumA: number; tieTerm: number } {
  const nA = a.length;
  const total = nA + b.length;
  const values = new Float64Array(total);
  for (let i = 0; i < nA; i++) values[i] = a[i] as number;
  for (let j = 0; j < b.length; j++) values[nA + j] = b[j] as number;
  const order = Array.from({ length: total }, (_, i) => i).sort((x, y) => (values[x] as number) - (values[y] as number));
  let rankSumA = 0;
  let tieTerm = 0;
  for (let start = 0; start < total; ) {
    let end = start + 1;
    while (end < total && values[order[end] as number] === values[order[start] as number]) end++;
    const t = end - start;
    const midRank = (start + 1 + end) / 2; // ranks start+1 .. end
    for (let k = start; k < end; k++) if ((order[k] as number) < nA) rankSumA += midRank;
    if (t > 1) tieTerm += t * t * t - t;
    start = end;
  }
  return { rankSumA, tieTerm };
}

function normalPValue(
  u: number,
  nA: number,
  nB: number,
  tieTerm: number,
  alternative: MannWhitneyAlternative,
): { z: number; p: number } {
  const n = nA + nB;
  const mean = (nA * nB) / 2;
  const variance = ((nA * nB) / 12) * (n + 1 - (n > 1 ? tieTerm / (n * (n - 1)) : 0));
  if (!(variance > 0)) return { z: 0, p: 1 };
  const sigma = Math.sqrt(variance);
  const deviation = u - mean;
  let correction: number;
  if (alternative === 'two-sided') correction = Math.sign(deviation) * 0.5;
  else correction = alternative === 'greater' ? 0.5 : -0.5;
  const z = (deviation - correction) / sigma;
  let p: number;
  if (alternative === 'greater') p = normalUpperTail(z);
  else if (alternative === 'less') p = normalCdf(z);
  else p = Math.min(1, 2 * Math.min(normalCdf(z), normalUpperTail(z)));
  return { z, p };
}

/**
 * The exact null distribution of U for sample sizes m and n: `counts[k]` is the number
 * of the C(m + n, m) equally likely splits with U = k. Counted with
 * `f(i, j, k) = f(i − 1, j, k − j) + f(i, j − 1, k)` (the largest pooled value is A's,
 * beating all j values of B, or B's), one j at a time; about m²n²/4 additions, all of
 * non-negative numbers, so nothing cancels.
 */
export function exactUDistribution(m: number, n: number): Float64Array {
  // row[i] = f(i, j) for the current j; starts at j = 0 where U is always 0.
  let row: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let j = 1; j <= n; j++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let i = 1; i <= m; i++) {
      const current = new Float64Array(i * j + 1);
      const withoutB = row[i] as Float64Array; // f(i, j − 1), length i(j − 1) + 1
      for (let k = 0; k < withoutB.length; k++) current[k] = withoutB[k] as number;
      const withoutA = next[i - 1] as Float64Array; // f(i − 1, j), length (i − 1)j + 1
      for (let k = 0; k < withoutA.length; k++) current[k + j]! += withoutA[k] as number;
      next.push(current);
    }
    row = next;
  }
  return row[m] as Float64Array;
}

function exactPValue(u: number, nA: number, nB: number, alternative: MannWhitneyAlternative): number {
  const counts = exactUDistribution(nA, nB);
  let total = 0;
  let atMost = 0;
  for (let k = 0; k < counts.length; k++) {
    total += counts[k] as number;
    if (k <= u) atMost += counts[k] as number;
  }
  const atLeast = total - atMost + (counts[u] as number);
  const lower = atMost / total;
  const upper = atLeast / total;
  if (alternative === 'less') return Math.min(1, lower);
  if (alternative === 'greater') return Math.min(1, upper);
  return Math.min(1, 2 * Math.min(lower, upper));
}
