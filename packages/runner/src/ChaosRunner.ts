import { realClock } from '@chaos/config';
import type { Scenario, ScenarioResult } from '@chaos/scenarios';
import { createLocalBackend } from './createLocalBackend.js';
import { createWorkerPoolBackend } from './createWorkerPoolBackend.js';
import { campaignRunId, deriveRunSeed } from './deriveRunSeed.js';
import { hashOfValue, Journal, runKey, type CampaignIdentity } from './_internals/journal.js';
import { fingerprintOf } from './_internals/journalFormat.js';
import { runnerVersion } from './_internals/moduleLocation.js';
import { finalScenarios, resolveConfig, whyNotPortable, type ResolvedConfig } from './_internals/resolveConfig.js';
import { estimateRemainingMs } from './_internals/eta.js';
import { summarize } from './_internals/summarize.js';
import { loadUserModule, type LoadedModule } from './_internals/workerModule.js';
import type { ExecutionBackend, RunnerConfig, RunnerSummary, RunTask } from './types.js';

/** Virtual-time campaigns smaller than this run in this thread under `backend: 'auto'`. */
const MIN_RUNS_FOR_WORKERS = 200;

/** Options of {@link ChaosRunner.runAll}. */
export interface RunAllOptions {
  /**
   * Stops the campaign: no new run starts, worker threads are terminated, and
   * `runAll` rejects with `signal.reason`. Runs already journaled stay journaled.
   */
  readonly signal?: AbortSignal;
}

/**
 * Runs campaigns: every scenario `runsPerScenario` times, each run seeded from the
 * campaign seed, in parallel, resumable from a journal, summarised with MTTR-A
 * statistics and success and recovery rates with their intervals.
 *
 * The same campaign seed gives the same results whatever `concurrency` or backend.
 *
 * @example
 * ```ts
 * const summary = await new ChaosRunner({ runsPerScenario: 100, seed: 'thesis-ch4' }).runAll();
 * console.log(summary.successRate, summary.averageMttrSeconds);
 * await quickExport(summary.metrics, { outputDir: 'results' });
 * ```
 */
export class ChaosRunner {
  readonly #config: ResolvedConfig;

  /**
   * @param config - see {@link RunnerConfig}; every option is checked here
   * @throws `TypeError` / `RangeError` naming the option, the value and what is allowed
   * (an unknown scenario name lists the known ones)
   */
  constructor(config: RunnerConfig = {}) {
    this.#config = resolveConfig(config);
  }

  /** The campaign seed (given, or fresh and reported here and in the summary). */
  get seed(): string {
    return this.#config.seed;
  }

  /** The names of the campaign's scenarios, in campaign order. */
  get scenarios(): readonly string[] {
    return this.#config.entries.map((entry) => ('scenario' in entry ? entry.scenario.name : entry.name));
  }

  /**
   * Runs the campaign.
   *
   * @returns the summary, with every result in scenario order then run index
   * @throws {@link JournalError} when the journal belongs to another configuration or
   * is damaged; `Error` when `workerModule` does not load or a worker cannot start;
   * whatever `onProgress` throws; `signal.reason` when aborted
   */
  async runAll(options: RunAllOptions = {}): Promise<RunnerSummary> {
    const config = this.#config;
    const signal = options.signal;
    signal?.throwIfAborted();
    const startedAt = realClock.now();
    const loaded = config.workerModule === undefined ? undefined : await loadUserModule(config.workerModule);
    const scenarios = finalScenarios(config.entries, loaded);
    const names = scenarios.map((s) => s.name);
    const byName = new Map(scenarios.map((s) => [s.name, s]));
    const total = names.length * config.runsPerScenario;

    const identity = identityOf(config, names);
    const campaign = fingerprintOf(identity);
    const journal = config.journal === undefined ? undefined : Journal.open(config.journal, identity, config.onNotice);
    try {
      const { results, pending, resumed } = planRuns(config, names, campaign, journal);
      const { backend, note, owned } = chooseBackend(config, scenarios, loaded, pending.length, byName);
      const record = recorder(config, results, journal, { resumed, total, pending: pending.length, startedAt });

      try {
        await runLanes(pending, backend, owned, config, signal, record);
      } finally {
        if (owned) await backend.close();
      }

      return summarize({
        seed: config.seed,
        accuracyThreshold: config.accuracyThreshold,
        time: config.time,
        runsPerScenario: config.runsPerScenario,
        concurrency: config.concurrency,
        backend: backend.name,
        backendNote: note,
        delayBetweenRuns: config.delayBetweenRuns,
        journal: journal?.path,
        resumedRuns: resumed,
        config: config.config,
        runTimeoutSeconds: config.runTimeoutSeconds,
        workerModule: config.workerModule,
        wallSeconds: (realClock.now() - startedAt) / 1000,
        scenarios: names.map((name, i) => ({ name, results: results[i] as ScenarioResult[] })),
      });
    } finally {
      journal?.close();
    }
  }
}

