/*
 * What the walk over the runs adds up (see `walk.ts`), and where: per combo, per unit,
 * per slot. Typed arrays, allocated once per summary.
 */

/** The counts of a combo in `Accumulators.cc`, at `8·c +` these offsets. */
export const CC_FAULTS = 0;
export const CC_ATTEMPTS = 1;
export const CC_SUCCESSES = 2;
export const CC_PEER = 3;
export const CC_ACCURACY_SUM = 4;
export const CC_ACCURACY_COUNT = 5;
export const CC_CORRECT = 6;
export const CC_MEASUREMENT_START = 7;
export const CC_FIELDS = 8;

/**
 * What the walk adds up: counts per combo for the whole campaign (spread to the slots
 * once, at the end), the run's Δt sums per unit (spread at the end of each run, for the
 * run means), and per slot.
 */
export interface Accumulators {
  /**
   * Per combo, the whole campaign (only ever added up, so never per run): eight counts a
   * combo, side by side so a record's updates touch one cache line; `cc[8·c + CC_*]`.
   */
  readonly cc: Float64Array;
  // Per slot, filled from the combos after the walk:
  readonly faultTotal: Float64Array;
  readonly attempts: Float64Array;
  readonly successes: Float64Array;
  readonly peer: Float64Array;
  readonly accuracySum: Float64Array;
  readonly accuracyCount: Float64Array;
  readonly correct: Float64Array;
  readonly measurementStart: Float64Array;
  // Per slot, during the walk:
  readonly runTotal: Float64Array;
  readonly conclusive: Float64Array;
  readonly completed: Float64Array;
  readonly runsWithSuccess: Float64Array;
  readonly runMeanSum: Float64Array;
  readonly runDetectSum: Float64Array;
  readonly runRepairSum: Float64Array;
  /** Σ of the stable intervals, in ms (divided by 1000 once, at the end). */
  readonly mtbfSum: Float64Array;
  readonly mtbfPairs: Float64Array;
  /** `mtbfPairs` when the slot's last run closed: a run that added pairs is paired. */
  readonly pairsBefore: Float64Array;
  /** Runs in which the slot's MTBF is defined, and the sum of their run means. */
  readonly pairedRuns: Float64Array;
  readonly pairedMeanSum: Float64Array;
  /** Those runs, in run order, per slot (for the median over them). */
  readonly pairedRunLists: number[][];
  /** The run means of each slot, in run order: the bootstrap's units. */
  readonly runMeans: number[][];
  /** The stratum (scenario) of each of those runs. */
  readonly runMeanStrata: number[][];
  /** The first run in which a slot had a success (its only one, when it has one). */
  readonly firstRun: Int32Array;
  // Per unit, the whole campaign: successful Δt, their count and sum (added once a run)
  // and histogram (`unitHistograms[unit·buckets + bucket]`, see `durations.ts`).
  readonly unitCounts: Float64Array;
  readonly unitSums: Float64Array;
  readonly unitHistograms: Int32Array;
  // One run's Δt sums per unit, reset for the units the run touched:
  readonly unitMark: Uint8Array;
  readonly unitTouched: Int32Array;
  readonly uSuccesses: Float64Array;
  readonly uDt: Float64Array;
  readonly uDetect: Float64Array;
  readonly uRepair: Float64Array;
  // One run's sums per slot:
  readonly slotMark: Uint8Array;
  readonly slotTouched: Int32Array;
  readonly runN: Float64Array;
  readonly runDt: Float64Array;
  readonly runDetect: Float64Array;
  readonly runRepair: Float64Array;
  // MTBF, walking a run back: the time of the slot's next fault (+∞ for none yet), and
  // of its next fault strictly after that one's time (for recoveries with Δt = 0).
  readonly nextFault: Float64Array;
  readonly nextFaultAfter: Float64Array;
}

/** Zeroed accumulators for `slotCount` slots, `comboCount` combos and `unitCount` units, with `buckets` per histogram. */
export function newAccumulators(slotCount: number, comboCount: number, unitCount: number, buckets: number): Accumulators {
  const perSlot = (): Float64Array => new Float64Array(slotCount);
  const perUnit = (): Float64Array => new Float64Array(unitCount);
  const lists = (): number[][] => Array.from({ length: slotCount }, () => []);
  return {
    cc: new Float64Array(CC_FIELDS * comboCount),
    faultTotal: perSlot(),
    attempts: perSlot(),
    successes: perSlot(),
    peer: perSlot(),
    accuracySum: perSlot(),
    accuracyCount: perSlot(),
    correct: perSlot(),
    measurementStart: perSlot(),
    runTotal: perSlot(),
    conclusive: perSlot(),
    completed: perSlot(),
    runsWithSuccess: perSlot(),
    runMeanSum: perSlot(),
    runDetectSum: perSlot(),
    runRepairSum: perSlot(),
    mtbfSum: perSlot(),
    mtbfPairs: perSlot(),
    pairsBefore: perSlot(),
    pairedRuns: perSlot(),
    pairedMeanSum: perSlot(),
    pairedRunLists: lists(),
    runMeans: lists(),
    runMeanStrata: lists(),
    firstRun: new Int32Array(slotCount).fill(-1),
    unitCounts: perUnit(),
    unitSums: perUnit(),
    unitHistograms: new Int32Array(unitCount * buckets),
    unitMark: new Uint8Array(unitCount),
    unitTouched: new Int32Array(unitCount),
    uSuccesses: perUnit(),
    uDt: perUnit(),
    uDetect: perUnit(),
    uRepair: perUnit(),
    slotMark: new Uint8Array(slotCount),
    slotTouched: new Int32Array(slotCount),
    runN: perSlot(),
    runDt: perSlot(),
    runDetect: perSlot(),
    runRepair: perSlot(),
    nextFault: new Float64Array(slotCount).fill(Number.POSITIVE_INFINITY),
    nextFaultAfter: new Float64Array(slotCount).fill(Number.POSITIVE_INFINITY),
  };
}
