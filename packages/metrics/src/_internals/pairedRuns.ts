import { SUCCESS_FLAG, type RecoveryColumns } from './recordLayout.js';
import type { Combos } from './slots.js';
import { quantileOfSorted, secondsBetween } from './stats.js';
import type { Buckets } from './sort.js';

/** What the paired medians are computed from. */
export interface PairedMedianInput {
  readonly recs: RecoveryColumns;
  readonly combos: Combos;
  /** Recoveries by run, in recovery-time order (the walk's buckets). */
  readonly recsByRun: Buckets;
  /** Per slot, the runs in which its MTBF is defined (its paired runs), in run order. */
  readonly pairedRunsOf: readonly (readonly number[])[];
  /** Per slot, the runs with at least one successful recovery. */
  readonly runsWithSuccess: Float64Array;
  /** Per slot, the median Δt over all its runs. */
  readonly median: readonly (number | null)[];
}

/**
 * MedTTR-A over each group's paired runs (the runs in which its MTBF is defined), for
 * `nrrMedian`. A group whose every run with a recovery is paired — the usual case in a
 * soak — has the median it already has; a group with no paired run has none. Only the
 * groups in between cost anything: one pass over the recoveries of their paired runs,
 * each run read once for all of them.
 */
export function pairedMedians(input: PairedMedianInput): (number | null)[] {
  const { recs, combos, recsByRun, pairedRunsOf, runsWithSuccess, median } = input;
  const result: (number | null)[] = median.map((value, slot) => {
    const paired = (pairedRunsOf[slot] as readonly number[]).length;
    return paired === 0 ? null : paired === runsWithSuccess[slot] ? value : null;
  });
  const partial: number[] = [];
  pairedRunsOf.forEach((runs, slot) => {
    if (runs.length > 0 && runs.length < (runsWithSuccess[slot] as number)) partial.push(slot);
  });
  if (partial.length === 0) return result;

  // The partial groups paired in each run.
  const slotsOfRun = new Map<number, number[]>();
  for (const slot of partial) {
    for (const run of pairedRunsOf[slot] as readonly number[]) {
      const list = slotsOfRun.get(run);
      if (list === undefined) slotsOfRun.set(run, [slot]);
      else list.push(slot);
    }
  }
  const mark = new Uint8Array(median.length);
  const values = new Map<number, number[]>(partial.map((slot) => [slot, []]));
  const { stride, slots: comboSlots, ofRecovery } = combos;
  for (const [run, slots] of slotsOfRun) {
    for (const slot of slots) mark[slot] = 1;
    const end = recsByRun.offsets[run + 1] as number;
    for (let k = recsByRun.offsets[run] as number; k < end; k++) {
      const i = recsByRun.items[k] as number;
      if (((recs.flags[i] as number) & SUCCESS_FLAG) === 0) continue;
      const dt = secondsBetween(recs.faultAt[i] as number, recs.recoveredAt[i] as number);
      const base = stride * (ofRecovery[i] as number);
      for (let s = base; s < base + stride; s++) {
        const slot = comboSlots[s] as number;
        if (slot >= 0 && mark[slot] === 1) (values.get(slot) as number[]).push(dt);
      }
    }
    for (const slot of slots) mark[slot] = 0;
  }
  for (const [slot, list] of values) result[slot] = quantileOfSorted(Float64Array.from(list).sort(), 0.5);
  return result;
}
