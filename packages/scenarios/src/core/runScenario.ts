import {
  type ChaosEvent,
  type ChaosRuntime,
  type Clock,
  createChaosRuntime,
  createFaultPlan,
  createVirtualClock,
  DEFAULT_CHAOS_CONFIG,
  type FaultRule,
  freshSeed,
  realClock,
  runInChaosScope,
} from '@chaos/config';
import { describeError } from '@chaos/format';
import { DEFAULT_ACCURACY_THRESHOLD, isBelowAccuracyThreshold, ResilienceMetrics } from '@chaos/metrics';
import { keepOutput } from './keptOutput.js';
import type {
  CheckVerdict,
  RunObservation,
  ScenarioResult,
  ScenarioRunOptions,
  ScenarioSpec,
  SteadyStateCheck,
  WorkflowFactory,
  WorkflowOutcome,
} from './types.js';

/** A scenario as `defineScenario` checked and froze it: what each of its runs reads. */
export interface ScenarioDefinition<State, Output> {
  /** The spec as given: its workflow, initial state and config are read at each run. */
  readonly spec: ScenarioSpec<State, Output>;
  readonly plan: readonly FaultRule[];
  readonly checks: readonly SteadyStateCheck<State, Output>[];
  /** Fault types that need no recovery for the run to count as recovered. */
  readonly withoutRecovery: ReadonlySet<string>;
}

/** Probabilities all zero: inside a scenario only the plan makes faults happen. */
const PLAN_ONLY = {
  crashProbability: 0,
  delayProbability: 0,
  timeoutProbability: 0,
  hallucinationProbability: 0,
  corruptionProbability: 0,
} as const;

/** What one run is made of, once its options are resolved. */
interface RunSetup<State, Output> {
  readonly seed: string;
  readonly runId: string;
  readonly clock: Clock;
  readonly workflowFactory: WorkflowFactory<State, Output>;
  readonly initialState: State;
  readonly accuracyThreshold: number;
}

