import type { FaultTimeSource } from '../types.js';

/*
 * How the record store lays out its records: the columns a summary reads, and the bits
 * of a recovery's flags.
 */

/** `scenario` id of a record without a scenario. */
export const NO_SCENARIO = -1;

/** Bits of the recovery `flags` column. */
export const SUCCESS_FLAG = 1;
export const PEER_CONTEXT_FLAG = 2;
export const ACCURACY_FLAG = 4;
/** Bits 3 and 4 of `flags`: the recovery's fault time source, as an index of {@link FAULT_TIME_SOURCES}. */
export const SOURCE_SHIFT = 3;
export const SOURCE_MASK = 3 << SOURCE_SHIFT;
/** The sources in the order of their code in `flags`. */
export const FAULT_TIME_SOURCES: readonly FaultTimeSource[] = ['recorded', 'given', 'measurement-start'];
/** The `flags` code of `measurement-start`. */
export const MEASUREMENT_START_CODE = 2;
/** Bit 5 of `flags`: the recovery was detected automatically. */
export const AUTOMATIC_FLAG = 32;

/** The columns of the stored faults. */
export interface FaultColumns {
  readonly count: number;
  readonly at: Float64Array;
  readonly thread: Int32Array;
  readonly run: Int32Array;
  /** The record's (scenario, fault type, agent, tag set) combo; see {@link ComboTable}. */
  readonly combo: Int32Array;
}

/**
 * The distinct (scenario, fault type, agent, tag set) combinations, interned like
 * strings: a record stores one combo id instead of four ids, and the summary finds
 * every group a record belongs to from its combo.
 */
export interface ComboTable {
  readonly count: number;
  /** String id of the combo's scenario, or {@link NO_SCENARIO}. */
  readonly scenario: Int32Array;
  readonly faultType: Int32Array;
  readonly agent: Int32Array;
  /** Tag set id (see {@link TagSetTable}), 0 for none. */
  readonly tagSet: Int32Array;
}

/**
 * The columns of the stored recoveries. `accuracy` is 0 where none was scored (the
 * `ACCURACY_FLAG` bit of `flags` says whether it was), so sums need no branch.
 */
export interface RecoveryColumns {
  readonly count: number;
  readonly faultAt: Float64Array;
  readonly detectedAt: Float64Array;
  readonly recoveredAt: Float64Array;
  readonly accuracy: Float64Array;
  readonly thread: Int32Array;
  readonly run: Int32Array;
  readonly combo: Int32Array;
  readonly flags: Uint8Array;
}
