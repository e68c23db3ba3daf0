import { fileURLToPath } from 'node:url';
import { DEFAULT_ACCURACY_THRESHOLD } from '@chaos/metrics';
import type { RunnerSummary } from '../types.js';
import { DEFAULT_RUN_TIMEOUT_SECONDS } from './runSettings.js';
import { commandLine, faultAssignments } from './shell.js';

/** How replay commands are written. */
export interface ReplayHintOptions {
  /**
   * The command that runs the CLI where the reader is: `chaos` when `@chaos/runner` is
   * installed, `pnpm chaos` in this repository.
   * @defaultValue `'chaos'`
   */
  readonly command?: string;
  /**
   * The `CHAOS_*` assignments a replay of a run of `scenario` needs.
   * @defaultValue the campaign's fault settings (`summary.config`) as `CHAOS_*` variables
   */
  readonly env?: (scenario: string) => Readonly<Record<string, string>>;
}

/** A module as the user can type it: a path (as given, or from a file URL). */
function modulePath(module: string | URL): string {
  const text = String(module);
  return /^file:/i.test(text) ? fileURLToPath(text) : text;
}

/**
 * The command that replays one run of a campaign alone, with everything that decides
 * its result: the `CHAOS_*` fault settings, the module of user scenarios and workflow,
 * the time mode, and a run timeout or accuracy threshold that is not the default.
 */
export function replayCommandLine(summary: RunnerSummary, scenario: string, runIndex: number, options: ReplayHintOptions = {}): string {
  const words = [options.command ?? 'chaos', 'replay', '--scenario', scenario, '--seed', summary.seed, '--run', String(runIndex)];
  if (summary.time === 'real') words.push('--time', 'real');
  if (summary.runTimeoutSeconds !== DEFAULT_RUN_TIMEOUT_SECONDS[summary.time]) words.push('--run-timeout', String(summary.runTimeoutSeconds));
  if (summary.workerModule !== undefined) words.push('--module', modulePath(summary.workerModule));
  // The threshold decides whether a recovery counts as one, so a replay must use the same.
  if (summary.accuracyThreshold !== DEFAULT_ACCURACY_THRESHOLD) words.push('--accuracy-threshold', String(summary.accuracyThreshold));
  const env = options.env?.(scenario) ?? faultAssignments(summary.config);
  return commandLine(env, words);
}
