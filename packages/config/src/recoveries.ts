import type { ChaosEventSink } from './events.js';
import type { ChaosRuntime } from './scope.js';

/**
 * Automatic recovery detection, as the injectors see it. `@chaos/metrics` implements
 * it (`ResilienceMetrics#detectRecoveries()`); this package only carries it on the
 * runtime, so injectors and metrics need not import each other and a runtime without
 * one pays a single property read per call.
 *
 * After a fault fires at a target in a run (thread), the next successful call at that
 * target in the same run closes it as a recovery.
 */
export interface RecoveryDetector {
  /**
   * Faults fired and not yet closed, over every run the detector watches. While it is
   * 0, a call has nothing to close and is not observed: injectors check it first.
   */
  readonly open: number;
  /**
   * Decides whether a call of the injected function `self` at `target` goes through
   * {@link RecoveryDetector.observe}: returns the detector when a fault is open at the
   * target, `undefined` otherwise, or when the detector is re-entering `self` from
   * `observe` to run its body (that mark is cleared, so calls `self` makes in turn are
   * watched again).
   */
  enter(self: unknown, target: string): RecoveryDetector | undefined;
  /** Whether a fault is open at `target` in any run (integrations that settle calls themselves ask). */
  watches(target: string): boolean;
  /**
   * Runs `fn` (an injected function, which {@link RecoveryDetector.enter} lets through)
   * as one call at `target` and watches how it ends: an error surfaces the target's
   * open faults, a success closes those fired before the call began.
   *
   * @returns what `fn` returns (a promise is chained, never awaited here)
   */
  observe(runtime: ChaosRuntime, target: string, fn: unknown, thisArg: unknown, args: ArrayLike<unknown>): unknown;
  /**
   * Starts watching one call at `target` whose end the caller reports (a stream, a
   * graph node): `succeed()` or `fail()`, once.
   */
  begin(runtime: ChaosRuntime, target: string): CallWatch;
  /** The sink a runtime emits to: notes each fault event, then hands it to `next`. */
  watch(next: ChaosEventSink): ChaosEventSink;
}

/** One watched call, settled by whoever sees it end. */
export interface CallWatch {
  succeed(): void;
  fail(): void;
}
