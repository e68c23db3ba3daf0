import {
  type CallWatch,
  type ChaosEvent,
  type ChaosEventSink,
  type ChaosRuntime,
  type FaultEvent,
  type RecoveryDetector,
  type Tags,
  isFaultEvent,
} from '@chaos/config';
import type { RecordIdentity, RecoveryRecord } from '../types.js';
import { threadOfFaultEvent } from './validateRecords.js';

/**
 * Fault kinds that only slow a call down. Such a fault is an outage only when its call
 * fails; a success at the target drops it without a recovery (a slow agent that still
 * answers needs none: no false positive).
 */
const LATENCY_KINDS: ReadonlySet<string> = new Set(['delay', 'model.slowFirstToken', 'model.slowTokens', 'tool.slow']);

/** Fault kinds whose injected error is thrown as the fault fires: detected at once. */
const THROWN_AT_ONCE: ReadonlySet<string> = new Set(['crash']);

/** A fault the detector is watching, until a success closes it or its run ends. */
interface WatchedFault {
  /** Order of arrival: a call closes only the faults fired before it began. */
  readonly seq: number;
  readonly fault: string;
  readonly at: number;
  readonly runId: string;
  readonly threadId: string;
  readonly target: string;
  readonly scenario: string | undefined;
  readonly tags: Tags | undefined;
  /** When a call at the target failed after the fault fired: t_detected. */
  surfacedAt: number | undefined;
  /** When an injected hang ends by itself (`details.timeoutSeconds`), if the fault is one. */
  readonly hangEndsAt: number | undefined;
  /** A latency fault not (yet) surfaced: dropped by a success. */
  latent: boolean;
}

/** A recovery the detector saw, for the store to record (or to leave to an explicit one). */
export type DetectedRecovery = RecordIdentity & Pick<RecoveryRecord, 'faultAt' | 'detectedAt' | 'recoveredAt' | 'success' | 'error' | 'tags'>;

/** Receives each recovery detected, with the runtime whose call (or end) closed it. */
export type DetectedRecoverySink = (recovery: DetectedRecovery, runtime: ChaosRuntime) => void;

/**
 * When a fault was detected: when it surfaced (its error thrown), else when its hang was
 * abandoned, else `latest` (the recovering call's start, or the run's end), never before
 * the fault.
 */
function detectedAt(fault: WatchedFault, latest: number): number {
  return fault.surfacedAt ?? Math.max(fault.at, Math.min(fault.hangEndsAt ?? Infinity, latest));
}

function runOf(runId: string | undefined): string {
  return runId ?? 'default';
}

function keyOf(runId: string, threadId: string, target: string): string {
  return `${runId}\u0000${threadId}\u0000${target}`;
}

/**
 * The automatic recovery detector of a metrics store: watches the faults its runtimes
 * emit and the calls of the injectors, and reports a recovery when a target that
 * faulted in a run (thread) completes a call again, or a failed recovery when the run
 * ends first. Costs one counter read per call while no fault is open.
 */
export class AutomaticRecoveries implements RecoveryDetector {
  open = 0;
  /** The injected function `observe` is re-entering now (see `enter`). */
  #current: unknown = undefined;
  #seq = 0;
  readonly #byKey = new Map<string, WatchedFault[]>();
  /** Open faults per target, over every run and thread: the injectors' quick check. */
  readonly #byTarget = new Map<string, number>();
  readonly #report: DetectedRecoverySink;

  constructor(report: DetectedRecoverySink) {
    this.#report = report;
  }

  watch(next: ChaosEventSink): ChaosEventSink {
    return (event: ChaosEvent): void => {
      if (isFaultEvent(event)) this.#note(event);
      next(event);
    };
  }

