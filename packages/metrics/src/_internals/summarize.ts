import type { MetricsGroupSummary, MetricsSummary } from '../types.js';
import { bootstrapMeanIntervals } from './bootstrap.js';
import { pairedMedians } from './pairedRuns.js';
import {
  ACCURACY_FLAG,
  MEASUREMENT_START_CODE,
  PEER_CONTEXT_FLAG,
  SOURCE_MASK,
  SOURCE_SHIFT,
  SUCCESS_FLAG,
  type FaultColumns,
  type RecordStore,
  type RecoveryColumns,
} from './RecordStore.js';
import { makeSlots, type Combos, type Slots } from './slots.js';
import { bucketize, identityOrder, orderByRunAndTime, sortWithPayload, type Buckets } from './sort.js';
import { quantileOfSorted, sampleStdOf, sumOf } from './stats.js';
import { stratify, unstratified, type StratifiedSample } from './strata.js';
import { groupSummaries, strataOfRuns } from './groupFigures.js';

/** The scenario results, as interned columns (ids in the store's string table). */
export interface ResultColumns {
  readonly count: number;
  readonly run: Int32Array;
  readonly scenario: Int32Array;
  /** 1 when the task completed. */
  readonly completed: Uint8Array;
  /** 1 when the result is conclusive (not `inconclusive`). */
  readonly conclusive: Uint8Array;
}

/** How the summary is computed. */
export interface SummaryOptions {
  readonly bootstrapSeed: string;
  readonly bootstrapResamples: number;
  /** The reconstruction accuracy a successful recovery needs to be a correct recovery. */
  readonly accuracyThreshold: number;
}

/**
 * Computes the summary in a fixed number of passes, whatever the number of groups:
 *
 * 1. every group gets a slot, and every combo (a record's scenario, type, agent and
 *    tag set, interned when it was recorded) its slots (see `slots.ts`);
 * 2. runs get dense indices (first appearance: faults, then recoveries, then results),
 *    and each run its stratum (its scenario) for the bootstrap;
 * 3. faults are ordered by (run, time) and recoveries by (run, recoveredAt) with a
 *    stable counting sort by run (records already in that order cost one check);
 * 4. one walk, run by run, merges the run's faults and recoveries in time order: sums
 *    per unit, MTBF pairs per slot; at the end of the run the unit sums go to the
 *    slots (totals, per-run means, whether the run is paired), and the run's scenario
 *    results are counted;
 * 5. the successful recoveries' Δt are sorted once (radix sort, combo carried along)
 *    and dealt out, one dimension at a time, to the slots in that order, so each
 *    group's Δt come out sorted for its quantiles and deviation; the medians over
 *    paired runs follow (see `pairedRuns.ts`);
 * 6. the bootstrap intervals, for all groups at once, runs resampled within their
 *    scenario (see `bootstrapMeanIntervals`).
 */
