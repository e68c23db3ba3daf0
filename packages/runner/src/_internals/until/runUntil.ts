/**
 * `chaos run --until EXPR --max-runs N`: a campaign that adds runs in fixed batches
 * until an objective on its figures holds (an interval narrow enough), or N runs per
 * scenario are done. Run i of a scenario has the same seed whatever the campaign's
 * size, so a campaign of k batches is the first k batches of any longer one: each
 * batch only adds runs, and the results are those of a fixed campaign of that size.
 */
import type { ScenarioResult } from '@chaos/scenarios';
import { ChaosRunner, type RunAllOptions } from '../../ChaosRunner.js';
import { createLocalBackend } from '../../createLocalBackend.js';
import type { ExecutionBackend, RunnerConfig, RunnerSummary, RunTask } from '../../types.js';
import { checkObjectiveScenarios, type Objective, type ObjectiveReading, readObjective } from '../objectives.js';
import { finalScenarios, resolveConfig } from '../resolveConfig.js';
import { loadUserModule } from '../workerModule.js';

/** When to stop adding batches. */
export interface UntilRule {
  readonly objective: Objective;
  /** Most runs per scenario. */
  readonly maxRuns: number;
}

/** What a campaign run `--until` did. */
export interface UntilOutcome {
  readonly summary: RunnerSummary;
  /** The objective held after the last batch. */
  readonly met: boolean;
  /** Runs per scenario in each batch. */
  readonly batch: number;
  readonly batches: number;
  /** The objective's reading after each batch, in order. */
  readonly readings: readonly ObjectiveReading[];
}

/** Reads an objective in a campaign's summary (its scenario's group when it names one). */
export function readInSummary(objective: Objective, summary: RunnerSummary): ObjectiveReading {
  return readObjective(objective, summary, (name) => summary.scenarios.find((s) => s.scenario === name));
}

/** A backend that runs each task once and gives its result again to later, larger campaigns. */
function reusingBackend(inner: ExecutionBackend): ExecutionBackend {
  const done = new Map<string, Promise<ScenarioResult>>();
  return {
    name: inner.name,
    ...(inner.capacity === undefined ? {} : { capacity: inner.capacity }),
    run(task: RunTask) {
      const key = `${task.scenario}\u0000${task.runIndex}`;
      let result = done.get(key);
      if (result === undefined) {
        result = inner.run(task);
        done.set(key, result);
      }
      return result;
    },
    close: () => inner.close(),
  };
}

/** Options of {@link runInBatches}. */
export interface BatchOptions extends RunAllOptions {
  /** Most runs per scenario. */
  readonly maxRuns: number;
  /** Says, after each batch, whether to stop. */
  readonly stop: (summary: RunnerSummary) => boolean;
  /**
   * Runs per scenario after the next batch, from the runs so far: fixed batches by
   * default; a sweep doubles, so a probe looks at its interval a few times only.
   * @defaultValue `runs + config.runsPerScenario`
   */
  readonly next?: (runs: number) => number;
}

/**
 * Runs `config`'s campaign in batches of `config.runsPerScenario` runs per scenario until
 * `options.stop` says so or `options.maxRuns` runs per scenario are done; each batch only
 * adds runs (run i keeps its seed). The runs execute in this thread, interleaved
 * `concurrency` at a time (virtual-time runs take microseconds; no journal, as each batch
 * makes a larger campaign).
 *
 * @returns the last batch's summary (every run so far), and how many batches ran
 */
export async function runInBatches(config: RunnerConfig, options: BatchOptions): Promise<{ summary: RunnerSummary; batches: number; stopped: boolean }> {
  const resolved = resolveConfig(config);
  const batch = resolved.runsPerScenario;
  const loaded = resolved.workerModule === undefined ? undefined : await loadUserModule(resolved.workerModule);
  const scenarios = finalScenarios(resolved.entries, loaded);
  const byName = new Map(scenarios.map((s) => [s.name, s]));
  const owned = typeof config.backend !== 'object';
  const backend = reusingBackend(
    typeof config.backend === 'object'
      ? config.backend
      : createLocalBackend({
          resolveScenario: (name) => byName.get(name) as (typeof scenarios)[number],
          workflowFactory: resolved.workflowFactory,
          ...(resolved.hasInitialState ? { initialState: resolved.initialState } : {}),
          capacity: resolved.concurrency,
        }),
  );
  const runAll: RunAllOptions = options.signal === undefined ? {} : { signal: options.signal };
  try {
    const next = options.next ?? ((runs: number) => runs + batch);
    for (let runs = batch, batches = 1; ; runs = next(runs), batches += 1) {
      const summary = await new ChaosRunner({ ...config, seed: resolved.seed, runsPerScenario: Math.min(runs, options.maxRuns), backend }).runAll(runAll);
      const stopped = options.stop(summary);
      if (stopped || runs >= options.maxRuns) return { summary, batches, stopped };
    }
  } finally {
    if (owned) await backend.close();
  }
}

/**
 * Runs `config`'s campaign in batches of `config.runsPerScenario` runs per scenario until
 * `rule.objective` holds or `rule.maxRuns` runs per scenario are done (see
 * {@link runInBatches}).
 *
 * @throws `RangeError` when the objective names a scenario the campaign does not run
 */
export async function runUntil(config: RunnerConfig, rule: UntilRule, options: RunAllOptions = {}): Promise<UntilOutcome> {
  const resolved = resolveConfig(config);
  const loaded = resolved.workerModule === undefined ? undefined : await loadUserModule(resolved.workerModule);
  checkObjectiveScenarios([rule.objective], finalScenarios(resolved.entries, loaded).map((s) => s.name));
  const readings: ObjectiveReading[] = [];
  const stop = (summary: RunnerSummary): boolean => {
    const reading = readInSummary(rule.objective, summary);
    readings.push(reading);
    return reading.holds === true;
  };
  const { summary, stopped } = await runInBatches({ ...config, seed: resolved.seed }, { ...options, maxRuns: rule.maxRuns, stop });
  return { summary, met: stopped, batch: resolved.runsPerScenario, batches: readings.length, readings };
}
