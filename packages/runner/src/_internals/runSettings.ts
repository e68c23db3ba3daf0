/**
 * The settings that decide a run's result — time mode, watchdog, fault settings,
 * accuracy threshold, workflow and initial state — checked and defaulted once, for a
 * campaign (`ChaosRunner`) and for one run replayed alone (`replayRun`, `shrinkRun`) alike.
 */
import { errorMessage } from '@chaos/format';
import { validateConfig } from '@chaos/config';
import { DEFAULT_ACCURACY_THRESHOLD } from '@chaos/metrics';
import type { WorkflowFactory } from '@chaos/scenarios';
import type { SoakConfig, TimeMode } from '../types.js';
import { fail } from './validate.js';

/** The real-time watchdog of a run when none is given, per time mode (seconds). */
export const DEFAULT_RUN_TIMEOUT_SECONDS: Readonly<Record<TimeMode, number>> = Object.freeze({ virtual: 30, real: 600 });

/** The options a run's settings are read from (a `RunnerConfig` or `ReplayRunOptions`). */
export interface RunSettingsOptions {
  readonly time?: TimeMode | undefined;
  readonly runTimeoutSeconds?: number | undefined;
  readonly config?: SoakConfig | undefined;
  readonly accuracyThreshold?: number | undefined;
  readonly workflowFactory?: WorkflowFactory | undefined;
  readonly initialState?: unknown;
}

/** The settings of a run, checked, with every default applied. */
export interface RunSettings {
  readonly time: TimeMode;
  readonly runTimeoutSeconds: number;
  readonly config: SoakConfig | undefined;
  readonly accuracyThreshold: number;
  readonly workflowFactory: WorkflowFactory | undefined;
  readonly hasInitialState: boolean;
  readonly initialState: unknown;
}

const SOAK_KEYS = [
  'crashProbability',
  'delayMs',
  'delayProbability',
  'timeoutSeconds',
  'timeoutProbability',
  'hallucinationProbability',
  'corruptionProbability',
] as const;

/**
 * Checks the settings of a run and applies the defaults: virtual time, a watchdog of
 * {@link DEFAULT_RUN_TIMEOUT_SECONDS} for the time mode, the default accuracy threshold.
 *
 * @throws `TypeError` / `RangeError` naming the option, the value and what is allowed
 */
export function resolveRunSettings(options: RunSettingsOptions): RunSettings {
  const time = options.time ?? 'virtual';
  if (time !== 'virtual' && time !== 'real') fail('time', time, "'virtual' or 'real'");
  const runTimeoutSeconds = options.runTimeoutSeconds === undefined ? DEFAULT_RUN_TIMEOUT_SECONDS[time] : options.runTimeoutSeconds;
  if (typeof runTimeoutSeconds !== 'number' || Number.isNaN(runTimeoutSeconds) || runTimeoutSeconds <= 0) {
    fail('runTimeoutSeconds', runTimeoutSeconds, 'a number of seconds > 0 (or Infinity for no watchdog)', RangeError);
  }
  if (options.workflowFactory !== undefined && typeof options.workflowFactory !== 'function') {
    fail('workflowFactory', options.workflowFactory, 'a function returning a workflow');
  }
  return {
    time,
    runTimeoutSeconds,
    config: options.config === undefined ? undefined : checkSoakConfig(options.config),
    accuracyThreshold: checkThreshold(options.accuracyThreshold),
    workflowFactory: options.workflowFactory,
    hasInitialState: options.initialState !== undefined,
    initialState: options.initialState,
  };
}

/**
 * Validates an `accuracyThreshold` option.
 *
 * @returns the threshold, or the default (`DEFAULT_ACCURACY_THRESHOLD`) for `undefined`
 * @throws `RangeError` naming the option when it is not a number in [0, 1]
 */
export function checkThreshold(value: unknown): number {
  if (value === undefined) return DEFAULT_ACCURACY_THRESHOLD;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail('accuracyThreshold', value, 'a number in [0, 1]', RangeError);
  return value;
}

/**
 * Validates soak probabilities: only fault settings, each in its range.
 *
 * @returns a frozen copy without `undefined` values
 */
export function checkSoakConfig(value: unknown): SoakConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('config', value, 'an object of fault probabilities');
  }
  for (const key of Object.keys(value)) {
    if (!(SOAK_KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`Unknown \`config\` option \`${key}\`. Known options: ${SOAK_KEYS.join(', ')}`);
    }
  }
  try {
    validateConfig(value as SoakConfig);
  } catch (error: unknown) {
    throw new RangeError(`Invalid \`config\`: ${errorMessage(error)}`, { cause: error });
  }
  return Object.freeze(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))) as SoakConfig;
}
