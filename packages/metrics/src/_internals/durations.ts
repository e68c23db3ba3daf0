import { SUCCESS_FLAG, type RecoveryColumns } from './recordLayout.js';
import type { Combos } from './slots.js';
import type { Buckets } from './sort.js';
import { secondsBetween } from './stats.js';

/*
 * Order statistics and spread of every group's successful Δt, without sorting them all.
 *
 * A group needs ten of its values in order: the smallest, the largest, and the two
 * values around each of its four quantiles. The walk (see `walk.ts`) counts each
 * unit's Δt in a histogram over the order of their bits (a double's sign, exponent and
 * leading mantissa bits order it as its value does); added up per group, the
 * histograms say which bucket holds each wanted rank. One pass then adds up the
 * squared deviations and keeps only the values that fall in those buckets — a few per
 * hundred — which are sorted to read the wanted ranks. Where sorting every Δt and
 * dealing them out to the groups took a sort and a pass per breakdown.
 */

/** The order statistics and spread of one group's Δt (seconds). */
export interface DurationStats {
  readonly median: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly std: number | null;
}

/** The quantiles a group reports, in the order of `DurationStats`. */
const QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;

/**
 * Histogram buckets per unit and group: at most 2^9 (with 2^11, the counters of the
 * benchmark's 262 units missed the caches more than the fewer values kept saved),
 * at least 2^6, and fewer when there are many units and groups, so the counters stay
 * about `COUNTER_BUDGET` (4 MB of them).
 */
const MAX_BUCKET_BITS = 9;
const MIN_BUCKET_BITS = 6;
const COUNTER_BUDGET = 1 << 20;

/** Maps a double's high word to an unsigned key with the same order (sign handled). */
function orderedHigh(high: number): number {
  return (high & 0x80000000) !== 0 ? ~high >>> 0 : (high | 0x80000000) >>> 0;
}

/** How a Δt maps to its histogram bucket: its order key, less the smallest, shifted to fit `buckets`. */
export interface Bucketing {
  readonly buckets: number;
  readonly minKey: number;
  readonly shift: number;
}

// A Δt's high word, read through a shared one-value buffer.
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The order key of one value (see {@link orderedHigh}). */
function keyOf(value: number): number {
  scratch[0] = value;
  return orderedHigh(scratchWords[HIGH] as number);
}

/**
 * The buckets for Δt in `range` (`undefined`: none), as many as {@link MAX_BUCKET_BITS}
 * and the number of units and groups allow.
 */
export function bucketingFor(range: { readonly min: number; readonly max: number } | undefined, unitCount: number, slotCount: number): Bucketing {
  const bits = Math.max(MIN_BUCKET_BITS, Math.min(MAX_BUCKET_BITS, Math.floor(Math.log2(COUNTER_BUDGET / Math.max(1, unitCount + slotCount)))));
  const minKey = range === undefined ? 0 : keyOf(range.min);
  const maxKey = range === undefined ? 0 : keyOf(range.max);
  return { buckets: 1 << bits, minKey, shift: Math.max(0, 32 - Math.clz32(maxKey - minKey) - bits) };
}

/** The histogram bucket of a Δt within the range of `bucketing`. */
export function bucketOf(bucketing: Bucketing, value: number): number {
  return (keyOf(value) - bucketing.minKey) >>> bucketing.shift;
}

/** What the statistics are computed from. */
export interface DurationInput {
  readonly recs: RecoveryColumns;
  readonly combos: Combos;
  /** Recoveries by run, in recovery-time order. */
  readonly recsByRun: Buckets;
  /** Each slot's number of successful recoveries. */
  readonly successes: Float64Array;
  readonly slotCount: number;
  readonly bucketing: Bucketing;
  /** Per unit (see `Combos`), from the walk: the number and sum of its successful Δt, and their histogram. */
  readonly unitCounts: Float64Array;
  readonly unitSums: Float64Array;
  readonly unitHistograms: Int32Array;
}