/** What a journal records about the campaign: everything that decides its results. */
function identityOf(config: ResolvedConfig, names: readonly string[]): CampaignIdentity {
  return {
    seed: config.seed,
    scenarios: [...names],
    runsPerScenario: config.runsPerScenario,
    time: config.time,
    config: config.config ?? null,
    initialState: config.hasInitialState ? hashOfValue(config.initialState) : null,
    workflowFactory: config.workflowFactory === undefined ? null : config.workflowFactory.name || '(anonymous)',
    accuracyThreshold: config.accuracyThreshold,
    version: runnerVersion(),
  };
}

/** The results array of a campaign, with the journal's runs in place, and the tasks still to run. */
function planRuns(
  config: ResolvedConfig,
  names: readonly string[],
  campaign: string,
  journal: Journal | undefined,
): { results: ScenarioResult[][]; pending: RunTask[]; resumed: number } {
  const results: ScenarioResult[][] = names.map(() => new Array<ScenarioResult>(config.runsPerScenario));
  const pending: RunTask[] = [];
  let resumed = 0;
  names.forEach((name, scenarioIndex) => {
    for (let runIndex = 0; runIndex < config.runsPerScenario; runIndex++) {
      const fromJournal = journal?.completed.get(runKey(name, runIndex));
      if (fromJournal !== undefined) {
        (results[scenarioIndex] as ScenarioResult[])[runIndex] = fromJournal;
        resumed += 1;
        continue;
      }
      pending.push({
        campaign,
        scenario: name,
        scenarioIndex,
        runIndex,
        seed: deriveRunSeed(config.seed, name, runIndex),
        runId: campaignRunId(name, runIndex),
        time: config.time,
        config: config.config,
        runTimeoutSeconds: config.runTimeoutSeconds,
        accuracyThreshold: config.accuracyThreshold,
      });
    }
  });
  return { results, pending, resumed };
}

/** Where a finished run goes: its place in `results`, the journal, and `onProgress` with an ETA. */
function recorder(
  config: ResolvedConfig,
  results: ScenarioResult[][],
  journal: Journal | undefined,
  campaign: { resumed: number; total: number; pending: number; startedAt: number },
): (task: RunTask, result: ScenarioResult) => void {
  const { resumed, total, pending, startedAt } = campaign;
  let done = resumed;
  let executed = 0;
  let firstAt = 0;
  return (task, result) => {
    (results[task.scenarioIndex] as ScenarioResult[])[task.runIndex] = result;
    journal?.append(task.scenario, task.runIndex, result);
    done += 1;
    executed += 1;
    if (config.onProgress !== undefined) {
      const now = realClock.now();
      if (executed === 1) firstAt = now;
      const elapsedMs = now - startedAt;
      config.onProgress({
        done,
        total,
        resumed,
        scenario: task.scenario,
        runIndex: task.runIndex,
        result,
        elapsedMs,
        etaMs: estimateRemainingMs(executed, pending, now - firstAt, total - done),
      });
    }
  };
}

