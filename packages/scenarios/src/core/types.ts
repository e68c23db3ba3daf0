import type { ChaosConfig, ChaosEvent, Clock, FaultRule, FaultRuleStatus, RandomSource } from '@chaos/config';
import type { FaultRecord, RecoveryRecord, ResilienceMetrics } from '@chaos/metrics';

/**
 * What a workflow gets for one run. A workflow is the system under test: the agents,
 * their supervisor and their recovery machinery.
 */
export interface WorkflowContext<State = unknown> {
  /** The state the run starts from (a catalogue to upload, a task to do…). */
  readonly initialState: State;
  readonly runId: string;
  readonly seed: string;
  /** The run's clock: wait on it (deadlines, back-off), never on real timers. */
  readonly clock: Clock;
  /** The run's random stream, for anything the workflow itself decides by chance. */
  readonly random: RandomSource;
  /**
   * Where the workflow measures its recoveries (`measureRecovery` / `beginRecovery`),
   * with `threadId` = `runId`. Faults injected by `@chaos/faults` are already recorded
   * here as they fire.
   */
  readonly metrics: ResilienceMetrics;
  /** Aborted when the run is abandoned (its watchdog fired): stop and return. */
  readonly signal: AbortSignal;
}

/** What a workflow reports at the end of a run. */
export interface WorkflowOutcome<Output = unknown> {
  /** The task the workflow exists for was done (catalogue uploaded, campaign produced). */
  readonly taskCompleted: boolean;
  /** What the steady-state checks inspect. */
  readonly output: Output;
}

/** The system under test. */
export interface Workflow<State = unknown, Output = unknown> {
  run(context: WorkflowContext<State>): Promise<WorkflowOutcome<Output>>;
}

/** Makes a fresh workflow for each run, so runs share nothing. */
export type WorkflowFactory<State = unknown, Output = unknown> = () => Workflow<State, Output>;

/** Everything a steady-state check may look at once a run has ended. */
export interface RunObservation<State = unknown, Output = unknown> {
  readonly scenario: string;
  readonly runId: string;
  readonly seed: string;
  readonly initialState: State;
  /** Undefined when the workflow threw. */
  readonly outcome: WorkflowOutcome<Output> | undefined;
  readonly error: unknown;
  readonly events: readonly ChaosEvent[];
  readonly faults: readonly FaultRecord[];
  readonly recoveries: readonly RecoveryRecord[];
  readonly plan: readonly FaultRuleStatus[];
}

/** The verdict of one steady-state check. */
export interface CheckVerdict {
  readonly name: string;
  readonly passed: boolean;
  /** Why it passed or failed, in words a reader of a report understands. */
  readonly detail: string;
}

/** One condition that must hold after recovery ("no item lost or duplicated"). */
export interface SteadyStateCheck<State = unknown, Output = unknown> {
  readonly name: string;
  readonly description?: string;
  check(observation: RunObservation<State, Output>): { readonly passed: boolean; readonly detail: string };
}

/** The result of one scenario run. Times are seconds on the run's clock. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly runId: string;
  readonly seed: string;
  /** Every steady-state check held, the planned faults fired, and nothing threw. */
  readonly success: boolean;
  /**
   * Every fault that needs a recovery (all but delays, by default) was followed by a
   * successful recovery of its agent — from it, or from a later fault that struck during
   * that recovery (a re-send damaged again, a crash while restarting) — no recovery was
   * scored below the accuracy threshold (an agent back with the wrong state is not
   * recovered), and the run did not throw (nor, in a campaign, outlive its watchdog).
   */
  readonly recovered: boolean;
  readonly taskCompleted: boolean;
  /** A planned fault never fired: the run proves nothing either way. */
  readonly inconclusive: boolean;
  /** Mean Δt (fault to recovered) of the run's successful recoveries; null when none. */
  readonly mttrSeconds: number | null;
  /** Mean fault-to-detection time of the run's recoveries; null when none. */
  readonly detectSeconds: number | null;
  readonly checks: readonly CheckVerdict[];
  readonly events: readonly ChaosEvent[];
  readonly faults: readonly FaultRecord[];
  readonly recoveries: readonly RecoveryRecord[];
  readonly durationSeconds: number;
  /** Why the run failed or was inconclusive, when it did; undefined on success. */
  readonly error: string | undefined;
  /**
   * The workflow's `output`, as plain JSON data, when it is structured-cloneable, JSON
   * holds all of it, and it is at most 16 KiB of JSON (`OUTPUT_LIMIT_BYTES`): the run's
   * outcome, kept in the campaign's results and its full export.
   */
  readonly output?: unknown;
  /** Why `output` was left out, when the workflow returned one that could not be kept. */
  readonly outputOmitted?: string;
}

