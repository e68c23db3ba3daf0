import { availableParallelism } from 'node:os';
import { freshSeed } from '@chaos/config';
import { formatValue } from '@chaos/format';
import { getScenarios, isBuiltinScenario, listScenarios, type Scenario } from '@chaos/scenarios';
import type { BackendChoice, ExecutionBackend, RunProgress, RunnerConfig } from '../types.js';
import { resolveRunSettings, type RunSettings } from './runSettings.js';
import { checkInteger, checkNonNegative, checkSeed, fail } from './validate.js';
import { isScenario, scenarioNamed, type LoadedModule } from './workerModule.js';

/** A scenario entry of the config: resolved now, or a name left for `workerModule`. */
export type ScenarioEntry = { readonly scenario: Scenario } | { readonly name: string };

/** A validated config with every default applied; the settings of each run among them. */
export interface ResolvedConfig extends RunSettings {
  readonly runsPerScenario: number;
  readonly delayBetweenRuns: number;
  readonly entries: readonly ScenarioEntry[];
  readonly seed: string;
  readonly concurrency: number;
  readonly journal: string | undefined;
  readonly onProgress: ((progress: RunProgress) => void) | undefined;
  readonly onNotice: (message: string) => void;
  readonly workerModule: string | URL | undefined;
  readonly backend: BackendChoice | ExecutionBackend;
}

const KNOWN_OPTIONS = [
  'runsPerScenario',
  'delayBetweenRuns',
  'scenarios',
  'workflowFactory',
  'initialState',
  'seed',
  'concurrency',
  'time',
  'runTimeoutSeconds',
  'journal',
  'onProgress',
  'onNotice',
  'config',
  'workerModule',
  'backend',
  'accuracyThreshold',
] as const;

/** Where notices go when the caller did not say: a process warning, seen on stderr. */
function emitNotice(message: string): void {
  process.emitWarning(message, { code: 'CHAOS_NOTICE' });
}

/** `name` among the registered scenarios, or `undefined`. */
function registered(name: string): Scenario | undefined {
  return getScenarios().find((s) => s.name === name);
}

/** The error for a scenario name nobody registered. */
export function unknownScenario(option: string, name: string): RangeError {
  const known = listScenarios();
  return new RangeError(
    `Expected \`${option}\` to be a registered scenario name, got \`${formatValue(name)}\`. Known scenarios: ${known.length > 0 ? known.join(', ') : '(none)'}`,
  );
}

/**
 * Validates a runner config eagerly and applies the defaults.
 *
 * @throws `TypeError` / `RangeError` naming the option, the value and what is allowed
 */
export function resolveConfig(config: RunnerConfig): ResolvedConfig {
  if (typeof config !== 'object' || config === null) fail('config', config, 'an object (RunnerConfig)');
  for (const key of Object.keys(config)) {
    if (!(KNOWN_OPTIONS as readonly string[]).includes(key)) {
      throw new TypeError(`Unknown RunnerConfig option \`${key}\`. Known options: ${KNOWN_OPTIONS.join(', ')}`);
    }
  }
  const run = resolveRunSettings(config);
  const runsPerScenario = config.runsPerScenario === undefined ? 10 : checkInteger('runsPerScenario', config.runsPerScenario, 1, 10_000_000);
  const delayBetweenRuns = config.delayBetweenRuns === undefined ? 0 : checkNonNegative('delayBetweenRuns', config.delayBetweenRuns);
  const concurrency = config.concurrency === undefined ? availableParallelism() : checkInteger('concurrency', config.concurrency, 1, 1024);
  const seed = config.seed === undefined ? freshSeed() : checkSeed('seed', config.seed);
  if (config.workerModule !== undefined && !(config.workerModule instanceof URL) && (typeof config.workerModule !== 'string' || config.workerModule.trim() === '')) {
    fail('workerModule', config.workerModule, 'a module path or a file URL');
  }
  const entries = resolveEntries(config);
  checkCampaignOptions(config);
  return {
    ...run,
    runsPerScenario,
    delayBetweenRuns,
    entries,
    seed,
    concurrency,
    journal: config.journal,
    onProgress: config.onProgress,
    onNotice: config.onNotice ?? emitNotice,
    workerModule: config.workerModule,
    backend: checkBackend(config.backend ?? 'auto'),
  };
}

