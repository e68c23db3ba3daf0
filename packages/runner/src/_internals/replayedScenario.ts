/**
 * The scenario of one run replayed alone (`replayRun`, `shrinkRun`): given as an object,
 * or by name, looked up as the campaign looked it up — among the registered scenarios
 * (what `workerModule` registered included), then what `workerModule` exports.
 */
import { errorMessage } from '@chaos/format';
import { getScenario, type Scenario } from '@chaos/scenarios';
import { finalScenarios } from './resolveConfig.js';
import { fail } from './validate.js';
import { isScenario, loadUserModule } from './workerModule.js';

/**
 * Loads `workerModule` (if any), then resolves the `scenario` option.
 *
 * @throws `RangeError` listing the known scenarios for an unknown name; `TypeError` for
 *   a value that is neither a name nor a scenario; the module's error when it does not load
 */
export async function replayedScenario(scenario: unknown, workerModule: string | URL | undefined): Promise<Scenario> {
  // Loaded first, whatever `scenario` is: the module may register what the run needs.
  const loaded = workerModule === undefined ? undefined : await loadUserModule(workerModule);
  if (isScenario(scenario)) return scenario;
  if (typeof scenario !== 'string') return fail('scenario', scenario, 'a scenario name or a Scenario object');
  return loaded === undefined ? registeredScenario(scenario) : (finalScenarios([{ name: scenario }], loaded)[0] as Scenario);
}

function registeredScenario(name: string): Scenario {
  try {
    return getScenario(name);
  } catch (error: unknown) {
    throw new RangeError(`Expected \`scenario\` to be a registered scenario name: ${errorMessage(error)}`, { cause: error });
  }
}
