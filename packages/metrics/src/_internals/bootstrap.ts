import { createRandom } from '@chaos/config';
import type { Interval } from '../types.js';
import { quantileOfSorted } from './stats.js';
import { blocksOf, shapeOf, unstratified, type StratifiedSample } from './strata.js';

/**
 * Above this many resampling units, consecutive units are merged into blocks so that
 * one interval costs about `MAX_UNITS × resamples` draws at most (a non-overlapping
 * block bootstrap; the units are in run or time order).
 */
export const BOOTSTRAP_MAX_UNITS = 10_000;

/**
 * The four words of an SFC32 state, from `createRandom(seed).fork(label)`: the seeded
 * stream decides the seed, SFC32 makes the many draws of a bootstrap cheap.
 */
function seededState(seed: string, label: string): Int32Array {
  const random = createRandom(seed).fork(label);
  const state = new Int32Array(4);
  for (let k = 0; k < 4; k++) state[k] = Math.floor(random.next() * 4294967296) | 0;
  state[3] = (state[3] as number) | 1;
  // SFC32's early outputs are weakly mixed: twelve steps are discarded, as its seeding does.
  drawRows(state, Int32Array.of(12), new Int32Array(12));
  return state;
}

/**
 * Seeded bootstrap 95 % percentile intervals of the means of several samples, each
 * resampled within its strata (see `strata.ts`; a sample of one stratum is the plain
 * bootstrap).
 *
 * For each sample of `n >= 2` units: `resamples` times, draw as many units from each
 * stratum as it holds, with replacement, and take the mean of all drawn units; the
 * interval is the type-7 2.5 % and 97.5 % quantiles of those means. Above
 * {@link BOOTSTRAP_MAX_UNITS} units, consecutive units of a stratum form blocks of
 * `ceil(n / BOOTSTRAP_MAX_UNITS)` (the last one of a stratum shorter), blocks are drawn
 * within their stratum, and the statistic is `Σ block sums / Σ block sizes`.
 *
 * The draws come from SFC32 seeded by `createRandom(seed).fork('bootstrap:<shape>')`,
 * the shape being `n` for one stratum and `n1+n2+…` for several: they depend only on
 * the seed and the strata sizes, so samples of one shape share them (common random
 * numbers), every interval depends only on the seed and its own units — not on what
 * else was recorded — and one draw serves every sample of that shape.
 *
 * @returns one interval per sample; `null` for a sample below two units
 */
export function bootstrapMeanIntervals(
  samples: readonly (Float64Array | StratifiedSample)[],
  resamples: number,
  seed: string,
): (Interval | null)[] {
  const stratified = samples.map((sample) => (sample instanceof Float64Array ? unstratified(sample) : sample));
  const intervals: (Interval | null)[] = samples.map(() => null);
  const byShape = new Map<string, number[]>();
  stratified.forEach((sample, index) => {
    if (sample.units.length < 2) return;
    const shape = shapeOf(sample);
    const members = byShape.get(shape);
    if (members === undefined) byShape.set(shape, [index]);
    else members.push(index);
  });
  for (const [shape, members] of byShape) {
    const g = members.length;
    const first = blocksOf(stratified[members[0] as number] as StratifiedSample, BOOTSTRAP_MAX_UNITS);
    const k = first.sums.length;
    // Members in bands of eight, each band row-interleaved: member `column`'s block sum
    // `row` is `matrix[(band·k + row)·8 + lane]` (band = column >> 3, lane = column & 7),
    // so the eight values a drawn row adds sit in one cache line. A last, partial band
    // is padded with zeros.
    const bands = Math.ceil(g / 8);
    const matrix = new Float64Array(bands * k * 8);
    for (let column = 0; column < g; column++) {
      const sums = (column === 0 ? first : blocksOf(stratified[members[column] as number] as StratifiedSample, BOOTSTRAP_MAX_UNITS)).sums;
      interleave(sums, matrix, (column >> 3) * k * 8 + (column & 7));
    }
    const statistics = resample(matrix, first.counts, first.perStratum, g, resamples, seededState(seed, `bootstrap:${shape}`));
    members.forEach((sampleIndex, column) => {
      const sorted = statistics.subarray(column * resamples, (column + 1) * resamples).sort();
      intervals[sampleIndex] = { low: quantileOfSorted(sorted, 0.025), high: quantileOfSorted(sorted, 0.975) };
    });
  }
  return intervals;
}

