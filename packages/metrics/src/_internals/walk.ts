import {
  ACCURACY_FLAG,
  MEASUREMENT_START_CODE,
  PEER_CONTEXT_FLAG,
  SOURCE_MASK,
  SOURCE_SHIFT,
  SUCCESS_FLAG,
  type FaultColumns,
  type RecoveryColumns,
} from './recordLayout.js';
import {
  CC_ACCURACY_COUNT,
  CC_ACCURACY_SUM,
  CC_ATTEMPTS,
  CC_CORRECT,
  CC_FAULTS,
  CC_FIELDS,
  CC_MEASUREMENT_START,
  CC_PEER,
  CC_SUCCESSES,
  type Accumulators,
} from './accumulators.js';
import type { Combos, Slots } from './slots.js';
import { bucketOf, type Bucketing } from './durations.js';
import type { Buckets } from './sort.js';
import { secondsBetween } from './stats.js';
import type { ResultColumns } from './summarize.js';

/*
 * The per-run walk of a summary: run by run, the run's faults and recoveries added up
 * per combo, per unit and per slot (see `accumulators.ts`), and merged by time for the
 * MTBF pairs.
 */

/** What the walk reads. */
export interface WalkInput {
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
  /** The buckets of the units' Δt histograms (see `durations.ts`). */
  readonly bucketing: Bucketing;
}

/**
 * Walks every run in run order: merges its records (and counts each unit's Δt in its
 * histogram, for the order statistics), spreads its unit sums to its slots,
 * counts its scenario results, closes it; at the end, spreads the campaign's combo
 * counts to the slots.
 */
export function walkRuns(input: WalkInput, acc: Accumulators, runCount: number, runStratum: Int32Array): void {
  for (let run = 0; run < runCount; run++) {
    const unitsTouched = mergeRun(input, acc, run);
    let slotsTouched = spreadUnits(acc, input.combos, unitsTouched);
    slotsTouched = countResults(input, acc, run, slotsTouched);
    closeRun(acc, run, runStratum[run] as number, slotsTouched);
  }
  spreadCombos(acc, input.combos);
}

/**
 * One run's records: the recoveries' and faults' counts, sums and histograms (in record
 * order within the run), then the MTBF pairs (a merge by time, latest first). Three
 * short loops rather than one that does everything: as fast (the benchmark's first
 * summary took 227 ms against 229 ms), and each can be read on its own.
 *
 * @returns how many units the run touched (listed in `acc.unitTouched`)
 */
function mergeRun(input: WalkInput, acc: Accumulators, run: number): number {
  let unitsTouched = countRecoveries(input, acc, run, 0);
  unitsTouched = countFaults(input, acc, run, unitsTouched);
  pairRun(input, acc, run);
  return unitsTouched;
}

/** Notes that the run touched unit `u` (for its run counts and means). */
function touch(acc: Accumulators, u: number, unitsTouched: number): number {
  if (acc.unitMark[u] !== 0) return unitsTouched;
  acc.unitMark[u] = 1;
  acc.unitTouched[unitsTouched] = u;
  return unitsTouched + 1;
}

/**
 * The run's recoveries: counts per combo (branch-free from the flag bits), Δt sums and
 * histogram per unit (a record counts in its combo's triple unit and, when tagged, its
 * tag set unit).
 */