/** The scenarios of `config`: the registered ones by default; names left open when a `workerModule` will resolve them. */
function resolveEntries(config: RunnerConfig): ScenarioEntry[] {
  if (config.scenarios === undefined) {
    const entries = getScenarios().map((scenario) => ({ scenario }));
    if (entries.length === 0) throw new RangeError('No scenario is registered: pass `scenarios` or register some first');
    return entries;
  }
  if (!Array.isArray(config.scenarios) || config.scenarios.length === 0) {
    fail('scenarios', config.scenarios, 'a non-empty array of scenario names or Scenario objects');
  }
  const seen = new Set<string>();
  return config.scenarios.map((item: unknown, i): ScenarioEntry => {
    const option = `scenarios[${i}]`;
    let entry: ScenarioEntry;
    if (typeof item === 'string') {
      // With a module, names are resolved once it is loaded: it may register (or
      // replace) scenarios, and this thread must mean what worker threads will.
      const found = config.workerModule === undefined ? registered(item) : undefined;
      if (found !== undefined) entry = { scenario: found };
      else if (config.workerModule !== undefined) entry = { name: item };
      else throw unknownScenario(option, item);
    } else if (isScenario(item)) {
      if (item.name === '') fail(`${option}.name`, item.name, 'a non-empty string');
      entry = { scenario: item };
    } else {
      return fail(option, item, 'a scenario name or a Scenario object (with `name` and `run`)');
    }
    const name = 'scenario' in entry ? entry.scenario.name : entry.name;
    if (seen.has(name)) fail(option, name, 'a scenario not already in `scenarios` (each runs once per campaign)');
    seen.add(name);
    return entry;
  });
}

/** Checks the journal path and the callbacks of a campaign. */
function checkCampaignOptions(config: RunnerConfig): void {
  if (config.journal !== undefined && (typeof config.journal !== 'string' || config.journal.trim() === '')) {
    fail('journal', config.journal, 'a file path');
  }
  if (config.onProgress !== undefined && typeof config.onProgress !== 'function') {
    fail('onProgress', config.onProgress, 'a function');
  }
  if (config.onNotice !== undefined && typeof config.onNotice !== 'function') {
    fail('onNotice', config.onNotice, 'a function');
  }
}

/** A backend name, or an object with `run` and `close`. */
function checkBackend(backend: unknown): BackendChoice | ExecutionBackend {
  if (typeof backend === 'string') {
    if (backend !== 'auto' && backend !== 'in-process' && backend !== 'worker-threads') {
      fail('backend', backend, "'auto', 'in-process', 'worker-threads' or an ExecutionBackend");
    }
    return backend;
  }
  const candidate = backend as Partial<ExecutionBackend> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.run !== 'function' || typeof candidate.close !== 'function') {
    fail('backend', backend, "'auto', 'in-process', 'worker-threads' or an ExecutionBackend (with run and close)");
  }
  return candidate as ExecutionBackend;
}

/**
 * The scenarios of a campaign, once `workerModule` (if any) is loaded: names left
 * open are looked up in what the module exported or registered.
 *
 * @throws `RangeError` listing the known names for a name still unknown
 */
export function finalScenarios(entries: readonly ScenarioEntry[], loaded: LoadedModule | undefined): Scenario[] {
  return entries.map((entry, i) => {
    if ('scenario' in entry) return entry.scenario;
    const found = scenarioNamed(entry.name, loaded);
    if (found === undefined) throw unknownScenario(`scenarios[${i}]`, entry.name);
    return found;
  });
}

/**
 * Why the campaign cannot run on worker threads (functions cannot cross threads), or
 * `undefined` when it can.
 */
export function whyNotPortable(scenarios: readonly Scenario[], resolved: ResolvedConfig, loaded: LoadedModule | undefined): string | undefined {
  for (const scenario of scenarios) {
    // A worker thread imports the package, so it has the built-in scenarios by name.
    if (isBuiltinScenario(scenario)) continue;
    if (loaded !== undefined && (loaded.exported.get(scenario.name) === scenario || loaded.registered.get(scenario.name) === scenario)) continue;
    return loaded === undefined
      ? `scenario "${scenario.name}" is not built in and there is no \`workerModule\` to load it in a worker`
      : `scenario "${scenario.name}" is neither exported nor registered by \`workerModule\` ${loaded.href}`;
  }
  if (resolved.workflowFactory !== undefined && resolved.workflowFactory !== loaded?.workflowFactory) {
    return loaded === undefined
      ? '`workflowFactory` is a function and there is no `workerModule` exporting it'
      : `\`workflowFactory\` is not the \`workflowFactory\` export of \`workerModule\` ${loaded.href}`;
  }
  if (resolved.hasInitialState) {
    try {
      structuredClone(resolved.initialState);
    } catch {
      return '`initialState` cannot be copied to a worker thread (it is not structured-cloneable)';
    }
  }
  return undefined;
}