/** Options of one scenario run. */
export interface ScenarioRunOptions<State = unknown, Output = unknown> {
  /** @defaultValue a fresh seed, reported in the result */
  readonly seed?: string;
  /** @defaultValue `<scenario>#<seed>` */
  readonly runId?: string;
  /**
   * `'virtual'` (a discrete-event clock: a 30 s timeout takes no wall time), `'real'`,
   * or a clock of your own.
   * @defaultValue `'virtual'`
   */
  readonly time?: 'virtual' | 'real' | Clock;
  /**
   * The system to run the scenario against, made fresh for the run.
   * @defaultValue the scenario's own (`ScenarioSpec.workflowFactory`)
   */
  readonly workflowFactory?: WorkflowFactory<State, Output>;
  /** @defaultValue the scenario's own (`ScenarioSpec.initialState`) */
  readonly initialState?: State;
  /**
   * Config for the run. Chaos is always enabled inside a scenario run; probabilities
   * default to 0 so only the plan's faults fire. Give probabilities for soak runs.
   */
  readonly config?: Partial<Omit<ChaosConfig, 'enabled' | 'randomSeed'>>;
  /**
   * Fault rules that replace the scenario's plan for this run (a shrunk or hand-made
   * plan of pinned faults). Probabilities still come from `config`: give them as 0 for
   * this plan alone.
   * @defaultValue the scenario's own plan
   */
  readonly plan?: readonly FaultRule[];
  /**
   * Count every injector call, so each fault event carries `call`, the call of its
   * target it fired at — what pins a fault fired by chance, to replay or shrink it.
   * Changes no decision of the run.
   * @defaultValue `false`
   */
  readonly countCalls?: boolean;
  /** Aborting it abandons the run (the workflow sees `context.signal`). */
  readonly signal?: AbortSignal;
  /**
   * The reconstruction accuracy, in [0, 1], a recovery needs: a run with a scored
   * recovery below it is not `recovered`.
   * @defaultValue `0.9` (`DEFAULT_ACCURACY_THRESHOLD` of `@chaos/metrics`)
   */
  readonly accuracyThreshold?: number;
}

/** A chaos experiment: what to break, and what must still hold. */
export interface Scenario<State = unknown, Output = unknown> {
  readonly name: string;
  readonly description: string;
  readonly plan: readonly FaultRule[];
  readonly checks: readonly SteadyStateCheck<State, Output>[];
  run(options?: ScenarioRunOptions<State, Output>): Promise<ScenarioResult>;
}

/**
 * A scenario, whatever the state and output of the workflow it runs: the type of what
 * holds scenarios of many kinds — the registry, a campaign's `scenarios`, a runner — so
 * such code names what it holds rather than casting each scenario to
 * `Scenario<never, never>` or `Scenario<unknown, unknown>`.
 *
 * @example
 * ```ts
 * const campaign: AnyScenario[] = [productCrashMidUpload, myTypedScenario];
 * ```
 */
// `any`, not `unknown`: a holder takes each scenario with its own types, and gives it
// back to code that knows them.
export type AnyScenario = Scenario<any, any>;

/** What {@link defineScenario} takes. */
export interface ScenarioSpec<State = unknown, Output = unknown> {
  readonly name: string;
  readonly description: string;
  readonly plan: readonly FaultRule[];
  readonly checks: readonly SteadyStateCheck<State, Output>[];
  /**
   * The system the scenario runs against, unless a run (or a campaign) gives another.
   * A scenario with none runs only where one is given.
   */
  readonly workflowFactory?: WorkflowFactory<State, Output>;
  /** The state a run starts from, unless a run (or a campaign) gives another. */
  readonly initialState?: State;
  /**
   * Fault probabilities for every run of this scenario (a soak scenario: faults by
   * chance rather than by plan). Run options override them.
   * @defaultValue all 0: only the plan's faults fire
   */
  readonly config?: ScenarioRunOptions<State, Output>['config'];
  /**
   * Fault types that need no recovery (a delay inside its deadline).
   * @defaultValue `['delay']`
   */
  readonly faultsWithoutRecovery?: readonly string[];
  /**
   * Detects recoveries automatically (`ResilienceMetrics#detectRecoveries`): after a
   * fault at a target, the next call there that completes is its recovery, measured with
   * no `measureRecovery` in the workflow; a fault still open when the workflow returns
   * is a failed recovery. For systems whose framework recovers (LangGraph's retries and
   * checkpoints, the AI SDK's retries). Explicit measurements still take precedence.
   * @defaultValue `false`
   */
  readonly detectRecoveries?: boolean;
}
