import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScenarioResult } from '@chaos/scenarios';
import { failedResult } from './_internals/executeRun.js';
import { workerScriptPath } from './_internals/moduleLocation.js';
import { checkInteger, fail } from './_internals/validate.js';
import { moduleHref } from './_internals/workerModule.js';
import type { FromWorker, ToWorker, WorkerInit } from './_internals/workerProtocol.js';
import type { ExecutionBackend, RunTask } from './types.js';

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

interface Pending {
  readonly id: number;
  readonly task: RunTask;
  readonly resolve: (result: ScenarioResult) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly inFlight: Map<number, Pending>;
  ready: boolean;
  lastError: unknown;
}

/**
 * An {@link ExecutionBackend} that runs tasks on a pool of `node:worker_threads`.
 * Workers start on the first task; tasks go out in batches (a worker gets its next
 * batch while it runs the current one), results come back as plain data. A worker that dies fails the runs it held (with the reason) and is
 * replaced; a worker that cannot start (its `workerModule` does not load) rejects
 * every task, which ends the campaign. `close()` terminates every worker.
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

  const slots = new Set<Slot>();
  const queue: Pending[] = [];
  let queueHead = 0;
  let nextId = 0;
  let closed = false;
  let broken: Error | undefined;
  const terminating: Promise<number>[] = [];

  const failAll = (error: Error): void => {
    if (broken !== undefined) return;
    broken = error;
    for (const pending of queue.splice(0)) pending.reject(error);
    queueHead = 0;
    for (const slot of slots) {
      for (const pending of slot.inFlight.values()) pending.reject(error);
      slot.inFlight.clear();
      terminating.push(slot.worker.terminate());
    }
    slots.clear();
  };

  const spawn = (): void => {
    const worker = new Worker(script ?? pathToFileURL(workerScriptPath()), { workerData: init });
    const slot: Slot = { worker, inFlight: new Map(), ready: false, lastError: undefined };
    slots.add(slot);
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          slot.ready = true;
          pump();
          break;
        case 'results':
          for (const { id, json } of message.results) {
            const pending = slot.inFlight.get(id);
            if (pending === undefined) continue;
            slot.inFlight.delete(id);
            pending.resolve(JSON.parse(json) as ScenarioResult);
          }
          pump();
          break;
        case 'fatal':
          failAll(new Error(`A worker thread could not start: ${message.message}`));
          break;
      }
    });
    worker.on('error', (error: unknown) => {
      slot.lastError = error;
    });
    worker.on('exit', (code: number) => {
      slots.delete(slot);
      if (closed || broken !== undefined) return;
      const why = slot.lastError instanceof Error ? `${slot.lastError.name}: ${slot.lastError.message}` : `exit code ${code}`;
      if (!slot.ready) {
        failAll(new Error(`A worker thread could not start (${why})`));
        return;
      }
      for (const pending of slot.inFlight.values()) {
        pending.resolve(
          failedResult(pending.task, `the worker thread running it stopped (${why}); every run it held at that moment is failed with it`),
        );
      }
      slot.inFlight.clear();
      pump();
    });
  };

  const pump = (): void => {
    if (closed || broken !== undefined) return;
    if (queueHead < queue.length && slots.size < size) {
      while (slots.size < size) spawn();
    }
    for (const slot of slots) {
      if (!slot.ready) continue;
      for (;;) {
        const waiting = queue.length - queueHead;
        const room = perWorker - slot.inFlight.size;
        // Hand out full batches; at the end of the queue, whatever is left.
        const count = Math.min(room, waiting, batchSize);
        if (count <= 0 || (count < batchSize && waiting >= batchSize)) break;
        const tasks: { id: number; task: RunTask }[] = [];
        for (let i = 0; i < count; i++) {
          const pending = queue[queueHead++] as Pending;
          slot.inFlight.set(pending.id, pending);
          tasks.push({ id: pending.id, task: pending.task });
        }
        if (queueHead === queue.length) {
          queue.length = 0;
          queueHead = 0;
        }
        const message: ToWorker = { type: 'batch', tasks };
        slot.worker.postMessage(message);
      }
    }
  };

  return {
    name: 'worker-threads',
    capacity: size * perWorker,
    run(task: RunTask): Promise<ScenarioResult> {
      if (broken !== undefined) return Promise.reject(broken);
      if (closed) return Promise.reject(new Error('The worker pool is closed'));
      return new Promise<ScenarioResult>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        try {
          pump();
        } catch (error: unknown) {
          failAll(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const error = new Error('The worker pool was closed');
      for (const pending of queue.splice(0)) pending.reject(error);
      queueHead = 0;
      const workers = [...slots].map((slot) => {
        for (const pending of slot.inFlight.values()) pending.reject(error);
        slot.inFlight.clear();
        return slot.worker.terminate();
      });
      slots.clear();
      await Promise.all([...workers, ...terminating]);
    },
  };
}
