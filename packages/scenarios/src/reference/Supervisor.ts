import { type Clock, isChaosError } from '@chaos/config';
import { isAgentTimeoutError, isMessageCorruptionError } from '@chaos/faults';
import { describeError } from '@chaos/format';
import type { FaultRecord, RecoveryAttempt, ResilienceMetrics } from '@chaos/metrics';
import type { HangDetector } from './hangDetectors.js';

/** Passed as the last argument of agent steps: the supervisor's cancellation. */
export interface StepControl {
  readonly signal: AbortSignal;
}

/** How a supervised step failed. */
export type FailureKind = 'crash' | 'timeout' | 'corruption' | 'hallucination';

const ONCE = Object.freeze({ once: true });

/** Why a settled step's watchers are cancelled; one shared value, as a stack trace per step is costly. */
const STEP_SETTLED = Object.freeze(new Error('step settled'));

/** A supervised step failed: which agent, how, and when it was seen. */
export class StepFailure extends Error {
  constructor(
    readonly agentId: string,
    readonly faultType: FailureKind,
    /** When the failed step started, ms on the clock. */
    readonly stepStartedAt: number,
    /** When the supervisor saw the failure, ms on the clock. */
    readonly detectedAt: number,
    cause: unknown,
  ) {
    super(`${agentId} failed (${faultType}): ${describeError(cause)}`, { cause });
    this.name = 'StepFailure';
  }
}

/** Options of a {@link Supervisor}. */
export interface SupervisorOptions {
  /** How a hung step is told from a slow one: a deadline, heartbeats… */
  readonly detector: HangDetector;
  /**
   * Names failures the supervisor cannot know by itself (a language model's output that
   * contradicts its input: a hallucination of `model`); `undefined` leaves the error to
   * the usual rules. Not asked about a hang.
   */
  readonly classify?: (error: unknown, agentId: string) => { readonly agentId: string; readonly faultType: FailureKind } | undefined;
  /**
   * The error text recorded for a failure that no injected fault explains (a real bug, a
   * false alarm).
   * @defaultValue `Name: message` of what the step threw
   */
  readonly describeUnexplained?: (failure: StepFailure) => string;
}

/**
 * Watches agent steps: a step that throws has crashed (the agent the error names, when
 * it names one — a peer that crashed while serving the step is blamed, not the caller),
 * one its detector judges hung has timed out, and a damaged message is a corruption. It
 * measures every recovery it drives, with the time the fault struck taken from the
 * recorded fault, never invented.
 */
export class Supervisor {
  /** Faults already answered by a recovery (their indices), so each gets exactly one. */
  private readonly answered = new Set<number>();

  constructor(
    private readonly clock: Clock,
    private readonly metrics: ResilienceMetrics,
    private readonly runId: string,
    private readonly options: SupervisorOptions,
  ) {}

  /**
   * Runs `step` under watch. Resolves with its value, or rejects with a
   * {@link StepFailure} saying what went wrong and when it was seen; when `outer`
   * aborts, the step is cancelled and its error passes through as it is.
   */
  async watch<T>(agentId: string, step: (control: StepControl) => Promise<T>, outer?: AbortSignal): Promise<T> {
    const stepStartedAt = this.clock.now();
    const watch = this.options.detector.watch(agentId);
    const onOuterAbort = (): void => watch.cancel(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, ONCE);
    const work = step(watch);
    // Whichever loses the race must not surface as an unhandled rejection.
    watch.hang.catch(() => undefined);
    work.catch(() => undefined);
    try {
      return await Promise.race([work, watch.hang]);
    } catch (error: unknown) {
      if (outer?.aborted) throw error;
      const { agentId: blamed, faultType } = this.classify(error, agentId, watch.hung);
      throw new StepFailure(blamed, faultType, stepStartedAt, this.clock.now(), error);
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
      // Ends the watch and cancels the step (a hung one), so no timer outlives the step.
      watch.cancel(STEP_SETTLED);
    }
  }

  /**
   * Measures the recovery from `failure`: `repair` restarts and rebuilds the agent. The
   * fault time is that of the fault recorded for the agent since the failed step began;
   * a failure nothing recorded is recorded now, as observed. `tags` label the recovery.
   */
  async recover<T>(failure: StepFailure, repair: (attempt: RecoveryAttempt) => Promise<T>, tags?: Readonly<Record<string, string>>): Promise<T> {
    const fault = this.faultBehind(failure);
    return this.metrics.measureRecovery(failure.agentId, this.runId, failure.faultType, repair, {
      faultAt: fault.at,
      detectedAt: failure.detectedAt,
      runId: this.runId,
      ...(tags === undefined ? {} : { tags }),
    });
  }

  private classify(error: unknown, agentId: string, hung: boolean): { readonly agentId: string; readonly faultType: FailureKind } {
    if (hung || isAgentTimeoutError(error)) return { agentId: this.blame(error, agentId, hung), faultType: 'timeout' };
    const own = this.options.classify?.(error, agentId);
    if (own !== undefined) return own;
    // A damaged message is the receiver's failure to see, whoever it was aimed at.
    if (isMessageCorruptionError(error)) return { agentId, faultType: 'corruption' };
    return { agentId: this.blame(error, agentId, false), faultType: 'crash' };
  }

  /** The agent an injected fault names (a peer that failed while serving the step), else the watched one. */
  private blame(error: unknown, agentId: string, hung: boolean): string {
    return !hung && isChaosError(error) && error.target !== undefined && error.fault !== 'corruption' ? error.target : agentId;
  }

  /** The injected fault behind a failure: the latest one of its agent not yet answered, seen during the step. */
  private faultBehind(failure: StepFailure): FaultRecord {
    let found: FaultRecord | undefined;
    let foundIndex = -1;
    let index = 0;
    for (const fault of this.metrics.iterateFaults()) {
      if (
        !this.answered.has(index) &&
        fault.runId === this.runId &&
        fault.agentId === failure.agentId &&
        fault.at >= failure.stepStartedAt &&
        fault.at <= failure.detectedAt
      ) {
        found = fault;
        foundIndex = index;
      }
      index += 1;
    }
    if (found === undefined) {
      found = this.metrics.recordFailure({
        agentId: failure.agentId,
        threadId: this.runId,
        faultType: failure.faultType,
        runId: this.runId,
        // A hang began when the step began; anything else is seen when it happens.
        at: failure.faultType === 'timeout' ? failure.stepStartedAt : failure.detectedAt,
        error: this.options.describeUnexplained?.(failure) ?? describeError(failure.cause),
      });
      foundIndex = index;
    }
    this.answered.add(foundIndex);
    return found;
  }
}
