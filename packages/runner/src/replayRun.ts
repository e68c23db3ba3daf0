import type { FaultRule } from '@chaos/config';
import type { Scenario, ScenarioResult, WorkflowFactory } from '@chaos/scenarios';
import { campaignRunId, deriveRunSeed } from './deriveRunSeed.js';
import { executeRun, resultToJson } from './_internals/executeRun.js';
import { holdProcessExit } from './_internals/exitGuard.js';
import { replayedScenario } from './_internals/replayedScenario.js';
import { resolveRunSettings } from './_internals/runSettings.js';
import { planOnlyConfig } from './_internals/shrink/planOnly.js';
import { checkInteger, checkSeed, fail } from './_internals/validate.js';
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
  const settings = resolveRunSettings(options);
  const scenario = await replayedScenario(options.scenario, options.workerModule);
  const task = {
    campaign: '',
    scenario: scenario.name,
    scenarioIndex: 0,
    runIndex,
    seed: deriveRunSeed(seed, scenario.name, runIndex),
    runId: campaignRunId(scenario.name, runIndex),
    time: settings.time,
    config: options.plan === undefined ? settings.config : planOnlyConfig(settings.config),
    runTimeoutSeconds: settings.runTimeoutSeconds,
    accuracyThreshold: settings.accuracyThreshold,
  };
  const release = holdProcessExit();
  try {
    const result = await executeRun(task, scenario, {
      workflowFactory: settings.workflowFactory,
      initialState: settings.initialState,
      hasInitialState: settings.hasInitialState,
      ...(options.plan === undefined ? {} : { runOptions: { plan: options.plan, countCalls: true } }),
    });
    return JSON.parse(resultToJson(task, result)) as ScenarioResult;
  } finally {
    release();
  }
}
