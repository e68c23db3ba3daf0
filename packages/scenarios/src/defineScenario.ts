/**
 * The package's `defineScenario`: the engine's, which knows no example, plus — for
 * scenarios written before the built-in ones named their own system — the reference
 * e-commerce workflow and catalogue for a spec that names no workflow or no initial
 * state. Deprecated: name them; the next major version drops the fallback.
 */
import { BUILTIN_CATALOGUE } from './builtin/scenarios.js';
import { defineScenario as defineOwnScenario } from './core/defineScenario.js';
import type { Scenario, ScenarioSpec, WorkflowFactory } from './core/types.js';
import { createReferenceWorkflow } from './reference/createReferenceWorkflow.js';

/**
 * Defines a scenario: a fault plan, the steady state that must hold after recovery, and
 * the workflow it runs against (its own, or one a run or a campaign gives).
 *
 * A spec without `workflowFactory` (or `initialState`) runs against the reference
 * e-commerce workflow (and its catalogue) when no run or campaign gives one:
 * deprecated — name the workflow (`workflowFactory: () => createReferenceWorkflow()`,
 * `initialState: referenceCatalogue()`); the fallback goes in the next major version.
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
  if (typeof spec !== 'object' || spec === null || (spec.workflowFactory !== undefined && spec.initialState !== undefined)) {
    return defineOwnScenario(spec);
  }
  return defineOwnScenario({
    ...spec,
    workflowFactory: spec.workflowFactory ?? (createReferenceWorkflow as WorkflowFactory<State, Output>),
    initialState: spec.initialState ?? (BUILTIN_CATALOGUE as State),
  });
}
