import { type ChaosEvent, type FaultEvent, type FaultRule, isFaultEvent } from '@chaos/config';
import type { ShrinkReportInput } from '@chaos/export';
import type { Scenario, ScenarioResult, WorkflowFactory } from '@chaos/scenarios';
import { campaignRunId, deriveRunSeed } from './deriveRunSeed.js';
import { ShrinkError } from './ShrinkError.js';
import { executeRun } from './_internals/executeRun.js';
import { holdProcessExit } from './_internals/exitGuard.js';
import { replayedScenario } from './_internals/replayedScenario.js';
import { resolveRunSettings, type RunSettings } from './_internals/runSettings.js';
import { ddmin } from './_internals/shrink/ddmin.js';
import { firstDivergence } from './_internals/shrink/divergence.js';
import { DEFAULT_MAX_REPLAYS } from './_internals/shrink/maxReplays.js';
import { type PinnedFault, pinFaults, pinnedRule, planSource, simplerVariants } from './_internals/shrink/pinned.js';
import { planOnlyConfig } from './_internals/shrink/planOnly.js';
import { checkInteger, checkSeed, fail } from './_internals/validate.js';
import type { RunTask, SoakConfig } from './types.js';

export type { PinnedFault } from './_internals/shrink/pinned.js';

/** Options of {@link shrinkRun}: the failed run (as for `replayRun`, or a run seed) and the campaign's settings. */
export interface ShrinkRunOptions {
  /** The scenario, by registered name or as an object. */
  readonly scenario: string | Scenario;
  /** The campaign seed; with `runIndex`, the run of the campaign to shrink. */
  readonly campaignSeed?: string | number;
  /** The run's index in its scenario, from 0 (with `campaignSeed`). */
  readonly runIndex?: number;
  /** A run seed, for a run made by `scenario.run({ seed })` (instead of `campaignSeed` and `runIndex`). */
  readonly seed?: string;
  /** As in the campaign. */
  readonly workflowFactory?: WorkflowFactory;
  /** As in the campaign. */
  readonly initialState?: unknown;
  /** As in the campaign: the soak probabilities that made the faults fire. */
  readonly config?: SoakConfig;
  /** A module to import first, that registers or exports the scenario (and its workflow). */
  readonly workerModule?: string | URL;
  /** As in the campaign. @defaultValue `0.9` */
  readonly accuracyThreshold?: number;
  /** The failed check to keep failing. @defaultValue the first check the run failed */
  readonly check?: string;
  /** Most replays to spend; past it the plan found so far is returned, `oneMinimal: false`. @defaultValue `5000` */
  readonly maxReplays?: number;
  /** Real-time watchdog of each replay, seconds. @defaultValue `30` */
  readonly runTimeoutSeconds?: number;
}

/**
 * What {@link shrinkRun} found: what the shrink page of `@chaos/export` shows (the
 * scenario, seeds, the check still failed, the faults with when they fired, the plan's
 * source, replays spent, and `oneMinimal` — true when the plan fails and removing any
 * one of its rules makes the run pass, each removal replayed; false only when
 * `maxReplays` ran out first), with the plan itself.
 */
export interface ShrinkResult extends ShrinkReportInput {
  /** The minimal plan: pinned faults (probabilities 0) that fail `check` under `seed`. */
  readonly plan: readonly FaultRule[];
  /** The faults of `plan` with when they fired in the failed run. */
  readonly faults: readonly PinnedFault[];
}

/** Replays one run, under virtual time and its seed, with its own plan or a plan of pinned faults. */
class Replayer {
  replays = 0;
  private readonly cache = new Map<string, Promise<ScenarioResult>>();
  /** The run with no fault by chance: what every plan of pinned faults replays. */
  private readonly pinnedTask: RunTask;

  constructor(
    private readonly scenario: Scenario,
    private readonly task: RunTask,
    private readonly settings: RunSettings,
  ) {
    this.pinnedTask = { ...task, config: planOnlyConfig(task.config) };
  }

  /** The run as the campaign ran it (`countCalls` pins each fault's call, changing nothing else). */
  original(countCalls: boolean): Promise<ScenarioResult> {
    return this.execute(this.task, { countCalls });
  }

  /** The run with `rules` as its whole plan and no fault by chance; the same rules give the same result. */
  pinned(rules: readonly FaultRule[]): Promise<ScenarioResult> {
    const key = JSON.stringify(rules);
    let result = this.cache.get(key);
    if (result === undefined) {
      result = this.execute(this.pinnedTask, { plan: rules, countCalls: true });
      this.cache.set(key, result);
    }
    return result;
  }

  private execute(task: RunTask, runOptions: { plan?: readonly FaultRule[]; countCalls: boolean }): Promise<ScenarioResult> {
    this.replays += 1;
    return executeRun(task, this.scenario, {
      workflowFactory: this.settings.workflowFactory,
      initialState: this.settings.initialState,
      hasInitialState: this.settings.hasInitialState,
      runOptions,
    });
  }
}

