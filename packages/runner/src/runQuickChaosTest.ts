import { ChaosRunner } from './ChaosRunner.js';
import type { RunnerConfig, RunnerSummary } from './types.js';

/** Options of {@link runQuickChaosTest}: any {@link RunnerConfig} option. */
export type QuickChaosTestOptions = RunnerConfig;

/**
 * A small campaign with quick defaults: every registered scenario (or those given),
 * 5 runs each, virtual time, in this thread (`concurrency: 1`).
 *
 * @throws as {@link ChaosRunner} and {@link ChaosRunner.runAll}
 * @example
 * ```ts
 * const summary = await runQuickChaosTest({ scenarios: ['ProductCrashMidUpload'], runsPerScenario: 3 });
 * if (!summary.allHeld) process.exitCode = 1;
 * ```
 */
export function runQuickChaosTest(options: QuickChaosTestOptions = {}): Promise<RunnerSummary> {
  return new ChaosRunner({ runsPerScenario: 5, concurrency: 1, ...options }).runAll();
}
