import type { Tags } from '@chaos/config';
import type { FaultRecord, FaultTimeSource, RecordIdentity, RecoveryRecord } from '../types.js';
import { faultRecord, type Unsourced } from './validateRecords.js';
import {
  NO_SCENARIO,
  SUCCESS_FLAG,
  PEER_CONTEXT_FLAG,
  ACCURACY_FLAG,
  SOURCE_SHIFT,
  SOURCE_MASK,
  FAULT_TIME_SOURCES,
  AUTOMATIC_FLAG,
  type FaultColumns,
  type ComboTable,
  type RecoveryColumns,
} from './recordLayout.js';
import { Float64Column, Int32Column, Uint8Column } from './columns.js';
import { secondsBetween } from './stats.js';
import { RunOrder, type Segments } from './RunOrder.js';
import { StringTable } from './StringTable.js';
import { TagSetTable } from './TagSets.js';

/**
 * Columnar storage of faults and recoveries: times in `Float64Array`s, names interned
 * to `Int32Array` ids (scenario, fault type and agent together as one combo id), flags
 * in a `Uint8Array`, and the rare texts (errors, notes) in sparse maps. Records are
 * materialised as objects only when read: about 20 bytes a fault and 45 a recovery.
 *
 * It also tracks which faults are still open (no successful recovery yet), per
 * (run, agent, thread), so a recovery can find the fault it recovers from.
 */
export class RecordStore {
  readonly strings = new StringTable();
  readonly tagSets = new TagSetTable(this.strings);

  /** Combo ids by tag set, then by (scenario, fault type, agent) key. */
  readonly #comboIds = new Map<number, Map<number | string, number>>();
  readonly #comboScenario = new Int32Column();
  readonly #comboType = new Int32Column();
  readonly #comboAgent = new Int32Column();
  readonly #comboTags = new Int32Column();

  readonly #faultAt = new Float64Column();
  readonly #faultThread = new Int32Column();
  readonly #faultRun = new Int32Column();
  readonly #faultCombo = new Int32Column();
  readonly #faultError = new Map<number, string>();

  readonly #recFaultAt = new Float64Column();
  readonly #recDetectedAt = new Float64Column();
  readonly #recRecoveredAt = new Float64Column();
  readonly #recAccuracy = new Float64Column();
  readonly #recThread = new Int32Column();
  readonly #recRun = new Int32Column();
  readonly #recCombo = new Int32Column();
  readonly #recFlags = new Uint8Column();
  readonly #recError = new Map<number, string>();
  readonly #recNotes = new Map<number, string>();
  /** Whether faults (by `at`) and recoveries (by `recoveredAt`) came run after run, in time order. */
  readonly #faultOrder = new RunOrder();
  readonly #recOrder = new RunOrder();
  /** The smallest and largest Δt (s) of the successful recoveries stored. */
  #successDurations = { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };

  /** Open (not yet successfully recovered) fault indices, by run/agent/thread key, in record order. */
  readonly #open = new Map<string, number[]>();

  get faultCount(): number {
    return this.#faultAt.length;
  }

  get recoveryCount(): number {
    return this.#recFaultAt.length;
  }

