import type { ChaosEvent } from '@chaos/config';

/**
 * Emitted on the scope's `emit` each time `measureRecovery` or a `beginRecovery` handle
 * settles, so listeners (a journal, a live dashboard) see recoveries next to faults.
 * `at` is the recovery time, ms on the clock. `recordRecovery` and `fromJSON` emit
 * nothing: they store data that already happened.
 */
export interface RecoveryEvent extends ChaosEvent {
  readonly kind: 'recovery';
  readonly runId: string;
  readonly agentId: string;
  readonly threadId: string;
  readonly faultType: string;
  readonly scenario: string | undefined;
  readonly success: boolean;
  readonly faultAt: number;
  readonly detectedAt: number;
  /** `at − faultAt`, ms. */
  readonly durationMs: number;
  readonly error: string | undefined;
}

/** True when `event` is a {@link RecoveryEvent}. */
export function isRecoveryEvent(event: ChaosEvent): event is RecoveryEvent {
  return event.kind === 'recovery';
}
