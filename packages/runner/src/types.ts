import type { ChaosConfig } from '@chaos/config';
import type { Interval, ResilienceMetrics } from '@chaos/metrics';
import type { Scenario, ScenarioResult, WorkflowFactory } from '@chaos/scenarios';

/**
 * Fault probabilities applied in every run of a campaign (a soak campaign). Chaos is
 * always enabled inside a scenario run, and probabilities default to 0 there, so
 * without this only the scenarios' fault plans make faults happen.
 */
export type SoakConfig = Partial<Omit<ChaosConfig, 'enabled' | 'randomSeed'>>;

/** How runs are timed: a discrete-event clock, or wall time. */
export type TimeMode = 'virtual' | 'real';

/** Where the runs of a campaign execute. */
export type BackendChoice = 'auto' | 'in-process' | 'worker-threads';

/**
 * One run of a campaign, as plain structured-cloneable data: enough for any executor
 * (this thread, a worker thread, a queue on Redis) to run it. A run is a pure
 * function of its task and the campaign's workflow.
 */
export interface RunTask {
  /**
   * The campaign's fingerprint: sha256 (hex) of everything that decides its results,
   * as in a journal's header. A shared executor (a queue) keeps campaigns apart with
   * it. `''` for a run replayed alone.
   */
  readonly campaign: string;
  /** The scenario's name (resolved by the executor). */
  readonly scenario: string;
  /** The scenario's position in the campaign. */
  readonly scenarioIndex: number;
  /** The run's index within its scenario, from 0. */
  readonly runIndex: number;
  /** The run seed: `deriveRunSeed(campaignSeed, scenario, runIndex)`. */
  readonly seed: string;
  /** `<scenario>#<runIndex>`. */
  readonly runId: string;
  readonly time: TimeMode;
  /** Soak probabilities, if any. */
  readonly config: SoakConfig | undefined;
  /** The real-time watchdog, seconds; `Infinity` for none. */
  readonly runTimeoutSeconds: number;
  /** The reconstruction accuracy a recovery needs for the run to count as recovered. */
  readonly accuracyThreshold: number;
}

/**
 * Executes runs. The runner hands it tasks (up to `capacity` at a time) and closes it
 * at the end. `run` should resolve with a failed `ScenarioResult` (`success: false`,
 * `error` set) when the run itself fails, and reject only when the backend cannot go
 * on (a worker that cannot start): a rejection ends the campaign.
 *
 * Results must be plain data (what `JSON.parse` gives), so they compare equal
 * whatever executed them.
 */
export interface ExecutionBackend {
  /** `'in-process'`, `'worker-threads'`, or a name of your own, reported in the summary. */
  readonly name: string;
  /** How many tasks the runner should keep in flight. @defaultValue the campaign's `concurrency` */
  readonly capacity?: number;
  run(task: RunTask): Promise<ScenarioResult>;
  /** Frees threads, sockets, … Idempotent. */
  close(): Promise<void>;
}

/** What `onProgress` receives after each finished run. */
export interface RunProgress {
  /** Runs finished, including those taken from the journal. */
  readonly done: number;
  /** Runs in the whole campaign. */
  readonly total: number;
  /** Runs taken from the journal rather than executed. */
  readonly resumed: number;
  readonly scenario: string;
  readonly runIndex: number;
  readonly result: ScenarioResult;
  /** Wall time since `runAll()` started, ms. */
  readonly elapsedMs: number;
  /**
   * Estimated wall time to the end, ms, from this session's pace since its first
   * finished run; `null` until at least two runs and 5 % of the session's runs have
   * finished (before that it would mostly measure start-up).
   */
  readonly etaMs: number | null;
}

