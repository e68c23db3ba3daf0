import type { AnyScenario, Scenario } from './types.js';

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

/**
 * The scenarios known by name. A name means one scenario: registering a different one
 * under a taken name is refused unless replacing is asked for. The scenarios a registry
 * comes with (the built-in ones, for the package's registry) are given as a function
 * and made into the registry on first use, never when the module is imported; the
 * registry knows them only as "built in", never what they are.
 */
export class ScenarioRegistry {
  #byName: Map<string, AnyScenario> | undefined;
  #builtin: ReadonlySet<AnyScenario> = new Set();

  constructor(private readonly builtins: () => readonly AnyScenario[] = () => []) {}

  #scenarios(): Map<string, AnyScenario> {
    if (this.#byName === undefined) {
      const builtins = this.builtins();
      this.#builtin = new Set(builtins);
      this.#byName = new Map(builtins.map((scenario) => [scenario.name, scenario]));
    }
    return this.#byName;
  }

  /** True for one of the scenarios the registry came with (the object itself, not a replacement). */
  isBuiltin(scenario: unknown): boolean {
    this.#scenarios();
    return this.#builtin.has(scenario as AnyScenario);
  }

  /** `built-in scenario "X" (description)` or `scenario "X" (description)`. */
  describe(scenario: Pick<AnyScenario, 'name' | 'description'>): string {
    return `${this.isBuiltin(scenario) ? 'built-in ' : ''}scenario "${scenario.name}" (${JSON.stringify(scenario.description)})`;
  }

  /**
   * Adds a scenario under its name.
   *
   * @throws `TypeError` naming both scenarios when the name is taken and `replace` is not set
   */
  register<State, Output>(scenario: Scenario<State, Output>, options: RegisterScenarioOptions = {}): Scenario<State, Output> {
    const existing = this.#scenarios().get(scenario.name);
    if (existing !== undefined && existing !== scenario && options.replace !== true) {
      throw new TypeError(
        `Cannot register ${this.describe(scenario)}: the name is taken by the ${this.describe(existing)}. ` +
          'Pick another name, or pass `{ replace: true }` to registerScenario to replace it everywhere.',
      );
    }
    this.#scenarios().set(scenario.name, scenario);
    return scenario;
  }

  /** The names, built-in ones first, in registration order. */
  names(): string[] {
    return [...this.#scenarios().keys()];
  }

  /** The scenarios, in the order of {@link ScenarioRegistry.names}. */
  scenarios(): AnyScenario[] {
    return [...this.#scenarios().values()];
  }

  /**
   * The scenario registered under `name`.
   *
   * @throws `RangeError` listing the known names when there is none
   */
  get(name: string): AnyScenario {
    const scenario = this.#scenarios().get(name);
    if (scenario === undefined) {
      const known = this.names();
      throw new RangeError(`Unknown scenario "${name}". Known scenarios: ${known.length > 0 ? known.join(', ') : '(none)'}`);
    }
    return scenario;
  }
}
