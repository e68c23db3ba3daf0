import { type ChaosRuntime, cancellableSleep } from '@chaos/config';
import { NodeTimeoutError } from '@langchain/langgraph';

/**
 * Runs one node attempt with its `runTimeout` enforced on the scope's virtual clock.
 *
 * LangGraph times a node with real timers (`Date.now`, `setTimeout`). Under the virtual
 * clock an injected 30 s hang passes in no wall time, so that timer never fires; this
 * deadline does, at the virtual instant LangGraph's would: it aborts the attempt's
 * signal (an injected hang listens to it) and fails the attempt with LangGraph's own
 * `NodeTimeoutError`, which its `retryPolicy` handles as usual. Under the real clock
 * LangGraph's timer does the job and `attempt` runs as it is.
 */
export async function withVirtualDeadline<T>(
  runtime: ChaosRuntime,
  node: string,
  runTimeoutMs: number | undefined,
  config: Record<string, unknown> | undefined,
  attempt: (config: Record<string, unknown> | undefined) => Promise<T>,
): Promise<T> {
  if (runTimeoutMs === undefined || runtime.clock.kind !== 'virtual') return attempt(config);
  const controller = new AbortController();
  const outer = config?.['signal'] as AbortSignal | undefined;
  const signal = outer === undefined ? controller.signal : AbortSignal.any([outer, controller.signal]);
  const start = runtime.clock.now();
  const deadline = cancellableSleep(runtime.clock, runTimeoutMs);
  const expired = deadline.done.then(() => {
    const error = new NodeTimeoutError({ node, elapsed: runtime.clock.now() - start, kind: 'run', runTimeout: runTimeoutMs });
    controller.abort(error);
    throw error;
  });
  try {
    return await Promise.race([attempt({ ...config, signal }), expired]);
  } finally {
    deadline.cancel(new Error('node attempt settled'));
    expired.catch(() => undefined);
  }
}
