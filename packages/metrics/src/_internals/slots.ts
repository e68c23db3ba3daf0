import { NO_SCENARIO, type ComboTable, type FaultColumns, type RecoveryColumns } from './recordLayout.js';
import type { RecordStore } from './RecordStore.js';

/**
 * The groups of a summary, each a slot: 0 is the whole, then one dimension after the
 * other — the scenarios, the fault types, the agents, then one dimension per tag key
 * (keys in name order) — each dimension's groups in name order.
 */
export interface Slots {
  readonly count: number;
  /** Each slot's group name: a scenario, fault type, agent or tag value (`'all'` for 0). */
  readonly key: readonly string[];
  /** The tag keys, in the order of their dimensions (3, 4, …). */
  readonly tagKeys: readonly string[];
  /** Dimensions: 3 + the number of tag keys. */
  readonly dimensions: number;
  /** First slot of each dimension, and the end: `start[d]` to `start[d + 1] - 1`. */
  readonly start: Int32Array;
  /** A scenario's slot by its string id (-1 for none), for the scenario results. */
  readonly scenarioSlotOf: Int32Array;
}

/**
 * A record's groups are its combo's slots, `stride` of them: the whole (0), then its slot
 * in each dimension, -1 where it has none (no scenario, or not that tag key).
 *
 * Work that only adds up is done per *unit*, then spread to the slots once per run. A
 * combo has two units: its (scenario, fault type, agent) triple, whose slots are the
 * whole and the first three dimensions, and its tag set, whose slots are its tag values.
 * Splitting them keeps the units a run touches few: 50 triples and 12 tag sets, rather
 * than their 600 products, in a run of 5 fault types, 10 agents and 12 tag sets.
 */
export interface Combos {
  readonly count: number;
  readonly ofFault: Int32Array;
  readonly ofRecovery: Int32Array;
  /** Slots per combo: 1 + `Slots.dimensions`. */
  readonly stride: number;
  /** `slots[stride·c .. stride·c + stride − 1]`: combo `c`'s slots. */
  readonly slots: Int32Array;
  /**
   * Combo `c`'s slots without the -1s: `comboSlotList[comboSlotStart[c] .. comboSlotStart[c + 1] − 1]`,
   * the whole (0) always first.
   */
  readonly comboSlotStart: Int32Array;
  readonly comboSlotList: Int32Array;
  /** Units: triples first, then tag sets. */
  readonly unitCount: number;
  /** A combo's triple unit. */
  readonly tripleOf: Int32Array;
  /** A combo's tag set unit, -1 without tags. */
  readonly tagUnitOf: Int32Array;
  /** Unit `u`'s slots are `unitSlots[unitSlotStart[u] .. unitSlotStart[u + 1] − 1]`. */
  readonly unitSlotStart: Int32Array;
  readonly unitSlots: Int32Array;
}

/** `name → slot` for the names present in one dimension, slots numbered from `first` in name order. */
function assign(names: Iterable<[name: string, id: number]>, first: number, key: string[]): Map<number, number> {
  const sorted = [...names].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const slotOf = new Map<number, number>();
  sorted.forEach(([name, id], k) => {
    slotOf.set(id, first + k);
    key.push(name);
  });
  return slotOf;
}

/**
 * Gives every group a slot and every combo its slots. The scenarios include those of
 * the scenario results; tag keys and values are those of the recorded tag sets.
 */
