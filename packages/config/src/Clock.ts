import { TimerHeap, type TimerEntry } from './_internals/TimerHeap.js';

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

function checkDuration(ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Expected \`ms\` to be a finite number >= 0, got \`${String(ms)}\``);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
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
  let now = startMs;
  let sequence = 0;
  let fired = 0;
  let holds = 0;
  let stepScheduled = false;
  let disposed = false;
  const heap = new TimerHeap();
  const rejecters = new Map<TimerEntry, (reason: unknown) => void>();

  // One sleeper wakes per macrotask: by the time `setImmediate` runs, the microtask
  // queue is empty, so whatever the previous wake set off has run to its next park.
  // Waking due timers in a synchronous loop would run them ahead of those callbacks.
  const step = (): void => {
    stepScheduled = false;
    if (disposed || holds > 0) return;
    const entry = heap.pop();
    if (entry === undefined) return;
    rejecters.delete(entry);
    if (entry.deadline > now) now = entry.deadline;
    fired += 1;
    entry.wake();
    schedule();
  };
  const schedule = (): void => {
    if (stepScheduled || disposed || holds > 0 || heap.size === 0) return;
    stepScheduled = true;
    setImmediate(step);
  };

  const clock: VirtualClock = {
    kind: 'virtual',
    now: () => now,
    get pendingTimers() {
      return heap.size;
    },
    get firedTimers() {
      return fired;
    },
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      checkDuration(ms);
      if (disposed) return Promise.reject(disposedError());
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<void>((resolve, reject) => {
        let entry: TimerEntry;
        const onAbort = (): void => {
          heap.remove(entry);
          rejecters.delete(entry);
          reject(abortReason(signal as AbortSignal));
        };
        entry = {
          deadline: now + ms,
          sequence: sequence++,
          index: -1,
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        heap.push(entry);
        rejecters.set(entry, (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        schedule();
      });
    },
    async hold<T>(work: PromiseLike<T>): Promise<T> {
      holds += 1;
      try {
        return await work;
      } finally {
        holds -= 1;
        schedule();
      }
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      const pending = [...rejecters.values()];
      rejecters.clear();
      while (heap.pop() !== undefined) {
        // drain
      }
      for (const reject of pending) reject(disposedError());
    },
    [Symbol.dispose](): void {
      clock.dispose();
    },
  };
  return clock;
}

function disposedError(): Error {
  const error = new Error('The virtual clock was disposed while this sleep was pending');
  error.name = 'ClockDisposedError';
  return error;
}
