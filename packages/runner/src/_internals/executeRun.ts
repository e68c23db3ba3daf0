import { describeError } from '@chaos/format';
import { cancellableSleep, createVirtualClock, realClock } from '@chaos/config';
import type { Scenario, ScenarioResult, ScenarioRunOptions, WorkflowFactory } from '@chaos/scenarios';
import type { RunTask } from '../types.js';
import { serializeResult } from './plain.js';

/** What a run needs besides its task: the campaign's workflow. */
export interface RunEnvironment {
  readonly workflowFactory: WorkflowFactory | undefined;
  /** Present (even as `undefined`) only when the campaign gave one. */
  readonly initialState?: unknown;
  readonly hasInitialState: boolean;
  /** A replacement plan and call counting, for replays of pinned faults (`chaos shrink`). */
  readonly runOptions?: Pick<ScenarioRunOptions, 'plan' | 'countCalls'>;
}

/** A failed run that produced no result of its own (it threw, hung, or its worker died). */
export function failedResult(task: RunTask, reason: string): ScenarioResult {
  return {
    scenario: task.scenario,
    runId: task.runId,
    seed: task.seed,
    success: false,
    recovered: false,
    taskCompleted: false,
    inconclusive: false,
    mttrSeconds: null,
    detectSeconds: null,
    checks: [],
    events: [],
    faults: [],
    recoveries: [],
    durationSeconds: 0,
    error: reason,
  };
}

function isResult(value: unknown): value is ScenarioResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['success'] === 'boolean' && typeof r['scenario'] === 'string' && Array.isArray(r['events']);
}

/** Why a run's watchdog is cancelled: one shared value, as a new one per run is costly. */
const RUN_SETTLED = Object.freeze(new Error('run settled'));

type Outcome =
  | { kind: 'done'; result: unknown }
  | { kind: 'threw'; error: unknown }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'stopped'; reason: unknown };

/**
 * Executes one run and returns its result (as the scenario made it). Never rejects: a run that
 * throws, returns something that is not a result, or outlives its real-time watchdog
 * is a failed result with the reason. A timed-out run is abandoned: its signal is
 * aborted and its virtual clock stopped, so it cannot keep the process busy. So is a
 * run whose `stop` signal aborts (an executor handing it back): its result says so.
 */
export async function executeRun(task: RunTask, scenario: Scenario, env: RunEnvironment, stop?: AbortSignal): Promise<ScenarioResult> {
  const abandon = new AbortController();
  // The run's own virtual clock (the same as a scenario would make), so the runner can
  // stop it if the run is abandoned.
  const clock = task.time === 'virtual' ? createVirtualClock() : undefined;
  const options: ScenarioRunOptions = {
    seed: task.seed,
    runId: task.runId,
    time: clock ?? 'real',
    signal: abandon.signal,
    accuracyThreshold: task.accuracyThreshold,
    ...(env.workflowFactory === undefined ? {} : { workflowFactory: env.workflowFactory }),
    ...(env.hasInitialState ? { initialState: env.initialState } : {}),
    ...(task.config === undefined ? {} : { config: task.config }),
    ...env.runOptions,
  };
  const racers: Promise<Outcome>[] = [
    Promise.resolve()
      .then(() => scenario.run(options))
      .then(
        (result): Outcome => ({ kind: 'done', result }),
        (error: unknown): Outcome => ({ kind: 'threw', error }),
      ),
  ];
  // The real-time watchdog, cancelled with a call when the run settles first (no
  // AbortController, and no `DOMException` made for a reason, per run).
  const watchdog = Number.isFinite(task.runTimeoutSeconds) ? cancellableSleep(realClock, task.runTimeoutSeconds * 1000) : undefined;
  if (watchdog !== undefined) {
    racers.push(
      watchdog.done.then(
        (): Outcome => ({ kind: 'timeout' }),
        (): Outcome => ({ kind: 'cancelled' }),
      ),
    );
  }
  let onStop: (() => void) | undefined;
  if (stop !== undefined) {
    racers.push(
      new Promise<Outcome>((resolve) => {
        onStop = () => resolve({ kind: 'stopped', reason: stop.reason });
        if (stop.aborted) onStop();
        else stop.addEventListener('abort', onStop, { once: true });
      }),
    );
  }
  let outcome: Outcome;
  try {
    outcome = await Promise.race(racers);
  } finally {
    watchdog?.cancel(RUN_SETTLED);
    if (onStop !== undefined) stop?.removeEventListener('abort', onStop);
  }
  switch (outcome.kind) {
    case 'done':
      clock?.dispose();
      if (!isResult(outcome.result)) {
        return failedResult(task, `the scenario's run() resolved to something that is not a ScenarioResult: ${String(outcome.result)}`);
      }
      return outcome.result;
    case 'threw':
      clock?.dispose();
      return failedResult(task, `the run threw ${describeError(outcome.error)}`);
    case 'stopped': {
      const reason = `the run was stopped before it finished: ${describeError(outcome.reason)}`;
      abandon.abort(new Error(reason));
      clock?.dispose();
      return failedResult(task, reason);
    }
    default: {
      const reason = `the run did not finish within runTimeoutSeconds = ${task.runTimeoutSeconds} s of real time and was abandoned`;
      abandon.abort(new Error(reason));
      clock?.dispose();
      return failedResult(task, reason);
    }
  }
}

/**
 * A result as JSON text, the form every result is kept in. A result JSON cannot hold
 * (a circular event detail) becomes a failed run saying so.
 */
export function resultToJson(task: RunTask, result: ScenarioResult): string {
  try {
    return serializeResult(result);
  } catch (error: unknown) {
    return serializeResult(failedResult(task, `the run's result cannot be recorded as JSON: ${describeError(error)}`));
  }
}