export function makeSlots(store: RecordStore, table: ComboTable, faults: FaultColumns, recs: RecoveryColumns, resultScenarios: Int32Array): { slots: Slots; combos: Combos } {
  const strings = store.strings;
  const named = (ids: Iterable<number>): [string, number][] => [...new Set(ids)].map((id) => [strings.get(id), id]);
  const scenarioIds: number[] = [...resultScenarios];
  const typeIds: number[] = [];
  const agentIds: number[] = [];
  // Tag key id -> the value ids recorded under it.
  const tagValues = new Map<number, Set<number>>();
  for (let c = 0; c < table.count; c++) {
    const scenario = table.scenario[c] as number;
    if (scenario !== NO_SCENARIO) scenarioIds.push(scenario);
    typeIds.push(table.faultType[c] as number);
    agentIds.push(table.agent[c] as number);
    const pairs = store.tagSets.pairs(table.tagSet[c] as number);
    for (let p = 0; p < pairs.length; p += 2) {
      let values = tagValues.get(pairs[p] as number);
      if (values === undefined) tagValues.set(pairs[p] as number, (values = new Set()));
      values.add(pairs[p + 1] as number);
    }
  }
  const key: string[] = ['all'];
  const start: number[] = [];
  const maps: Map<number, number>[] = [];
  for (const ids of [scenarioIds, typeIds, agentIds]) {
    start.push(key.length);
    maps.push(assign(named(ids), key.length, key));
  }
  const tagKeyIds = named(tagValues.keys()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Tag key id -> its dimension; and per dimension, value id -> slot.
  const dimensionOfKey = new Map<number, number>();
  for (const [, keyId] of tagKeyIds) {
    dimensionOfKey.set(keyId, start.length);
    start.push(key.length);
    maps.push(assign(named(tagValues.get(keyId) as Set<number>), key.length, key));
  }
  start.push(key.length);
  const dimensions = start.length - 1;

  const stride = 1 + dimensions;
  const comboSlots = new Int32Array(stride * table.count).fill(-1);
  for (let c = 0; c < table.count; c++) {
    const base = stride * c;
    comboSlots[base] = 0;
    const scenario = table.scenario[c] as number;
    if (scenario !== NO_SCENARIO) comboSlots[base + 1] = maps[0]?.get(scenario) as number;
    comboSlots[base + 2] = maps[1]?.get(table.faultType[c] as number) as number;
    comboSlots[base + 3] = maps[2]?.get(table.agent[c] as number) as number;
    const pairs = store.tagSets.pairs(table.tagSet[c] as number);
    for (let p = 0; p < pairs.length; p += 2) {
      const d = dimensionOfKey.get(pairs[p] as number) as number;
      comboSlots[base + 1 + d] = maps[d]?.get(pairs[p + 1] as number) as number;
    }
  }
  const scenarioSlotOf = new Int32Array(strings.size).fill(-1);
  for (const [id, slot] of maps[0] as Map<number, number>) scenarioSlotOf[id] = slot;
  const units = makeUnits(table, comboSlots, stride, store.tagSets.size);
  const comboSlotStart = new Int32Array(table.count + 1);
  const comboSlotList: number[] = [];
  for (let c = 0; c < table.count; c++) {
    for (let s = stride * c; s < stride * c + stride; s++) if ((comboSlots[s] as number) >= 0) comboSlotList.push(comboSlots[s] as number);
    comboSlotStart[c + 1] = comboSlotList.length;
  }
  return {
    slots: {
      count: key.length,
      key,
      tagKeys: tagKeyIds.map(([name]) => name),
      dimensions,
      start: Int32Array.from(start),
      scenarioSlotOf,
    },
    combos: { count: table.count, ofFault: faults.combo, ofRecovery: recs.combo, stride, slots: comboSlots, comboSlotStart, comboSlotList: Int32Array.from(comboSlotList), ...units },
  };
}

/** Splits each combo into its triple unit and its tag set unit (see {@link Combos}). */
function makeUnits(
  table: ComboTable,
  comboSlots: Int32Array,
  stride: number,
  tagSetCount: number,
): Pick<Combos, 'unitCount' | 'tripleOf' | 'tagUnitOf' | 'unitSlotStart' | 'unitSlots'> {
  const tripleIds = new Map<string, number>();
  const tripleOf = new Int32Array(table.count);
  const tagUnitOf = new Int32Array(table.count).fill(-1);
  // Each unit's slot list, made when the unit is first met.
  const lists: number[][] = [];
  const tagLists = new Map<number, number[]>();
  for (let c = 0; c < table.count; c++) {
    const base = stride * c;
    const key = `${table.scenario[c]},${table.faultType[c]},${table.agent[c]}`;
    let triple = tripleIds.get(key);
    if (triple === undefined) {
      triple = lists.length;
      tripleIds.set(key, triple);
      const own: number[] = [];
      for (let s = base; s < base + 4; s++) if ((comboSlots[s] as number) >= 0) own.push(comboSlots[s] as number);
      lists.push(own);
    }
    tripleOf[c] = triple;
    const tagSet = table.tagSet[c] as number;
    if (tagSet !== 0 && !tagLists.has(tagSet)) {
      const own: number[] = [];
      for (let s = base + 4; s < base + stride; s++) if ((comboSlots[s] as number) >= 0) own.push(comboSlots[s] as number);
      tagLists.set(tagSet, own);
    }
  }
  // Tag set units follow the triples, in tag set id order.
  const tagUnit = new Int32Array(tagSetCount).fill(-1);
  for (const tagSet of [...tagLists.keys()].sort((a, b) => a - b)) {
    tagUnit[tagSet] = lists.length;
    lists.push(tagLists.get(tagSet) as number[]);
  }
  for (let c = 0; c < table.count; c++) {
    const tagSet = table.tagSet[c] as number;
    if (tagSet !== 0) tagUnitOf[c] = tagUnit[tagSet] as number;
  }
  const unitSlotStart = new Int32Array(lists.length + 1);
  lists.forEach((list, u) => {
    unitSlotStart[u + 1] = (unitSlotStart[u] as number) + list.length;
  });
  return { unitCount: lists.length, tripleOf, tagUnitOf, unitSlotStart, unitSlots: Int32Array.from(lists.flat()) };
}
