import type { MetricsGroupSummary, MetricsSummary } from '../types.js';
import { bootstrapMeanIntervals } from './bootstrap.js';
import { ACCURACY_FLAG, NO_SCENARIO, PEER_CONTEXT_FLAG, SUCCESS_FLAG, type ComboTable, type FaultColumns, type RecordStore, type RecoveryColumns } from './RecordStore.js';
import { bucketize, identityOrder, orderByRunAndTime, sortWithPayload, type Buckets } from './sort.js';
import { percent, quantileOfSorted, sampleStdOf, sumOf } from './stats.js';

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
}

/** The breakdowns, in slot order after the whole (slot 0). */
const DIMENSIONS = ['scenario', 'faultType', 'agent'] as const;

/**
 * Every group gets a slot: 0 is the whole, then the scenarios, the fault types and the
 * agents, each in name order. `slotOf[d][stringId]` maps an interned name to its slot
 * in breakdown `d` (-1 when absent).
 */
interface Slots {
  readonly count: number;
  /** `dimension:name`, the label the bootstrap stream is forked with. */
  readonly label: readonly string[];
  readonly key: readonly string[];
  readonly slotOf: readonly [Int32Array, Int32Array, Int32Array];
  /** First slot of each breakdown, and the end: `[scenarios, fault types, agents, end]`. */
  readonly start: readonly [number, number, number, number];
}

function makeSlots(store: RecordStore, table: ComboTable, results: ResultColumns): Slots {
  const size = store.strings.size;
  const present = [new Uint8Array(size), new Uint8Array(size), new Uint8Array(size)] as const;
  for (let c = 0; c < table.count; c++) {
    const scenario = table.scenario[c] as number;
    if (scenario !== NO_SCENARIO) present[0][scenario] = 1;
    present[1][table.faultType[c] as number] = 1;
    present[2][table.agent[c] as number] = 1;
  }
  for (let r = 0; r < results.count; r++) present[0][results.scenario[r] as number] = 1;

  const label = ['all:all'];
  const key = ['all'];
  const start: number[] = [];
  const slotOf = present.map((flags, d) => {
    const names: [string, number][] = [];
    for (let id = 0; id < size; id++) if (flags[id] === 1) names.push([store.strings.get(id), id]);
    names.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const map = new Int32Array(size).fill(-1);
    start.push(label.length);
    for (const [name, id] of names) {
      map[id] = label.length;
      label.push(`${DIMENSIONS[d]}:${name}`);
      key.push(name);
    }
    return map;
  }) as unknown as [Int32Array, Int32Array, Int32Array];
  start.push(label.length);
  return { count: label.length, label, key, slotOf, start: start as unknown as Slots['start'] };
}

/**
 * A record's groups are its combo's four slots: the whole, its scenario (or none), its
 * fault type and its agent. Work that only adds up is done per combo, then spread to
 * the slots once per run.
 */
interface Combos {
  readonly count: number;
  readonly ofFault: Int32Array;
  readonly ofRecovery: Int32Array;
  /** `slots[4c .. 4c + 3]`: the whole (0), scenario slot (-1 if none), fault type slot, agent slot. */
  readonly slots: Int32Array;
}

function makeCombos(slots: Slots, table: ComboTable, faults: FaultColumns, recs: RecoveryColumns): Combos {
  const [scenarioSlot, typeSlot, agentSlot] = slots.slotOf;
  const comboSlots = new Int32Array(4 * table.count);
  for (let c = 0; c < table.count; c++) {
    const scenario = table.scenario[c] as number;
    comboSlots[4 * c] = 0;
    comboSlots[4 * c + 1] = scenario === NO_SCENARIO ? -1 : (scenarioSlot[scenario] as number);
    comboSlots[4 * c + 2] = typeSlot[table.faultType[c] as number] as number;
    comboSlots[4 * c + 3] = agentSlot[table.agent[c] as number] as number;
  }
  return { count: table.count, ofFault: faults.combo, ofRecovery: recs.combo, slots: comboSlots };
}

