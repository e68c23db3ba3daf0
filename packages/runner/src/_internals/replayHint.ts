import { fileURLToPath } from 'node:url';
import { DEFAULT_ACCURACY_THRESHOLD } from '@chaos/metrics';
import type { RunnerSummary, TimeMode } from '../types.js';
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

/** What names one run to replay, and the settings that decide its result. */
export interface ReplayTarget {
  readonly scenario: string;
  /** The campaign seed. */
  readonly seed: string;
  readonly runIndex: number;
  readonly time?: TimeMode;
  readonly runTimeoutSeconds?: number;
  readonly workerModule?: string | URL;
  readonly accuracyThreshold?: number;
}

/**
 * The words of `chaos replay` for one run: only the settings that differ from their
 * defaults, so the command stays as short as the run allows.
 */
export function replayWords(command: string, run: ReplayTarget): string[] {
  const time = run.time ?? 'virtual';
  const words = [command, 'replay', '--scenario', run.scenario, '--seed', run.seed, '--run', String(run.runIndex)];
  if (time === 'real') words.push('--time', 'real');
  if (run.runTimeoutSeconds !== undefined && run.runTimeoutSeconds !== DEFAULT_RUN_TIMEOUT_SECONDS[time]) words.push('--run-timeout', String(run.runTimeoutSeconds));
  if (run.workerModule !== undefined) words.push('--module', modulePath(run.workerModule));
  // The threshold decides whether a recovery counts as one, so a replay must use the same.
  if (run.accuracyThreshold !== undefined && run.accuracyThreshold !== DEFAULT_ACCURACY_THRESHOLD) words.push('--accuracy-threshold', String(run.accuracyThreshold));
  return words;
}

/**
 * The command that replays one run of a campaign alone, with everything that decides
 * its result: the `CHAOS_*` fault settings, the module of user scenarios and workflow,
 * the time mode, and a run timeout or accuracy threshold that is not the default.
 */
export function replayCommandLine(summary: RunnerSummary, scenario: string, runIndex: number, options: ReplayHintOptions = {}): string {
  const words = replayWords(options.command ?? 'chaos', {
    scenario,
    seed: summary.seed,
    runIndex,
    time: summary.time,
    runTimeoutSeconds: summary.runTimeoutSeconds,
    ...(summary.workerModule === undefined ? {} : { workerModule: summary.workerModule }),
    accuracyThreshold: summary.accuracyThreshold,
  });
  const env = options.env?.(scenario) ?? faultAssignments(summary.config);
  return commandLine(env, words);
}