  #note(event: FaultEvent): void {
    const runId = runOf(event.runId);
    const threadId = threadOfFaultEvent(event);
    const key = keyOf(runId, threadId, event.target);
    const fault: WatchedFault = {
      seq: this.#seq++,
      fault: event.fault,
      at: event.at,
      runId,
      threadId,
      target: event.target,
      scenario: event.scenario,
      tags: event.tags,
      surfacedAt: THROWN_AT_ONCE.has(event.fault) ? event.at : undefined,
      hangEndsAt: typeof event.details?.['timeoutSeconds'] === 'number' ? event.at + event.details['timeoutSeconds'] * 1000 : undefined,
      latent: LATENCY_KINDS.has(event.fault),
    };
    const list = this.#byKey.get(key);
    if (list === undefined) this.#byKey.set(key, [fault]);
    else list.push(fault);
    this.open++;
    this.#byTarget.set(event.target, (this.#byTarget.get(event.target) ?? 0) + 1);
  }

  enter(self: unknown, target: string): RecoveryDetector | undefined {
    if (this.#current === self) {
      this.#current = undefined;
      return undefined;
    }
    return this.#byTarget.has(target) ? this : undefined;
  }

  watches(target: string): boolean {
    return this.#byTarget.has(target);
  }

  /** The fault is no longer watched (recovered, dropped, or its run ended). */
  #release(fault: WatchedFault): void {
    this.open--;
    const left = (this.#byTarget.get(fault.target) ?? 1) - 1;
    if (left === 0) this.#byTarget.delete(fault.target);
    else this.#byTarget.set(fault.target, left);
  }

  observe(runtime: ChaosRuntime, target: string, fn: unknown, thisArg: unknown, args: ArrayLike<unknown>): unknown {
    const ticket = this.#seq;
    const start = this.open === 0 ? undefined : runtime.clock.now();
    this.#current = fn;
    let result: unknown;
    try {
      result = Reflect.apply(fn as (...a: unknown[]) => unknown, thisArg, args);
    } catch (error: unknown) {
      this.#current = undefined;
      this.#failed(runtime, target);
      throw error;
    }
    this.#current = undefined;
    if (this.open === 0) return result;
    if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
      return (result as PromiseLike<unknown>).then(
        (value) => {
          this.#succeeded(runtime, target, ticket, start);
          return value;
        },
        (error: unknown) => {
          this.#failed(runtime, target);
          throw error;
        },
      );
    }
    this.#succeeded(runtime, target, ticket, start);
    return result;
  }

  begin(runtime: ChaosRuntime, target: string): CallWatch {
    const ticket = this.#seq;
    const start = this.open === 0 ? undefined : runtime.clock.now();
    let settled = false;
    return {
      succeed: () => {
        if (settled) return;
        settled = true;
        this.#succeeded(runtime, target, ticket, start);
      },
      fail: () => {
        if (settled) return;
        settled = true;
        this.#failed(runtime, target);
      },
    };
  }

  #listOf(runtime: ChaosRuntime, target: string): WatchedFault[] | undefined {
    if (this.open === 0) return undefined;
    const runId = runOf(runtime.runId);
    return this.#byKey.get(keyOf(runId, runtime.threadId ?? runId, target));
  }

  /** A call at the target failed: its open faults surface now (t_detected). */
  #failed(runtime: ChaosRuntime, target: string): void {
    const list = this.#listOf(runtime, target);
    if (list === undefined) return;
    const now = runtime.clock.now();
    for (const fault of list) {
      if (fault.surfacedAt === undefined) fault.surfacedAt = now;
      fault.latent = false;
    }
  }

  /**
   * A call at the target completed: each fault fired before it began is recovered;
   * latency faults that never surfaced are dropped. A fault never surfaced is taken as
   * detected when its injected hang ended by itself, or else (a hang abandoned earlier, a
   * corrupted message, a wrong answer) when the call that recovered began: the caller
   * had given up on it by then.
   */
  #succeeded(runtime: ChaosRuntime, target: string, ticket: number, start: number | undefined): void {
    const list = this.#listOf(runtime, target);
    if (list === undefined) return;
    const now = runtime.clock.now();
    const kept: WatchedFault[] = [];
    const closed: WatchedFault[] = [];
    for (const fault of list) {
      if (fault.latent) this.#release(fault);
      else if (fault.seq < ticket) closed.push(fault);
      else kept.push(fault);
    }
    this.#replace(list, kept);
    for (const fault of closed) {
      this.#release(fault);
      this.#report(this.#recoveryOf(fault, detectedAt(fault, Math.min(start ?? fault.at, now)), now, true, undefined), runtime);
    }
  }

  #replace(list: WatchedFault[], kept: WatchedFault[]): void {
    if (kept.length === list.length) return;
    const first = list[0];
    list.length = 0;
    list.push(...kept);
    if (kept.length === 0 && first !== undefined) this.#byKey.delete(keyOf(first.runId, first.threadId, first.target));
  }

  /**
   * Ends a run: every fault of it still open becomes a failed recovery at the clock's
   * time (latency faults that never surfaced are dropped).
   *
   * @returns the failed recoveries reported
   */
  endRun(runtime: ChaosRuntime): number {
    const runId = runOf(runtime.runId);
    const now = runtime.clock.now();
    let failed = 0;
    for (const [key, list] of [...this.#byKey]) {
      if (list[0]?.runId !== runId) continue;
      this.#byKey.delete(key);
      for (const fault of list) {
        this.#release(fault);
        if (fault.latent) continue;
        failed++;
        const error = `no successful call at "${fault.target}" after the fault before the run ended`;
        this.#report(this.#recoveryOf(fault, detectedAt(fault, now), now, false, error), runtime);
      }
    }
    return failed;
  }

  #recoveryOf(fault: WatchedFault, detectedAt: number, recoveredAt: number, success: boolean, error: string | undefined): DetectedRecovery {
    return {
      agentId: fault.target,
      threadId: fault.threadId,
      faultType: fault.fault,
      runId: fault.runId,
      scenario: fault.scenario,
      faultAt: fault.at,
      detectedAt,
      recoveredAt: Math.max(recoveredAt, detectedAt),
      success,
      error,
      tags: fault.tags,
    };
  }
}