/** Each slot's Δt statistics. */
export function durationStatsBySlot(input: DurationInput): DurationStats[] {
  const { combos, successes, slotCount, bucketing, unitCounts, unitSums, unitHistograms } = input;
  const { unitCount } = combos;
  const { buckets } = bucketing;
  const slotSums = new Float64Array(slotCount);
  const histograms = new Int32Array(slotCount * buckets);
  spreadUnitsToSlots(combos, buckets, unitSums, unitHistograms, slotSums, histograms);

  const wanted = wantedBuckets(successes, histograms, slotCount, buckets);
  const unitMeans = new Float64Array(unitCount);
  // Per unit, whether one of its groups wants a bucket; and how many values that keeps at most.
  const unitWanted = new Uint8Array(unitCount * buckets);
  let mostKept = 0;
  for (let u = 0; u < unitCount; u++) {
    unitMeans[u] = (unitCounts[u] as number) === 0 ? 0 : (unitSums[u] as number) / (unitCounts[u] as number);
    for (let s = combos.unitSlotStart[u] as number, end = combos.unitSlotStart[u + 1] as number; s < end; s++) {
      for (const b of wanted.bucketsOf[combos.unitSlots[s] as number] as number[]) {
        if (unitWanted[u * buckets + b] === 1) continue;
        unitWanted[u * buckets + b] = 1;
        mostKept += unitHistograms[u * buckets + b] as number;
      }
    }
  }
  const unitSquares = new Float64Array(unitCount);
  const keptRecords = deviationPass(input, unitMeans, unitSquares, unitWanted, mostKept);

  // Each group's squared deviations, by Chan et al.'s pairwise combination of its units' own.
  const slotSquares = new Float64Array(slotCount);
  for (let u = 0; u < unitCount; u++) {
    if (unitCounts[u] === 0) continue;
    for (let s = combos.unitSlotStart[u] as number, end = combos.unitSlotStart[u + 1] as number; s < end; s++) {
      const slot = combos.unitSlots[s] as number;
      const apart = (unitMeans[u] as number) - (slotSums[slot] as number) / (successes[slot] as number);
      slotSquares[slot]! += (unitSquares[u] as number) + (unitCounts[u] as number) * apart * apart;
    }
  }

  const kept = dealKept(input, keptRecords, wanted);
  const stats: DurationStats[] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    stats.push(slotStats(slot, successes[slot] as number, slotSquares[slot] as number, histograms, wanted.regionAt, buckets, kept));
  }
  return stats;
}

/** Adds each unit's sum and histogram to its slots (units in order, so sums are reproducible). */
function spreadUnitsToSlots(combos: Combos, buckets: number, unitSums: Float64Array, unitHistograms: Int32Array, slotSums: Float64Array, histograms: Int32Array): void {
  for (let u = 0; u < combos.unitCount; u++) {
    for (let s = combos.unitSlotStart[u] as number, end = combos.unitSlotStart[u + 1] as number; s < end; s++) {
      const slot = combos.unitSlots[s] as number;
      slotSums[slot]! += unitSums[u] as number;
      const from = u * buckets;
      const to = slot * buckets;
      for (let b = 0; b < buckets; b++) histograms[to + b]! += unitHistograms[from + b] as number;
    }
  }
}

/**
 * One pass, in walk order: each unit's squared deviations from its own mean (two-pass,
 * for accuracy); the records whose Δt falls in a bucket one of their groups wants (at
 * most `mostKept`; written branch-free, so a rare keep never costs a deoptimisation).
 */
function deviationPass(input: DurationInput, means: Float64Array, squares: Float64Array, unitWanted: Uint8Array, mostKept: number): Int32Array {
  const { recs, combos, bucketing } = input;
  const { flags, combo, faultAt, recoveredAt } = recs;
  const { tripleOf, tagUnitOf } = combos;
  const buckets = bucketing.buckets;
  const items = input.recsByRun.items;
  const keptRecords = new Int32Array(mostKept + 1);
  let kept = 0;
  for (let q = 0; q < items.length; q++) {
    const i = items[q] as number;
    if (((flags[i] as number) & SUCCESS_FLAG) === 0) continue;
    const value = secondsBetween(faultAt[i] as number, recoveredAt[i] as number);
    const bucket = bucketOf(bucketing, value);
    const c = combo[i] as number;
    const triple = tripleOf[c] as number;
    const deviation = value - (means[triple] as number);
    squares[triple]! += deviation * deviation;
    let wanted = unitWanted[triple * buckets + bucket] as number;
    const tagUnit = tagUnitOf[c] as number;
    if (tagUnit >= 0) {
      const tagDeviation = value - (means[tagUnit] as number);
      squares[tagUnit]! += tagDeviation * tagDeviation;
      wanted |= unitWanted[tagUnit * buckets + bucket] as number;
    }
    keptRecords[kept] = i;
    kept += wanted;
  }
  return keptRecords.subarray(0, kept);
}

/** The kept records' Δt, each written to the region of every group that wants its bucket. */
function dealKept(input: DurationInput, keptRecords: Int32Array, wanted: WantedBuckets): Float64Array {
  const { recs, combos, bucketing } = input;
  const { comboSlotStart, comboSlotList } = combos;
  const buckets = bucketing.buckets;
  const regionAt = wanted.regionAt;
  const kept = new Float64Array(wanted.total);
  for (let q = 0; q < keptRecords.length; q++) {
    const i = keptRecords[q] as number;
    const value = secondsBetween(recs.faultAt[i] as number, recs.recoveredAt[i] as number);
    const bucket = bucketOf(bucketing, value);
    const c = recs.combo[i] as number;
    for (let s = comboSlotStart[c] as number, end = comboSlotStart[c + 1] as number; s < end; s++) {
      const at = (comboSlotList[s] as number) * buckets + bucket;
      const to = regionAt[at] as number;
      if (to >= 0) {
        kept[to] = value;
        regionAt[at] = to + 1;
      }
    }
  }
  return kept;
}

/** Per slot, the buckets its statistics read, and where their values go. */
interface WantedBuckets {
  readonly bucketsOf: number[][];
  /** Where the next value of bucket `b` of a slot goes in the kept values (`regionAt[slot·buckets + b]`), -1 for a bucket not wanted. */
  readonly regionAt: Int32Array;
  /** How many values are kept in all. */
  readonly total: number;
}