/**
 * Computes the summary in a fixed number of passes, whatever the number of groups:
 *
 * 1. every group gets a slot, and every combo (a record's scenario, type and agent,
 *    interned when it was recorded) its four slots;
 * 2. runs get dense indices (first appearance: faults, then recoveries, then results);
 * 3. faults are ordered by (run, time) and recoveries by (run, recoveredAt) with a
 *    stable counting sort by run (records already in that order cost one check);
 * 4. one walk, run by run, merges the run's faults and recoveries in time order: sums
 *    per combo, MTBF pairs per slot; at the end of the run the combo sums go to the
 *    slots (totals and per-run means), and the run's scenario results are counted;
 * 5. the successful recoveries' Δt are sorted once (radix sort, combo carried along)
 *    and dealt out, one breakdown at a time, to the slots in that order, so each
 *    group's Δt come out sorted for its quantiles and deviation;
 * 6. the bootstrap intervals, for all groups at once (see `bootstrapMeanIntervals`).
 */
export function summarize(store: RecordStore, results: ResultColumns, options: SummaryOptions): MetricsSummary {
  const faults = store.faultColumns();
  const recs = store.recoveryColumns();
  const table = store.combos();
  const slots = makeSlots(store, table, results);
  const slotCount = slots.count;
  const combos = makeCombos(slots, table, faults, recs);

  // 2. Dense run indices.
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

  // 3. Faults by (run, at); recoveries by (run, recoveredAt); results by run.
  const faultsByRun = orderByRunAndTime(faultRun, faults.at, runCount);
  const recsByRun = orderByRunAndTime(recRun, recs.recoveredAt, runCount);
  const resultsByRun = bucketize(identityOrder(results.count), resultRun, runCount);

  // 4. The walk.
  const acc = newAccumulators(slotCount, combos.count);
  const walk: WalkInput = {
    faults,
    recs,
    results,
    combos,
    slots,
    faultsByRun,
    recsByRun,
    resultsByRun,
  };
  for (let run = 0; run < runCount; run++) {
    const combosTouched = mergeRun(walk, acc, run);
    let slotsTouched = spreadCombos(acc, combos.slots, combosTouched);
    slotsTouched = countResults(walk, acc, run, slotsTouched);
    closeRun(acc, run, slotsTouched);
  }
  const {
    faultTotal,
    attempts,
    successes,
    peer,
    accuracySum,
    accuracyCount,
    runTotal,
    conclusive,
    completed,
    runsWithSuccess,
    runMeanSum,
    runDetectSum,
    runRepairSum,
    mtbfSum,
    mtbfPairs,
    runMeans,
    firstRun,
  } = acc;
  const recItems = recsByRun.items;
  const recOffsets = recsByRun.offsets;

  // 5. Sorted Δt, dealt out to the groups.
  const durations = durationStatsBySlot(recs, combos, slots, successes);

  // 6. Per-group figures. Bootstrap units: the run means, or with a single run its
  // recovery times in time order.
  const samples: Float64Array[] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    const runs = runsWithSuccess[slot] as number;
    if (runs >= 2) samples.push(Float64Array.from(runMeans[slot] as number[]));
    else if (runs === 1) samples.push(durationsOfRun(recs, combos, recItems, recOffsets, firstRun[slot] as number, slot));
    else samples.push(new Float64Array(0));
  }
  const intervals = bootstrapMeanIntervals(samples, options.bootstrapResamples, options.bootstrapSeed);
  const summaries: MetricsGroupSummary[] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    const stats = durations[slot] as DurationStats;
    const runs = runsWithSuccess[slot] as number;
    const mttrAvg = runs === 0 ? null : (runMeanSum[slot] as number) / runs;
    const mtbf = mtbfPairs[slot] === 0 ? null : (mtbfSum[slot] as number) / (mtbfPairs[slot] as number);
    const tries = attempts[slot] as number;
    const ok = successes[slot] as number;
    summaries.push({
      totalFaults: faultTotal[slot] as number,
      totalRecoveries: tries,
      successfulRecoveries: ok,
      failedRecoveries: tries - ok,
      totalRuns: runTotal[slot] as number,
      mttrAvg,
      mttrMedian: stats.median,
      mttrP50: stats.median,
      mttrP95: stats.p95,
      mttrP99: stats.p99,
      mttrMin: stats.min,
      mttrMax: stats.max,
      mttrStd: stats.std,
      mttrCi95: intervals[slot] ?? null,
      mttdAvg: runs === 0 ? null : (runDetectSum[slot] as number) / runs,
      mttrRepairAvg: runs === 0 ? null : (runRepairSum[slot] as number) / runs,
      mtbf,
      nrr: mttrAvg === null || mtbf === null || mtbf === 0 ? null : 1 - mttrAvg / mtbf,
      uptime: mttrAvg === null || mtbf === null || mtbf + mttrAvg === 0 ? null : mtbf / (mtbf + mttrAvg),
      recoverySuccessRate: percent(ok, tries),
      reconstructionAccuracyAvg: accuracyCount[slot] === 0 ? null : (accuracySum[slot] as number) / (accuracyCount[slot] as number),
      taskCompletionRate: percent(completed[slot] as number, conclusive[slot] as number),
      peerContextUsageRate: percent(peer[slot] as number, tries),
    });
  }

  const breakdown = (d: 0 | 1 | 2): Record<string, MetricsGroupSummary> => {
    const entries: [string, MetricsGroupSummary][] = [];
    for (let slot = slots.start[d]; slot < (slots.start[d + 1] as number); slot++) {
      entries.push([slots.key[slot] as string, summaries[slot] as MetricsGroupSummary]);
    }
    return Object.fromEntries(entries);
  };
  return {
    ...(summaries[0] as MetricsGroupSummary),
    byScenario: breakdown(0),
    byFaultType: breakdown(1),
    byAgent: breakdown(2),
  };
}

