import { EVENTS_TABLE, headerOf, MTTR_TABLE } from './_internals/csvTable.js';

/**
 * The columns of `chaos_events_<ts>.csv`, in file order. Stable: columns are only ever
 * added at the end, with a new `schemaVersion`; none is renamed, moved or removed.
 * One row per fault (`kind` = `fault`) and per recovery attempt (`kind` = `recovery`);
 * faults first, in recording order, then recoveries in recording order. A column that
 * does not apply to a row's kind is empty. See the package README for each column.
 */
export const EVENTS_CSV_COLUMNS = headerOf(EVENTS_TABLE);

/** A column of the events file. */
export type EventsCsvColumn = (typeof EVENTS_CSV_COLUMNS)[number];

/**
 * The columns of `chaos_mttr_<ts>.csv`, in file order: one row per recovery attempt,
 * successful or not, in recording order. Stable like {@link EVENTS_CSV_COLUMNS}.
 */
export const MTTR_CSV_COLUMNS = headerOf(MTTR_TABLE);

/** A column of the MTTR file. */
export type MttrCsvColumn = (typeof MTTR_CSV_COLUMNS)[number];