export function summarize(store: RecordStore, results: ResultColumns, options: SummaryOptions): MetricsSummary {
  const faults = store.faultColumns();
  const recs = store.recoveryColumns();
  const table = store.combos();
  const { slots, combos } = makeSlots(store, table, faults, recs, results.scenario);

  // 2. Dense run indices, and each run's stratum.
  const runDense = new Int32Array(store.strings.size).fill(-1);
  let runCount = 0;
  const denseRuns = (ids: Int32Array): Int32Array => {
    const out = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      let dense = runDense[id] as number;
      if (dense < 0) {
        dense = runCount++;
        runDense[id] = dense;
      }
      out[i] = dense;
    }
    return out;
  };
  const faultRun = denseRuns(faults.run);
  const recRun = denseRuns(recs.run);
  const resultRun = denseRuns(results.run);
  const runStratum = strataOfRuns(runCount, slots, table.scenario, results, resultRun, [
    [faults.combo, faultRun],
    [recs.combo, recRun],
  ]);

  // 3. Faults by (run, at); recoveries by (run, recoveredAt); results by run.
  const faultsByRun = orderByRunAndTime(faultRun, faults.at, runCount);
  const recsByRun = orderByRunAndTime(recRun, recs.recoveredAt, runCount);
  const resultsByRun = bucketize(identityOrder(results.count), resultRun, runCount);

  // 4. The walk.
  const acc = newAccumulators(slots.count, combos.count, combos.unitCount);
  const walk: WalkInput = { faults, recs, results, combos, slots, faultsByRun, recsByRun, resultsByRun, threshold: options.accuracyThreshold };
  for (let run = 0; run < runCount; run++) {
    const unitsTouched = mergeRun(walk, acc, run);
    let slotsTouched = spreadUnits(acc, combos, unitsTouched);
    slotsTouched = countResults(walk, acc, run, slotsTouched);
    closeRun(acc, run, runStratum[run] as number, slotsTouched);
  }
  spreadCombos(acc, combos);

  // 5. Sorted Δt, dealt out to the groups; medians over paired runs.
  const durations = durationStatsBySlot(recs, combos, slots, acc.successes);
  const paired = pairedMedians({
    recs,
    combos,
    recsByRun,
    pairedRunsOf: acc.pairedRunLists,
    runsWithSuccess: acc.runsWithSuccess,
    median: durations.map((stats) => stats.median),
  });

  // 6. Bootstrap units: the run means, in strata, or with a single run its recovery
  // times in time order.
  const samples: StratifiedSample[] = [];
  for (let slot = 0; slot < slots.count; slot++) {
    const runs = acc.runsWithSuccess[slot] as number;
    if (runs >= 2) samples.push(stratify(acc.runMeans[slot] as number[], acc.runMeanStrata[slot] as number[]));
    else if (runs === 1) samples.push(unstratified(durationsOfRun(recs, combos, recsByRun, acc.firstRun[slot] as number, slot)));
    else samples.push(unstratified(new Float64Array(0)));
  }
  const intervals = bootstrapMeanIntervals(samples, options.bootstrapResamples, options.bootstrapSeed);
  const summaries = groupSummaries(acc, durations, paired, intervals);

  const breakdown = (d: number): Record<string, MetricsGroupSummary> => {
    const entries: [string, MetricsGroupSummary][] = [];
    for (let slot = slots.start[d] as number; slot < (slots.start[d + 1] as number); slot++) {
      entries.push([slots.key[slot] as string, summaries[slot] as MetricsGroupSummary]);
    }
    return Object.fromEntries(entries);
  };
  return {
    ...(summaries[0] as MetricsGroupSummary),
    accuracyThreshold: options.accuracyThreshold,
    byScenario: breakdown(0),
    byFaultType: breakdown(1),
    byAgent: breakdown(2),
    byTag: Object.fromEntries(slots.tagKeys.map((key, k) => [key, breakdown(3 + k)])),
  };
}

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
function durationStatsBySlot(recs: RecoveryColumns, combos: Combos, slots: Slots, successes: Float64Array): DurationStats[] {
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
function durationsOfRun(recs: RecoveryColumns, combos: Combos, recsByRun: Buckets, run: number, slot: number): Float64Array {
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

/** What the walk reads. */
interface WalkInput {
  readonly faults: FaultColumns;
  readonly recs: RecoveryColumns;
  readonly results: ResultColumns;
  readonly combos: Combos;
  readonly slots: Slots;
  readonly faultsByRun: Buckets;
  readonly recsByRun: Buckets;
  readonly resultsByRun: Buckets;
  /** The accuracy threshold of a correct recovery. */
  readonly threshold: number;
}

/** The counts of a combo in `Accumulators.cc`, at `8·c +` these offsets. */
const CC_FAULTS = 0;
const CC_ATTEMPTS = 1;
const CC_SUCCESSES = 2;
const CC_PEER = 3;
const CC_ACCURACY_SUM = 4;
const CC_ACCURACY_COUNT = 5;
const CC_CORRECT = 6;
const CC_MEASUREMENT_START = 7;
const CC_FIELDS = 8;

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
  // MTBF: successful recoveries of the run still waiting for the slot's next fault.
  // `pending*` pair with any fault processed later; `deferred*` (recoveries with
  // Δt = 0, whose own fault is at that very time) only with a fault after `deferredAt`.
  readonly pendingCount: Float64Array;
  readonly pendingSum: Float64Array;
  readonly deferredCount: Float64Array;
  readonly deferredSum: Float64Array;
  readonly deferredAt: Float64Array;
}

function newAccumulators(slotCount: number, comboCount: number, unitCount: number): Accumulators {
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
    pendingCount: perSlot(),
    pendingSum: perSlot(),
    deferredCount: perSlot(),
    deferredSum: perSlot(),
    deferredAt: perSlot(),
  };
}

