import {
  type ChaosEvent,
  type Clock,
  createChaosRuntime,
  createVirtualClock,
  DEFAULT_CHAOS_CONFIG,
  freshSeed,
  realClock,
  runInChaosScope,
} from '@chaos/config';
import { DEFAULT_ACCURACY_THRESHOLD, ResilienceMetrics, isBelowAccuracyThreshold, type FaultRecord, type RecoveryRecord } from '@chaos/metrics';
import { keepOutput } from './_internals/keptOutput.js';
import { createReferenceWorkflow, referenceCatalogue } from './reference/createReferenceWorkflow.js';
import type {
  CheckVerdict,
  RunObservation,
  Scenario,
  ScenarioResult,
  ScenarioRunOptions,
  ScenarioSpec,
  WorkflowFactory,
  WorkflowOutcome,
} from './types.js';

/** Probabilities all zero: inside a scenario only the plan makes faults happen. */
const PLAN_ONLY = {
  crashProbability: 0,
  delayProbability: 0,
  timeoutProbability: 0,
  hallucinationProbability: 0,
  corruptionProbability: 0,
} as const;

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function checkSpec(spec: ScenarioSpec<never, never>): void {
  if (typeof spec !== 'object' || spec === null) throw new TypeError(`Expected a scenario spec object, got \`${String(spec)}\``);
  if (typeof spec.name !== 'string' || spec.name.trim() === '') {
    throw new TypeError(`Expected \`name\` to be a non-empty string, got \`${String(spec.name)}\``);
  }
  if (typeof spec.description !== 'string') {
    throw new TypeError(`Expected \`description\` of scenario "${spec.name}" to be a string, got \`${String(spec.description)}\``);
  }
  if (!Array.isArray(spec.plan)) throw new TypeError(`Expected \`plan\` of scenario "${spec.name}" to be an array of fault rules`);
  if (!Array.isArray(spec.checks) || spec.checks.length === 0) {
    throw new TypeError(`Expected \`checks\` of scenario "${spec.name}" to be a non-empty array: a scenario without a steady state proves nothing`);
  }
  for (const check of spec.checks) {
    if (typeof check?.name !== 'string' || typeof check.check !== 'function') {
      throw new TypeError(`Expected each check of scenario "${spec.name}" to have a \`name\` and a \`check\` function`);
    }
  }
}

/**
 * Defines a scenario: a fault plan, the steady state that must hold after recovery, and
 * optionally the workflow it runs against (default: the reference e-commerce workflow).
 *
 * A run is a pure function of (scenario, seed, options): the same seed gives the same
 * events, whatever else runs in the process.
 *
 * @throws `TypeError` naming the field when the spec is malformed
 * @example
 * ```ts
 * const scenario = defineScenario({
 *   name: 'ProductCrashEarly',
 *   description: 'The product agent crashes on its second upload',
 *   plan: [{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 2 } }],
 *   checks: [catalogueUploadedExactlyOnce],
 * });
 * const result = await scenario.run({ seed: 'exp-1' });
 * ```
 */
