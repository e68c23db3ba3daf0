import type { FaultTimeSource, RecordIdentity, RecoveryRecord } from './types.js';

/**
 * What a recovery function sees while it runs (`measureRecovery`'s `event`): where the
 * recovery comes from, and four fields it may set before it finishes.
 */
export interface RecoveryAttempt extends RecordIdentity {
  /** t_fault, ms on the clock. */
  readonly faultAt: number;
  /** Where `faultAt` comes from: a recorded fault, the caller, or the start of this measurement. */
  readonly faultTimeSource: FaultTimeSource;
  /** t_detected, ms on the clock. */
  readonly detectedAt: number;
  /**
   * How much of the agent's state was restored, 0..1.
   * @throws {@link MetricsValidationError} on set, outside [0, 1]
   * @defaultValue `undefined` (not scored)
   */
  reconstructionAccuracy: number | undefined;
  /** @defaultValue `false` */
  usedPeerContext: boolean;
  notes: string | undefined;
  /**
   * Labels of the recovery (`event.tags.reflex = 'restart'`, or a new object): string
   * values, checked when the recovery is recorded.
   * @defaultValue the tags of the fault recovered from, with `options.tags` on top
   */
  tags: Record<string, string>;
}

/** Where a {@link RecoveryHandle} stands. */
export type RecoveryState = 'pending' | 'succeeded' | 'failed';

/**
 * A recovery in progress (`beginRecovery`). Settle it once with `succeed()` or
 * `fail(error)`; disposing it unsettled records a failure, so `using` never loses one.
 */
export interface RecoveryHandle extends RecoveryAttempt {
  readonly state: RecoveryState;
  /** The recorded recovery, once settled. */
  readonly record: RecoveryRecord | undefined;
  /**
   * Records a successful recovery at the clock's current time.
   * @throws {@link MetricsValidationError} when already settled
   */
  succeed(): RecoveryRecord;
  /**
   * Records a failed recovery at the clock's current time, with the error's text.
   * @throws {@link MetricsValidationError} when already settled
   */
  fail(error?: unknown): RecoveryRecord;
  /** Records a failure if still pending; otherwise does nothing. Idempotent. */
  dispose(): void;
  [Symbol.dispose](): void;
}
