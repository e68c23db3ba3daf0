import { checkInteger, fail } from './_internals/validate.js';
import { WorkerPool } from './_internals/workerPool.js';
import { moduleHref } from './_internals/workerModule.js';
import type { WorkerInit } from './_internals/workerProtocol.js';
import type { ExecutionBackend } from './types.js';

/** Options of {@link createWorkerPoolBackend}. */
export interface WorkerPoolBackendOptions {
  /** Worker threads, an integer in [1, 1024]. */
  readonly size: number;
  /**
   * A module each worker imports before running anything: it exports (or registers)
   * the scenarios the campaign names that are not built in, and may export
   * `workflowFactory`. A path (relative to the working directory) or a file URL.
   */
  readonly workerModule?: string | URL | undefined;
  /**
   * Use the `workflowFactory` exported by `workerModule` for every run.
   * @defaultValue `false` (each scenario's own workflow)
   */
  readonly useModuleWorkflowFactory?: boolean;
  /** Given to every run when the key is present; must be structured-cloneable. */
  readonly initialState?: unknown;
  /**
   * Tasks handed to a worker in one message; each worker holds up to two batches.
   * Results come back up to as many to a message (a result waits at most 50 ms for
   * others to join it, and none waits once the worker has nothing left to run).
   * @defaultValue `8`
   */
  readonly batchSize?: number;
  /**
   * Runs a worker executes at once. Virtual-time runs interleave on one thread with
   * the same results as one by one, and sharing the event loop's turns makes them
   * faster; keep `1` for real-time runs to honour `concurrency`.
   * @defaultValue `8`
   */
  readonly interleave?: number;
  /**
   * Whether a worker is handed its next batch while it runs the current one, so it
   * never waits for work. Turn it off to hold exactly `size × batchSize` runs in
   * flight (real-time campaigns, where `concurrency` means runs at once).
   * @defaultValue `true`
   */
  readonly prefetch?: boolean;
  /** The worker script. @defaultValue `worker.js` next to this module (`dist/`) */
  readonly workerScript?: string | URL;
}

/**
 * An {@link ExecutionBackend} that runs tasks on a pool of `node:worker_threads`.
 * Workers start on the first task; tasks go out in batches (a worker gets its next
 * batch while it runs the current one), results come back as plain data. A worker
 * that dies fails the runs it held (with the reason) and is replaced; a worker that
 * cannot start (its `workerModule` does not load) rejects every task, which ends the
 * campaign. `close()` terminates every worker.
 *
 * Scenarios are resolved by name inside the worker: built-in ones, and those
 * `workerModule` exports or registers. Functions (scenario objects, workflow
 * factories) cannot be sent to a thread, which is why they come from that module.
 *
 * @throws `TypeError` / `RangeError` naming an invalid option
 * @example
 * ```ts
 * const backend = createWorkerPoolBackend({ size: 2 });
 * try { console.log(await backend.run(task)); } finally { await backend.close(); }
 * ```
 */
export function createWorkerPoolBackend(options: WorkerPoolBackendOptions): ExecutionBackend {
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object with `size`');
  const size = checkInteger('size', options.size, 1, 1024);
  const batchSize = options.batchSize === undefined ? 8 : checkInteger('batchSize', options.batchSize, 1, 10_000);
  const interleave = options.interleave === undefined ? 8 : checkInteger('interleave', options.interleave, 1, 10_000);
  if (options.workerModule !== undefined && typeof options.workerModule !== 'string' && !(options.workerModule instanceof URL)) {
    fail('workerModule', options.workerModule, 'a path or a file URL');
  }
  for (const flag of ['useModuleWorkflowFactory', 'prefetch'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') fail(flag, options[flag], 'a boolean');
  }
  const script = options.workerScript === undefined ? undefined : new URL(moduleHref(options.workerScript));
  const init: WorkerInit = {
    workerModule: options.workerModule === undefined ? undefined : moduleHref(options.workerModule),
    useModuleWorkflowFactory: options.useModuleWorkflowFactory === true,
    hasInitialState: 'initialState' in options,
    initialState: options.initialState,
    interleave,
    resultBatch: batchSize,
  };
  const perWorker = options.prefetch === false ? batchSize : batchSize * 2;
  return new WorkerPool({ size, batchSize, perWorker, script, init });
}
