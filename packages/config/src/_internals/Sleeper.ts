import { abortReason } from './sleep.js';
import type { TimerEntry, TimerHeap } from './TimerHeap.js';

const ONCE = /* @__PURE__ */ Object.freeze({ once: true });

function noop(): void {}

/**
 * One parked sleep of a virtual clock: its heap entry, its promise's settlers and its
 * abort listener (if it has a signal) in one object.
 */
export class Sleeper implements TimerEntry {
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
    if (signal !== undefined) signal.addEventListener('abort', this.onAbort, ONCE);
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

/** What a sleep on a disposed virtual clock rejects with. */
export function disposedError(): Error {
  const error = new Error('The virtual clock was disposed while this sleep was pending');
  error.name = 'ClockDisposedError';
  return error;
}
