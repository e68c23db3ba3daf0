import type { FaultRecord, MetricsSource, RecoveryRecord } from '@chaos/metrics';

/** One CSV cell before csv-stringify casts it. */
export type Cell = string | number | boolean | undefined;

/** A record's tags as a cell: JSON text (`{"model":"m1"}`), empty without tags. */
function tagsCell(tags: Readonly<Record<string, string>> | undefined): string | undefined {
  return tags === undefined ? undefined : JSON.stringify(tags);
}

/** Seconds between two clock readings in ms, as the metrics package defines Δt. */
function seconds(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / 1000;
}

/** A fault as a row of `EVENTS_CSV_COLUMNS`. Keep in column order. */
function faultEventRow(fault: FaultRecord, index: number): Cell[] {
  return [
    'fault',
    index,
    fault.runId,
    fault.scenario,
    fault.agentId,
    fault.threadId,
    fault.faultType,
    fault.at,
    fault.at,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    fault.error,
    undefined,
    undefined,
    tagsCell(fault.tags),
  ];
}

/** A recovery as a row of `EVENTS_CSV_COLUMNS`. Keep in column order. */
function recoveryEventRow(recovery: RecoveryRecord, index: number): Cell[] {
  return [
    'recovery',
    index,
    recovery.runId,
    recovery.scenario,
    recovery.agentId,
    recovery.threadId,
    recovery.faultType,
    recovery.recoveredAt,
    recovery.faultAt,
    recovery.detectedAt,
    recovery.recoveredAt,
    seconds(recovery.faultAt, recovery.recoveredAt),
    seconds(recovery.faultAt, recovery.detectedAt),
    seconds(recovery.detectedAt, recovery.recoveredAt),
    recovery.success,
    recovery.reconstructionAccuracy,
    recovery.usedPeerContext,
    recovery.error,
    recovery.notes,
    recovery.faultTimeSource,
    tagsCell(recovery.tags),
  ];
}

/** A recovery as a row of `MTTR_CSV_COLUMNS`. Keep in column order. */
function mttrRow(recovery: RecoveryRecord, index: number): Cell[] {
  return [
    index,
    recovery.runId,
    recovery.scenario,
    recovery.agentId,
    recovery.threadId,
    recovery.faultType,
    recovery.success,
    seconds(recovery.faultAt, recovery.recoveredAt),
    seconds(recovery.faultAt, recovery.detectedAt),
    seconds(recovery.detectedAt, recovery.recoveredAt),
    recovery.reconstructionAccuracy,
    recovery.usedPeerContext,
    recovery.faultAt,
    recovery.detectedAt,
    recovery.recoveredAt,
    recovery.error,
    recovery.faultTimeSource,
    tagsCell(recovery.tags),
  ];
}

/** Every fault, then every recovery, pulled one at a time from the store's iterators. */
export function* eventRows(metrics: MetricsSource): Generator<Cell[], void, undefined> {
  let index = 0;
  for (const fault of metrics.iterateFaults()) yield faultEventRow(fault, index++);
  index = 0;
  for (const recovery of metrics.iterateRecoveries()) yield recoveryEventRow(recovery, index++);
}

/** Every recovery attempt, pulled one at a time. */
export function* mttrRows(metrics: MetricsSource): Generator<Cell[], void, undefined> {
  let index = 0;
  for (const recovery of metrics.iterateRecoveries()) yield mttrRow(recovery, index++);
}