export function defineScenario<State = unknown, Output = unknown>(spec: ScenarioSpec<State, Output>): Scenario<State, Output> {
  checkSpec(spec as ScenarioSpec<never, never>);
  const plan = Object.freeze([...spec.plan]);
  const checks = Object.freeze([...spec.checks]);
  const withoutRecovery = new Set(spec.faultsWithoutRecovery ?? ['delay']);
  const scenarioName = spec.name;

  async function run(options: ScenarioRunOptions<State, Output> = {}): Promise<ScenarioResult> {
    const accuracyThreshold = options.accuracyThreshold ?? DEFAULT_ACCURACY_THRESHOLD;
    if (typeof accuracyThreshold !== 'number' || !(accuracyThreshold >= 0 && accuracyThreshold <= 1)) {
      throw new RangeError(`Expected \`accuracyThreshold\` to be a number in [0, 1], got \`${String(accuracyThreshold)}\``);
    }
    const seed = options.seed ?? freshSeed();
    const runId = options.runId ?? `${scenarioName}#${seed}`;
    const clock: Clock = options.time === undefined || options.time === 'virtual'
      ? createVirtualClock()
      : options.time === 'real' ? realClock : options.time;
    const workflowFactory = (options.workflowFactory ?? spec.workflowFactory ?? createReferenceWorkflow) as WorkflowFactory<State, Output>;
    const initialState = (options.initialState ?? spec.initialState ?? referenceCatalogue()) as State;
    const metrics = new ResilienceMetrics({ clock, bootstrapSeed: seed, accuracyThreshold });
    const events: ChaosEvent[] = [];
    const runtime = createChaosRuntime({
      baseConfig: DEFAULT_CHAOS_CONFIG,
      config: { ...PLAN_ONLY, ...spec.config, ...options.config, enabled: true },
      clock,
      seed,
      runId,
      scenario: scenarioName,
      plan,
      emit: (event) => {
        events.push(event);
        metrics.handleEvent(event);
      },
    });
    const startedAt = clock.now();
    let outcome: WorkflowOutcome<Output> | undefined;
    let error: unknown;
    try {
      outcome = await runInChaosScope(runtime, () =>
        workflowFactory().run({
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
    const durationSeconds = (clock.now() - startedAt) / 1000;
    if (clock !== realClock && 'dispose' in clock && typeof clock.dispose === 'function' && options.time !== clock) {
      clock.dispose();
    }

    const faults: FaultRecord[] = [...metrics.iterateFaults()];
    const recoveries: RecoveryRecord[] = [...metrics.iterateRecoveries()];
    const planStatus = runtime.plan.status();
    const observation: RunObservation<State, Output> = {
      scenario: scenarioName,
      runId,
      seed,
      initialState,
      outcome,
      error,
      events,
      faults,
      recoveries,
      plan: planStatus,
    };
    const verdicts: CheckVerdict[] = checks.map((check) => {
      try {
        const { passed, detail } = check.check(observation);
        return { name: check.name, passed: passed === true, detail };
      } catch (thrown: unknown) {
        return { name: check.name, passed: false, detail: `the check threw ${describeError(thrown)}` };
      }
    });

    const unfired = planStatus.filter((rule) => rule.fired === 0);
    const inconclusive = unfired.length > 0;
    const successful = recoveries.filter((r) => r.success);
    const needRecovery = faults.filter((f) => !withoutRecovery.has(f.faultType));
    // A fault is recovered when its agent came back from it or from a fault that struck
    // later, during the recovery (a re-send damaged again, a crash while restarting). A
    // run that then threw did not recover, nor one that brought an agent back with the
    // wrong state (a scored recovery below the accuracy threshold).
    const recovered =
      error === undefined &&
      !recoveries.some((r) => isBelowAccuracyThreshold(r, accuracyThreshold)) &&
      needRecovery.every((fault) => successful.some((r) => r.agentId === fault.agentId && r.faultAt >= fault.at));
    const failedChecks = verdicts.filter((v) => !v.passed);
    const success = error === undefined && !inconclusive && failedChecks.length === 0;
    let reason: string | undefined;
    if (error !== undefined) reason = `the workflow threw ${describeError(error)}`;
    else if (inconclusive) reason = `inconclusive: planned fault ${unfired.map((r) => r.id).join(', ')} never fired`;
    else if (failedChecks.length > 0) reason = failedChecks.map((v) => `${v.name}: ${v.detail}`).join('; ');

    return {
      scenario: scenarioName,
      runId,
      seed,
      success,
      recovered,
      taskCompleted: outcome?.taskCompleted === true,
      inconclusive,
      mttrSeconds: mean(successful.map((r) => (r.recoveredAt - r.faultAt) / 1000)),
      detectSeconds: mean(recoveries.map((r) => (r.detectedAt - r.faultAt) / 1000)),
      checks: verdicts,
      events,
      faults,
      recoveries,
      durationSeconds,
      error: reason,
      ...keepOutput(outcome?.output),
    };
  }

  return Object.freeze({ name: scenarioName, description: spec.description, plan, checks, run });
}