const failsCheck = (result: ScenarioResult, check: string): boolean => result.checks.some((c) => c.name === check && !c.passed);
const faultsOnly = (event: ChaosEvent): boolean => isFaultEvent(event);

/** Resolves the scenario, the run's seed and id, and its settings from the options. */
async function resolveRun(
  options: ShrinkRunOptions,
): Promise<{ scenario: Scenario; task: RunTask; settings: RunSettings; campaignSeed?: string; runIndex?: number }> {
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object');
  const scenario = await replayedScenario(options.scenario, options.workerModule);
  const byCampaign = options.campaignSeed !== undefined || options.runIndex !== undefined;
  if (byCampaign === (options.seed !== undefined)) fail('seed', options.seed, 'either `campaignSeed` with `runIndex`, or a run `seed`, not both and not neither');
  let seed: string;
  let runId: string;
  let campaignSeed: string | undefined;
  let runIndex: number | undefined;
  if (byCampaign) {
    campaignSeed = checkSeed('campaignSeed', options.campaignSeed);
    runIndex = checkInteger('runIndex', options.runIndex, 0, Number.MAX_SAFE_INTEGER);
    seed = deriveRunSeed(campaignSeed, scenario.name, runIndex);
    runId = campaignRunId(scenario.name, runIndex);
  } else {
    seed = checkSeed('seed', options.seed);
    runId = `${scenario.name}#${seed}`;
  }
  // Shrinking compares replays event by event, which only virtual time makes exact.
  const settings = resolveRunSettings({ ...options, time: 'virtual' });
  const task: RunTask = {
    campaign: '',
    scenario: scenario.name,
    scenarioIndex: 0,
    runIndex: runIndex ?? 0,
    seed,
    runId,
    time: settings.time,
    config: settings.config,
    runTimeoutSeconds: settings.runTimeoutSeconds,
    accuracyThreshold: settings.accuracyThreshold,
  };
  return { scenario, task, settings, ...(campaignSeed === undefined ? {} : { campaignSeed, runIndex }) };
}

/**
 * The failed check to keep failing, after making sure the run fails the same way twice.
 *
 * @throws {@link ShrinkError} when the run passed or does not replay
 */
function targetCheck(plain: ScenarioResult, counted: ScenarioResult, wanted: string | undefined): string {
  const failed = plain.checks.filter((c) => !c.passed).map((c) => c.name);
  if (plain.success || (failed.length === 0 && plain.error === undefined)) {
    throw new ShrinkError('CHAOS_SHRINK_PASSED', `run ${plain.runId} (seed ${plain.seed}) passed: every steady-state check held, so there is no failure to shrink`);
  }
  const divergence = firstDivergence(plain.events, counted.events, ['the first replay', 'the second']);
  if (divergence !== undefined || failed.some((name) => !failsCheck(counted, name))) {
    throw new ShrinkError(
      'CHAOS_SHRINK_NOT_DETERMINISTIC',
      `run ${plain.runId} does not replay: two replays under seed ${plain.seed} differ (${divergence ?? 'same events, different verdicts'}). ` +
        'Its workflow decides something outside the run\'s seed and clock (Math.random, Date.now, real timers, shared state); shrinking needs runs that replay exactly',
      divergence ?? 'same events, different verdicts',
    );
  }
  if (failed.length === 0) {
    throw new ShrinkError('CHAOS_SHRINK_PASSED', `run ${plain.runId} failed without failing a steady-state check (${plain.error ?? 'no reason'}): there is no check to keep failing`);
  }
  if (wanted !== undefined && !failed.includes(wanted)) fail('check', wanted, `a check the run failed: ${failed.join(', ')}`, RangeError);
  return wanted ?? (failed[0] as string);
}

/**
 * Shrinks a failed run to the faults that matter: takes the faults it fired, each
 * pinned to the call of its target it fired at, and finds a smallest subset that still
 * fails the same steady-state check — delta debugging (ddmin) over the faults, then
 * simpler details for each (a shorter delay or hang, one corrupted field), then
 * removal of any fault no longer needed. Every candidate is a replay under virtual
 * time with the run's seed and no fault by chance.
 *
 * Guarantee (1-minimality): the returned plan, replayed, fails `check`; removing any one
 * of its faults makes the check pass — each removal was replayed to make sure (unless
 * `maxReplays` ran out: `oneMinimal: false`).
 *
 * @throws {@link ShrinkError} when the run passed, does not replay (with the first
 * divergence), or its faults replayed pinned do not fail it again; `TypeError` /
 * `RangeError` naming an invalid option
 * @example
 * ```ts
 * const shrunk = await shrinkRun({ scenario: 'DemoSoak', campaignSeed: 'demo', runIndex: 7, workerModule: './worker.js' });
 * console.log(`${shrunk.plan.length} of ${shrunk.fired} faults fail "${shrunk.check.name}"\n${shrunk.planSource}`);
 * ```
 */
