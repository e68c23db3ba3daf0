import { SUCCESS_FLAG, type RecoveryColumns } from './RecordStore.js';
import type { Combos, Slots } from './slots.js';
import { sortWithPayload, type Buckets } from './sort.js';
import { quantileOfSorted, sampleStdOf, sumOf } from './stats.js';

/*
 * Order statistics of the successful recoveries' Δt: sorted once for all groups, then
 * dealt out to each group in that order, so every group's Δt come out sorted.
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

function durationStats(sorted: Float64Array): DurationStats {
  const n = sorted.length;
  if (n === 0) return { median: null, p90: null, p95: null, p99: null, min: null, max: null, std: null };
  return {
    median: quantileOfSorted(sorted, 0.5),
    p90: quantileOfSorted(sorted, 0.9),
    p95: quantileOfSorted(sorted, 0.95),
    p99: quantileOfSorted(sorted, 0.99),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    std: sampleStdOf(sorted, sumOf(sorted) / n),
  };
}

/**
 * Sorts the successful recoveries' Δt once (each carrying its combo), then, one
 * dimension at a time, deals them in that order into a buffer laid out slot after
 * slot: every slot's slice comes out sorted, and is summarised before the buffer is
 * reused for the next breakdown.
 */
export function durationStatsBySlot(recs: RecoveryColumns, combos: Combos, slots: Slots, successes: Float64Array): DurationStats[] {
  const n = successes[0] as number;
  const durations = new Float64Array(n);
  const comboOf = new Uint32Array(n);
  extractDurations(recs, durations, comboOf);
  const { sorted, payload } = sortWithPayload(durations, comboOf);
  const stats: DurationStats[] = [durationStats(sorted)];
  // The sort owns `durations`: when its result is the other array, `durations` is free.
  const buffer = sorted === durations ? new Float64Array(n) : durations;
  const cursor = new Int32Array(slots.count);
  for (let d = 0; d < slots.dimensions; d++) {
    const first = slots.start[d] as number;
    const end = slots.start[d + 1] as number;
    let at = 0;
    for (let slot = first; slot < end; slot++) {
      cursor[slot] = at;
      at += successes[slot] as number;
    }
    deal(sorted, payload, combos, d + 1, cursor, buffer);
    // `cursor[slot]` now points at the end of the slot's slice.
    for (let slot = first; slot < end; slot++) {
      const stop = cursor[slot] as number;
      stats.push(durationStats(buffer.subarray(stop - (successes[slot] as number), stop)));
    }
  }
  return stats;
}

/** Δt (seconds) and combo of each successful recovery, in record order. */
function extractDurations(recs: RecoveryColumns, durations: Float64Array, comboOf: Uint32Array): void {
  const { flags, recoveredAt, faultAt, combo } = recs;
  for (let i = 0, k = 0; i < recs.count; i++) {
    if (((flags[i] as number) & SUCCESS_FLAG) === 0) continue;
    durations[k] = ((recoveredAt[i] as number) - (faultAt[i] as number)) / 1000;
    comboOf[k++] = combo[i] as number;
  }
}

/** Writes each sorted value to the next place of its slot in dimension `column − 1` (column 1.. of the combo's slots). */
function deal(sorted: Float64Array, payload: Uint32Array, combos: Combos, column: number, cursor: Int32Array, out: Float64Array): void {
  const { stride, slots: comboSlots } = combos;
  for (let k = 0; k < sorted.length; k++) {
    const slot = comboSlots[stride * (payload[k] as number) + column] as number;
    if (slot >= 0) out[cursor[slot]!++] = sorted[k] as number;
  }
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
    if (inSlot) values.push(((recs.recoveredAt[i] as number) - (recs.faultAt[i] as number)) / 1000);
  }
  return Float64Array.from(values);
}
