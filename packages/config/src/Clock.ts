import { abortReason, checkDuration } from './_internals/sleep.js';

/**
 * The time source every fault, supervisor and metric reads. Inject it; never read
 * `Date.now()` or call `setTimeout` in code that should run under virtual time.
 */
export interface Clock {
  /** `'real'` for wall time, `'virtual'` for a simulated clock. */
  readonly kind: 'real' | 'virtual';
  /** Milliseconds since the clock's epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds on this clock. Rejects with `signal.reason` as
   * soon as `signal` aborts (at once if it already has).
   *
   * @throws `RangeError` when `ms` is negative or not a finite number
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * A sleep its owner cancels with a call instead of an `AbortSignal`, from
 * {@link cancellableSleep}.
 */
export interface CancellableSleep {
  /** Resolves when the time has passed; rejects with the reason given to `cancel`. */
  readonly done: Promise<void>;
  /**
   * Ends the sleep at once: its timer is removed and `done` rejects with `reason`.
   * Does nothing once `done` has settled.
   */
  cancel(reason: unknown): void;
}

/**
 * How the virtual clock makes a {@link CancellableSleep} without an `AbortController`
 * (exported for the virtual clock's module, not from the package); the real clock's is
 * {@link cancellableSleep}'s own.
 */
export const kCancellableSleep = Symbol('cancellableSleep');

export interface WithCancellableSleep {
  [kCancellableSleep](ms: number): CancellableSleep;
}


/**
 * Sleeps `ms` on `clock` until done or cancelled: the same timer as
 * `clock.sleep(ms, signal)` with a signal only its owner aborts, but without creating
 * an `AbortController` (costly on a hot path, such as one deadline per supervised
 * step) when `clock` is one of this package's clocks. Other clocks get exactly that
 * `clock.sleep(ms, signal)`.
 *
 * @throws `RangeError` when `ms` is negative or not a finite number
 * @example
 * ```ts
 * const deadline = cancellableSleep(clock, 10_000);
 * try { return await Promise.race([work, deadline.done.then(() => { throw new Error('late'); })]); }
 * finally { deadline.cancel(new Error('settled')); }
 * ```
 */
export function cancellableSleep(clock: Clock, ms: number): CancellableSleep {
  // The real clock's own is chosen here, not carried by the clock, so the bundle of an
  // agent author who never calls this does not hold it.
  if (clock === realClock) return realCancellableSleep(ms);
  const own = (clock as Partial<WithCancellableSleep>)[kCancellableSleep];
  if (typeof own === 'function') return own.call(clock, ms);
  const controller = new AbortController();
  return { done: clock.sleep(ms, controller.signal), cancel: (reason) => controller.abort(reason) };
}

function realCancellableSleep(ms: number): CancellableSleep {
  checkDuration(ms);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rejectDone: ((reason: unknown) => void) | undefined;
  const done = new Promise<void>((resolve, reject) => {
    rejectDone = reject;
    timer = setTimeout(() => {
      timer = undefined;
      resolve();
    }, ms);
  });
  return {
    done,
    cancel(reason: unknown): void {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      rejectDone?.(reason);
    },
  };
}

/**
 * Wall-clock time: `performance.now()`-based (monotonic) and `setTimeout` sleeps.
 * Used outside campaigns and for `time: 'real'` runs.
 */
export const realClock: Clock = Object.freeze({
  kind: 'real' as const,
  now(): number {
    return performance.now();
  },
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    checkDuration(ms);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
});
