import type { FaultRule } from '@chaos/config';
import { getScenario, type Scenario, type ScenarioResult, type WorkflowFactory } from '@chaos/scenarios';
import { campaignRunId, deriveRunSeed } from './deriveRunSeed.js';
import { executeRun, resultToJson } from './_internals/executeRun.js';
import { holdProcessExit } from './_internals/exitGuard.js';
import { checkSoakConfig, checkThreshold, finalScenarios } from './_internals/resolveConfig.js';
import { planOnlyConfig } from './_internals/shrink/planOnly.js';
import { checkInteger, checkSeed, fail } from './_internals/validate.js';
import { isScenario, loadUserModule } from './_internals/workerModule.js';
import type { SoakConfig, TimeMode } from './types.js';

/** Options of {@link replayRun}: the run's coordinates and the campaign's settings. */
export interface ReplayRunOptions {
  /** The scenario, by registered name or as an object. */
  readonly scenario: string | Scenario;
  /** The campaign seed (`RunnerSummary.seed`). */
  readonly campaignSeed: string | number;
  /** The run's index in its scenario, from 0. */
  readonly runIndex: number;
  /** As in the campaign. @defaultValue `'virtual'` */
  readonly time?: TimeMode;
  /** As in the campaign. */
  readonly workflowFactory?: WorkflowFactory;
  /** As in the campaign. */
  readonly initialState?: unknown;
  /** As in the campaign (soak probabilities). */
  readonly config?: SoakConfig;
  /** As in the campaign. @defaultValue `30` under virtual time, `600` under real time */
  readonly runTimeoutSeconds?: number;
  /** A module to import first, that registers or exports the scenario. */
  readonly workerModule?: string | URL;
  /** As in the campaign. @defaultValue `0.9` */
  readonly accuracyThreshold?: number;
  /**
   * Fault rules replacing the scenario's plan and every fault by chance (a plan from
   * `shrinkRun`): the run replays with exactly these faults.
   */
  readonly plan?: readonly FaultRule[];
}

/**
 * Re-executes one run of a campaign alone. With the campaign's seed and settings it
 * gives the same result, events included, as the run had in the campaign (under
 * virtual time; real time reproduces every random decision but not the timings).
 *
 * @returns the run's result, in the same plain form as in `RunnerSummary.results`
 * @throws `TypeError` / `RangeError` naming an invalid option; a `RangeError` listing
 * the known scenarios for an unknown name
 * @example
 * ```ts
 * const result = await replayRun({ scenario: 'MarketingTimeout', campaignSeed: 'thesis-ch4', runIndex: 17 });
 * for (const event of result.events) console.log(event.at / 1000, event.kind);
 * ```
 */
export async function replayRun(options: ReplayRunOptions): Promise<ScenarioResult> {
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object');
  const seed = checkSeed('campaignSeed', options.campaignSeed);
  const runIndex = checkInteger('runIndex', options.runIndex, 0, Number.MAX_SAFE_INTEGER);
  const time = options.time ?? 'virtual';
  if (time !== 'virtual' && time !== 'real') fail('time', time, "'virtual' or 'real'");
  const timeout = options.runTimeoutSeconds ?? (time === 'virtual' ? 30 : 600);
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout <= 0) {
    fail('runTimeoutSeconds', timeout, 'a number of seconds > 0 (or Infinity for no watchdog)', RangeError);
  }
  if (options.workflowFactory !== undefined && typeof options.workflowFactory !== 'function') {
    fail('workflowFactory', options.workflowFactory, 'a function returning a workflow');
  }
  const loaded = options.workerModule === undefined ? undefined : await loadUserModule(options.workerModule);
  let scenario: Scenario;
  if (isScenario(options.scenario)) scenario = options.scenario;
  else if (typeof options.scenario === 'string') {
    scenario = loaded === undefined ? getScenarioNamed(options.scenario) : (finalScenarios([{ name: options.scenario }], loaded)[0] as Scenario);
  } else {
    return fail('scenario', options.scenario, 'a scenario name or a Scenario object');
  }
  const task = {
    campaign: '',
    scenario: scenario.name,
    scenarioIndex: 0,
    runIndex,
    seed: deriveRunSeed(seed, scenario.name, runIndex),
    runId: campaignRunId(scenario.name, runIndex),
    time,
    config: options.plan === undefined ? (options.config === undefined ? undefined : checkSoakConfig(options.config)) : planOnlyConfig(options.config),
    runTimeoutSeconds: timeout,
    accuracyThreshold: checkThreshold(options.accuracyThreshold),
  };
  const release = holdProcessExit();
  try {
    const result = await executeRun(task, scenario, {
      workflowFactory: options.workflowFactory,
      initialState: options.initialState,
      hasInitialState: options.initialState !== undefined,
      ...(options.plan === undefined ? {} : { runOptions: { plan: options.plan, countCalls: true } }),
    });
    return JSON.parse(resultToJson(task, result)) as ScenarioResult;
  } finally {
    release();
  }
}

function getScenarioNamed(name: string): Scenario {
  try {
    return getScenario(name);
  } catch (error: unknown) {
    throw new RangeError(`Expected \`scenario\` to be a registered scenario name: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
