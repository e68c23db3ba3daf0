import { type CancellableSleep, cancellableSleep, type Clock } from '@chaos/config';
import { isAgentTimeoutError, isMessageCorruptionError } from '@chaos/faults';
import type { FaultRecord, RecoveryAttempt, ResilienceMetrics } from '@chaos/metrics';
import type { StepControl } from './agents.js';

/** Why a settled step's watchers are cancelled; one shared value, as a stack trace per step is costly. */
const STEP_SETTLED = Object.freeze(new Error('step settled'));

const ONCE = Object.freeze({ once: true });

/** A supervised step failed: what failed, how, and when it was seen. */
export class StepFailure extends Error {
  constructor(
    readonly agentId: string,
    readonly faultType: 'crash' | 'timeout' | 'corruption',
    /** When the failed step started, ms on the clock. */
    readonly stepStartedAt: number,
    /** When the supervisor saw the failure, ms on the clock. */
    readonly detectedAt: number,
    cause: unknown,
  ) {
    super(`${agentId} failed (${faultType}): ${describe(cause)}`, { cause });
    this.name = 'StepFailure';
  }
}

/** The step passed its deadline; the supervisor gave up waiting. */
export class DeadlineExceededError extends Error {
  constructor(readonly agentId: string, readonly deadlineMs: number) {
    super(`${agentId} did not answer within ${deadlineMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * One supervised step's cancellation: its deadline, and the signal the step is given.
 * The signal (an `AbortController`, costly to make and to abort) is made only when the
 * step reads it, as a fault that waits does; most steps never do. The getter is on the
 * prototype: an object literal with its own getter would get a hidden class of its
 * own each time, which keeps the step's objects alive until a full collection.
 */
class WatchedStep implements StepControl {
  #controller: AbortController | undefined;
  #cancelled = false;
  #reason: unknown;

  constructor(readonly deadline: CancellableSleep) {}

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#cancelled) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Ends the deadline (first) and aborts the step's signal, with `reason`; once. */
  cancel(reason: unknown): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#reason = reason;
    this.deadline.cancel(reason);
    this.#controller?.abort(reason);
  }
}

/**
 * Watches agent steps: a step that throws is a crash, a step that outlives its deadline
 * on the clock is a hang. It measures every recovery it drives, with the time the
 * fault struck taken from the recorded fault, never invented.
 */
export class Supervisor {
  /** Faults already answered by a recovery, so each gets exactly one. */
  private readonly answered = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly metrics: ResilienceMetrics,
    private readonly runId: string,
    readonly deadlineMs: number,
  ) {}

  /**
   * Runs `step` with a deadline. Resolves with its value, or rejects with a
   * {@link StepFailure} saying what went wrong and when it was seen.
   */
  async watch<T>(agentId: string, step: (control: StepControl) => Promise<T>, outer?: AbortSignal): Promise<T> {
    const stepStartedAt = this.clock.now();
    const control = new WatchedStep(cancellableSleep(this.clock, this.deadlineMs));
    const onOuterAbort = (): void => control.cancel(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, ONCE);
    let timedOut = false;
    const deadline = control.deadline.done.then(() => {
      timedOut = true;
      throw new DeadlineExceededError(agentId, this.deadlineMs);
    });
    const work = step(control);
    // Whichever loses the race must not surface as an unhandled rejection.
    deadline.catch(() => undefined);
    work.catch(() => undefined);
    try {
      return await Promise.race([work, deadline]);
    } catch (error: unknown) {
      if (outer?.aborted) throw error;
      const faultType = timedOut || isAgentTimeoutError(error) ? 'timeout' : isMessageCorruptionError(error) ? 'corruption' : 'crash';
      throw new StepFailure(agentId, faultType, stepStartedAt, this.clock.now(), error);
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
      // Cancels the losing deadline (or the hung step) so no timer outlives the step.
      control.cancel(STEP_SETTLED);
    }
  }

  /**
   * Measures the recovery from `failure`: `repair` restarts and rebuilds the agent. The
   * fault time is that of the fault recorded for the agent since the failed step began;
   * a failure nothing recorded (a real bug, a false alarm) is recorded now as observed.
   */
  async recover<T>(failure: StepFailure, repair: (event: RecoveryAttempt) => Promise<T>): Promise<T> {
    const fault = this.faultBehind(failure);
    return this.metrics.measureRecovery(failure.agentId, this.runId, failure.faultType, repair, {
      faultAt: fault.at,
      detectedAt: failure.detectedAt,
      runId: this.runId,
    });
  }

  private faultBehind(failure: StepFailure): FaultRecord {
    let found: FaultRecord | undefined;
    let index = 0;
    let foundKey = '';
    for (const fault of this.metrics.iterateFaults()) {
      const key = `${index++}`;
      if (fault.runId !== this.runId || fault.agentId !== failure.agentId || this.answered.has(key)) continue;
      if (fault.at >= failure.stepStartedAt && fault.at <= failure.detectedAt) {
        found = fault;
        foundKey = key;
      }
    }
    if (found === undefined) {
      found = this.metrics.recordFailure({
        agentId: failure.agentId,
        threadId: this.runId,
        faultType: failure.faultType,
        runId: this.runId,
        // A hang began when the step began; anything else is seen when it happens.
        at: failure.faultType === 'timeout' ? failure.stepStartedAt : failure.detectedAt,
        error: describe(failure.cause),
      });
      foundKey = `${index}`;
    }
    this.answered.add(foundKey);
    return found;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