/** Writes `sums` down one lane of a band: `matrix[offset + 8·row] = sums[row]`. */
function interleave(sums: Float64Array, matrix: Float64Array, offset: number): void {
  for (let row = 0; row < sums.length; row++) matrix[offset + row * 8] = sums[row] as number;
}

/**
 * The hot loop of a summary. For each resample, each stratum's rows are drawn once
 * (as many as it has; SFC32, inlined with its state in int32 locals; `(u * scale) | 0`
 * maps a 32-bit draw to a row of the stratum), then every member sums its block sums
 * at those rows. Returns the statistics member-major: `statistics[column * resamples + r]`.
 * With one stratum, the draws are those of the unstratified bootstrap.
 */
function resample(
  matrix: Float64Array,
  counts: Float64Array | undefined,
  perStratum: readonly number[],
  g: number,
  resamples: number,
  state: Int32Array,
): Float64Array {
  const k = perStratum.reduce((sum, blocks) => sum + blocks, 0);
  const strata = Int32Array.from(perStratum);
  const statistics = new Float64Array(g * resamples);
  const rows = new Int32Array(k);
  const eight = new Float64Array(8);
  for (let r = 0; r < resamples; r++) {
    drawRows(state, strata, rows);
    const divisor = counts === undefined ? k : sumAt(counts, rows, k);
    // Eight members per pass over the drawn rows, reading one cache line per row: an
    // eighth of the loop overhead and of the reads of `rows`. Each member's sum still
    // adds its rows in draw order, from 0.
    for (let band = 0, column = 0; column < g; band++, column += 8) {
      sumBand(matrix, band * k * 8, k, rows, eight);
      const lanes = Math.min(8, g - column);
      for (let q = 0; q < lanes; q++) statistics[(column + q) * resamples + r] = (eight[q] as number) / divisor;
    }
  }
  return statistics;
}

/**
 * Draws one resample's rows: as many from each stratum as it has, with replacement
 * (`(u · blocks) >> 32` maps a 32-bit draw `u` to a row of the stratum). SFC32, its
 * state in int32 locals for the loop. Its own small function, so V8 optimises it
 * within the first few resamples of the first summary.
 */
function drawRows(state: Int32Array, perStratum: Int32Array, rows: Int32Array): void {
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let j = 0;
  for (let s = 0, base = 0; s < perStratum.length; s++) {
    const blocks = perStratum[s] as number;
    const scale = blocks / 4294967296;
    for (let q = 0; q < blocks; q++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      rows[j++] = base + (((t >>> 0) * scale) | 0);
    }
    base += blocks;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

/** `out[q] = Σ values[offset + 8·rows[j] + q]` for `j < k`, `q` in 0..7: one band of members. */
function sumBand(values: Float64Array, offset: number, k: number, rows: Int32Array, out: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  for (let j = 0; j < k; j++) {
    const at = offset + ((rows[j] as number) << 3);
    s0 += values[at] as number;
    s1 += values[at + 1] as number;
    s2 += values[at + 2] as number;
    s3 += values[at + 3] as number;
    s4 += values[at + 4] as number;
    s5 += values[at + 5] as number;
    s6 += values[at + 6] as number;
    s7 += values[at + 7] as number;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
  out[7] = s7;
}

/** `Σ values[rows[j]]` for `j < k`. */
function sumAt(values: Float64Array, rows: Int32Array, k: number): number {
  let sum = 0;
  for (let j = 0; j < k; j++) sum += values[rows[j] as number] as number;
  return sum;
}
