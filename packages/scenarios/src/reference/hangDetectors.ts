import { type CancellableSleep, cancellableSleep, type Clock } from '@chaos/config';
import type { StepControl } from './Supervisor.js';

/**
 * The watch over one supervised step: the control the step is given, and the verdict
 * that it hung.
 */
export interface HangWatch extends StepControl {
  /** Rejects once the step is judged hung; never resolves. */
  readonly hang: Promise<never>;
  /** True once `hang` has rejected. */
  readonly hung: boolean;
  /** Ends the watch and aborts the step's signal with `reason`; only the first call counts. */
  cancel(reason: unknown): void;
}

/** How a supervisor tells a hung step from a slow one. */
export interface HangDetector {
  /** Starts watching a step of `agentId`, which begins now. */
  watch(agentId: string): HangWatch;
}

/** The step passed its deadline; the supervisor gave up waiting. */
export class DeadlineExceededError extends Error {
  constructor(readonly agentId: string, readonly deadlineMs: number) {
    super(`${agentId} did not answer within ${deadlineMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * One step watched by its deadline. The signal (an `AbortController`, costly to make
 * and to abort) is made only when the step reads it, as a fault that waits does; most
 * steps never do. The getter is on the prototype: an object literal with its own getter
 * would get a hidden class of its own each time, which keeps the step's objects alive
 * until a full collection.
 */
class DeadlineWatch implements HangWatch {
  #controller: AbortController | undefined;
  #cancelled = false;
  #reason: unknown;
  hung = false;
  readonly hang: Promise<never>;

  constructor(private readonly deadline: CancellableSleep, agentId: string, deadlineMs: number) {
    this.hang = deadline.done.then(() => {
      this.hung = true;
      throw new DeadlineExceededError(agentId, deadlineMs);
    });
  }

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
 * A step that outlives `deadlineMs` on the clock is hung: one timer per step, cancelled
 * when the step settles.
 *
 * @example
 * ```ts
 * const supervisor = new Supervisor(clock, metrics, runId, { detector: deadlineDetector(clock, 10_000) });
 * ```
 */
export function deadlineDetector(clock: Clock, deadlineMs: number): HangDetector {
  return { watch: (agentId) => new DeadlineWatch(cancellableSleep(clock, deadlineMs), agentId, deadlineMs) };
}
