import type { FaultRecord, MetricsSource, RecoveryRecord } from '@chaos/metrics';

/**
 * The two CSV files as tables of columns: each entry is a column's header and how its
 * cell is computed from a record, so the header row and every row come from one list
 * and cannot drift apart. `EVENTS_CSV_COLUMNS` and `MTTR_CSV_COLUMNS` are the headers
 * of these tables.
 */

/** One CSV cell before csv-stringify casts it. */
export type Cell = string | number | boolean | undefined;

/** A cell computed from a record and the record's index among the records of its kind. */
type CellOf<R> = (record: R, index: number) => Cell;

/** A column of the events file: its header, its cell on a fault row and on a recovery row. */
interface EventsColumn<Name extends string = string> {
  readonly name: Name;
  readonly fault: CellOf<FaultRecord>;
  readonly recovery: CellOf<RecoveryRecord>;
}

/** A column of the MTTR file, one row per recovery attempt. */
interface MttrColumn<Name extends string = string> {
  readonly name: Name;
  readonly recovery: CellOf<RecoveryRecord>;
}

/** A record's tags as a cell: JSON text (`{"model":"m1"}`), empty without tags. */
function tagsCell(tags: Readonly<Record<string, string>> | undefined): string | undefined {
  return tags === undefined ? undefined : JSON.stringify(tags);
}

/** Seconds between two clock readings in ms, as the metrics package defines Δt. */
function seconds(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / 1000;
}

const empty = (): undefined => undefined;

/** A column that reads the same field of a fault and of a recovery. */
function shared<Name extends string>(name: Name, cell: CellOf<FaultRecord | RecoveryRecord>): EventsColumn<Name> {
  return { name, fault: cell, recovery: cell };
}

/** A column only a recovery fills: empty on a fault row. */
function ofRecovery<Name extends string>(name: Name, cell: CellOf<RecoveryRecord>): EventsColumn<Name> {
  return { name, fault: empty, recovery: cell };
}

/** The events file, in column order: one row per fault, then one per recovery attempt. */
export const EVENTS_TABLE = [
  { name: 'kind', fault: () => 'fault', recovery: () => 'recovery' },
  shared('index', (_, index) => index),
  shared('run_id', (r) => r.runId),
  shared('scenario', (r) => r.scenario),
  shared('agent_id', (r) => r.agentId),
  shared('thread_id', (r) => r.threadId),
  shared('fault_type', (r) => r.faultType),
  { name: 'at_ms', fault: (f) => f.at, recovery: (r) => r.recoveredAt },
  { name: 'fault_at_ms', fault: (f) => f.at, recovery: (r) => r.faultAt },
  ofRecovery('detected_at_ms', (r) => r.detectedAt),
  ofRecovery('recovered_at_ms', (r) => r.recoveredAt),
  ofRecovery('delta_t_s', (r) => seconds(r.faultAt, r.recoveredAt)),
  ofRecovery('detect_s', (r) => seconds(r.faultAt, r.detectedAt)),
  ofRecovery('repair_s', (r) => seconds(r.detectedAt, r.recoveredAt)),
  ofRecovery('success', (r) => r.success),
  ofRecovery('reconstruction_accuracy', (r) => r.reconstructionAccuracy),
  ofRecovery('used_peer_context', (r) => r.usedPeerContext),
  shared('error', (r) => r.error),
  ofRecovery('notes', (r) => r.notes),
  ofRecovery('fault_time_source', (r) => r.faultTimeSource),
  shared('tags', (r) => tagsCell(r.tags)),
] as const satisfies readonly EventsColumn[];

type EventsName = (typeof EVENTS_TABLE)[number]['name'];

/**
 * Columns of the events file as MTTR columns: the same header, the same recovery cell.
 * (Every MTTR column but the first is one: the two files cannot word a recovery apart.)
 */
function fromEvents<const Names extends readonly EventsName[]>(...names: Names): { readonly [K in keyof Names]: MttrColumn<Names[K]> } {
  const columns: readonly MttrColumn[] = names.map((name) => {
    const column: EventsColumn | undefined = EVENTS_TABLE.find((c) => c.name === name);
    if (column === undefined) throw new Error(`@chaos/export: the events table has no column "${name}"`);
    return { name, recovery: column.recovery };
  });
  return columns as { readonly [K in keyof Names]: MttrColumn<Names[K]> };
}

/** The MTTR file, in column order: one row per recovery attempt. */
export const MTTR_TABLE = [
  { name: 'recovery_index', recovery: (_, index) => index },
  ...fromEvents(
    'run_id',
    'scenario',
    'agent_id',
    'thread_id',
    'fault_type',
    'success',
    'delta_t_s',
    'detect_s',
    'repair_s',
    'reconstruction_accuracy',
    'used_peer_context',
    'fault_at_ms',
    'detected_at_ms',
    'recovered_at_ms',
    'error',
    'fault_time_source',
    'tags',
  ),
] as const satisfies readonly MttrColumn[];

/** The headers of a table, in order, as a tuple of their names. */
export function headerOf<const Table extends readonly { readonly name: string }[]>(
  table: Table,
): { readonly [K in keyof Table]: Table[K] extends { readonly name: infer Name } ? Name : never } {
  const names: readonly string[] = table.map((column) => column.name);
  return names as { readonly [K in keyof Table]: Table[K] extends { readonly name: infer Name } ? Name : never };
}

const FAULT_CELLS: readonly CellOf<FaultRecord>[] = EVENTS_TABLE.map((column) => column.fault);
const RECOVERY_CELLS: readonly CellOf<RecoveryRecord>[] = EVENTS_TABLE.map((column) => column.recovery);
const MTTR_CELLS: readonly CellOf<RecoveryRecord>[] = MTTR_TABLE.map((column) => column.recovery);

function rowOf<R>(cells: readonly CellOf<R>[], record: R, index: number): Cell[] {
  return cells.map((cell) => cell(record, index));
}

/** Every fault, then every recovery, pulled one at a time from the store's iterators. */
export function* eventRows(metrics: MetricsSource): Generator<Cell[], void, undefined> {
  let index = 0;
  for (const fault of metrics.iterateFaults()) yield rowOf(FAULT_CELLS, fault, index++);
  index = 0;
  for (const recovery of metrics.iterateRecoveries()) yield rowOf(RECOVERY_CELLS, recovery, index++);
}

/** Every recovery attempt, pulled one at a time. */
export function* mttrRows(metrics: MetricsSource): Generator<Cell[], void, undefined> {
  let index = 0;
  for (const recovery of metrics.iterateRecoveries()) yield rowOf(MTTR_CELLS, recovery, index++);
}