/** The order statistics and spread of one group's Δt (seconds). */
interface DurationStats {
  readonly median: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly std: number | null;
}

function durationStats(sorted: Float64Array): DurationStats {
  const n = sorted.length;
  if (n === 0) return { median: null, p95: null, p99: null, min: null, max: null, std: null };
  return {
    median: quantileOfSorted(sorted, 0.5),
    p95: quantileOfSorted(sorted, 0.95),
    p99: quantileOfSorted(sorted, 0.99),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    std: sampleStdOf(sorted, sumOf(sorted) / n),
  };
}

/**
 * Sorts the successful recoveries' Δt once (each carrying its combo), then, one
 * breakdown at a time, deals them in that order into a buffer laid out slot after
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
  const buffer = new Float64Array(n);
  const cursor = new Float64Array(slots.count);
  for (let d = 0; d < 3; d++) {
    const first = slots.start[d] as number;
    const end = slots.start[d + 1] as number;
    let at = 0;
    for (let slot = first; slot < end; slot++) {
      cursor[slot] = at;
      at += successes[slot] as number;
    }
    deal(sorted, payload, combos.slots, d + 1, cursor, buffer);
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

/** Writes each sorted value to the next place of its slot in breakdown `column` (1..3 of the combo's slots). */
function deal(sorted: Float64Array, payload: Uint32Array, comboSlots: Int32Array, column: number, cursor: Float64Array, out: Float64Array): void {
  for (let k = 0; k < sorted.length; k++) {
    const slot = comboSlots[4 * (payload[k] as number) + column] as number;
    if (slot >= 0) out[cursor[slot]!++] = sorted[k] as number;
  }
}