/** The configuration of a campaign. Every option is validated when the runner is made. */
export interface RunnerConfig {
  /**
   * Runs of each scenario, an integer in [1, 10,000,000].
   * @defaultValue `10`
   */
  readonly runsPerScenario?: number;
  /**
   * Pause between two runs of one lane, seconds. Under real time it is slept (on the
   * real clock); under virtual time it costs no wall time and is added to the
   * simulated duration.
   * @defaultValue `0`
   */
  readonly delayBetweenRuns?: number;
  /**
   * The scenarios to run, by registered name or as objects, in the order given.
   * @defaultValue every registered scenario (`getScenarios()`)
   */
  readonly scenarios?: readonly (string | Scenario)[];
  /** The system under test. @defaultValue each scenario's own, else the reference e-commerce workflow */
  readonly workflowFactory?: WorkflowFactory;
  /** The state each run starts from. @defaultValue each scenario's own */
  readonly initialState?: unknown;
  /**
   * The campaign seed; each run's seed is derived from it (`deriveRunSeed`).
   * @defaultValue a fresh seed, reported in the summary
   */
  readonly seed?: string | number;
  /**
   * Runs in parallel: worker threads (see `backend`), an integer in [1, 1024].
   * @defaultValue `os.availableParallelism()`
   */
  readonly concurrency?: number;
  /** @defaultValue `'virtual'` */
  readonly time?: TimeMode;
  /**
   * A real-time watchdog per run, seconds (`Infinity` for none). A run past it is a
   * failed run and is abandoned (its signal aborted, its virtual clock stopped).
   * Under virtual time it catches runs that can never end (a promise that never
   * settles is invisible to a virtual clock).
   * @defaultValue `30` under virtual time, `600` under real time
   */
  readonly runTimeoutSeconds?: number;
  /**
   * A JSON-lines file recording each finished run; starting again with the same file
   * resumes the campaign. See the README for its semantics.
   */
  readonly journal?: string;
  /** Called after each finished run. An exception thrown here ends the campaign. */
  readonly onProgress?: (progress: RunProgress) => void;
  /**
   * Told what the runner repaired on its way, in a sentence: a torn last line removed
   * from the journal, a stale journal lock taken over.
   * @defaultValue `process.emitWarning` (code `CHAOS_NOTICE`)
   */
  readonly onNotice?: (message: string) => void;
  /** Fault probabilities applied in every run (soak campaigns). @defaultValue none */
  readonly config?: SoakConfig;
  /**
   * The reconstruction accuracy, in [0, 1], a recovery needs to be a correct recovery: a
   * run with a scored recovery below it is not recovered (`recoveryRate` follows), and
   * the summary's `correctRecoveryRate` counts the recoveries at or above it.
   * @defaultValue `0.9` (`DEFAULT_ACCURACY_THRESHOLD` of `@chaos/metrics`, whose README says why)
   */
  readonly accuracyThreshold?: number;
  /**
   * A module (path or file URL) that worker threads import: it registers or exports
   * your scenarios, and may export `workflowFactory`. Imported in this thread too.
   * Without it, user-defined scenarios and factories run in this thread (see README).
   */
  readonly workerModule?: string | URL;
  /**
   * Where runs execute. `'auto'`: worker threads when `concurrency > 1`, every
   * scenario and the workflow can be loaded in a worker, and the campaign is worth a
   * worker's start-up (real time, or at least 200 virtual-time runs); else runs
   * interleave in this thread. Or an {@link ExecutionBackend} of your own (not closed
   * by the runner).
   * @defaultValue `'auto'`
   */
  readonly backend?: BackendChoice | ExecutionBackend;
}

/** MTTR-A statistics of a group of runs, from `@chaos/metrics` (seconds). */
export interface MttrStats {
  /** Successful recoveries measured. */
  readonly samples: number;
  /** MTTR-A: the mean over runs of each run's mean Δt. */
  readonly mean: number | null;
  /** MedTTR-A. */
  readonly median: number | null;
  /** Sample standard deviation of Δt. */
  readonly std: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Seeded bootstrap 95 % interval of the mean (runs resampled within each scenario). */
  readonly ci95: Interval | null;
  /** Mean time to detect. */
  readonly detectMean: number | null;
  /** Mean stable time from a recovery to the next fault of its run. */
  readonly mtbf: number | null;
  /** 1 − MTTR-A / MTBF over the runs where MTBF is defined. */
  readonly nrr: number | null;
  /** 1 − MedTTR-A / MTBF over those runs (the MTTR-A paper's Table II). */
  readonly nrrMedian: number | null;
  /** MTBF / (MTBF + MTTR-A) over those runs, 0..1. */
  readonly uptime: number | null;
}

