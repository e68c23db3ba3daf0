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

/** `100 × part / whole`, or `null` when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}
