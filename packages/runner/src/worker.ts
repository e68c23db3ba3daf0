/**
 * The worker-thread entry of `createWorkerPoolBackend`: imports the campaign's
 * `workerModule` (if any), then runs the tasks it is sent and posts the results back
 * as JSON text, several to a message. Not part of the public API.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '@chaos/format';
import { type CancellableSleep, cancellableSleep, realClock } from '@chaos/config';
import { getScenario, type Scenario } from '@chaos/scenarios';
import { executeRun, failedResult, resultToJson, type RunEnvironment } from './_internals/executeRun.js';
import { serializeResult } from './_internals/plain.js';
import { loadUserModule, scenarioNamed, type LoadedModule } from './_internals/workerModule.js';
import type { FromWorker, ToWorker, WorkerInit } from './_internals/workerProtocol.js';
import type { RunTask } from './types.js';

const port = parentPort;
const init = workerData as WorkerInit;
const post = (message: FromWorker): void => port?.postMessage(message);

/**
 * The longest a finished run's result waits in the worker for others to share its
 * message, so progress and the journal stay current when runs finish slowly.
 */
const MAX_HOLD_MS = 50;

// A stray rejected promise in a workflow must not take the whole worker (and every run
// in flight on it) down; the run it belongs to fails or times out on its own.
process.on('unhandledRejection', () => {});

async function start(): Promise<void> {
  if (port === null) throw new Error('@chaos/runner worker: not started as a worker thread');
  let loaded: LoadedModule | undefined;
  if (init.workerModule !== undefined) {
    try {
      loaded = await loadUserModule(init.workerModule);
    } catch (error: unknown) {
      post({ type: 'fatal', message: describeError(error) });
      return;
    }
  }
  const env: RunEnvironment = {
    workflowFactory: init.useModuleWorkflowFactory ? loaded?.workflowFactory : undefined,
    initialState: init.initialState,
    hasInitialState: init.hasInitialState,
  };
  const resolveScenario = (name: string): Scenario => scenarioNamed(name, loaded) ?? getScenario(name);

  const queue: { id: number; task: RunTask }[] = [];
  let head = 0;
  let active = 0;
  // Each message wakes the main thread; one per run costs more CPU than the run's own
  // bookkeeping there. Results are held until `resultBatch` of them are ready, the
  // worker has nothing left to run, or the first has waited MAX_HOLD_MS.
  const held: { id: number; json: string }[] = [];
  let holdTimer: CancellableSleep | undefined;
  const flush = (): void => {
    holdTimer?.cancel(undefined);
    holdTimer = undefined;
    if (held.length > 0) post({ type: 'results', results: held.splice(0) });
  };
  // A workflow that ends the thread (process.exit) must not take the finished runs'
  // results with it: they are sent on the way out, and only the runs still going fail.
  process.on('exit', flush);
  const runOne = async (id: number, task: RunTask): Promise<void> => {
    let json: string;
    try {
      json = resultToJson(task, await executeRun(task, resolveScenario(task.scenario), env));
    } catch (error: unknown) {
      json = serializeResult(failedResult(task, `the run could not start in the worker: ${describeError(error)}`));
    }
    held.push({ id, json });
    if (held.length >= init.resultBatch) flush();
    else if (holdTimer === undefined) {
      const timer = cancellableSleep(realClock, MAX_HOLD_MS);
      holdTimer = timer;
      timer.done.then(() => timer === holdTimer && flush(), () => {});
    }
  };
  const pump = (): void => {
    while (active < init.interleave && head < queue.length) {
      const next = queue[head++] as { id: number; task: RunTask };
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      }
      active += 1;
      void runOne(next.id, next.task).finally(() => {
        active -= 1;
        pump();
        if (active === 0) flush();
      });
    }
  };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'batch') {
      queue.push(...message.tasks);
      pump();
    }
  });
  post({ type: 'ready' });
}

void start();