/** Δt of a slot's successful recoveries in one run, in recovery-time order. */
function durationsOfRun(
  recs: RecoveryColumns,
  combos: Combos,
  recItems: Uint32Array,
  offsets: Int32Array,
  run: number,
  slot: number,
): Float64Array {
  const values: number[] = [];
  const end = offsets[run + 1] as number;
  for (let k = offsets[run] as number; k < end; k++) {
    const i = recItems[k] as number;
    if (((recs.flags[i] as number) & SUCCESS_FLAG) === 0) continue;
    const base = 4 * (combos.ofRecovery[i] as number);
    let inSlot = false;
    for (let s = base; s < base + 4; s++) if (combos.slots[s] === slot) inSlot = true;
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
}

/** What the walk adds up: per slot, per combo (one run), and per slot within a run. */
interface Accumulators {
  readonly faultTotal: Float64Array;
  readonly attempts: Float64Array;
  readonly successes: Float64Array;
  readonly peer: Float64Array;
  readonly accuracySum: Float64Array;
  readonly accuracyCount: Float64Array;
  readonly runTotal: Float64Array;
  readonly conclusive: Float64Array;
  readonly completed: Float64Array;
  readonly runsWithSuccess: Float64Array;
  readonly runMeanSum: Float64Array;
  readonly runDetectSum: Float64Array;
  readonly runRepairSum: Float64Array;
  readonly mtbfSum: Float64Array;
  readonly mtbfPairs: Float64Array;
  /** The run means of each slot, in run order: the bootstrap's units. */
  readonly runMeans: number[][];
  /** The first run in which a slot had a success (its only one, when it has one). */
  readonly firstRun: Int32Array;
  // One run's sums per combo, reset for the combos the run touched:
  readonly comboMark: Uint8Array;
  readonly comboTouched: Int32Array;
  readonly cFaults: Float64Array;
  readonly cAttempts: Float64Array;
  readonly cPeer: Float64Array;
  readonly cAccuracySum: Float64Array;
  readonly cAccuracyCount: Float64Array;
  readonly cSuccesses: Float64Array;
  readonly cDt: Float64Array;
  readonly cDetect: Float64Array;
  readonly cRepair: Float64Array;
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

function newAccumulators(slotCount: number, comboCount: number): Accumulators {
  const perSlot = (): Float64Array => new Float64Array(slotCount);
  const perCombo = (): Float64Array => new Float64Array(comboCount);
  return {
    faultTotal: perSlot(),
    attempts: perSlot(),
    successes: perSlot(),
    peer: perSlot(),
    accuracySum: perSlot(),
    accuracyCount: perSlot(),
    runTotal: perSlot(),
    conclusive: perSlot(),
    completed: perSlot(),
    runsWithSuccess: perSlot(),
    runMeanSum: perSlot(),
    runDetectSum: perSlot(),
    runRepairSum: perSlot(),
    mtbfSum: perSlot(),
    mtbfPairs: perSlot(),
    runMeans: Array.from({ length: slotCount }, () => []),
    firstRun: new Int32Array(slotCount).fill(-1),
    comboMark: new Uint8Array(comboCount),
    comboTouched: new Int32Array(comboCount),
    cFaults: perCombo(),
    cAttempts: perCombo(),
    cPeer: perCombo(),
    cAccuracySum: perCombo(),
    cAccuracyCount: perCombo(),
    cSuccesses: perCombo(),
    cDt: perCombo(),
    cDetect: perCombo(),
    cRepair: perCombo(),
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
 * so a fault at the very moment of a recovery is that recovery's next fault): sums per
 * combo, MTBF pairs per slot. Small on purpose, so V8 optimises it quickly.
 *
 * @returns how many combos the run touched (listed in `acc.comboTouched`)
 */
function mergeRun(input: WalkInput, acc: Accumulators, run: number): number {
  const faultItems = input.faultsByRun.items;
  const recItems = input.recsByRun.items;
  const faultAtColumn = input.faults.at;
  const faultCombo = input.faults.combo;
  const { faultAt: recFaultAt, detectedAt: recDetectedAt, recoveredAt: recRecoveredAt, accuracy: recAccuracy, flags: recFlags, combo: recCombo } = input.recs;
  const comboSlots = input.combos.slots;
  const { comboMark, comboTouched, cFaults, cAttempts, cPeer, cAccuracySum, cAccuracyCount, cSuccesses, cDt, cDetect, cRepair } = acc;
  const { pendingCount, pendingSum, deferredCount, deferredSum, deferredAt, mtbfSum, mtbfPairs } = acc;
  let combosTouched = 0;
  let f = input.faultsByRun.offsets[run] as number;
  const fEnd = input.faultsByRun.offsets[run + 1] as number;
  let r = input.recsByRun.offsets[run] as number;
  const rEnd = input.recsByRun.offsets[run + 1] as number;
  // The next fault's and next recovery's times, cached: one comparison per event.
  let nextFaultAt = f < fEnd ? (faultAtColumn[faultItems[f] as number] as number) : Number.POSITIVE_INFINITY;
  let nextRecAt = r < rEnd ? (recRecoveredAt[recItems[r] as number] as number) : Number.POSITIVE_INFINITY;
  while (f < fEnd || r < rEnd) {
    if (nextRecAt > nextFaultAt) {
      // A fault: it ends the wait of every pending recovery of its slots. (Adding a
      // zero wait changes nothing, so there is no branch on it.)
      const fi = faultItems[f++] as number;
      const at = nextFaultAt;
      nextFaultAt = f < fEnd ? (faultAtColumn[faultItems[f] as number] as number) : Number.POSITIVE_INFINITY;
      const c = faultCombo[fi] as number;
      if (comboMark[c] === 0) {
        comboMark[c] = 1;
        comboTouched[combosTouched++] = c;
      }
      cFaults[c]! += 1;
      for (let s = 4 * c; s < 4 * c + 4; s++) {
        const slot = comboSlots[s] as number;
        if (slot < 0) continue;
        const waiting = pendingCount[slot] as number;
        mtbfSum[slot]! += (waiting * at - (pendingSum[slot] as number)) / 1000;
        mtbfPairs[slot]! += waiting;
        pendingCount[slot] = 0;
        pendingSum[slot] = 0;
        const deferred = deferredCount[slot] as number;
        if (deferred > 0 && at > (deferredAt[slot] as number)) {
          mtbfSum[slot]! += (deferred * at - (deferredSum[slot] as number)) / 1000;
          mtbfPairs[slot]! += deferred;
          deferredCount[slot] = 0;
          deferredSum[slot] = 0;
        }
      }
      continue;
    }
    // A recovery. Counts are added branch-free from the flag bits.
    const i = recItems[r++] as number;
    const recoveredAt = nextRecAt;
    nextRecAt = r < rEnd ? (recRecoveredAt[recItems[r] as number] as number) : Number.POSITIVE_INFINITY;
    const c = recCombo[i] as number;
    if (comboMark[c] === 0) {
      comboMark[c] = 1;
      comboTouched[combosTouched++] = c;
    }
    const flags = recFlags[i] as number;
    cAttempts[c]! += 1;
    cPeer[c]! += (flags & PEER_CONTEXT_FLAG) >>> 1;
    cAccuracySum[c]! += recAccuracy[i] as number;
    cAccuracyCount[c]! += (flags & ACCURACY_FLAG) >>> 2;
    if ((flags & SUCCESS_FLAG) === 0) continue;
    const faultAt = recFaultAt[i] as number;
    const detectedAt = recDetectedAt[i] as number;
    cSuccesses[c]! += 1;
    cDt[c]! += (recoveredAt - faultAt) / 1000;
    cDetect[c]! += (detectedAt - faultAt) / 1000;
    cRepair[c]! += (recoveredAt - detectedAt) / 1000;
    for (let s = 4 * c; s < 4 * c + 4; s++) {
      const slot = comboSlots[s] as number;
      if (slot < 0) continue;
      if (faultAt < recoveredAt) {
        pendingCount[slot]! += 1;
        pendingSum[slot]! += recoveredAt;
      } else {
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
  return combosTouched;
}

/**
 * Adds one run's combo sums to the slots and clears them.
 *
 * @returns how many slots the run touched (listed in `acc.slotTouched`)
 */
function spreadCombos(acc: Accumulators, comboSlots: Int32Array, combosTouched: number): number {
  const { comboMark, comboTouched, cFaults, cAttempts, cPeer, cAccuracySum, cAccuracyCount, cSuccesses, cDt, cDetect, cRepair } = acc;
  const { slotMark, slotTouched, faultTotal, attempts, peer, accuracySum, accuracyCount, successes, runN, runDt, runDetect, runRepair } = acc;
  let slotsTouched = 0;
  for (let t = 0; t < combosTouched; t++) {
    const c = comboTouched[t] as number;
    comboMark[c] = 0;
    for (let s = 4 * c; s < 4 * c + 4; s++) {
      const slot = comboSlots[s] as number;
      if (slot < 0) continue;
      if (slotMark[slot] === 0) {
        slotMark[slot] = 1;
        slotTouched[slotsTouched++] = slot;
      }
      faultTotal[slot]! += cFaults[c] as number;
      attempts[slot]! += cAttempts[c] as number;
      peer[slot]! += cPeer[c] as number;
      accuracySum[slot]! += cAccuracySum[c] as number;
      accuracyCount[slot]! += cAccuracyCount[c] as number;
      successes[slot]! += cSuccesses[c] as number;
      runN[slot]! += cSuccesses[c] as number;
      runDt[slot]! += cDt[c] as number;
      runDetect[slot]! += cDetect[c] as number;
      runRepair[slot]! += cRepair[c] as number;
    }
    cFaults[c] = 0;
    cAttempts[c] = 0;
    cPeer[c] = 0;
    cAccuracySum[c] = 0;
    cAccuracyCount[c] = 0;
    cSuccesses[c] = 0;
    cDt[c] = 0;
    cDetect[c] = 0;
    cRepair[c] = 0;
  }
  return slotsTouched;
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
  const typeStart = slots.start[1];
  const recordSlots = slotsTouched;
  const resEnd = resultsByRun.offsets[run + 1] as number;
  for (let q = resultsByRun.offsets[run] as number; q < resEnd; q++) {
    const i = resultsByRun.items[q] as number;
    const isConclusive = results.conclusive[i] === 1;
    const isCompleted = isConclusive && results.completed[i] === 1;
    const own = slots.slotOf[0][results.scenario[i] as number] as number;
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

/** Closes the run for every slot it touched: run counts, run means, MTBF waits dropped. */
function closeRun(acc: Accumulators, run: number, slotsTouched: number): void {
  const { slotMark, slotTouched, runTotal, runN, runDt, runDetect, runRepair, runMeans, runMeanSum, runDetectSum, runRepairSum } = acc;
  const { firstRun, runsWithSuccess, pendingCount, pendingSum, deferredCount, deferredSum } = acc;
  for (let t = 0; t < slotsTouched; t++) {
    const slot = slotTouched[t] as number;
    slotMark[slot] = 0;
    runTotal[slot]! += 1;
    const n = runN[slot] as number;
    if (n > 0) {
      const mean = (runDt[slot] as number) / n;
      (runMeans[slot] as number[]).push(mean);
      runMeanSum[slot]! += mean;
      runDetectSum[slot]! += (runDetect[slot] as number) / n;
      runRepairSum[slot]! += (runRepair[slot] as number) / n;
      if (firstRun[slot] === -1) firstRun[slot] = run;
      runsWithSuccess[slot]! += 1;
    }
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
