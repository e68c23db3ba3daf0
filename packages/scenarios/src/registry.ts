/**
 * The package's registry: the engine's `ScenarioRegistry`, filled with the built-in
 * scenarios on first use. Every thread that imports the package has the same built-in
 * scenarios under the same names; what a thread registers is its own.
 */
import { builtinScenarios } from './builtin/scenarios.js';
import { type RegisterScenarioOptions, ScenarioRegistry } from './core/ScenarioRegistry.js';
import type { AnyScenario, Scenario } from './core/types.js';

const registry = new ScenarioRegistry(() => builtinScenarios);

/**
 * Adds a scenario to the registry that `listScenarios`, `getScenarios`, `getScenario`,
 * the runner and the CLI read. A name means one scenario: registering a different
 * scenario under a name that is taken is refused, unless `replace` is asked for.
 *
 * @throws `TypeError` naming both scenarios when the name is taken and `replace` is not set
 * @example
 * ```ts
 * registerScenario(defineScenario({ name: 'ProductCrashEarly', … }));
 * registerScenario(myCascadeFailure, { replace: true }); // the built-in one no more
 * ```
 */
export function registerScenario<State, Output>(scenario: Scenario<State, Output>, options: RegisterScenarioOptions = {}): Scenario<State, Output> {
  return registry.register(scenario, options);
}

/**
 * The names of the registered scenarios, built-in ones first, in registration order.
 *
 * @example
 * ```ts
 * listScenarios(); // ['ProductCrashMidUpload', 'MarketingTimeout', …]
 * ```
 */
export function listScenarios(): string[] {
  return registry.names();
}

/**
 * The registered scenarios themselves, built-in ones first, in registration order (the
 * objects whose names {@link listScenarios} gives).
 */
export function getScenarios(): AnyScenario[] {
  return registry.scenarios();
}

/**
 * The registered scenario with this name.
 *
 * @throws `RangeError` listing the known names when there is none
 */
export function getScenario(name: string): AnyScenario {
  return registry.get(name);
}

/**
 * True when `scenario` is one of the built-in scenarios itself (not one registered in
 * its place): one that every thread importing this package has under its name, so a
 * worker thread can run it by name alone.
 */
export function isBuiltinScenario(scenario: unknown): boolean {
  return registry.isBuiltin(scenario);
}

export type { RegisterScenarioOptions };
