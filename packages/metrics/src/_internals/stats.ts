import { quantileSorted } from 'd3-array';

/**
 * The type-7 quantile of an ascending `Float64Array` (d3-array's `quantileSorted`:
 * `x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])`, `h = (n - 1) p`).
 * The array must be non-empty.
 */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  // @types/d3-array types the input as an Array; d3 reads only `length` and indices.
  return quantileSorted(sorted as unknown as number[], p) as number;
}

/**
 * A recovery's Δt in seconds from its times in ms; `+ 0` makes a −0 a 0, so every Δt of
 * no time has the same bits (the summary orders Δt by their bits).
 */
export function secondsBetween(from: number, to: number): number {
  return (to - from) / 1000 + 0;
}

/** The mean, or `null` for an empty sample. */
export function meanOf(values: Float64Array): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** The sample standard deviation (n − 1), or `null` below two values. Two-pass, for accuracy. */
export function sampleStdOf(values: Float64Array, mean: number): number | null {
  const n = values.length;
  if (n < 2) return null;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - mean;
    squares += deviation * deviation;
  }
  return Math.sqrt(squares / (n - 1));
}

/** `100 × part / whole`, or `null` when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}

/** The sum of `values`. */
export function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum;
}
