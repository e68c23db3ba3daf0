import { runScenario, type ScenarioDefinition } from './runScenario.js';
import type { Scenario, ScenarioRunOptions, ScenarioSpec } from './types.js';

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
  if (spec.detectRecoveries !== undefined && typeof spec.detectRecoveries !== 'boolean') {
    throw new TypeError(`Expected \`detectRecoveries\` of scenario "${spec.name}" to be a boolean, got \`${String(spec.detectRecoveries)}\``);
  }
  for (const check of spec.checks) {
    if (typeof check?.name !== 'string' || typeof check.check !== 'function') {
      throw new TypeError(`Expected each check of scenario "${spec.name}" to have a \`name\` and a \`check\` function`);
    }
  }
}

/**
 * Defines a scenario: a fault plan, the steady state that must hold after recovery, and
 * the workflow it runs against (its own, or one a run or a campaign gives).
 *
 * A run is a pure function of (scenario, seed, options): the same seed gives the same
 * events, whatever else runs in the process.
 *
 * @throws `TypeError` naming the field when the spec is malformed
 * @example
 * ```ts
 * const scenario = defineScenario({
 *   name: 'WorkerCrash',
 *   description: 'The worker crashes on its second step',
 *   plan: [{ fault: 'crash', target: 'worker', trigger: { on: 'call', call: 2 } }],
 *   checks: [workerFinished],
 *   workflowFactory: () => createMyWorkflow(),
 *   initialState: { steps: 3 },
 * });
 * const result = await scenario.run({ seed: 'exp-1' });
 * ```
 */
export function defineScenario<State = unknown, Output = unknown>(spec: ScenarioSpec<State, Output>): Scenario<State, Output> {
  checkSpec(spec as ScenarioSpec<never, never>);
  const definition: ScenarioDefinition<State, Output> = {
    spec,
    plan: Object.freeze([...spec.plan]),
    checks: Object.freeze([...spec.checks]),
    withoutRecovery: new Set(spec.faultsWithoutRecovery ?? ['delay']),
  };
  const run = (options: ScenarioRunOptions<State, Output> = {}) => runScenario(definition, options);
  return Object.freeze({ name: spec.name, description: spec.description, plan: definition.plan, checks: definition.checks, run });
}