  /** The combo id of (scenario, fault type, agent, tags), added if new. */
  #combo(scenario: string | undefined, faultType: string, agentId: string, tags: Tags | undefined): number {
    const s = scenario === undefined ? NO_SCENARIO : this.strings.intern(scenario);
    const t = this.strings.intern(faultType);
    const a = this.strings.intern(agentId);
    const tagSet = this.tagSets.intern(tags);
    // A number key while ids fit in 17 bits each (< 2^52), else a string key.
    const key = s < 131071 && t < 131072 && a < 131072 ? ((s + 1) * 131072 + t) * 131072 + a : `${s},${t},${a}`;
    let ids = this.#comboIds.get(tagSet);
    if (ids === undefined) {
      ids = new Map();
      this.#comboIds.set(tagSet, ids);
    }
    let combo = ids.get(key);
    if (combo === undefined) {
      combo = this.#comboScenario.length;
      ids.set(key, combo);
      this.#comboScenario.push(s);
      this.#comboType.push(t);
      this.#comboAgent.push(a);
      this.#comboTags.push(tagSet);
    }
    return combo;
  }

  /** The combo table (views; valid until the next record). */
  combos(): ComboTable {
    return {
      count: this.#comboScenario.length,
      scenario: this.#comboScenario.view(),
      faultType: this.#comboType.view(),
      agent: this.#comboAgent.view(),
      tagSet: this.#comboTags.view(),
    };
  }

  #agentOf(combo: number): number {
    return this.#comboAgent.data[combo] as number;
  }

  #typeOf(combo: number): number {
    return this.#comboType.data[combo] as number;
  }

  #openKey(run: number, agent: number, thread: number): string {
    return `${run}:${agent}:${thread}`;
  }

  #openKeyOfFault(index: number): string {
    return this.#openKey(this.#faultRun.data[index] as number, this.#agentOf(this.#faultCombo.data[index] as number), this.#faultThread.data[index] as number);
  }

  /** Stores a fault and marks it open. Returns its index. */
  addFault(row: FaultRecord): number {
    const index = this.#faultAt.length;
    const run = this.strings.intern(row.runId);
    const thread = this.strings.intern(row.threadId);
    const combo = this.#combo(row.scenario, row.faultType, row.agentId, row.tags);
    const agent = this.#agentOf(combo);
    this.#faultAt.push(row.at);
    this.#faultThread.push(thread);
    this.#faultRun.push(run);
    this.#faultOrder.note(run, row.at);
    this.#faultCombo.push(combo);
    if (row.error !== undefined) this.#faultError.set(index, row.error);
    const key = this.#openKey(run, agent, thread);
    const open = this.#open.get(key);
    if (open === undefined) this.#open.set(key, [index]);
    else open.push(index);
    return index;
  }

  #openList(runId: string, agentId: string, threadId: string): number[] | undefined {
    const run = this.strings.lookup(runId);
    const agent = this.strings.lookup(agentId);
    const thread = this.strings.lookup(threadId);
    if (run === undefined || agent === undefined || thread === undefined) return undefined;
    return this.#open.get(this.#openKey(run, agent, thread));
  }

  /**
   * The latest open fault of (run, agent, thread): of `faultType` if there is one,
   * else of any type. `undefined` when none is open.
   */
  findLatestOpenFault(runId: string, agentId: string, threadId: string, faultType: string): number | undefined {
    const open = this.#openList(runId, agentId, threadId);
    if (open === undefined || open.length === 0) return undefined;
    const type = this.strings.lookup(faultType);
    for (let k = open.length - 1; k >= 0; k--) {
      const index = open[k] as number;
      if (this.#typeOf(this.#faultCombo.data[index] as number) === type) return index;
    }
    return open[open.length - 1];
  }

  /**
   * The first open fault of (run, agent, thread) struck at exactly `at`: of `faultType`
   * if there is one, else of any type. `undefined` when none matches.
   */
  findOpenFaultAt(runId: string, agentId: string, threadId: string, faultType: string, at: number): number | undefined {
    const open = this.#openList(runId, agentId, threadId);
    if (open === undefined) return undefined;
    const type = this.strings.lookup(faultType);
    let anyType: number | undefined;
    for (const index of open) {
      if (this.#faultAt.data[index] !== at) continue;
      if (this.#typeOf(this.#faultCombo.data[index] as number) === type) return index;
      anyType ??= index;
    }
    return anyType;
  }

  /** Marks a fault as recovered (it is no longer open). */
  closeFault(index: number): void {
    const key = this.#openKeyOfFault(index);
    const open = this.#open.get(key);
    if (open === undefined) return;
    const position = open.indexOf(index);
    if (position >= 0) open.splice(position, 1);
    if (open.length === 0) this.#open.delete(key);
  }

  /** Marks a fault as open again (a recovery recorded from it was replaced by a failed one). */
  reopenFault(index: number): void {
    const key = this.#openKeyOfFault(index);
    const open = this.#open.get(key);
    if (open === undefined) this.#open.set(key, [index]);
    else if (!open.includes(index)) {
      // Open lists stay in record order: the latest open fault is the last.
      let position = open.length;
      while (position > 0 && (open[position - 1] as number) > index) position--;
      open.splice(position, 0, index);
    }
  }

  /** The time, scenario and tags of a stored fault. */
  faultInfo(index: number): { at: number; scenario: string | undefined; tags: Tags | undefined } {
    const combo = this.#faultCombo.data[index] as number;
    const scenario = this.#comboScenario.data[combo] as number;
    return {
      at: this.#faultAt.data[index] as number,
      scenario: scenario === NO_SCENARIO ? undefined : this.strings.get(scenario),
      tags: this.tagSets.tags(this.#comboTags.data[combo] as number),
    };
  }

  /** Stores a recovery. Returns its index. */
  addRecovery(row: RecoveryRecord): number {
    const index = this.#recFaultAt.length;
    this.#recFaultAt.push(row.faultAt);
    this.#recDetectedAt.push(row.detectedAt);
    this.#recRecoveredAt.push(row.recoveredAt);
    this.#recAccuracy.push(row.reconstructionAccuracy ?? 0);
    this.#recThread.push(this.strings.intern(row.threadId));
    this.#recRun.push(this.strings.intern(row.runId));
    this.#recOrder.note(this.#recRun.data[index] as number, row.recoveredAt);
    this.#recCombo.push(this.#combo(row.scenario, row.faultType, row.agentId, row.tags));
    this.#recFlags.push(this.#flagsOf(row));
    this.#noteDuration(row);
    if (row.error !== undefined) this.#recError.set(index, row.error);
    if (row.notes !== undefined) this.#recNotes.set(index, row.notes);
    return index;
  }

  /** Overwrites the recovery at `index` (an automatic one an explicit recovery replaces). */
  replaceRecovery(index: number, row: RecoveryRecord): void {
    const run = this.strings.intern(row.runId);
    if (run !== this.#recRun.data[index] || row.recoveredAt !== this.#recRecoveredAt.data[index]) this.#recOrder.lose();
    this.#recFaultAt.data[index] = row.faultAt;
    this.#recDetectedAt.data[index] = row.detectedAt;
    this.#recRecoveredAt.data[index] = row.recoveredAt;
    this.#recAccuracy.data[index] = row.reconstructionAccuracy ?? 0;
    this.#recThread.data[index] = this.strings.intern(row.threadId);
    this.#recRun.data[index] = run;
    this.#recCombo.data[index] = this.#combo(row.scenario, row.faultType, row.agentId, row.tags);
    this.#recFlags.data[index] = this.#flagsOf(row);
    this.#noteDuration(row);
    for (const [texts, text] of [[this.#recError, row.error], [this.#recNotes, row.notes]] as const) {
      if (text === undefined) texts.delete(index);
      else texts.set(index, text);
    }
  }

  #noteDuration(row: RecoveryRecord): void {
    if (!row.success) return;
    const seconds = secondsBetween(row.faultAt, row.recoveredAt);
    this.#successDurations.min = Math.min(this.#successDurations.min, seconds);
    this.#successDurations.max = Math.max(this.#successDurations.max, seconds);
  }

  /**
   * A range holding the Δt (s) of every successful recovery stored (exact, or wider
   * after a replacement), so a summary needs no pass to find it; `undefined` when none
   * succeeded.
   */
  successDurationRange(): { readonly min: number; readonly max: number } | undefined {
    const { min, max } = this.#successDurations;
    return min > max ? undefined : { min, max };
  }

  #flagsOf(row: RecoveryRecord): number {
    return (
      (row.success ? SUCCESS_FLAG : 0) |
      (row.usedPeerContext ? PEER_CONTEXT_FLAG : 0) |
      (row.reconstructionAccuracy === undefined ? 0 : ACCURACY_FLAG) |
      (FAULT_TIME_SOURCES.indexOf(row.faultTimeSource) << SOURCE_SHIFT) |
      (row.detection === 'automatic' ? AUTOMATIC_FLAG : 0)
    );
  }

  /**
   * Stores a recovery with its fault: `faultIndex`, else the open fault at exactly its
   * `faultAt`, else a fault made from the recovery's fields. A source left open
   * (`undefined`) becomes `recorded` when a recorded fault was found, else `given`.
   *
   * @returns the record as stored
   */
  addRecoveryWithFault(candidate: RecoveryRecord | Unsourced, faultIndex: number | undefined): RecoveryRecord {
    let fault = faultIndex ?? this.findOpenFaultAt(candidate.runId, candidate.agentId, candidate.threadId, candidate.faultType, candidate.faultAt);
    const record: RecoveryRecord =
      candidate.faultTimeSource === undefined ? { ...candidate, faultTimeSource: fault === undefined ? 'given' : 'recorded' } : (candidate as RecoveryRecord);
    fault ??= this.addFault(faultRecord(record, record.faultAt, undefined, record.tags));
    this.addRecovery(record);
    if (record.success) this.closeFault(fault);
    return record;
  }

  /** The faults' runs in record order, when they came run after run in time order (see `RunOrder`). */
  faultSegments(): Segments | undefined {
    return this.#faultOrder.segments();
  }

  /** The recoveries' runs in record order, when they came run after run in recovery-time order. */
  recoverySegments(): Segments | undefined {
    return this.#recOrder.segments();
  }

  faultColumns(): FaultColumns {
    return {
      count: this.#faultAt.length,
      at: this.#faultAt.view(),
      thread: this.#faultThread.view(),
      run: this.#faultRun.view(),
      combo: this.#faultCombo.view(),
    };
  }

  recoveryColumns(): RecoveryColumns {
    return {
      count: this.#recFaultAt.length,
      faultAt: this.#recFaultAt.view(),
      detectedAt: this.#recDetectedAt.view(),
      recoveredAt: this.#recRecoveredAt.view(),
      accuracy: this.#recAccuracy.view(),
      thread: this.#recThread.view(),
      run: this.#recRun.view(),
      combo: this.#recCombo.view(),
      flags: this.#recFlags.view(),
    };
  }

  /** Faults in record order, materialised one at a time (the store as it is now). */
  *faults(): IterableIterator<FaultRecord> {
    const columns = this.faultColumns();
    const combos = this.combos();
    const errors = this.#faultError;
    for (let i = 0; i < columns.count; i++) {
      const combo = columns.combo[i] as number;
      const id = this.#identityAt(combos, combo, columns.thread[i] as number, columns.run[i] as number);
      yield faultRecord(id, columns.at[i] as number, errors.get(i), this.tagSets.tags(combos.tagSet[combo] as number));
    }
  }

  /** Recoveries in record order, materialised one at a time (the store as it is now). */
  *recoveries(): IterableIterator<RecoveryRecord> {
    const columns = this.recoveryColumns();
    const combos = this.combos();
    for (let i = 0; i < columns.count; i++) yield this.#recoveryAt(columns, combos, i);
  }

  /** A stored record's identity, from its combo, thread and run ids. */
  #identityAt(combos: ComboTable, combo: number, thread: number, run: number): RecordIdentity {
    const strings = this.strings;
    const scenario = combos.scenario[combo] as number;
    return {
      agentId: strings.get(combos.agent[combo] as number),
      threadId: strings.get(thread),
      faultType: strings.get(combos.faultType[combo] as number),
      runId: strings.get(run),
      scenario: scenario === NO_SCENARIO ? undefined : strings.get(scenario),
    };
  }

  #recoveryAt(columns: RecoveryColumns, combos: ComboTable, i: number): RecoveryRecord {
    const combo = columns.combo[i] as number;
    const accuracy = columns.accuracy[i] as number;
    const flags = columns.flags[i] as number;
    const id = this.#identityAt(combos, combo, columns.thread[i] as number, columns.run[i] as number);
    const record: RecoveryRecord = {
      agentId: id.agentId,
      threadId: id.threadId,
      faultType: id.faultType,
      runId: id.runId,
      scenario: id.scenario,
      faultAt: columns.faultAt[i] as number,
      faultTimeSource: FAULT_TIME_SOURCES[(flags & SOURCE_MASK) >>> SOURCE_SHIFT] as FaultTimeSource,
      detectedAt: columns.detectedAt[i] as number,
      recoveredAt: columns.recoveredAt[i] as number,
      success: (flags & SUCCESS_FLAG) !== 0,
      reconstructionAccuracy: (flags & ACCURACY_FLAG) === 0 ? undefined : accuracy,
      usedPeerContext: (flags & PEER_CONTEXT_FLAG) !== 0,
      error: this.#recError.get(i),
      notes: this.#recNotes.get(i),
      tags: this.tagSets.tags(combos.tagSet[combo] as number),
    };
    // The field exists only on automatic records, so measured ones read as before.
    return (flags & AUTOMATIC_FLAG) === 0 ? record : { ...record, detection: 'automatic' };
  }
}