function countRecoveries(input: WalkInput, acc: Accumulators, run: number, touched: number): number {
  const items = input.recsByRun.items;
  const { faultAt: recFaultAt, detectedAt: recDetectedAt, recoveredAt: recRecoveredAt, accuracy: recAccuracy, flags: recFlags, combo: recCombo } = input.recs;
  const { tripleOf, tagUnitOf } = input.combos;
  const { cc, uSuccesses, uDt, uDetect, uRepair, unitHistograms } = acc;
  const threshold = input.threshold;
  const bucketing = input.bucketing;
  const buckets = bucketing.buckets;
  let unitsTouched = touched;
  const end = input.recsByRun.offsets[run + 1] as number;
  for (let k = input.recsByRun.offsets[run] as number; k < end; k++) {
    const i = items[k] as number;
    const c = recCombo[i] as number;
    const flags = recFlags[i] as number;
    const accuracy = recAccuracy[i] as number;
    const cAt = CC_FIELDS * c;
    cc[cAt + CC_ATTEMPTS]! += 1;
    cc[cAt + CC_PEER]! += (flags & PEER_CONTEXT_FLAG) >>> 1;
    cc[cAt + CC_ACCURACY_SUM]! += accuracy;
    cc[cAt + CC_ACCURACY_COUNT]! += (flags & ACCURACY_FLAG) >>> 2;
    if ((flags & SOURCE_MASK) >>> SOURCE_SHIFT === MEASUREMENT_START_CODE) cc[cAt + CC_MEASUREMENT_START]! += 1;
    const triple = tripleOf[c] as number;
    const tagUnit = tagUnitOf[c] as number;
    unitsTouched = touch(acc, triple, unitsTouched);
    if (tagUnit >= 0) unitsTouched = touch(acc, tagUnit, unitsTouched);
    if ((flags & SUCCESS_FLAG) === 0) continue;
    const faultAt = recFaultAt[i] as number;
    const dt = secondsBetween(faultAt, recRecoveredAt[i] as number);
    const detect = ((recDetectedAt[i] as number) - faultAt) / 1000;
    const bucket = bucketOf(bucketing, dt);
    cc[cAt + CC_SUCCESSES]! += 1;
    // Correct: successful, scored, and at least the threshold.
    if ((flags & ACCURACY_FLAG) !== 0 && accuracy >= threshold) cc[cAt + CC_CORRECT]! += 1;
    uSuccesses[triple]! += 1;
    uDt[triple]! += dt;
    uDetect[triple]! += detect;
    uRepair[triple]! += dt - detect;
    unitHistograms[triple * buckets + bucket]! += 1;
    if (tagUnit >= 0) {
      uSuccesses[tagUnit]! += 1;
      uDt[tagUnit]! += dt;
      uDetect[tagUnit]! += detect;
      uRepair[tagUnit]! += dt - detect;
      unitHistograms[tagUnit * buckets + bucket]! += 1;
    }
  }
  return unitsTouched;
}

/** The run's faults: counted per combo; their units touched. */
function countFaults(input: WalkInput, acc: Accumulators, run: number, touched: number): number {
  const items = input.faultsByRun.items;
  const combo = input.faults.combo;
  const { tripleOf, tagUnitOf } = input.combos;
  const cc = acc.cc;
  let unitsTouched = touched;
  const end = input.faultsByRun.offsets[run + 1] as number;
  for (let k = input.faultsByRun.offsets[run] as number; k < end; k++) {
    const c = combo[items[k] as number] as number;
    cc[CC_FIELDS * c + CC_FAULTS]! += 1;
    unitsTouched = touch(acc, tripleOf[c] as number, unitsTouched);
    const tagUnit = tagUnitOf[c] as number;
    if (tagUnit >= 0) unitsTouched = touch(acc, tagUnit, unitsTouched);
  }
  return unitsTouched;
}

/**
 * MTBF pairs per slot: the run's faults and recoveries merged by time, latest first.
 * Walking back, each slot keeps the time of its next fault, so a successful recovery
 * pairs with it in one step. Forwards, at equal times a recovery comes before a fault
 * (a fault at the very moment of a recovery is that recovery's next fault), so walking
 * back a fault comes first; a recovery with Δt = 0, whose own fault is at that very
 * time, pairs with the next fault strictly after it (`nextFaultAfter`). The whole
 * (slot 0, every record's first slot) keeps its next faults and sums in locals.
 */