/** What the workflow did in one run, as the run's scope saw it (what its checks observe), and how long it took. */
interface Execution<Output> extends Pick<RunObservation<unknown, Output>, 'outcome' | 'error' | 'events' | 'faults' | 'recoveries' | 'plan'> {
  readonly durationSeconds: number;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * Resolves a run's options against the scenario's own.
 *
 * @throws `RangeError` for an `accuracyThreshold` outside [0, 1]; `TypeError` when
 * neither the run nor the scenario names a workflow
 */
function prepare<State, Output>(definition: ScenarioDefinition<State, Output>, options: ScenarioRunOptions<State, Output>): RunSetup<State, Output> {
  const { spec } = definition;
  const accuracyThreshold = options.accuracyThreshold ?? DEFAULT_ACCURACY_THRESHOLD;
  if (typeof accuracyThreshold !== 'number' || !(accuracyThreshold >= 0 && accuracyThreshold <= 1)) {
    throw new RangeError(`Expected \`accuracyThreshold\` to be a number in [0, 1], got \`${String(accuracyThreshold)}\``);
  }
  const workflowFactory = options.workflowFactory ?? spec.workflowFactory;
  if (workflowFactory === undefined) {
    throw new TypeError(
      `Scenario "${spec.name}" has no workflow to run: give it a \`workflowFactory\` (and its \`initialState\`), or pass them to run() or to the runner`,
    );
  }
  if (options.plan !== undefined && !Array.isArray(options.plan)) {
    throw new TypeError(`Expected \`plan\` to be an array of fault rules, got \`${String(options.plan)}\``);
  }
  const seed = options.seed ?? freshSeed();
  const runId = options.runId ?? `${spec.name}#${seed}`;
  const clock: Clock = options.time === undefined || options.time === 'virtual'
    ? createVirtualClock()
    : options.time === 'real' ? realClock : options.time;
  return { seed, runId, clock, workflowFactory, initialState: (options.initialState ?? spec.initialState) as State, accuracyThreshold };
}

/** Runs the workflow in the run's own chaos scope: its clock, random stream, plan and metrics. */
async function execute<State, Output>(
  definition: ScenarioDefinition<State, Output>,
  setup: RunSetup<State, Output>,
  options: ScenarioRunOptions<State, Output>,
): Promise<Execution<Output>> {
  const { seed, runId, clock, initialState } = setup;
  const metrics = new ResilienceMetrics({ clock, bootstrapSeed: seed, accuracyThreshold: setup.accuracyThreshold });
  const events: ChaosEvent[] = [];
  const runtime: ChaosRuntime = createChaosRuntime({
    baseConfig: DEFAULT_CHAOS_CONFIG,
    config: { ...PLAN_ONLY, ...definition.spec.config, ...options.config, enabled: true },
    clock,
    seed,
    runId,
    scenario: definition.spec.name,
    plan: createFaultPlan(options.plan ?? definition.plan, { countCalls: options.countCalls === true }),
    emit: (event) => {
      events.push(event);
      metrics.handleEvent(event);
    },
    ...(definition.spec.detectRecoveries === true ? { recoveries: metrics.detectRecoveries() } : {}),
  });
  const startedAt = clock.now();
  let outcome: WorkflowOutcome<Output> | undefined;
  let error: unknown;
  try {
    outcome = await runInChaosScope(runtime, () =>
      setup.workflowFactory().run({
        initialState,
        runId,
        seed,
        clock,
        random: runtime.random.fork('workflow'),
        metrics,
        // The caller's signal as it is; a run nobody can abandon gets one of its own, so
        // listeners a workflow leaves behind die with the run.
        signal: options.signal ?? new AbortController().signal,
      }),
    );
  } catch (thrown: unknown) {
    error = thrown;
  }
  // Faults still open when the workflow is done were never recovered from.
  metrics.endRun(runtime);
  const durationSeconds = (clock.now() - startedAt) / 1000;
  if (clock !== realClock && 'dispose' in clock && typeof clock.dispose === 'function' && options.time !== clock) {
    clock.dispose();
  }
  return { outcome, error, events, faults: [...metrics.iterateFaults()], recoveries: [...metrics.iterateRecoveries()], plan: runtime.plan.status(), durationSeconds };
}

/** Each steady-state check's verdict; a check that throws fails, saying so. */
function verdictsOf<State, Output>(checks: readonly SteadyStateCheck<State, Output>[], observation: RunObservation<State, Output>): CheckVerdict[] {
  return checks.map((check) => {
    try {
      const { passed, detail } = check.check(observation);
      return { name: check.name, passed: passed === true, detail };
    } catch (thrown: unknown) {
      return { name: check.name, passed: false, detail: `the check threw ${describeError(thrown)}` };
    }
  });
}

/** Judges a finished run: its checks, whether it recovered, and its result. */
function judge<State, Output>(definition: ScenarioDefinition<State, Output>, setup: RunSetup<State, Output>, run: Execution<Output>): ScenarioResult {
  const { seed, runId, initialState } = setup;
  const { outcome, error, faults, recoveries } = run;
  const scenario = definition.spec.name;
  const verdicts = verdictsOf(definition.checks, { scenario, runId, seed, initialState, outcome, error, events: run.events, faults, recoveries, plan: run.plan });
  const unfired = run.plan.filter((rule) => rule.fired === 0);
  const inconclusive = unfired.length > 0;
  const successful = recoveries.filter((r) => r.success);
  const needRecovery = faults.filter((f) => !definition.withoutRecovery.has(f.faultType));
  // A fault is recovered when its agent came back from it or from a fault that struck
  // later, during the recovery (a re-send damaged again, a crash while restarting). A
  // run that then threw did not recover, nor one that brought an agent back with the
  // wrong state (a scored recovery below the accuracy threshold).
  const recovered =
    error === undefined &&
    !recoveries.some((r) => isBelowAccuracyThreshold(r, setup.accuracyThreshold)) &&
    needRecovery.every((fault) => successful.some((r) => r.agentId === fault.agentId && r.faultAt >= fault.at));
  const failedChecks = verdicts.filter((v) => !v.passed);
  let reason: string | undefined;
  if (error !== undefined) reason = `the workflow threw ${describeError(error)}`;
  else if (inconclusive) reason = `inconclusive: planned fault ${unfired.map((r) => r.id).join(', ')} never fired`;
  else if (failedChecks.length > 0) reason = failedChecks.map((v) => `${v.name}: ${v.detail}`).join('; ');
  return {
    scenario,
    runId,
    seed,
    success: error === undefined && !inconclusive && failedChecks.length === 0,
    recovered,
    taskCompleted: outcome?.taskCompleted === true,
    inconclusive,
    mttrSeconds: mean(successful.map((r) => (r.recoveredAt - r.faultAt) / 1000)),
    detectSeconds: mean(recoveries.map((r) => (r.detectedAt - r.faultAt) / 1000)),
    checks: verdicts,
    events: run.events,
    faults,
    recoveries,
    durationSeconds: run.durationSeconds,
    error: reason,
    ...keepOutput(outcome?.output),
  };
}

/**
 * One run of a scenario: resolve its options, run the workflow in its own scope, judge
 * the result. Rejects only for bad options; anything the workflow or a check throws is
 * in the result.
 */
export async function runScenario<State, Output>(
  definition: ScenarioDefinition<State, Output>,
  options: ScenarioRunOptions<State, Output>,
): Promise<ScenarioResult> {
  const setup = prepare(definition, options);
  return judge(definition, setup, await execute(definition, setup, options));
}