/**
 * Per slot, the buckets holding the ranks its statistics read, and where each such
 * bucket's values go in one array of kept values (`regionAt[slot·buckets + b]`, -1 for
 * the buckets not wanted).
 */
function wantedBuckets(successes: Float64Array, histograms: Int32Array, slotCount: number, buckets: number): WantedBuckets {
  const regionAt = new Int32Array(slotCount * buckets).fill(-1);
  const bucketsOf: number[][] = [];
  const wanted = ranksWanted(successes, slotCount);
  let total = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    const ranks = wanted[slot] as number[];
    const own: number[] = [];
    let rank = 0;
    let seen = 0;
    for (let b = 0, base = slot * buckets; b < buckets && rank < ranks.length; b++) {
      const count = histograms[base + b] as number;
      if ((ranks[rank] as number) < seen + count) {
        regionAt[base + b] = total;
        total += count;
        own.push(b);
        while (rank < ranks.length && (ranks[rank] as number) < seen + count) rank++;
      }
      seen += count;
    }
    bucketsOf.push(own);
  }
  return { bucketsOf, regionAt, total };
}

/** Per slot, the ranks (0-based, ascending, distinct) of the values its statistics read. */
function ranksWanted(successes: Float64Array, slotCount: number): number[][] {
  const wanted: number[][] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    const n = successes[slot] as number;
    const ranks = new Set<number>();
    if (n > 0) {
      ranks.add(0).add(n - 1);
      for (const p of QUANTILES) for (const rank of quantileRanks(n, p)) ranks.add(rank);
    }
    wanted.push([...ranks].sort((a, b) => a - b));
  }
  return wanted;
}

/** The ranks the type-7 quantile `p` (0 < p < 1) of `n` sorted values reads. */
function quantileRanks(n: number, p: number): number[] {
  if (n < 2) return [0];
  const i0 = Math.floor((n - 1) * p);
  return [i0, i0 + 1];
}

/**
 * The type-7 quantile `p` (0 < p < 1) of `n` sorted values read through `at(rank)`: d3-array's
 * `quantileSorted`, `x[i0] + (x[i0 + 1] - x[i0]) (i - i0)` with `i = (n - 1) p`, reading
 * only the two values it needs.
 */
function quantileOfRanks(n: number, p: number, at: (rank: number) => number): number {
  if (n < 2) return at(0);
  const i = (n - 1) * p;
  const i0 = Math.floor(i);
  const value0 = at(i0);
  return value0 + (at(i0 + 1) - value0) * (i - i0);
}

/**
 * One slot's statistics, from its histogram and its kept values: each wanted bucket's
 * values are sorted, and a rank read from its bucket (buckets are in value order).
 */
function slotStats(
  slot: number,
  n: number,
  squares: number,
  histograms: Int32Array,
  regionAt: Int32Array,
  buckets: number,
  kept: Float64Array,
): DurationStats {
  if (n === 0) return { median: null, p90: null, p95: null, p99: null, min: null, max: null, std: null };
  // Each wanted bucket's first rank, and where its values start in `kept`, sorted.
  const firstRank: number[] = [];
  const start: number[] = [];
  let seen = 0;
  for (let b = 0, base = slot * buckets; b < buckets; b++) {
    const count = histograms[base + b] as number;
    const end = regionAt[base + b] as number;
    if (end >= 0 && count > 0) {
      // Native and allocation-free: quicker here than selecting with a comparator.
      kept.subarray(end - count, end).sort();
      firstRank.push(seen);
      start.push(end - count);
    }
    seen += count;
  }
  const at = (rank: number): number => {
    let r = firstRank.length - 1;
    while ((firstRank[r] as number) > rank) r--;
    return kept[(start[r] as number) + rank - (firstRank[r] as number)] as number;
  };
  return {
    median: quantileOfRanks(n, 0.5, at),
    p90: quantileOfRanks(n, 0.9, at),
    p95: quantileOfRanks(n, 0.95, at),
    p99: quantileOfRanks(n, 0.99, at),
    min: at(0),
    max: at(n - 1),
    std: n < 2 ? null : Math.sqrt(squares / (n - 1)),
  };
}

/** Δt of a slot's successful recoveries in one run, in recovery-time order. */
export function durationsOfRun(recs: RecoveryColumns, combos: Combos, recsByRun: Buckets, run: number, slot: number): Float64Array {
  const values: number[] = [];
  const end = recsByRun.offsets[run + 1] as number;
  for (let k = recsByRun.offsets[run] as number; k < end; k++) {
    const i = recsByRun.items[k] as number;
    if (((recs.flags[i] as number) & SUCCESS_FLAG) === 0) continue;
    const base = combos.stride * (combos.ofRecovery[i] as number);
    let inSlot = false;
    for (let s = base; s < base + combos.stride; s++) if (combos.slots[s] === slot) inSlot = true;
    if (inSlot) values.push(secondsBetween(recs.faultAt[i] as number, recs.recoveredAt[i] as number));
  }
  return Float64Array.from(values);
}