/**
 * Merges one run's faults and recoveries by time (at equal times a recovery goes first,
 * so a fault at the very moment of a recovery is that recovery's next fault): counts per
 * combo, Δt sums per unit (a record counts in its combo's triple unit and, when tagged,
 * its tag set unit), MTBF pairs per slot. Small on purpose, so V8 optimises it quickly.
 *
 * @returns how many units the run touched (listed in `acc.unitTouched`)
 */
function mergeRun(input: WalkInput, acc: Accumulators, run: number): number {
  const faultItems = input.faultsByRun.items;
  const recItems = input.recsByRun.items;
  const faultAtColumn = input.faults.at;
  const faultCombo = input.faults.combo;
  const { faultAt: recFaultAt, detectedAt: recDetectedAt, recoveredAt: recRecoveredAt, accuracy: recAccuracy, flags: recFlags, combo: recCombo } = input.recs;
  const { tripleOf, tagUnitOf, comboSlotStart, comboSlotList } = input.combos;
  const threshold = input.threshold;
  const cc = acc.cc;
  const { unitMark, unitTouched, uSuccesses, uDt, uDetect, uRepair } = acc;
  const { pendingCount, pendingSum, deferredCount, deferredSum, deferredAt, mtbfSum, mtbfPairs } = acc;
  let unitsTouched = 0;
  let f = input.faultsByRun.offsets[run] as number;
  const fEnd = input.faultsByRun.offsets[run + 1] as number;
  let r = input.recsByRun.offsets[run] as number;
  const rEnd = input.recsByRun.offsets[run + 1] as number;
  // The next fault's and next recovery's times, cached: one comparison per event.
  let nextFaultAt = f < fEnd ? (faultAtColumn[faultItems[f] as number] as number) : Number.POSITIVE_INFINITY;
  let nextRecAt = r < rEnd ? (recRecoveredAt[recItems[r] as number] as number) : Number.POSITIVE_INFINITY;
  while (f < fEnd || r < rEnd) {
    let c: number;
    if (nextRecAt > nextFaultAt) {
      // A fault: it ends the wait of every pending recovery of its slots. (Adding a
      // zero wait changes nothing, so there is no branch on it.)
      const fi = faultItems[f++] as number;
      const at = nextFaultAt;
      nextFaultAt = f < fEnd ? (faultAtColumn[faultItems[f] as number] as number) : Number.POSITIVE_INFINITY;
      c = faultCombo[fi] as number;
      cc[CC_FIELDS * c + CC_FAULTS]! += 1;
      for (let s = comboSlotStart[c] as number, end = comboSlotStart[c + 1] as number; s < end; s++) {
        const slot = comboSlotList[s] as number;
        const waiting = pendingCount[slot] as number;
        mtbfSum[slot]! += waiting * at - (pendingSum[slot] as number);
        mtbfPairs[slot]! += waiting;
        pendingCount[slot] = 0;
        pendingSum[slot] = 0;
        const deferred = deferredCount[slot] as number;
        if (deferred > 0 && at > (deferredAt[slot] as number)) {
          mtbfSum[slot]! += deferred * at - (deferredSum[slot] as number);
          mtbfPairs[slot]! += deferred;
          deferredCount[slot] = 0;
          deferredSum[slot] = 0;
        }
      }
    } else {
      // A recovery. Counts are added branch-free from the flag bits.
      const i = recItems[r++] as number;
      const recoveredAt = nextRecAt;
      nextRecAt = r < rEnd ? (recRecoveredAt[recItems[r] as number] as number) : Number.POSITIVE_INFINITY;
      c = recCombo[i] as number;
      const flags = recFlags[i] as number;
      const accuracy = recAccuracy[i] as number;
      const cAt = CC_FIELDS * c;
      cc[cAt + CC_ATTEMPTS]! += 1;
      cc[cAt + CC_PEER]! += (flags & PEER_CONTEXT_FLAG) >>> 1;
      cc[cAt + CC_ACCURACY_SUM]! += accuracy;
      cc[cAt + CC_ACCURACY_COUNT]! += (flags & ACCURACY_FLAG) >>> 2;
      if ((flags & SOURCE_MASK) >>> SOURCE_SHIFT === MEASUREMENT_START_CODE) cc[cAt + CC_MEASUREMENT_START]! += 1;
      if ((flags & SUCCESS_FLAG) !== 0) {
        const faultAt = recFaultAt[i] as number;
        const dt = (recoveredAt - faultAt) / 1000;
        const detect = ((recDetectedAt[i] as number) - faultAt) / 1000;
        cc[cAt + CC_SUCCESSES]! += 1;
        // Correct: successful, scored, and at least the threshold.
        if ((flags & ACCURACY_FLAG) !== 0 && accuracy >= threshold) cc[cAt + CC_CORRECT]! += 1;
        const triple = tripleOf[c] as number;
        uSuccesses[triple]! += 1;
        uDt[triple]! += dt;
        uDetect[triple]! += detect;
        uRepair[triple]! += dt - detect;
        const tagUnit = tagUnitOf[c] as number;
        if (tagUnit >= 0) {
          uSuccesses[tagUnit]! += 1;
          uDt[tagUnit]! += dt;
          uDetect[tagUnit]! += detect;
          uRepair[tagUnit]! += dt - detect;
        }
        const start = comboSlotStart[c] as number;
        const end = comboSlotStart[c + 1] as number;
        if (faultAt < recoveredAt) {
          for (let s = start; s < end; s++) {
            const slot = comboSlotList[s] as number;
            pendingCount[slot]! += 1;
            pendingSum[slot]! += recoveredAt;
          }
        } else {
          for (let s = start; s < end; s++) {
            const slot = comboSlotList[s] as number;
            // Older deferred recoveries may pair with any fault from now on.
            if ((deferredCount[slot] as number) > 0 && (deferredAt[slot] as number) < recoveredAt) {
              pendingCount[slot]! += deferredCount[slot] as number;
              pendingSum[slot]! += deferredSum[slot] as number;
              deferredCount[slot] = 0;
              deferredSum[slot] = 0;
            }
            deferredCount[slot]! += 1;
            deferredSum[slot]! += recoveredAt;
            deferredAt[slot] = recoveredAt;
          }
        }
      }
    }
    // The run touched the record's units (for its run counts and means).
    const triple = tripleOf[c] as number;
    if (unitMark[triple] === 0) {
      unitMark[triple] = 1;
      unitTouched[unitsTouched++] = triple;
    }
    const tagUnit = tagUnitOf[c] as number;
    if (tagUnit >= 0 && unitMark[tagUnit] === 0) {
      unitMark[tagUnit] = 1;
      unitTouched[unitsTouched++] = tagUnit;
    }
  }
  return unitsTouched;
}

