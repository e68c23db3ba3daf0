import type { ChaosEvent, Tags } from '@chaos/config';
import type { FaultTimeSource, RecordIdentity, RecoveryRecord } from './types.js';

/**
 * Emitted on the scope's `emit` each time `measureRecovery` or a `beginRecovery` handle
 * settles, so listeners (a journal, a live dashboard) see recoveries next to faults.
 * `at` is the recovery time, ms on the clock. `recordRecovery` and `fromJSON` emit
 * nothing: they store data that already happened.
 */
export interface RecoveryEvent extends ChaosEvent, RecordIdentity {
  readonly kind: 'recovery';
  /** Always set, unlike on other events. */
  readonly runId: string;
  readonly scenario: string | undefined;
  readonly success: boolean;
  readonly faultAt: number;
  /** Where `faultAt` comes from (see `RecoveryRecord.faultTimeSource`). */
  readonly faultTimeSource: FaultTimeSource;
  readonly detectedAt: number;
  /** `at − faultAt`, ms. */
  readonly durationMs: number;
  readonly error: string | undefined;
  readonly tags: Tags | undefined;
  /** `automatic` for a recovery the detector found (see `RecoveryRecord.detection`). */
  readonly detection?: 'automatic';
}

/** True when `event` is a {@link RecoveryEvent}. */
export function isRecoveryEvent(event: ChaosEvent): event is RecoveryEvent {
  return event.kind === 'recovery';
}

/** The event a settled recovery emits (internal: not exported from the package). */
export function recoveryEventOf(record: RecoveryRecord): RecoveryEvent {
  return {
    kind: 'recovery',
    at: record.recoveredAt,
    runId: record.runId,
    agentId: record.agentId,
    threadId: record.threadId,
    faultType: record.faultType,
    scenario: record.scenario,
    success: record.success,
    faultAt: record.faultAt,
    faultTimeSource: record.faultTimeSource,
    detectedAt: record.detectedAt,
    durationMs: record.recoveredAt - record.faultAt,
    error: record.error,
    tags: record.tags,
    ...(record.detection === undefined ? {} : { detection: record.detection }),
  };
}