function pairRun(input: WalkInput, acc: Accumulators, run: number): void {
  const faultItems = input.faultsByRun.items;
  const recItems = input.recsByRun.items;
  const faultAtColumn = input.faults.at;
  const faultCombo = input.faults.combo;
  const { faultAt: recFaultAt, recoveredAt: recRecoveredAt, flags: recFlags, combo: recCombo } = input.recs;
  const { comboSlotStart, comboSlotList } = input.combos;
  const { nextFault, nextFaultAfter, mtbfSum, mtbfPairs } = acc;
  // ±∞ read here, before the loop, into locals: read inside it, `Number.NEGATIVE_INFINITY`
  // (met only at a run's end) had no type feedback when V8 optimised the loop within the
  // first run, which threw the optimised code away; kept as module constants, they were
  // values of unknown type to the optimiser, so every time held in a variable beside
  // them was boxed (three million allocations a summary).
  const beforeAll = Number.NEGATIVE_INFINITY;
  const noFault = Number.POSITIVE_INFINITY;
  let nextFaultOfAll = noFault;
  let nextFaultOfAllAfter = noFault;
  let intervalsOfAll = 0;
  let pairsOfAll = 0;
  const fStart = input.faultsByRun.offsets[run] as number;
  let f = (input.faultsByRun.offsets[run + 1] as number) - 1;
  const rStart = input.recsByRun.offsets[run] as number;
  let r = (input.recsByRun.offsets[run + 1] as number) - 1;
  // The times of the latest fault and recovery not yet walked, cached: one comparison per event.
  let faultAtBack = f >= fStart ? (faultAtColumn[faultItems[f] as number] as number) : beforeAll;
  let recAtBack = r >= rStart ? (recRecoveredAt[recItems[r] as number] as number) : beforeAll;
  // One count of the events left, rather than `f >= fStart || r >= rStart`, whose
  // second comparison the loop meets only at the end of a run (see `beforeAll`).
  for (let left = f - fStart + 1 + (r - rStart + 1); left > 0; left--) {
    if (faultAtBack >= recAtBack) {
      // A fault: the next fault of each of its slots from here back.
      const at = faultAtBack;
      const c = faultCombo[faultItems[f--] as number] as number;
      faultAtBack = f >= fStart ? (faultAtColumn[faultItems[f] as number] as number) : beforeAll;
      if (at < nextFaultOfAll) {
        nextFaultOfAllAfter = nextFaultOfAll;
        nextFaultOfAll = at;
      }
      for (let s = (comboSlotStart[c] as number) + 1, end = comboSlotStart[c + 1] as number; s < end; s++) {
        const slot = comboSlotList[s] as number;
        const next = nextFault[slot] as number;
        if (at < next) {
          nextFaultAfter[slot] = next;
          nextFault[slot] = at;
        }
      }
      continue;
    }
    // A recovery: when successful, the interval to its slots' next faults.
    const i = recItems[r--] as number;
    const recoveredAt = recAtBack;
    recAtBack = r >= rStart ? (recRecoveredAt[recItems[r] as number] as number) : beforeAll;
    if (((recFlags[i] as number) & SUCCESS_FLAG) === 0) continue;
    const immediate = recFaultAt[i] === recoveredAt;
    const nextOfAll = immediate && nextFaultOfAll <= recoveredAt ? nextFaultOfAllAfter : nextFaultOfAll;
    if (nextOfAll !== noFault) {
      intervalsOfAll += nextOfAll - recoveredAt;
      pairsOfAll += 1;
    }
    const c = recCombo[i] as number;
    for (let s = (comboSlotStart[c] as number) + 1, end = comboSlotStart[c + 1] as number; s < end; s++) {
      const slot = comboSlotList[s] as number;
      let next = nextFault[slot] as number;
      if (immediate && next <= recoveredAt) next = nextFaultAfter[slot] as number;
      if (next !== noFault) {
        mtbfSum[slot]! += next - recoveredAt;
        mtbfPairs[slot]! += 1;
      }
    }
  }
  mtbfSum[0]! += intervalsOfAll;
  mtbfPairs[0]! += pairsOfAll;
}

/**
 * Adds one run's unit sums to its slots and to the units' campaign totals, and clears
 * them; lists the slots the run touched.
 *
 * @returns how many slots the run touched (listed in `acc.slotTouched`)
 */
function spreadUnits(acc: Accumulators, combos: Combos, unitsTouched: number): number {
  const { unitSlotStart, unitSlots } = combos;
  const { unitMark, unitTouched, uSuccesses, uDt, uDetect, uRepair, slotMark, slotTouched, runN, runDt, runDetect, runRepair, unitCounts, unitSums } = acc;
  let slotsTouched = 0;
  for (let t = 0; t < unitsTouched; t++) {
    const u = unitTouched[t] as number;
    unitMark[u] = 0;
    unitCounts[u]! += uSuccesses[u] as number;
    unitSums[u]! += uDt[u] as number;
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
 * stratum), whether the run is paired (its MTBF defined), next faults forgotten.
 */
function closeRun(acc: Accumulators, run: number, stratum: number, slotsTouched: number): void {
  const { slotMark, slotTouched, runTotal, runN, runDt, runDetect, runRepair, runMeans, runMeanStrata, runMeanSum, runDetectSum, runRepairSum } = acc;
  const { firstRun, runsWithSuccess, nextFault, nextFaultAfter, mtbfPairs, pairsBefore, pairedRuns, pairedMeanSum, pairedRunLists } = acc;
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
    nextFault[slot] = Number.POSITIVE_INFINITY;
    nextFaultAfter[slot] = Number.POSITIVE_INFINITY;
  }
}
