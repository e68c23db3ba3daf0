import { builtinScenarios } from './builtin/scenarios.js';
import type { Scenario } from './types.js';

let registered: Map<string, Scenario<never, never>> | undefined;

/** The registry, with the built-in scenarios first; made on first use, not at import. */
function registry(): Map<string, Scenario<never, never>> {
  registered ??= new Map(builtinScenarios.map((s) => [s.name, s as unknown as Scenario<never, never>]));
  return registered;
}

/**
 * Adds a scenario to the registry that `listScenarios`, `getScenarios`, `getScenario`,
 * the runner and the CLI read.
 *
 * @throws `TypeError` when a different scenario with the same name is registered
 */
export function registerScenario<State, Output>(scenario: Scenario<State, Output>): Scenario<State, Output> {
  const existing = registry().get(scenario.name);
  if (existing !== undefined && existing !== (scenario as unknown)) {
    throw new TypeError(`A scenario named "${scenario.name}" is already registered; pick another name`);
  }
  registry().set(scenario.name, scenario as unknown as Scenario<never, never>);
  return scenario;
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
  return [...registry().keys()];
}

/**
 * The registered scenarios themselves, built-in ones first, in registration order (the
 * objects whose names {@link listScenarios} gives).
 */
export function getScenarios(): Scenario[] {
  return [...registry().values()] as unknown as Scenario[];
}

/**
 * The registered scenario with this name.
 *
 * @throws `RangeError` listing the known names when there is none
 */
export function getScenario(name: string): Scenario {
  const scenario = registry().get(name);
  if (scenario === undefined) {
    const known = [...registry().keys()];
    throw new RangeError(`Unknown scenario "${name}". Known scenarios: ${known.length > 0 ? known.join(', ') : '(none)'}`);
  }
  return scenario as unknown as Scenario;
}
