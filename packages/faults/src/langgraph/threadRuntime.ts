import type { ChaosEvent, ChaosRuntime } from '@chaos/config';

const threads = new WeakMap<ChaosRuntime, Map<string, ChaosRuntime>>();

/**
 * The runtime of `runtime`'s run seen from one LangGraph thread: the same config,
 * clock, random streams, plan and detector, with `threadId` set and carried by every
 * fault event. Made once per (runtime, thread); weak, so a finished run is not kept.
 */
export function threadRuntime(runtime: ChaosRuntime, threadId: string): ChaosRuntime {
  if (runtime.threadId === threadId) return runtime;
  let byThread = threads.get(runtime);
  if (byThread === undefined) threads.set(runtime, (byThread = new Map()));
  let thread = byThread.get(threadId);
  if (thread === undefined) {
    const emit = runtime.emit;
    thread = Object.freeze({
      ...runtime,
      threadId,
      emit: (event: ChaosEvent): void => emit(event.kind === 'fault' ? ({ ...event, threadId } as ChaosEvent) : event),
    });
    byThread.set(threadId, thread);
  }
  return thread;
}

/** LangGraph's `thread_id` from a node's config, when it has one. */
export function threadIdOf(config: unknown): string | undefined {
  const id = (config as { configurable?: { thread_id?: unknown } } | null | undefined)?.configurable?.thread_id;
  return id === undefined || id === null ? undefined : String(id);
}
