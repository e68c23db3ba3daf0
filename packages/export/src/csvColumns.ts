/**
 * The columns of `chaos_events_<ts>.csv`, in file order. Stable: columns are only ever
 * added at the end, with a new `schemaVersion`; none is renamed, moved or removed.
 * One row per fault (`kind` = `fault`) and per recovery attempt (`kind` = `recovery`);
 * faults first, in recording order, then recoveries in recording order. A column that
 * does not apply to a row's kind is empty. See the package README for each column.
 */
export const EVENTS_CSV_COLUMNS = [
  'kind',
  'index',
  'run_id',
  'scenario',
  'agent_id',
  'thread_id',
  'fault_type',
  'at_ms',
  'fault_at_ms',
  'detected_at_ms',
  'recovered_at_ms',
  'delta_t_s',
  'detect_s',
  'repair_s',
  'success',
  'reconstruction_accuracy',
  'used_peer_context',
  'error',
  'notes',
  'fault_time_source',
  'tags',
] as const;

/** A column of the events file. */
export type EventsCsvColumn = (typeof EVENTS_CSV_COLUMNS)[number];

/**
 * The columns of `chaos_mttr_<ts>.csv`, in file order: one row per recovery attempt,
 * successful or not, in recording order. Stable like {@link EVENTS_CSV_COLUMNS}.
 */
export const MTTR_CSV_COLUMNS = [
  'recovery_index',
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
] as const;

/** A column of the MTTR file. */
export type MttrCsvColumn = (typeof MTTR_CSV_COLUMNS)[number];