/**
 * Adds one run's unit sums to its slots and clears them; lists the slots the run touched.
 *
 * @returns how many slots the run touched (listed in `acc.slotTouched`)
 */
function spreadUnits(acc: Accumulators, combos: Combos, unitsTouched: number): number {
  const { unitSlotStart, unitSlots } = combos;
  const { unitMark, unitTouched, uSuccesses, uDt, uDetect, uRepair, slotMark, slotTouched, runN, runDt, runDetect, runRepair } = acc;
  let slotsTouched = 0;
  for (let t = 0; t < unitsTouched; t++) {
    const u = unitTouched[t] as number;
    unitMark[u] = 0;
    for (let s = unitSlotStart[u] as number, end = unitSlotStart[u + 1] as number; s < end; s++) {
      const slot = unitSlots[s] as number;
      if (slotMark[slot] === 0) {
        slotMark[slot] = 1;
        slotTouched[slotsTouched++] = slot;
      }
      runN[slot]! += uSuccesses[u] as number;
      runDt[slot]! += uDt[u] as number;
      runDetect[slot]! += uDetect[u] as number;
      runRepair[slot]! += uRepair[u] as number;
    }
    uSuccesses[u] = 0;
    uDt[u] = 0;
    uDetect[u] = 0;
    uRepair[u] = 0;
  }
  return slotsTouched;
}

