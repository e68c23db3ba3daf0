import type { RunTask } from '../types.js';

/** What a worker thread is started with (`workerData`). */
export interface WorkerInit {
  /** File URL of the user module to import first, if any. */
  readonly workerModule: string | undefined;
  /** Use the module's `workflowFactory` export for every run. */
  readonly useModuleWorkflowFactory: boolean;
  readonly hasInitialState: boolean;
  readonly initialState: unknown;
  /** Runs the worker keeps in flight at once (virtual-time runs interleave). */
  readonly interleave: number;
  /** Results sent in one message, at most (fewer when the worker runs out of work). */
  readonly resultBatch: number;
}

/** Main thread to worker. */
export type ToWorker = { readonly type: 'batch'; readonly tasks: readonly { readonly id: number; readonly task: RunTask }[] };

/** Worker to main thread. Results travel as JSON text: cheaper to send than an object graph. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'results'; readonly results: readonly { readonly id: number; readonly json: string }[] }
  | { readonly type: 'fatal'; readonly message: string };