function chooseBackend(
  config: ResolvedConfig,
  scenarios: readonly Scenario[],
  loaded: LoadedModule | undefined,
  pendingRuns: number,
  byName: ReadonlyMap<string, Scenario>,
): { backend: ExecutionBackend; note: string | undefined; owned: boolean } {
  if (typeof config.backend === 'object') return { backend: config.backend, note: undefined, owned: false };
  const local = (capacity: number, note: string | undefined) => ({
    backend: createLocalBackend({
      resolveScenario: (name) => byName.get(name) as Scenario,
      workflowFactory: config.workflowFactory,
      ...(config.hasInitialState ? { initialState: config.initialState } : {}),
      capacity,
    }),
    note,
    owned: true,
  });
  if (config.backend === 'in-process' || (config.backend === 'auto' && config.concurrency === 1)) return local(config.concurrency, undefined);
  const reason = whyNotPortable(scenarios, config, loaded);
  if (reason !== undefined) {
    if (config.backend === 'worker-threads') {
      throw new TypeError(`Cannot run this campaign on worker threads (\`backend: 'worker-threads'\`): ${reason}`);
    }
    return local(config.concurrency, `runs interleaved in this thread: ${reason}`);
  }
  if (config.backend === 'auto' && config.time === 'virtual' && pendingRuns < MIN_RUNS_FOR_WORKERS) {
    return local(config.concurrency, `runs interleaved in this thread: ${pendingRuns} virtual-time runs take less than starting worker threads`);
  }
  const real = config.time === 'real';
  return {
    backend: createWorkerPoolBackend({
      size: Math.max(1, Math.min(config.concurrency, pendingRuns)),
      workerModule: loaded?.href,
      useModuleWorkflowFactory: config.workflowFactory !== undefined,
      ...(config.hasInitialState ? { initialState: config.initialState } : {}),
      // Real time: `concurrency` runs at once, one per worker. Virtual time: batches,
      // several runs interleaved per worker, the next batch already waiting.
      batchSize: real ? 1 : 8,
      interleave: real ? 1 : 8,
      prefetch: !real,
    }),
    note: undefined,
    owned: true,
  };
}

/**
 * Runs the tasks through the backend with `capacity` lanes. Each lane takes the next
 * task, awaits its result, records it and, under real time, sleeps `delayBetweenRuns`.
 * The first error (a backend that cannot go on, `onProgress` throwing, the signal)
 * stops every lane.
 */
async function runLanes(
  tasks: readonly RunTask[],
  backend: ExecutionBackend,
  owned: boolean,
  config: ResolvedConfig,
  signal: AbortSignal | undefined,
  record: (task: RunTask, result: ScenarioResult) => void,
): Promise<void> {
  if (tasks.length === 0) return;
  const halt = new AbortController();
  const onAbort = (): void => {
    halt.abort(signal?.reason);
    // Our own backend is closed at once (worker threads end, their runs with them); a
    // backend the caller gave us only stops receiving tasks.
    if (owned) void backend.close();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const lanes = Math.max(1, Math.min(tasks.length, backend.capacity ?? config.concurrency));
  const delayMs = config.time === 'real' ? config.delayBetweenRuns * 1000 : 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!halt.signal.aborted && next < tasks.length) {
      const task = tasks[next++] as RunTask;
      const result = await backend.run(task);
      if (halt.signal.aborted) return;
      record(task, result);
      if (delayMs > 0 && next < tasks.length) await realClock.sleep(delayMs, halt.signal);
    }
  };
  const running = Array.from({ length: lanes }, lane);
  // An abort ends the campaign at once: runs still in flight are abandoned (their
  // results are never recorded), not awaited.
  const aborted =
    signal === undefined
      ? undefined
      : new Promise<never>((_resolve, reject) => {
          if (signal.aborted) reject(signal.reason);
          else halt.signal.addEventListener('abort', () => signal.aborted && reject(signal.reason), { once: true });
        });
  aborted?.catch(() => undefined);
  const all = Promise.all(running);
  // Awaited below; when an abort wins the race, a later rejection is not unhandled.
  all.catch(() => undefined);
  try {
    await (aborted === undefined ? all : Promise.race([all, aborted]));
  } catch (error: unknown) {
    if (!halt.signal.aborted) halt.abort(error);
    if (signal?.aborted === true) throw signal.reason;
    await Promise.allSettled(running);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted === true) throw signal.reason;
}