/** Recovery attempts of a group, their reconstruction accuracy and correct recovery, from `@chaos/metrics`. */
export interface RecoveryStats {
  /** Recovery attempts, successful or not. */
  readonly attempts: number;
  /** Successful / all attempts, %. */
  readonly successRate: number | null;
  /** Mean reconstruction accuracy of the scored attempts, 0..1. */
  readonly reconstructionAccuracy: number | null;
  /** Attempts whose accuracy was scored. */
  readonly scored: number;
  /** Successful attempts at or above the accuracy threshold. */
  readonly correct: number;
  /** `correct / scored`, %: correct recovery. */
  readonly correctRate: number | null;
  /** Wilson 95 % interval of `correctRate`, %. */
  readonly correctInterval: Interval | null;
}

/** The statistics of one scenario (or of the whole campaign). Rates are % 0..100. */
export interface ScenarioStats {
  readonly scenario: string;
  readonly runs: number;
  /** Runs whose steady state held. */
  readonly successes: number;
  /** Runs that failed: a check did not hold, the run threw or timed out. */
  readonly failures: number;
  /** Runs whose planned fault never fired. */
  readonly inconclusive: number;
  /** successes / runs, %. */
  readonly successRate: number | null;
  /** Wilson 95 % interval of `successRate`, %. */
  readonly successInterval: Interval | null;
  /** Runs where every fault that needed a recovery got one. */
  readonly recovered: number;
  /** recovered / runs, %. */
  readonly recoveryRate: number | null;
  /** Wilson 95 % interval of `recoveryRate`, %. */
  readonly recoveryInterval: Interval | null;
  /** Runs whose task completed / runs, %. */
  readonly taskCompletionRate: number | null;
  readonly mttr: MttrStats;
  /** Reconstruction accuracy and correct recovery of the scenario's recoveries. */
  readonly recoveries: RecoveryStats;
  /** Run indexes that failed or were inconclusive, for `chaos replay`. */
  readonly failedRunIndexes: readonly number[];
}

/** What `runAll()` resolves to. */
export interface RunnerSummary {
  /** The campaign seed: replay any run with it. */
  readonly seed: string;
  /** The reconstruction accuracy a recovery needed to be correct (and its run recovered). */
  readonly accuracyThreshold: number;
  readonly time: TimeMode;
  readonly runsPerScenario: number;
  readonly concurrency: number;
  /** The backend that executed the runs (`'in-process'`, `'worker-threads'`, …). */
  readonly backend: string;
  /** Why the runs did not go to worker threads, when `concurrency > 1`. */
  readonly backendNote: string | undefined;
  readonly totalRuns: number;
  readonly successfulRuns: number;
  readonly failedRuns: number;
  readonly inconclusiveRuns: number;
  /** Runs taken from the journal instead of executed. */
  readonly resumedRuns: number;
  /** % of all runs whose steady state held. */
  readonly successRate: number | null;
  readonly successInterval: Interval | null;
  /** % of all runs that recovered from every fault needing a recovery. */
  readonly recoveryRate: number | null;
  readonly recoveryInterval: Interval | null;
  /** MTTR-A over the whole campaign, seconds (`metrics.getSummary().mttrAvg`). */
  readonly averageMttrSeconds: number | null;
  /** MTTR-A statistics of the whole campaign (its interval resamples runs within each scenario). */
  readonly mttr: MttrStats;
  /** Reconstruction accuracy and correct recovery over the whole campaign. */
  readonly recoveries: RecoveryStats;
  /** True when every run held its steady state (none failed, none inconclusive). */
  readonly allHeld: boolean;
  /** Per scenario, in campaign order. */
  readonly scenarios: readonly ScenarioStats[];
  /** Every run's result, by scenario (campaign order), then run index. */
  readonly results: readonly ScenarioResult[];
  /** Every run's faults, recoveries and outcome, ready for `@chaos/export`. */
  readonly metrics: ResilienceMetrics;
  /** Wall time of `runAll()`, seconds. */
  readonly wallSeconds: number;
  /** Simulated time: every run's duration plus the delays between runs, seconds. */
  readonly simulatedSeconds: number;
  /** The journal file, when there was one. */
  readonly journal: string | undefined;
  /** The fault settings applied to every run (`RunnerConfig.config`), `null` for none. */
  readonly config: SoakConfig | null;
  /** The real-time watchdog of each run, seconds (`Infinity` for none). */
  readonly runTimeoutSeconds: number;
  /** `RunnerConfig.workerModule` as given (a path, or a URL's text), if any. */
  readonly workerModule: string | undefined;
}