/** After the walk: each combo's campaign counts added to its slots. */
function spreadCombos(acc: Accumulators, combos: Combos): void {
  const { comboSlotStart, comboSlotList } = combos;
  for (let c = 0; c < combos.count; c++) {
    for (let s = comboSlotStart[c] as number, end = comboSlotStart[c + 1] as number; s < end; s++) {
      const slot = comboSlotList[s] as number;
      const cAt = CC_FIELDS * c;
      acc.faultTotal[slot]! += acc.cc[cAt + CC_FAULTS] as number;
      acc.attempts[slot]! += acc.cc[cAt + CC_ATTEMPTS] as number;
      acc.successes[slot]! += acc.cc[cAt + CC_SUCCESSES] as number;
      acc.peer[slot]! += acc.cc[cAt + CC_PEER] as number;
      acc.accuracySum[slot]! += acc.cc[cAt + CC_ACCURACY_SUM] as number;
      acc.accuracyCount[slot]! += acc.cc[cAt + CC_ACCURACY_COUNT] as number;
      acc.correct[slot]! += acc.cc[cAt + CC_CORRECT] as number;
      acc.measurementStart[slot]! += acc.cc[cAt + CC_MEASUREMENT_START] as number;
    }
  }
}

/**
 * Counts one run's scenario results for the whole, for their own scenario, and for
 * every fault type and agent the run's records touched.
 *
 * @returns how many slots the run touched now
 */
function countResults(input: WalkInput, acc: Accumulators, run: number, slotsTouched: number): number {
  const { results, resultsByRun, slots } = input;
  const { slotMark, slotTouched, conclusive, completed } = acc;
  const typeStart = slots.start[1] as number;
  const recordSlots = slotsTouched;
  const resEnd = resultsByRun.offsets[run + 1] as number;
  for (let q = resultsByRun.offsets[run] as number; q < resEnd; q++) {
    const i = resultsByRun.items[q] as number;
    const isConclusive = results.conclusive[i] === 1;
    const isCompleted = isConclusive && results.completed[i] === 1;
    const own = slots.scenarioSlotOf[results.scenario[i] as number] as number;
    for (let pick = 0; pick < 2; pick++) {
      const slot = pick === 0 ? 0 : own;
      if (slotMark[slot] === 0) {
        slotMark[slot] = 1;
        slotTouched[slotsTouched++] = slot;
      }
      if (isConclusive) conclusive[slot]! += 1;
      if (isCompleted) completed[slot]! += 1;
    }
    for (let t = 0; t < recordSlots; t++) {
      const slot = slotTouched[t] as number;
      if (slot < typeStart) continue;
      if (isConclusive) conclusive[slot]! += 1;
      if (isCompleted) completed[slot]! += 1;
    }
  }
  return slotsTouched;
}

/**
 * Closes the run for every slot it touched: run counts, run means (with the run's
 * stratum), whether the run is paired (its MTBF defined), MTBF waits dropped.
 */
function closeRun(acc: Accumulators, run: number, stratum: number, slotsTouched: number): void {
  const { slotMark, slotTouched, runTotal, runN, runDt, runDetect, runRepair, runMeans, runMeanStrata, runMeanSum, runDetectSum, runRepairSum } = acc;
  const { firstRun, runsWithSuccess, pendingCount, pendingSum, deferredCount, deferredSum, mtbfPairs, pairsBefore, pairedRuns, pairedMeanSum, pairedRunLists } = acc;
  for (let t = 0; t < slotsTouched; t++) {
    const slot = slotTouched[t] as number;
    slotMark[slot] = 0;
    runTotal[slot]! += 1;
    const n = runN[slot] as number;
    if (n > 0) {
      const mean = (runDt[slot] as number) / n;
      (runMeans[slot] as number[]).push(mean);
      (runMeanStrata[slot] as number[]).push(stratum);
      runMeanSum[slot]! += mean;
      runDetectSum[slot]! += (runDetect[slot] as number) / n;
      runRepairSum[slot]! += (runRepair[slot] as number) / n;
      if (firstRun[slot] === -1) firstRun[slot] = run;
      runsWithSuccess[slot]! += 1;
      // MTBF pairs only ever start from this slot's successes, so a paired run has one.
      if ((mtbfPairs[slot] as number) > (pairsBefore[slot] as number)) {
        pairedRuns[slot]! += 1;
        pairedMeanSum[slot]! += mean;
        (pairedRunLists[slot] as number[]).push(run);
      }
    }
    pairsBefore[slot] = mtbfPairs[slot] as number;
    runN[slot] = 0;
    runDt[slot] = 0;
    runDetect[slot] = 0;
    runRepair[slot] = 0;
    pendingCount[slot] = 0;
    pendingSum[slot] = 0;
    deferredCount[slot] = 0;
    deferredSum[slot] = 0;
  }
}
