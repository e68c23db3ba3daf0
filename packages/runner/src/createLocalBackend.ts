import type { Scenario, ScenarioResult, WorkflowFactory } from '@chaos/scenarios';
import { describeError } from '@chaos/format';
import { executeRun, failedResult, resultToJson } from './_internals/executeRun.js';
import { holdProcessExit } from './_internals/exitGuard.js';
import { checkInteger, fail } from './_internals/validate.js';
import type { ExecutionBackend, RunTask } from './types.js';

/** Options of {@link createLocalBackend}. */
export interface LocalBackendOptions {
  /** Finds a scenario by name (the runner passes the campaign's scenarios). */
  readonly resolveScenario: (name: string) => Scenario;
  readonly workflowFactory?: WorkflowFactory | undefined;
  /** Passed to every run when the key is present (even as `undefined`). */
  readonly initialState?: unknown;
  /**
   * Runs in flight at once in this thread. Virtual-time runs interleave on one thread
   * with results identical to running them one by one.
   * @defaultValue `1`
   */
  readonly capacity?: number;
}

/**
 * An {@link ExecutionBackend} that runs tasks in this thread, up to `capacity` at once.
 * Results are returned in plain form (what JSON round-trips). Nothing to start or stop;
 * `close()` does nothing. While a run executes, `process.exit` called inside it throws
 * (the run fails with that reason) rather than ending the process.
 *
 * @throws `TypeError` / `RangeError` naming an invalid option
 * @example
 * ```ts
 * const backend = createLocalBackend({ resolveScenario: getScenario });
 * const result = await backend.run(task);
 * ```
 */
export function createLocalBackend(options: LocalBackendOptions): ExecutionBackend {
  if (typeof options?.resolveScenario !== 'function') fail('resolveScenario', options?.resolveScenario, 'a function');
  if (options.workflowFactory !== undefined && typeof options.workflowFactory !== 'function') {
    fail('workflowFactory', options.workflowFactory, 'a function returning a workflow');
  }
  const capacity = options.capacity === undefined ? 1 : checkInteger('capacity', options.capacity, 1, 1_000_000);
  const env = {
    workflowFactory: options.workflowFactory,
    initialState: options.initialState,
    hasInitialState: 'initialState' in options,
  };
  return {
    name: 'in-process',
    capacity,
    async run(task: RunTask) {
      let json: string;
      // A workflow calling process.exit would end the campaign silently: it fails its run instead.
      const release = holdProcessExit();
      try {
        json = resultToJson(task, await executeRun(task, options.resolveScenario(task.scenario), env));
      } catch (error: unknown) {
        json = resultToJson(task, failedResult(task, `the run could not start: ${describeError(error)}`));
      } finally {
        release();
      }
      return JSON.parse(json) as ScenarioResult;
    },
    close: () => Promise.resolve(),
  };
}
