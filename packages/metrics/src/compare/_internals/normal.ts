/**
 * The standard normal distribution, accurate to about 1e-15 (relative) far into the
 * tails, which p-values of large shifts need. No dependency: the complementary error
 * function is summed from its series near 0 and from its continued fraction beyond.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2 / √π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1 / √π

/** Below this, erfc is 1 − erf from the series; above, the continued fraction converges fast. */
const SERIES_LIMIT = 2.5;

/**
 * erf(x) for 0 <= x < {@link SERIES_LIMIT}: `2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))`,
 * a series of positive terms (no cancellation).
 */
function erfSeries(x: number): number {
  const twoX2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
}

/**
 * erfc(x) for x >= {@link SERIES_LIMIT}, from the continued fraction
 * `erfc(x) = e^{−x²}/√π · 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + …))))`,
 * evaluated with the modified Lentz method.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** The complementary error function, `1 − erf(x)`. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

/** Φ(z) = P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return z < 0 ? 0.5 * erfc(-z / Math.SQRT2) : 1 - 0.5 * erfc(z / Math.SQRT2);
}

/** P(Z >= z) = 1 − Φ(z), accurate in the upper tail. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** The 97.5 % quantile of the standard normal: the z of a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;