export async function shrinkRun(options: ShrinkRunOptions): Promise<ShrinkResult> {
  const { scenario, task, settings, campaignSeed, runIndex } = await resolveRun(options);
  const maxReplays = options.maxReplays ?? DEFAULT_MAX_REPLAYS;
  checkInteger('maxReplays', maxReplays, 1, Number.MAX_SAFE_INTEGER);
  const replayer = new Replayer(scenario, task, settings);
  const release = holdProcessExit();
  try {
    const plain = await replayer.original(false);
    const counted = await replayer.original(true);
    const check = targetCheck(plain, counted, options.check);
    const fired = pinFaults(counted.events);
    const firedEvents = counted.events.filter(isFaultEvent);
    const all = await replayer.pinned(fired.map((f) => f.rule));
    if (!failsCheck(all, check)) {
      const divergence = firstDivergence(counted.events, all.events, ['the failed run', 'its faults replayed pinned'], faultsOnly) ?? 'the same faults fired, with a different outcome';
      throw new ShrinkError(
        'CHAOS_SHRINK_NOT_REPRODUCED',
        `the ${fired.length} faults run ${task.runId} fired, replayed pinned to their calls, do not fail "${check}" again (${divergence})`,
        divergence,
      );
    }
    const found = await minimise(replayer, fired, firedEvents, check, maxReplays);
    const last = await replayer.pinned(found.faults.map((f) => f.rule));
    const verdict = last.checks.find((c) => c.name === check);
    const origin = campaignSeed === undefined ? `seed '${task.seed}'` : `run ${runIndex} of campaign '${campaignSeed}' (run seed '${task.seed}')`;
    const comment = [
      `${scenario.name}, ${origin}: ${found.faults.length} of ${fired.length} fired faults still fail "${check}".`,
      `Replays with seed: '${task.seed}' and no fault probabilities.`,
    ];
    return {
      scenario: scenario.name,
      seed: task.seed,
      runId: task.runId,
      ...(campaignSeed === undefined ? {} : { campaignSeed, runIndex }),
      check: { name: check, detail: verdict?.detail ?? '' },
      fired: fired.length,
      plan: found.faults.map((f) => f.rule),
      faults: found.faults,
      planSource: planSource(found.faults.map((f) => f.rule), comment),
      replays: replayer.replays,
      oneMinimal: found.oneMinimal,
    };
  } finally {
    release();
  }
}

/** ddmin, then simpler details, then removal of what is no longer needed, until 1-minimal. */
async function minimise(
  replayer: Replayer,
  fired: readonly PinnedFault[],
  firedEvents: readonly FaultEvent[],
  check: string,
  maxReplays: number,
): Promise<{ faults: PinnedFault[]; oneMinimal: boolean }> {
  const out = (): boolean => replayer.replays >= maxReplays;
  const fails = async (faults: readonly PinnedFault[]): Promise<boolean> => failsCheck(await replayer.pinned(faults.map((f) => f.rule)), check);
  const kept = await ddmin(fired.map((_, i) => i), async (subset) => !out() && (await fails(subset.map((i) => fired[i] as PinnedFault))));
  let faults = kept.map((i) => fired[i] as PinnedFault);
  // Simpler details, one fault at a time, simplest variant first.
  for (let i = 0; i < faults.length && !out(); i++) {
    const fault = faults[i] as PinnedFault;
    const event = firedEvents[fired.indexOf(fault)];
    for (const rule of simplerVariants(fault, event)) {
      const candidate = faults.map((f, j) => (j === i ? { ...f, rule } : f));
      if (await fails(candidate)) {
        faults = candidate;
        break;
      }
    }
  }
  // 1-minimality, checked by replay: drop any fault the failure no longer needs, until
  // none; a fault whose removal also removes the call it caused (a retry) is tried with
  // the later faults on its target moved one call earlier.
  for (let i = 0; i < faults.length; ) {
    if (out()) return { faults, oneMinimal: false };
    const without = faults.filter((_, j) => j !== i);
    const reaimed = reaimAfter(faults, i);
    if (await fails(without)) faults = without;
    else if (reaimed !== undefined && (await fails(reaimed))) faults = reaimed;
    else {
      i += 1;
      continue;
    }
    i = 0;
  }
  return { faults, oneMinimal: true };
}

/**
 * `faults` without fault `i`, and each later fault of the same kind and target one call
 * earlier — where the call the removed fault caused (a retry) no longer happens.
 * `undefined` when no later fault moves.
 */
function reaimAfter(faults: readonly PinnedFault[], i: number): PinnedFault[] | undefined {
  const removed = faults[i] as PinnedFault;
  let moved = false;
  const rest = faults.flatMap((f, j) => {
    if (j === i) return [];
    if (j < i || f.fault !== removed.fault || f.target !== removed.target || f.call <= removed.call) return [f];
    moved = true;
    return [repin(f, f.call - 1)];
  });
  return moved ? rest : undefined;
}

/** `fault` aimed at another call of its target, its options kept. */
function repin(fault: PinnedFault, call: number): PinnedFault {
  return { ...fault, call, rule: pinnedRule(fault.fault, fault.target, call, fault.rule.options as Record<string, unknown> | undefined) };
}
