/**
 * Strata of a bootstrap: a campaign runs a fixed number of runs per scenario, by
 * design, so an interval of a mean pooled over scenarios resamples runs within each
 * scenario (a stratified bootstrap) and keeps every scenario's share fixed. Resampling
 * the pooled runs as if each scenario's count were random adds the between-scenario
 * spread to the interval: several times too wide when scenarios recover at different
 * speeds.
 */

/** Units grouped by stratum: the strata in ascending id order, each keeping its units' order. */
export interface StratifiedSample {
  readonly units: Float64Array;
  /** The sizes of the non-empty strata, in order; they add up to `units.length`. */
  readonly sizes: readonly number[];
}

/** One stratum holding every unit. */
export function unstratified(units: Float64Array): StratifiedSample {
  return { units, sizes: units.length === 0 ? [] : [units.length] };
}

/**
 * Groups `units` by their stratum id (`strata[i]` for `units[i]`, any integers), strata in
 * ascending id order, units in their order within each (a stable counting sort).
 */
export function stratify(units: ArrayLike<number>, strata: ArrayLike<number>): StratifiedSample {
  const n = units.length;
  if (strata.length !== n) throw new RangeError('`strata` must be as long as `units`');
  const ids = [...new Set(Array.from(strata))].sort((a, b) => a - b);
  if (ids.length <= 1) return unstratified(Float64Array.from(units));
  const position = new Map(ids.map((id, k) => [id, k]));
  const sizes = new Array<number>(ids.length).fill(0);
  for (let i = 0; i < n; i++) sizes[position.get(strata[i] as number) as number]! += 1;
  const cursor: number[] = [];
  let at = 0;
  for (const size of sizes) {
    cursor.push(at);
    at += size;
  }
  const grouped = new Float64Array(n);
  for (let i = 0; i < n; i++) grouped[cursor[position.get(strata[i] as number) as number]!++] = units[i] as number;
  return { units: grouped, sizes };
}

/**
 * The sample's shape, `n` for one stratum and `n1+n2+…` for several: samples of one
 * shape share their bootstrap draws.
 */
export function shapeOf(sample: StratifiedSample): string {
  return sample.sizes.join('+');
}

/** A sample cut into blocks of consecutive units within each stratum. */
export interface Blocks {
  /** The sum of each block's units, strata one after the other. */
  readonly sums: Float64Array;
  /** Units per block; `undefined` when every block is one unit. */
  readonly counts: Float64Array | undefined;
  /** Blocks per stratum, in order. */
  readonly perStratum: readonly number[];
}

/**
 * Cuts each stratum into blocks of `ceil(n / maxUnits)` consecutive units (the last
 * block of a stratum may be shorter), so one resample draws at most about `maxUnits`
 * blocks (a non-overlapping block bootstrap). Below `maxUnits` units, a block is a unit.
 */
export function blocksOf(sample: StratifiedSample, maxUnits: number): Blocks {
  const n = sample.units.length;
  const blockSize = Math.max(1, Math.ceil(n / maxUnits));
  // Below `maxUnits` units a block is a unit: the sums are the units themselves (only read).
  if (blockSize === 1) return { sums: sample.units, counts: undefined, perStratum: sample.sizes };
  const perStratum = sample.sizes.map((size) => Math.ceil(size / blockSize));
  const total = perStratum.reduce((sum, k) => sum + k, 0);
  const sums = new Float64Array(total);
  const counts = new Float64Array(total);
  let unit = 0;
  let block = 0;
  for (let s = 0; s < sample.sizes.length; s++) {
    const size = sample.sizes[s] as number;
    for (let i = 0; i < size; i++) {
      const at = block + Math.floor(i / blockSize);
      sums[at]! += sample.units[unit++] as number;
      counts[at]! += 1;
    }
    block += perStratum[s] as number;
  }
  return { sums, counts, perStratum };
}
