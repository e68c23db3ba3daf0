import { builtinScenarios } from './builtin/scenarios.js';
import type { Scenario } from './types.js';

let registered: Map<string, Scenario<never, never>> | undefined;

/** The registry, with the built-in scenarios first; made on first use, not at import. */
function registry(): Map<string, Scenario<never, never>> {
  registered ??= new Map(builtinScenarios.map((s) => [s.name, s as unknown as Scenario<never, never>]));
  return registered;
}

/** Options of {@link registerScenario}. */
export interface RegisterScenarioOptions {
  /**
   * Replace the scenario registered under the same name (a built-in one included):
   * from then on the name means this scenario everywhere, worker threads included
   * (they import the same module).
   * @defaultValue `false`: a name that is taken is refused
   */
  readonly replace?: boolean;
}

/** `built-in scenario "X" (description)` or `scenario "X" (description)`. */
function describeScenario(scenario: Pick<Scenario, 'name' | 'description'>): string {
  const builtin = builtinScenarios.some((s) => s === (scenario as unknown));
  return `${builtin ? 'built-in ' : ''}scenario "${scenario.name}" (${JSON.stringify(scenario.description)})`;
}

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
  const existing = registry().get(scenario.name);
  if (existing !== undefined && existing !== (scenario as unknown) && options.replace !== true) {
    throw new TypeError(
      `Cannot register ${describeScenario(scenario as unknown as Scenario)}: the name is taken by the ${describeScenario(existing as unknown as Scenario)}. ` +
        'Pick another name, or pass `{ replace: true }` to registerScenario to replace it everywhere.',
    );
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
