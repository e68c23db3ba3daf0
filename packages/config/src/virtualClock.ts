import { type CancellableSleep, type Clock, type WithCancellableSleep, kCancellableSleep } from './Clock.js';
import { disposedError } from './_internals/Sleeper.js';
import { VirtualTime } from './_internals/VirtualTime.js';
import { abortReason, checkDuration } from './_internals/sleep.js';

/** A clock whose time moves only when every caller is parked on it. */
export interface VirtualClock extends Clock {
  readonly kind: 'virtual';
  /** Sleepers parked right now. */
  readonly pendingTimers: number;
  /** Sleepers woken so far. */
  readonly firedTimers: number;
  /**
   * Holds time still until `work` settles. Time otherwise advances as soon as no
   * callback is runnable, which does not wait for real I/O (a file write, a socket):
   * pass such work here so the simulated time it takes is zero, not arbitrary.
   */
  hold<T>(work: PromiseLike<T>): Promise<T>;
  /**
   * Stops the clock: every parked sleeper is rejected with a `ClockDisposedError`-named
   * error and no further time passes. Idempotent; also `[Symbol.dispose]`.
   */
  dispose(): void;
  [Symbol.dispose](): void;
}

/** Options of {@link createVirtualClock}. */
export interface VirtualClockOptions {
  /**
   * The time `now()` starts at, in milliseconds.
   * @defaultValue `0`
   */
  readonly startMs?: number;
}

const kTime = Symbol('time');

// `pendingTimers` and `firedTimers` are own getters as ever, but the same two
// functions for every clock: getters written in the clock's object literal would be new
// functions each time and give every clock (one a run) a hidden class of its own,
// which keeps the run's objects alive until a full collection.
const COUNTER_GETTERS = {
  pendingTimers: {
    get(this: { [kTime]: VirtualTime }): number {
      return this[kTime].heap.size;
    },
    enumerable: true,
    configurable: true,
  },
  firedTimers: {
    get(this: { [kTime]: VirtualTime }): number {
      return this[kTime].fired;
    },
    enumerable: true,
    configurable: true,
  },
} satisfies Record<string, PropertyDescriptor>;

/**
 * A discrete-event clock. `sleep` parks the caller in a timer heap; once nothing else
 * can run (every pending promise callback has run), time jumps to the earliest
 * deadline and that one sleeper wakes. A 30-second sleep takes microseconds of wall
 * time, and the order of events is the order real timers would give: deadlines in
 * order, equal deadlines in the order the sleeps were made, and everything a woken
 * sleeper sets off runs before the next one wakes.
 *
 * @example
 * ```ts
 * const clock = createVirtualClock();
 * await clock.sleep(30_000); // returns at once
 * clock.now(); // 30000
 * ```
 */
export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  const startMs = options.startMs ?? 0;
  if (typeof startMs !== 'number' || !Number.isFinite(startMs)) {
    throw new RangeError(`Expected \`startMs\` to be a finite number, got \`${String(startMs)}\``);
  }
  const time = new VirtualTime(startMs);
  const head = { [kTime]: time, kind: 'virtual' as const, now: () => time.now };
  Object.defineProperty(head, 'pendingTimers', COUNTER_GETTERS.pendingTimers);
  Object.defineProperty(head, 'firedTimers', COUNTER_GETTERS.firedTimers);
  const clock: VirtualClock & WithCancellableSleep = Object.assign(head as typeof head & Pick<VirtualClock, 'pendingTimers' | 'firedTimers'>, {
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      checkDuration(ms);
      if (time.disposed) return Promise.reject(disposedError());
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return time.park(ms, signal).promise;
    },
    [kCancellableSleep](ms: number): CancellableSleep {
      checkDuration(ms);
      if (time.disposed) return { done: Promise.reject(disposedError()), cancel: () => undefined };
      const entry = time.park(ms, undefined);
      return { done: entry.promise, cancel: (reason: unknown) => entry.cancel(reason) };
    },
    hold: <T>(work: PromiseLike<T>): Promise<T> => time.hold(work),
    dispose: (): void => time.dispose(),
    [Symbol.dispose](): void {
      time.dispose();
    },
  });
  return clock;
}
