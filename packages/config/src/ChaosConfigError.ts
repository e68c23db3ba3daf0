import { ChaosError, hasChaosErrorCode } from './ChaosError.js';
import { formatValue } from '@chaos/format';

/** Where a rejected configuration value came from. */
export interface ChaosConfigErrorDetails {
  /** The environment variable (`CHAOS_CRASH_PROBABILITY`) or option (`crashProbability`). */
  readonly setting: string;
  /** The value that was given, as given. */
  readonly value: unknown;
  /** What would have been accepted. */
  readonly expected: string;
}

/**
 * A configuration value was rejected. The message names the setting, the value and
 * what is allowed: `CHAOS_CRASH_PROBABILITY="1.5" must be a number in [0, 1]`.
 */
export class ChaosConfigError extends ChaosError {
  declare readonly setting: string;
  declare readonly value: unknown;
  declare readonly expected: string;

  constructor(details: ChaosConfigErrorDetails) {
    super('CHAOS_CONFIG', `${details.setting}=${formatValue(details.value)} must be ${details.expected}`);
    this.name = 'ChaosConfigError';
    this.setting = details.setting;
    this.value = details.value;
    this.expected = details.expected;
  }
}

/** True when `error` is a {@link ChaosConfigError}, from any installed copy. */
export function isChaosConfigError(error: unknown): error is ChaosConfigError {
  return hasChaosErrorCode(error, 'CHAOS_CONFIG');
}
