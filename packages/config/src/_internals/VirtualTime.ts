import { Sleeper, disposedError } from './Sleeper.js';
import { TimerHeap } from './TimerHeap.js';

/**
 * The engine of a virtual clock: the time, the parked sleepers in deadline order, and
 * the stepping that wakes them one at a time once nothing else can run.
 */
export class VirtualTime {
  now: number;
  /** Sleepers woken so far. */
  fired = 0;
  disposed = false;
  readonly heap = new TimerHeap();
  private sequence = 0;
  private holds = 0;
  private stepScheduled = false;

  constructor(startMs: number) {
    this.now = startMs;
  }

  // One sleeper wakes per macrotask: by the time `setImmediate` runs, the microtask
  // queue is empty, so whatever the previous wake set off has run to its next park.
  // Waking due timers in a synchronous loop would run them ahead of those callbacks.
  private readonly step = (): void => {
    this.stepScheduled = false;
    if (this.disposed || this.holds > 0) return;
    const entry = this.heap.pop() as Sleeper | undefined;
    if (entry === undefined) return;
    if (entry.deadline > this.now) this.now = entry.deadline;
    this.fired += 1;
    entry.settle(undefined, false);
    this.schedule();
  };

  private schedule(): void {
    if (this.stepScheduled || this.disposed || this.holds > 0 || this.heap.size === 0) return;
    this.stepScheduled = true;
    setImmediate(this.step);
  }

  /** Parks a new sleeper (`ms` already checked, the clock not disposed). */
  park(ms: number, signal: AbortSignal | undefined): Sleeper {
    const entry = new Sleeper(this.now + ms, this.sequence++, signal, this.heap);
    this.heap.push(entry);
    this.schedule();
    return entry;
  }

  /** Holds time still until `work` settles. */
  async hold<T>(work: PromiseLike<T>): Promise<T> {
    this.holds += 1;
    try {
      return await work;
    } finally {
      this.holds -= 1;
      this.schedule();
    }
  }

  /** Stops time: every parked sleeper is rejected, in the order the sleeps were made. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const pending: Sleeper[] = [];
    for (let entry = this.heap.pop(); entry !== undefined; entry = this.heap.pop()) pending.push(entry as Sleeper);
    pending.sort((a, b) => a.sequence - b.sequence);
    for (const entry of pending) entry.settle(disposedError(), true);
  }
}
