import type { CallWatch, ChaosRuntime } from '@chaos/config';

/**
 * The watch of one model or tool call for automatic recovery detection, or undefined
 * when no detector runs or nothing is open and no fault fired on this call (then no
 * call can close or surface anything).
 */
export function watchCall(runtime: ChaosRuntime, target: string, faulted: boolean): CallWatch | undefined {
  const detector = runtime.recoveries;
  if (detector === undefined || (!faulted && (detector.open === 0 || !detector.watches(target)))) return undefined;
  return detector.begin(runtime, target);
}

/** Settles `watch` with the outcome of `result`; returns a promise of the same value. */
export function settleWith<T>(watch: CallWatch | undefined, run: () => PromiseLike<T>): PromiseLike<T> {
  if (watch === undefined) return run();
  let result: PromiseLike<T>;
  try {
    result = run();
  } catch (error: unknown) {
    watch.fail();
    throw error;
  }
  return Promise.resolve(result).then(
    (value) => {
      watch.succeed();
      return value;
    },
    (error: unknown) => {
      watch.fail();
      throw error;
    },
  );
}

/**
 * A streamed call ends when its stream does: it succeeds when the stream finishes with
 * no `error` part, and fails on an error part or an error of the stream itself.
 */
export function settleStreamWith<Result extends { readonly stream: ReadableStream<unknown> }>(
  watch: CallWatch | undefined,
  run: () => PromiseLike<Result>,
): PromiseLike<Result> {
  if (watch === undefined) return run();
  let failed = false;
  const fail = (): void => {
    failed = true;
    watch.fail();
  };
  const watching = new TransformStream<unknown, unknown>({
    transform(part, controller) {
      if (!failed && (part as { type?: unknown } | null)?.type === 'error') fail();
      controller.enqueue(part);
    },
    flush() {
      if (!failed) watch.succeed();
    },
  });
  return run().then(
    (result) => ({ ...result, stream: result.stream.pipeThrough(watching) }),
    (error: unknown) => {
      fail();
      throw error;
    },
  );
}
