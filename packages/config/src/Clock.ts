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

/** How the built-in clocks make a {@link CancellableSleep} without an `AbortController`. */
const kCancellableSleep = Symbol('cancellableSleep');

interface WithCancellableSleep {
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
  [kCancellableSleep]: realCancellableSleep,
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

  // One sleeper wakes per macrotask: by the time `setImmediate` runs, the microtask
  // queue is empty, so whatever the previous wake set off has run to its next park.
  // Waking due timers in a synchronous loop would run them ahead of those callbacks.
  const step = (): void => {
    stepScheduled = false;
    if (disposed || holds > 0) return;
    const entry = heap.pop() as Sleeper | undefined;
    if (entry === undefined) return;
    if (entry.deadline > now) now = entry.deadline;
    fired += 1;
    entry.settle(undefined, false);
    schedule();
  };
  const schedule = (): void => {
    if (stepScheduled || disposed || holds > 0 || heap.size === 0) return;
    stepScheduled = true;
    setImmediate(step);
  };
  /** Parks a new sleeper (`ms` already checked, the clock not disposed). */
  const park = (ms: number, signal: AbortSignal | undefined): Sleeper => {
    const entry = new Sleeper(now + ms, sequence++, signal, heap);
    heap.push(entry);
    if (signal !== undefined) signal.addEventListener('abort', entry.onAbort, ONCE);
    schedule();
    return entry;
  };

  // `pendingTimers` and `firedTimers` are own getters as ever, but the same two
  // functions for every clock: getters written in this object literal would be new
  // functions each time and give every clock (one a run) a hidden class of its own,
  // which keeps the run's objects alive until a full collection.
  const head = { [kCounters]: { heap, fired: () => fired } as ClockCounters, kind: 'virtual' as const, now: () => now };
  Object.defineProperty(head, 'pendingTimers', COUNTER_GETTERS.pendingTimers);
  Object.defineProperty(head, 'firedTimers', COUNTER_GETTERS.firedTimers);
  const clock: VirtualClock & WithCancellableSleep = Object.assign(head as typeof head & Pick<VirtualClock, 'pendingTimers' | 'firedTimers'>, {
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      checkDuration(ms);
      if (disposed) return Promise.reject(disposedError());
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return park(ms, signal).promise;
    },
    [kCancellableSleep](ms: number): CancellableSleep {
      checkDuration(ms);
      if (disposed) return { done: Promise.reject(disposedError()), cancel: () => undefined };
      const entry = park(ms, undefined);
      return { done: entry.promise, cancel: (reason: unknown) => entry.cancel(reason) };
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
      const pending: Sleeper[] = [];
      for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) pending.push(entry as Sleeper);
      // Rejected in the order the sleeps were made.
      pending.sort((a, b) => a.sequence - b.sequence);
      for (const entry of pending) entry.settle(disposedError(), true);
    },
    [Symbol.dispose](): void {
      clock.dispose();
    },
  });
  return clock;
}

const kCounters = Symbol('counters');

interface ClockCounters {
  readonly heap: TimerHeap;
  readonly fired: () => number;
}

const COUNTER_GETTERS = {
  pendingTimers: {
    get(this: { [kCounters]: ClockCounters }): number {
      return this[kCounters].heap.size;
    },
    enumerable: true,
    configurable: true,
  },
  firedTimers: {
    get(this: { [kCounters]: ClockCounters }): number {
      return this[kCounters].fired();
    },
    enumerable: true,
    configurable: true,
  },
} satisfies Record<string, PropertyDescriptor>;

const ONCE = Object.freeze({ once: true });

/**
 * One parked sleep of a virtual clock: its heap entry, its promise's settlers and its
 * abort listener (if it has a signal) in one object.
 */
class Sleeper implements TimerEntry {
  index = -1;
  readonly promise: Promise<void>;
  private resolve!: () => void;
  private reject!: (reason: unknown) => void;
  /** Removes this sleeper from the heap and rejects with the signal's reason. */
  readonly onAbort: () => void;

  constructor(
    readonly deadline: number,
    readonly sequence: number,
    private readonly signal: AbortSignal | undefined,
    private readonly heap: TimerHeap,
  ) {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.onAbort = signal === undefined ? noop : () => this.cancel(abortReason(signal));
  }

  /** Leaves the heap (if still in it) and rejects with `reason`; nothing once settled. */
  cancel(reason: unknown): void {
    if (!this.heap.remove(this)) return;
    this.settle(reason, true);
  }

  /** Settles the promise of a sleeper already out of the heap, removing its listener. */
  settle(reason: unknown, rejected: boolean): void {
    if (this.signal !== undefined) this.signal.removeEventListener('abort', this.onAbort);
    if (rejected) this.reject(reason);
    else this.resolve();
  }
}

function noop(): void {}

function disposedError(): Error {
  const error = new Error('The virtual clock was disposed while this sleep was pending');
  error.name = 'ClockDisposedError';
  return error;
}
