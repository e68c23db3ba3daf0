/*
 * What `ResilienceMetrics` takes: its options and the records given to it.
 */
import type { Clock } from '@chaos/config';
import type { FaultTimeSource, RecordIdentity, RecoveryDetection } from './types.js';

/** Options of {@link ResilienceMetrics}. */
export interface ResilienceMetricsOptions {
  /**
   * Seed of the bootstrap interval (`mttrCi95`): the same records and seed give the
   * same interval on every machine.
   * @defaultValue `'chaos-bootstrap'`
   */
  readonly bootstrapSeed?: string;
  /**
   * Resamples drawn for each bootstrap interval, an integer in [100, 1,000,000].
   * @defaultValue `2000`
   */
  readonly bootstrapResamples?: number;
  /**
   * The clock that times are read from.
   * @defaultValue the active scope's clock at each call (`currentChaos().clock`), so
   * runs under virtual time record virtual times
   */
  readonly clock?: Clock;
  /**
   * The reconstruction accuracy, in [0, 1], a successful recovery needs to count as a
   * correct recovery (`correctRecoveryRate`).
   * @defaultValue `0.9` ({@link DEFAULT_ACCURACY_THRESHOLD}; the README says why)
   */
  readonly accuracyThreshold?: number;
}

/**
 * The identity of a record to store ({@link RecordIdentity}), its run and scenario
 * optional.
 */
export interface RecordIdentityInput extends Pick<RecordIdentity, 'agentId' | 'threadId' | 'faultType'> {
  /** @defaultValue the scope's `runId`, else `'default'` */
  readonly runId?: string;
  readonly scenario?: string;
}

/** A fault to record (`recordFailure`). */
export interface FailureInput extends RecordIdentityInput {
  /** When the fault struck, ms on the clock. @defaultValue the clock's current time */
  readonly at?: number;
  /** The error the fault caused: a string, or an `Error` (recorded as `Name: message`). */
  readonly error?: unknown;
  /** Labels of the user's (`{ model: 'gpt-4o' }`): string values. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A recovery to record (`recordRecovery`). Times are ms on the clock. */
export interface RecoveryInput extends RecordIdentityInput {
  /** t_fault. Required: a recovery's start is never invented. */
  readonly faultAt: number;
  /**
   * Where `faultAt` comes from.
   * @defaultValue `'recorded'` when an unrecovered fault of the run, agent and thread was
   * recorded at exactly `faultAt`, else `'given'`
   */
  readonly faultTimeSource?: FaultTimeSource;
  /** t_detected, `>= faultAt`. */
  readonly detectedAt: number;
  /** t_recovered (or when the attempt was given up), `>= detectedAt`. */
  readonly recoveredAt: number;
  readonly success: boolean;
  /** 0..1, when scored. */
  readonly reconstructionAccuracy?: number;
  /** @defaultValue `false` */
  readonly usedPeerContext?: boolean;
  /** Why the recovery failed: a string, or an `Error` (recorded as `Name: message`). */
  readonly error?: unknown;
  readonly notes?: string;
  /** Labels of the user's (the reflex, the model…): string values. */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * `automatic` when copying a recovery the detector found (from another store, a
   * worker, a journal); a recovery recorded by hand is explicit and leaves it out.
   * @defaultValue absent (explicit)
   */
  readonly detection?: RecoveryDetection;
}

/** Options of {@link ResilienceMetrics.measureRecovery} and {@link ResilienceMetrics.beginRecovery}. */
export interface RecoveryOptions {
  /** @defaultValue the scope's `runId`, else `'default'` */
  readonly runId?: string;
  /** @defaultValue the scenario of the fault recovered from */
  readonly scenario?: string;
  /**
   * t_fault, ms. Give this or `fault`, not both.
   * @defaultValue the time of the latest unrecovered fault recorded for this run, agent
   * and thread (of this fault type if there is one); with none, the time of the call:
   * the outage is taken to start when the measurement does (`faultTimeSource:
   * 'measurement-start'`), so Δt is the recovery's own duration
   */
  readonly faultAt?: number;
  /**
   * The error an injector threw (`AgentCrashError`, `AgentTimeoutError`), as caught
   * (`unknown` is fine): t_fault is its `faultAt`, the fault's time on the scope's
   * clock. Give this or `faultAt`; an error without a `faultAt` is rejected.
   */
  readonly fault?: unknown;
  /** t_detected, ms. @defaultValue the clock's time at the call */
  readonly detectedAt?: number;
  /**
   * Labels of the recovery, on top of those of the fault it recovers from (which it
   * inherits); the recovery function may still change `event.tags`.
   */
  readonly tags?: Readonly<Record<string, string>>;
}
